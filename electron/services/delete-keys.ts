import { DeleteObjectCommand, DeleteObjectsCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ErrorInfo } from '../../shared/errors';
import { toPailError } from './s3-errors';
import { forEachLimited } from './s3-keys';

/** DeleteObjects takes at most 1,000 keys a request. */
export const DELETE_BATCH = 1000;

/** Keys that must go one by one are deleted this many at a time. */
const SINGLE_DELETES_IN_FLIGHT = 8;

/** One object (or one version of it) to delete. */
export interface DeleteTarget {
  key: string;
  versionId?: string;
}

/** What a delete did: the keys gone, and each key that stayed with its error. */
export interface DeleteOutcome {
  deleted: number;
  failures: { key: string; error: ErrorInfo }[];
}

/**
 * Characters DeleteObjects cannot carry. Its request is XML, and XML 1.0
 * allows no C0 control character but TAB, LF and CR, not even as a character
 * reference (the gateway answers 400 for the whole batch: seen with ESC and
 * U+0001), nor U+FFFE, U+FFFF or half a surrogate pair. TAB, LF and CR are
 * allowed, but only as references (a raw CR is read as LF); the SDK writes
 * them as references, yet a key holding one is rare enough to go alone too,
 * so no server's XML parser can turn it into another key.
 */
// eslint-disable-next-line no-control-regex -- control characters are what cannot go in the XML.
const NOT_IN_XML = /[\u0000-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when a key must be deleted with its own DeleteObject request (see NOT_IN_XML). */
export function needsSingleDelete(key: string): boolean {
  return NOT_IN_XML.test(key);
}

/**
 * Deletes objects the way the AWS CLI does: keys XML can carry in
 * DeleteObjects batches of up to 1,000, the others one by one with
 * DeleteObject. A refused batch or key is reported key by key with the
 * server's code; nothing stops the rest. `onProgress` gets the running count.
 */
export async function deleteKeys(
  client: S3Client,
  bucket: string,
  targets: DeleteTarget[],
  options: { signal?: AbortSignal; endpoint?: string; onProgress?: (deleted: number) => void } = {},
): Promise<DeleteOutcome> {
  const outcome: DeleteOutcome = { deleted: 0, failures: [] };
  const { signal, endpoint } = options;
  const failed = (key: string, error: unknown) => outcome.failures.push({ key, error: toPailError(error, `deleting ${key}`, endpoint).toInfo() });
  const batchable = targets.filter((t) => !needsSingleDelete(t.key));
  const single = targets.filter((t) => needsSingleDelete(t.key));
  for (let i = 0; i < batchable.length && !signal?.aborted; i += DELETE_BATCH) {
    const batch = batchable.slice(i, i + DELETE_BATCH);
    try {
      const out = await client.send(
        new DeleteObjectsCommand({
          Bucket: bucket,
          Delete: { Objects: batch.map((t) => ({ Key: t.key, ...(t.versionId && { VersionId: t.versionId }) })), Quiet: true },
        }),
        { abortSignal: signal },
      );
      for (const failure of out.Errors ?? []) failed(failure.Key ?? '', { name: failure.Code, message: failure.Message });
      outcome.deleted += batch.length - (out.Errors?.length ?? 0);
    } catch (error) {
      if (signal?.aborted) break;
      batch.forEach((t) => failed(t.key, error));
    }
    options.onProgress?.(outcome.deleted);
  }
  await forEachLimited(
    single,
    SINGLE_DELETES_IN_FLIGHT,
    async (target) => {
      try {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: target.key, ...(target.versionId && { VersionId: target.versionId }) }), {
          abortSignal: signal,
        });
        outcome.deleted += 1;
      } catch (error) {
        if (!signal?.aborted) failed(target.key, error);
      }
      options.onProgress?.(outcome.deleted);
    },
    signal,
  );
  return outcome;
}
