import { z } from 'zod';
import type { BandwidthLimits } from './bandwidth';
import type { ErrorInfo } from './errors';
import { profileIdSchema } from './profile';
import { UPLOAD_ACLS } from './providers';
import { bucketNameSchema, prefixSchema } from './s3-names';
import { uploadOptionsSchema } from './upload-options';

/**
 * Uploads, downloads and URL imports as the UI and the CLI see them: one
 * record per file, grouped in batches (one drop, one download, one import),
 * updated by throttled `transfer:progress` events.
 */

/** Which way the bytes go: from disk to a bucket, from a bucket to disk, from a URL to a bucket. */
export const TRANSFER_DIRECTIONS = ['upload', 'download', 'import'] as const;
export type TransferDirection = (typeof TRANSFER_DIRECTIONS)[number];

/**
 * Where a transfer is. `conflict`: the key exists and the batch's policy is
 * "ask", so it waits for `transfers:resolveConflict`. `paused` is also where
 * uploads interrupted by a crash or restart come back, ready to resume.
 */
export const TRANSFER_STATES = ['queued', 'running', 'paused', 'conflict', 'verifying', 'done', 'skipped', 'failed', 'cancelled'] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];

/** How many transfers are in each state: all zero, or as given. */
export function stateCounts(given: Partial<Record<TransferState, number>> = {}): Record<TransferState, number> {
  return { ...(Object.fromEntries(TRANSFER_STATES.map((state) => [state, 0])) as Record<TransferState, number>), ...given };
}

/** States a transfer leaves only by retry (failed, cancelled) or clear-finished. */
export const FINISHED_STATES: readonly TransferState[] = ['done', 'skipped', 'failed', 'cancelled'];

/** True when a transfer will not move again by itself. */
export function isFinished(state: TransferState): boolean {
  return FINISHED_STATES.includes(state);
}

/** What to do when the target (key or local file) already exists. */
export const CONFLICT_POLICIES = ['overwrite', 'skip', 'rename', 'ask'] as const;
export type ConflictPolicy = (typeof CONFLICT_POLICIES)[number];

/** An answer to a conflict (the "ask" policy). */
export const CONFLICT_DECISIONS = ['overwrite', 'skip', 'rename'] as const;
export type ConflictDecision = (typeof CONFLICT_DECISIONS)[number];

/** One file (or folder marker) being moved. */
export interface TransferSnapshot {
  id: string;
  batchId: string;
  direction: TransferDirection;
  state: TransferState;
  profileId: string;
  bucket: string;
  /** The object's key; after a "rename" decision, the new key. */
  key: string;
  /** Upload: the source file. Download: the destination file. */
  localPath?: string;
  /** Import: the URL read. */
  sourceUrl?: string;
  /** What the panel shows: the path inside the batch ("photos/2024/a.jpg"). */
  name: string;
  /** Bytes moved so far (after a resume, counts the parts already on the server). */
  bytes: number;
  /** Size in bytes, when known (an import without Content-Length has none until it ends). */
  total?: number;
  /** Bytes per second over the last few seconds. */
  rate: number;
  /** Seconds left at the current rate, when it can be told. */
  etaSeconds?: number;
  /** Multipart uploads and chunked downloads: parts finished of all. */
  parts?: { done: number; total: number };
  /** Its own speed limit (bytes per second), when one is set. */
  limit?: number;
  /** Failed requests retried so far. */
  retries: number;
  /** Running, but nothing has moved for this many seconds (set from 5 s on): the server is not answering. */
  silentSeconds?: number;
  /** Its state is saved in the data folder: it survives a restart and can resume. */
  resumable: boolean;
  /** Set while `state` is "conflict": what is there already. */
  conflict?: ExistingTarget;
  /** Set when `state` is "failed". */
  error?: ErrorInfo;
  /** Something the user should know although it worked ("Key made safe: …", "Renamed to …"). */
  note?: string;
  startedAt?: string;
  finishedAt?: string;
}

/** The object or file already at a transfer's target. */
export interface ExistingTarget {
  /** The key or local path that exists. */
  target: string;
  size?: number;
  lastModified?: string;
}

