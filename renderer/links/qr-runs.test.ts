import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { moduleRuns } from './qr-runs';

const matrix = (rows: string[]) => ({ size: rows.length, get: (r: number, c: number) => rows[r][c] === '#' });

describe('moduleRuns', () => {
  it('joins dark modules on a row into runs', () => {
    expect(moduleRuns(matrix(['##.#', '....', '.###', '#..#']))).toEqual([
      { x: 0, y: 0, width: 2 },
      { x: 3, y: 0, width: 1 },
      { x: 1, y: 2, width: 3 },
      { x: 0, y: 3, width: 1 },
      { x: 3, y: 3, width: 1 },
    ]);
  });

  it('covers every dark module of a real code exactly once', () => {
    const { modules } = QRCode.create('https://example.com/bucket/key?X-Amz-Signature=abc');
    const runs = moduleRuns(modules);
    let dark = 0;
    for (let r = 0; r < modules.size; r++) for (let c = 0; c < modules.size; c++) if (modules.get(r, c)) dark++;
    expect(runs.reduce((sum, run) => sum + run.width, 0)).toBe(dark);
    expect(runs.every((run) => run.width > 0 && !!modules.get(run.y, run.x))).toBe(true);
  });
});
