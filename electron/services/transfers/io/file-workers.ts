import type { Worker } from 'node:worker_threads';
import type { FileAnswer, FileJob, FileThreadData } from './file-protocol';
import { startThread } from './thread-entry';

/** A range read whole, with its MD5; `release()` gives its memory back for the next range once it is sent. */
export interface RangeRead {
  body: Buffer;
  md5: Buffer;
  release(): void;
}

/**
 * Range slots. A part holds one from its read until the socket has its last
 * byte, not while the server answers, so fewer slots than parts in flight
 * keep the sockets busy. Measured on a 1 GiB upload with 8 parts in flight:
 * 4 were as fast as 8 and held 32 MiB, not 64. Then with 12 in flight, over
 * HTTP and HTTPS (3 runs each): 3 slots as fast as 4 (HTTP 8.35 s against
 * 8.86, HTTPS 10.37 against 10.64) and the gateway spent less CPU, with a
 * peak of 135 MiB instead of 143 over HTTPS; 2 were as fast again but 1 was
 * slower over HTTPS. Two, then: \`pail sync\` of 10,000 small files and 20 of
 * 20 MiB must stay under 200 MB, and each slot a part has used holds 8 MiB.
 * Ranges that start together share the MD5 lanes (four wide).
 */
const RANGE_SLOTS = 2;
/** The biggest range read into memory (bigger parts are streamed). */
export const RANGE_MAX = 16 * 1024 * 1024;
const WASM_PAGE = 64 * 1024;

/** A file's size and date and, when small enough, its bytes and their MD5. */
export interface SmallFileRead {
  size: number;
  mtimeMs: number;
  body?: Buffer;
  md5?: Buffer;
}

interface Job {
  resolve: (answer: FileAnswer) => void;
  reject: (error: Error) => void;
}

const toBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * File reading and MD5 for uploads, on a worker thread (file-thread.ts). On
 * the main thread, hashing a 1 GiB upload took ~2 s of blocking work that
 * held back the sockets, and each small file's open/stat/read/close cost four
 * thread-pool round trips (~0.4 ms of CPU against ~0.07 ms there); here the
 * main thread only moves bytes. Ranges are read into slots of a memory shared
 * with the thread and reused: fresh 8 MiB buffers for every part cost more
 * CPU (zeroed pages, page faults, then garbage collection and unmapping) than
 * reading the file. Only the pages a slot has held count as memory in use.
 * The thread starts on first use, does not keep the process alive, and stops
 * after a minute idle.
 */
export class FileWorkers {
  private worker?: Worker;
  private memory?: WebAssembly.Memory;
  private readonly jobs = new Map<number, Job>();
  private readonly freeSlots = [...Array(RANGE_SLOTS).keys()];
  private readonly slotWaiters: (() => void)[] = [];
  private nextId = 0;
  private idleTimer?: ReturnType<typeof setTimeout>;

  /** MD5 of `length` bytes of the file at `path` from `start` (read in steps: never the whole range in memory). */
  async hashRange(path: string, start: number, length: number): Promise<Buffer> {
    const answer = await this.post({ kind: 'hash', path, start, length });
    return toBuffer(answer.md5!);
  }

  /** `length` bytes (at most RANGE_MAX) of the file from `start`, in one slot, with their MD5: for a part sent from memory. */
  async readRange(path: string, start: number, length: number): Promise<RangeRead> {
    if (length > RANGE_MAX) throw new RangeError(`a range read into memory has at most ${RANGE_MAX} bytes, not ${length}`);
    const slot = await this.takeSlot();
    try {
      const at = slot * RANGE_MAX;
      const answer = await this.post({ kind: 'read', path, start, length, at });
      let released = false;
      return {
        body: Buffer.from(this.memory!.buffer, at, length),
        md5: toBuffer(answer.md5!),
        release: () => {
          if (released) return;
          released = true;
          this.giveBack(slot);
        },
      };
    } catch (error) {
      this.giveBack(slot);
      throw error;
    }
  }

  private async takeSlot(): Promise<number> {
    while (!this.freeSlots.length) await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    return this.freeSlots.shift()!;
  }

  private giveBack(slot: number): void {
    this.freeSlots.push(slot);
    this.slotWaiters.shift()?.();
  }

  /** A file's size and date, and its bytes with their MD5 when it has at most `max` bytes. */
  async readSmallFile(path: string, max: number): Promise<SmallFileRead> {
    const answer = await this.post({ kind: 'small', path, max });
    const { size, mtimeMs } = answer.stat!;
    return { size, mtimeMs, ...(answer.body && { body: toBuffer(answer.body), md5: toBuffer(answer.md5!) }) };
  }

  private post(job: FileJob extends infer J ? (J extends FileJob ? Omit<J, 'id'> : never) : never): Promise<FileAnswer> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<FileAnswer>((resolve, reject) => {
      this.jobs.set(id, {
        resolve: (answer) => (this.done(id), resolve(answer)),
        reject: (error) => (this.done(id), reject(error)),
      });
      worker.postMessage({ id, ...job });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // The slots, then a page for the MD5 lanes' state; kept across restarts of the thread (slots may still be sending).
    this.memory ??= new WebAssembly.Memory({
      initial: (RANGE_SLOTS * RANGE_MAX) / WASM_PAGE + 1,
      maximum: (RANGE_SLOTS * RANGE_MAX) / WASM_PAGE + 1,
      shared: true,
    });
    const workerData: FileThreadData = { memory: this.memory, lanesAt: RANGE_SLOTS * RANGE_MAX };
    const worker = startThread('file-thread', { workerData, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    worker.unref();
    worker.on('message', (answer: FileAnswer) => {
      const job = this.jobs.get(answer.id);
      // The file-system error as the main thread's fs would give it (code, syscall, path), for the same messages.
      if (answer.error) job?.reject(Object.assign(new Error(answer.error.message), answer.error));
      else job?.resolve(answer);
    });
    const died = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      // A dead thread is rare: its jobs fail (each part is retried by the engine).
      for (const job of [...this.jobs.values()]) job.reject(error);
    };
    worker.on('error', died);
    worker.on('exit', () => died(new Error('the file-reading thread stopped')));
    this.worker = worker;
    return worker;
  }

  private done(id: number): void {
    this.jobs.delete(id);
    if (this.jobs.size) return;
    this.idleTimer = setTimeout(() => void this.close(), 60_000);
    this.idleTimer.unref();
  }

  /** Stops the thread (jobs in flight fail); the shared memory goes once no slot is in use. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    for (const job of [...this.jobs.values()]) job.reject(new Error('the file-reading thread stopped'));
    if (this.freeSlots.length === RANGE_SLOTS) this.memory = undefined;
    await worker?.terminate();
  }
}
