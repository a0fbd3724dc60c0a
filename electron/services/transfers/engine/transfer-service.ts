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
import { planDownloads, type DownloadSpec } from '../tasks/download-plan';
import { DownloadTask } from '../tasks/download-task';
import { ImportTask } from '../tasks/import-task';
import { networkPolicyOf } from '../../net/network-policy';
import { batchOptionsOf } from '../tasks/object-headers';
import { expandSources, type UploadSource } from '../io/local-tree';
import { createTransferClients } from './transfer-client';
import type { ProxyResolver } from '../../net/proxy-resolver';
import { TransferEngine } from './transfer-engine';
import { TransferQueue, type QueueEvents } from './transfer-queue';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';
import { transferError } from './transfer-errors';
import { toPailError } from '../../s3-errors';
import type { BatchRecord } from './transfer-records';
import { restoreInterrupted } from '../state/restore';
import { TransferStateStore } from '../state/state-store';
import { DEFAULT_TUNING, type TransferTask, type TransferTuning } from './task-types';
import { UploadTask } from '../tasks/upload-task';
import { downloadDepsOf, uploadDepsOf } from './task-deps';
import { countOf } from '../../../../shared/counts';
import type { BandwidthLimits, SetBandwidthRequest, TransferLimitRequest } from '../../../../shared/bandwidth';
import { readBandwidth, saveBandwidth } from '../state/bandwidth-file';

/** An upload batch as the engine takes it: sources with optional explicit keys (the CLI's `cp` semantics). */
export type UploadBatchRequest = Omit<UploadRequest, 'paths'> & { sources: UploadSource[] };

