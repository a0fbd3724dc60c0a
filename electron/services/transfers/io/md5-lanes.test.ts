import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileWorkers, RANGE_MAX } from './file-workers';
import { Md5Lanes, type Md5LanesCode } from './md5-lanes';
import { MD5_LANES_WASM } from './md5-lanes-wasm';

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('MD5 in four lanes', () => {
  const memory = new WebAssembly.Memory({ initial: 64, maximum: 64, shared: true });
  const code = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(MD5_LANES_WASM, 'base64')), { env: { memory } }).exports as unknown as Md5LanesCode;
  const lanes = new Md5Lanes(code, memory, 0);
  const bytes = new Uint8Array(memory.buffer);

  it('is what the generator writes', () => {
    const check = spawnSync(process.execPath, ['scripts/md5-lanes/generate.mjs', '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('gives the MD5 of every length, streams starting and ending at different times', () => {
    const lengths = [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 4096 + 17, 65_536, 200_003];
    const streams = lengths.map((length) => randomBytes(length));
    // Stream i lives at its own place in memory (after the state) and goes into lane i % 4,
    // fed in uneven pieces, so lanes hash together and alone, and idle lanes must keep their state.
    const base = 64 * 1024;
    for (let group = 0; group < streams.length; group += 4) {
      const batch = streams.slice(group, group + 4).map((stream, lane) => ({ stream, lane, at: base + lane * 256 * 1024, hashed: 0 }));
      batch.forEach((s) => (bytes.set(s.stream, s.at), lanes.begin(s.lane)));
      for (let round = 0; batch.some((s) => s.stream.length - s.hashed >= 64); round += 1) {
        const work = batch
          .filter((s) => (round + s.lane) % 3 !== 0)
          .map((s) => {
            const blocks = Math.min(Math.floor((s.stream.length - s.hashed) / 64), 1 + ((round * 7 + s.lane * 13) % 300));
            const piece = { lane: s.lane, pointer: s.at + s.hashed, blocks };
            s.hashed += blocks * 64;
            return piece;
          });
        lanes.update(work);
      }
      for (const s of batch) expect(hex(lanes.finish(s.lane, s.stream.subarray(s.hashed), s.stream.length)), `${s.stream.length} bytes`).toBe(md5(s.stream));
    }
  });
});

describe('the file thread', () => {
  let dir: string;
  let path: string;
  let content: Buffer;
  const files = new FileWorkers();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pail-lanes-'));
    path = join(dir, 'big.bin');
    content = randomBytes(40 * 1024 * 1024 + 12_345);
    await writeFile(path, content);
  });
  afterAll(async () => {
    await files.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads ranges asked for together, and one alone, each with the right bytes and MD5', async () => {
    const ranges = [
      [0, 8 * 1024 * 1024],
      [8 * 1024 * 1024, 8 * 1024 * 1024],
      [16 * 1024 * 1024, 5 * 1024 * 1024 + 3],
      [21 * 1024 * 1024 + 3, RANGE_MAX],
      [37 * 1024 * 1024, content.length - 37 * 1024 * 1024],
      [100, 0],
    ];
    // Six at once: four fill the slots, the other two wait for one to be released.
    const reads = ranges.map(async ([start, length]) => {
      const read = await files.readRange(path, start, length);
      const expected = content.subarray(start, start + length);
      const same = read.body.equals(expected) && read.md5.toString('hex') === md5(expected);
      read.release();
      return same;
    });
    expect(await Promise.all(reads)).toEqual(ranges.map(() => true));
    const alone = await files.readRange(path, 3, 1024 * 1024);
    expect(alone.md5.toString('hex')).toBe(md5(content.subarray(3, 3 + 1024 * 1024)));
    alone.release();
    await expect(files.readRange(join(dir, 'missing.bin'), 0, 10)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(files.readRange(path, content.length - 10, 20)).rejects.toMatchObject({ code: 'FILE_SHRANK' });
  });
});
