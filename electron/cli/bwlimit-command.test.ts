import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { randomFile, sha256File, sha256Object } from '../services/transfers/test-kit';
import { runCliOn } from '../test-support/cli-io';
import { addGatewayProfile, freshServices, rawClient, testBuckets } from '../test-support/gateway';

const MiB = 1024 * 1024;

/** Seconds a command took, and what it answered. */
async function timed(run: () => Promise<{ code: number; out: string; err: string }>) {
  const started = performance.now();
  const result = await run();
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

describe('pail cp and pail sync --bwlimit', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let dir: string;
  const buckets = testBuckets();

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    await addGatewayProfile(services, 'gw');
    dir = await mkdtemp(join(tmpdir(), 'pail-cli-bwlimit-'));
  });
  afterAll(async () => {
    await buckets.cleanup();
    await dispose?.();
    await rm(dir, { recursive: true, force: true });
  });

  it('holds an upload to the limit, and with UP:DOWN a download to its side (the whole command timed)', async () => {
    const bucket = await buckets.make('cli-bwlimit');
    const file = await randomFile(join(dir, 'six.bin'), 6 * MiB);
    // The same commands without a limit: what hashing, signing, warming up and renaming cost besides the bytes.
    const free = await timed(() => runCliOn(services, ['cp', file, `gw:${bucket}/`]));
    const freeDown = await timed(() => runCliOn(services, ['cp', `gw:${bucket}/six.bin`, join(dir, 'free.bin')]));
    expect([free.code, freeDown.code]).toEqual([0, 0]);

    // The limit cannot be beaten: 6 MiB at 2 MiB/s is 3 s of bytes, 10% allowed for a burst. The rate within 10%
    // either way is measured from the engine's progress in bandwidth-limit.test.ts; a whole command on a busy
    // machine is only bounded loosely from above (twice the time of its bytes, besides the unlimited command's).
    const up = await timed(() => runCliOn(services, ['cp', file, `gw:${bucket}/`, '--bwlimit', '2M']));
    expect(up).toMatchObject({ code: 0 });
    expect(up.seconds).toBeGreaterThan(6 / 2 / 1.1);
    expect(up.seconds - free.seconds).toBeLessThan((6 / 2) * 2);
    expect(await sha256Object(rawClient(), bucket, 'six.bin')).toBe(await sha256File(file));

    const down = await timed(() => runCliOn(services, ['cp', `gw:${bucket}/six.bin`, join(dir, 'back.bin'), '--bwlimit', 'off:3M']));
    expect(down).toMatchObject({ code: 0 });
    expect(down.seconds).toBeGreaterThan(6 / 3 / 1.1);
    expect(down.seconds - freeDown.seconds).toBeLessThan((6 / 3) * 2);
    expect((await readFile(join(dir, 'back.bin'))).equals(await readFile(file))).toBe(true);
  });

  it('refuses a rate it cannot read, before anything moves, saying how to write one', async () => {
    const bucket = await buckets.make('cli-bwlimit-bad');
    const cp = await runCliOn(services, ['cp', join(dir, 'six.bin'), `gw:${bucket}/`, '--bwlimit', 'fast']);
    expect(cp.code).toBe(2);
    expect(cp.err).toMatch(/--bwlimit: "fast" is not a rate: write it like 512K, 1\.5M or 10MiB/);
    const sync = await runCliOn(services, ['sync', dir, `gw:${bucket}/`, '--bwlimit', '4K']);
    expect(sync.code).toBe(2);
    expect(sync.err).toMatch(/--bwlimit: 4K is below the lowest limit, 16 KiB\/s/);
  });
});
