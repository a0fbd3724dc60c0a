import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type {
  BatchSnapshot,
  BatchStarted,
  BodyWanted,
  ConcurrencyRequest,
  ConflictPolicy,
  DownloadRequest,
  ImportUrlRequest,
  ResolveConflictRequest,
  StreamsStarted,
  TransferActionResult,
  TransferList,
  TransferSelection,
  UploadRequest,
  UploadStreamsRequest,
} from '../../../../shared/transfers';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import type { ProfileService } from '../../profile-service';
import type { ClientOverrides, S3ClientProvider } from '../../s3-client-factory';
import { BrowserBodies, BrowserUploadTask } from '../tasks/browser-upload';
import { planDownloads, type DownloadSpec, type PlanEntry } from '../tasks/download-plan';
import { DownloadTask, type DownloadDeps } from '../tasks/download-task';
import { ImportTask } from '../tasks/import-task';
import { networkPolicyOf } from '../../net/network-policy';
import { batchOptionsOf } from '../tasks/object-headers';
import { walkSources, type UploadSource, type WalkEntry } from '../io/local-tree';
import { createTransferClients } from './transfer-client';
import type { ProxyResolver } from '../../net/proxy-resolver';
import { TransferEngine } from './transfer-engine';
import { TransferQueue, type QueueEvents } from './transfer-queue';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';
import { transferError } from './transfer-errors';
import { toPailError } from '../../s3-errors';
import type { BatchRecord, BatchSource } from './transfer-records';
import { restoreInterrupted } from '../state/restore';
import { TransferStateStore } from '../state/state-store';
import { BatchJournals, type BatchJournal, type FoundJournal, type JournalHeader } from '../state/batch-journal';
import { ResumeFilter } from '../state/journal-position';
import { DEFAULT_TUNING, type TransferTask, type TransferTuning } from './task-types';
import { UploadTask, type UploadDeps } from '../tasks/upload-task';
import { downloadDepsOf, uploadDepsOf } from './task-deps';
import { countOf } from '../../../../shared/counts';
import type { BandwidthLimits, SetBandwidthRequest, TransferLimitRequest } from '../../../../shared/bandwidth';
import { readBandwidth, saveBandwidth } from '../state/bandwidth-file';

/** An upload batch as the engine takes it: sources with optional explicit keys (the CLI's `cp` semantics). */
export type UploadBatchRequest = Omit<UploadRequest, 'paths'> & { sources: UploadSource[] };

/** A download batch as the engine takes it: objects and folders with optional local names. */
export type DownloadBatchRequest = Omit<DownloadRequest, 'keys' | 'prefixes'> & { specs: DownloadSpec[] };

/**
 * Whether a folder batch keeps a journal to go on after a restart (see
 * batch-journal.ts): yes for what the user asked for (the app's uploads and
 * downloads, `pail cp`); no for batches another job plans and re-plans (a
 * sync) or that only live for a moment (a drag out to a temp folder).
 */
export interface JournalChoice {
  journal?: boolean;
}

/** Where the service's events go: the queue's progress and finished batches, and the page's bodies it asks for. */
export interface TransferEvents extends QueueEvents {
  /** Asks the page for a file's body (the web transport sends `transfer:bodyWanted`); the app and the CLI have none. */
  bodyWanted?(wanted: BodyWanted): void;
}

/** What the service is built from. */
export interface TransferServiceOptions {
  /** Transfer clients (see transfer-client.ts). */
  clients: S3ClientProvider;
  dataDir: string;
  events: TransferEvents;
  tuning?: Partial<TransferTuning>;
  retry?: Partial<RetryPolicy>;
  now?: () => number;
  /** "batches": progress events carry batches and totals only (for the CLI, which shows no single file). */
  progressDetail?: 'transfers' | 'batches';
  /** The speed limits at the start (the CLI's `--bwlimit`); none when absent. */
  bandwidth?: BandwidthLimits;
  /** Where the app keeps its speed limits between runs (read by `restore`, written by `setBandwidth`); the CLI has none. */
  bandwidthFile?: string;
}

/**
 * Transfers as the app and the CLI use them: turns requests into batches
 * (walking folders, listing prefixes, placing keys safely on disk) on its
 * queue, passes the user's actions to its engine, and brings back uploads and
 * downloads a crash or a restart interrupted.
 */
