import type { ObjectEntry, ObjectPage, ObjectRows, ObjectRowsPage } from './ipc/contract';
import { displayName } from './s3-names';

/** A listing page with its objects in columns, as `s3:listObjects` sends it to the window (see `ObjectRows`). */
export function objectRowsOf(page: ObjectPage): ObjectRowsPage {
  const { objects, ...rest } = page;
  // S3 answers only keys below the prefix asked for; a server that did not still has each key sent whole.
  const base = objects.every((object) => object.key.startsWith(page.prefix)) ? page.prefix : '';
  const rows: ObjectRows = { base, keys: '', ends: [], sizes: [], modified: [], classNames: [''], classes: [] };
  const parts: string[] = [];
  let end = 0;
  for (const object of objects) {
    const part = object.key.slice(base.length);
    parts.push(part);
    rows.ends.push((end += part.length));
    rows.sizes.push(object.size);
    rows.modified.push(object.lastModified ? Date.parse(object.lastModified) : null);
    rows.classes.push(classCode(rows.classNames, object.storageClass));
  }
  rows.keys = parts.join('');
  return { ...rest, objects: rows };
}

function classCode(names: string[], storageClass: string | undefined): number {
  if (!storageClass) return 0;
  const known = names.indexOf(storageClass);
  return known === -1 ? names.push(storageClass) - 1 : known;
}

/** How many objects the columns hold. */
export const objectRowCount = (rows: ObjectRows): number => rows.ends.length;

/** The columns back as one record per object (names as the listing service gives them), for code that wants records. */
export function objectEntriesOf(rows: ObjectRows, prefix: string): ObjectEntry[] {
  const entries: ObjectEntry[] = [];
  for (let i = 0; i < rows.ends.length; i += 1) {
    const key = rows.base + rows.keys.slice(i === 0 ? 0 : rows.ends[i - 1], rows.ends[i]);
    const modified = rows.modified[i];
    const storageClass = rows.classNames[rows.classes[i]];
    entries.push({
      kind: 'object',
      key,
      name: displayName(key, prefix),
      size: rows.sizes[i],
      ...(modified !== null && { lastModified: new Date(modified).toISOString() }),
      ...(storageClass && { storageClass }),
    });
  }
  return entries;
}
