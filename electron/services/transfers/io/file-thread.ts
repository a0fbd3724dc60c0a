import type * as Crypto from 'node:crypto';
import type * as Fs from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import type { Md5Lanes, Md5LanesCode } from './md5-lanes';

/** What the file thread is handed: its source is `fileThreadMain`'s text alone, so it can reach nothing else. */
export interface FileThreadModules {
  parentPort: MessagePort;
  fs: typeof Fs;
  crypto: typeof Crypto;
  /** The memory shared with the main thread: the range slots, then the MD5 lanes' state at `lanesAt`. */
  memory: WebAssembly.Memory;
  lanesAt: number;
  /** md5-lanes-wasm.ts, decoded. */
  wasm: Uint8Array;
  Md5Lanes: typeof Md5Lanes;
}

/** A job for the file thread; each is answered with its `id`. */
export type FileJob =
  /** MD5 of a byte range, read in steps. */
  | { id: number; kind: 'hash'; path: string; start: number; length: number }
  /** A byte range read into the shared memory at `at`, with its MD5. */
  | { id: number; kind: 'read'; path: string; start: number; length: number; at: number }
  /** A file's size and date, and its bytes with their MD5 if it has at most `max` bytes. */
  | { id: number; kind: 'small'; path: string; max: number };

export interface FileAnswer {
  id: number;
  md5?: Uint8Array;
  body?: Uint8Array;
  stat?: { size: number; mtimeMs: number };
  error?: { message: string; code?: string; syscall?: string; path?: string };
}

/**
 * The file thread (see file-workers.ts, which starts it from this function's
 * source text). Reads here are synchronous: they block this thread only.
 *
 * Ranges read into the shared memory ("read", the parts of a multipart
 * upload) advance together, 1 MiB of each per turn, each step hashed right
 * after it is read, while it is still in the CPU's cache (reading a whole
 * 8 MiB part, then hashing it, cost ~0.5 CPU-s more per GiB). Ranges that
 * start together are hashed four at a time in the lanes of Md5Lanes; a range
 * that starts alone, with no other to pair with, is hashed by OpenSSL
 * (Node's crypto), which is faster for one stream.
 */
