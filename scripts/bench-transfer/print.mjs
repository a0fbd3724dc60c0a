// The transfer benchmark's printout: one table of every client's figures (medians), Pail's ratios,
// the targets with PASS/FAIL, and the runs, CPU and failures behind them; one such report per
// scheme (plain HTTP, HTTPS). Fits in 100 columns.
import os from 'node:os';
import { loadAverage, median, runs, table } from '../bench/report.mjs';

/**
 * The issue's targets: faster than the faster peer everywhere, within these multiples of one curl
 * stream's time on the big file (TLS costs Pail more CPU than curl, so HTTPS's are looser), 150 MB.
 */
export const TARGETS = {
  http: { curlRatio: { up: 1.15, down: 1.1 } },
  https: { curlRatio: { up: 1.3, down: 1.15 } },
  memoryBytes: 150e6,
};

/** The transfers measured, in the order of the table's column groups. */
export const TRANSFERS = ['up', 'down', 'small'];

const PEERS = ['aws', 'rclone'];

/** 1073741824 → "1 GiB", 5 << 20 → "5 MiB", 1000 → "1,000 B". */
export function sizeLabel(bytes) {
  for (const [unit, scale] of [
    ['GiB', 2 ** 30],
    ['MiB', 2 ** 20],
    ['KiB', 2 ** 10],
  ]) {
    if (bytes >= scale && bytes % (scale / 16) === 0) return `${+(bytes / scale).toFixed(4)} ${unit}`;
  }
  return `${bytes.toLocaleString('en-US')} B`;
}

/**
 * One client's figures for one transfer over the rounds: medians of the runs that succeeded,
 * `failed` when any run failed (a wrong byte counts), undefined when the client did not run it.
 */
export function summarize(list) {
  if (!list || list.length === 0) return undefined;
  const ok = list.filter((r) => r.ok);
  return {
    seconds: median(ok.map((r) => r.ms / 1000)),
    peakBytes: median(ok.map((r) => r.peakBytes)),
    cpuSeconds: median(ok.map((r) => r.cpuSeconds)),
    gatewayCpuSeconds: median(ok.map((r) => r.gatewayCpuSeconds)),
    failed: ok.length < list.length,
    runs: list,
  };
}

const fixed = (v, digits) => (v === undefined ? '—' : v.toFixed(digits));
const mbLabel = (bytes) => (bytes === undefined ? '—' : String(Math.round(bytes / 1e6)));
const ratioLabel = (v) => (v === undefined ? '—' : `${v.toFixed(2)}×`);
const GROUP = 23;
const WIDTH = 100;

/** Adds `text` after `prefix`, wrapped at word breaks to WIDTH columns, continuation lines indented. */
function wrap(line, prefix, text) {
  let current = prefix;
  for (const word of text.split(' ')) {
    if (current.length + word.length + 1 > WIDTH && current.trim()) {
      line(current.trimEnd());
      current = ' '.repeat(prefix.length);
    }
    current += current.endsWith(' ') ? word : ` ${word}`;
  }
  line(current.trimEnd());
}

/** One client's cell group: seconds, rate (MB/s, or files/s for the small files), peak MB. */
function groupCells(client, s, units) {
  if (!client.available) return 'not installed'.padStart(GROUP);
  if (!s) return '—'.padStart(GROUP);
  // A run that failed (a wrong byte included) fails the cell, whatever the other rounds did.
  if (s.failed) return 'FAIL (see below)'.padStart(GROUP);
  const rate = s.seconds ? units / s.seconds : undefined;
  return `${fixed(s.seconds, 2).padStart(6)}  ${fixed(rate, 0).padStart(6)}  ${mbLabel(s.peakBytes).padStart(7)}`;
}

