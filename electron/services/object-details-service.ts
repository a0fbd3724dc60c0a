import {
  GetObjectAclCommand,
  GetObjectCommand,
  HeadObjectCommand,
  type GetObjectAclCommandOutput,
  type HeadObjectCommandOutput,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Cancellable } from '../../shared/async';
import { PailError } from '../../shared/errors';
import type { ParsedRequestOf, TextPreview } from '../../shared/ipc/contract';
import type { ObjectDetails, ObjectEncryption } from '../../shared/object-details';
import { keptGrantsOf, putBackRest } from './grant-headers';
import type { S3ClientProvider } from './s3-client-factory';
import { copyWithinServer } from './s3-copy';
import { toPailError } from './s3-errors';

/** Where one object (or one of its versions) is: the request of `s3:objectDetails` and `s3:readText`. */
export type ObjectRef = ParsedRequestOf<'s3:objectDetails'>;

/** At most this much of a text file is read for a preview. */
export const TEXT_PREVIEW_BYTES = 1024 * 1024;

/** The SSE headers of a HEAD, when it has any. */
function encryptionOf(head: HeadObjectCommandOutput): ObjectEncryption | undefined {
  const encryption: ObjectEncryption = {
    ...(head.ServerSideEncryption && { algorithm: head.ServerSideEncryption }),
    ...(head.SSEKMSKeyId && { kmsKeyId: head.SSEKMSKeyId }),
    ...(head.BucketKeyEnabled !== undefined && { bucketKeyEnabled: head.BucketKeyEnabled }),
    ...(head.SSECustomerAlgorithm && { customerAlgorithm: head.SSECustomerAlgorithm }),
  };
  return encryption.algorithm || encryption.customerAlgorithm ? encryption : undefined;
}

export function toDetails(bucket: string, key: string, head: HeadObjectCommandOutput): ObjectDetails {
  const encryption = encryptionOf(head);
  return {
    bucket,
    key,
    size: head.ContentLength ?? 0,
    ...(head.LastModified && { lastModified: head.LastModified.toISOString() }),
    ...(head.ETag && { etag: head.ETag }),
    storageClass: head.StorageClass ?? 'STANDARD',
    ...(head.VersionId && head.VersionId !== 'null' && { versionId: head.VersionId }),
    ...(head.ContentType && { contentType: head.ContentType }),
    ...(head.CacheControl && { cacheControl: head.CacheControl }),
    ...(head.ContentDisposition && { contentDisposition: head.ContentDisposition }),
    ...(head.ContentEncoding && { contentEncoding: head.ContentEncoding }),
    ...(head.ContentLanguage && { contentLanguage: head.ContentLanguage }),
    metadata: head.Metadata ?? {},
    ...(encryption && { encryption }),
  };
}

const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

/**
 * Whether an object is stored with SSE-C (a key only its uploader holds). A HEAD refused with 400 carries no
 * body to say why, so one byte is asked for: its refusal names the encryption (AWS: "…stored using a form of
 * Server Side Encryption…", Ceph: "…Server Side Encryption with Customer provided keys…").
 */
async function encryptedWithCustomerKey(client: S3Client, ref: ObjectRef, signal?: AbortSignal): Promise<boolean> {
  try {
    const probe = await client.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key, VersionId: ref.versionId, Range: 'bytes=0-0' }), {
      abortSignal: signal,
    });
    probe.Body?.transformToByteArray().catch(() => undefined);
    return false;
  } catch (error) {
    return /server side encryption/i.test((error as Error).message ?? '');
  }
}

/** Reads an object's details, edits its headers and metadata, and reads text for previews. */
export class ObjectDetailsService {
  constructor(private readonly clients: S3ClientProvider) {}

