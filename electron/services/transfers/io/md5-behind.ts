import type { Worker } from 'node:worker_threads';
import type { Md5Answer, Md5Progress } from './md5-thread';
import { startThread } from './thread-entry';

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
    this.worker = startThread('md5-thread', { workerData: { path } });
    this.result = new Promise<string>((resolve, reject) => {
      this.worker.on('message', (m: Md5Answer) => (m.md5 ? resolve(m.md5) : reject(new Error(m.error))));
      this.worker.on('error', reject);
      this.worker.on('exit', (code) => reject(new Error(`the hashing thread stopped (${code})`)));
    });
    // Nobody may be waiting if the download fails first.
    this.result.catch(() => undefined);
  }

  /** The first `bytes` of the file are written. */
  ready(bytes: number): void {
    this.worker.postMessage({ ready: bytes } satisfies Md5Progress);
  }

  /** The file is complete at `size` bytes: resolves with its MD5 in hex. */
  async finish(size: number): Promise<string> {
    this.worker.postMessage({ ready: size, end: size } satisfies Md5Progress);
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
