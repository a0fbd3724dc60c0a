import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { CORS_PRESETS } from '../../shared/cors';
import { addGatewayProfile, createTestBucket, freshServices, gateway, strangerFetch } from '../test-support/gateway';

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
