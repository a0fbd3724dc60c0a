import { describe, expect, it } from 'vitest';
import { DestinationClaims, PathFilter } from './destination-claims';
import { sharedSpecs } from '../tasks/download-plan';

const onDisk = (paths: Set<string>) => async (path: string) => paths.has(path);

describe("a download batch's claims on local paths", () => {
  it('refuses a path another transfer holds, and gives it again to its own holder', async () => {
    const claims = new DestinationClaims();
    const disk = onDisk(new Set());
    expect(await claims.claim('/d/a', 't1', 'key', disk)).toBe(true);
    expect(await claims.claim('/d/a', 't2', 'made', disk)).toBe(false);
    expect(await claims.claim('/d/a', 't2', 'key', disk)).toBe(false);
    expect(await claims.claim('/d/a', 't1', 'key', disk)).toBe(true);
  });

  it("keeps a key's own path claimed once its transfer is let go, against a made-up or shared path, while the file is there", async () => {
    const claims = new DestinationClaims();
    const files = new Set<string>();
    await claims.claim('/d/a_b', 'own', 'key', onDisk(files));
    files.add('/d/a_b');
    claims.release('/d/a_b', 'own');
    expect(claims.exactCount()).toBe(0);
    // "a\b" made safe as "a_b" must not overwrite the file the batch wrote; nor a key of a folder downloaded beside it.
    expect(await claims.claim('/d/a_b', 'made', 'made', onDisk(files))).toBe(false);
    expect(await claims.claim('/d/a_b', 'beside', 'shared', onDisk(files))).toBe(false);
    // Removed from disk since: nothing of the batch is there to keep.
    files.delete('/d/a_b');
    expect(await claims.claim('/d/a_b', 'made', 'made', onDisk(files))).toBe(true);
  });

  it("keeps a made-up path exactly once let go, so that a key's own path of that name is refused", async () => {
    const claims = new DestinationClaims();
    const files = new Set(['/d/a_b']);
    await claims.claim('/d/a_b', 'made', 'made', onDisk(files));
    claims.release('/d/a_b', 'made');
    expect(claims.exactCount()).toBe(1);
    expect(await claims.claim('/d/a_b', 'own', 'key', onDisk(files))).toBe(false);
  });

  it('holds a window of exact paths however many files the batch has, and finds every let-go one again', async () => {
    const claims = new DestinationClaims();
    const files = new Set<string>();
    const window: string[] = [];
    let most = 0;
    for (let i = 0; i < 100_000; i += 1) {
      const path = `/home/me/Downloads/photos/2024/IMG_${String(i).padStart(6, '0')}.jpg`;
      expect(await claims.claim(path, `t${i}`, 'key', onDisk(files))).toBe(true);
      files.add(path);
      window.push(path);
      if (window.length > 200) claims.release(window.shift()!, `t${i - 200}`);
      most = Math.max(most, claims.exactCount());
    }
    expect(most).toBe(200);
    // No file of the batch is ever taken for free (a Bloom filter has no false "never seen").
    for (let i = 0; i < 100_000 - 200; i += 1) {
      const path = `/home/me/Downloads/photos/2024/IMG_${String(i).padStart(6, '0')}.jpg`;
      expect(await claims.claim(path, 'later', 'made', onDisk(files))).toBe(false);
    }
  });
});

describe('PathFilter', () => {
  it('grows with the paths in layers, small for a small batch, and after 100,000 paths takes almost none of 100,000 others for one it has', () => {
    const filter = new PathFilter();
    for (let i = 0; i < 1_000; i += 1) filter.add(`/d/f-${i}.bin`);
    expect(filter.bytes()).toBe(4 * 1024);
    for (let i = 1_000; i < 100_000; i += 1) filter.add(`/d/f-${i}.bin`);
    expect(filter.bytes()).toBeLessThan(1.5 * 1024 * 1024);
    for (let i = 0; i < 100_000; i += 1) expect(filter.mayHave(`/d/f-${i}.bin`)).toBe(true);
    let wrong = 0;
    for (let i = 0; i < 100_000; i += 1) if (filter.mayHave(`/d/g-${i}.bin`)) wrong += 1;
    // About 2 in a million a layer, over five layers.
    expect(wrong).toBeLessThan(5);
  });
});

describe('sharedSpecs', () => {
  it('marks the folders whose downloads land in the same place, and none of a single one', () => {
    const a = { prefix: '2023/photos/' };
    const b = { prefix: '2024/photos/' };
    const c = { prefix: 'docs/' };
    const d = { key: 'notes.txt' };
    expect(sharedSpecs([a])).toEqual(new Set());
    expect(sharedSpecs([{ prefix: 'x/', as: '' }])).toEqual(new Set());
    expect(sharedSpecs([a, b, c, d])).toEqual(new Set([a, b]));
    expect(sharedSpecs([c, d, { prefix: 'x/', as: '' }]).size).toBe(3);
    expect(sharedSpecs([{ prefix: 'A/' }, { prefix: 'a/' }], 'darwin').size).toBe(2);
    expect(sharedSpecs([{ prefix: 'A/' }, { prefix: 'a/' }], 'linux').size).toBe(0);
  });
});
