import { z } from 'zod';

/**
 * Server-side encryption asked for by Pail: on an upload (the SSE headers of its PUT or multipart
 * upload) and as a bucket's default (PutBucketEncryption). SSE-C, where the client holds the key,
 * is shown when found (`object-details.ts`) but never asked for: Pail would have to keep the key.
 */

/** What an upload can ask for: SSE-S3 (AES256, keys the provider manages) or SSE-KMS (aws:kms). */
export const UPLOAD_SSE_ALGORITHMS = ['AES256', 'aws:kms'] as const;
/** What a bucket's default can be: those, and AWS's dual-layer DSSE-KMS. */
export const BUCKET_SSE_ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse'] as const;
export type SseAlgorithm = (typeof BUCKET_SSE_ALGORITHMS)[number];

/** A KMS key: its id, ARN or alias ("alias/…"), as sent in x-amz-server-side-encryption-aws-kms-key-id. */
export const kmsKeyIdSchema = z
  .string()
  .trim()
  .min(1, 'Name the KMS key, or leave it empty for the account’s default key.')
  .max(2048, 'A KMS key id is at most 2048 characters.')
  .regex(/^[\x21-\x7e]+$/, 'A KMS key id is a key id, ARN or alias/NAME, without spaces.');

const kmsOnly = (value: { algorithm: string; kmsKeyId?: string }) => value.kmsKeyId === undefined || value.algorithm.startsWith('aws:kms');
const KMS_ONLY_MESSAGE = { message: 'A KMS key goes with SSE-KMS only.', path: ['kmsKeyId'] };

/** The encryption an upload asks for; absent: none asked (the bucket's default applies, if it has one). */
export const uploadEncryptionSchema = z
  .object({ algorithm: z.enum(UPLOAD_SSE_ALGORITHMS), kmsKeyId: kmsKeyIdSchema.optional() })
  .refine(kmsOnly, KMS_ONLY_MESSAGE);
export type UploadEncryption = z.output<typeof uploadEncryptionSchema>;

/** A bucket's default encryption rule: what new objects get when their upload asks for none. */
export const bucketEncryptionRuleSchema = z
  .object({
    algorithm: z.enum(BUCKET_SSE_ALGORITHMS),
    kmsKeyId: kmsKeyIdSchema.optional(),
    /** S3 Bucket Key: one data key per bucket for a while, far fewer (billed) calls to KMS. */
    bucketKey: z.boolean().default(false),
  })
  .refine(kmsOnly, KMS_ONLY_MESSAGE);
export type BucketEncryptionRule = z.output<typeof bucketEncryptionRuleSchema>;

/** A bucket's default encryption; `rule: null` when it has none. */
export interface BucketEncryption {
  rule: BucketEncryptionRule | null;
}

/** An algorithm's name as people know it. */
export function sseName(algorithm: string): string {
  if (algorithm === 'AES256') return 'SSE-S3';
  if (algorithm === 'aws:kms') return 'SSE-KMS';
  if (algorithm === 'aws:kms:dsse') return 'DSSE-KMS';
  return algorithm;
}

const keyWords = (kmsKeyId: string | undefined) => (kmsKeyId ? `key ${kmsKeyId}` : 'the account’s default KMS key');

/** A bucket's default encryption in words. */
export function bucketEncryptionInWords(rule: BucketEncryptionRule | null): string {
  if (!rule) return 'No default encryption: objects are encrypted only when their upload asks for it.';
  if (rule.algorithm === 'AES256') return 'New objects are encrypted at rest with SSE-S3: the provider holds and manages the keys.';
  const layers = rule.algorithm === 'aws:kms:dsse' ? ' in two layers (DSSE-KMS)' : ' with SSE-KMS';
  const bucketKey = rule.bucketKey ? ' A bucket key is used, so KMS is called (and billed) far less often.' : '';
  return `New objects are encrypted at rest${layers}, with ${keyWords(rule.kmsKeyId)}.${bucketKey}`;
}

/** What saving `next` over `before` does, in words ("" when nothing changes). */
export function bucketEncryptionChangeInWords(before: BucketEncryptionRule | null, next: BucketEncryptionRule | null): string {
  const same =
    before?.algorithm === next?.algorithm && (before?.kmsKeyId ?? '') === (next?.kmsKeyId ?? '') && (before?.bucketKey ?? false) === (next?.bucketKey ?? false);
  if (same) return '';
  if (!next) return 'Saving removes the default encryption: new objects are encrypted only when their upload asks. Objects already stored keep theirs.';
  return `Saving sets the default: ${sseName(next.algorithm)}${next.algorithm === 'AES256' ? '' : ` with ${keyWords(next.kmsKeyId)}`}${
    next.bucketKey && next.algorithm !== 'AES256' ? ' and a bucket key' : ''
  }. Objects already stored keep the encryption they have.`;
}

/** An upload's encryption in words, for the upload sheet and the CLI. */
export function uploadEncryptionInWords(encryption: UploadEncryption | undefined): string {
  if (!encryption) return 'As the bucket’s default encryption says (none asked by the upload).';
  if (encryption.algorithm === 'AES256') return 'Encrypted at rest with SSE-S3: the provider manages the keys.';
  return `Encrypted at rest with SSE-KMS, with ${keyWords(encryption.kmsKeyId)}.`;
}

/**
 * The transfer note when the server's answer does not confirm the encryption asked for (undefined when
 * it does). Some servers take the header and store the object as it is: Ceph before Quincy accepts
 * `x-amz-server-side-encryption: AES256` and neither encrypts nor says so.
 */
export function unconfirmedEncryptionNote(asked: UploadEncryption | undefined, answered: string | undefined): string | undefined {
  if (!asked || answered === asked.algorithm) return undefined;
  const said = answered ? `answered ${sseName(answered)}` : 'did not confirm it';
  return `${sseName(asked.algorithm)} encryption was asked for, but the server ${said}: the object may be stored unencrypted. Check its Encryption in the inspector, or ask the provider whether it supports ${sseName(asked.algorithm)}.`;
}
