import { stat } from 'node:fs/promises';
import { basename, dirname, resolve, sep } from 'node:path';
import { PailError } from '../../shared/errors';
import type { BatchSnapshot, TransferSnapshot } from '../../shared/transfers';
import { createTransferService, type TransferService } from '../services/transfers/engine/transfer-service';
import { UsageError, type CliCommand, type CliIo, type CliOptions, type CliRun, type Flags } from './cli-kit';
import type { AppServices } from '../app-services';
import { formatBytes, formatRate, parseRemote, shown, writeControl } from './format';
import { hasUploadFlags, UPLOAD_FLAGS_USAGE, UPLOAD_OPTIONS, uploadOptionsFromFlags } from './upload-flags';
import { countOf, formatCount } from '../../shared/counts';
import { parseBandwidthLimits, type BandwidthLimits } from '../../shared/bandwidth';

/** The usage line of --bwlimit (pail cp, pail sync). */
export const BWLIMIT_USAGE = `      [--bwlimit RATE|UP:DOWN]  a speed limit per second for all files and parts together: 512K, 1.5M, 10MiB
                                (a bare number is KiB, as in rclone); 1M:off limits uploads only`;

/** Usage lines of the transfer commands. */
export const TRANSFER_USAGE = `  pail cp FILE PROFILE:BUCKET/PREFIX/        upload a file (to PREFIX/FILE; a target without "/" at the end is the key)
  pail cp DIR PROFILE:BUCKET/PREFIX/ --recursive   upload a folder's contents under PREFIX/, empty folders as markers
  pail cp PROFILE:BUCKET/KEY PATH            download an object into folder PATH, or as file PATH
  pail cp PROFILE:BUCKET/PREFIX/ DIR --recursive   download everything under PREFIX/ into DIR
      [--concurrency N]  files (and parts) at once   [--if-exists overwrite|skip|rename]  (default overwrite)
${BWLIMIT_USAGE}
${UPLOAD_FLAGS_USAGE}`;

/** The options of `pail cp`, one entry each. */
const CP_OPTIONS: CliOptions = {
  recursive: { type: 'boolean' },
  concurrency: { type: 'string' },
  bwlimit: { type: 'string' },
  'if-exists': { type: 'string' },
  ...UPLOAD_OPTIONS,
};

/** Plain progress lines (not a terminal) come at most this often. */
const PLAIN_EVERY_MS = 5_000;

type Remote = { profile: string; bucket: string; prefix: string };

/** A remote argument (PROFILE:BUCKET/KEY), or undefined for a local path ("C:\\x" and "./a:b" are local); `shape` names it in the refusal. */
export function remoteOf(arg: string, shape = 'PROFILE:BUCKET/KEY'): Remote | undefined {
  if (/^[A-Za-z]:[\\/]/.test(arg) || arg.startsWith('.') || arg.startsWith('/') || arg.startsWith('~')) return undefined;
  const colon = arg.indexOf(':');
  const slash = arg.search(/[\\/]/);
  if (colon <= 0 || (slash !== -1 && slash < colon)) return undefined;
  const remote = parseRemote(arg);
  if (!remote?.bucket) throw new UsageError(`Name the bucket in "${arg}": ${shape}.`);
  return remote as Remote;
}

