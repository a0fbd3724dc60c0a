import { randomUUID } from 'node:crypto';
import { lstat, realpath, stat, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, parse, relative, resolve, sep } from 'node:path';
import { countOf } from '../../../shared/counts';
import { PailError, type ErrorInfo } from '../../../shared/errors';
import type { JobStarted } from '../../../shared/jobs';
import {
  compareBySizeAndDate,
  countsOf,
  runInWords,
  type CompareRequest,
  type DiffEntry,
  type RemoteSide,
  type SyncPlan,
  type SyncRunRequest,
} from '../../../shared/sync';
import { deleteKeys } from '../delete-keys';
import { jobIdOf, type JobRunner, type StartedJob } from '../job-runner';
import type { S3ClientProvider } from '../s3-client-factory';
import { toPailError } from '../s3-errors';
import { forEachLimited, listAllObjects } from '../s3-keys';
import type { TransferService } from '../transfers/engine/transfer-service';
import { compareByChecksum } from './checksum';
import { walkForSync, type LocalTree } from './local-walk';
import { pathFilter } from './path-filter';

/** A comparison kept for its run: the plan shown, and what it was made from. */
interface KeptPlan {
  request: CompareRequest;
  root: string;
  plan: SyncPlan;
  local: LocalTree;
  madeAt: number;
}

/** A plan older than this is compared again before it runs: the two sides may have moved. */
export const PLAN_LIFETIME_MS = 60 * 60 * 1000;
/** Plans kept at once (each window's last few comparisons). */
const PLANS_KEPT = 8;
/** Files hashed at once when comparing by checksum. */
const HASHES_IN_FLIGHT = 4;

const missingPlan = () =>
  new PailError({
    code: 'InvalidRequest',
    message: 'That comparison is no longer kept (it is over an hour old, or the app started again since).',
    hint: 'Compare the folder again, then synchronize.',
  });

/**
 * Compares a local folder with a prefix (either way), and runs the result as a sync: what is new or
 * changed goes through the transfer engine as one batch (resumable like any upload or download), then,
 * when asked, what is only on the target is deleted. The comparison is kept by id so the run does
 * exactly what its preview showed.
 */
export class SyncService {
  private readonly now: () => number;
  /** The user's home folder, which a sync never empties to match a bucket. */
  private readonly home: string;

  constructor(
    private readonly clients: S3ClientProvider,
    private readonly transfers: () => TransferService,
    private readonly jobs: JobRunner,
    private readonly options: { now?: () => number; home?: string } = {},
    private readonly plans = new Map<string, KeptPlan>(),
  ) {
    this.now = options.now ?? Date.now;
    this.home = options.home ?? homedir();
  }

  /** The same service (and its kept plans) running its transfers on another engine: the CLI's, which draws progress. */
  using(transfers: TransferService): SyncService {
    return new SyncService(this.clients, () => transfers, this.jobs, this.options, this.plans);
  }

