// The transfer part of the scale benchmark: folders of N files of 4 KiB sent up with `pail cp
// --recursive`, `rclone copy` and `aws s3 cp --recursive`, and for the download sizes fetched back
// the same three ways; every run under GNU time for its peak memory, and checked file by file.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createFastPut } from '../bench/fast-put.mjs';
import { loadAverage } from '../bench/report.mjs';
import { pool } from '../bench/s3.mjs';
import { makeSmallFiles } from '../bench-transfer/local-files.mjs';
import { smallUpload, timed } from '../bench-transfer/measure.mjs';
import { deletePrefix } from '../bench-transfer/store.mjs';
import { failureText } from '../bench-transfer/timed-run.mjs';

/** Each file's size: the "small files". */
export const FILE_SIZE = 4096;

/** The clients that move folders, in the order they run and the report shows them. */
export const TRANSFER_CLIS = ['pail', 'rclone', 'aws'];

/** The bucket the folders go up to and come down from; emptied after every run, removed at the end. */
export const FILES_BUCKET = 'pail-bench-scale-files';

/** How long one run may take: 15 minutes, or 20 ms a file for the biggest folders (the AWS CLI's pace here is slower than that). */
const runTimeoutMs = (files) => Math.max(15 * 60_000, files * 20);

const md5Of = (data) => crypto.createHash('md5').update(data).digest('hex');

/** Compares a downloaded folder with the source's names and MD5s; answers undefined, or what differs. */
function checkDownload(dir, md5s) {
  const files = fs
    .readdirSync(dir, { recursive: true })
    .filter((rel) => fs.statSync(path.join(dir, rel)).isFile())
    .map((rel) => rel.split(path.sep).join('/'));
  if (files.length !== md5s.size) return `${files.length.toLocaleString('en-US')} files, not ${md5s.size.toLocaleString('en-US')}`;
  for (const rel of files) {
    const want = md5s.get(rel);
    if (!want) return `a file the source does not have: ${rel}`;
    if (md5Of(fs.readFileSync(path.join(dir, rel))) !== want) return `${rel}: other bytes than the source's`;
  }
  return undefined;
}

/** PUTs the folder's files under `prefix` (the downloads' source; not measured), 64 in flight. */
async function putFolder(ctx, dir, md5s, prefix) {
  const put = createFastPut(ctx.gateway, ctx.bucket, Buffer.alloc(0), { sockets: 64 });
  try {
    const names = [...md5s.keys()];
    await pool(names.length, 64, (i) => put(prefix + names[i], fs.readFileSync(path.join(dir, names[i]))));
  } finally {
    put.close();
  }
}

/** Downloads `prefix` into a fresh folder with one client, checks every file, removes the folder. */
async function folderDownload(ctx, client, prefix, md5s) {
  const dir = path.join(ctx.workDir, `down-${client.id}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir);
  const run = await timed(ctx, () => client.downloadDir(ctx.bucket, prefix, dir, ctx.timeoutMs));
  let error;
  try {
    error = run.code !== 0 ? failureText(run) : checkDownload(dir, md5s);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { ok: !error, ms: run.ms, peakBytes: run.peakBytes, cpuSeconds: run.cpuSeconds, gatewayCpuSeconds: run.gatewayCpuSeconds, error };
}

const runText = (run) => (run.ok ? `${(run.ms / 1000).toFixed(2)} s, peak ${Math.round((run.peakBytes ?? 0) / 1e6)} MB` : `FAIL: ${run.error}`);

/**
 * For each folder size (smallest first): writes the folder, uploads it `rounds` times with each
 * client, and when it is a download size, puts it in the bucket once and downloads it `rounds`
 * times with each client. Returns { upload: [{ files, runs }], download: [{ files, runs }] },
 * `runs` holding each client's list by id.
 */
export async function measureTransfers({ gateway, s3, clis, uploadSizes, downloadSizes, rounds, workDir, log }) {
  const clients = TRANSFER_CLIS.map((id) => clis[id]).filter((client) => client?.available);
  const results = { upload: [], download: [] };
  const sizes = [...new Set([...uploadSizes, ...downloadSizes])].sort((a, b) => a - b);
  for (const files of sizes) {
    const dir = path.join(workDir, `files-${files}`);
    let started = performance.now();
    const md5s = makeSmallFiles(dir, files, FILE_SIZE);
    log(`wrote ${files.toLocaleString('en-US')} files of 4 KiB in ${Math.round(performance.now() - started)} ms`);
    const ctx = { gateway, s3, bucket: FILES_BUCKET, smallDir: dir, smallMd5s: md5s, timeoutMs: runTimeoutMs(files), workDir, log };

    if (uploadSizes.includes(files)) {
      const runs = Object.fromEntries(clients.map((client) => [client.id, []]));
      for (let round = 1; round <= rounds; round += 1) {
        for (const client of clients) {
          const run = await smallUpload(ctx, client);
          runs[client.id].push(run);
          log(`upload of ${files.toLocaleString('en-US')} files, round ${round}, ${client.label}: ${runText(run)} (load ${loadAverage()})`);
        }
      }
      results.upload.push({ files, runs });
    }

    if (downloadSizes.includes(files)) {
      const prefix = `source-${files}/`;
      started = performance.now();
      await putFolder(ctx, dir, md5s, prefix);
      log(`put the download source s3://${FILES_BUCKET}/${prefix} in ${Math.round(performance.now() - started)} ms (not measured)`);
      const runs = Object.fromEntries(clients.map((client) => [client.id, []]));
      try {
        for (let round = 1; round <= rounds; round += 1) {
          for (const client of clients) {
            const run = await folderDownload(ctx, client, prefix, md5s);
            runs[client.id].push(run);
            log(`download of ${files.toLocaleString('en-US')} files, round ${round}, ${client.label}: ${runText(run)} (load ${loadAverage()})`);
          }
        }
      } finally {
        await deletePrefix(s3, FILES_BUCKET, prefix);
      }
      results.download.push({ files, runs });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
