// The local side of the transfer benchmark: random (incompressible) source files and their hashes.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Writes `size` random bytes to `file` (with head, reading /dev/urandom: about 3 s a GiB here). */
export function makeRandomFile(file, size) {
  const run = spawnSync('sh', ['-c', `head -c ${size} /dev/urandom > "$1"`, 'sh', file], { timeout: 600_000, encoding: 'utf8' });
  if (run.status !== 0 || fs.statSync(file).size !== size) throw new Error(`could not write ${size} random bytes to ${file}: ${run.stderr}`);
}

/** SHA-256 (hex) of a file, streamed. */
export async function sha256File(file) {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * Writes `count` files of `size` random bytes into `dir` (f-00001.bin, …) and returns a Map of
 * name → MD5 hex: a single PUT's ETag, which the check of an upload compares with.
 */
export function makeSmallFiles(dir, count, size) {
  fs.mkdirSync(dir, { recursive: true });
  const md5s = new Map();
  const width = Math.max(5, String(count).length);
  for (let i = 1; i <= count; i += 1) {
    const name = `f-${String(i).padStart(width, '0')}.bin`;
    const body = crypto.randomBytes(size);
    fs.writeFileSync(path.join(dir, name), body);
    md5s.set(name, crypto.createHash('md5').update(body).digest('hex'));
  }
  return md5s;
}
