import { createHash, randomBytes } from 'node:crypto';
import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptionInWords } from '../../shared/object-details';
import type { AppServices } from '../app-services';
import { addHttpsGatewayProfile, emptyAndDeleteBucket, freshServices, rawClient, uniqueBucketName } from '../test-support/gateway';
import { toDetails } from './object-details-service';

/** Ceph encrypts at rest only over TLS: this file speaks HTTPS to the gateway in either project. */
describe('an object’s encryption, as its HEAD reports it', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let client: S3Client;
  const bucket = uniqueBucketName('sse');

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addHttpsGatewayProfile(services, 'tls')).id;
    client = rawClient(0, { tls: true });
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  afterAll(async () => {
    await emptyAndDeleteBucket(bucket).catch(() => undefined);
    await dispose?.();
  });

  it('says "not reported" for an object the gateway reports no encryption for, and explains an SSE-C object it will not describe without its key', async () => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'plain.txt', Body: 'open' }));
    const plain = await services.details.details({ profileId, bucket, key: 'plain.txt' });
    expect(plain.encryption).toBeUndefined();
    expect(encryptionInWords(plain.encryption)).toBe('Not reported by the server.');

    const key = randomBytes(32);
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'sealed ü.txt',
        Body: 'secret',
        SSECustomerAlgorithm: 'AES256',
        SSECustomerKey: key.toString('base64'),
        SSECustomerKeyMD5: createHash('md5').update(key).digest('base64'),
      }),
    );
    await expect(services.details.details({ profileId, bucket, key: 'sealed ü.txt' })).rejects.toMatchObject({
      message: 'sealed ü.txt is encrypted with a key its uploader holds (SSE-C): the server shows nothing of it without that key.',
      hint: expect.stringMatching(/^Read it with the tool and the key it was uploaded with/),
    });
  });

  it('says SSE-KMS with its key and bucket key, and SSE-C, from the headers AWS sends (replayed)', () => {
    const kms = toDetails('b', 'k', {
      $metadata: {},
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/abcd',
      BucketKeyEnabled: true,
    });
    expect(encryptionInWords(kms.encryption)).toBe('SSE-KMS: encrypted with key arn:aws:kms:eu-west-1:111122223333:key/abcd, through a bucket key.');
    const customer = toDetails('b', 'k', { $metadata: {}, SSECustomerAlgorithm: 'AES256' });
    expect(encryptionInWords(customer.encryption)).toBe('SSE-C (AES256): encrypted with a key the uploader holds; reading it needs that key.');
  });
});
