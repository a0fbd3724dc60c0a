import { z } from 'zod';

/**
 * A bucket name as a request carries it. Listing and browsing accept any name
 * the server might have (old buckets can break today's rules), so this checks
 * only what could never be a bucket; creating a bucket checks the full rules.
 */
export const bucketNameSchema = z
  .string()
  .min(1, 'Enter a bucket name.')
  .max(255, 'A bucket name has at most 255 characters.')
  .refine((v) => !/[/\\\s]/.test(v), 'A bucket name cannot contain "/", "\\" or spaces.');

/** A key prefix (folder path): empty for the bucket root, otherwise usually ending in "/". */
export const prefixSchema = z.string().max(1024, 'A key or prefix has at most 1,024 bytes.');

/** Splits a folder prefix into breadcrumb steps: "a/b/" → [{name:"a",prefix:"a/"},{name:"b",prefix:"a/b/"}]. */
export function breadcrumbSteps(prefix: string): { name: string; prefix: string }[] {
  const steps: { name: string; prefix: string }[] = [];
  let at = 0;
  while (at < prefix.length) {
    const slash = prefix.indexOf('/', at);
    const end = slash === -1 ? prefix.length : slash + 1;
    steps.push({ name: prefix.slice(at, slash === -1 ? end : slash), prefix: prefix.slice(0, end) });
    at = end;
  }
  return steps;
}

/** The last path segment of a key or folder prefix, as shown in the table. */
export function displayName(keyOrPrefix: string, parentPrefix: string): string {
  const rest = keyOrPrefix.startsWith(parentPrefix) ? keyOrPrefix.slice(parentPrefix.length) : keyOrPrefix;
  return rest.endsWith('/') ? rest.slice(0, -1) : rest;
}

/** Why a new folder or object name (one path segment) cannot be used, or undefined: checked as the user types, and again by the main process. */
export function entryNameProblem(name: string): string | undefined {
  if (!name.trim()) return 'Enter a name.';
  if (name.includes('/')) return 'A name cannot contain "/" (it separates folders).';
  if (name === '.' || name === '..') return 'A name cannot be "." or "..".';
  if (new TextEncoder().encode(name).length > 1024) return 'A name has at most 1,024 bytes.';
  return undefined;
}