export class TransferService {
  /** Bodies of files the page holds (the web transport); asks go out through the events' `bodyWanted`. */
  readonly bodies: BrowserBodies;
  private readonly queue: TransferQueue;
  private readonly engine: TransferEngine;
  private readonly bandwidthFile?: string;
  /** What was wrong with the saved speed limits, if anything (the panel says it). */
  private bandwidthProblem?: string;

  constructor({ clients, dataDir, events, tuning, retry, now = Date.now, progressDetail = 'transfers', bandwidth, bandwidthFile }: TransferServiceOptions) {
    this.queue = new TransferQueue({
      clients,
      store: new TransferStateStore(dataDir),
      journals: new BatchJournals(dataDir),
      events,
      tuning: { ...DEFAULT_TUNING, ...tuning },
      retry: { ...DEFAULT_RETRY, ...retry },
      now,
      progressDetail,
      bandwidth,
    });
    this.bandwidthFile = bandwidthFile;
    this.engine = new TransferEngine(this.queue);
    this.bodies = new BrowserBodies((wanted) => events.bodyWanted?.(wanted));
  }

  /** Everything, for a window that opens. */
  list(): TransferList {
    return { ...this.queue.list(), ...(this.bandwidthProblem && { bandwidthProblem: this.bandwidthProblem }) };
  }

  /** How many transfers are held as records now (see BatchRecord): bounded per batch, whatever its size. */
  recordsHeld(): number {
    return this.queue.recordsHeld();
  }

  /** How many local paths download claims hold exactly now (see DestinationClaims): bounded per batch, whatever its size. */
  claimedPathsHeld(): number {
    return this.queue.claimedPathsHeld();
  }

  /** Resolves when every transfer of the batch is finished (at once if it is). */
  settled(batchId: string): Promise<BatchSnapshot> {
    return this.queue.settled(batchId);
  }

  /** Stops everything in flight (saved states stay, to resume at the next start) and the event timer. */
  dispose(): Promise<void> {
    return this.queue.dispose();
  }

  /** Stops the selected transfers taking new parts (the user's actions are TransferEngine's). */
  pause(selection: TransferSelection): TransferActionResult {
    return this.engine.pause(selection);
  }

  /** Puts paused transfers back in the queue. */
  resume(selection: TransferSelection): TransferActionResult {
    return this.engine.resume(selection);
  }

  /** Cancels: requests stop, multipart uploads are aborted, temp files and saved states deleted. */
  cancel(selection: TransferSelection): Promise<TransferActionResult> {
    return this.engine.cancel(selection);
  }

  /** Queues failed and cancelled transfers again (a saved multipart upload resumes). */
  retry(selection: TransferSelection): TransferActionResult {
    return this.engine.retry(selection);
  }

  /** Removes finished transfers and the batches left empty. */
  clearFinished(selection: TransferSelection): Promise<TransferActionResult> {
    return this.engine.clearFinished(selection);
  }

  /** Answers an "ask" for one transfer or its whole batch. */
  resolveConflict(request: ResolveConflictRequest): TransferActionResult {
    return this.engine.resolveConflict(request);
  }

  /** Changes how many files and parts move at once; answers with the numbers now in force. */
  setConcurrency(request: ConcurrencyRequest): ResponseOf<'transfers:setConcurrency'> {
    const tuning = this.engine.setConcurrency(request);
    return { files: tuning.filesInFlight, parts: tuning.partsInFlight };
  }

  /**
   * Changes the speed limits of all uploads and of all downloads (bytes
   * waiting follow them at once); the app keeps them for its next start.
   * Answers with the limits now in force.
   */
  async setBandwidth(request: SetBandwidthRequest): Promise<BandwidthLimits> {
    const limits = this.engine.setBandwidth(request);
    if (this.bandwidthFile) {
      await saveBandwidth(this.bandwidthFile, limits);
      this.bandwidthProblem = undefined;
    }
    return limits;
  }

  /** Gives a batch or some transfers a speed limit of their own (null takes it away). */
  setLimit(request: TransferLimitRequest): TransferActionResult {
    return this.engine.setLimit(request);
  }

