import { Worker } from 'node:worker_threads';

/**
 * The workers' code, inline (a separate file would need its own build entry).
 * Jobs, each on a byte range or a whole file, answered with its MD5:
 * - "hash": reads the range in 1 MiB steps, answers only the MD5;
 * - "read": reads the range into a buffer shared with the main thread;
 * - "small": stats a file and, if it is at most `max` bytes, reads it whole.
 * Reads here are synchronous: they block this thread only, never the main one.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const step = Buffer.allocUnsafe(1 << 20);
function readFully(fd, buffer, length, start) {
  for (let done = 0; done < length; ) {
    const n = fs.readSync(fd, buffer, done, length - done, start + done);
    if (n === 0) throw Object.assign(new Error('the file ended early (at ' + (start + done) + ')'), { code: 'FILE_SHRANK' });
    done += n;
  }
}
parentPort.on('message', (job) => {
  let fd;
  try {
    fd = fs.openSync(job.path, 'r');
    if (job.kind === 'hash') {
      const hash = crypto.createHash('md5');
      for (let done = 0; done < job.length; ) {
        const n = fs.readSync(fd, step, 0, Math.min(step.length, job.length - done), job.start + done);
        if (n === 0) throw Object.assign(new Error('the file ended early (at ' + (job.start + done) + ')'), { code: 'FILE_SHRANK' });
        hash.update(step.subarray(0, n));
        done += n;
      }
      parentPort.postMessage({ id: job.id, md5: hash.digest() });
      return;
    }
    let start = job.start, length = job.length, stat;
    if (job.kind === 'small') {
      const info = fs.fstatSync(fd);
      stat = { size: info.size, mtimeMs: info.mtimeMs };
      if (!info.isFile() || info.size > job.max) return parentPort.postMessage({ id: job.id, stat });
      start = 0;
      length = info.size;
    }
    // A range goes into the shared buffer the main thread lent; a small file into memory of
    // its own (not the pooled slab), moved to the main thread with the answer.
    const body = job.shared ? new Uint8Array(job.shared, 0, length) : new Uint8Array(new ArrayBuffer(length));
    readFully(fd, body, length, start);
    const md5 = crypto.createHash('md5').update(body).digest();
    if (job.shared) parentPort.postMessage({ id: job.id, md5 });
    else parentPort.postMessage({ id: job.id, stat, body, md5 }, [body.buffer]);
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: { message: String(error && error.message || error), code: error && error.code, syscall: error && error.syscall, path: error && error.path } });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
});
`;

/** A range read whole, with its MD5; `release()` gives its memory back for the next range once it is sent. */
export interface RangeRead {
  body: Buffer;
  md5: Buffer;
  release(): void;
}

/**
 * Range buffers at most, in use or spare. A part holds one from its read until
 * the socket has its last byte, not while the server answers, so fewer buffers
 * than parts in flight keep the sockets busy. Measured on a 1 GiB upload with
 * 8 parts in flight: 4 buffers were as fast as 8 and held 32 MiB, not 64.
 */
const RANGE_BUFFERS = 4;

/** A file's size and date and, when small enough, its bytes and their MD5. */
export interface SmallFileRead {
  size: number;
  mtimeMs: number;
  body?: Buffer;
  md5?: Buffer;
}

type Answer = { id: number; md5?: Uint8Array; body?: Uint8Array; stat?: { size: number; mtimeMs: number }; error?: { message: string; code?: string; syscall?: string; path?: string } };

interface Job {
  resolve: (answer: Answer) => void;
  reject: (error: Error) => void;
}

const toBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * File reading and MD5 for uploads, on worker threads. On the main thread,
 * hashing a 1 GiB upload took ~2 s of blocking work that held back the
 * sockets, and each small file's open/stat/read/close cost four thread-pool
 * round trips (~0.4 ms of CPU against ~0.07 ms here); here the main thread
 * only moves bytes. Workers start on first use, do not keep the process
 * alive, and stop after a minute idle.
 */
