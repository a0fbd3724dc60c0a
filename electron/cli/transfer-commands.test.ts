import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PailError } from '../../shared/errors';
import type { AppServices } from '../app-services';
import { randomFile, sha256File } from '../services/transfers/test-kit';
import { addGatewayProfile, createTestBucket, freshServices, rawClient } from '../test-support/gateway';
import { capturedIo } from '../test-support/cli-io';
import { UsageError } from './cli-kit';
import { progressLine, TRANSFER_COMMANDS } from './transfer-commands';

/** Runs `pail cp …` as runCli would (exit 2 for usage, 1 for errors), capturing both streams. */
async function cp(services: AppServices, args: string[]) {
  const captured = capturedIo();
  let code = 0;
  let failure = '';
  try {
    await TRANSFER_COMMANDS.cp(services, args, captured.io);
  } catch (error) {
    code = error instanceof UsageError ? 2 : 1;
    failure = `pail: ${error instanceof PailError ? `${error.code}: ` : ''}${(error as Error).message}\n`;
  }
  return { code, out: captured.out(), err: captured.err() + failure };
}

describe('pail cp', () => {
  const s3 = rawClient();
  let services: AppServices;
  let dispose: () => Promise<void>;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let dir: string;

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    await addGatewayProfile(services, 'gw');
    bucket = await createTestBucket('cp');
    dir = await mkdtemp(join(tmpdir(), 'pail-cp-'));
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
    await rm(dir, { recursive: true, force: true });
  });

  const keys = async (prefix: string) => ((await s3.send(new ListObjectsV2Command({ Bucket: bucket.name, Prefix: prefix }))).Contents ?? []).map((c) => c.Key!).sort();

  it('uploads a file to a prefix or to an exact key, and downloads it back', async () => {
    const file = await randomFile(join(dir, 'song.mp3'), 20 * 1024 * 1024);
    const up = await cp(services, [file, `gw:${bucket.name}/music/`]);
    expect(up).toMatchObject({ code: 0, out: expect.stringMatching(/^Uploaded 1 file \(20 MiB\) in [\d.]+ s, .+\/s\.\n$/) });
    expect((await cp(services, [file, `gw:${bucket.name}/exact.mp3`])).code).toBe(0);
    expect(await keys('')).toEqual(['exact.mp3', 'music/song.mp3']);

    await mkdir(join(dir, 'back'));
    const into = await cp(services, [`gw:${bucket.name}/music/song.mp3`, join(dir, 'back')]);
    expect(into.code).toBe(0);
    expect(await sha256File(join(dir, 'back', 'song.mp3'))).toBe(await sha256File(file));
    const as = await cp(services, [`gw:${bucket.name}/exact.mp3`, join(dir, 'back', 'renamed.mp3')]);
    expect(as.out).toMatch(/^Downloaded 1 file \(20 MiB\)/);
    expect(await sha256File(join(dir, 'back', 'renamed.mp3'))).toBe(await sha256File(file));
  });

  it('copies folders with --recursive, both ways, keeping structure and empty folders', async () => {
    const tree = join(dir, 'site');
    await mkdir(join(tree, 'css'), { recursive: true });
    await mkdir(join(tree, 'empty'), { recursive: true });
    await writeFile(join(tree, 'index.html'), '<h1>hi</h1>');
    await writeFile(join(tree, 'css', 'a.css'), 'body{}');
    const up = await cp(services, [tree, `gw:${bucket.name}/www`, '--recursive', '--concurrency', '4']);
    expect(up.out).toMatch(/^Uploaded 3 files/);
    expect(await keys('www/')).toEqual(['www/css/a.css', 'www/empty/', 'www/index.html']);
    const down = await cp(services, [`gw:${bucket.name}/www/`, join(dir, 'copy'), '--recursive']);
    expect(down.code).toBe(0);
    expect((await readdir(join(dir, 'copy'), { recursive: true })).sort()).toEqual(['css', 'css/a.css', 'empty', 'index.html']);
    expect(await readFile(join(dir, 'copy', 'index.html'), 'utf8')).toBe('<h1>hi</h1>');

    const marker = await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'www/empty/' }));
    const skip = await cp(services, [tree, `gw:${bucket.name}/www/`, '--recursive', '--if-exists', 'skip']);
    expect(skip.out).toMatch(/^Uploaded 0 files .*; 3 skipped \(they exist\)\.\n$/);
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'www/empty/' }))).LastModified).toEqual(marker.LastModified);
  });

  it('lists each failure and exits non-zero', async () => {
    const result = await cp(services, [`gw:${bucket.name}/no/such/key.txt`, join(dir, 'missing')]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/failed: no\/such\/key\.txt: NoSuchKey: /);
    expect(result.err).toMatch(/1 of 1 transfers failed/);
    expect(result.out).toMatch(/1 failed\.\n$/);
  });

  it('refuses wrong command lines', async () => {
    expect((await cp(services, [dir, `gw:${bucket.name}/x/`])).err).toMatch(/add --recursive/);
    expect((await cp(services, ['a.txt', 'b.txt'])).code).toBe(2);
    expect((await cp(services, [`gw:${bucket.name}/x/`, dir])).err).toMatch(/is a folder/);
    expect((await cp(services, [join(dir, 'song.mp3'), `gw:${bucket.name}/`, '--concurrency', '0'])).code).toBe(2);
  });

  it('draws one progress line: percent, bytes, rate, ETA, files; and says when the server has stopped answering', () => {
    const batch = {
      id: 'b',
      direction: 'upload',
      title: '',
      profileId: 'p',
      bucket: 'b',
      conflictPolicy: 'overwrite',
      counts: { queued: 1, running: 1, paused: 0, conflict: 0, verifying: 0, done: 3, skipped: 0, failed: 0, cancelled: 0 },
      files: 5,
      bytes: 512 * 1024 * 1024,
      total: 1024 * 1024 * 1024,
      rate: 200 * 1024 * 1024,
      etaSeconds: 3,
      finished: false,
      createdAt: '',
    } as const;
    expect(progressLine(batch)).toBe(' 50%  512 MiB / 1.0 GiB  200 MiB/s  ETA 3s  3/5 files');
    expect(progressLine({ ...batch, rate: 0, etaSeconds: undefined, silentSeconds: 12 })).toBe(' 50%  512 MiB / 1.0 GiB  not answering for 12 s  3/5 files');
  });
});