  /**
   * Uploads files and folders (recursively, empty folders as markers). The
   * folders are walked as the queue needs files (see walkSources), so the
   * batch starts at once and holds a window of its files, however many.
   */
  async upload(request: UploadBatchRequest, { journal = true }: JournalChoice = {}): Promise<BatchStarted> {
    const options = batchOptionsOf(request);
    const asked = { kind: 'upload' as const, sources: request.sources, prefix: request.prefix, options };
    const journaled = journal && (await isFolderBatch(request.sources));
    const earlier = journaled ? await this.sameAsked(request, asked) : undefined;
    const batch = this.queue.openBatch('upload', uploadTitle(request, undefined), request.profileId, request.bucket, request.conflict, earlier?.header.id);
    if (journaled) batch.journal = await this.startJournal(batch, asked, earlier);
    const deps = uploadDepsOf(this.queue, batch, options);
    const resume = earlier && new ResumeFilter(earlier.point);
    await this.queue.fill(batch, walkedUploads(walkSources(request.sources, request.prefix, resume), request.prefix, deps));
    // Found whole in the first look-ahead: titled with its count; else with what was chosen.
    batch.title = uploadTitle(request, batch.moreToFind() ? undefined : batch.files);
    return batch.counts.queued > 0 || batch.moreToFind() ? this.queue.startWarmBatch(batch) : this.queue.startBatch(batch);
  }

  /** Uploads paths as the renderer passes them (each file or folder keeps its name). */
  uploadPaths(request: UploadRequest): Promise<BatchStarted> {
    const { paths, ...rest } = request;
    return this.upload({ ...rest, sources: paths.map((path) => ({ path })) });
  }

  /**
   * Uploads files the page holds (the web transport): one ticket per file, in
   * order; the page sends each body when the engine asks for it. Paths are the
   * files' places inside the drop ("photos/2024/a.jpg"). It keeps no journal:
   * the bodies live in the page, which a restart closes, so nothing could go on.
   */
  async uploadStreams(request: UploadStreamsRequest): Promise<StreamsStarted> {
    const count = request.files.length + request.folders.length;
    const batch = this.openUploadBatch(request, count);
    const deps = { ...uploadDepsOf(this.queue, batch, batchOptionsOf(request)), bodies: this.bodies };
    // Tickets are taken now (the page may be asked for any of them); records are made as the queue needs them.
    const taken = request.files.map((file) => this.bodies.issue(file.ticket) === false);
    batch.known = { files: count, bytes: request.files.reduce((sum, file) => sum + file.size, 0) };
    await this.queue.fill(batch, droppedUploads(request, taken, deps));
    return { ...(count > 0 ? this.queue.startWarmBatch(batch) : this.queue.startBatch(batch)), tickets: request.files.map((file) => file.ticket) };
  }

  /**
   * Downloads objects and folders into a local folder; keys that cannot be
   * written safely are refused and listed. A folder's listing is paged as the
   * queue needs files; its first page is read here, so a listing that cannot
   * start (no such bucket, server unreachable) fails the request in words.
   */
  async download(request: DownloadBatchRequest, { journal = true }: JournalChoice = {}): Promise<BatchStarted> {
    const root = resolve(request.targetDir);
    const { handle } = await this.queue.client(request.profileId, request.bucket);
    const where = `listing what to download from ${request.bucket}`;
    const asked = { kind: 'download' as const, specs: request.specs, targetDir: root };
    const journaled = journal && (request.specs.length > 1 || request.specs.some((spec) => 'prefix' in spec || spec.key.endsWith('/')));
    const earlier = journaled ? await this.sameAsked(request, asked) : undefined;
    // Titled with what was chosen from the start: the journal keeps this title for a restart.
    const title = `Downloading ${describeSpecs(request.specs)} to ${root}`;
    const batch = this.queue.openBatch('download', title, request.profileId, request.bucket, request.conflict, earlier?.header.id);
    if (journaled) batch.journal = await this.startJournal(batch, asked, earlier);
    const deps = downloadDepsOf(this.queue, batch, request.conflict);
    const resume = earlier && new ResumeFilter(earlier.point);
    const plan = planDownloads(handle.client, request.bucket, request.specs, root, this.queue.retryPolicy, process.platform, resume);
    try {
      await this.queue.fill(
        batch,
        plannedDownloads(plan, deps, (error) => toPailError(error, where, handle.endpoint)),
      );
    } catch (error) {
      this.queue.drop(batch);
      throw toPailError(error, where, handle.endpoint);
    }
    batch.title = batch.moreToFind() ? `Downloading ${describeSpecs(request.specs)} to ${root}` : `Downloading ${countOf(batch.files, 'object')} to ${root}`;
    return this.queue.startBatch(batch);
  }

