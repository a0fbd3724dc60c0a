// One measured transfer of one client, then its check and its clean-up: what the client uploaded
// is compared with the source and deleted (and Ceph made to free it); a download is hashed and removed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { processCpuMs } from '../bench/cpu-usage.mjs';
import { failureText } from './timed-run.mjs';
import { sha256File } from './local-files.mjs';
import { deletePrefix, freeSpace, listObjects, objectSha256 } from './store.mjs';

const RUN_TIMEOUT_MS = 15 * 60_000;

/** CPU ms the gateway's radosgw and OSD have used so far (undefined when their pids are unknown). */
function gatewayCpuMs(gateway) {
  const rgw = processCpuMs(gateway.pids?.rgw);
  const osd = processCpuMs(gateway.pids?.osd);
  return rgw === undefined || osd === undefined ? undefined : rgw + osd;
}

/**
 * Waits until the last cell's after-effects are over, so no client pays for another's: the
 * page cache's dirty pages written to disk (`sync`; the kernel would otherwise flush a 1 GiB file
 * during the next run), and the gateway idle (under 5% of a core for half a second, at most 15 s).
 * Without this the first download after the upload phase's clean-up took ~0.4 s longer.
 */
async function settle(ctx) {
  spawnSync('sync', [], { timeout: 60_000 });
  const deadline = Date.now() + 15_000;
  let last = gatewayCpuMs(ctx.gateway);
  while (last !== undefined && Date.now() < deadline) {
    await sleep(500);
    const now = gatewayCpuMs(ctx.gateway);
    if (now === undefined || now - last < 25) return;
    last = now;
  }
}

/**
 * Runs one client command, after the machine has settled, and notes the CPU the gateway spent
 * meanwhile: on two cores the client's CPU and the gateway's compete, so a client that burns CPU
 * slows the server it talks to.
 */
export async function timed(ctx, command) {
  await settle(ctx);
  const before = gatewayCpuMs(ctx.gateway);
  const run = await command();
  const after = gatewayCpuMs(ctx.gateway);
  return { ...run, gatewayCpuSeconds: before === undefined || after === undefined ? undefined : (after - before) / 1000 };
}

/** A run's figures and verdict: { ok, ms, peakBytes, cpuSeconds, gatewayCpuSeconds, error }. */
function result(run, error) {
  return { ok: !error, ms: run.ms, peakBytes: run.peakBytes, cpuSeconds: run.cpuSeconds, gatewayCpuSeconds: run.gatewayCpuSeconds, error };
}

/** Uploads the big file to up/<client>.bin, checks the object's SHA-256, deletes it. */
export async function bigUpload(ctx, client) {
  const key = `up/${client.id}.bin`;
  await freeSpace(ctx.gateway, ctx.size, { log: ctx.log });
  const run = await timed(ctx, () => client.upload(ctx.bigFile, ctx.bucket, key, RUN_TIMEOUT_MS));
  let error;
  try {
    if (run.code !== 0) error = failureText(run);
    else if ((await objectSha256(ctx.s3, ctx.bucket, key)) !== ctx.bigSha256) error = "the object's SHA-256 differs from the file's";
  } catch (e) {
    error = `checking the object: ${e.message}`;
  } finally {
    await deletePrefix(ctx.s3, ctx.bucket, 'up/');
  }
  return result(run, error);
}

/** Downloads the source object to a local file, checks its SHA-256, deletes the file. */
export async function bigDownload(ctx, client) {
  const file = path.join(ctx.workDir, `down-${client.id}.bin`);
  fs.rmSync(file, { force: true });
  const run = await timed(ctx, () => client.download(ctx.bucket, ctx.sourceKey, file, RUN_TIMEOUT_MS));
  let error;
  try {
    if (run.code !== 0) error = failureText(run);
    else if (!fs.existsSync(file)) error = `no file at ${file}`;
    else if ((await sha256File(file)) !== ctx.bigSha256) error = "the downloaded file's SHA-256 differs from the source's";
  } finally {
    fs.rmSync(file, { force: true });
  }
  return result(run, error);
}

/**
 * Uploads the folder of small files to small/<client>/, checks every key's ETag (MD5), deletes
 * them. `ctx.timeoutMs`, when set, replaces the 15 minutes a run may take (a bigger folder's).
 */
export async function smallUpload(ctx, client) {
  const prefix = `small/${client.id}/`;
  const run = await timed(ctx, () => client.uploadDir(ctx.smallDir, ctx.bucket, prefix, ctx.timeoutMs ?? RUN_TIMEOUT_MS));
  let error;
  try {
    if (run.code !== 0) {
      error = failureText(run);
    } else {
      const objects = await listObjects(ctx.s3, ctx.bucket, prefix);
      const wrong = [...ctx.smallMd5s].filter(([name, md5]) => objects.get(prefix + name)?.etag !== md5);
      if (objects.size !== ctx.smallMd5s.size || wrong.length > 0) {
        error = `${objects.size} objects under ${prefix}, ${wrong.length} of ${ctx.smallMd5s.size} missing or with another MD5 (e.g. ${wrong[0]?.[0]})`;
      }
    }
  } finally {
    await deletePrefix(ctx.s3, ctx.bucket, prefix);
  }
  return result(run, error);
}
