/** Why a new folder or object name cannot be used (checked as the user types), or undefined. */
export function entryNameProblem(name: string): string | undefined {
  if (!name.trim()) return 'Enter a name.';
  if (name.includes('/')) return 'A name cannot contain "/" (it separates folders).';
  if (name === '.' || name === '..') return 'A name cannot be "." or "..".';
  if (new TextEncoder().encode(name).length > 1024) return 'A name has at most 1,024 bytes.';
  return undefined;
}

/** The part of a file name to select for renaming: the name without its extension ("photo" of "photo.jpg"). */
export function baseNameLength(name: string, isFolder: boolean): number {
  if (isFolder) return name.length;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? dot : name.length;
}