  /** Downloads what the renderer selected (objects by name, folders with their structure). */
  downloadSelection(request: DownloadRequest): Promise<BatchStarted> {
    const { keys, prefixes, ...rest } = request;
    return this.download({ ...rest, specs: [...keys.map((key) => ({ key })), ...prefixes.map((prefix) => ({ prefix }))] });
  }

  /** Streams an http(s) URL into a folder of a bucket (one stream: no journal; a restart does not bring it back). */
  async importUrl(request: ImportUrlRequest): Promise<BatchStarted> {
    const batch = this.queue.openBatch('import', `Importing ${request.url}`, request.profileId, request.bucket, request.conflict);
    const { client, options } = uploadDepsOf(this.queue, batch, batchOptionsOf(request));
    const task = new ImportTask({
      profileId: request.profileId,
      bucket: request.bucket,
      prefix: request.prefix,
      url: request.url,
      ...(request.name && { name: request.name }),
      client,
      options,
      network: async () => networkPolicyOf((await this.queue.client(request.profileId, request.bucket)).profile),
    });
    this.queue.add(batch, { task, key: request.prefix + (request.name ?? ''), name: request.name ?? request.url, sourceUrl: request.url });
    return this.queue.startWarmBatch(batch);
  }

  /**
   * Brings back the app's speed limits, and the uploads and downloads a crash
   * or restart interrupted, as paused transfers the user can resume or cancel:
   * a folder batch from its journal as itself, single big files one batch per
   * direction. Returns how many were found (a folder batch counts as one).
   */
  async restore(): Promise<number> {
    if (this.bandwidthFile) {
      const saved = await readBandwidth(this.bandwidthFile);
      this.engine.setBandwidth(saved.limits);
      this.bandwidthProblem = saved.problem;
    }
    let count = 0;
    for (const found of await this.queue.journals.list()) count += await this.restoreJournal(found);
    return count + (await restoreInterrupted(this.queue));
  }

  /**
   * Brings back a folder batch from its journal as one paused batch: its
   * title, the files done counted, the rest found (walked or listed after
   * what is done) only when it is resumed; files that failed, were cancelled
   * or waited are tried again. Returns 1, or 0 when the batch is already here.
   */
  private async restoreJournal(found: FoundJournal): Promise<number> {
    const { header } = found;
    if (this.queue.batch(header.id)) return 0;
    const { request } = header;
    const batch = this.queue.openBatch(request.kind, header.title, header.profileId, header.bucket, header.conflict, header.id);
    batch.countEarlier(found.files, found.bytes);
    batch.restored = { retry: found.point.retry.length };
    batch.earlierRun = { startedAt: header.createdAt };
    try {
      batch.journal = await this.queue.journals.adopt(found);
    } catch (error) {
      this.queue.drop(batch);
      process.stderr.write(`Note: Pail could not take over the journal in ${found.dir} (${(error as NodeJS.ErrnoException).code ?? String(error)}).\n`);
      return 0;
    }
    const resume = new ResumeFilter(found.point);
    if (request.kind === 'upload') {
      const deps = uploadDepsOf(this.queue, batch, request.options);
      batch.source = walkedUploads(walkSources(request.sources, request.prefix, resume), request.prefix, deps);
    } else {
      const root = request.targetDir;
      const deps = downloadDepsOf(this.queue, batch, header.conflict === 'ask' ? 'rename' : header.conflict);
      const where = `listing what to download from ${header.bucket}`;
      // The client is looked up when the batch is resumed (a restart stays quick; a profile since removed fails the batch in words).
      batch.source = lazySource(async () => {
        const { handle } = await this.queue.client(header.profileId, header.bucket);
        const plan = planDownloads(handle.client, header.bucket, request.specs, root, this.queue.retryPolicy, process.platform, resume);
        return plannedDownloads(plan, deps, (error) => toPailError(error, where, handle.endpoint));
      });
    }
    this.queue.setHold(batch, 'paused');
    this.queue.startBatch(batch);
    return 1;
  }

