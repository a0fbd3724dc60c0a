import { DeleteBucketEncryptionCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketEncryptionInWords } from '../../shared/encryption';
import type { AppServices } from '../app-services';
import { awsBucketEncryption, startFaultProxy, type FaultProxy } from '../test-support/fault-proxy';
import { addGatewayProfile, freshServices, gateway, rawClient, testBuckets } from '../test-support/gateway';

describe('a bucket’s default encryption', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let proxy: FaultProxy | undefined;
  const buckets = testBuckets();
  const bucket = buckets.make;

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services)).id;
  });
  afterAll(async () => {
    await proxy?.close();
    await buckets.cleanup();
    await dispose?.();
  });

  describe('on the gateway (Ceph 16, which has none)', () => {
    it('is refused as not supported, in words, instead of shown as "no default encryption"', async () => {
      const name = await bucket('sse-none');
      await expect(services.bucketConfig.encryption({ profileId, bucket: name })).rejects.toMatchObject({
        code: 'NotImplemented',
        message: `This server does not support default bucket encryption: asked for the encryption of ${name}, it answered with something else (Ceph before version 17 answers with the bucket's listing).`,
      });
    });

    it('never sends the removal, which Ceph 16 takes for deleting the (empty) bucket', async () => {
      const name = await bucket('sse-keep');
      await expect(services.bucketConfig.setEncryption({ profileId, bucket: name, rule: null })).rejects.toMatchObject({ code: 'NotImplemented' });
      await expect(services.bucketConfig.setEncryption({ profileId, bucket: name, rule: { algorithm: 'AES256', bucketKey: false } })).rejects.toMatchObject({
        code: 'NotImplemented',
      });
      await rawClient().send(new HeadBucketCommand({ Bucket: name }));

      // What the guard is for: the same request sent as the SDK would send it deletes the bucket.
      const doomed = await bucket('sse-doomed');
      await rawClient().send(new DeleteBucketEncryptionCommand({ Bucket: doomed }));
      await expect(rawClient().send(new HeadBucketCommand({ Bucket: doomed }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    });
  });

  describe('with AWS’s answers replayed', () => {
    let proxied: string;
    let rule: ReturnType<typeof awsBucketEncryption>;
    beforeAll(async () => {
      proxy = await startFaultProxy({ target: gateway().plainEndpoint });
      proxied = (await addGatewayProfile(services, 'aws-like', 0, { endpoint: proxy.endpoint })).id;
    });

    it('reads SSE-S3 (every AWS bucket since 2023), sets SSE-KMS with a key and a bucket key, and removing goes back to SSE-S3', async () => {
      rule = awsBucketEncryption('sse-s3');
      proxy!.setRules([rule]);
      const name = await bucket('sse-aws');
      const place = { profileId: proxied, bucket: name };
      expect(await services.bucketConfig.encryption(place)).toEqual({ rule: { algorithm: 'AES256', bucketKey: false } });

      const key = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
      const saved = await services.bucketConfig.setEncryption({ ...place, rule: { algorithm: 'aws:kms', kmsKeyId: key, bucketKey: true } });
      expect(saved).toEqual({ rule: { algorithm: 'aws:kms', kmsKeyId: key, bucketKey: true } });
      // What went over the wire is S3's configuration document.
      expect(rule.stored(name)).toContain(`<SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>${key}</KMSMasterKeyID>`);
      expect(rule.stored(name)).toContain('<BucketKeyEnabled>true</BucketKeyEnabled>');
      expect(bucketEncryptionInWords(saved.rule)).toBe(
        `New objects are encrypted at rest with SSE-KMS, with key ${key}. A bucket key is used, so KMS is called (and billed) far less often.`,
      );

      expect(await services.bucketConfig.setEncryption({ ...place, rule: null })).toEqual({ rule: { algorithm: 'AES256', bucketKey: false } });
    });

    it('on a provider that starts with none: sets SSE-S3, removes it, and sends no removal when there is nothing to remove', async () => {
      rule = awsBucketEncryption('none');
      proxy!.setRules([rule]);
      const name = await bucket('sse-fresh');
      const place = { profileId: proxied, bucket: name };
      expect(await services.bucketConfig.encryption(place)).toEqual({ rule: null });
      expect(await services.bucketConfig.setEncryption({ ...place, rule: { algorithm: 'AES256', bucketKey: false } })).toEqual({
        rule: { algorithm: 'AES256', bucketKey: false },
      });
      expect(await services.bucketConfig.setEncryption({ ...place, rule: null })).toEqual({ rule: null });
      const deletes = () => proxy!.log.filter((entry) => entry.method === 'DELETE' && entry.url.includes('encryption')).length;
      const before = deletes();
      expect(await services.bucketConfig.setEncryption({ ...place, rule: null })).toEqual({ rule: null });
      expect(deletes()).toBe(before);
    });
  });
});
