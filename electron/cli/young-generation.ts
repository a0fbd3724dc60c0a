import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** The young generation's semi-space size the CLI stops growing at. */
export const CLI_SEMI_SPACE_MIB = 4;

/** The new space's size now (both semi-spaces), in bytes. */
export function newSpaceBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

/**
 * Keeps the main thread's young generation at about `semiSpaceMiB` per
 * semi-space instead of V8's 16 MiB, for the CLI: a transfer command
 * allocates fast enough (a request's objects, thousands of them) that V8
 * grows the new space to its maximum, 33.6 MB resident of a peak of ~150 MB,
 * while its live objects fit in a few. Measured on a 20,000-file download
 * (4 KiB each): peak 156 MB by default, 136 MB with 4 MiB semi-spaces, in the
 * same time and CPU (load ~17 on 2 cores).
 *
 * `--max-semi-space-size` is read only when the heap is set up, so it cannot be
 * set from inside a running process (and the CLI is started as `node cli.js` or
 * inside the app binary, with no flags of ours); `--semi-space-growth-factor`
 * is read at each growth, so after every collection the factor is set to let
 * the new space grow (2, V8's default) while it is under the cap and not
 * (1) once it reached it. The flag is process-wide; worker threads set their
 * own young generation (resourceLimits). Returns a function that stops it.
 * The CLI's entry calls it before it loads the rest (cli-main.ts).
 */
export function capYoungGeneration(semiSpaceMiB: number = CLI_SEMI_SPACE_MIB): () => void {
  if (stopCap) return stopCap;
  // Only under Node, which keeps V8's flags open after start (so v8.setFlagsFromString works): a V8 that froze its
  // flags after start aborts the process on the first change ("Check failed: !IsFrozen()", as NW.js did), and the
  // app binary run as Node is Chromium's V8. There the CLI keeps V8's default young generation.
  if (process.versions.electron) return () => undefined;
  const cap = 2 * semiSpaceMiB * 1024 * 1024;
  // Not growing until the first collection is observed: observers are told between tasks, and loading the
  // CLI's modules is one long task whose collections would otherwise take the new space to 8 MiB semi-spaces.
  setFlagsFromString('--semi-space-growth-factor=1');
  // Set after every collection, not only when it changes: V8 puts the factor back to 2 whenever it sets up a
  // heap (each worker thread that starts), which took the new space to its 16 MiB maximum at the first download.
  const steer = () => setFlagsFromString(`--semi-space-growth-factor=${newSpaceBytes() < cap ? 2 : 1}`);
  const observer = new PerformanceObserver(steer);
  observer.observe({ entryTypes: ['gc'] });
  stopCap = () => {
    observer.disconnect();
    setFlagsFromString('--semi-space-growth-factor=2');
    stopCap = undefined;
  };
  return stopCap;
}

/** Stops the cap in force, if one is (a second call of capYoungGeneration answers it). */
let stopCap: (() => void) | undefined;