  /**
   * The journal of the same batch asked for before and stopped (the CLI's
   * same command run again after Ctrl-C or a kill; a folder dropped again
   * after a crash): the new batch goes on from it, skipping what is done.
   */
  private sameAsked(
    request: { profileId: string; bucket: string; conflict: ConflictPolicy },
    asked: JournalHeader['request'],
  ): Promise<FoundJournal | undefined> {
    const { profileId, bucket, conflict } = request;
    return this.queue.journals.findSame({ profileId, bucket, conflict, request: asked }, (id) => this.queue.batch(id) !== undefined).catch(() => undefined);
  }

  /**
   * Starts a folder batch's journal (see batch-journal.ts), or takes over the
   * one it goes on from (its files done counted); without one (the data
   * folder cannot be written) the batch still runs, said on stderr.
   */
  private async startJournal(batch: BatchRecord, request: JournalHeader['request'], earlier?: FoundJournal): Promise<BatchJournal | undefined> {
    // Set even if the journal cannot be taken over: the batch still passes over what it says is done.
    if (earlier) batch.earlierRun = { startedAt: earlier.header.createdAt };
    try {
      if (earlier) {
        const journal = await this.queue.journals.adopt(earlier);
        batch.countEarlier(earlier.files, earlier.bytes);
        return journal;
      }
      return await this.queue.journals.create({
        id: batch.id,
        profileId: batch.profileId,
        bucket: batch.bucket,
        title: batch.title,
        conflict: batch.policy,
        createdAt: batch.createdAt,
        request,
      });
    } catch (error) {
      process.stderr.write(
        `Note: Pail could not keep a journal of “${batch.title}” (${(error as NodeJS.ErrnoException).code ?? String(error)}): if Pail is closed before it ends, it starts over.\n`,
      );
      return undefined;
    }
  }

  /** An upload batch titled with its size (when known) and where it goes. */
  private openUploadBatch(request: UploadTitled & { profileId: string; bucket: string; conflict: ConflictPolicy }, count: number | undefined): BatchRecord {
    return this.queue.openBatch('upload', uploadTitle(request, count), request.profileId, request.bucket, request.conflict);
  }
}

type UploadTitled = { bucket: string; prefix: string; sources?: readonly UploadSource[] };

/** "Uploading 3 items to photos/", or, before a walk has counted them, "Uploading album to photos/". */
function uploadTitle(request: UploadTitled, count: number | undefined): string {
  const where = request.prefix || `${request.bucket}/`;
  if (count !== undefined || !request.sources) return `Uploading ${countOf(count ?? 0, 'item')} to ${where}`;
  const what = request.sources.length === 1 ? `“${basename(request.sources[0].path)}”` : countOf(request.sources.length, 'file or folder', 'files or folders');
  return `Uploading ${what} to ${where}`;
}

/**
 * True for an upload of several files or of a folder: worth a journal. One
 * file alone needs none: a big one keeps its own state (state-store.ts), a
 * small one is sent again.
 */
