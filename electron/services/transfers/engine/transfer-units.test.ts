import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { downloadChunkFor } from '../tasks/download-task';
import { multipartEtag, partSizeFor } from '../tasks/file-hash';
import { Limiter } from './limiter';
import { etaSeconds, RateMeter } from './rate-meter';
import type { TransferTask } from './task-types';
import { BatchRecord, TransferRecord, totalsOf } from './transfer-records';
import { backoffDelay, isRetryable, withRetry } from './retry';
import { insideRoot, safeRelativePath } from '../io/safe-paths';
import { numberedName } from '../tasks/upload-common';

describe('safe local paths', () => {
  const root = resolve('/downloads/here');
  const place = (key: string, platform: NodeJS.Platform = 'linux') => {
    const safe = safeRelativePath(key, platform);
    return 'refused' in safe ? { refused: safe.refused } : { path: insideRoot(root, safe.segments), changed: safe.changed };
  };

  it('refuses keys that step up, and makes the rest land inside the folder', () => {
    for (const key of ['../x', 'a/../../x', '..', 'a/..\\..\\b', '/', '//', '.']) expect(place(key)).toHaveProperty('refused');
    expect(place('/etc/passwd')).toMatchObject({ path: join(root, 'etc', 'passwd'), changed: expect.stringContaining('leading "/"') });
    expect(place('a\\b')).toMatchObject({ path: join(root, 'a_b') });
    expect(place('x\0y')).toMatchObject({ path: join(root, 'x_y') });
    expect(place('....//y')).toMatchObject({ path: join(root, '____', 'y') });
    expect(place('photos/2024/a.jpg')).toEqual({ path: join(root, 'photos', '2024', 'a.jpg'), changed: undefined });
    expect(place('folder/')).toEqual({ path: join(root, 'folder'), changed: undefined });
    expect(place('ünï 文/ok')).toMatchObject({ path: join(root, 'ünï 文', 'ok'), changed: undefined });
  });

  it("applies Windows' rules on Windows: reserved names, invalid characters, trailing dots and spaces", () => {
    const win = (key: string) => {
      const safe = safeRelativePath(key, 'win32');
      return 'refused' in safe ? safe : safe.segments;
    };
    expect(win('CON')).toEqual(['_CON']);
    expect(win('dir/nul.txt')).toEqual(['dir', '_nul.txt']);
    expect(win('COM1')).toEqual(['_COM1']);
    expect(win('LPT9.log')).toEqual(['_LPT9.log']);
    expect(win('CONSOLE')).toEqual(['CONSOLE']);
    expect(win('a:b|c?.txt')).toEqual(['a_b_c_.txt']);
    expect(win('name. . ')).toEqual(['name____']);
    expect(win('....')).toEqual(['____']);
    expect(safeRelativePath('CON', 'linux')).toEqual({ segments: ['CON'] });
  });

  it('shortens names longer than 255 bytes, keeping the extension and telling them apart', () => {
    const long = (c: string) => `${c.repeat(300)}.txt`;
    const [a] = (safeRelativePath(long('é')) as { segments: string[] }).segments;
    const [b] = (safeRelativePath(long('e')) as { segments: string[] }).segments;
    expect(Buffer.byteLength(a)).toBeLessThanOrEqual(255);
    expect(a.endsWith('.txt') && b.endsWith('.txt')).toBe(true);
    expect(a).not.toBe(b);
  });

  it('checks the final path with path.relative', () => {
    expect(insideRoot(root, ['..', 'x'])).toBeUndefined();
    expect(insideRoot(root, ['/etc'])).toBeUndefined();
    expect(insideRoot(root, ['a', '..', '..', 'here2'])).toBeUndefined();
    expect(insideRoot(root, ['a'])).toBe(join(root, 'a'));
  });
});

describe('retries', () => {
  it('retries network errors, 5xx, 429 and throttling; never 4xx or an abort', () => {
    const yes = [
      { code: 'ECONNRESET' },
      { code: 'EPIPE' },
      { name: 'TimeoutError' },
      { message: 'socket hang up' },
      { name: 'SlowDown', $metadata: { httpStatusCode: 503 } },
      { name: 'Unknown', $metadata: { httpStatusCode: 500 } },
      { $metadata: { httpStatusCode: 429 } },
      { name: 'BadDigest', $metadata: { httpStatusCode: 400 } },
      { name: 'RequestTimeTooSkewed', $metadata: { httpStatusCode: 403 } },
    ];
    const no = [
      { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } },
      { name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } },
      { name: 'AbortError' },
      new Error('programming error'),
    ];
    for (const e of yes) expect(isRetryable(e), JSON.stringify(e)).toBe(true);
    for (const e of no) expect(isRetryable(e), JSON.stringify(e)).toBe(false);
  });

  it('waits with full jitter under an exponential ceiling', () => {
    const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(0, { ...policy, random: () => 0.999 })).toBe(99);
    expect(backoffDelay(3, { ...policy, random: () => 0.5 })).toBe(400);
    expect(backoffDelay(10, { ...policy, random: () => 0.999 })).toBe(999);
    expect(backoffDelay(2, { ...policy, random: () => 0 })).toBe(0);
  });

  it('gives up after the attempts, at once for what cannot be cured', async () => {
    let tries = 0;
    const policy = { attempts: 4, baseDelayMs: 1, maxDelayMs: 2 };
    await expect(
      withRetry(async () => ((tries += 1), Promise.reject(Object.assign(new Error('x'), { code: 'ECONNRESET' }))), { policy }),
    ).rejects.toMatchObject({ code: 'ECONNRESET', message: 'x' });
    expect(tries).toBe(4);
    tries = 0;
    await expect(
      withRetry(async () => ((tries += 1), Promise.reject(Object.assign(new Error('no'), { $metadata: { httpStatusCode: 403 } }))), { policy }),
    ).rejects.toMatchObject({ message: 'no', $metadata: { httpStatusCode: 403 } });
    expect(tries).toBe(1);
    expect(await withRetry(async (n) => (n < 3 ? Promise.reject({ code: 'EPIPE' }) : 'ok'), { policy })).toBe('ok');
  });
});