/** The faster peer of one transfer: { label, seconds } or undefined when neither ran cleanly. */
export function fasterPeer(r, transfer) {
  const candidates = PEERS.map((id) => ({ client: r.clients.find((c) => c.id === id), s: r.figures[id]?.[transfer] }))
    .filter((p) => p.client?.available && p.s && !p.s.failed && p.s.seconds !== undefined)
    .sort((a, b) => a.s.seconds - b.s.seconds);
  return candidates[0] && { label: candidates[0].client.label, seconds: candidates[0].s.seconds };
}

/** Writes the report to stdout; `r` holds the options, the run's context, clients and figures. */
export function printReport(r) {
  const out = [];
  const line = (text = '') => out.push(text);
  const T = r.transfers;
  const scheme = r.scheme;
  const big = sizeLabel(r.size);
  const smallLabel = `${r.smallCount.toLocaleString('en-US')} × ${sizeLabel(r.smallSize)} up`;
  const titles = { up: `${big} up`, down: `${big} down`, small: smallLabel };
  const units = { up: r.size / 1e6, down: r.size / 1e6, small: r.smallCount };
  const pail = r.figures.pail;

  line(`Pail transfer benchmark over ${scheme.label}: ${T.map((t) => titles[t]).join(', ')}`);
  line(`  when      ${r.startedAt.toISOString()}; load average ${r.loadAtStart} → ${loadAverage()} (${os.cpus().length} cores)`);
  line(`  gateway   Ceph RADOS Gateway at ${scheme.endpoint} (${r.ownGateway ? 'started for this run' : 'reused'}), bucket ${r.bucket}`);
  if (scheme.caBundle) wrap(line, '  trust     ', `the gateway's test CA (${scheme.caBundle}), given to each client its own way (see its flags)`);
  const available = r.clients.filter((c) => c.available);
  wrap(line, '  clients   ', available.map((c) => c.version ?? `${c.label} (version unknown)`).join(', '));
  for (const c of available) wrap(line, `  ${c.id.padEnd(8)}  `, c.flags);
  for (const c of r.clients.filter((x) => !x.available)) line(`  ${c.id.padEnd(8)}  not installed`);
  wrap(
    line,
    '  data      ',
    "random bytes; each download's SHA-256 and each upload's bytes (SHA-256, or the ETags of the small files) checked: a wrong byte makes the cell FAIL. The object every client downloads was put in 16 MiB parts, as big objects usually are (its ETag is no MD5 of the whole)",
  );
  wrap(
    line,
    '  figures   ',
    `medians of ${r.rounds} round(s), each run started after a sync and with the gateway idle; s = wall clock around the command, start-up included; MB/s in 10^6 bytes; peak MB = the process's maximum RSS (GNU time %M)`,
  );
  line();
  const head = (text) => ` ${text} `.padStart(Math.floor((GROUP + text.length + 2) / 2), '─').padEnd(GROUP, '─');
  line(`  ${''.padEnd(18)}   ${T.map((t) => head(titles[t])).join('   ')}`);
  const sub = (rateUnit) => `${'s'.padStart(6)}  ${rateUnit.padStart(6)}  ${'peak MB'.padStart(7)}`;
  line(`  ${'client'.padEnd(18)}   ${T.map((t) => sub(t === 'small' ? 'files/s' : 'MB/s')).join('   ')}`);
  for (const c of r.clients) {
    line(`  ${c.label.padEnd(18)}   ${T.map((t) => groupCells(c, r.figures[c.id]?.[t], units[t])).join('   ')}`.trimEnd());
  }
  const ratioCells = (of) =>
    T.map((t) => {
      const against = of(t);
      const mine = pail[t];
      if (!against || !mine || mine.seconds === undefined) return '—'.padStart(6).padEnd(GROUP);
      const who = against.label === 'curl' ? '' : `(${against.label})`;
      return `${ratioLabel(mine.seconds / against.seconds).padStart(6)}  ${who.padEnd(GROUP - 8)}`;
    }).join('   ');
  const curl = (t) => {
    const s = r.figures.curl?.[t];
    return s && !s.failed && s.seconds !== undefined ? { label: 'curl', seconds: s.seconds } : undefined;
  };
  line(`  ${'Pail ÷ faster peer'.padEnd(18)}   ${ratioCells((t) => fasterPeer(r, t))}`.trimEnd());
  line(`  ${'Pail ÷ curl'.padEnd(18)}   ${ratioCells(curl)}`.trimEnd());
  line();

  line("Targets (Pail's medians)");
  const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
  const secs = (v) => `${fixed(v, 2)} s`;
  for (const t of T) {
    const peer = fasterPeer(r, t);
    const mine = pail[t];
    const ok = peer && mine && !mine.failed && mine.seconds < peer.seconds;
    const detail =
      !mine || mine.seconds === undefined
        ? 'Pail failed'
        : !peer
          ? 'no peer ran cleanly'
          : `${secs(mine.seconds)} vs ${peer.label} ${secs(peer.seconds)} (${ratioLabel(mine.seconds / peer.seconds)})`;
    line(`  ${verdict(ok)}  ${titles[t]}: faster than the faster peer: ${detail}${mine?.failed ? '; a run FAILED' : ''}`);
  }
  for (const t of ['up', 'down'].filter((x) => T.includes(x))) {
    const against = curl(t);
    const mine = pail[t];
    const limit = TARGETS[scheme.id].curlRatio[t];
    const ratio = against && mine?.seconds !== undefined ? mine.seconds / against.seconds : undefined;
    const ok = ratio !== undefined && !mine.failed && ratio <= limit;
    const detail = ratio === undefined ? 'no figure' : `${ratioLabel(ratio)} (${secs(mine.seconds)} vs curl ${secs(against.seconds)})`;
    line(`  ${verdict(ok)}  ${titles[t]}: within ${limit}× of curl's time: ${detail}`);
  }
  const peaks = T.map((t) => pail[t]?.peakBytes);
  const known = peaks.filter((v) => v !== undefined);
  const memOk = known.length === T.length && Math.max(...known) <= TARGETS.memoryBytes;
  const shortTitles = { up: 'up', down: 'down', small: 'small files' };
  line(
    `  ${verdict(memOk)}  peak memory at most ${mbLabel(TARGETS.memoryBytes)} MB: ${T.map((t, i) => `${mbLabel(peaks[i])} MB ${shortTitles[t]}`).join(', ')}`,
  );
  line();

  const perClient = (cell) => [
    ['client', ...T.map((t) => titles[t])],
    ...r.clients.filter((x) => x.available).map((c) => [c.label, ...T.map((t) => (r.figures[c.id]?.[t] ? cell(r.figures[c.id][t]) : '—'))]),
  ];
  line(`CPU seconds (medians): client / gateway (radosgw + OSD) meanwhile (both ÷ wall: cores busy, of ${os.cpus().length})`);
  const cpuCell = (s) => {
    if (s.cpuSeconds === undefined) return '—';
    const gw = s.gatewayCpuSeconds;
    const busy = s.seconds ? (s.cpuSeconds + (gw ?? 0)) / s.seconds : undefined;
    return `${fixed(s.cpuSeconds, 1)} / ${fixed(gw, 1)} (${fixed(busy, 2)})`;
  };
  line(table(perClient(cpuCell)));
  if (r.rounds > 1) {
    line();
    line('Runs (seconds, round by round)');
    line(
      table(
        perClient((s) =>
          runs(
            s.runs.map((x) => (x.ok ? x.ms / 1000 : undefined)),
            (v) => v.toFixed(2),
          ),
        ),
      ),
    );
  }
  const failures = r.clients.flatMap((c) => T.flatMap((t) => (r.figures[c.id]?.[t]?.runs ?? []).map((x, i) => ({ c, t, x, i })).filter(({ x }) => !x.ok)));
  if (failures.length) {
    line();
    line('Failures');
    for (const { c, t, x, i } of failures) line(`  FAIL  ${c.label}, ${titles[t]}, round ${i + 1}: ${x.error}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
