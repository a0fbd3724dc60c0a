import { z } from 'zod';
import { countOf } from './counts';
import { profileIdSchema } from './profile';
import { bucketNameSchema, prefixSchema } from './s3-names';
import { formatSize } from './sizes';

/** Measures everything under a prefix (the whole bucket when empty), every level down. */
export const folderSizeRequestSchema = z.object({ profileId: profileIdSchema, bucket: bucketNameSchema, prefix: prefixSchema.default('') });

/** "12,345 objects, 4.5 GiB" (current versions; every level below). */
export function sizeInWords(objects: number, bytes: number): string {
  return `${countOf(objects, 'object')}, ${formatSize(bytes)}`;
}
