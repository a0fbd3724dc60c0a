import type { ErrorInfo } from './errors';

/** Long operations that run in the main process and report progress. */
export const JOB_KINDS = [
  'deleteEntries',
  'deleteBucket',
  'rename',
  'copy',
  'move',
  'search',
  'setAccess',
  'abortUploads',
  'folderSize',
  'storageClass',
  'sync',
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** A job's handle, returned at once by the request that starts it. */
export interface JobStarted {
  jobId: string;
}

/** Progress of a job (at most ~10 events a second per job). */
export interface JobProgress {
  jobId: string;
  kind: JobKind;
  /** What the job does, e.g. "Deleting 3 folders in photos". */
  title: string;
  /** Items done so far. */
  done: number;
  /** Items in all, once known. */
  total?: number;
  /** The step it is in, e.g. "Counting objects", "Deleting versions". */
  phase?: string;
  /** Bytes counted so far (a folder's size). */
  bytes?: number;
}

/** One item a job could not handle, and why. */
export interface JobFailure {
  key: string;
  error: ErrorInfo;
}

/** How a job ended. */
export interface JobFinished {
  jobId: string;
  kind: JobKind;
  title: string;
  /** succeeded: all done; partial: some items failed (listed), nothing else touched; failed: stopped by an error; cancelled. */
  status: 'succeeded' | 'partial' | 'failed' | 'cancelled';
  /** One sentence: "Deleted 2,512 objects." */
  summary: string;
  done: number;
  /** Bytes counted, for a job that measures (a folder's size). */
  bytes?: number;
  failures: JobFailure[];
  error?: ErrorInfo;
}
