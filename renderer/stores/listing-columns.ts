import type { FolderEntry, ObjectEntry, ObjectRows } from '../../shared/ipc/contract';
import { objectEntriesOf } from '../../shared/object-rows';
import { BlockColumn } from './block-column';
import type { VersionEntry } from '../../shared/versions';

/**
 * One group of a listing's rows (its folders, or its objects) kept as columns
 * rather than one object per row: plain row objects took about 200 bytes a
 * row of the renderer's heap (scripts/bench-list.mjs at 100,000 keys), these
 * columns about 45 with the names (scripts/bench-rows.ts at a million).
 *
 * - Paths are stored relative to the listed folder (`base`), so the folder's
 *   prefix is not repeated a million times; those of one appended batch (one
 *   page) are joined into one string, and each row keeps where its path ends.
 * - Sizes and dates are Float64Arrays (dates in epoch ms, NaN when the server
 *   gave none); storage classes are Uint8 codes into a small table.
 * - ETags are not kept: the table does not show them and the inspector asks
 *   the server for the object's own.
 * - Columns are kept in blocks of 65,536 rows (`block-column.ts`): appending
 *   pages never copies the rows already held.
 *
 * Rows are only ever appended, so a listing snapshot that counts the first n
 * rows stays true while later pages come in (see `listing.ts`).
 */

/** Which kind of rows a group holds. */
export type RowGroupKind = 'folder' | 'object' | 'version';

/** What a version row has beyond an object row; versions mode keeps these as plain objects (folders of a million versions are not the case this is built for). */
interface VersionFacts {
  versionId: string;
  isLatest: boolean;
  isDeleteMarker: boolean;
}

/** A stable key for a row (React key, selection): folders by prefix, objects by key, versions by key and id; never colliding. */
export function entryKey(entry: FolderEntry | ObjectEntry | VersionEntry): string {
  if (entry.kind === 'folder') return `f:${entry.prefix}`;
  return entry.kind === 'version' ? `v:${entry.versionId}\n${entry.key}` : `o:${entry.key}`;
}

/** The first letter of the row keys of each kind of group (see `entryKey`). */
const KEY_LETTER: Record<RowGroupKind, string> = { folder: 'f', object: 'o', version: 'v' };

/** A row whose key does not start with the listed folder's prefix (never seen from S3, but a row must never lose its key): its path is stored whole. */
const OUTSIDE_BASE = 1;

/** The rows of one group, appended page by page and read by row number (see the top of this file). */
export class RowColumns {
  /** Rows stored. */
  length = 0;
  /** False once a row arrived whose name sorts before the one appended before it (then sorting by name needs a real sort). */
  namesInOrder = true;

  private readonly sizes = new BlockColumn((n) => new Float64Array(n));
  private readonly dates = new BlockColumn((n) => new Float64Array(n));
  private readonly classCodes = new BlockColumn((n) => new Uint8Array(n));
  private readonly flags = new BlockColumn((n) => new Uint8Array(n));
  /** Where each row's path ends in its chunk, and where its name starts in it. */
  private readonly pathEnds = new BlockColumn((n) => new Uint32Array(n));
  private readonly nameStarts = new BlockColumn((n) => new Uint32Array(n));
  /** Joined paths, one string per appended batch; `chunkStarts[c]` is the first row of chunk c. */
  private chunks: string[] = [];
  private chunkStarts: number[] = [];
  /** Storage class names by code; 0 is "none given". */
  private classNames: string[] = [''];
  private classCodeOf = new Map<string, number>();
  /** Names that are not a piece of their path (none from Pail's services; kept so a row always shows what it was given). */
  private oddNames = new Map<number, string>();
  private versions: VersionFacts[] | undefined;
  private lastName: string | undefined;
  /** True while every row's key sorts at or after the one before it (a folder listing): keys are then found by binary search. */
  private pathsInOrder = true;
  private lastPath: string | undefined;
  /** Row by entry key, built only when asked for rows out of name order (search results); see `indexOf`. */
  private keyIndex: Map<string, number> | undefined;

  constructor(
    /** The kind of every row in this group. */
    readonly kind: RowGroupKind,
    /** The listed folder: each path is stored without it. */
    readonly base: string,
  ) {
    if (kind === 'version') this.versions = [];
  }

  /** A copy holding the first `count` rows (a listing merged into twice from one state must not see the other's rows). */
  cloneFirst(count: number): RowColumns {
    const copy = new RowColumns(this.kind, this.base);
    for (let i = 0; i < count; i += 1) copy.appendRows([this.entryAt(i)]);
    return copy;
  }

