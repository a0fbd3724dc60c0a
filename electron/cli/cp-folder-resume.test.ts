import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHome, runPail, spawnPail, waitUntil } from '../test-support/cli-process';
import { bodyOf, keysUnder } from '../test-support/gateway';
import { proxiedBucketFixture } from '../test-support/proxied-bucket';
import { readLog } from '../services/transfers/state/batch-journal';

/** Files the journal of the one batch in a data folder says are done (0 before it has any). */
async function journaledDone(home: string): Promise<number> {
  const names = await readdir(join(home, 'batches')).catch(() => [] as string[]);
  if (names.length === 0) return 0;
  expect(names).toHaveLength(1);
  return (await readLog(join(home, 'batches', names[0], 'done.log'), 'walk')).files;
}

describe('pail cp --recursive killed, then run again (the real binary)', () => {
  const fixture = proxiedBucketFixture('wtjournal-cli', { beforeAll, afterAll });

  it('a folder upload killed (SIGKILL) part way goes on from its journal when the same command runs again: files done are not sent again', async () => {
    const { bucket, proxy, dir } = fixture;
    const root = join(dir, 'photos');
    const files = Array.from({ length: 1500 }, (_, i) => `${i % 2 ? 'odd' : 'even'}/p${String(i).padStart(4, '0')}.jpg`);
    await mkdir(join(root, 'odd'), { recursive: true });
    await mkdir(join(root, 'even'), { recursive: true });
    await Promise.all(files.map((path) => writeFile(join(root, path), `photo ${path}`)));
    const home = await cliHome({ endpoint: proxy.endpoint });
    const args = ['cp', root, `gw:${bucket}/cli/`, '--recursive'];
    const first = spawnPail(home.home, args);
    let done = 0;
    await waitUntil(
      () => {
        void journaledDone(home.home).then((n) => (done = n));
        return done >= 300;
      },
      'a fifth of the files journaled as done',
      120_000,
    );
    first.child.kill('SIGKILL');
    expect(await first.exited).toMatchObject({ code: null, signal: 'SIGKILL' });
    await waitUntil(() => proxy.inFlight() === 0, 'the proxy to be idle');
    const doneBefore = await journaledDone(home.home);
    expect(doneBefore).toBeLessThan(1500);

    const mark = proxy.log.length;
    const again = await runPail(home.home, args);
    expect(again.code).toBe(0);
    const sent = proxy.log.slice(mark).filter((e) => e.method === 'PUT' && e.status === 200);
    expect(sent).toHaveLength(1500 - doneBefore);
    expect(again.stdout).toMatch(/1,500 files/);
    const keys = await keysUnder(bucket, 'cli/');
    expect(keys.sort()).toEqual(files.map((path) => `cli/${path}`).sort());
    expect(await bodyOf(bucket, `cli/${files[1499]}`)).toBe(`photo ${files[1499]}`);
    // Finished: nothing left to bring back.
    expect(await readdir(join(home.home, 'batches'))).toEqual([]);
    await home.dispose();
  }, 600_000);
});
