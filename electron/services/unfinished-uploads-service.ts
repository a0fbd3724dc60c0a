import { AbortMultipartUploadCommand, ListMultipartUploadsCommand, ListPartsCommand, type S3Client } from '@aws-sdk/client-s3';
import { formatCount } from '../../shared/counts';
import type { ParsedRequestOf } from '../../shared/ipc/contract';
import type { JobStarted } from '../../shared/jobs';
import { UNFINISHED_LIST_LIMIT, type UnfinishedUpload, type UnfinishedUploadList, type UploadRef } from '../../shared/unfinished-uploads';
import { jobIdOf, type JobRunner, type StartedJob } from './job-runner';
import type { S3ClientProvider } from './s3-client-factory';
import { decodeListedKey } from './s3-browse-service';
import { toPailError } from './s3-errors';
import { forEachLimited } from './s3-keys';

/** Requests for parts (and aborts) in flight at once. */
const IN_FLIGHT = 6;

/** Which of a bucket's unfinished uploads Pail itself started on this computer (by upload id): the file each sends. */
export type PailUploads = () => Promise<Map<string, { filePath: string }>>;

/** Whether an error says the upload is gone already (aborted or completed meanwhile). */
const isGone = (error: unknown) => (error as { name?: string }).name === 'NoSuchUpload';

/**
 * A bucket's unfinished multipart uploads: listed with the parts and bytes each holds on the
 * server (space that is billed and shows in no listing of objects), and aborted as a job.
 */
export class UnfinishedUploadsService {
  constructor(
    private readonly clients: S3ClientProvider,
    private readonly jobs: JobRunner,
    private readonly pailUploads: PailUploads,
    /** How many uploads a listing measures, and asks for per page (smaller in tests, to page). */
    private readonly paging = { limit: UNFINISHED_LIST_LIMIT, pageSize: 1000 },
  ) {}

  /** The first UNFINISHED_LIST_LIMIT unfinished uploads under a prefix, oldest first, each with its parts counted. */
  async list(
    { profileId, bucket, prefix }: ParsedRequestOf<'s3:listUnfinishedUploads'>,
    { signal }: { signal?: AbortSignal } = {},
  ): Promise<UnfinishedUploadList> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      const { uploads, more } = await listUploads(client, bucket, prefix, this.paging, signal);
      const ours = await this.pailUploads().catch(() => new Map<string, { filePath: string }>());
      const gone = new Set<UnfinishedUpload>();
      await forEachLimited(
        uploads,
        IN_FLIGHT,
        async (upload) => {
          try {
            Object.assign(upload, await partsOf(client, bucket, upload, signal));
          } catch (error) {
            // Completed or aborted since it was listed: it holds nothing any more.
            if (isGone(error)) gone.add(upload);
            else throw error;
          }
        },
        signal,
      );
      signal?.throwIfAborted();
      const kept = uploads
        .filter((upload) => !gone.has(upload))
        .map((upload) => {
          const pail = ours.get(upload.uploadId);
          return pail ? { ...upload, fromPail: pail } : upload;
        })
        .sort((a, b) => (a.initiated ?? '').localeCompare(b.initiated ?? '') || a.key.localeCompare(b.key));
      return {
        uploads: kept,
        totalParts: kept.reduce((sum, upload) => sum + upload.parts, 0),
        totalBytes: kept.reduce((sum, upload) => sum + upload.bytes, 0),
        more,
      };
    } catch (error) {
      throw toPailError(error, `listing the unfinished uploads in ${bucket}`, profile.endpoint);
    }
  }

  /** Aborts uploads as a job (see `startAbort`); answers with the job's id. */
  abort(request: ParsedRequestOf<'s3:abortUploads'>): Promise<JobStarted> {
    return jobIdOf(this.startAbort(request));
  }

  /**
   * Aborts each upload, which deletes the parts it holds. One that is gone already counts as done
   * (it holds nothing); one that fails is listed and the others go on.
   */
  async startAbort({ profileId, bucket, uploads }: ParsedRequestOf<'s3:abortUploads'>): Promise<StartedJob> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    const what = uploads.length === 1 ? `the unfinished upload of ${uploads[0].key}` : `${formatCount(uploads.length)} unfinished uploads`;
    return this.jobs.start('abortUploads', `Aborting ${what} in ${bucket}`, async (context) => {
      let done = 0;
      let gone = 0;
      context.progress({ done, total: uploads.length });
      await forEachLimited(
        uploads,
        IN_FLIGHT,
        async (upload) => {
          try {
            await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: upload.key, UploadId: upload.uploadId }), { abortSignal: context.signal });
          } catch (error) {
            if (context.signal.aborted) return;
            if (!isGone(error)) {
              context.fail({ key: upload.key, error: toPailError(error, `aborting the upload of ${upload.key}`, profile.endpoint).toInfo() });
              return;
            }
            gone += 1;
          }
          context.progress({ done: ++done });
        },
        context.signal,
      );
      return { summary: abortedInWords(done - gone, gone, uploads.length === 1 ? uploads[0].key : undefined), done };
    });
  }
}

