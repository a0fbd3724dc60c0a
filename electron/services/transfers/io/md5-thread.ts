import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

/** What the main thread says: the file is complete up to `ready` bytes, and (once known) ends at `end`. */
export interface Md5Progress {
  ready: number;
  end?: number;
}

/** The thread's one answer: the file's MD5 in hex, or why it could not be read. */
export interface Md5Answer {
  md5?: string;
  error?: string;
}

/**
 * The entry of Md5Behind's thread (md5-behind.ts; electron.vite.config.ts
 * builds it as its own file). It reads the file at `workerData.path` with
 * positional reads up to the "ready" mark the main thread sends, hashing as
 * it goes, and answers with the MD5 once told where the file ends.
 */
const port = parentPort!;
const fd = openSync((workerData as { path: string }).path, 'r');
const hash = createHash('md5');
const buffer = Buffer.allocUnsafe(1 << 20);
let hashed = 0;
let ready = 0;
let end = -1;

/** Hashes what is written and not yet hashed. */
function catchUp(): void {
  while (hashed < ready) {
    const n = readSync(fd, buffer, 0, Math.min(buffer.length, ready - hashed), hashed);
    if (n === 0) throw new Error(`the file ended at ${hashed} bytes`);
    hash.update(buffer.subarray(0, n));
    hashed += n;
  }
}

port.on('message', (m: Md5Progress) => {
  if (m.ready > ready) ready = m.ready;
  if (m.end !== undefined) end = m.end;
  try {
    catchUp();
    if (end >= 0 && hashed >= end) {
      closeSync(fd);
      port.postMessage({ md5: hash.digest('hex') } satisfies Md5Answer);
    }
  } catch (error) {
    port.postMessage({ error: String((error as Error | undefined)?.message ?? error) } satisfies Md5Answer);
  }
});