export function fileThreadMain({ parentPort, fs, crypto, memory, lanesAt, wasm, Md5Lanes }: FileThreadModules): void {
  const STEP = 1 << 20;
  const LANES = 4;
  const step = Buffer.allocUnsafe(STEP);
  const code = new WebAssembly.Instance(new WebAssembly.Module(wasm), { env: { memory } }).exports as unknown as Md5LanesCode;
  const lanes = new Md5Lanes(code, memory, lanesAt);

  const errorOf = (e: unknown): NonNullable<FileAnswer['error']> => {
    const error = e as NodeJS.ErrnoException | undefined;
    return { message: String(error?.message ?? e), code: error?.code, syscall: error?.syscall, path: error?.path };
  };
  const shrank = (at: number) => Object.assign(new Error(`the file ended early (at ${at})`), { code: 'FILE_SHRANK' });

  function readFully(fd: number, buffer: Uint8Array, length: number, start: number): void {
    for (let done = 0; done < length;) {
      const n = fs.readSync(fd, buffer, done, length - done, start + done);
      if (n === 0) throw shrank(start + done);
      done += n;
    }
  }

  /** The jobs that answer at once: hashes streamed in steps, and small files read whole. */
  function runAtOnce(job: Extract<FileJob, { kind: 'hash' | 'small' }>): void {
    let fd: number | undefined;
    try {
      fd = fs.openSync(job.path, 'r');
      if (job.kind === 'hash') {
        const hash = crypto.createHash('md5');
        for (let done = 0; done < job.length;) {
          const n = fs.readSync(fd, step, 0, Math.min(STEP, job.length - done), job.start + done);
          if (n === 0) throw shrank(job.start + done);
          hash.update(step.subarray(0, n));
          done += n;
        }
        parentPort.postMessage({ id: job.id, md5: hash.digest() } satisfies FileAnswer);
        return;
      }
      const info = fs.fstatSync(fd);
      const stat = { size: info.size, mtimeMs: info.mtimeMs };
      if (!info.isFile() || info.size > job.max) return void parentPort.postMessage({ id: job.id, stat } satisfies FileAnswer);
      // Memory of its own (not a shared slot), moved to the main thread with the answer.
      const body = new Uint8Array(new ArrayBuffer(info.size));
      readFully(fd, body, info.size, 0);
      const md5 = crypto.createHash('md5').update(body).digest();
      parentPort.postMessage({ id: job.id, stat, body, md5 } satisfies FileAnswer, [body.buffer]);
    } catch (error) {
      parentPort.postMessage({ id: job.id, error: errorOf(error) } satisfies FileAnswer);
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  /** A range being read into its slot: `read` bytes so far, `hashed` of them hashed (whole blocks, in a lane) or all (OpenSSL). */
  interface Reading {
    job: Extract<FileJob, { kind: 'read' }>;
    fd: number;
    read: number;
    hashed: number;
    lane?: number;
    hash?: Crypto.Hash;
  }
  const reading: Reading[] = [];
  let turnScheduled = false;

  const close = (r: Reading) => {
    reading.splice(reading.indexOf(r), 1);
    fs.closeSync(r.fd);
  };

  /** One turn: every range in progress reads (and hashes) its next step; finished ones answer. */
  function turn(): void {
    turnScheduled = false;
    // Ranges starting together share the lanes when no lane is busy: they advance in step, so
    // none is left hashing alone in a lane (slower than OpenSSL). The others go to OpenSSL.
    const starting = reading.filter((r) => r.lane === undefined && !r.hash);
    const lanesFree = !reading.some((r) => r.lane !== undefined);
    starting.forEach((r, i) => {
      if (lanesFree && starting.length > 1 && i < LANES) lanes.begin((r.lane = i));
      else r.hash = crypto.createHash('md5');
    });
    const bytes = new Uint8Array(memory.buffer);
    const work: { lane: number; pointer: number; blocks: number }[] = [];
    for (const r of [...reading]) {
      const { job } = r;
      try {
        const n = Math.min(STEP, job.length - r.read);
        readFully(r.fd, bytes.subarray(job.at + r.read, job.at + r.read + n), n, job.start + r.read);
        r.read += n;
        if (r.hash) {
          r.hash.update(bytes.subarray(job.at + r.hashed, job.at + r.read));
          r.hashed = r.read;
        } else {
          const blocks = Math.floor((r.read - r.hashed) / 64);
          work.push({ lane: r.lane!, pointer: job.at + r.hashed, blocks });
          r.hashed += blocks * 64;
        }
      } catch (error) {
        close(r);
        parentPort.postMessage({ id: job.id, error: errorOf(error) } satisfies FileAnswer);
      }
    }
    lanes.update(work);
    for (const r of [...reading]) {
      if (r.read < r.job.length) continue;
      const { job } = r;
      const md5 = r.hash ? r.hash.digest() : lanes.finish(r.lane!, bytes.slice(job.at + r.hashed, job.at + job.length), job.length);
      close(r);
      parentPort.postMessage({ id: job.id, md5 } satisfies FileAnswer);
    }
    if (reading.length) schedule();
  }

  // Next turn after the messages already queued: ranges asked for together start together.
  const schedule = () => {
    if (turnScheduled) return;
    turnScheduled = true;
    setImmediate(turn);
  };

  parentPort.on('message', (job: FileJob) => {
    if (job.kind !== 'read') return runAtOnce(job);
    try {
      reading.push({ job, fd: fs.openSync(job.path, 'r'), read: 0, hashed: 0 });
      schedule();
    } catch (error) {
      parentPort.postMessage({ id: job.id, error: errorOf(error) } satisfies FileAnswer);
    }
  });
}
