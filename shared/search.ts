import { z } from 'zod';
import { profileIdSchema } from './profile';
import { bucketNameSchema, prefixSchema } from './s3-names';

/**
 * The recursive search below a folder: by name (a part of an object's or a folder's own name, any
 * case), by tag (objects carrying a tag, with any value or one value), or both.
 *
 * In the search box a tag is written `tag:NAME=VALUE` (or `tag:NAME` for any value), after the
 * name part if there is one: `report tag:team=web`. Everything after `tag:` is the tag, so names
 * and values may hold spaces without quoting (S3 allows spaces in both).
 */

/** A tag to look for: its name, and the value it must have (any value when absent). */
export const searchTagSchema = z.object({
  // Any name S3 may hold, "aws:" ones included: a search reads tags, it never writes them.
  key: z.string().min(1, 'Name the tag to search for.').max(128, 'A tag name has at most 128 characters.'),
  value: z.string().max(256, 'A tag value has at most 256 characters.').optional(),
});
export type SearchTag = z.infer<typeof searchTagSchema>;

export const searchRequestSchema = z
  .object({
    profileId: profileIdSchema,
    bucket: bucketNameSchema,
    prefix: prefixSchema,
    query: z.string().trim().max(1024).default(''),
    tag: searchTagSchema.optional(),
  })
  .refine((request) => request.query.length > 0 || request.tag !== undefined, { message: 'Type something to search for.', path: ['query'] });

/** A search as the main process takes it (the query trimmed, "" when only a tag is searched). */
export type SearchRequest = z.output<typeof searchRequestSchema>;

/** What the search box holds, read as a search: the name part and the tag, if any. */
export interface SearchText {
  query: string;
  tag?: SearchTag;
}

const TAG_MARK = /(^|\s)tag:/i;

/** Reads the search box: "report tag:team=web" is the name "report" and the tag team=web; "tag:team" is any value. */
export function parseSearchText(text: string): SearchText {
  const mark = TAG_MARK.exec(text);
  if (!mark) return { query: text.trim() };
  const query = text.slice(0, mark.index).trim();
  const spec = text.slice(mark.index + mark[0].length).trim();
  if (!spec) return { query };
  const eq = spec.indexOf('=');
  if (eq === -1) return { query, tag: { key: spec } };
  return { query, tag: { key: spec.slice(0, eq).trim(), value: spec.slice(eq + 1).trim() } };
}

/** The search box's text for a search (the inverse of `parseSearchText`). */
export function searchTextOf({ query, tag }: SearchText): string {
  const tagText = tag ? `tag:${tag.key}${tag.value === undefined ? '' : `=${tag.value}`}` : '';
  return [query, tagText].filter(Boolean).join(' ');
}

/** What a search looks for, in words: `names containing "report", tagged team=web`. */
export function searchInWords({ query, tag }: SearchText): string {
  const tagWords = tag && (tag.value === undefined ? `${tag.key} (any value)` : `${tag.key}=${tag.value}`);
  if (query && tagWords) return `names containing "${query}", tagged ${tagWords}`;
  if (tagWords) return `objects tagged ${tagWords}`;
  return `names containing "${query}"`;
}

/** Whether an object's tags hold the searched tag (names and values compared exactly, as S3 stores them). */
export function tagsMatch(tags: readonly { key: string; value: string }[], wanted: SearchTag): boolean {
  return tags.some((tag) => tag.key === wanted.key && (wanted.value === undefined || tag.value === wanted.value));
}
