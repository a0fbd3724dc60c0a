import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomFile, sha256File } from '../services/transfers/test-kit';
import { cliFixture } from '../test-support/cli-process';
import { rawClient } from '../test-support/gateway';
import { progressLine } from './transfer-commands';

describe('pail cp (the real binary, its own data folder)', () => {
  const s3 = rawClient();
  const fx = cliFixture('cp', { beforeAll, afterAll });
  /** Runs `pail cp ARGS…`: exit code, stdout, stderr. */
  const cp = (args: string[]) => fx.pail(['cp', ...args]);

  const keys = async (prefix: string) =>
    ((await s3.send(new ListObjectsV2Command({ Bucket: fx.bucket, Prefix: prefix }))).Contents ?? []).map((c) => c.Key!).sort();

  it('uploads a file to a prefix or to an exact key, and downloads it back', async () => {
    const file = await randomFile(join(fx.dir, 'song.mp3'), 20 * 1024 * 1024);
    const up = await cp([file, `gw:${fx.bucket}/music/`]);
    expect(up).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Uploaded 1 file \(20 MiB\) in [\d.]+ s, .+\/s\.\n$/) });
    expect((await cp([file, `gw:${fx.bucket}/exact.mp3`])).code).toBe(0);
    expect(await keys('')).toEqual(['exact.mp3', 'music/song.mp3']);

    await mkdir(join(fx.dir, 'back'));
    const into = await cp([`gw:${fx.bucket}/music/song.mp3`, join(fx.dir, 'back')]);
    expect(into.code).toBe(0);
    expect(await sha256File(join(fx.dir, 'back', 'song.mp3'))).toBe(await sha256File(file));
    const as = await cp([`gw:${fx.bucket}/exact.mp3`, join(fx.dir, 'back', 'renamed.mp3')]);
    expect(as.stdout).toMatch(/^Downloaded 1 file \(20 MiB\)/);
    expect(await sha256File(join(fx.dir, 'back', 'renamed.mp3'))).toBe(await sha256File(file));
  });

  it('copies folders with --recursive, both ways, keeping structure and empty folders', async () => {
    const tree = join(fx.dir, 'site');
    await mkdir(join(tree, 'css'), { recursive: true });
    await mkdir(join(tree, 'empty'), { recursive: true });
    await writeFile(join(tree, 'index.html'), '<h1>hi</h1>');
    await writeFile(join(tree, 'css', 'a.css'), 'body{}');
    const up = await cp([tree, `gw:${fx.bucket}/www`, '--recursive', '--concurrency', '4']);
    expect(up.stdout).toMatch(/^Uploaded 3 files/);
    expect(await keys('www/')).toEqual(['www/css/a.css', 'www/empty/', 'www/index.html']);
    const down = await cp([`gw:${fx.bucket}/www/`, join(fx.dir, 'copy'), '--recursive']);
    expect(down.code).toBe(0);
    expect((await readdir(join(fx.dir, 'copy'), { recursive: true })).sort()).toEqual(['css', 'css/a.css', 'empty', 'index.html']);
    expect(await readFile(join(fx.dir, 'copy', 'index.html'), 'utf8')).toBe('<h1>hi</h1>');

    const marker = await s3.send(new HeadObjectCommand({ Bucket: fx.bucket, Key: 'www/empty/' }));
    const skip = await cp([tree, `gw:${fx.bucket}/www/`, '--recursive', '--if-exists', 'skip']);
    expect(skip.stdout).toMatch(/^Uploaded 0 files .*; 3 skipped \(they exist\)\.\n$/);
    expect((await s3.send(new HeadObjectCommand({ Bucket: fx.bucket, Key: 'www/empty/' }))).LastModified).toEqual(marker.LastModified);
  });

  it('copies a folder with --recursive keeping a nested empty folder as one marker', async () => {
    const tree = join(fx.dir, 'nested');
    await mkdir(join(tree, 'a', 'b', 'c'), { recursive: true });
    await mkdir(join(tree, 'docs', 'drafts'), { recursive: true });
    await writeFile(join(tree, 'docs', 'readme.txt'), 'hi');
    const up = await cp([tree, `gw:${fx.bucket}/n`, '--recursive']);
    expect(up.code).toBe(0);
    expect(await keys('n/')).toEqual(['n/a/b/c/', 'n/docs/drafts/', 'n/docs/readme.txt']);
  });

  it('lists each failure, then says it in one line and exits 1', async () => {
    const result = await cp([`gw:${fx.bucket}/no/such/key.txt`, join(fx.dir, 'missing')]);
    expect(result).toMatchObject({ code: 1, signal: null });
    expect(result.stdout).toMatch(/^Downloaded 0 files \(0 B\) in [\d.]+ s, 0 B\/s; 1 failed\.\n$/);
    expect(result.stderr.split('\n')).toEqual([
      expect.stringMatching(/^ {2}failed: no\/such\/key\.txt: NoSuchKey: The object does not exist\. .+$/),
      expect.stringMatching(/^pail: NoSuchKey: 1 of 1 transfers failed \(listed above\)\. Run the same command again: .+$/),
      '',
    ]);

    const noBucket = await cp([join(fx.dir, 'song.mp3'), 'gw:no-such-bucket-pail/']);
    expect(noBucket).toMatchObject({ code: 1, stderr: expect.stringMatching(/\npail: NoSuchBucket: 1 of 1 transfers failed .+\n$/) });
    const noProfile = await cp([join(fx.dir, 'song.mp3'), 'nosuch:bucket/']);
    expect(noProfile).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^pail: ProfileNotFound: No profile called "nosuch"\. [^\n]+\n$/) });
  });

  it('refuses wrong command lines with one line and the usage, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [[fx.dir, `gw:${fx.bucket}/x/`], /^pail: .+ is a folder: add --recursive to upload what is in it\.$/],
      [['a.txt', 'b.txt'], /^pail: One side of pail cp is local and the other is PROFILE:BUCKET\/KEY\.$/],
      [[`gw:${fx.bucket}/x/`, fx.dir], /^pail: ".+" is a folder: add --recursive to download what is in it\.$/],
      [[join(fx.dir, 'song.mp3'), `gw:${fx.bucket}/`, '--concurrency', '0'], /^pail: --concurrency is a whole number from 1 to 64\.$/],
      [[join(fx.dir, 'song.mp3'), `gw:${fx.bucket}/`, '--if-exists', 'maybe'], /^pail: --if-exists is overwrite, skip or rename\.$/],
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