export class FileWorkers {
  private readonly workers: { worker: Worker; busy: number }[] = [];
  private readonly jobs = new Map<number, Job>();
  private readonly spare: SharedArrayBuffer[] = [];
  private buffersInUse = 0;
  private readonly bufferWaiters: (() => void)[] = [];
  private nextId = 0;
  private idleTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly size = 1) {}

  /** MD5 of `length` bytes of the file at `path` from `start` (read in steps: never the whole range in memory). */
  async hashRange(path: string, start: number, length: number): Promise<Buffer> {
    const answer = await this.post({ kind: 'hash', path, start, length });
    return toBuffer(answer.md5!);
  }

  /**
   * `length` bytes of the file from `start`, in one buffer, with their MD5:
   * for a part sent from memory. The buffers are shared with the worker and
   * reused: fresh 8 MiB buffers for every part cost more CPU (zeroed pages,
   * page faults, then garbage collection and unmapping) than reading the file.
   */
  async readRange(path: string, start: number, length: number): Promise<RangeRead> {
    const shared = await this.takeBuffer(length);
    try {
      const answer = await this.post({ kind: 'read', path, start, length, shared });
      let released = false;
      return {
        body: Buffer.from(shared, 0, length),
        md5: toBuffer(answer.md5!),
        release: () => {
          if (released) return;
          released = true;
          this.giveBack(shared);
        },
      };
    } catch (error) {
      this.giveBack(shared);
      throw error;
    }
  }

  /** A spare buffer that holds `length` bytes, or a new one (at least 8 MiB, so parts of any file share them); waits while all are in use. */
  private async takeBuffer(length: number): Promise<SharedArrayBuffer> {
    while (this.buffersInUse >= RANGE_BUFFERS) await new Promise<void>((resolve) => this.bufferWaiters.push(resolve));
    this.buffersInUse += 1;
    const fits = this.spare.findIndex((buffer) => buffer.byteLength >= length);
    if (fits !== -1) return this.spare.splice(fits, 1)[0];
    // A spare too small for this part makes room for a bigger one.
    if (this.spare.length + this.buffersInUse > RANGE_BUFFERS) this.spare.shift();
    return new SharedArrayBuffer(Math.max(length, 8 * 1024 * 1024));
  }

  private giveBack(buffer: SharedArrayBuffer): void {
    this.buffersInUse -= 1;
    this.spare.push(buffer);
    this.bufferWaiters.shift()?.();
  }

  /** A file's size and date, and its bytes with their MD5 when it has at most `max` bytes. */
  async readSmallFile(path: string, max: number): Promise<SmallFileRead> {
    const answer = await this.post({ kind: 'small', path, max });
    const { size, mtimeMs } = answer.stat!;
    return { size, mtimeMs, ...(answer.body && { body: toBuffer(answer.body), md5: toBuffer(answer.md5!) }) };
  }

  private post(job: { kind: 'hash'; path: string; start: number; length: number } | { kind: 'read'; path: string; start: number; length: number; shared: SharedArrayBuffer } | { kind: 'small'; path: string; max: number }): Promise<Answer> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const slot = this.pick();
    const id = this.nextId++;
    slot.busy += 1;
    return new Promise<Answer>((resolve, reject) => {
      this.jobs.set(id, {
        resolve: (answer) => (this.done(slot), resolve(answer)),
        reject: (error) => (this.done(slot), reject(error)),
      });
      slot.worker.postMessage({ id, ...job });
    });
  }

  private pick(): { worker: Worker; busy: number } {
    const free = this.workers.find((w) => w.busy === 0);
    if (free || this.workers.length >= this.size) return free ?? this.workers.reduce((a, b) => (a.busy <= b.busy ? a : b));
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    const slot = { worker, busy: 0 };
    worker.on('message', (answer: Answer) => {
      const job = this.jobs.get(answer.id);
      this.jobs.delete(answer.id);
      // The file-system error as the main thread's fs would give it (code, syscall, path), for the same messages.
      if (answer.error) job?.reject(Object.assign(new Error(answer.error.message), answer.error));
      else job?.resolve(answer);
    });
    worker.on('error', (error) => this.fail(slot, error));
    worker.on('exit', () => this.fail(slot, new Error('the file-reading thread stopped')));
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

  /** Stops the workers (jobs in flight fail) and lets the spare buffers go. */
  async close(): Promise<void> {
    this.spare.length = 0;
    const workers = this.workers.splice(0);
    for (const [id, job] of this.jobs) {
      this.jobs.delete(id);
      job.reject(new Error('the file-reading thread stopped'));
    }
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}
