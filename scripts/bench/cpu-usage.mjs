// CPU time each process spends during a listing (from /proc and Chromium's own process list), to
// tell where the machine's two cores went: the gateway, the benchmark's own SDK client, Pail's
// server, or Chromium.
import fs from 'node:fs';
import { median, ms, sum } from './report.mjs';

// /proc reports times in USER_HZ ticks, 100 a second on every Linux ABI.
const TICK_MS = 10;

/** Milliseconds of CPU (user + system) a process has used so far; undefined when it is gone. */
export function processCpuMs(pid) {
  if (!pid) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

/** Chromium's processes (SystemInfo.getProcessInfo) through a Playwright browser's DevTools session. */
async function playwrightProcessInfo(browser) {
  const session = await browser.newBrowserCDPSession();
  try {
    return (await session.send('SystemInfo.getProcessInfo')).processInfo;
  } finally {
    await session.detach();
  }
}

/**
 * CPU used so far by each process of interest, in ms: the gateway's radosgw and OSD, this
 * process (the SDK client), Pail's web server and, when a browser is given (Playwright's), or
 * `processInfo` (a function answering SystemInfo.getProcessInfo's list, for a bare DevTools
 * connection), Chromium's processes by kind (renderers, the browser process, the rest: network
 * service, GPU, …).
 */
export async function cpuSnapshot({ gateway, webPid, browser, processInfo = browser && (() => playwrightProcessInfo(browser)) }) {
  const own = process.cpuUsage();
  const snap = {
    radosgw: processCpuMs(gateway.pids?.rgw),
    'ceph-osd': processCpuMs(gateway.pids?.osd),
    'bench (SDK)': (own.user + own.system) / 1000,
    'Pail server': processCpuMs(webPid),
  };
  if (processInfo) {
    const kinds = { renderer: 'Chromium renderer', browser: 'Chromium browser' };
    for (const p of await processInfo()) {
      const kind = kinds[p.type] ?? 'Chromium other';
      snap[kind] = (snap[kind] ?? 0) + p.cpuTime * 1000;
    }
  }
  return snap;
}

/** What each process used between two snapshots (ms). */
export function cpuSpent(before, after) {
  const spent = {};
  for (const [name, value] of Object.entries(after)) {
    if (value !== undefined && before[name] !== undefined) spent[name] = Math.max(0, value - before[name]);
  }
  return spent;
}

/** The columns of the CPU table, in order. */
export const CPU_COLUMNS = ['radosgw', 'ceph-osd', 'bench (SDK)', 'Pail server', 'Chromium renderer', 'Chromium browser', 'Chromium other'];

/**
 * One row of a CPU table: its label, the wall time, each CPU_COLUMNS figure (medians over `list`'s
 * runs, each holding `cpu` from cpuSpent; "—" under 5 ms), all of them together, and how many cores
 * were busy on average (all ÷ wall).
 */
export function cpuTableRow(label, list, wallMs) {
  const cells = CPU_COLUMNS.map((c) => median(list.map((x) => x.cpu?.[c])));
  const all = median(list.map((x) => sum(Object.values(x.cpu ?? {}))));
  return [label, ms(wallMs), ...cells.map((v) => (v === undefined || v < 5 ? '—' : ms(v))), ms(all), all && wallMs ? (all / wallMs).toFixed(2) : '—'];
}
