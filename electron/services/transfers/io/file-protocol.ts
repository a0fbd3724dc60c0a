/**
 * What the main thread and the file thread (file-thread.ts) say to each
 * other: types only, so both sides import them and neither pulls in the
 * other's code.
 */

/** What the file thread starts with (its workerData). */
export interface FileThreadData {
  /** The memory shared with the main thread: the range slots, then the MD5 lanes' state at `lanesAt`. */
  memory: WebAssembly.Memory;
  lanesAt: number;
}

/** A job for the file thread; each is answered with its `id`. */
export type FileJob =
  /** MD5 of a byte range, read in steps. */
  | { id: number; kind: 'hash'; path: string; start: number; length: number }
  /** A byte range read into the shared memory at `at`, with its MD5. */
  | { id: number; kind: 'read'; path: string; start: number; length: number; at: number }
  /** A file's size and date, and its bytes with their MD5 if it has at most `max` bytes. */
  | { id: number; kind: 'small'; path: string; max: number };

/** The file thread's answer to a job. */
export interface FileAnswer {
  id: number;
  md5?: Uint8Array;
  body?: Uint8Array;
  stat?: { size: number; mtimeMs: number };
  error?: { message: string; code?: string; syscall?: string; path?: string };
}
