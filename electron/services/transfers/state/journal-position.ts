/**
 * Where a file of a folder batch stands in the order its source gives files,
 * so that a journal can say "everything up to here is done" in one line.
 *
 * An upload's walk goes source by source, each folder depth first with its
 * names sorted (see local-tree.ts): its position is the source's index, then
 * the path's segments below it, compared segment by segment (a folder before
 * what is in it, "a/x" before "a.txt", as the walk goes). A download's plan
 * goes spec by spec, each listing in the server's key order (UTF-8 bytes): its
 * position is the spec's index and the key.
 */
export type Position = readonly [number, ...string[]];

/** How two positions' strings compare: by UTF-16 code unit for a walk (as it sorts), by UTF-8 bytes for a listing (as S3 lists). */
export type PositionOrder = 'walk' | 'listing';

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byUtf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** Negative, zero or positive as `a` comes before, at or after `b`; a position comes before those inside it. */
export function comparePositions(a: Position, b: Position, order: PositionOrder): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  const compare = order === 'walk' ? byCodeUnit : byUtf8;
  const shared = Math.min(a.length, b.length);
  for (let i = 1; i < shared; i += 1) {
    const c = compare(a[i] as string, b[i] as string);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** True when `inner` is `outer` or lies inside it (a file in a folder, at any depth). */
export function isWithin(inner: Position, outer: Position): boolean {
  if (inner.length < outer.length) return false;
  for (let i = 0; i < outer.length; i += 1) if (inner[i] !== outer[i]) return false;
  return true;
}

/** A position as a set's key. */
export const positionKey = (at: Position): string => JSON.stringify(at);

/** A position read back from a journal line, or undefined when it is not one. */
export function asPosition(value: unknown): Position | undefined {
  if (!Array.isArray(value) || value.length === 0 || !Number.isInteger(value[0]) || (value[0] as number) < 0) return undefined;
  for (let i = 1; i < value.length; i += 1) if (typeof value[i] !== 'string') return undefined;
  return value as unknown as Position;
}

/**
 * What a journal says is left of a batch: everything at or before `watermark`
 * is done but the positions in `retry` (they failed, were cancelled, paused or
 * waited for an answer: tried again), and the few positions after it in `done`
 * finished out of order. Held as positions, never as every file done.
 */
export interface ResumePoint {
  order: PositionOrder;
  watermark?: Position;
  /** Done after the watermark, by positionKey. */
  done: ReadonlySet<string>;
  /** To try again, at or before the watermark. */
  retry: readonly Position[];
}

/**
 * Decides, by position alone (before any stat or request), which entries a
 * resumed source gives again: a folder wholly at or before the watermark is
 * passed over without being read, unless something in it is to be tried again.
 */
export class ResumeFilter {
  /** Every retry position and every folder it lies in, by positionKey. */
  private readonly retryPaths = new Set<string>();
  private readonly retryExact = new Set<string>();

  constructor(readonly point: ResumePoint) {
    for (const at of point.retry) {
      this.retryExact.add(positionKey(at));
      for (let length = 1; length <= at.length; length += 1) this.retryPaths.add(positionKey(at.slice(0, length) as unknown as Position));
    }
  }

  /** True when a file at `at` is done: give it no more. */
  isDone(at: Position): boolean {
    const key = positionKey(at);
    if (this.point.done.has(key)) return true;
    const { watermark } = this.point;
    return watermark !== undefined && comparePositions(at, watermark, this.point.order) <= 0 && !this.retryExact.has(key);
  }

  /**
   * True when nothing at or inside `at` (a file, or a folder by its name) is left to
   * give: it lies wholly before the watermark (not around it), holds nothing to
   * retry, and is not inside a folder to retry.
   */
  isPassed(at: Position): boolean {
    const key = positionKey(at);
    if (this.point.done.has(key)) return true;
    const { watermark } = this.point;
    if (watermark === undefined || this.retryPaths.has(key) || this.insideRetry(at)) return false;
    if (isWithin(watermark, at)) return at.length === watermark.length;
    return comparePositions(at, watermark, this.point.order) < 0;
  }

  /** True when `at` lies in a folder to retry (one that could not be read: nothing in it was given). */
  private insideRetry(at: Position): boolean {
    for (let length = 1; length < at.length; length += 1) if (this.retryExact.has(positionKey(at.slice(0, length) as unknown as Position))) return true;
    return false;
  }

  /** Positions to give again for a spec of a download (its listing starts after the watermark; these come first). */
  retriesOf(spec: number): readonly Position[] {
    return this.point.retry.filter((at) => at[0] === spec);
  }
}
