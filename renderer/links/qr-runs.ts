/** The dark modules of a QR code as horizontal runs, so the SVG draws one rect per run rather than per module. */

/** A QR code's module matrix, as the `qrcode` package gives it. */
export interface ModuleMatrix {
  size: number;
  get(row: number, col: number): number | boolean;
}

/** One run of dark modules on a row: its start column, row and length. */
export interface ModuleRun {
  x: number;
  y: number;
  width: number;
}

/** Every run of dark modules, row by row, left to right. */
export function moduleRuns(modules: ModuleMatrix): ModuleRun[] {
  const runs: ModuleRun[] = [];
  for (let y = 0; y < modules.size; y++) {
    let start = -1;
    for (let x = 0; x <= modules.size; x++) {
      const dark = x < modules.size && !!modules.get(y, x);
      if (dark && start === -1) start = x;
      else if (!dark && start !== -1) {
        runs.push({ x: start, y, width: x - start });
        start = -1;
      }
    }
  }
  return runs;
}