async function isFolderBatch(sources: readonly UploadSource[]): Promise<boolean> {
  if (sources.length !== 1) return sources.length > 1;
  return stat(sources[0].path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

/** "“photos/”", "3 objects and folders": what a download was asked for, before its listing is counted. */
function describeSpecs(specs: readonly DownloadSpec[]): string {
  if (specs.length !== 1) return countOf(specs.length, 'object or folder', 'objects and folders');
  const spec = specs[0];
  return `“${'key' in spec ? spec.key : spec.prefix || '/'}”`;
}

/** The upload batch's source over a walk: each file or marker a task, each path it cannot read a failed transfer. */
function walkedUploads(walk: AsyncGenerator<WalkEntry>, prefix: string, deps: UploadDeps): BatchSource {
  return {
    async next() {
      const found = await walk.next();
      if (found.done) return undefined;
      const entry = found.value;
      if ('item' in entry) {
        const { item } = entry;
        return { task: new UploadTask(item, deps), key: item.key, name: item.name, localPath: item.path, total: item.size, at: entry.at };
      }
      const { path, reason } = entry.skipped;
      const error = transferError('LocalFileError', `${path} was not uploaded: ${reason}.`, 'Check that the file exists and can be read.');
      return {
        task: failedTask(error),
        key: prefix + basename(path),
        name: basename(path),
        localPath: path,
        state: 'failed',
        error: error.toInfo(),
        at: entry.at,
      };
    },
  };
}

/** The source of a drop's files (the web transport), then its empty folders as markers; unsafe paths fail in words. */
function droppedUploads(request: UploadStreamsRequest, ticketTaken: readonly boolean[], deps: UploadDeps & { bodies: BrowserBodies }): BatchSource {
  let at = 0;
  return {
    next() {
      const index = at;
      at += 1;
      if (index < request.files.length) {
        const file = request.files[index];
        const key = request.prefix + file.path;
        const problem = ticketTaken[index] ? 'its ticket is already in use (the page sent it twice)' : dropPathProblem(file.path);
        if (problem) {
          const error = transferError('UnsafeKey', `${file.path} was not uploaded: ${problem}.`, 'Rename the file or folder, then upload it again.');
          return Promise.resolve({ task: failedTask(error), key, name: file.path, state: 'failed', error: error.toInfo() });
        }
        const item = { ticket: file.ticket, key, name: file.path, size: file.size };
        return Promise.resolve({ task: new BrowserUploadTask(item, deps), key, name: file.path, total: file.size });
      }
      const folder = request.folders[index - request.files.length];
      if (folder === undefined) return Promise.resolve(undefined);
      const path = folder.replace(/\/+$/, '');
      const key = `${request.prefix}${path}/`;
      const problem = dropPathProblem(path);
      if (problem) {
        const error = transferError('UnsafeKey', `${folder} was not created: ${problem}.`, 'Rename the folder, then upload it again.');
        return Promise.resolve({ task: failedTask(error), key, name: `${path}/`, state: 'failed', error: error.toInfo() });
      }
      const marker = new UploadTask({ path: '', key, name: `${path}/`, size: 0, marker: true }, deps);
      return Promise.resolve({ task: marker, key, name: `${path}/`, total: 0 });
    },
  };
}

/**
 * The download batch's source over a plan: each object a task, each key that
 * cannot be written safely a failed transfer. A listing that fails after its
 * retries ends the source with an error in words (the queue fails the rest).
 */
function plannedDownloads(plan: AsyncGenerator<PlanEntry>, deps: DownloadDeps, inWords: (error: unknown) => Error): BatchSource {
  return {
    async next() {
      const found = await plan.next().catch((error: unknown) => {
        throw inWords(error);
      });
      if (found.done) return undefined;
      const entry = found.value;
      if ('item' in entry) {
        const { item, name, note } = entry;
        return { task: new DownloadTask(item, deps), key: item.key, name, total: item.size, at: entry.at, ...(note && { note }) };
      }
      const error = transferError(
        'UnsafeKey',
        `${entry.key} was not downloaded: ${entry.reason}.`,
        'Rename the object on the server (or download it by itself under another name).',
      );
      return { task: failedTask(error), key: entry.key, name: entry.key, state: 'failed', error: error.toInfo(), at: entry.at };
    },
  };
}

/** A source made when it is first read (a restored download finds its client then). */
function lazySource(make: () => Promise<BatchSource>): BatchSource {
  let source: Promise<BatchSource> | undefined;
  return {
    async next() {
      source ??= make();
      return (await source).next();
    },
  };
}

/** Why a path inside a drop cannot name an object ("a/../b", "/abs", "a//b"), or undefined. */
export function dropPathProblem(path: string): string | undefined {
  if (path.includes('\0')) return 'it contains a NUL character';
  if (path.startsWith('/')) return 'it is an absolute path';
  if (path.split('/').some((part) => part === '' || part === '.' || part === '..')) return 'it has an empty, "." or ".." folder in its path';
  return undefined;
}

/** The task of a transfer that failed before it could start (a refused key, an unreadable path): a retry fails the same way. */
function failedTask(error: Error): TransferTask {
  return { run: () => Promise.reject(error), discard: () => Promise.resolve() };
}

/** Builds the transfer service over a data folder, with clients tuned for throughput. */
export function createTransferService(
  profiles: ProfileService,
  dataDir: string,
  events: TransferEvents,
  {
    clientOverrides = {},
    proxies,
    ...options
  }: Partial<Omit<TransferServiceOptions, 'clients' | 'dataDir' | 'events'>> & { clientOverrides?: ClientOverrides; proxies?: ProxyResolver } = {},
): TransferService {
  return new TransferService({ clients: createTransferClients(profiles, clientOverrides, proxies), dataDir, events, ...options });
}