/** "Aborted 2 unfinished uploads; 1 was gone already (completed or aborted elsewhere)." For one upload (`onlyKey`), its key. */
export function abortedInWords(aborted: number, gone: number, onlyKey?: string): string {
  const elsewhere = 'gone already (completed or aborted elsewhere)';
  if (onlyKey !== undefined && aborted === 1) return `Aborted the unfinished upload of ${onlyKey}.`;
  if (onlyKey !== undefined && gone === 1) return `The upload of ${onlyKey} was ${elsewhere}.`;
  const first = `Aborted ${formatCount(aborted)} unfinished ${aborted === 1 ? 'upload' : 'uploads'}`;
  return gone ? `${first}; ${formatCount(gone)} ${gone === 1 ? 'was' : 'were'} ${elsewhere}.` : `${first}.`;
}

/**
 * A key as URL encoding writes it: URL-safe ASCII, and "%" only before two hex digits. Ceph encodes
 * the keys of ListMultipartUploads when asked but, unlike AWS, does not say so (no EncodingType in
 * its answer); a page whose keys all look like this was encoded. A server that ignored the request
 * sends raw keys, and a raw key almost always has a character encoding would have escaped.
 */
const URL_ENCODED = /^(?:[A-Za-z0-9\-_.~!*'()/+]|%[0-9A-Fa-f]{2})*$/;

/**
 * Lists unfinished uploads page by page up to the limit, keys decoded exactly. Each page goes on
 * from the last upload listed, not from NextKeyMarker: with EncodingType=url, AWS encodes that
 * marker and Ceph does not (as with ListObjectVersions).
 */
async function listUploads(
  client: S3Client,
  bucket: string,
  prefix: string,
  { limit, pageSize }: { limit: number; pageSize: number },
  signal?: AbortSignal,
): Promise<{ uploads: UnfinishedUpload[]; more: boolean }> {
  const uploads: UnfinishedUpload[] = [];
  let marker: UploadRef | undefined;
  for (;;) {
    const page = await client.send(
      new ListMultipartUploadsCommand({
        Bucket: bucket,
        Prefix: prefix || undefined,
        KeyMarker: marker?.key,
        UploadIdMarker: marker?.uploadId,
        EncodingType: 'url',
        MaxUploads: Math.min(pageSize, limit - uploads.length + 1),
      }),
      { abortSignal: signal },
    );
    const encoded = page.EncodingType === 'url' || (page.Uploads ?? []).every((u) => u.Key === undefined || URL_ENCODED.test(u.Key));
    const listed = (page.Uploads ?? [])
      .filter((u) => u.Key !== undefined && u.UploadId)
      .map((u): UnfinishedUpload => ({
        key: decodeListedKey(u.Key!, encoded),
        uploadId: u.UploadId!,
        ...(u.Initiated && { initiated: u.Initiated.toISOString() }),
        ...(u.StorageClass && { storageClass: u.StorageClass }),
        parts: 0,
        bytes: 0,
      }));
    uploads.push(...listed);
    if (uploads.length > limit) return { uploads: uploads.slice(0, limit), more: true };
    const last = listed.at(-1);
    const moved = last && (last.key !== marker?.key || last.uploadId !== marker?.uploadId);
    if (!page.IsTruncated || !moved) return { uploads, more: false };
    marker = { key: last.key, uploadId: last.uploadId };
  }
}

/** The parts an upload holds on the server and their bytes, page by page. */
async function partsOf(client: S3Client, bucket: string, upload: UploadRef, signal?: AbortSignal): Promise<{ parts: number; bytes: number }> {
  let parts = 0;
  let bytes = 0;
  let marker: string | undefined;
  for (;;) {
    const page = await client.send(new ListPartsCommand({ Bucket: bucket, Key: upload.key, UploadId: upload.uploadId, PartNumberMarker: marker }), {
      abortSignal: signal,
    });
    for (const part of page.Parts ?? []) {
      parts += 1;
      bytes += part.Size ?? 0;
    }
    const next = page.NextPartNumberMarker;
    if (!page.IsTruncated || !next || next === marker) return { parts, bytes };
    marker = next;
  }
}