  /** Compares both sides; answers the plan (kept for `run`). */
  async compare(request: CompareRequest, { signal }: { signal?: AbortSignal } = {}): Promise<SyncPlan> {
    if (!isAbsolute(request.localDir))
      throw new PailError({ code: 'InvalidRequest', message: `${request.localDir} is not an absolute path.`, hint: 'Choose the folder again.' });
    const root = resolve(request.localDir);
    const info = await stat(root).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
    if (info && !info.isDirectory())
      throw new PailError({ code: 'InvalidRequest', message: `${root} is a file, not a folder.`, hint: 'Choose a folder to compare with.' });
    if (!info && request.direction === 'upload')
      throw new PailError({ code: 'InvalidRequest', message: `${root} does not exist.`, hint: 'Choose a folder that exists to upload from.' });
    const filter = pathFilter(request.exclude, request.include);
    const local: LocalTree = info ? await walkForSync(root, filter, { followSymlinks: request.followSymlinks }) : { files: new Map(), skipped: [] };
    const remote = await this.listRemote(request, filter.keeps, signal);

    const paths = [...new Set([...local.files.keys(), ...remote.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const entries: DiffEntry[] = paths.map((path) => {
      const file = local.files.get(path);
      const object = remote.get(path);
      const localSide = file && { size: file.size, mtimeMs: file.mtimeMs };
      if (file && object) return { path, kind: 'same', local: localSide, remote: object };
      const onSource = request.direction === 'upload' ? !!file : !!object;
      return { path, kind: onSource ? 'new' : 'extra', ...(localSide && { local: localSide }), ...(object && { remote: object }) };
    });
    const both = entries.filter((entry) => entry.local && entry.remote);
    if (request.checksum) {
      await forEachLimited(
        both,
        HASHES_IN_FLIGHT,
        async (entry) => {
          const verdict = await compareByChecksum(local.files.get(entry.path)!, entry.remote!);
          if (verdict.kind !== 'unknown') Object.assign(entry, verdict);
          else {
            const byDate = compareBySizeAndDate(request.direction, entry.local!, entry.remote!);
            Object.assign(entry, byDate, { reason: `${verdict.reason}; compared by size and date instead${byDate.reason ? `: ${byDate.reason}` : ''}` });
          }
        },
        signal,
      );
    } else for (const entry of both) Object.assign(entry, compareBySizeAndDate(request.direction, entry.local!, entry.remote!));

    const plan: SyncPlan = { planId: randomUUID(), direction: request.direction, entries, skipped: local.skipped, counts: countsOf(entries) };
    this.keep({ request, root, plan, local, madeAt: this.now() });
    return plan;
  }

  /** Runs a kept plan as a job (see `startRun`); answers the job's id. */
  run(request: SyncRunRequest): Promise<JobStarted> {
    return jobIdOf(this.startRun(request));
  }

  /**
   * Runs a kept plan: the new and changed paths as one transfer batch (awaited; cancelling the job
   * cancels it), then with `delete` what is only on the target. The summary says what moved and what failed.
   */
  startRun(request: SyncRunRequest): StartedJob {
    const kept = this.plans.get(request.planId);
    if (!kept || this.now() - kept.madeAt > PLAN_LIFETIME_MS) throw missingPlan();
    const { plan, root } = kept;
    const { profileId, bucket, prefix, direction } = kept.request;
    if (direction === 'download' && (request.acl || request.options))
      throw new PailError({
        code: 'InvalidRequest',
        message: 'Upload options (access, headers, encryption) are for a sync up to the bucket; this one downloads.',
        hint: 'Synchronize without them, or compare the other way.',
      });
    // Only the paths the run needs are kept for it: the plan (every path, both sides) is let go as it starts.
    const sends = plan.entries
      .filter((entry) => entry.kind === 'new' || entry.kind === 'changed')
      .map((entry) => ({ path: entry.path, local: kept.local.files.get(entry.path)?.path }));
    const extras = request.delete ? plan.entries.filter((entry) => entry.kind === 'extra').map((entry) => ({ path: entry.path })) : [];
    const upToDate = runInWords(plan, false);
    if (extras.length && direction === 'download' && (root === parse(root).root || root === this.home))
      throw new PailError({
        code: 'InvalidRequest',
        message: `Pail does not delete files from ${root === this.home ? 'your whole home folder' : 'the root of a disk'} to match a bucket.`,
        hint: 'Synchronize into a folder of its own, or leave “delete” off.',
      });
    // A plan runs once: running it again would send what the first run sent; compare again instead.
    this.plans.delete(request.planId);
    const title = direction === 'upload' ? `Synchronizing ${root} to ${bucket}/${prefix}` : `Synchronizing ${bucket}/${prefix} to ${root}`;
    const started = this.jobs.start('sync', title, async (context) => {
      if (!sends.length && !extras.length) return { summary: upToDate, done: 0 };
      // Counted here for the summary; each goes to the job as it is known, which makes the run partial, not a success.
      let failed = 0;
      const fail = (failure: { key: string; error: ErrorInfo }) => {
        failed += 1;
        context.fail(failure);
      };
      let sent = 0;
      if (sends.length) {
        const transfers = this.transfers();
        const batch =
          direction === 'upload'
            ? await transfers.upload(
                {
                  profileId,
                  bucket,
                  prefix,
                  conflict: 'overwrite',
                  sources: sends.map((entry) => ({ path: entry.local!, key: prefix + entry.path })),
                  ...(request.acl && { acl: request.acl }),
                  ...(request.options && { options: request.options }),
                },
                // A sync run again compares both sides afresh: its batch keeps no journal to come back by itself.
                { journal: false },
              )
            : await transfers.download(
                {
                  profileId,
                  bucket,
                  targetDir: root,
                  conflict: 'overwrite',
                  specs: sends.map((entry) => ({ key: prefix + entry.path, as: entry.path })),
                },
                { journal: false },
              );
        const onCancel = () => void transfers.cancel({ batchId: batch.batchId });
        context.signal.addEventListener('abort', onCancel);
        context.progress({
          done: 0,
          total: sends.length + extras.length,
          phase: `${direction === 'upload' ? 'Uploading' : 'Downloading'} ${countOf(sends.length, 'file')}`,
        });
        const done = await transfers.settled(batch.batchId).finally(() => context.signal.removeEventListener('abort', onCancel));
        sent = done.counts.done + done.counts.skipped;
        for (const transfer of transfers.list().transfers.filter((t) => t.batchId === batch.batchId && t.state === 'failed'))
          fail({ key: transfer.key, error: transfer.error ?? { code: 'Internal', message: 'The transfer failed.', hint: 'Retry it in Transfers.' } });
        if (context.signal.aborted) return { summary: `Cancelled after ${countOf(sent, 'file')} sent.`, done: sent };
      }
      let deleted = 0;
      if (extras.length) {
        context.progress({
          done: sent,
          total: sends.length + extras.length,
          phase: `Deleting ${countOf(extras.length, direction === 'upload' ? 'object' : 'file')} only on the target`,
        });
        if (direction === 'upload') {
          const { client, profile } = await this.clients.clientFor(profileId, bucket);
          const outcome = await deleteKeys(
            client,
            bucket,
            extras.map((entry) => ({ key: prefix + entry.path })),
            { signal: context.signal, endpoint: profile.endpoint },
          );
          deleted = outcome.deleted;
          outcome.failures.forEach(fail);
        } else {
          for (const entry of extras) {
            try {
              await deleteLocal(root, entry.path);
              deleted += 1;
            } catch (error) {
              fail({ key: entry.path, error: toPailError(error, `deleting ${entry.path}`).toInfo() });
            }
          }
        }
      }
      const verb = direction === 'upload' ? 'Uploaded' : 'Downloaded';
      const summary = [
        sends.length || !extras.length ? `${verb} ${countOf(sent, 'file')}` : '',
        extras.length ? `deleted ${countOf(deleted, direction === 'upload' ? 'object' : 'file')} only on the target` : '',
        failed ? `${failed} failed` : '',
      ]
        .filter(Boolean)
        .join('; ');
      return { summary: `${summary.charAt(0).toUpperCase()}${summary.slice(1)}.`, done: sent + deleted };
    });
    return started;
  }

  /** What the run would do, in words (the CLI's --dry-run and the app's confirmation). */
  describeRun(planId: string, withDelete: boolean): string {
    const kept = this.plans.get(planId);
    if (!kept) throw missingPlan();
    return runInWords(kept.plan, withDelete);
  }

  private keep(kept: KeptPlan): void {
    this.plans.set(kept.plan.planId, kept);
    while (this.plans.size > PLANS_KEPT) this.plans.delete(this.plans.keys().next().value!);
  }

  /** Every object below the prefix by its path below it, folder markers and filtered-out paths left out. */
  private async listRemote(request: CompareRequest, keeps: (path: string) => boolean, signal?: AbortSignal): Promise<Map<string, RemoteSide>> {
    const { client, profile } = await this.clients.clientFor(request.profileId, request.bucket);
    const prefix = request.prefix && !request.prefix.endsWith('/') ? `${request.prefix}/` : request.prefix;
    const remote = new Map<string, RemoteSide>();
    try {
      for await (const page of listAllObjects(client, request.bucket, prefix, signal, profile.endpoint)) {
        for (const object of page) {
          const path = object.key.slice(prefix.length);
          if (!path || path.endsWith('/') || !keeps(path)) continue;
          remote.set(path, { size: object.size, ...(object.lastModified && { lastModified: object.lastModified }), ...(object.etag && { etag: object.etag }) });
        }
      }
    } catch (error) {
      throw toPailError(error, `listing ${request.bucket}/${prefix}`, profile.endpoint);
    }
    return remote;
  }
}

/**
 * Deletes a file only on the local side: the entry itself (a link, never what it points to), and only
 * below the root as its real path says: a folder swapped for a link meanwhile cannot send it elsewhere.
 */
async function deleteLocal(root: string, path: string): Promise<void> {
  const target = join(root, ...path.split('/'));
  const parent = await realpath(join(target, '..'));
  const realRoot = await realpath(root);
  const rel = relative(realRoot, parent);
  if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..'))
    throw new PailError({ code: 'InvalidRequest', message: `${path} is no longer inside ${root}; it was left alone.`, hint: 'Compare again.' });
  const info = await lstat(target);
  if (info.isDirectory()) throw new PailError({ code: 'InvalidRequest', message: `${path} is now a folder; it was left alone.`, hint: 'Compare again.' });
  await unlink(target);
}
