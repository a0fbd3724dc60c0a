import { Worker } from 'node:worker_threads';

/**
 * The workers' code, inline (a separate file would need its own build entry):
 * each job reads a byte range of a file in 1 MiB steps and answers its MD5.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const buffer = Buffer.allocUnsafe(1 << 20);
parentPort.on('message', ({ id, path, start, length }) => {
  let fd;
  try {
    fd = fs.openSync(path, 'r');
    const hash = crypto.createHash('md5');
    for (let done = 0; done < length; ) {
      const n = fs.readSync(fd, buffer, 0, Math.min(buffer.length, length - done), start + done);
      if (n === 0) throw Object.assign(new Error('the file ended early (at ' + (start + done) + ')'), { code: 'FILE_SHRANK' });
      hash.update(buffer.subarray(0, n));
      done += n;
    }
    parentPort.postMessage({ id, md5: hash.digest() });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message || error), code: error && error.code } });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
});
`;

interface Job {
  resolve: (md5: Buffer) => void;
  reject: (error: Error) => void;
}

/**
 * MD5s of file ranges (multipart parts) computed on worker threads. On the
 * main thread, hashing a 1 GiB upload took ~2 s of blocking work that held
 * back the sockets (an upload ran ~40% slower than without MD5); here the
 * main thread only moves bytes. Workers start on first use, do not keep the
 * process alive, and stop after a minute idle.
 */
export class Md5Pool {
  private readonly workers: { worker: Worker; busy: number }[] = [];
  private readonly jobs = new Map<number, Job>();
  private nextId = 0;
  private idleTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly size = 1) {}

  /** MD5 of `length` bytes of the file at `path` from `start`. */
  hashRange(path: string, start: number, length: number): Promise<Buffer> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const slot = this.pick();
    const id = this.nextId++;
    slot.busy += 1;
    return new Promise<Buffer>((resolve, reject) => {
      this.jobs.set(id, {
        resolve: (md5) => (this.done(slot), resolve(md5)),
        reject: (error) => (this.done(slot), reject(error)),
      });
      slot.worker.postMessage({ id, path, start, length });
    });
  }

  private pick(): { worker: Worker; busy: number } {
    const free = this.workers.find((w) => w.busy === 0);
    if (free || this.workers.length >= this.size) return free ?? this.workers.reduce((a, b) => (a.busy <= b.busy ? a : b));
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    const slot = { worker, busy: 0 };
    worker.on('message', (m: { id: number; md5?: Uint8Array; error?: { message: string; code?: string } }) => {
      const job = this.jobs.get(m.id);
      this.jobs.delete(m.id);
      if (m.md5) job?.resolve(Buffer.from(m.md5));
      else job?.reject(Object.assign(new Error(m.error?.message), { code: m.error?.code }));
    });
    worker.on('error', (error) => this.fail(slot, error));
    worker.on('exit', () => this.fail(slot, new Error('the hashing thread stopped')));
    this.workers.push(slot);
    return slot;
  }

  private done(slot: { busy: number }): void {
    slot.busy -= 1;
    if (this.workers.every((w) => w.busy === 0)) {
      this.idleTimer = setTimeout(() => void this.close(), 60_000);
      this.idleTimer.unref();
    }
  }

  /** A worker died: its jobs fail (each part is retried by the engine), the others go on. */
  private fail(slot: { worker: Worker; busy: number }, error: Error): void {
    const at = this.workers.indexOf(slot);
    if (at === -1) return;
    this.workers.splice(at, 1);
    // Jobs are not tracked per worker; a dead worker is rare enough to fail them all.
    for (const [id, job] of this.jobs) {
      this.jobs.delete(id);
      job.reject(error);
    }
  }

  /** Stops the workers (jobs in flight fail). */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}
