import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeFileAtomic } from '../services/atomic-file';

/** The main window's size, place and maximised state, kept in the data folder between runs. */
const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean().default(false),
});
export type WindowState = z.output<typeof windowStateSchema>;

/** A display's work area (the screen minus task bars and docks). */
export interface DisplayArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW = { width: 1200, height: 780 } as const;
export const MIN_WINDOW = { width: 720, height: 480 } as const;
/** How much of the window's top must show on some display for its place to be kept: enough to grab it. */
const GRAB = { width: 120, height: 40 } as const;

const FILE = 'window-state.json';

/**
 * Where and how big the window opens: as it was last time, unless that place is
 * off every display now (a monitor unplugged, a smaller laptop screen), then
 * centred; never smaller than the minimum or larger than the largest display.
 */
export function restoredBounds(saved: WindowState | undefined, displays: DisplayArea[]): WindowState {
  if (!saved) return { ...DEFAULT_WINDOW, maximized: false };
  const largest = displays.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a), displays[0] ?? { x: 0, y: 0, ...DEFAULT_WINDOW });
  const width = Math.max(MIN_WINDOW.width, Math.min(saved.width, largest.width));
  const height = Math.max(MIN_WINDOW.height, Math.min(saved.height, largest.height));
  const placed = saved.x !== undefined && saved.y !== undefined;
  const visible =
    placed &&
    displays.some((d) => {
      const overlapX = Math.min(saved.x! + width, d.x + d.width) - Math.max(saved.x!, d.x);
      const top = saved.y! >= d.y && saved.y! <= d.y + d.height - GRAB.height;
      return overlapX >= GRAB.width && top;
    });
  return { ...(visible && { x: saved.x, y: saved.y }), width, height, maximized: saved.maximized };
}

/** What the window reports at one moment (`getNormalBounds()`, `isMaximized()`, `isMinimized()`, `isFullScreen()`). */
export interface WindowSnapshot {
  normalBounds: DisplayArea;
  maximized: boolean;
  minimized: boolean;
  fullScreen: boolean;
}

/**
 * The place to come back to, followed as the window moves and resizes rather
 * than read once on close: a window closed while minimised reports
 * `isMaximized() === false` and the maximised rectangle as its normal bounds
 * on macOS (sambitcreate/aiden-agent#178), and `getNormalBounds()` can return
 * the maximised bounds on Windows (electron/electron#38180). So minimised and
 * full-screen moments are skipped, and while maximised the last bounds seen
 * unmaximised are kept.
 */
export class WindowStateTracker {
  private normal?: DisplayArea;
  private maximized = false;

  constructor(initial?: WindowState) {
    if (initial?.x !== undefined && initial.y !== undefined) this.normal = { x: initial.x, y: initial.y, width: initial.width, height: initial.height };
    this.maximized = initial?.maximized ?? false;
  }

  observe(snapshot: WindowSnapshot): void {
    if (snapshot.minimized || snapshot.fullScreen) return;
    this.maximized = snapshot.maximized;
    if (!snapshot.maximized || !this.normal) this.normal = roundArea(snapshot.normalBounds);
  }

  /** What to save, or undefined before the window was ever seen in a normal state. */
  state(): WindowState | undefined {
    return this.normal && { ...this.normal, maximized: this.maximized };
  }
}

const roundArea = (area: DisplayArea): DisplayArea => ({
  x: Math.round(area.x),
  y: Math.round(area.y),
  width: Math.round(area.width),
  height: Math.round(area.height),
});

/** The saved state, or undefined when there is none or it is unreadable (the window then opens at its defaults). */
export async function readWindowState(dataDir: string): Promise<WindowState | undefined> {
  const raw = await readJsonFile(join(dataDir, FILE)).catch(() => undefined);
  const parsed = windowStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** Saves the window's place (atomically: a crash mid-write leaves the last good file). */
export async function writeWindowState(dataDir: string, state: WindowState): Promise<void> {
  await writeFileAtomic(join(dataDir, FILE), JSON.stringify(state));
}
