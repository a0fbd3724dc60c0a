import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomFile, sha256File } from '../services/transfers/test-kit';
import { cliHome, runPail } from '../test-support/cli-process';
import { createTestBucket, rawClient } from '../test-support/gateway';
import { progressLine } from './transfer-commands';

describe('pail cp (the real binary, its own data folder)', () => {
  const s3 = rawClient();
  let home: { home: string; dispose: () => Promise<void> };
  let bucket: { name: string; cleanup: () => Promise<void> };
  let dir: string;
  /** Runs `pail cp ARGS…`: exit code, stdout, stderr. */
  const cp = (args: string[]) => runPail(home.home, ['cp', ...args]);

  beforeAll(async () => {
    home = await cliHome();
    bucket = await createTestBucket('cp');
    dir = await mkdtemp(join(tmpdir(), 'pail-cp-'));
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await home?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  const keys = async (prefix: string) =>
    ((await s3.send(new ListObjectsV2Command({ Bucket: bucket.name, Prefix: prefix }))).Contents ?? []).map((c) => c.Key!).sort();

  it('uploads a file to a prefix or to an exact key, and downloads it back', async () => {
    const file = await randomFile(join(dir, 'song.mp3'), 20 * 1024 * 1024);
    const up = await cp([file, `gw:${bucket.name}/music/`]);
    expect(up).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Uploaded 1 file \(20 MiB\) in [\d.]+ s, .+\/s\.\n$/) });
    expect((await cp([file, `gw:${bucket.name}/exact.mp3`])).code).toBe(0);
    expect(await keys('')).toEqual(['exact.mp3', 'music/song.mp3']);

    await mkdir(join(dir, 'back'));
    const into = await cp([`gw:${bucket.name}/music/song.mp3`, join(dir, 'back')]);
    expect(into.code).toBe(0);
    expect(await sha256File(join(dir, 'back', 'song.mp3'))).toBe(await sha256File(file));
    const as = await cp([`gw:${bucket.name}/exact.mp3`, join(dir, 'back', 'renamed.mp3')]);
    expect(as.stdout).toMatch(/^Downloaded 1 file \(20 MiB\)/);
    expect(await sha256File(join(dir, 'back', 'renamed.mp3'))).toBe(await sha256File(file));
  });

  it('copies folders with --recursive, both ways, keeping structure and empty folders', async () => {
    const tree = join(dir, 'site');
    await mkdir(join(tree, 'css'), { recursive: true });
    await mkdir(join(tree, 'empty'), { recursive: true });
    await writeFile(join(tree, 'index.html'), '<h1>hi</h1>');
    await writeFile(join(tree, 'css', 'a.css'), 'body{}');
    const up = await cp([tree, `gw:${bucket.name}/www`, '--recursive', '--concurrency', '4']);
    expect(up.stdout).toMatch(/^Uploaded 3 files/);
    expect(await keys('www/')).toEqual(['www/css/a.css', 'www/empty/', 'www/index.html']);
    const down = await cp([`gw:${bucket.name}/www/`, join(dir, 'copy'), '--recursive']);
    expect(down.code).toBe(0);
    expect((await readdir(join(dir, 'copy'), { recursive: true })).sort()).toEqual(['css', 'css/a.css', 'empty', 'index.html']);
    expect(await readFile(join(dir, 'copy', 'index.html'), 'utf8')).toBe('<h1>hi</h1>');

    const marker = await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'www/empty/' }));
    const skip = await cp([tree, `gw:${bucket.name}/www/`, '--recursive', '--if-exists', 'skip']);
    expect(skip.stdout).toMatch(/^Uploaded 0 files .*; 3 skipped \(they exist\)\.\n$/);
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'www/empty/' }))).LastModified).toEqual(marker.LastModified);
  });

  it('copies a folder with --recursive keeping a nested empty folder as one marker', async () => {
    const tree = join(dir, 'nested');
    await mkdir(join(tree, 'a', 'b', 'c'), { recursive: true });
    await mkdir(join(tree, 'docs', 'drafts'), { recursive: true });
    await writeFile(join(tree, 'docs', 'readme.txt'), 'hi');
    const up = await cp([tree, `gw:${bucket.name}/n`, '--recursive']);
    expect(up.code).toBe(0);
    expect(await keys('n/')).toEqual(['n/a/b/c/', 'n/docs/drafts/', 'n/docs/readme.txt']);
  });

  it('lists each failure, then says it in one line and exits 1', async () => {
    const result = await cp([`gw:${bucket.name}/no/such/key.txt`, join(dir, 'missing')]);
    expect(result).toMatchObject({ code: 1, signal: null });
    expect(result.stdout).toMatch(/^Downloaded 0 files \(0 B\) in [\d.]+ s, 0 B\/s; 1 failed\.\n$/);
    expect(result.stderr.split('\n')).toEqual([
      expect.stringMatching(/^ {2}failed: no\/such\/key\.txt: NoSuchKey: The object does not exist\. .+$/),
      expect.stringMatching(/^pail: NoSuchKey: 1 of 1 transfers failed \(listed above\)\. Run the same command again: .+$/),
      '',
    ]);

    const noBucket = await cp([join(dir, 'song.mp3'), 'gw:no-such-bucket-pail/']);
    expect(noBucket).toMatchObject({ code: 1, stderr: expect.stringMatching(/\npail: NoSuchBucket: 1 of 1 transfers failed .+\n$/) });
    const noProfile = await cp([join(dir, 'song.mp3'), 'nosuch:bucket/']);
    expect(noProfile).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^pail: ProfileNotFound: No profile called "nosuch"\. [^\n]+\n$/) });
  });

  it('refuses wrong command lines with one line and the usage, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [[dir, `gw:${bucket.name}/x/`], /^pail: .+ is a folder: add --recursive to upload what is in it\.$/],
      [['a.txt', 'b.txt'], /^pail: One side of pail cp is local and the other is PROFILE:BUCKET\/KEY\.$/],
      [[`gw:${bucket.name}/x/`, dir], /^pail: ".+" is a folder: add --recursive to download what is in it\.$/],
      [[join(dir, 'song.mp3'), `gw:${bucket.name}/`, '--concurrency', '0'], /^pail: --concurrency is a whole number from 1 to 64\.$/],
      [[join(dir, 'song.mp3'), `gw:${bucket.name}/`, '--if-exists', 'maybe'], /^pail: --if-exists is overwrite, skip or rename\.$/],
    ];
    // Independent runs: side by side, to keep the test short.
    const results = await Promise.all(cases.map(([args]) => cp(args)));
    for (const [i, [args, line]] of cases.entries()) {
      const result = results[i];
      expect(result, args.join(' ')).toMatchObject({ code: 2, stdout: '' });
      const [first, second] = result.stderr.split('\n');
      expect(first).toMatch(line);
      expect(second).toBe('Usage:');
    }
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
    expect(progressLine({ ...batch, rate: 455.78851412944397 })).toBe(' 50%  512 MiB / 1.0 GiB  456 B/s  ETA 3s  3/5 files');
  });
});