function eta(seconds: number | undefined): string {
  if (seconds === undefined) return '--';
  if (seconds < 60) return `${seconds}s`;
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

/** One line of progress: percent, bytes, rate, ETA (or how long the server has been silent), files. */
export function progressLine(batch: BatchSnapshot): string {
  const percent = batch.total > 0 ? Math.floor((batch.bytes / batch.total) * 100) : batch.finished ? 100 : 0;
  const files = batch.counts.done + batch.counts.skipped + batch.counts.failed + batch.counts.cancelled;
  const pace = batch.silentSeconds !== undefined ? `not answering for ${batch.silentSeconds} s` : `${formatRate(batch.rate)}  ETA ${eta(batch.etaSeconds)}`;
  return `${String(percent).padStart(3)}%  ${formatBytes(batch.bytes)} / ${formatBytes(batch.total)}  ${pace}  ${formatCount(files)}/${formatCount(batch.files)} files`;
}

/** Shows progress: one line redrawn on a terminal, a plain line every few seconds otherwise. */
export class ProgressView {
  private batch?: BatchSnapshot;
  private lastPlain = Date.now();
  private drawn = false;
  /** Files done with a note (made safe, renamed), said as they finished. */
  notedDone = 0;

  constructor(
    private readonly io: CliIo,
    private readonly tty: boolean,
  ) {}

  update(batches: BatchSnapshot[]): void {
    const batch = batches.find((b) => b.id === this.batch?.id) ?? (this.batch ? undefined : batches[0]);
    if (!batch) return;
    this.batch = batch;
    if (this.tty) {
      writeControl(this.io.stderr, `\r${progressLine(batch)}\x1b[K`);
      this.drawn = true;
    } else if (Date.now() - this.lastPlain >= PLAIN_EVERY_MS && !batch.finished) {
      this.lastPlain = Date.now();
      this.io.stderr.write(`${progressLine(batch)}\n`);
    }
  }

  /** Clears the bar before the summary. */
  end(): void {
    if (this.drawn) writeControl(this.io.stderr, '\r\x1b[K');
    this.drawn = false;
  }

  /** Says a note of a transfer that finished fine, as it finishes (a big batch does not keep its finished transfers to the end). */
  note(transfer: TransferSnapshot): void {
    this.end();
    this.io.stderr.write(noteLine(transfer));
    if (transfer.state === 'done') this.notedDone += 1;
  }
}

/** "  note: KEY: NOTE", control characters shown. */
export const noteLine = (transfer: TransferSnapshot) => `  note: ${shown(transfer.key)}: ${shown(transfer.note ?? '')}\n`;

/** Notes of transfers that ended neither fine nor failed (cancelled): those finished fine were said as they finished. */
export function otherNotes(transfers: readonly TransferSnapshot[]): TransferSnapshot[] {
  return transfers.filter((t) => t.note && t.state !== 'failed' && t.state !== 'done' && t.state !== 'skipped');
}

/** Waits for a batch, then prints notes, failures and the summary; throws when anything failed. */
async function finish(engine: TransferService, batchId: string, verb: string, started: number, view: ProgressView, io: CliIo): Promise<void> {
  const batch = await engine.settled(batchId);
  view.end();
  // The transfers still held: failed and cancelled ones all are (a big batch lets go of those done).
  const transfers: TransferSnapshot[] = engine.list().transfers.filter((t) => t.batchId === batchId);
  for (const t of otherNotes(transfers)) io.stderr.write(noteLine(t));
  const failed = transfers.filter((t) => t.state === 'failed');
  for (const t of failed) io.stderr.write(`  failed: ${shown(t.key)}: ${t.error?.code}: ${shown(t.error?.message ?? '')} ${shown(t.error?.hint ?? '')}\n`);
  const seconds = (Date.now() - started) / 1000;
  const { done, skipped } = batch.counts;
  const parts = [
    `${verb} ${countOf(done, 'file')} (${formatBytes(batch.bytes)}) in ${seconds.toFixed(1)} s, ${formatRate(batch.bytes / Math.max(seconds, 0.001))}`,
  ];
  if (skipped) parts.push(`${skipped} skipped (they exist)`);
  // Files saved under another name than their key's (made safe, "a (file)", a folder marker's data) are listed as notes above.
  if (view.notedDone) parts.push(`${view.notedDone} saved with a note (listed above)`);
  if (failed.length) parts.push(`${failed.length} failed`);
  io.stdout.write(`${parts.join('; ')}.\n`);
  if (failed.length) {
    throw new PailError({
      code: failed[0].error?.code ?? 'Internal',
      message: `${failed.length} of ${batch.files} transfers failed (listed above).`,
      hint: 'Run the same command again: finished files are overwritten or skipped, and interrupted big uploads resume.',
    });
  }
}

/** --concurrency: files (and parts) at once, 1 to 64; undefined when not given. */
export function concurrencyOf(flags: Flags): number | undefined {
  const concurrency = flags.concurrency === undefined ? undefined : Number(flags.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 64))
    throw new UsageError('--concurrency is a whole number from 1 to 64.');
  return concurrency;
}

/** --bwlimit: the speed limits of this command's transfers, as rclone writes them; undefined when not given. */
export function bandwidthOf(flags: Flags): BandwidthLimits | undefined {
  if (flags.bwlimit === undefined) return undefined;
  try {
    return parseBandwidthLimits(String(flags.bwlimit));
  } catch (error) {
    throw new UsageError(`--bwlimit: ${(error as Error).message}`);
  }
}

/** How one command's transfers move: files and parts at once, and the speed limits. */
export interface CliTransferSettings {
  concurrency?: number;
  bandwidth?: BandwidthLimits;
}

/** The line Ctrl-C leaves: saved states stay, so the same command goes on where this one stopped. */
export const INTERRUPTED = 'Interrupted. Run the same command again to resume.';