describe('small parts of the engine', () => {
  it('sizes parts so any file fits in 10,000 of them', () => {
    expect(partSizeFor(1024)).toBe(8 * 1024 * 1024);
    const fiveTiB = 5 * 1024 ** 4;
    expect(Math.ceil(fiveTiB / partSizeFor(fiveTiB))).toBeLessThanOrEqual(9000);
  });

  it('computes the multipart ETag from the part MD5s', () => {
    const md5 = (s: string) => createHash('md5').update(s).digest();
    const expected = createHash('md5')
      .update(Buffer.concat([md5('a'), md5('b')]))
      .digest('hex');
    expect(multipartEtag([md5('a'), md5('b')])).toBe(`${expected}-2`);
  });

  it('numbers names before their extension', () => {
    expect(numberedName('a.txt', 1)).toBe('a (1).txt');
    expect(numberedName('archive.tar.gz', 2)).toBe('archive (2).tar.gz');
    expect(numberedName('.bashrc', 1)).toBe('.bashrc (1)');
    expect(numberedName('noext', 3)).toBe('noext (3)');
  });

  it('limits requests in flight, first come first served, and follows a new limit', async () => {
    const limiter = new Limiter(2);
    const order: number[] = [];
    const a = await limiter.acquire();
    const b = await limiter.acquire();
    const c = limiter.acquire().then((release) => (order.push(3), release));
    const d = limiter.acquire().then((release) => (order.push(4), release));
    a();
    (await c)();
    b();
    (await d)();
    expect(order).toEqual([3, 4]);
    const stop = new AbortController();
    const held = [await limiter.acquire(), await limiter.acquire()];
    const waiting = limiter.acquire(stop.signal);
    const reason = new Error('cancelled');
    stop.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    limiter.setLimit(3);
    const third = await limiter.acquire();
    [...held, third].forEach((release) => release());
  });

  it('measures a rate over a sliding window, and an ETA from it', () => {
    let now = 0;
    const meter = new RateMeter(() => now);
    for (let t = 0; t <= 10_000; t += 100) {
      now = t;
      meter.record(t * 100);
    }
    expect(meter.rate()).toBeCloseTo(100_000, -2);
    now = 20_000;
    expect(meter.rate()).toBe(0);
    expect(etaSeconds(1_000_000, 100_000)).toBe(10);
    expect(etaSeconds(10, 0)).toBeUndefined();
  });
});

describe('transfer totals', () => {
  it('cover the batches still moving only, not those finished before', () => {
    const now = () => 0;
    const batchOf = (id: string) => new BatchRecord(id, 'upload', id, 'p', 'b', 'ask', now);
    const add = (batch: BatchRecord, state: 'done' | 'failed' | 'running' | 'queued', bytes: number, total: number) => {
      const record = new TransferRecord(`${batch.id}-${batch.files}`, batch, {} as TransferTask, { key: 'k', name: 'k', total }, now);
      record.state = state;
      record.bytes = bytes;
      return record;
    };
    const old = batchOf('old');
    const current = batchOf('current');
    const records = [add(old, 'done', 1000, 1000), add(old, 'failed', 10, 500), add(current, 'done', 20, 20), add(current, 'queued', 0, 80)];
    expect(totalsOf([old, current], [])).toMatchObject({ active: 0, queued: 1, bytes: 20, total: 100 });
    records[3].state = 'done';
    expect(totalsOf([old, current], [])).toMatchObject({ active: 0, queued: 0, bytes: 0, total: 0 });
  });
});

describe('download chunk sizes', () => {
  const MiB = 1024 * 1024;
  it('are a sixteenth of the object in whole MiB, between the tuning size and 64 MiB', () => {
    expect(downloadChunkFor(100 * MiB, 16 * MiB)).toBe(16 * MiB);
    expect(downloadChunkFor(512 * MiB, 16 * MiB)).toBe(32 * MiB);
    expect(downloadChunkFor(1024 * MiB, 16 * MiB)).toBe(64 * MiB);
    expect(downloadChunkFor(10 * 1024 * MiB, 16 * MiB)).toBe(64 * MiB);
    expect(downloadChunkFor(1000 * MiB + 1, 16 * MiB)).toBe(63 * MiB);
    // Tests lower the smallest chunk to make modest files download in several chunks.
    expect(downloadChunkFor(21 * MiB, 5 * MiB)).toBe(5 * MiB);
  });
});
