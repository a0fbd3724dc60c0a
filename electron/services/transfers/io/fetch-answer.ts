import type { FetchJob, FetchThreadMessage } from './fetch-protocol';

/** The answer headers the caller reads. */
export const KEEP_HEADERS = [
  'etag',
  'last-modified',
  'content-length',
  'content-range',
  'date',
  'x-amz-request-id',
  'x-amz-server-side-encryption',
  'x-amz-server-side-encryption-customer-algorithm',
];

/** Of an error answer's body (S3's XML), this much is kept. */
export const ERROR_BODY_MAX = 64 * 1024;

/** True when the Content-Range names exactly the bytes asked for. */
export function rangeMatches(job: FetchJob, contentRange: unknown): boolean {
  if (!job.range) return true;
  const given = /^bytes (\d+)-(\d+)\//.exec(typeof contentRange === 'string' ? contentRange : '');
  return !!given && Number(given[1]) === job.range.start && Number(given[2]) === job.range.end;
}

/** An error with the fields Node's own errors carry (code, name), so the main thread words it the same way. */
export const failure = (message: string, fields: Record<string, string>): Error => Object.assign(new Error(message), fields);

/** A body that ended before its length. */
export const prematureClose = (): Error => failure('the body stopped early', { code: 'ERR_STREAM_PREMATURE_CLOSE' });

/** The server sent nothing for `ms`. */
export const silence = (ms: number): Error => failure(`The server sent nothing for ${ms / 1000} s.`, { name: 'TimeoutError', code: 'ETIMEDOUT' });

/** An answer the raw client cannot read as HTTP. */
export const broken = (what: string): Error => failure(`The server's answer is not valid HTTP (${what}).`, { code: 'EPROTO' });

/** An error as it crosses to the main thread: its message and Node's fields. */
export function errorOf(e: unknown): NonNullable<FetchThreadMessage['error']> {
  const error = e as (NodeJS.ErrnoException & { hint?: string }) | undefined;
  return {
    message: String(error?.message ?? e),
    name: error?.name,
    code: error?.code,
    syscall: error?.syscall,
    path: error?.path,
    // A proxy's refusal keeps its advice (see net/proxy-errors.ts).
    ...(typeof error?.hint === 'string' && { hint: error.hint }),
  };
}