/**
 * The transfer engine of one CLI command (pail cp, pail sync), drawing its batches' progress on stderr.
 * From here until `close`, Ctrl-C stops its requests (keeping saved states, so the same command resumes big
 * uploads and downloads), says so in one line and exits 130, as a shell does for an interrupted command.
 */
export function cliTransferEngine(
  services: AppServices,
  io: CliIo,
  { concurrency, bandwidth }: CliTransferSettings,
): { engine: TransferService; view: ProgressView; close: () => Promise<void> } {
  const view = new ProgressView(io, (io.stderr as NodeJS.WriteStream).isTTY === true);
  const engine = createTransferService(
    services.profiles,
    services.dataDir,
    { progress: (event) => view.update(event.batches), batchFinished: () => undefined, noted: (transfer) => view.note(transfer) },
    {
      progressDetail: 'batches',
      clientOverrides: services.clientOverrides,
      ...(concurrency && { tuning: { filesInFlight: concurrency, partsInFlight: concurrency } }),
      ...(bandwidth && { bandwidth }),
    },
  );
  const onInterrupt = () => {
    void engine.dispose();
    view.end();
    io.stderr.write(`${INTERRUPTED}\n`);
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  const close = async () => {
    process.removeListener('SIGINT', onInterrupt);
    await engine.dispose();
  };
  return { engine, view, close };
}

const cp: CliRun = async (services, { flags, positional }, io) => {
  const metadataArgs = (flags.metadata as string[] | undefined) ?? [];
  if (positional.length !== 2) throw new UsageError('Copy takes a source and a target: pail cp SOURCE TARGET.');
  const [from, to] = positional;
  const source = remoteOf(from);
  const target = remoteOf(to);
  if (!!source === !!target) throw new UsageError('One side of pail cp is local and the other is PROFILE:BUCKET/KEY.');
  const recursive = flags.recursive === true;
  const conflict = flags['if-exists'] ?? 'overwrite';
  if (conflict !== 'overwrite' && conflict !== 'skip' && conflict !== 'rename') throw new UsageError('--if-exists is overwrite, skip or rename.');
  const settings = { concurrency: concurrencyOf(flags), bandwidth: bandwidthOf(flags) };
  if (source && hasUploadFlags(flags, metadataArgs))
    throw new UsageError('--acl, --content-type, --cache-control, --content-disposition, --storage-class, --metadata and --sse are for uploads.');
  const options = uploadOptionsFromFlags(flags, metadataArgs);

  const profile = await services.profiles.find((source ?? target)!.profile);
  const { engine, view, close } = cliTransferEngine(services, io, settings);
  const started = Date.now();
  try {
    if (target) {
      const local = resolve(from);
      const info = await stat(local).catch(() => undefined);
      if (!info) throw new UsageError(`${from} does not exist.`);
      if (info.isDirectory() && !recursive) throw new UsageError(`${from} is a folder: add --recursive to upload what is in it.`);
      const prefix = info.isDirectory() && target.prefix && !target.prefix.endsWith('/') ? `${target.prefix}/` : target.prefix;
      const key = info.isDirectory() ? prefix : !prefix || prefix.endsWith('/') ? `${prefix}${basename(local)}` : prefix;
      const batch = await engine.upload({
        profileId: profile.id,
        bucket: target.bucket,
        prefix,
        conflict,
        sources: [{ path: local, key }],
        ...(options && { options }),
      });
      await finish(engine, batch.batchId, 'Uploaded', started, view, io);
    } else {
      const remote = source!;
      const local = resolve(to);
      const isDir =
        to.endsWith('/') ||
        to.endsWith(sep) ||
        (await stat(local).then(
          (s) => s.isDirectory(),
          () => false,
        ));
      let request;
      if (recursive) {
        const prefix = remote.prefix && !remote.prefix.endsWith('/') ? `${remote.prefix}/` : remote.prefix;
        request = { targetDir: local, specs: [{ prefix, as: '' }] };
      } else {
        if (!remote.prefix || remote.prefix.endsWith('/')) throw new UsageError(`"${from}" is a folder: add --recursive to download what is in it.`);
        request = isDir
          ? { targetDir: local, specs: [{ key: remote.prefix }] }
          : { targetDir: dirname(local), specs: [{ key: remote.prefix, as: basename(local) }] };
      }
      const batch = await engine.download({ profileId: profile.id, bucket: remote.bucket, conflict, ...request });
      await finish(engine, batch.batchId, 'Downloaded', started, view, io);
    }
  } finally {
    await close();
  }
};

/** The transfer commands, by their words. */
export const TRANSFER_COMMANDS: Record<string, CliCommand> = { cp: { usage: TRANSFER_USAGE, options: CP_OPTIONS, run: cp } };
