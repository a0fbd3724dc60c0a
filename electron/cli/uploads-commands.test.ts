import { randomUUID } from 'node:crypto';
import { CreateMultipartUploadCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { addGatewayProfile, createTestBucket, freshServices, rawClient } from '../test-support/gateway';
import { runCliOn } from '../test-support/cli-io';
import { TransferStateStore } from '../services/transfers/state/state-store';
import type { UnfinishedUploadList } from '../../shared/unfinished-uploads';

const cli = runCliOn;

async function startUpload(bucket: string, key: string, bytes: number): Promise<string> {
  const client = rawClient();
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
  await client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 1, Body: Buffer.alloc(bytes, 1), ContentLength: bytes }));
  return UploadId!;
}

describe('pail uploads ls and abort', () => {
  let services: AppServices;
  let dataDir: string;
  let dispose: () => Promise<void>;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let target: string;
  let ids: { big: string; odd: string; other: string };

  beforeAll(async () => {
    ({ services, dataDir, dispose } = await freshServices());
    const profile = await addGatewayProfile(services, 'ceph');
    bucket = await createTestBucket('cli-uploads');
    target = `ceph:${bucket.name}`;
    ids = {
      big: await startUpload(bucket.name, 'videos/big.mov', 300_000),
      odd: await startUpload(bucket.name, 'videos/new\nline.mov', 2000),
      other: await startUpload(bucket.name, 'notes.txt', 100),
    };
    // Pail's own transfer of videos/big.mov, as a run cut short leaves it.
    await new TransferStateStore(dataDir).save({
      version: 1,
      kind: 'upload',
      id: randomUUID(),
      profileId: profile.id,
      bucket: bucket.name,
      key: 'videos/big.mov',
      createdAt: new Date().toISOString(),
      ownerPid: process.pid,
      filePath: '/home/ann/big.mov',
      size: 300_000,
      mtimeMs: 1,
      partSize: 8 * 1024 * 1024,
      uploadId: ids.big,
      contentType: 'video/quicktime',
      parts: {},
    });
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('lists them with the space they hold, each id, Pail’s own marked, and control characters shown, not sent to the terminal', async () => {
    const { code, out } = await cli(services, ['uploads', 'ls', target]);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe(`3 unfinished uploads hold 295 KiB in 3 parts in ${bucket.name}/.`);
    expect(out).toContain(`upload id ${ids.big}  (started by Pail here, from /home/ann/big.mov; aborting it means that transfer starts over)`);
    expect(out).toMatch(/ 1 part +2\.0 KiB {2}videos\/new␊line\.mov\n/);
    expect(out).not.toContain('new\nline');
  });

  it('prints JSON with --json, the same list the app reads', async () => {
    const { code, out } = await cli(services, ['uploads', 'ls', `${target}/videos/`, '--json']);
    expect(code).toBe(0);
    const list = JSON.parse(out) as UnfinishedUploadList;
    expect(list.uploads.map((upload) => upload.key).sort()).toEqual(['videos/big.mov', 'videos/new\nline.mov']);
    expect(list.totalBytes).toBe(302_000);
    expect(list.uploads.find((upload) => upload.uploadId === ids.big)?.fromPail).toEqual({ filePath: '/home/ann/big.mov' });
  });

  it('previews with --dry-run and changes nothing', async () => {
    const { code, out } = await cli(services, ['uploads', 'abort', `${target}/videos/`, '--all', '--dry-run']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Would abort: 2 unfinished uploads hold 295 KiB in 2 parts in .*\/videos\/\./);
    expect(out).toMatch(/Nothing was changed \(--dry-run\)\.\n$/);
    expect(JSON.parse((await cli(services, ['uploads', 'ls', target, '--json'])).out).uploads).toHaveLength(3);
  });

  it('refuses to guess: no ids and no --all, both, an unknown id, a bad --older-than', async () => {
    expect((await cli(services, ['uploads', 'abort', target])).code).toBe(2);
    expect((await cli(services, ['uploads', 'abort', target, '--all', '--upload-id', ids.big])).code).toBe(2);
    expect((await cli(services, ['uploads', 'abort', target, '--all', '--older-than', 'soon'])).err).toMatch(/--older-than takes a number of days/);
    const unknown = await cli(services, ['uploads', 'abort', target, '--upload-id', 'no-such-id']);
    expect(unknown).toMatchObject({ code: 1, err: expect.stringMatching(/^pail: NoSuchUpload: No unfinished upload has the id no-such-id here\./) });
    expect(JSON.parse((await cli(services, ['uploads', 'ls', target, '--json'])).out).uploads).toHaveLength(3);
  });

  it('keeps uploads younger than --older-than, then aborts by id and says what it freed', async () => {
    const young = await cli(services, ['uploads', 'abort', target, '--all', '--older-than', '1']);
    expect(young).toMatchObject({ code: 0, out: `No unfinished uploads to abort in ${bucket.name}/ started more than 1 day ago.\n` });
    const one = await cli(services, ['uploads', 'abort', target, '--upload-id', ids.other]);
    expect(one).toMatchObject({ code: 0, out: 'Aborted the unfinished upload of notes.txt.\nThat freed 100 B (1 part).\n' });
    const all = await cli(services, ['uploads', 'abort', `${target}/videos/`, '--all']);
    expect(all).toMatchObject({ code: 0, out: 'Aborted 2 unfinished uploads.\nThat freed 295 KiB (2 parts).\n' });
    expect((await cli(services, ['uploads', 'ls', target])).out).toBe(`No unfinished uploads in ${bucket.name}/.\n`);
  });
});