  /** Appends one batch of rows (one page) in the order given. */
  appendRows(entries: readonly (FolderEntry | ObjectEntry | VersionEntry)[]): void {
    if (entries.length === 0) return;
    this.ensureCapacity(this.length + entries.length);
    const first = this.length;
    const paths: string[] = [];
    let at = 0;
    for (let n = 0; n < entries.length; n += 1) {
      const entry = entries[n];
      const row = first + n;
      const full = entry.kind === 'folder' ? entry.prefix : entry.key;
      const inside = full.startsWith(this.base);
      const path = inside ? full.slice(this.base.length) : full;
      this.flags.set(row, inside ? 0 : OUTSIDE_BASE);
      paths.push(path);
      // The name is the path's last segment: find it there rather than store it again.
      const trimmed = entry.kind === 'folder' && path.endsWith('/') ? path.length - 1 : path.length;
      const nameStart = trimmed - entry.name.length;
      if (nameStart < 0 || path.slice(nameStart, trimmed) !== entry.name) this.oddNames.set(row, entry.name);
      this.nameStarts.set(row, at + Math.max(0, nameStart));
      at += path.length;
      this.pathEnds.set(row, at);
      if (entry.kind === 'folder') {
        this.sizes.set(row, -1);
        this.dates.set(row, NaN);
        this.classCodes.set(row, 0);
      } else {
        this.sizes.set(row, entry.size);
        this.dates.set(row, entry.lastModified ? Date.parse(entry.lastModified) : NaN);
        this.classCodes.set(row, this.classCode(entry.storageClass));
        if (entry.kind === 'version') this.versions!.push({ versionId: entry.versionId, isLatest: entry.isLatest, isDeleteMarker: entry.isDeleteMarker });
      }
      this.noteOrder(entry.name, path, inside);
      if (this.keyIndex) this.keyIndex.set(entryKey(entry), row);
    }
    this.chunks.push(paths.join(''));
    this.chunkStarts.push(first);
    this.length += entries.length;
  }

  /**
   * Appends one page's objects as `s3:listObjects` sends them, in columns:
   * its joined keys become the chunk as they are, and no record is made per
   * row. Columns of another folder (never sent) go in as records.
   */
  appendObjectRows(rows: ObjectRows): void {
    const count = rows.ends.length;
    if (count === 0) return;
    if (this.kind !== 'object' || rows.base !== this.base) {
      this.appendRows(objectEntriesOf(rows, this.base));
      return;
    }
    this.ensureCapacity(this.length + count);
    const first = this.length;
    const classCodes = rows.classNames.map((name) => this.classCode(name));
    for (let i = 0; i < count; i += 1) {
      const row = first + i;
      const start = i === 0 ? 0 : rows.ends[i - 1];
      const path = rows.keys.slice(start, rows.ends[i]);
      this.flags.set(row, 0);
      this.nameStarts.set(row, start);
      this.pathEnds.set(row, rows.ends[i]);
      // An object's name is its whole path below the folder; one ending in "/" (never listed at a folder's level) shows without it.
      const name = path.endsWith('/') ? path.slice(0, -1) : path;
      if (name !== path) this.oddNames.set(row, name);
      this.sizes.set(row, rows.sizes[i]);
      this.dates.set(row, rows.modified[i] ?? NaN);
      this.classCodes.set(row, classCodes[rows.classes[i]] ?? 0);
      this.noteOrder(name, path, true);
      if (this.keyIndex) this.keyIndex.set(`o:${this.base}${path}`, row);
    }
    this.chunks.push(rows.keys);
    this.chunkStarts.push(first);
    this.length += count;
  }

  /** Keeps `namesInOrder` and `pathsInOrder` true while each row appended comes at or after the one before it. */
  private noteOrder(name: string, path: string, inside: boolean): void {
    // In name order means by name, then path (as `nameRanks` ranks rows).
    if (this.lastName !== undefined && this.lastPath !== undefined) {
      if (name < this.lastName || (name === this.lastName && path < this.lastPath)) this.namesInOrder = false;
      if (path < this.lastPath) this.pathsInOrder = false;
    }
    if (!inside) this.pathsInOrder = false;
    this.lastName = name;
    this.lastPath = path;
  }

  /** The row as the rest of the renderer knows rows, built on demand (the table builds only those in view). */
  entryAt(row: number): FolderEntry | ObjectEntry | VersionEntry {
    const full = this.fullPathAt(row);
    const name = this.nameAt(row);
    if (this.kind === 'folder') return { kind: 'folder', prefix: full, name };
    const date = this.dates.get(row);
    const storageClass = this.classNames[this.classCodes.get(row)];
    const common = {
      key: full,
      name,
      size: this.sizes.get(row),
      ...(!Number.isNaN(date) && { lastModified: new Date(date).toISOString() }),
      ...(storageClass && { storageClass }),
    };
    if (this.kind === 'object') return { kind: 'object', ...common };
    return { kind: 'version', ...common, ...this.versions![row] };
  }

  /** A row's name as shown. */
  nameAt(row: number): string {
    const odd = this.oddNames.get(row);
    if (odd !== undefined) return odd;
    const chunk = this.chunkOf(row);
    const end = this.pathEnds.get(row) - (this.kind === 'folder' && this.chunks[chunk][this.pathEnds.get(row) - 1] === '/' ? 1 : 0);
    return this.chunks[chunk].slice(this.nameStarts.get(row), Math.max(end, this.nameStarts.get(row)));
  }

