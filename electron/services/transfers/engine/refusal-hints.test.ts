import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeletePublicAccessBlockCommand, PutPublicAccessBlockCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTHING_BLOCKED, uploadsBlockedHint } from '../../../../shared/public-access-block';
import { startFaultProxy, type FaultProxy } from '../../../test-support/fault-proxy';
import { createTestBucket, gateway, keysUnder, rawClient } from '../../../test-support/gateway';
import { transferFixture } from '../test-kit';
import { UploadRefusalHints } from './refusal-hints';

describe('a refused upload explained by the bucket’s settings', () => {
  const s3 = rawClient();
  let blocked: { name: string; cleanup: () => Promise<void> };
  let strangers: { name: string; cleanup: () => Promise<void> };
  let proxy: FaultProxy;
  let fx: Awaited<ReturnType<typeof transferFixture>>;
  let dir: string;

  beforeAll(async () => {
    blocked = await createTestBucket('acls-blocked');
    // Ceph refuses every upload, even its owner's private one, while "Block public ACLs" is on.
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: blocked.name, PublicAccessBlockConfiguration: { BlockPublicAcls: true } }));
    strangers = await createTestBucket('not-ours', 1);
    proxy = await startFaultProxy({ target: gateway().endpoint });
    fx = await transferFixture({ endpoint: proxy.endpoint });
    dir = await mkdtemp(join(tmpdir(), 'pail-refused-'));
    for (const name of ['a.txt', 'b.txt', 'c.txt']) await writeFile(join(dir, name), name);
  });
  afterAll(async () => {
    await fx?.dispose();
    await proxy?.close();
    await s3.send(new DeletePublicAccessBlockCommand({ Bucket: blocked.name })).catch(() => {});
    await blocked?.cleanup();
    await strangers?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  const uploadAll = async (bucket: string) => {
    const started = await fx.upload(
      bucket,
      'in/',
      ['a.txt', 'b.txt', 'c.txt'].map((name) => ({ path: join(dir, name) })),
    );
    await fx.engine.settled(started.batchId);
    return fx.engine.list().transfers.filter((t) => t.batchId === started.batchId);
  };

  it('says "Block public ACLs" is why, reading the settings once for the whole batch', async () => {
    const transfers = await uploadAll(blocked.name);
    expect(transfers.map((t) => [t.state, t.error?.code, t.error?.hint])).toEqual(Array(3).fill(['failed', 'AccessDenied', uploadsBlockedHint]));
    expect(transfers[0].error?.message).toMatch(new RegExp(`^${blocked.name} refused the upload: its Block Public Access is on \\(uploading in/`));
    expect(proxy.log.filter((r) => r.method === 'GET' && r.url.includes('publicAccessBlock')).length).toBe(1);
    expect(await keysUnder(blocked.name, 'in/')).toEqual([]);
  });

  it('keeps the server’s own words when the settings do not explain it (another owner’s bucket)', async () => {
    const transfers = await uploadAll(strangers.name);
    expect(transfers.map((t) => [t.state, t.error?.code])).toEqual(Array(3).fill(['failed', 'AccessDenied']));
    for (const t of transfers) expect(t.error?.hint).not.toBe(uploadsBlockedHint);
  });
});

describe('UploadRefusalHints', () => {
  const client = {} as S3Client;

  it('reads a bucket’s settings again after a minute, and explains nothing when the reading fails', async () => {
    let now = 0;
    let reads = 0;
    let answer: () => Promise<typeof NOTHING_BLOCKED> = async () => ({ ...NOTHING_BLOCKED, blockPublicAcls: true });
    const hints = new UploadRefusalHints(
      () => ((reads += 1), answer()),
      () => now,
    );
    expect(await hints.hintFor('p', client, 'b')).toBe(uploadsBlockedHint);
    expect(await hints.hintFor('p', client, 'b')).toBe(uploadsBlockedHint);
    expect(reads).toBe(1);
    now = 61_000;
    answer = async () => {
      throw new Error('AccessDenied');
    };
    expect(await hints.hintFor('p', client, 'b')).toBeUndefined();
    expect(reads).toBe(2);
    answer = async () => NOTHING_BLOCKED;
    expect(await hints.hintFor('p', client, 'other')).toBeUndefined();
  });
});
