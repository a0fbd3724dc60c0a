// Turns one Pail run's raw in-page timestamps into figures.
import { cpuSpent } from './cpu-usage.mjs';
import { median, sum } from './report.mjs';

/**
 * From the double-click (t0): first rows painted, whole listing painted; and where the time went:
 * the wait before the first request, each request (sent → body parsed), the renderer's gap
 * between a parsed page and the next request, the tail after the last page, and long tasks.
 */
export function pailFigures({ run, fetches, longTasks, memory, scroll, cpuBefore, cpuAfter }) {
  const requestMs = fetches.map((f) => f.parsed - f.start);
  const transferMs = fetches.map((f) => f.parsed - f.answered);
  const gapMs = fetches.slice(1).map((f, i) => f.start - fetches[i].parsed);
  const last = fetches.at(-1);
  const during = longTasks.filter(([start]) => start >= run.t0 && start <= run.done);
  return {
    firstRowsMs: run.firstRow - run.t0,
    firstRowsDomMs: run.firstRowDom - run.t0,
    wholeMs: run.done - run.t0,
    wholeDomMs: run.doneDom - run.t0,
    statusText: run.statusText,
    pages: fetches.length,
    entries: sum(fetches.map((f) => f.entries ?? 0)),
    firstRequestAfterMs: fetches[0] ? fetches[0].start - run.t0 : undefined,
    firstPageMs: requestMs[0],
    requestMedianMs: median(requestMs),
    requestTotalMs: sum(requestMs),
    transferMedianMs: median(transferMs),
    gapMedianMs: median(gapMs),
    gapTotalMs: sum(gapMs),
    gapMaxMs: gapMs.length ? Math.max(...gapMs) : undefined,
    tailMs: last ? run.doneDom - last.parsed : undefined,
    longTaskCount: during.length,
    longTaskTotalMs: sum(during.map(([, d]) => d)),
    longTaskMaxMs: during.length ? Math.max(...during.map(([, d]) => d)) : undefined,
    memory,
    scroll,
    cpu: cpuBefore && cpuAfter ? cpuSpent(cpuBefore, cpuAfter) : undefined,
  };
}