/** A download batch as the engine takes it: objects and folders with optional local names. */
export type DownloadBatchRequest = Omit<DownloadRequest, 'keys' | 'prefixes'> & { specs: DownloadSpec[] };

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

  /** Uploads files and folders (recursively, empty folders as markers). */
  async upload(request: UploadBatchRequest): Promise<BatchStarted> {
    const { items, skipped } = await expandSources(request.sources, request.prefix);
    const batch = this.openUploadBatch(request, items.length + skipped.length);
    const deps = uploadDepsOf(this.queue, request.profileId, request.bucket, batchOptionsOf(request));
    for (const item of items) {
      this.queue.add(batch, { task: new UploadTask(item, deps), key: item.key, name: item.name, localPath: item.path, total: item.size });
    }
    for (const { path, reason } of skipped) {
      const error = transferError('LocalFileError', `${path} was not uploaded: ${reason}.`, 'Check that the file exists and can be read.');
      this.queue.add(batch, {
        task: failedTask(error),
        key: request.prefix + basename(path),
        name: basename(path),
        localPath: path,
        state: 'failed',
        error: error.toInfo(),
      });
    }
    return items.length > 0 ? this.queue.startWarmBatch(batch) : this.queue.startBatch(batch);
  }

  /** Uploads paths as the renderer passes them (each file or folder keeps its name). */
  uploadPaths(request: UploadRequest): Promise<BatchStarted> {
    const { paths, ...rest } = request;
    return this.upload({ ...rest, sources: paths.map((path) => ({ path })) });
  }

  /**
   * Uploads files the page holds (the web transport): one ticket per file, in
   * order; the page sends each body when the engine asks for it. Paths are the
   * files' places inside the drop ("photos/2024/a.jpg").
   */
  async uploadStreams(request: UploadStreamsRequest): Promise<StreamsStarted> {
    const count = request.files.length + request.folders.length;
    const batch = this.openUploadBatch(request, count);
    const deps = { ...uploadDepsOf(this.queue, request.profileId, request.bucket, batchOptionsOf(request)), bodies: this.bodies };
    const tickets: string[] = [];
    for (const file of request.files) {
      const ticket = file.ticket;
      tickets.push(ticket);
      const problem = this.bodies.issue(ticket) === false ? 'its ticket is already in use (the page sent it twice)' : dropPathProblem(file.path);
      const key = request.prefix + file.path;
      if (problem) {
        const error = transferError('UnsafeKey', `${file.path} was not uploaded: ${problem}.`, 'Rename the file or folder, then upload it again.');
        this.queue.add(batch, { task: failedTask(error), key, name: file.path, state: 'failed', error: error.toInfo() });
        continue;
      }
      const item = { ticket, key, name: file.path, size: file.size };
      this.queue.add(batch, { task: new BrowserUploadTask(item, deps), key, name: file.path, total: file.size });
    }
    for (const folder of request.folders) {
      const path = folder.replace(/\/+$/, '');
      const key = `${request.prefix}${path}/`;
      const problem = dropPathProblem(path);
      if (problem) {
        const error = transferError('UnsafeKey', `${folder} was not created: ${problem}.`, 'Rename the folder, then upload it again.');
        this.queue.add(batch, { task: failedTask(error), key, name: `${path}/`, state: 'failed', error: error.toInfo() });
        continue;
      }
      this.queue.add(batch, { task: new UploadTask({ path: '', key, name: `${path}/`, size: 0, marker: true }, deps), key, name: `${path}/`, total: 0 });
    }
    return { ...(count > 0 ? this.queue.startWarmBatch(batch) : this.queue.startBatch(batch)), tickets };
  }

  /** Downloads objects and folders into a local folder; keys that cannot be written safely are refused and listed. */
  async download(request: DownloadBatchRequest): Promise<BatchStarted> {
    const root = resolve(request.targetDir);
    const { handle } = await this.queue.client(request.profileId, request.bucket);
    // The listing that plans a folder download fails as a coded error (server unreachable, no such bucket), not the SDK's raw one.
    const { planned, refused } = await planDownloads(handle.client, request.bucket, request.specs, root, this.queue.retryPolicy).catch((error: unknown) => {
      throw toPailError(error, `listing what to download from ${request.bucket}`, handle.endpoint);
    });
    const batch = this.queue.openBatch(
      'download',
      `Downloading ${countOf(planned.length + refused.length, 'object')} to ${root}`,
      request.profileId,
      request.bucket,
      request.conflict,
    );
    const deps = downloadDepsOf(this.queue, batch, request.conflict);
    for (const { item, name, note } of planned) {
      this.queue.add(batch, { task: new DownloadTask(item, deps), key: item.key, name, total: item.size, ...(note && { note }) });
    }
    for (const { key, reason } of refused) {
      const error = transferError(
        'UnsafeKey',
        `${key} was not downloaded: ${reason}.`,
        'Rename the object on the server (or download it by itself under another name).',
      );
      this.queue.add(batch, { task: failedTask(error), key, name: key, state: 'failed', error: error.toInfo() });
    }
    return this.queue.startBatch(batch);
  }

  /** Downloads what the renderer selected (objects by name, folders with their structure). */
  downloadSelection(request: DownloadRequest): Promise<BatchStarted> {
    const { keys, prefixes, ...rest } = request;
    return this.download({ ...rest, specs: [...keys.map((key) => ({ key })), ...prefixes.map((prefix) => ({ prefix }))] });
  }

  /** Streams an http(s) URL into a folder of a bucket. */
  async importUrl(request: ImportUrlRequest): Promise<BatchStarted> {
    const batch = this.queue.openBatch('import', `Importing ${request.url}`, request.profileId, request.bucket, request.conflict);
    const { client, options } = uploadDepsOf(this.queue, request.profileId, request.bucket, batchOptionsOf(request));
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
   * or restart interrupted, as paused transfers (one batch per direction) the
   * user can resume or cancel. Returns how many transfers were found.
   */
  async restore(): Promise<number> {
    if (this.bandwidthFile) {
      const saved = await readBandwidth(this.bandwidthFile);
      this.engine.setBandwidth(saved.limits);
      this.bandwidthProblem = saved.problem;
    }
    return restoreInterrupted(this.queue);
  }

  /** An upload batch titled with its size and where it goes. */
  private openUploadBatch(request: { profileId: string; bucket: string; prefix: string; conflict: ConflictPolicy }, count: number): BatchRecord {
    const where = request.prefix || `${request.bucket}/`;
    return this.queue.openBatch('upload', `Uploading ${countOf(count, 'item')} to ${where}`, request.profileId, request.bucket, request.conflict);
  }
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
