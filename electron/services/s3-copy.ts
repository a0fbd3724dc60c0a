import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  UploadPartCopyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { GrantHeaders } from './grant-headers';
import { copySource } from './s3-keys';

/** S3's limit for a single CopyObject; bigger objects are copied in parts. */
export const MAX_SINGLE_COPY_BYTES = 5 * 1024 ** 3;

export interface CopyLimits {
  /** Objects above this size are copied part by part (UploadPartCopy). */
  singleCopyMaxBytes: number;
  /** Smallest part of a multipart copy. */
  minPartBytes: number;
}

/** The real limits; tests lower them to exercise the multipart path on small objects. */
export const DEFAULT_COPY_LIMITS: CopyLimits = { singleCopyMaxBytes: MAX_SINGLE_COPY_BYTES, minPartBytes: 512 * 1024 ** 2 };

/** Where an object is, and where its copy goes. */
export interface CopyRequest {
  sourceBucket: string;
  sourceKey: string;
  sourceVersionId?: string;
  targetBucket: string;
  targetKey: string;
  size: number;
  /** Keep the object's public-read ACL on the copy (a copy is private otherwise). */
  acl?: 'private' | 'public-read';
  /** The grants the copy gets with the copy itself, instead of `acl` (a copy onto itself keeps the object's: grant-headers.ts). */
  grants?: GrantHeaders;
  /** New headers and metadata instead of the source's (a metadata edit is a copy onto itself). */
  replace?: ReplacedHeaders;
  /** The storage class of the copy (a storage-class change is a copy onto itself); the server's default otherwise. */
  storageClass?: string;
}

/** The headers a metadata edit sets. */
export interface ReplacedHeaders {
  ContentType?: string;
  CacheControl?: string;
  ContentDisposition?: string;
  ContentEncoding?: string;
  ContentLanguage?: string;
  Metadata: Record<string, string>;
}

/**
 * Copies an object inside one server, keeping its Content-Type and metadata:
 * one CopyObject up to 5 GiB, UploadPartCopy ranges beyond (a multipart copy
 * does not carry metadata by itself, so it is read first and set on the new
 * upload). A failed multipart copy is aborted, never left half-done.
 */
export async function copyWithinServer(client: S3Client, request: CopyRequest, signal?: AbortSignal, limits: CopyLimits = DEFAULT_COPY_LIMITS): Promise<void> {
  const source = copySource(request.sourceBucket, request.sourceKey, request.sourceVersionId);
  if (request.size <= limits.singleCopyMaxBytes) {
    await client.send(
      new CopyObjectCommand({
        Bucket: request.targetBucket,
        Key: request.targetKey,
        CopySource: source,
        MetadataDirective: request.replace ? 'REPLACE' : 'COPY',
        ACL: request.acl,
        ...request.grants,
        ...(request.storageClass && { StorageClass: request.storageClass as never }),
        ...request.replace,
      }),
      { abortSignal: signal },
    );
    return;
  }
  const head =
    request.replace ??
    (await client.send(new HeadObjectCommand({ Bucket: request.sourceBucket, Key: request.sourceKey, VersionId: request.sourceVersionId }), {
      abortSignal: signal,
    }));
  const { UploadId } = await client.send(
    new CreateMultipartUploadCommand({
      Bucket: request.targetBucket,
      Key: request.targetKey,
      ContentType: head.ContentType,
      CacheControl: head.CacheControl,
      ContentDisposition: head.ContentDisposition,
      ContentEncoding: head.ContentEncoding,
      ContentLanguage: head.ContentLanguage,
      Metadata: head.Metadata,
      ACL: request.acl,
      ...request.grants,
      ...(request.storageClass && { StorageClass: request.storageClass as never }),
    }),
    { abortSignal: signal },
  );
  // At most 10,000 parts, each at least the minimum (the last may be smaller).
  const partSize = Math.max(limits.minPartBytes, Math.ceil(request.size / 10_000));
  const parts: { ETag: string; PartNumber: number }[] = [];
  try {
    for (let start = 0, partNumber = 1; start < request.size; start += partSize, partNumber += 1) {
      const end = Math.min(start + partSize, request.size) - 1;
      const out = await client.send(
        new UploadPartCopyCommand({
          Bucket: request.targetBucket,
          Key: request.targetKey,
          UploadId,
          PartNumber: partNumber,
          CopySource: source,
          CopySourceRange: `bytes=${start}-${end}`,
        }),
        { abortSignal: signal },
      );
      parts.push({ ETag: out.CopyPartResult!.ETag!, PartNumber: partNumber });
    }
    await client.send(
      new CompleteMultipartUploadCommand({ Bucket: request.targetBucket, Key: request.targetKey, UploadId, MultipartUpload: { Parts: parts } }),
      { abortSignal: signal },
    );
  } catch (error) {
    await client.send(new AbortMultipartUploadCommand({ Bucket: request.targetBucket, Key: request.targetKey, UploadId })).catch(() => undefined);
    throw error;
  }
}

/**
 * Copies an object between two servers (profiles): streams the body from one
 * into a (multipart when large) upload on the other, keeping Content-Type,
 * caching headers and metadata. Nothing is buffered whole.
 */
export async function copyBetweenServers(from: S3Client, to: S3Client, request: Omit<CopyRequest, 'size'>, signal?: AbortSignal): Promise<void> {
  const object = await from.send(new GetObjectCommand({ Bucket: request.sourceBucket, Key: request.sourceKey, VersionId: request.sourceVersionId }), {
    abortSignal: signal,
  });
  const upload = new Upload({
    client: to,
    queueSize: 4,
    leavePartsOnError: false,
    params: {
      Bucket: request.targetBucket,
      Key: request.targetKey,
      Body: object.Body as Readable,
      ContentLength: object.ContentLength,
      ContentType: object.ContentType,
      CacheControl: object.CacheControl,
      ContentDisposition: object.ContentDisposition,
      ContentEncoding: object.ContentEncoding,
      ContentLanguage: object.ContentLanguage,
      Metadata: object.Metadata,
      ACL: request.acl,
    },
  });
  signal?.addEventListener('abort', () => void upload.abort(), { once: true });
  await upload.done();
}
