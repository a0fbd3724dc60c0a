import type { S3Client } from '@aws-sdk/client-s3';
import type { ConflictPolicy, ExistingTarget } from '../../../../shared/transfers';
import { DEFAULT_DEADLINES, type Deadlines } from '../../deadline-fetch';
import type { FileWorkers } from '../io/file-workers';
import type { Limiter } from './limiter';
import type { Pacer } from './bandwidth';
import type { RetryPolicy } from './retry';
import type { TransferStateStore } from '../state/state-store';

/** Sizes and limits of the engine; tests lower them to make small files multipart. */
export interface TransferTuning {
  /** Files (uploads, downloads, imports) moving at once. */
  filesInFlight: number;
  /** Requests carrying a part or a chunk at once, over all files. */
  partsInFlight: number;
  /** Files above this size go multipart. */
  multipartThreshold: number;
  /** The smallest part (S3's minimum is 5 MiB); the real size is max(this, ceil(size / 9,000)). */
  minPartSize: number;
  /** Objects above this size download in ranged chunks, several at once: this size, or up to 64 MiB for big objects (downloadChunkFor). */
  downloadChunkSize: number;
  /** Chunks of one download in flight at most (within the parts limit): more buys little and costs memory. */
  chunksPerDownload: number;
  /** Bodies up to this size are read into memory once (hashed and sent from the same buffer). */
  smallBodyBytes: number;
  /** Imports larger than this are refused (a wrong URL should not fill a bucket). */
  importMaxBytes: number;
  /** Deadlines of a URL import's source: connection, first byte, stall. */
  importDeadlines: Deadlines;
}

/** Defaults measured against the local Ceph gateway (see the report in the transfers issue). */
export const DEFAULT_TUNING: TransferTuning = {
  // 32, not 16: a small file's time is mostly waiting (its GET or PUT, a dozen file-system calls on the thread
  // pool), so more files at once keep the gateway busy. pail cp --recursive of 2,000 files of 4 KiB: download
  // 4.04 s against 6.77 s, upload 3.15 s against 3.30 s, the same peak memory (114-120 MB).
  filesInFlight: 32,
  // Parts sent from memory hold one of 4 buffers only while their bytes go out, so 12 in flight cost no more memory than 8 and kept the gateway busier.
  partsInFlight: 12,
  multipartThreshold: 16 * 1024 * 1024,
  minPartSize: 8 * 1024 * 1024,
  downloadChunkSize: 16 * 1024 * 1024,
  chunksPerDownload: 2,
  smallBodyBytes: 1024 * 1024,
  importMaxBytes: 100 * 1024 * 1024 * 1024,
  importDeadlines: DEFAULT_DEADLINES,
};

/** What a task gets from the engine while it runs. */
export interface TaskContext {
  readonly transferId: string;
  /** Fires on cancel (and when a sibling part failed): in-flight requests stop at once. */
  readonly signal: AbortSignal;
  /** True once the user paused: take no new part, let those in flight finish. */
  isPausing(): boolean;
  readonly parts: Limiter;
  /** The speed limits its bytes go through (its own, its batch's, the global one): take before sending or reading. */
  readonly pace: Pacer;
  readonly tuning: TransferTuning;
  readonly retry: RetryPolicy;
  readonly store: TransferStateStore;
  /** Local files read and hashed on worker threads. */
  readonly files: Pick<FileWorkers, 'hashRange' | 'readRange' | 'readSmallFile'>;
  /** The batch's policy, or this transfer's own answer to "ask". */
  conflictPolicy(): ConflictPolicy;
  /** Runs one request with retries, counting them for the panel. */
  request<T>(attempt: (tryNumber: number) => Promise<T>, options?: { retryable?: (error: unknown) => boolean }): Promise<T>;
  setState(state: 'running' | 'verifying'): void;
  setKey(key: string): void;
  setLocalPath(path: string): void;
  setTotal(total: number): void;
  /** The running byte count (a resume starts above 0). */
  setBytes(bytes: number): void;
  addBytes(delta: number): void;
  setParts(done: number, total: number): void;
  setResumable(resumable: boolean): void;
  note(text: string): void;
}

/** How a run ended, short of an error (which fails the transfer). */
export type TaskOutcome = { state: 'done' } | { state: 'skipped'; note: string } | { state: 'paused' } | { state: 'conflict'; existing: ExistingTarget };

/** One transfer's work; `discard` undoes what a cancelled run left (a multipart upload, a temp file). */
export interface TransferTask {
  run(context: TaskContext): Promise<TaskOutcome>;
  discard(transferId: string): Promise<void>;
}

/**
 * A batch that goes on from the journal an earlier run of Pail left (restored at start, or the CLI's same
 * command run again). The journal notes finished files a few times a second (JOURNAL_FLUSH_MS), so after a
 * crash the files finished in its last moments come again: their tasks look for what that run left in place.
 */
export interface EarlierRun {
  /** When the batch began (its journal's createdAt): what an object it uploaded cannot predate. */
  startedAt: string;
}

/** An S3 client and the facts about the profile a task needs. */
export interface ClientHandle {
  client: S3Client;
  endpoint: string;
}
