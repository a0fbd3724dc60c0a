import { bucketNameSchema } from '../../shared/s3-names';

/** What the address bar understood: a bucket and a folder in it, or why it could not. */
export type ParsedAddress = { ok: true; bucket: string; prefix: string } | { ok: false; problem: string };

/**
 * Reads what was typed or pasted into the address bar: `bucket/folder/sub/`,
 * also `s3://bucket/folder`, `/bucket/folder` or a bare `bucket`. The path is
 * always a folder (a trailing "/" is added); repeated slashes inside the path
 * are kept, because S3 keys may contain them.
 */
export function parseAddress(input: string): ParsedAddress {
  let text = input.trim();
  if (!text) return { ok: false, problem: 'Type a bucket name, then a folder path: my-bucket/photos/2024/' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    if (!/^s3:\/\//i.test(text)) {
      return { ok: false, problem: `Only s3:// addresses or bucket/folder/ paths work here, not "${text.slice(0, text.indexOf(':'))}://".` };
    }
    text = text.slice(5);
  }
  text = text.replace(/^\/+/, '');
  const slash = text.indexOf('/');
  const bucket = slash === -1 ? text : text.slice(0, slash);
  let prefix = slash === -1 ? '' : text.slice(slash + 1);
  if (!bucket) return { ok: false, problem: 'The address starts with a bucket name: my-bucket/photos/' };
  const checked = bucketNameSchema.safeParse(bucket);
  if (!checked.success) return { ok: false, problem: `"${bucket}" cannot be a bucket name: ${checked.error.issues[0]?.message ?? 'invalid.'}` };
  if (prefix && !prefix.endsWith('/')) prefix += '/';
  if (prefix === '/') prefix = '';
  if (new TextEncoder().encode(prefix).length > 1024) return { ok: false, problem: 'A folder path has at most 1,024 bytes.' };
  return { ok: true, bucket, prefix };
}

/** How the address bar shows a location: "bucket/folder/sub/" ("" with no bucket open). */
export function formatAddress(bucket: string | undefined, prefix: string): string {
  return bucket ? `${bucket}/${prefix}` : '';
}
