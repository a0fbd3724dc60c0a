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
