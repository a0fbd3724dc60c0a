/** Rows a block holds beyond the first: 65,536 (1.7 MB for all of a group's columns). */
const BLOCK_BITS = 16;
export const BLOCK_ROWS = 1 << BLOCK_BITS;
const BLOCK_MASK = BLOCK_ROWS - 1;
const FIRST_ROWS = 64;

type NumberArray = Float64Array | Uint32Array | Uint8Array;

/**
 * One column of numbers in a listing's rows, kept in blocks of 65,536 rows:
 * a big folder's rows are never copied to grow. One array doubled as it grew
 * copied every row a few times and left each outgrown array as garbage until
 * a collection: at a million rows some 27 MB beside the 27 MB kept, at the
 * renderer's peak while listing, and an array up to twice the rows it held.
 * The first block doubles up to full size, so a small folder stays small.
 * Rows are read and written by number (`get`, `set`) after `ensure` made room.
 */
export class BlockColumn<T extends NumberArray> {
  private blocks: T[] = [];

  constructor(private readonly make: (length: number) => T) {}

  get(row: number): number {
    return this.blocks[row >>> BLOCK_BITS][row & BLOCK_MASK];
  }

  set(row: number, value: number): void {
    this.blocks[row >>> BLOCK_BITS][row & BLOCK_MASK] = value;
  }

  /** Makes room for `rows` rows (those already held stay where they are, but in a first block still growing). */
  ensure(rows: number): void {
    const first = this.blocks[0];
    const firstLength = first?.length ?? 0;
    if (firstLength < BLOCK_ROWS && rows > firstLength) {
      let length = Math.max(FIRST_ROWS, firstLength);
      while (length < rows && length < BLOCK_ROWS) length *= 2;
      const grown = this.make(length);
      if (first) grown.set(first);
      this.blocks[0] = grown;
    }
    while (this.blocks.length * BLOCK_ROWS < rows) this.blocks.push(this.make(BLOCK_ROWS));
  }

  /** A copy of the first `count` rows, in one array (for sorting, or to send to a worker). */
  copyFirst(count: number): T {
    const copy = this.make(count);
    for (let block = 0, at = 0; at < count; block += 1, at += BLOCK_ROWS) {
      const rows = Math.min(BLOCK_ROWS, count - at);
      copy.set(this.blocks[block].subarray(0, rows), at);
    }
    return copy;
  }
}
