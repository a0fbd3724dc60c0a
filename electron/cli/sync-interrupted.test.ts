import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHome, runPail, spawnPail, waitUntil } from '../test-support/cli-process';
import { startFaultProxy, type FaultProxy } from '../test-support/fault-proxy';
import { acceptedParts, holdRequests, isPartUpload, partNumberOf } from '../test-support/fault-rules';
import { createTestBucket, gateway, keysUnder, rawClient } from '../test-support/gateway';
import { unfinishedUploads } from '../test-support/leftovers';
import { randomFile, sha256File, sha256Object } from '../services/transfers/test-kit';
import { INTERRUPTED } from './transfer-commands';

const MiB = 1024 * 1024;
/** A plain progress line (not a terminal): ` 40%  16 MiB / 40 MiB  3.9 MiB/s  ETA 7s  0/1 files`. */
const PROGRESS_LINE = /^\s*\d+%\s/;
/** The plan's line `pail sync` writes on stderr before it sends: "1 new file, 0 changed, …". */
const PLAN_LINE = /^\d+ new files?, \d+ changed, /;

/** What the interrupted command said, progress and plan lines aside: the interruption alone, as the last line. */
function saidLines(stderr: string): string[] {
  const lines = stderr.split('\n').filter(Boolean);
  expect(lines.at(-1)).toBe(INTERRUPTED);
  return lines.filter((line) => !PROGRESS_LINE.test(line) && !PLAN_LINE.test(line));
}

describe('pail sync interrupted by Ctrl-C, then run again (the real binary)', () => {
  const s3 = rawClient();
  let bucket: { name: string; cleanup: () => Promise<void> };
  let proxy: FaultProxy;
  let home: { home: string; dispose: () => Promise<void> };
  let dir: string;

  beforeAll(async () => {
    bucket = await createTestBucket('syncint');
    proxy = await startFaultProxy({ target: gateway().endpoint });
    home = await cliHome({ endpoint: proxy.endpoint });
    dir = await mkdtemp(join(tmpdir(), 'pail-syncint-'));
  });
  afterAll(async () => {
    proxy?.setRules([]);
    await proxy?.close();
    await bucket?.cleanup();
    await home?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('while the bucket is listed: one line and exit 130, nothing sent', async () => {
    const local = join(dir, 'listing');
    await mkdir(local);
    await writeFile(join(local, 'a.txt'), 'a');
    const isListing = (req: { method: string; query: URLSearchParams }) => req.method === 'GET' && req.query.get('list-type') === '2';
    const hold = holdRequests(isListing);
    proxy.setRules([hold]);
    const first = spawnPail(home.home, ['sync', local, `gw:${bucket.name}/listing/`]);
    await waitUntil(() => hold.hits() >= 1, 'the listing held');
    first.child.kill('SIGINT');
    const interrupted = await first.exited;
    proxy.setRules([]);
    hold.release();
    expect(interrupted).toMatchObject({ code: 130, signal: null, stdout: '' });
    expect(saidLines(interrupted.stderr)).toEqual([INTERRUPTED]);
    expect(await keysUnder(bucket.name, 'listing/')).toEqual([]);
  });

  it('while a big file uploads: one line and exit 130; the same command resumes it and sends the rest', async () => {
    const local = join(dir, 'site');
    await mkdir(local);
    const big = await randomFile(join(local, 'big.bin'), 40 * MiB);
    await writeFile(join(local, 'index.html'), '<p>hi</p>');
    // Parts 1 and 2 go through; the rest wait at the proxy until the user has pressed Ctrl-C.
    const hold = holdRequests((req) => isPartUpload(req) && (partNumberOf(req.url) ?? 0) >= 3);
    proxy.setRules([hold]);
    const from = proxy.log.length;
    const first = spawnPail(home.home, ['sync', local, `gw:${bucket.name}/site/`]);
    await waitUntil(() => acceptedParts(proxy.log, from).length === 2 && hold.hits() >= 1, 'two parts stored and the third held');
    first.child.kill('SIGINT');
    const interrupted = await first.exited;
    proxy.setRules([]);
    hold.release();
    expect(interrupted).toMatchObject({ code: 130, signal: null, stdout: '' });
    expect(saidLines(interrupted.stderr)).toEqual([INTERRUPTED]);
    await waitUntil(() => proxy.inFlight() === 0, 'the proxy to be idle');
    expect(await keysUnder(bucket.name, 'site/big.bin')).toEqual([]);

    const again = proxy.log.length;
    const second = await runPail(home.home, ['sync', local, `gw:${bucket.name}/site/`]);
    expect(second).toMatchObject({ code: 0 });
    expect(second.stdout).toMatch(/^Uploaded [12] files?\.\n$/);
    // The big file went on from its saved state: only the parts the server did not hold were sent.
    expect(acceptedParts(proxy.log, again).sort()).toEqual([3, 4, 5]);
    expect(await sha256Object(s3, bucket.name, 'site/big.bin')).toBe(await sha256File(big));
    expect(await keysUnder(bucket.name, 'site/')).toEqual(['site/big.bin', 'site/index.html']);
    expect(await unfinishedUploads(s3, bucket.name)).toEqual([]);
    // And then nothing is left to send.
    expect(await runPail(home.home, ['sync', local, `gw:${bucket.name}/site/`])).toMatchObject({
      code: 0,
      stdout: 'Nothing to send: the bucket is up to date.\n',
    });
  });
});
