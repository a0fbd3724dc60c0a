// The object steps of a connection test: a small upload, reading it back, and a batch delete, each
// retried once with the other checksum mode (or Content-MD5) when the server refuses the first, so
// the report can say which compatibility setting works.
import { DeleteObjectsCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { SettingSuggestion } from '../../shared/connection-test';
import type { PailError } from '../../shared/errors';
import type { ChecksumMode } from '../../shared/providers';
import { checksumSuggestion, explained, failed, isChecksumProblem, md5Suggestion, wantsContentMd5, type StepOutcome } from './connection-diagnosis';
import { toPailError } from './s3-errors';

/** The compatibility settings the object steps may change to make a request work. */
export interface Compat {
  checksumMode: ChecksumMode;
  deleteObjectsMd5: boolean;
}

/** What the object steps need from the run. */
export interface S3Session {
  readonly endpoint: string;
  /** The settings that work so far; a step that finds a working alternative switches them for the steps after it. */
  compat: Compat;
  client(bucket: string, compat?: Compat): S3Client;
  /** Runs one SDK call within the time left, as a `Timeout` error naming `what` when it runs out. */
  timed<T>(what: string, call: (abortSignal: AbortSignal) => Promise<T>): Promise<T>;
}

/** The checksum mode to try when the server refused the other. */
const otherMode = (mode: ChecksumMode): ChecksumMode => (mode === 'WHEN_SUPPORTED' ? 'WHEN_REQUIRED' : 'WHEN_SUPPORTED');

/** A checksum mode the server refused, and its error. */
interface Refusal {
  from: ChecksumMode;
  error: PailError;
}

/** Runs `call`; if the server refuses a checksum header (or its absence), once more with the other checksum mode. */
async function withChecksumFallback<T>(session: S3Session, bucket: string, call: (client: S3Client) => Promise<T>): Promise<{ value: T; refused?: Refusal }> {
  try {
    return { value: await call(session.client(bucket)) };
  } catch (cause) {
    const error = toPailError(cause, undefined, session.endpoint);
    if (!isChecksumProblem(error)) throw error;
    const from = session.compat.checksumMode;
    const next = { ...session.compat, checksumMode: otherMode(from) };
    let value: T;
    try {
      value = await call(session.client(bucket, next));
    } catch (again) {
      const second = toPailError(again, undefined, session.endpoint);
      // Still a checksum refusal: the first error is the one to explain.
      throw isChecksumProblem(second) ? error : second;
    }
    session.compat = next;
    return { value, refused: { from, error } };
  }
}

/** A step that worked only once the checksum mode was switched: a warning, with the setting to change. */
function onlyWithOtherMode(session: S3Session, done: string, refused: Refusal): StepOutcome {
  const to = session.compat.checksumMode;
  return {
    verdict: 'warn',
    detail: `${done}, but only with checksum mode ${to}: ${refused.from} was refused (${refused.error.serverCode ?? refused.error.code})`,
    error: refused.error.toInfo(),
    suggestions: [checksumSuggestion(to, refused.error)],
  };
}

/** Step 6: PutObject of a small text object. */
export async function uploadStep(session: S3Session, bucket: string, key: string, body: Buffer): Promise<StepOutcome> {
  const { refused } = await withChecksumFallback(session, bucket, (client) =>
    session.timed('the upload', (abortSignal) =>
      client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'text/plain; charset=utf-8' }), { abortSignal }),
    ),
  );
  const done = `uploaded ${body.length} bytes as ${key}`;
  return refused ? onlyWithOtherMode(session, done, refused) : { verdict: 'pass', detail: done };
}

/** Step 7: GetObject, and the bytes must be the ones uploaded. */
export async function readStep(session: S3Session, bucket: string, key: string, body: Buffer): Promise<StepOutcome> {
  const { value: bytes, refused } = await withChecksumFallback(session, bucket, (client) =>
    session.timed('the download', async (abortSignal) => {
      const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal });
      return Buffer.from((await out.Body?.transformToByteArray()) ?? []);
    }),
  );
  if (!bytes.equals(body)) {
    return failed(
      explained(
        'S3Error',
        `The object read back differs from the one uploaded (${bytes.length} bytes instead of ${body.length}).`,
        'Something changed the data on the way: a proxy, or a server that stored the chunked-upload framing with the object (set the checksum mode to "only when required").',
      ),
      'content differs',
    );
  }
  const done = `read back ${bytes.length} identical bytes`;
  return refused ? onlyWithOtherMode(session, done, refused) : { verdict: 'pass', detail: done };
}

/**
 * Step 8: DeleteObjects (the batch delete Pail uses), which always carries a
 * checksum. A server that refuses it gets, in turn, the other checksum mode and Content-MD5.
 */
export async function batchDeleteStep(session: S3Session, bucket: string, key: string): Promise<StepOutcome> {
  const attempt = async (compat: Compat) => {
    const out = await session.timed('the batch delete', (abortSignal) =>
      session.client(bucket, compat).send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: key }] } }), { abortSignal }),
    );
    // A 200 answer can still refuse each key, with an error per key.
    const refusedKey = out.Errors?.[0];
    if (refusedKey) throw toPailError({ Code: refusedKey.Code, message: refusedKey.Message, $metadata: { httpStatusCode: 200 } });
  };
  const current = session.compat;
  try {
    await attempt(current);
    return { verdict: 'pass', detail: `deleted ${key} with DeleteObjects` };
  } catch (cause) {
    const error = toPailError(cause, undefined, session.endpoint);
    const candidates: Compat[] = [];
    if (isChecksumProblem(error)) candidates.push({ ...current, checksumMode: otherMode(current.checksumMode) });
    if (!current.deleteObjectsMd5 && (isChecksumProblem(error) || wantsContentMd5(error, cause))) candidates.push({ ...current, deleteObjectsMd5: true });
    for (const compat of candidates) {
      try {
        await attempt(compat);
      } catch {
        continue;
      }
      const md5 = compat.deleteObjectsMd5 !== current.deleteObjectsMd5;
      const suggestions: SettingSuggestion[] = [md5 ? md5Suggestion(error) : checksumSuggestion(compat.checksumMode, error)];
      session.compat = compat;
      return {
        verdict: 'warn',
        detail: `deleted ${key}, but only with ${md5 ? 'Content-MD5' : `checksum mode ${compat.checksumMode}`}: the server refused the batch delete first (${error.serverCode ?? error.code})`,
        error: error.toInfo(),
        suggestions,
      };
    }
    return failed(error);
  }
}
