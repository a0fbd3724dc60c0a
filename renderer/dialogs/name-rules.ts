/** The part of a file name to select for renaming: the name without its extension ("photo" of "photo.jpg"). */
export function baseNameLength(name: string, isFolder: boolean): number {
  if (isFolder) return name.length;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? dot : name.length;
}
