import { z } from 'zod';
import { countOf } from './counts';
import { profileIdSchema } from './profile';
import { UPLOAD_ACLS } from './providers';
import { bucketNameSchema, prefixSchema } from './s3-names';
import { uploadOptionsSchema } from './upload-options';

/**
 * Comparing a local folder with a prefix, and syncing one way: the plan's shape and the rules that
 * make it, pure so the CLI, the app and the tests read the same words. The main process walks the
 * folder and lists the prefix (electron/services/sync/), then runs the plan as transfers.
 */

/** Which way a sync goes: local → bucket (upload) or bucket → local (download). */
export const SYNC_DIRECTIONS = ['upload', 'download'] as const;
export type SyncDirection = (typeof SYNC_DIRECTIONS)[number];

/**
 * What a path is, seen from the sync's source: only on the source (new), on both and different
 * (changed), only on the target (extra: deleted by a sync with delete, else left), on both and alike (same).
 */
export const DIFF_KINDS = ['new', 'changed', 'extra', 'same'] as const;
export type DiffKind = (typeof DIFF_KINDS)[number];

/** A local file as the walk saw it. */
export interface LocalSide {
  size: number;
  mtimeMs: number;
}

/** An object as the listing saw it. */
export interface RemoteSide {
  size: number;
  /** ISO date the server gives (when it was written). */
  lastModified?: string;
  etag?: string;
}

/** One path of the comparison: its place below both roots ("a/b.txt"), its kind and why. */
export interface DiffEntry {
  path: string;
  kind: DiffKind;
  local?: LocalSide;
  remote?: RemoteSide;
  /** Why it is changed ("size 10 B here, 12 B there"), or how "same" was decided when it was not by the default rule. */
  reason?: string;
}

/** What a comparison found: every entry, in path order, and the paths passed over (links, unreadable folders). */
export interface SyncPlan {
  planId: string;
  direction: SyncDirection;
  entries: DiffEntry[];
  /** Local paths not compared, and why ("a symbolic link (links are skipped)"). */
  skipped: { path: string; reason: string }[];
  counts: Record<DiffKind, number>;
}

const globList = z.array(z.string().min(1).max(1024)).max(100).default([]);

/** A comparison's request: the two sides, which way, and how to compare. */
export const compareRequestSchema = z.object({
  profileId: profileIdSchema,
  bucket: bucketNameSchema,
  prefix: prefixSchema.default(''),
  localDir: z.string().min(1).max(4096),
  direction: z.enum(SYNC_DIRECTIONS),
  /** By MD5 (and the multipart ETag rebuilt from the file) instead of size and date. */
  checksum: z.boolean().default(false),
  /** gitignore-style patterns, matched against paths below the roots. */
  exclude: globList,
  /** Where given, only these (gitignore-style) are compared; exclude still wins. */
  include: globList,
  /** Follow symbolic links that stay inside the local folder (skipped by default). */
  followSymlinks: z.boolean().default(false),
});
export type CompareRequest = z.output<typeof compareRequestSchema>;

/** Runs a plan the comparison made: what it sends, and whether it deletes what is only on the target. */
export const syncRunRequestSchema = z.object({
  planId: z.string().uuid(),
  delete: z.boolean().default(false),
  /**
   * Uploads only: the access this run's objects get, as an upload request's `acl` ("none": no ACL sent,
   * even where the bucket's saved settings ask for one); absent: the options', else the bucket's.
   */
  acl: z.enum(UPLOAD_ACLS).optional(),
  /** Uploads only: the upload sheet's options (Content-Type, ACL, encryption…), over the bucket's saved upload settings. */
  options: uploadOptionsSchema.optional(),
});
export type SyncRunRequest = z.output<typeof syncRunRequestSchema>;

/** Differences in modification time below this are the same time: S3 keeps whole seconds. */
const SAME_SECOND_MS = 1000;

/**
 * How a path on both sides compares by size and date, as `aws s3 sync` does: a different size is
 * changed; else the source is changed when it is newer than the target (an upload's object is
 * dated when it was written, so a file edited after its upload is newer; a download dates its file
 * as the object, so an object written again later is newer).
 */
export function compareBySizeAndDate(direction: SyncDirection, local: LocalSide, remote: RemoteSide): { kind: 'changed' | 'same'; reason?: string } {
  if (local.size !== remote.size) return { kind: 'changed', reason: `size ${local.size} B here, ${remote.size} B in the bucket` };
  const remoteMs = remote.lastModified ? Date.parse(remote.lastModified) : NaN;
  if (Number.isNaN(remoteMs)) return { kind: 'same' };
  if (direction === 'upload' && local.mtimeMs - remoteMs >= SAME_SECOND_MS) return { kind: 'changed', reason: 'the file is newer than the object' };
  if (direction === 'download' && remoteMs - local.mtimeMs >= SAME_SECOND_MS) return { kind: 'changed', reason: 'the object is newer than the file' };
  return { kind: 'same' };
}

/** Counts of a plan's entries by kind. */
export function countsOf(entries: readonly DiffEntry[]): Record<DiffKind, number> {
  const counts: Record<DiffKind, number> = { new: 0, changed: 0, extra: 0, same: 0 };
  for (const entry of entries) counts[entry.kind] += 1;
  return counts;
}

/** A plan in one line: "3 new, 1 changed, 2 only in the bucket, 40 the same." */
export function planInWords(plan: Pick<SyncPlan, 'direction' | 'counts'>): string {
  const { counts, direction } = plan;
  const target = direction === 'upload' ? 'in the bucket' : 'in the folder';
  return `${countOf(counts.new, 'new file')}, ${counts.changed} changed, ${counts.extra} only ${target}, ${counts.same} the same.`;
}

/** What running the plan would do, in words: "Uploads 4 files (2.1 MB); deletes 2 objects only in the bucket." */
export function runInWords(plan: Pick<SyncPlan, 'direction' | 'counts'>, withDelete: boolean): string {
  const { counts, direction } = plan;
  const sends = counts.new + counts.changed;
  const verb = direction === 'upload' ? 'Uploads' : 'Downloads';
  const what = direction === 'upload' ? 'object' : 'file';
  const deletes =
    withDelete && counts.extra > 0 ? `; deletes ${countOf(counts.extra, `${what}`)} only ${direction === 'upload' ? 'in the bucket' : 'in the folder'}` : '';
  const leaves =
    !withDelete && counts.extra > 0 ? `; leaves ${countOf(counts.extra, what)} only ${direction === 'upload' ? 'in the bucket' : 'in the folder'}` : '';
  if (sends === 0 && !deletes) return `Nothing to send: the ${direction === 'upload' ? 'bucket' : 'folder'} is up to date${leaves}.`;
  return `${verb} ${countOf(sends, 'file')}${deletes}${leaves}.`;
}
