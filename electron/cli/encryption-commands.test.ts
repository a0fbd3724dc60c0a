import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HeadBucketCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { runCliOn } from '../test-support/cli-io';
import { awsBucketEncryption, startFaultProxy, type FaultProxy } from '../test-support/fault-proxy';
import { addGatewayProfile, addHttpsGatewayProfile, freshServices, gateway, rawClient, testBuckets } from '../test-support/gateway';

const cli = runCliOn;

describe('pail encryption, and pail cp --sse', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let dataDir: string;
  let proxy: FaultProxy;
  const buckets = testBuckets();
  const bucket = buckets.make;

  beforeAll(async () => {
    ({ services, dispose, dataDir } = await freshServices());
    await addGatewayProfile(services, 'ceph');
    await addHttpsGatewayProfile(services, 'tls');
    proxy = await startFaultProxy({ target: gateway().plainEndpoint, rules: [awsBucketEncryption('sse-s3')] });
    await addGatewayProfile(services, 'aws', 0, { endpoint: proxy.endpoint });
  });
  afterAll(async () => {
    await proxy?.close();
    await buckets.cleanup();
    await dispose?.();
  });

  it('on a server without bucket encryption (Ceph 16): says so, and rm leaves the empty bucket alone', async () => {
    const name = await bucket('cli-sse-ceph');
    const get = await cli(services, ['encryption', 'get', `ceph:${name}`]);
    expect(get.code).toBe(1);
    expect(get.err).toContain('This server does not support default bucket encryption');
    expect((await cli(services, ['encryption', 'rm', `ceph:${name}`])).err).toContain('This server does not support default bucket encryption');
    await rawClient().send(new HeadBucketCommand({ Bucket: name }));
  });

  it('shows, sets (with a dry run first) and removes the default with AWS’s answers replayed; --json goes back into set --file', async () => {
    const name = await bucket('cli-sse-aws');
    const target = `aws:${name}`;
    expect((await cli(services, ['encryption', 'get', target])).out).toBe(
      `${name}: New objects are encrypted at rest with SSE-S3: the provider holds and manages the keys.\n`,
    );
    const dry = await cli(services, ['encryption', 'set', target, '--sse', 'aws:kms', '--kms-key-id', 'alias/logs', '--bucket-key', '--dry-run']);
    expect(dry.out).toBe(
      'Would set the default: SSE-KMS with key alias/logs and a bucket key. Objects already stored keep the encryption they have.\nNothing was changed (--dry-run).\n',
    );
    const set = await cli(services, ['encryption', 'set', target, '--sse', 'aws:kms', '--kms-key-id', 'alias/logs', '--bucket-key']);
    expect(set.out).toBe(
      'Set the default: SSE-KMS with key alias/logs and a bucket key. Objects already stored keep the encryption they have.\n' +
        `${name}: New objects are encrypted at rest with SSE-KMS, with key alias/logs. A bucket key is used, so KMS is called (and billed) far less often.\n`,
    );
    const json = (await cli(services, ['encryption', 'get', target, '--json'])).out;
    expect(JSON.parse(json)).toEqual({ rule: { algorithm: 'aws:kms', kmsKeyId: 'alias/logs', bucketKey: true } });

    expect((await cli(services, ['encryption', 'rm', target])).out).toBe(
      `Removed the default encryption.\n${name}: New objects are encrypted at rest with SSE-S3: the provider holds and manages the keys.\n`,
    );
    expect((await cli(services, ['encryption', 'set', target, '--file', '-'], json)).code).toBe(0);
    expect(JSON.parse((await cli(services, ['encryption', 'get', target, '--json'])).out)).toEqual(JSON.parse(json));
    expect((await cli(services, ['encryption', 'set', target, '--sse', 'des'])).err).toContain('--sse is AES256, aws:kms, aws:kms:dsse (not "des").');
    expect((await cli(services, ['encryption', 'set', target, '--sse', 'AES256', '--kms-key-id', 'k'])).err).toContain('A KMS key goes with SSE-KMS only.');
  });

  it('cp --sse aws:kms stores the object under the KMS key over HTTPS; --sse AES256 that Ceph 16 does not confirm is noted; refused over HTTP', async () => {
    const name = await bucket('cli-sse-cp');
    const file = join(dataDir, 'secret.txt');
    await writeFile(file, 'top secret');
    const { kmsKeyId } = gateway();

    const kms = await cli(services, ['cp', file, `tls:${name}/kms.txt`, '--sse', 'aws:kms', '--sse-kms-key-id', kmsKeyId]);
    expect(kms.code).toBe(0);
    expect(await rawClient(0, { tls: true }).send(new HeadObjectCommand({ Bucket: name, Key: 'kms.txt' }))).toMatchObject({
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: kmsKeyId,
    });

    const s3 = await cli(services, ['cp', file, `tls:${name}/s3.txt`, '--sse', 'AES256']);
    expect(s3.code).toBe(0);
    expect(s3.err).toContain('note: s3.txt: SSE-S3 encryption was asked for, but the server did not confirm it');

    const plain = await cli(services, ['cp', file, `ceph:${name}/plain.txt`, '--sse', 'aws:kms', '--sse-kms-key-id', kmsKeyId]);
    expect(plain.code).not.toBe(0);
    expect(plain.err).toContain(`The server refused SSE-KMS with key ${kmsKeyId} over plain HTTP: it takes encryption headers only over HTTPS.`);
    expect((await cli(services, ['cp', file, `ceph:${name}/x.txt`, '--sse', 'AES256', '--sse-kms-key-id', 'k'])).err).toContain(
      '--sse-kms-key-id goes with --sse aws:kms, not AES256.',
    );
  });
});
