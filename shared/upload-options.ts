import { z } from 'zod';
import { uploadEncryptionSchema } from './encryption';

/** A storage class as S3 names them: capitals, digits and "_" (STANDARD, STANDARD_IA, GLACIER_IR…). */
export const storageClassNameSchema = z
  .string()
  .trim()
  .max(64)
  .regex(/^[A-Z][A-Z0-9_]*$/, 'A storage class is a name in capitals like STANDARD or STANDARD_IA.');

/** A Cache-Control value for uploads ("max-age=3600, public"). */
export const cacheControlSchema = z
  .string()
  .trim()
  .max(1024)
  .regex(/^[\x20-\x7e]*$/, 'Cache-Control is plain text without line breaks, e.g. "max-age=3600, public".');

/** S3 refuses a PUT whose user metadata (names and values) passes 2 KiB. */
export const METADATA_MAX_BYTES = 2048;

/** A header value as S3 and the SDK take it: printable ASCII, no line breaks. */
function headerText(what: string, example: string) {
  return z
    .string()
    .trim()
    .min(1, `${what} is empty.`)
    .max(1024, `${what} is at most 1024 characters.`)
    .regex(/^[\x20-\x7e]*$/, `${what} is plain ASCII text without line breaks, e.g. ${example}.`);
}

/** A Content-Type header value: TYPE/SUBTYPE with optional parameters. */
export const contentTypeSchema = headerText('Content-Type', '"image/png"').regex(
  /^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/,
  'Content-Type is TYPE/SUBTYPE, e.g. "image/png" or "text/html; charset=utf-8".',
);

/**
 * A user metadata name (sent as `x-amz-meta-<name>`): letters, digits, "-", "_" and ".",
 * what every S3 server and proxy passes through; S3 stores it lower-cased.
 */
export const metadataNameSchema = z
  .string()
  .min(1, 'A metadata name is empty')
  .max(128, 'A metadata name is at most 128 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'A metadata name has letters, digits, "-", "_" and "." only (it is sent as x-amz-meta-NAME)');

/** A user metadata value: any text without control characters (non-ASCII is sent RFC 2047 encoded, as S3 documents). */
export const metadataValueSchema = z
  .string()
  .max(1024, 'A metadata value is at most 1024 characters.')
  // eslint-disable-next-line no-control-regex
  .refine((v) => !/[\x00-\x1f\x7f]/.test(v), 'A metadata value cannot hold line breaks or control characters.');

/**
 * The headers one upload (or a batch) gives its objects, over the profile's and
 * the bucket's defaults: access, Content-Type (over the one detected from the
 * name or the source), Cache-Control, Content-Disposition, storage class and
 * user metadata. Absent fields take the defaults (the bucket's access when none); an empty
 * Cache-Control, Content-Disposition, storage class or metadata sends none even where a default exists.
 */
export const uploadOptionsSchema = z.object({
  acl: z.enum(['private', 'public-read']).optional(),
  contentType: contentTypeSchema.optional(),
  cacheControl: cacheControlSchema.optional(),
  // "" for Content-Disposition and the storage class: none for this batch, over the bucket's or profile's default.
  contentDisposition: headerText('Content-Disposition', '"inline" or "attachment; filename=\\"a.pdf\\""').or(z.literal('')).optional(),
  storageClass: z
    .string()
    .trim()
    .max(64)
    .regex(/^([A-Z][A-Z0-9_]*)?$/, 'A storage class is a name in capitals like STANDARD or STANDARD_IA.')
    .optional(),
  metadata: z
    .record(z.string(), metadataValueSchema)
    // Names checked here, not as the record's key schema, so the refusal says which rule and which name.
    .superRefine((m, ctx) => {
      for (const name of Object.keys(m)) {
        const problem = metadataNameSchema.safeParse(name).error?.issues[0];
        if (problem) ctx.addIssue({ code: 'custom', message: `${problem.message}, not "${name}".`, path: [name] });
      }
    })
    .refine(
      (m) => Object.entries(m).reduce((sum, [k, v]) => sum + k.length + new TextEncoder().encode(v).length, 0) <= METADATA_MAX_BYTES,
      `User metadata is at most ${METADATA_MAX_BYTES} bytes (names and values together).`,
    )
    .refine((m) => new Set(Object.keys(m).map((k) => k.toLowerCase())).size === Object.keys(m).length, 'Two metadata names differ only in case; S3 keeps one.')
    .optional(),
  /**
   * Content-Type by file extension (lower case, without the dot: `{ webp: "image/webp" }`), over the type
   * detected from the name; `contentType` (one type for every file) wins over it.
   */
  contentTypes: z
    .record(z.string().regex(/^[a-z0-9][a-z0-9_+-]{0,31}$/, 'A file extension is lower-case letters and digits, without the dot.'), contentTypeSchema)
    .optional(),
  /**
   * Server-side encryption for every object of the batch (SSE-S3 or SSE-KMS); null: none asked, even where
   * the bucket's saved upload settings ask for some; absent: those settings decide.
   */
  encryption: uploadEncryptionSchema.nullable().optional(),
});
/** See `uploadOptionsSchema`. */
export type UploadOptions = z.output<typeof uploadOptionsSchema>;