  /** A row's key (or a folder's prefix) on the server. */
  fullPathAt(row: number): string {
    const chunk = this.chunkOf(row);
    const start = row === this.chunkStarts[chunk] ? 0 : this.pathEnds.get(row - 1);
    const path = this.chunks[chunk].slice(start, this.pathEnds.get(row));
    return this.flags.get(row) & OUTSIDE_BASE ? path : this.base + path;
  }

  /** The key a selection knows a row by (see `entryKey`), without building the row. */
  keyAt(row: number): string {
    const path = this.fullPathAt(row);
    if (this.kind === 'folder') return `f:${path}`;
    return this.kind === 'version' ? `v:${this.versions![row].versionId}\n${path}` : `o:${path}`;
  }

  /** Size in bytes; -1 for a folder. */
  sizeAt = (row: number) => this.sizes.get(row);
  /** Last modified, epoch ms; NaN when unknown. */
  dateAt = (row: number) => this.dates.get(row);

  /** Storage class names by code (for sorting by class without building strings). */
  classNameTable(): readonly string[] {
    return this.classNames;
  }

  /** A row's storage class code, an index into `classNameTable()`. */
  classCodeAt = (row: number) => this.classCodes.get(row);

  /** A copy of the first `count` rows' sizes, in one array (for sorting). */
  sizeColumn(count: number): Float64Array {
    return this.sizes.copyFirst(count);
  }

  /** A copy of the first `count` rows' dates in epoch ms, in one array (for sorting). */
  dateColumn(count: number): Float64Array {
    return this.dates.copyFirst(count);
  }

  /**
   * The rows among the first `count` whose name contains `needle` (already
   * lower-cased), as marks. Searches each chunk's lower-cased text at once
   * rather than each row's name: about 20 times faster at a million rows.
   */
  markMatches(needle: string, count: number, marks: Uint8Array, offset: number): void {
    for (let chunk = 0; chunk < this.chunks.length; chunk += 1) {
      const firstRow = this.chunkStarts[chunk];
      if (firstRow >= count) break;
      const lastRow = Math.min(count, this.chunkStarts[chunk + 1] ?? this.length) - 1;
      const text = this.chunks[chunk];
      const lower = text.toLowerCase();
      const hasOdd = this.oddNames.size > 0;
      // Lower-casing can change a string's length ("İ" becomes two code units): then offsets no longer line up.
      if (lower.length !== text.length || hasOdd) {
        for (let row = firstRow; row <= lastRow; row += 1) if (this.nameAt(row).toLowerCase().includes(needle)) marks[offset + row] = 1;
        continue;
      }
      let row = firstRow;
      for (let hit = lower.indexOf(needle); hit !== -1 && row <= lastRow; hit = lower.indexOf(needle, hit + 1)) {
        while (row <= lastRow && this.pathEnds.get(row) <= hit) row += 1;
        if (row > lastRow) break;
        const nameEnd = this.pathEnds.get(row) - (this.kind === 'folder' && text[this.pathEnds.get(row) - 1] === '/' ? 1 : 0);
        if (hit >= this.nameStarts.get(row) && hit + needle.length <= nameEnd) marks[offset + row] = 1;
      }
    }
  }

  /**
   * The row a key names among the first `count`, or -1. Rows in key order
   * (a folder listing) are found by binary search; others through an index built on first use.
   */
  indexOf(key: string, count: number): number {
    if (key[0] !== KEY_LETTER[this.kind]) return -1;
    if (this.pathsInOrder) {
      const full = this.kind === 'version' ? key.slice(key.indexOf('\n') + 1) : key.slice(2);
      let lo = 0;
      let hi = count;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.fullPathAt(mid) < full) lo = mid + 1;
        else hi = mid;
      }
      // Versions of one key share its path: the key's version id tells them apart.
      for (let row = lo; row < count && this.fullPathAt(row) === full; row += 1) if (this.keyAt(row) === key) return row;
      return -1;
    }
    if (!this.keyIndex) {
      this.keyIndex = new Map();
      for (let row = 0; row < this.length; row += 1) this.keyIndex.set(this.keyAt(row), row);
    }
    const row = this.keyIndex.get(key);
    return row === undefined || row >= count ? -1 : row;
  }

  private classCode(name: string | undefined): number {
    if (!name) return 0;
    let code = this.classCodeOf.get(name);
    if (code === undefined) {
      // More than 255 distinct classes never happens in S3 (a handful exist); the rest would read as none.
      if (this.classNames.length > 255) return 0;
      code = this.classNames.length;
      this.classNames.push(name);
      this.classCodeOf.set(name, code);
    }
    return code;
  }

  private chunkOf(row: number): number {
    const starts = this.chunkStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= row) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private ensureCapacity(needed: number): void {
    for (const column of [this.sizes, this.dates, this.classCodes, this.flags, this.pathEnds, this.nameStarts]) column.ensure(needed);
  }
}
