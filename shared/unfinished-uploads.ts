import { z } from 'zod';
import { profileIdSchema } from './profile';
import { bucketNameSchema, prefixSchema } from './s3-names';
import { formatCount } from './counts';
import { formatSize } from './sizes';

/**
 * A multipart upload that was started and never completed or aborted. Its parts stay on the
 * server, and are billed, until someone aborts it (or a lifecycle rule does).
 */
export interface UnfinishedUpload {
  key: string;
  uploadId: string;
  /** When it was started (ISO), as the server says. */
  initiated?: string;
  /** Parts the server holds. */
  parts: number;
  /** Bytes those parts hold. */
  bytes: number;
  storageClass?: string;
  /** Started by Pail on this computer (a transfer running, paused or interrupted): the file it sends. Aborting it means that transfer starts over. */
  fromPail?: { filePath: string };
}

/** A bucket's unfinished uploads (the first `UNFINISHED_LIST_LIMIT`), with what their parts hold. */
export interface UnfinishedUploadList {
  uploads: UnfinishedUpload[];
  totalParts: number;
  totalBytes: number;
  /** True when the bucket holds more than the uploads listed. */
  more: boolean;
}

/** How many unfinished uploads one listing measures (each costs a request for its parts). */
export const UNFINISHED_LIST_LIMIT = 1000;

/** How many uploads one abort request names. */
export const ABORT_UPLOADS_MAX = 1000;

export const listUnfinishedUploadsRequestSchema = z.object({
  profileId: profileIdSchema,
  bucket: bucketNameSchema,
  prefix: prefixSchema.default(''),
});

/** One upload to abort: its key and the id the server gave it. */
export const uploadRefSchema = z.object({
  key: prefixSchema.min(1, 'Name the upload’s key.'),
  uploadId: z.string().min(1, 'Name the upload’s id.').max(1024),
});
export type UploadRef = z.infer<typeof uploadRefSchema>;

export const abortUploadsRequestSchema = z.object({
  profileId: profileIdSchema,
  bucket: bucketNameSchema,
  uploads: z.array(uploadRefSchema).min(1, 'Choose at least one upload to abort.').max(ABORT_UPLOADS_MAX),
});

/** What a measured listing says of the space held, in words: "3 unfinished uploads hold 24 MiB in 5 parts". */
export function heldInWords(list: Pick<UnfinishedUploadList, 'uploads' | 'totalBytes' | 'totalParts' | 'more'>): string {
  if (!list.uploads.length) return 'No unfinished uploads.';
  const count = `${list.more ? 'At least ' : ''}${formatCount(list.uploads.length)} unfinished ${list.uploads.length === 1 ? 'upload' : 'uploads'}`;
  return `${count} ${list.uploads.length === 1 && !list.more ? 'holds' : 'hold'} ${formatSize(list.totalBytes)} in ${formatCount(list.totalParts)} ${list.totalParts === 1 ? 'part' : 'parts'}.`;
}
