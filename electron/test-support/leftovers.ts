import { HeadObjectCommand, ListMultipartUploadsCommand, type S3Client } from '@aws-sdk/client-s3';

/**
 * What a failed, cancelled or killed transfer may leave on the server. An
 * unfinished multipart upload is invisible to HeadObject and ListObjects but
 * costs storage on most providers, so "nothing left behind" checks both.
 */

/** Keys of the unfinished multipart uploads in a bucket (every page of ListMultipartUploads), sorted; under `prefix` if given. */
export async function unfinishedUploads(client: S3Client, bucket: string, prefix?: string): Promise<string[]> {
  const keys: string[] = [];
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (;;) {
    const page = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }));
    keys.push(...(page.Uploads ?? []).map((u) => u.Key ?? ''));
    if (!page.IsTruncated || (!page.NextKeyMarker && !page.NextUploadIdMarker)) return keys.sort();
    keyMarker = page.NextKeyMarker;
    uploadIdMarker = page.NextUploadIdMarker;
  }
}

/** True when an object exists under `key` (HeadObject answers), false on 404. */
export async function objectExists(client: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw error;
  }
}

/** Neither an object nor an unfinished multipart upload under `key`: what a failed or cancelled upload must leave. */
export async function nothingLeftAt(client: S3Client, bucket: string, key: string): Promise<{ object: boolean; uploads: string[] }> {
  return { object: await objectExists(client, bucket, key), uploads: (await unfinishedUploads(client, bucket, key)).filter((k) => k === key) };
}