  /** Size, dates, ETag, storage class, version, Content-Type and all metadata. */
  async details(ref: ObjectRef, { signal }: Cancellable = {}): Promise<ObjectDetails> {
    const { client, profile } = await this.clients.clientFor(ref.profileId, ref.bucket);
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: ref.bucket, Key: ref.key, VersionId: ref.versionId }), { abortSignal: signal });
      return toDetails(ref.bucket, ref.key, head);
    } catch (error) {
      if (statusOf(error) === 400 && (await encryptedWithCustomerKey(client, ref, signal))) {
        throw new PailError({
          code: 'InvalidArgument',
          message: `${ref.key} is encrypted with a key its uploader holds (SSE-C): the server shows nothing of it without that key.`,
          hint: 'Read it with the tool and the key it was uploaded with (e.g. aws s3 cp --sse-c); Pail does not hold SSE-C keys.',
          status: 400,
        });
      }
      throw toPailError(error, `reading ${ref.key}`, profile.endpoint);
    }
  }

  /**
   * Replaces Content-Type, Cache-Control, Content-Disposition and the
   * `x-amz-meta-*` entries: S3 cannot edit metadata in place, so the object is
   * copied onto itself with REPLACE (in parts beyond 5 GiB). A copy resets the
   * ACL to private, so the object's grants are read first and sent with the copy.
   */
  async updateMetadata({ edit, ...ref }: ParsedRequestOf<'s3:updateMetadata'>): Promise<ObjectDetails> {
    const { client, profile } = await this.clients.clientFor(ref.profileId, ref.bucket);
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
      let acl: GetObjectAclCommandOutput | undefined;
      if (profile.aclSupport !== 'no') {
        acl = await client.send(new GetObjectAclCommand({ Bucket: ref.bucket, Key: ref.key })).catch(() => undefined);
      }
      // With the copy itself: put back after it, they would be lost with its answer, and the next edit would keep the private ACL.
      const grants = keptGrantsOf(acl);
      await copyWithinServer(client, {
        sourceBucket: ref.bucket,
        sourceKey: ref.key,
        targetBucket: ref.bucket,
        targetKey: ref.key,
        size: head.ContentLength ?? 0,
        grants: grants.headers,
        replace: {
          ContentType: edit.contentType || undefined,
          CacheControl: edit.cacheControl || undefined,
          ContentDisposition: edit.contentDisposition || undefined,
          // Encoding and language are not edited here; keep them.
          ContentEncoding: head.ContentEncoding,
          ContentLanguage: head.ContentLanguage,
          Metadata: edit.metadata,
        },
      });
      await putBackRest(client, ref.bucket, ref.key, grants);
      return toDetails(ref.bucket, ref.key, await client.send(new HeadObjectCommand({ Bucket: ref.bucket, Key: ref.key })));
    } catch (error) {
      throw toPailError(error, `changing the metadata of ${ref.key}`, profile.endpoint);
    }
  }

  /** The first MiB of an object as text (for previews): a range request, never the whole file. */
  async readText(ref: ObjectRef, { signal }: Cancellable = {}, maxBytes = TEXT_PREVIEW_BYTES): Promise<TextPreview> {
    const { client, profile } = await this.clients.clientFor(ref.profileId, ref.bucket);
    try {
      const out = await client.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key, VersionId: ref.versionId, Range: `bytes=0-${maxBytes - 1}` }), {
        abortSignal: signal,
      });
      const bytes = (await out.Body?.transformToByteArray()) ?? new Uint8Array(0);
      const size = Number(/\/(\d+)$/.exec(out.ContentRange ?? '')?.[1] ?? out.ContentLength ?? bytes.length);
      return { text: new TextDecoder('utf-8').decode(bytes), truncated: size > bytes.length, size, ...(out.ContentType && { contentType: out.ContentType }) };
    } catch (error) {
      // An empty object has no byte 0: a range request for it answers 416.
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 416) return { text: '', truncated: false, size: 0 };
      throw toPailError(error, `reading ${ref.key}`, profile.endpoint);
    }
  }
}