/** A group of transfers started together, with its totals. */
export interface BatchSnapshot {
  id: string;
  direction: TransferDirection;
  /** "Uploading 3 items to photos/2024/", "Downloading 12 objects to ~/Downloads". */
  title: string;
  profileId: string;
  bucket: string;
  conflictPolicy: ConflictPolicy;
  /** How many transfers are in each state. */
  counts: Record<TransferState, number>;
  /** Transfers found so far: while `moreToFind`, a folder is still being walked or a listing paged as the queue needs files. */
  files: number;
  /** More transfers may still be found (the panel says "so far"); false when the batch's size was known from the start (a drop). */
  moreToFind?: boolean;
  /** Finished-and-fine transfers the engine let go of: counted in `counts`, no longer sent as transfers. */
  letGo?: number;
  /** The user paused or cancelled the batch as a whole: no more of it starts until resumed (or, cancelled, retried). */
  hold?: 'paused' | 'cancelled';
  bytes: number;
  total: number;
  rate: number;
  etaSeconds?: number;
  /** Transfers run, but no byte of the batch has moved for this many seconds (set from 5 s on). */
  silentSeconds?: number;
  /** Every transfer in it is finished (the moment for a notification). */
  finished: boolean;
  /** The batch's own speed limit (bytes per second), when one is set. */
  limit?: number;
  /**
   * Brought back from its journal after Pail was closed mid-way: `retry` files
   * (failed, cancelled, paused or waiting for an answer then) are tried again when it is resumed.
   */
  restored?: { retry: number };
  createdAt: string;
  finishedAt?: string;
}

/** All transfers together (the taskbar progress, the panel's header). */
export interface TransferTotals {
  /** Transfers running or verifying. */
  active: number;
  /** Transfers waiting to start. */
  queued: number;
  bytes: number;
  total: number;
  rate: number;
  etaSeconds?: number;
}

/**
 * The `transfer:progress` event: the transfers and batches that changed since
 * the last one (at most ten events a second), and the totals. Its size does not
 * grow with a batch: a batch holds a bounded window of transfers as records
 * (see the engine's BatchRecord), and the finished ones it lets go of come as
 * `removed` ids, their counts staying in the batch's.
 */
export interface TransferProgressEvent {
  transfers: TransferSnapshot[];
  batches: BatchSnapshot[];
  /** Ids of transfers and batches removed by clear-finished, and of finished transfers a big batch let go of. */
  removed: string[];
  totals: TransferTotals;
}

/** Everything the engine holds (`transfers:list`, e.g. when a window opens). */
export interface TransferList {
  transfers: TransferSnapshot[];
  batches: BatchSnapshot[];
  totals: TransferTotals;
  /** The speed limits of all uploads and of all downloads. */
  bandwidth: BandwidthLimits;
  /** The saved limits could not be read (said in words): the app started without them. */
  bandwidthProblem?: string;
}

/** The answer to starting a batch. */
export interface BatchStarted {
  batchId: string;
  /** Transfers found when the batch started (files and folder markers): all of a small batch, the first ones of a folder still being walked. */
  count: number;
}

const inBucket = { profileId: profileIdSchema, bucket: bucketNameSchema };
/** A local path as the renderer passes it (from a drop or a picker); checked again in the main process. */
const localPathSchema = z
  .string()
  .min(1, 'Choose a file or folder.')
  .max(4096)
  .refine((p) => !p.includes('\0'), 'A path cannot contain a NUL character.');
const transferIdSchema = z.string().uuid();

/** `transfers:upload`: files and folders (absolute paths) into a folder of a bucket. */
export const uploadRequestSchema = z.object({
  ...inBucket,
  prefix: prefixSchema.default(''),
  paths: z.array(localPathSchema).min(1, 'Choose at least one file or folder.').max(10_000),
  conflict: z.enum(CONFLICT_POLICIES).default('ask'),
  /** Overrides the profile's default upload ACL for this batch. */
  acl: z.enum(UPLOAD_ACLS).optional(),
  cacheControl: z
    .string()
    .trim()
    .max(1024)
    .optional() /** This batch's headers, over the profile's and bucket's defaults (and over `acl` / `cacheControl` above). */,
  options: uploadOptionsSchema.optional(),
});
export type UploadRequest = z.output<typeof uploadRequestSchema>;

/** `transfers:download`: objects and whole folders into a local folder. */
export const downloadRequestSchema = z
  .object({
    ...inBucket,
    keys: z.array(prefixSchema.min(1)).max(100_000).default([]),
    prefixes: z.array(prefixSchema.min(1)).max(10_000).default([]),
    targetDir: absoluteDirSchema(),
    /** For local files that exist; "ask" is not offered for downloads. */
    conflict: z.enum(['overwrite', 'skip', 'rename']).default('rename'),
  })
  .refine((r) => r.keys.length + r.prefixes.length > 0, { message: 'Select at least one object or folder.' });
export type DownloadRequest = z.output<typeof downloadRequestSchema>;

