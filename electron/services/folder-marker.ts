import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/**
 * Writes a folder marker: the 0-byte object whose key ends in "/" that S3
 * consoles show as a folder. "New folder" and every upload of an empty folder
 * (desktop paths, a dropped folder, `pail cp -r`) write the same one.
 */
export function putFolderMarker(client: S3Client, bucket: string, key: string, signal?: AbortSignal): Promise<unknown> {
  return client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: new Uint8Array(0), ContentLength: 0 }), { abortSignal: signal });
}
