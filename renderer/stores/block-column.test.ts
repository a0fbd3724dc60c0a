import { describe, expect, it } from 'vitest';
import { BLOCK_ROWS, BlockColumn } from './block-column';

describe('BlockColumn', () => {
  it('keeps every row through the first block’s growth and across blocks, and copies any first rows into one array', () => {
    const column = new BlockColumn((n) => new Float64Array(n));
    const total = 2 * BLOCK_ROWS + 123;
    // Grown a page at a time, as a listing grows.
    for (let row = 0; row < total; row += 1) {
      if (row % 1000 === 0) column.ensure(Math.min(total, row + 1000));
      column.set(row, row * 1.5);
    }
    for (const row of [0, 63, 64, BLOCK_ROWS - 1, BLOCK_ROWS, 2 * BLOCK_ROWS, total - 1]) expect(column.get(row)).toBe(row * 1.5);
    for (const count of [0, 10, BLOCK_ROWS, BLOCK_ROWS + 1, total]) {
      const copy = column.copyFirst(count);
      expect(copy.length).toBe(count);
      expect(copy.every((value, row) => value === row * 1.5)).toBe(true);
    }
  });

  it('grows a small folder’s column only as far as its rows, and a big one by whole blocks without moving what it holds', () => {
    const column = new BlockColumn((n) => new Uint32Array(n));
    column.ensure(100);
    column.set(99, 7);
    column.ensure(5000);
    expect(column.get(99)).toBe(7);
    column.ensure(BLOCK_ROWS * 3);
    column.set(BLOCK_ROWS * 3 - 1, 9);
    // The copy is the caller's own: writing to it leaves the column as it was.
    const copy = column.copyFirst(BLOCK_ROWS * 3);
    copy[99] = 0;
    expect([column.get(99), column.get(BLOCK_ROWS * 3 - 1)]).toEqual([7, 9]);
  });
});
