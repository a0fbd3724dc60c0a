import { z } from 'zod';

/** Everything the info panel shows about one object (or one version of it). */
export interface ObjectDetails {
  bucket: string;
  key: string;
  size: number;
  lastModified?: string;
  etag?: string;
  storageClass: string;
  versionId?: string;
  contentType?: string;
  cacheControl?: string;
  contentDisposition?: string;
  contentEncoding?: string;
  contentLanguage?: string;
  /** `x-amz-meta-*` entries, without the prefix. */
  metadata: Record<string, string>;
  /** How the server says the object is encrypted at rest, when it says (the SSE headers of its HEAD). */
  encryption?: ObjectEncryption;
}

/** An object's server-side encryption as its SSE headers report it. */
export interface ObjectEncryption {
  /** `x-amz-server-side-encryption`: AES256 (SSE-S3), aws:kms or aws:kms:dsse (SSE-KMS). */
  algorithm?: string;
  /** `x-amz-server-side-encryption-aws-kms-key-id`. */
  kmsKeyId?: string;
  /** `x-amz-server-side-encryption-bucket-key-enabled`. */
  bucketKeyEnabled?: boolean;
  /** `x-amz-server-side-encryption-customer-algorithm`: SSE-C, a key the client holds. */
  customerAlgorithm?: string;
}

/** An object's encryption in words: "SSE-S3 (AES256): keys managed by the server." ("Not reported by the server." when none). */
export function encryptionInWords(encryption: ObjectEncryption | undefined): string {
  if (encryption?.customerAlgorithm) return `SSE-C (${encryption.customerAlgorithm}): encrypted with a key the uploader holds; reading it needs that key.`;
  const algorithm = encryption?.algorithm;
  if (!algorithm) return 'Not reported by the server.';
  if (algorithm.startsWith('aws:kms')) {
    const kind = algorithm === 'aws:kms:dsse' ? 'DSSE-KMS' : 'SSE-KMS';
    const key = encryption.kmsKeyId ? `key ${encryption.kmsKeyId}` : 'the account’s default KMS key';
    return `${kind}: encrypted with ${key}${encryption.bucketKeyEnabled ? ', through a bucket key' : ''}.`;
  }
  if (algorithm === 'AES256') return 'SSE-S3 (AES256): encrypted with keys the server manages.';
  return `${algorithm}.`;
}

/** A user metadata name: what follows `x-amz-meta-` (HTTP header name characters). */
export const metadataNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a metadata name.')
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'A metadata name has only letters, digits, "-" and "_" (it becomes the header x-amz-meta-NAME).');

/** A header value: printable ASCII only, as HTTP headers carry it. */
const headerValueSchema = (label: string) =>
  z
    .string()
    .max(2048)
    .regex(/^[\x20-\x7e]*$/, `${label} may hold only printable ASCII characters (letters, digits, punctuation, spaces).`);

/** The editable headers and metadata of an object. */
export const metadataEditSchema = z
  .object({
    contentType: headerValueSchema('Content-Type').optional(),
    cacheControl: headerValueSchema('Cache-Control').optional(),
    contentDisposition: headerValueSchema('Content-Disposition').optional(),
    metadata: z.record(metadataNameSchema, headerValueSchema('A metadata value')).default({}),
  })
  .refine((edit) => JSON.stringify(edit.metadata).length <= 2048, 'User metadata is limited to 2 KB in all.');
export type MetadataEdit = z.output<typeof metadataEditSchema>;
