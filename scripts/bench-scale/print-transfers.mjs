// The scale benchmark's transfer report: for each folder size and client, time, files a second and
// peak memory, the growth from the size before, and Pail's targets judged beside its figures;
// uploads, then downloads, then the clients' flags and any failure.
import { mb, table } from '../bench/report.mjs';
import { FILE_SIZE, TRANSFER_CLIS } from './transfers.mjs';
import { count, growth, medianOf, seconds, TARGETS, verdict } from './targets.mjs';

/** One client's figures at one size: medians of the runs that succeeded; `failed` when any did not. */
function summary(list) {
  if (!list?.length) return undefined;
  return { ms: medianOf(list, (r) => r.ms), peak: medianOf(list, (r) => r.peakBytes), failed: list.some((r) => !r.ok) };
}

/** Pail's verdicts at one size: peak memory at every size, and (uploads) against rclone at the largest. */
function pailVerdicts(pail, rclone, largest) {
  if (!pail || pail.failed) return 'FAIL (a run failed)';
  const parts = [`memory ${verdict(pail.peak, (v) => v <= TARGETS.transferPeakBytes) || '(no figure)'}`];
  if (largest) {
    const ratio = rclone && !rclone.failed ? pail.ms / rclone.ms : undefined;
    parts.push(ratio === undefined ? 'vs rclone: no figure' : `${ratio.toFixed(2)}× rclone's time ${verdict(ratio, (v) => v < TARGETS.uploadRcloneRatio)}`);
  }
  return parts.join('; ');
}

/** The table of one direction: a row per size and client, the growth from the size before, and Pail's verdicts. */
function directionTable(entries, clients, { againstRclone }) {
  const header = ['files', 'client', 'time', 'files/s', 'peak memory', 'time ×', 'memory ×', "Pail's targets"];
  const rows = [header];
  const largest = Math.max(...entries.map((e) => e.files));
  entries.forEach((entry, i) => {
    const before = entries[i - 1];
    for (const [n, client] of clients.entries()) {
      const s = summary(entry.runs[client.id]);
      const b = before && summary(before.runs[client.id]);
      const files = n === 0 ? `${count(entry.files)}${before ? ` (×${entry.files / before.files})` : ''}` : '';
      const cells = !s
        ? ['—', '', '', '', '']
        : s.failed
          ? ['FAIL (see below)', '', '', '', '']
          : [seconds(s.ms), String(Math.round(entry.files / (s.ms / 1000))), mb(s.peak), growth(b?.ms, s.ms), growth(b?.peak, s.peak)];
      const verdicts = client.id === 'pail' ? [pailVerdicts(s, summary(entry.runs.rclone), againstRclone && entry.files === largest)] : [''];
      rows.push([files, client.label, ...cells, ...verdicts]);
    }
  });
  return table(rows, { gap: '  ', align: ['r', 'l', 'r', 'r', 'r', 'r', 'r', 'l'] });
}

/** Writes the transfer part's report to stdout. */
export function printTransfers({ results, clis, rounds, scheme, loadAtStart, loadAtEnd }) {
  const out = [];
  const line = (text = '') => out.push(text);
  const clients = TRANSFER_CLIS.map((id) => clis[id]).filter((c) => c?.available);
  const sizes = [...new Set([...results.upload, ...results.download].map((e) => e.files))].sort((a, b) => a - b);
  line(
    `Folders of N files of ${FILE_SIZE / 1024} KiB, random bytes, one flat folder, over ${scheme.label} (${scheme.endpoint}), at ${sizes.map(count).join(', ')} files`,
  );
  line(`  load      ${loadAtStart} at the start of this part, ${loadAtEnd} at its end (1, 5, 15 min)`);
  line(
    `  figures   medians of ${rounds} round(s), each run started after a sync with the gateway idle; time = wall clock around the command, start-up included;`,
  );
  line('            peak memory = the process\'s maximum RSS (GNU time %M); "×" columns = this size ÷ the size before, for the same client');
  line("  checked   every upload's objects by ETag (the MD5 of each file), every download file by file (names and MD5s): a wrong byte makes the cell FAIL");
  line();
  if (results.upload.length) {
    line('Upload (pail cp DIR … --recursive, rclone copy, aws s3 cp --recursive)');
    line(directionTable(results.upload, clients, { againstRclone: true }));
    const largest = Math.max(...results.upload.map((e) => e.files));
    line(`  targets   Pail's peak memory ≤ ${mb(TARGETS.transferPeakBytes)} at every size; at the largest (${count(largest)} files) faster than rclone`);
    line();
  }
  if (results.download.length) {
    line('Download (pail cp PREFIX/ DIR --recursive, rclone copy, aws s3 cp --recursive)');
    line(directionTable(results.download, clients, { againstRclone: false }));
    line(`  targets   Pail's peak memory ≤ ${mb(TARGETS.transferPeakBytes)} at every size`);
    line();
  }
  line('Clients');
  for (const c of clients) line(`  ${c.label.padEnd(12)}${c.version ?? '(version unknown)'}; ${c.flags}`);
  for (const id of TRANSFER_CLIS.filter((x) => !clis[x]?.available))
    line(`  ${id.padEnd(12)}not installed or left out (--transfer-clients): its rows are not here`);
  const failures = [...results.upload.map((e) => ['upload', e]), ...results.download.map((e) => ['download', e])].flatMap(([direction, e]) =>
    clients.flatMap((c) => (e.runs[c.id] ?? []).map((run, i) => ({ direction, e, c, run, i })).filter(({ run }) => !run.ok)),
  );
  if (failures.length) {
    line();
    line('Failures');
    for (const { direction, e, c, run, i } of failures) line(`  FAIL  ${direction} of ${count(e.files)} files, ${c.label}, round ${i + 1}: ${run.error}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
