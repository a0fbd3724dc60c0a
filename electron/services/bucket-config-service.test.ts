import { GetBucketLifecycleConfigurationCommand, PutBucketLifecycleConfigurationCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { CORS_PRESETS } from '../../shared/cors';
import { POLICY_TEMPLATES, policySummary } from '../../shared/bucket-policy';
import { abortIncompleteRule, type LifecycleRule } from '../../shared/lifecycle';
import { addGatewayProfile, createTestBucket, freshServices, gateway, putObjects, rawClient, strangerFetch } from '../test-support/gateway';

/** What a browser's preflight for a PUT from `origin` gets: the status and the origin allowed. */
async function preflight(bucket: string, origin: string) {
  const answer = await strangerFetch(`${gateway().endpoint}/${bucket}/upload.txt`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
  });
  return { status: answer.status, allowOrigin: answer.headers.get('access-control-allow-origin') };
}

describe('CORS rules on the gateway', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let bucket: { name: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services)).id;
    bucket = await createTestBucket('cors');
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('reads no rules on a new bucket, and a browser’s preflight is refused', async () => {
    expect(await services.bucketConfig.cors({ profileId, bucket: bucket.name })).toEqual({ rules: [] });
    expect((await preflight(bucket.name, 'https://app.example')).status).toBe(403);
  });

  it('saves rules and reads them back as saved; the preflight from that origin then passes, others still fail', async () => {
    const rules = [
      CORS_PRESETS['browser-uploads']('https://app.example'),
      { id: 'fonts', allowedOrigins: ['https://*.example.org'], allowedMethods: ['GET' as const], allowedHeaders: [], exposeHeaders: [] },
    ];
    const saved = await services.bucketConfig.setCors({ profileId, bucket: bucket.name, rules });
    expect(saved).toEqual({ rules });
    expect(await services.bucketConfig.cors({ profileId, bucket: bucket.name })).toEqual({ rules });
    expect(await preflight(bucket.name, 'https://app.example')).toEqual({ status: 200, allowOrigin: 'https://app.example' });
    expect((await preflight(bucket.name, 'https://evil.example')).status).toBe(403);
  });

  it('removes the configuration when given no rules', async () => {
    await services.bucketConfig.setCors({ profileId, bucket: bucket.name, rules: [CORS_PRESETS['read-anywhere']()] });
    expect(await services.bucketConfig.setCors({ profileId, bucket: bucket.name, rules: [] })).toEqual({ rules: [] });
    expect((await preflight(bucket.name, 'https://app.example')).status).toBe(403);
  });

  it('says which bucket is missing, in Pail’s words', async () => {
    await expect(services.bucketConfig.cors({ profileId, bucket: 'pail-no-such-bucket-cors' })).rejects.toMatchObject({ code: 'NoSuchBucket' });
  });
});

describe('lifecycle rules on the gateway', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let bucket: { name: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services)).id;
    bucket = await createTestBucket('lifecycle');
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('reads none, saves rules of every kind Pail edits, and reads them back as saved', async () => {
    expect(await services.bucketConfig.lifecycle({ profileId, bucket: bucket.name })).toEqual({ rules: [] });
    const rules: LifecycleRule[] = [
      { id: 'logs', enabled: true, prefix: 'logs/', tags: [], expireDays: 30, expireNoncurrentDays: 7, abortIncompleteDays: 3, transitions: [] },
      { id: 'web', enabled: false, prefix: 'site/', tags: [{ key: 'team', value: 'web' }], transitions: [{ days: 40, storageClass: 'STANDARD_IA' }] },
      { id: 'tagged', enabled: true, prefix: '', tags: [{ key: 'tmp', value: 'yes' }], expireDays: 1, transitions: [] },
      abortIncompleteRule(7),
    ];
    // Rules have no order that matters; Ceph keeps them by name.
    const byId = (list: LifecycleRule[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId((await services.bucketConfig.setLifecycle({ profileId, bucket: bucket.name, rules })).rules)).toEqual(byId(rules));
    expect(byId((await services.bucketConfig.lifecycle({ profileId, bucket: bucket.name })).rules)).toEqual(byId(rules));
  });

  it('keeps a rule it cannot edit as the server had it while the others change', async () => {
    await rawClient().send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: bucket.name,
        LifecycleConfiguration: {
          Rules: [
            { ID: 'dated', Status: 'Enabled', Filter: { Prefix: 'old/' }, Expiration: { Date: new Date('2030-01-01T00:00:00Z') } },
            { ID: 'mine', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 2 } },
          ],
        },
      }),
    );
    const { rules } = await services.bucketConfig.lifecycle({ profileId, bucket: bucket.name });
    expect(rules[0]).toMatchObject({ id: 'dated', locked: ['an expiry date'] });
    const saved = await services.bucketConfig.setLifecycle({ profileId, bucket: bucket.name, rules: [rules[0], { ...rules[1], expireDays: 5 }] });
    expect(saved.rules.map((r) => [r.id, r.expireDays, r.locked])).toEqual([
      ['dated', undefined, ['an expiry date']],
      ['mine', 5, undefined],
    ]);
    const raw = await rawClient().send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket.name }));
    expect(raw.Rules?.find((r) => r.ID === 'dated')?.Expiration?.Date?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });

  it('removes the configuration when given no rules', async () => {
    expect(await services.bucketConfig.setLifecycle({ profileId, bucket: bucket.name, rules: [] })).toEqual({ rules: [] });
  });
});

describe('a bucket policy on the gateway', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let bucket: { name: string; cleanup: () => Promise<void> };
  const anonymous = (key: string) => strangerFetch(`${gateway().endpoint}/${bucket.name}/${key}`).then((answer) => answer.status);

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services)).id;
    bucket = await createTestBucket('policy');
    await putObjects(bucket.name, ['public/a.txt', 'private/b.txt']);
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('has none at first; the public-read template for public/ lets anyone read only there; removing it closes it again', async () => {
    expect(await services.bucketConfig.policy({ profileId, bucket: bucket.name })).toEqual({ policy: null });
    expect(await anonymous('public/a.txt')).toBe(403);
    const saved = await services.bucketConfig.setPolicy({ profileId, bucket: bucket.name, policy: POLICY_TEMPLATES['public-read'](bucket.name, 'public/') });
    expect(policySummary(saved.policy!, bucket.name)).toEqual(['Anyone may read objects under public/.']);
    expect(await anonymous('public/a.txt')).toBe(200);
    expect(await anonymous('private/b.txt')).toBe(403);
    expect(await services.bucketConfig.setPolicy({ profileId, bucket: bucket.name, policy: null })).toEqual({ policy: null });
    expect(await anonymous('public/a.txt')).toBe(403);
  });

  it('says what is wrong with a text that is no policy, before sending it', async () => {
    await expect(services.bucketConfig.setPolicy({ profileId, bucket: bucket.name, policy: '{"Statement": [{"Effect": "Allow"}]}' })).rejects.toMatchObject({
      code: 'InvalidRequest',
      message: 'That is not a bucket policy. Statement 1 needs an "Action", such as "s3:GetObject".',
    });
  });

  it('passes on the server’s refusal of a policy it does not accept, in words', async () => {
    const odd = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:NoSuchAction', Resource: `arn:aws:s3:::${bucket.name}/*` }],
    });
    const error = await services.bucketConfig.setPolicy({ profileId, bucket: bucket.name, policy: odd }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'InvalidArgument',
      message: expect.stringMatching(/^The server refused the policy of /),
      hint: expect.stringMatching(/^Check the actions/),
    });
  });
});
