import { Worker } from 'node:worker_threads';

/**
 * The worker's code, inline: a separate worker file would need its own entry
 * in the electron-vite build, and this is twenty lines. It reads the file with
 * positional reads up to the "ready" mark the main thread sends, hashing as it
 * goes, and answers with the MD5 once told where the file ends.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const fd = fs.openSync(workerData.path, 'r');
const hash = crypto.createHash('md5');
const buffer = Buffer.allocUnsafe(1 << 20);
let hashed = 0, ready = 0, end = -1;
parentPort.on('message', (m) => {
  if (m.ready > ready) ready = m.ready;
  if (m.end !== undefined) end = m.end;
  try {
    while (hashed < ready) {
      const n = fs.readSync(fd, buffer, 0, Math.min(buffer.length, ready - hashed), hashed);
      if (n === 0) throw new Error('the file ended at ' + hashed + ' bytes');
      hash.update(buffer.subarray(0, n));
      hashed += n;
    }
    if (end >= 0 && hashed >= end) {
      fs.closeSync(fd);
      parentPort.postMessage({ md5: hash.digest('hex') });
    }
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
});
`;

/**
 * MD5 of a file being written in chunks, computed on another thread while the
 * download goes on: the main thread says how far from the start the file is
 * complete, the worker hashes up to there. A 1 GiB download thus ends with
 * its MD5 ready instead of two more seconds of hashing (MD5 runs at ~500 MB/s
 * on one core here, and the main thread is busy receiving).
 */
export class Md5Behind {
  private readonly worker: Worker;
  private readonly result: Promise<string>;

  constructor(path: string) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path } });
    this.result = new Promise<string>((resolve, reject) => {
      this.worker.on('message', (m: { md5?: string; error?: string }) => (m.md5 ? resolve(m.md5) : reject(new Error(m.error))));
      this.worker.on('error', reject);
      this.worker.on('exit', (code) => reject(new Error(`the hashing thread stopped (${code})`)));
    });
    // Nobody may be waiting if the download fails first.
    this.result.catch(() => undefined);
  }

  /** The first `bytes` of the file are written. */
  ready(bytes: number): void {
    this.worker.postMessage({ ready: bytes });
  }

  /** The file is complete at `size` bytes: resolves with its MD5 in hex. */
  async finish(size: number): Promise<string> {
    this.worker.postMessage({ ready: size, end: size });
    try {
      return await this.result;
    } finally {
      await this.worker.terminate();
    }
  }

  /** Stops the worker (after a failure or a pause). */
  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
