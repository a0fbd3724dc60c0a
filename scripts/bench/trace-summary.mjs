// Reads a Chromium trace (devtools.timeline categories) of the listing into a few lines: where
// the renderer's main thread spent its time by trace event (style, layout, paint, script, …),
// as self time, so nested events are not counted twice.

/** The pid/tid of the busiest CrRendererMain thread in the trace (the page's, with one page open). */
function rendererMainThread(events) {
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  let best;
  let bestDur = -1;
  for (const m of mains) {
    const dur = events.filter((e) => e.ph === 'X' && e.pid === m.pid && e.tid === m.tid && e.name === 'RunTask').reduce((a, e) => a + (e.dur ?? 0), 0);
    if (dur > bestDur) {
      bestDur = dur;
      best = m;
    }
  }
  return best;
}

/**
 * Lines describing the trace: the main thread's busy time (RunTask) and the top events by self
 * time. `trace` is the JSON Playwright's browser.stopTracing() returns.
 */
export function summarizeTrace(trace, { top = 14 } = {}) {
  const events = trace.traceEvents ?? trace;
  const main = rendererMainThread(events);
  if (!main) return ['(no renderer main thread in the trace)'];
  const mine = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const count = new Map();
  const stack = [];
  for (const e of mine) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - Math.min(e.dur, parent.ts + parent.dur - e.ts));
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur);
    count.set(e.name, (count.get(e.name) ?? 0) + 1);
    stack.push(e);
  }
  const busy = mine.filter((e) => e.name === 'RunTask').reduce((a, e) => a + e.dur, 0);
  const msOf = (us) => `${Math.round(us / 1000).toLocaleString('en-US')} ms`.padStart(9);
  const lines = [`renderer main thread busy (RunTask) ${msOf(busy).trim()}; top trace events by self time:`];
  const shown = [...self].filter(([name]) => !name.startsWith('CpuProfiler'));
  for (const [name, us] of shown.sort((a, b) => b[1] - a[1]).slice(0, top)) {
    lines.push(`  ${msOf(us)}  ${name} (×${count.get(name)})`);
  }
  return lines;
}
