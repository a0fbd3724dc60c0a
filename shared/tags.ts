import { z } from 'zod';
import { profileIdSchema } from './profile';
import { bucketNameSchema, prefixSchema } from './s3-names';

/** S3's limits: 10 tags on an object, 50 on a bucket. */
export const OBJECT_TAGS_MAX = 10;
export const BUCKET_TAGS_MAX = 50;

/** The characters S3 allows in tag names and values: letters, digits, spaces and + - = . _ : / @. */
const TAG_TEXT = /^[\p{L}\p{N}\s+\-=._:/@]*$/u;

export const tagSchema = z.object({
  key: z
    .string()
    .min(1, 'A tag needs a name.')
    .max(128, 'A tag name has at most 128 characters.')
    .regex(TAG_TEXT, 'Tag names and values hold letters, digits, spaces and + - = . _ : / @ only.')
    .refine((key) => !key.toLowerCase().startsWith('aws:'), 'Names starting with "aws:" are AWS’s own.'),
  value: z
    .string()
    .max(256, 'A tag value has at most 256 characters.')
    .regex(TAG_TEXT, 'Tag names and values hold letters, digits, spaces and + - = . _ : / @ only.'),
});
export type Tag = z.infer<typeof tagSchema>;

const uniqueNames = (tags: Tag[]) => new Set(tags.map((tag) => tag.key)).size === tags.length;
export const objectTagsSchema = z
  .array(tagSchema)
  .max(OBJECT_TAGS_MAX, `An object holds at most ${OBJECT_TAGS_MAX} tags.`)
  .refine(uniqueNames, 'Two tags have the same name; each name is used once.');
export const bucketTagsSchema = z
  .array(tagSchema)
  .max(BUCKET_TAGS_MAX, `A bucket holds at most ${BUCKET_TAGS_MAX} tags.`)
  .refine(uniqueNames, 'Two tags have the same name; each name is used once.');

const inBucket = { profileId: profileIdSchema, bucket: bucketNameSchema };
export const objectTagsRequestSchema = z.object({
  ...inBucket,
  key: prefixSchema.min(1, 'Name the object.'),
  versionId: z.string().min(1).max(1024).optional(),
});
export const setObjectTagsRequestSchema = objectTagsRequestSchema.extend({ tags: objectTagsSchema });
export const bucketTagsRequestSchema = z.object(inBucket);
export const setBucketTagsRequestSchema = bucketTagsRequestSchema.extend({ tags: bucketTagsSchema });

/** An object's or a bucket's tags. */
export interface TagSet {
  tags: Tag[];
}

/** What saving `next` over `before` changes, in words: "adds team=web; changes tier from a to b; removes tmp." ("" when nothing). */
export function tagChangesInWords(before: Tag[], next: Tag[]): string {
  const old = new Map(before.map((tag) => [tag.key, tag.value]));
  const now = new Map(next.map((tag) => [tag.key, tag.value]));
  const added = next.filter((tag) => !old.has(tag.key)).map((tag) => `${tag.key}=${tag.value}`);
  const changed = next
    .filter((tag) => old.has(tag.key) && old.get(tag.key) !== tag.value)
    .map((tag) => `${tag.key} from "${old.get(tag.key)}" to "${tag.value}"`);
  const removed = before.filter((tag) => !now.has(tag.key)).map((tag) => tag.key);
  const parts = [
    added.length && `adds ${added.join(', ')}`,
    changed.length && `changes ${changed.join(', ')}`,
    removed.length && `removes ${removed.join(', ')}`,
  ].filter(Boolean);
  return parts.length ? `${parts.join('; ')}.` : '';
}