/** `transfers:importUrl`: one http(s) URL streamed into a folder of a bucket. */
export const importUrlRequestSchema = z.object({
  ...inBucket,
  prefix: prefixSchema.default(''),
  url: z
    .string()
    .trim()
    .max(8192)
    .refine((v) => /^https?:\/\/[^/]/i.test(v) && URL.canParse(v), 'Enter an http:// or https:// URL.'),
  /** The object's name; by default from the server's Content-Disposition or the URL's path. */
  name: z
    .string()
    .trim()
    .min(1)
    .max(1024)
    .refine((v) => !v.includes('/'), 'A name cannot contain "/".')
    .optional(),
  conflict: z.enum(CONFLICT_POLICIES).default('ask'),
  /** The object's headers, over the profile's and bucket's defaults; `contentType` over the source's. */
  options: uploadOptionsSchema.optional(),
});
export type ImportUrlRequest = z.output<typeof importUrlRequestSchema>;

/** Which transfers pause / resume / cancel / retry / clear act on: given ids, one batch, or all. */
export const transferSelectionSchema = z.object({
  ids: z.array(transferIdSchema).max(100_000).optional(),
  batchId: transferIdSchema.optional(),
});
export type TransferSelection = z.output<typeof transferSelectionSchema>;

/** `transfers:resolveConflict`: the answer to one "ask", optionally for the rest of its batch. */
export const resolveConflictRequestSchema = z.object({
  transferId: transferIdSchema,
  decision: z.enum(CONFLICT_DECISIONS),
  applyToBatch: z.boolean().default(false),
});
export type ResolveConflictRequest = z.output<typeof resolveConflictRequestSchema>;

/** `transfers:setConcurrency`: how many files, and how many parts, move at once. */
export const concurrencyRequestSchema = z.object({
  files: z.number().int().min(1).max(64).optional(),
  parts: z.number().int().min(1).max(64).optional(),
});
export type ConcurrencyRequest = z.output<typeof concurrencyRequestSchema>;

/** The number of transfers an action changed. */
export interface TransferActionResult {
  affected: number;
}

/**
 * `transfers:uploadStreams` (the web transport): files the browser holds
 * (a drop or a picker), described by their path inside the drop. The engine
 * asks for each body when it is its turn (`transfer:bodyWanted`), and the page
 * streams that file to `/upload/<ticket>`: nothing is buffered whole.
 */
export const uploadStreamsRequestSchema = z
  .object({
    ...inBucket,
    prefix: prefixSchema.default(''),
    files: z
      .array(
        z.object({
          /** "photos/2024/a.jpg": the file's path inside what was dropped, "/"-separated. */
          path: z.string().min(1).max(1024),
          size: z
            .number()
            .int()
            .min(0)
            .max(5 * 1024 ** 4),
          /**
           * A random id the page gave the file (crypto.randomUUID) and keeps it under:
           * the engine may ask for the body before this request has even answered.
           */
          ticket: z.string().uuid(),
        }),
      )
      .max(100_000)
      .default([]),
    /** Empty folders of the drop ("photos/empty"), uploaded as "name/" markers. */
    folders: z.array(z.string().min(1).max(1024)).max(100_000).default([]),
    conflict: z.enum(CONFLICT_POLICIES).default('ask'),
    acl: z.enum(UPLOAD_ACLS).optional(),
    cacheControl: z.string().trim().max(1024).optional(),
    options: uploadOptionsSchema.optional(),
  })
  .refine((r) => r.files.length + r.folders.length > 0, { message: 'Choose at least one file or folder.' })
  .refine((r) => new Set(r.files.map((f) => f.ticket)).size === r.files.length, { message: 'Each file needs its own ticket.' });
export type UploadStreamsRequest = z.output<typeof uploadStreamsRequestSchema>;

/** The answer to `transfers:uploadStreams`: the files' tickets, in the request's order. */
export interface StreamsStarted extends BatchStarted {
  tickets: string[];
}

/**
 * The `transfer:bodyWanted` event: the page should now POST that file's bytes
 * from `offset` on to `/upload/<ticket>` (a resumed upload skips the parts
 * already stored).
 */
export interface BodyWanted {
  ticket: string;
  offset: number;
}

/** `transfers:dragOut` (Electron): objects to drag out of the table to the desktop or a file manager. */
export const dragOutRequestSchema = z.object({
  ...inBucket,
  keys: z
    .array(prefixSchema.min(1))
    .min(1, 'Select at least one object.')
    .max(100, 'Drag at most 100 objects at once; download more with the Download button.'),
});
export type DragOutRequest = z.output<typeof dragOutRequestSchema>;

/**
 * A local folder by its full path (POSIX "/…", Windows "C:\\…" or "\\\\server\\share"):
 * a relative one would be resolved against wherever the main process happens to run.
 * A function, hoisted, so the schema above can use it without moving.
 */
function absoluteDirSchema() {
  return localPathSchema.refine(
    (p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p),
    'Choose the folder by its full path (starting with "/" or a drive letter); a relative path is refused.',
  );
}

/** Per-upload headers (`options` of `transfers:upload`, `transfers:uploadStreams` and `transfers:importUrl`). */
export { uploadOptionsSchema, type UploadOptions } from './upload-options';
