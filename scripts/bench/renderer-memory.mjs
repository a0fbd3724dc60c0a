// The page's renderer process and its memory: which process it is, its RSS/PSS from /proc, and
// the JS heap through CDP (now, and the largest seen while sampling).
import fs from 'node:fs';

function readProcKb(file, field) {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(file, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** A renderer process's memory from /proc, in bytes: RSS now, peak RSS (VmHWM), PSS and private. */
export function processMemory(pid) {
  const kb = (file, field) => {
    const v = readProcKb(`/proc/${pid}/${file}`, field);
    return v === undefined ? undefined : v * 1024;
  };
  const clean = kb('smaps_rollup', 'Private_Clean');
  const dirty = kb('smaps_rollup', 'Private_Dirty');
  return {
    pid,
    rss: kb('status', 'VmRSS'),
    peakRss: kb('status', 'VmHWM'),
    pss: kb('smaps_rollup', 'Pss'),
    private: clean === undefined || dirty === undefined ? undefined : clean + dirty,
  };
}

/** CPU seconds so far of each renderer process Chromium reports (SystemInfo.getProcessInfo), by pid. */
async function rendererCpu(browser) {
  const session = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = await session.send('SystemInfo.getProcessInfo');
    return new Map(processInfo.filter((p) => p.type === 'renderer').map((p) => [p.id, p.cpuTime]));
  } finally {
    await session.detach();
  }
}

/**
 * The pid of the page's renderer process: the one whose CPU time grows most while the page spins
 * (a spare renderer, or one of a closed context still exiting, stays idle). On a busy machine the
 * spin gets little CPU, so it spins longer until one process clearly stands out.
 */
export async function pageRendererPid(browser, page) {
  let after = new Map();
  for (const spinMs of [300, 1000, 3000]) {
    const before = await rendererCpu(browser);
    await page.evaluate((ms) => {
      const until = performance.now() + ms;
      while (performance.now() < until) {
        // Spin: only this page's renderer burns the CPU.
      }
    }, spinMs);
    after = await rendererCpu(browser);
    const growth = [...after].map(([pid, cpu]) => [pid, cpu - (before.get(pid) ?? cpu)]).sort((a, b) => b[1] - a[1]);
    const [first, second] = growth;
    if (first && first[1] >= 0.03 && first[1] > 3 * Math.max(second?.[1] ?? 0, 0.005)) return { pid: first[0], count: after.size };
  }
  return { pid: undefined, count: after.size };
}

/** The page's JS heap (used and allocated bytes) and DOM node count, through CDP. */
export async function pageMetrics(cdp) {
  const m = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
  return { heapUsed: m.JSHeapUsedSize, heapTotal: m.JSHeapTotalSize, nodes: m.Nodes };
}

/** Samples the JS heap every `everyMs` until stopped; resolves with the largest figures seen. */
export function sampleHeap(cdp, everyMs = 200) {
  const peak = { heapUsed: 0, heapTotal: 0 };
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    pageMetrics(cdp)
      .then((m) => {
        peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
        peak.heapTotal = Math.max(peak.heapTotal, m.heapTotal);
      })
      .catch(() => {})
      .finally(() => (busy = false));
  }, everyMs);
  return () => {
    clearInterval(timer);
    return peak;
  };
}
