import { stat } from 'node:fs/promises';
import { DeleteObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import type { ExistingTarget } from '../../../../shared/transfers';
import { bareEtag, isPlainMd5Etag } from './file-hash';
import type { ClientHandle, EarlierRun, TaskContext, TaskOutcome } from '../engine/task-types';
import { transferError } from '../engine/transfer-errors';
import type { ObjectHeaders } from './object-headers';
import { isNotFound } from '../../s3-errors';
import { unconfirmedEncryptionNote } from '../../../../shared/encryption';

/** A local file as it was when its upload started. */
export interface LocalFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/** Where an upload goes and the headers the object gets. */
export interface UploadTarget extends ObjectHeaders {
  handle: ClientHandle;
  profileId: string;
  bucket: string;
  key: string;
}

/** What HEAD says of an object. */
export interface HeadInfo {
  size: number;
  etag?: string;
  lastModified?: string;
  encryption?: string;
}

/** HEAD of an object; undefined when there is none (404). */
export async function headObject(target: Pick<UploadTarget, 'handle' | 'bucket' | 'key'>, signal?: AbortSignal): Promise<HeadInfo | undefined> {
  try {
    const out = await target.handle.client.send(new HeadObjectCommand({ Bucket: target.bucket, Key: target.key }), { abortSignal: signal });
    return {
      size: out.ContentLength ?? 0,
      ...(out.ETag && { etag: out.ETag }),
      ...(out.LastModified && { lastModified: out.LastModified.toISOString() }),
      ...((out.ServerSideEncryption || out.SSECustomerAlgorithm) && { encryption: out.ServerSideEncryption ?? out.SSECustomerAlgorithm }),
    };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** The object at a key, as a conflict shows it. */
function existingOf(key: string, head: HeadInfo): ExistingTarget {
  return { target: key, size: head.size, ...(head.lastModified && { lastModified: head.lastModified }) };
}

/** Deletes an object Pail just wrote and found wrong, so no damaged object stays behind silently. */
export async function deleteQuietly(target: Pick<UploadTarget, 'handle' | 'bucket' | 'key'>): Promise<void> {
  await target.handle.client.send(new DeleteObjectCommand({ Bucket: target.bucket, Key: target.key })).catch(() => undefined);
}

/** Throws FileChanged when the file's size or mtime moved since `file` was taken. */
export async function checkFileUnchanged(file: LocalFile, when: string): Promise<void> {
  const now = await stat(file.path);
  if (now.size !== file.size || now.mtimeMs !== file.mtimeMs) {
    throw transferError(
      'FileChanged',
      `${file.path} changed ${when} (${file.size} → ${now.size} bytes).`,
      'Wait until the file is no longer being written, then retry.',
    );
  }
}

/**
 * Why an ETag does not match the MD5 of what was sent, or undefined when it
 * matches or cannot tell: ETags under KMS or customer-key encryption (and a
 * few providers' own formats) are not MD5s, so only a plain 32-hex ETag is compared.
 */
export function etagProblem(etag: string | undefined, md5: Buffer, encryption?: string, customerKey?: string): string | undefined {
  if (!isPlainMd5Etag(etag) || encryption === 'aws:kms' || encryption === 'aws:kms:dsse' || customerKey) return undefined;
  const hex = md5.toString('hex');
  return bareEtag(etag) === hex ? undefined : `ETag ${bareEtag(etag)}, MD5 of the bytes ${hex}`;
}

/**
 * Says on the transfer when the server did not confirm the encryption the upload asked for (some take
 * the header and store the object as it is). `answered`: the upload's own answer; without one, HEAD asks.
 */
export async function confirmEncryption(ctx: TaskContext, target: UploadTarget, answered?: { ServerSideEncryption?: string }): Promise<void> {
  if (!target.encryption) return;
  const algorithm = answered ? answered.ServerSideEncryption : (await ctx.request(() => headObject(target, ctx.signal)))?.encryption;
  const note = unconfirmedEncryptionNote(target.encryption, algorithm);
  if (note) ctx.note(note);
}

/** "a.txt" → "a (1).txt", keeping double extensions like ".tar.gz" whole. */
export function numberedName(name: string, n: number): string {
  const double = /(\.tar\.(gz|bz2|xz|zst))$/i.exec(name);
  const dot = double ? double.index : name.lastIndexOf('.');
  if (dot <= 0) return `${name} (${n})`;
  return `${name.slice(0, dot)} (${n})${name.slice(dot)}`;
}

/** The first "name (n).ext" beside `path` (a key or a local path, "/"-separated) for which `taken` says no. */
export async function freeName(path: string, taken: (candidate: string) => Promise<boolean>): Promise<string> {
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash + 1);
  const name = path.slice(slash + 1);
  for (let n = 1; n < 10_000; n += 1) {
    const candidate = dir + numberedName(name, n);
    if (!(await taken(candidate))) return candidate;
  }
  throw transferError('LocalFileError', `No free name like "${numberedName(name, 1)}" was found.`, 'Choose "overwrite" or "skip", or clean up the folder.');
}

/** What tells an upload's own object, sent by an earlier run of its batch (see EarlierRun), from anyone else's. */
export interface EarlierUpload extends EarlierRun {
  /** The local file's size. */
  size: number;
  /** Its MD5 (asked only of a plain ETag of the same size), when the upload hashes the file anyway (one PUT); else absent. */
  md5?: () => Promise<Buffer>;
}

/**
 * True when `head` describes the object an earlier run of this batch uploaded from the file: its size, and
 * either a plain-MD5 ETag equal to the file's MD5, or a multipart ETag ("…-N", not an MD5 of the bytes) on
 * an object last modified since the batch began. The date is compared to the whole second, as HEAD gives it.
 */
export async function isEarlierUpload(head: HeadInfo, earlier: EarlierUpload): Promise<boolean> {
  if (head.size !== earlier.size) return false;
  if (isPlainMd5Etag(head.etag)) return earlier.md5 !== undefined && bareEtag(head.etag) === (await earlier.md5()).toString('hex');
  if (!/^[0-9a-f]{32}-\d+$/.test(bareEtag(head.etag)) || head.lastModified === undefined) return false;
  const began = Date.parse(earlier.startedAt);
  return Date.parse(head.lastModified) >= began - (began % 1000);
}

/**
 * Applies the batch's conflict policy to an upload's key: nothing to do for
 * "overwrite" or a free key; an outcome for "skip" and "ask"; for "rename",
 * changes `target.key` to the first free "name (n).ext". With `earlier` (the
 * batch goes on from an earlier run), an object that run uploaded from this
 * file is skipped whatever the policy but "overwrite", rather than asked
 * about or kept beside a copy of itself.
 */
export async function applyConflictPolicy(ctx: TaskContext, target: UploadTarget, earlier?: EarlierUpload): Promise<TaskOutcome | undefined> {
  const policy = ctx.conflictPolicy();
  if (policy === 'overwrite') return undefined;
  const head = await ctx.request(() => headObject(target, ctx.signal));
  if (!head) return undefined;
  if (earlier && (await isEarlierUpload(head, earlier))) return { state: 'skipped', note: `${target.key} was uploaded before Pail stopped; skipped.` };
  const existing = existingOf(target.key, head);
  if (policy === 'skip') return { state: 'skipped', note: `${target.key} exists; skipped.` };
  if (policy === 'ask') return { state: 'conflict', existing };
  const original = target.key;
  target.key = await freeName(target.key, async (key) => (await ctx.request(() => headObject({ ...target, key }, ctx.signal))) !== undefined);
  ctx.setKey(target.key);
  ctx.note(`Saved as "${target.key.slice(target.key.lastIndexOf('/') + 1)}": "${original.slice(original.lastIndexOf('/') + 1)}" was taken.`);
  return undefined;
}
