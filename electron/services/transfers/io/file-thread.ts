import { createHash, type Hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { FileAnswer, FileJob, FileThreadData } from './file-protocol';
import { Md5Lanes, type Md5LanesCode } from './md5-lanes';
import { MD5_LANES_WASM } from './md5-lanes-wasm';

/**
 * The file thread's entry (started by file-workers.ts; electron.vite.config.ts
 * builds it as its own file). Reads here are synchronous: they block this
 * thread only.
 *
 * Ranges read into the shared memory ("read", the parts of a multipart
 * upload) advance together, 1 MiB of each per turn, each step hashed right
 * after it is read, while it is still in the CPU's cache (reading a whole
 * 8 MiB part, then hashing it, cost ~0.5 CPU-s more per GiB). Ranges that
 * start together are hashed four at a time in the lanes of Md5Lanes; a range
 * that starts alone, with no other to pair with, is hashed by OpenSSL
 * (Node's crypto), which is faster for one stream.
 */
const port = parentPort!;
const { memory, lanesAt } = workerData as FileThreadData;
const STEP = 1 << 20;
const LANES = 4;
const step = Buffer.allocUnsafe(STEP);
const code = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(MD5_LANES_WASM, 'base64')), { env: { memory } }).exports as unknown as Md5LanesCode;
const lanes = new Md5Lanes(code, memory, lanesAt);

/** An error as it crosses to the main thread: the file system's fields, for the same messages. */
function errorOf(e: unknown): NonNullable<FileAnswer['error']> {
  const error = e as NodeJS.ErrnoException | undefined;
  return { message: String(error?.message ?? e), code: error?.code, syscall: error?.syscall, path: error?.path };
}

const shrank = (at: number) => Object.assign(new Error(`the file ended early (at ${at})`), { code: 'FILE_SHRANK' });
const answer = (message: FileAnswer, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);

function readFully(fd: number, buffer: Uint8Array, length: number, start: number): void {
  for (let done = 0; done < length;) {
    const n = readSync(fd, buffer, done, length - done, start + done);
    if (n === 0) throw shrank(start + done);
    done += n;
  }
}

/** MD5 of a byte range, streamed in steps. */
function hashRange(fd: number, job: Extract<FileJob, { kind: 'hash' }>): void {
  const hash = createHash('md5');
  for (let done = 0; done < job.length;) {
    const n = readSync(fd, step, 0, Math.min(STEP, job.length - done), job.start + done);
    if (n === 0) throw shrank(job.start + done);
    hash.update(step.subarray(0, n));
    done += n;
  }
  answer({ id: job.id, md5: hash.digest() });
}

/** A file's size and date, and its bytes with their MD5 when small enough. */
function readSmall(fd: number, job: Extract<FileJob, { kind: 'small' }>): void {
  const info = fstatSync(fd);
  const stat = { size: info.size, mtimeMs: info.mtimeMs };
  if (!info.isFile() || info.size > job.max) return answer({ id: job.id, stat });
  // Memory of its own (not a shared slot), moved to the main thread with the answer.
  const body = new Uint8Array(new ArrayBuffer(info.size));
  readFully(fd, body, info.size, 0);
  const md5 = createHash('md5').update(body).digest();
  answer({ id: job.id, stat, body, md5 }, [body.buffer]);
}

/** The jobs that answer at once: hashes streamed in steps, and small files read whole. */
function runAtOnce(job: Extract<FileJob, { kind: 'hash' | 'small' }>): void {
  let fd: number | undefined;
  try {
    fd = openSync(job.path, 'r');
    if (job.kind === 'hash') hashRange(fd, job);
    else readSmall(fd, job);
  } catch (error) {
    answer({ id: job.id, error: errorOf(error) });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A range being read into its slot: `read` bytes so far, `hashed` of them hashed (whole blocks, in a lane) or all (OpenSSL). */
interface Reading {
  job: Extract<FileJob, { kind: 'read' }>;
  fd: number;
  read: number;
  hashed: number;
  lane?: number;
  hash?: Hash;
}
const reading: Reading[] = [];
let turnScheduled = false;

const close = (r: Reading) => {
  reading.splice(reading.indexOf(r), 1);
  closeSync(r.fd);
};

/** Ranges starting together share the lanes when no lane is busy: they advance in step, so none is left hashing alone in a lane (slower than OpenSSL). The others go to OpenSSL. */
function assignHashes(): void {
  const starting = reading.filter((r) => r.lane === undefined && !r.hash);
  const lanesFree = !reading.some((r) => r.lane !== undefined);
  starting.forEach((r, i) => {
    if (lanesFree && starting.length > 1 && i < LANES) lanes.begin((r.lane = i));
    else r.hash = createHash('md5');
  });
}

/** Every range in progress reads its next step and hashes it (OpenSSL at once, lanes together after). */
function readSteps(bytes: Uint8Array): void {
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
      answer({ id: job.id, error: errorOf(error) });
    }
  }
  lanes.update(work);
}

/** One turn: every range in progress reads (and hashes) its next step; finished ones answer. */
function turn(): void {
  turnScheduled = false;
  assignHashes();
  const bytes = new Uint8Array(memory.buffer);
  readSteps(bytes);
  for (const r of [...reading]) {
    if (r.read < r.job.length) continue;
    const { job } = r;
    const md5 = r.hash ? r.hash.digest() : lanes.finish(r.lane!, bytes.slice(job.at + r.hashed, job.at + job.length), job.length);
    close(r);
    answer({ id: job.id, md5 });
  }
  if (reading.length) schedule();
}

/** Next turn after the messages already queued: ranges asked for together start together. */
function schedule(): void {
  if (turnScheduled) return;
  turnScheduled = true;
  setImmediate(turn);
}

port.on('message', (job: FileJob) => {
  if (job.kind !== 'read') return runAtOnce(job);
  try {
    reading.push({ job, fd: openSync(job.path, 'r'), read: 0, hashed: 0 });
    schedule();
  } catch (error) {
    answer({ id: job.id, error: errorOf(error) });
  }
});
