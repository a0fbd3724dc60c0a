// The headers an uploaded object gets, worked out and written in one place for every upload path
// (file PUT, direct PUT, multipart, page upload, URL import), so no path can drop one.
import type { ServerSideEncryption, StorageClass } from '@aws-sdk/client-s3';
import type { UploadEncryption } from '../../../../shared/encryption';
import type { UploadAcl } from '../../../../shared/providers';
import { contentTypeFor, type UploadDefaults } from '../../../../shared/upload-defaults';
import type { UploadOptions } from '../../../../shared/upload-options';

export type { UploadDefaults } from '../../../../shared/upload-defaults';

/** The headers an object gets when it is created. */
export interface ObjectHeaders {
  contentType: string;
  acl?: 'private' | 'public-read';
  cacheControl?: string;
  contentDisposition?: string;
  storageClass?: string;
  metadata?: Record<string, string>;
  /** The server-side encryption asked for (SSE-S3 or SSE-KMS); absent: the bucket's default applies. */
  encryption?: UploadEncryption;
}

/** A batch's options: the request's `options`, with the older top-level `acl` ("none": the bucket's own) folded in. */
export type BatchOptions = Omit<UploadOptions, 'acl'> & { acl?: UploadAcl };

/** Folds a request's older `acl` / `cacheControl` fields under its `options` (the options win). */
export function batchOptionsOf(request: { acl?: UploadAcl; cacheControl?: string; options?: UploadOptions }): BatchOptions {
  const acl = request.options?.acl ?? request.acl;
  const cacheControl = request.options?.cacheControl ?? (request.cacheControl || undefined);
  return { ...request.options, ...(acl && { acl }), ...(cacheControl && { cacheControl }) };
}

/**
 * The headers of an object named `name`: each of the batch's options over the bucket's or profile's
 * default for it; Content-Type from the batch's or bucket's types (see `contentTypeFor`), else `detectedType`.
 */
export function objectHeadersOf(options: BatchOptions, defaults: UploadDefaults, name: string, detectedType: string): ObjectHeaders {
  const acl = options.acl ?? defaults.acl;
  const cacheControl = options.cacheControl ?? defaults.cacheControl;
  const contentDisposition = options.contentDisposition ?? defaults.contentDisposition;
  const storageClass = options.storageClass ?? defaults.storageClass;
  const metadata = options.metadata ?? defaults.metadata;
  // null: none asked for this batch, over the bucket's saved setting.
  const encryption = options.encryption === null ? undefined : (options.encryption ?? defaults.encryption);
  return {
    contentType: contentTypeFor(name, detectedType, options, defaults),
    ...(acl !== 'none' && { acl }),
    ...(cacheControl && { cacheControl }),
    ...(contentDisposition && { contentDisposition }),
    ...(storageClass && { storageClass }),
    ...(metadata && Object.keys(metadata).length > 0 && { metadata }),
    ...(encryption && { encryption }),
  };
}

/** Only the header fields of something that carries them (a target, a saved state), for saving or copying. */
export function headersPart(from: ObjectHeaders): ObjectHeaders {
  return objectHeadersOf({ ...from, acl: from.acl ?? 'none' }, { acl: 'none' }, '', from.contentType);
}

/** A metadata value as it goes on the wire: ASCII as it is, other text RFC 2047 encoded ("=?UTF-8?B?…?="), as S3 documents. */
export function metadataWireValue(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

function wireMetadata(metadata: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).map(([name, value]) => [name.toLowerCase(), metadataWireValue(value)]));
}

/** The fields of a PutObject or CreateMultipartUpload command. */
export function sdkHeaders(headers: ObjectHeaders) {
  return {
    ContentType: headers.contentType,
    ...(headers.acl && { ACL: headers.acl }),
    ...(headers.cacheControl && { CacheControl: headers.cacheControl }),
    ...(headers.contentDisposition && { ContentDisposition: headers.contentDisposition }),
    ...(headers.storageClass && { StorageClass: headers.storageClass as StorageClass }),
    ...(headers.metadata && { Metadata: wireMetadata(headers.metadata) }),
    ...(headers.encryption && { ServerSideEncryption: headers.encryption.algorithm as ServerSideEncryption }),
    ...(headers.encryption?.kmsKeyId && { SSEKMSKeyId: headers.encryption.kmsKeyId }),
  };
}

/** The same headers as raw HTTP headers (lower-case names), for the direct path that signs its own requests. */
export function wireHeaders(headers: ObjectHeaders): Record<string, string> {
  return {
    'content-type': headers.contentType,
    ...(headers.acl && { 'x-amz-acl': headers.acl }),
    ...(headers.cacheControl && { 'cache-control': headers.cacheControl }),
    ...(headers.contentDisposition && { 'content-disposition': headers.contentDisposition }),
    ...(headers.storageClass && { 'x-amz-storage-class': headers.storageClass }),
    ...Object.fromEntries(Object.entries(wireMetadata(headers.metadata ?? {})).map(([name, value]) => [`x-amz-meta-${name}`, value])),
    ...(headers.encryption && { 'x-amz-server-side-encryption': headers.encryption.algorithm }),
    ...(headers.encryption?.kmsKeyId && { 'x-amz-server-side-encryption-aws-kms-key-id': headers.encryption.kmsKeyId }),
  };
}
