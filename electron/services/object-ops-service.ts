import { GetObjectAclCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PailError } from '../../shared/errors';
import { entryNameProblem } from '../../shared/s3-names';
import type { FolderEntry, ParsedRequestOf } from '../../shared/ipc/contract';
import type { JobStarted } from '../../shared/jobs';
import type { Profile } from '../../shared/profile';
import { keptGrantsOf, putBackRest } from './grant-headers';
import { jobIdOf, type JobContext, type JobRunner, type StartedJob } from './job-runner';
import type { S3ClientProvider } from './s3-client-factory';
import { deleteKeys } from './delete-keys';
import { putFolderMarker } from './folder-marker';
import { copyBetweenServers, copyWithinServer, DEFAULT_COPY_LIMITS, type CopyLimits } from './s3-copy';
import { creatingWith, isNotFound, toPailError } from './s3-errors';
import { cannedAclOf, forEachLimited, listAllObjects, type ListedObject } from './s3-keys';
import { serverNow } from './server-clock';
import { countOf, formatCount } from '../../shared/counts';

/** Objects (`keys`) and folders (`prefixes`, everything under them) picked in one folder of one bucket. */
export type EntrySelection = ParsedRequestOf<'s3:deleteEntries'>;

/** Server-side copies cost the client nothing but a request: many in flight. */
const SERVER_COPY_CONCURRENCY = 32;
/** Copies between servers stream each body through this process (lib-storage buffers parts): few at once. */
const STREAMED_COPY_CONCURRENCY = 4;

function invalidName(problem: string): PailError {
  return new PailError({ code: 'InvalidRequest', message: problem, hint: 'Choose another name.' });
}

/** The parent folder of a key or folder prefix ("a/b/c.txt" → "a/b/", "a/b/" → "a/"). */
export function parentOf(keyOrPrefix: string): string {
  const trimmed = keyOrPrefix.endsWith('/') ? keyOrPrefix.slice(0, -1) : keyOrPrefix;
  return trimmed.slice(0, trimmed.lastIndexOf('/') + 1);
}

/** Every object a selection names: each key as it is (HEAD), and every object below each folder. */
async function objectsOf(
  from: { client: S3Client; profile: Profile; bucket: string },
  selection: Pick<EntrySelection, 'keys' | 'prefixes'>,
  signal: AbortSignal,
): Promise<ListedObject[]> {
  const objects: ListedObject[] = [];
  for (const key of selection.keys) {
    const head = await from.client.send(new HeadObjectCommand({ Bucket: from.bucket, Key: key }), { abortSignal: signal }).catch((error: unknown) => {
      throw toPailError(error, `reading ${key}`, from.profile.endpoint);
    });
    objects.push({ key, size: head.ContentLength ?? 0, storageClass: head.StorageClass ?? 'STANDARD' });
  }
  for (const prefix of selection.prefixes) for await (const page of listAllObjects(from.client, from.bucket, prefix, signal)) objects.push(...page);
  return objects;
}

/** Deletes batches of keys for a job, counting what is gone across batches and listing what failed. */
class BatchDeleter {
  /** Objects deleted so far. */
  done = 0;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly endpoint: string,
    private readonly context: JobContext,
  ) {}

  /** Keys with control characters cannot go in DeleteObjects' XML: deleteKeys sends those alone. */
  async delete(keys: string[]): Promise<void> {
    const before = this.done;
    const outcome = await deleteKeys(
      this.client,
      this.bucket,
      keys.map((key) => ({ key })),
      {
        signal: this.context.signal,
        endpoint: this.endpoint,
        onProgress: (deleted) => this.context.progress({ done: before + deleted }),
      },
    );
    outcome.failures.forEach((failure) => this.context.fail(failure));
    this.done += outcome.deleted;
  }
}

/**
 * Folder and object operations: new folder, delete, rename, copy and move
 * (within a bucket, across buckets, across profiles). The long ones run as
 * jobs with progress; a failed item is listed and nothing else is touched.
 */
export class ObjectOpsService {
  constructor(
    private readonly clients: S3ClientProvider,
    private readonly jobs: JobRunner,
    private readonly copyLimits: CopyLimits = DEFAULT_COPY_LIMITS,
  ) {}

  /** Creates a folder: a 0-byte object whose key ends in "/". */
  async createFolder({ profileId, bucket, prefix, name }: ParsedRequestOf<'s3:createFolder'>): Promise<FolderEntry> {
    const problem = entryNameProblem(name);
    if (problem) throw invalidName(problem);
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    const key = `${prefix}${name}/`;
    try {
      await putFolderMarker(client, bucket, key);
    } catch (error) {
      throw toPailError(error, `creating folder ${key}`, profile.endpoint);
    }
    return { kind: 'folder', prefix: key, name };
  }

  /** Deletes objects and whole folders as a job (see `startDeleteEntries`); answers with the job's id. */
  deleteEntries(selection: EntrySelection): Promise<JobStarted> {
    return jobIdOf(this.startDeleteEntries(selection));
  }

  /** Deletes objects and whole folders in batches of 1,000 (keys XML cannot carry one by one), as a job. */
  startDeleteEntries(selection: EntrySelection): StartedJob {
    const what = [selection.keys.length && countOf(selection.keys.length, 'object'), selection.prefixes.length && countOf(selection.prefixes.length, 'folder')]
      .filter(Boolean)
      .join(' and ');
    return this.jobs.start('deleteEntries', `Deleting ${what} in ${selection.bucket}`, async (context) => {
      const { client, profile } = await this.clients.clientFor(selection.profileId, selection.bucket);
      const deleter = new BatchDeleter(client, selection.bucket, profile.endpoint, context);
      await deleter.delete(selection.keys);
      for (const prefix of selection.prefixes) {
        // Each listed page is one batch; the folder's own marker is among them.
        for await (const page of listAllObjects(client, selection.bucket, prefix, context.signal, profile.endpoint)) {
          if (page.length) await deleter.delete(page.map((o) => o.key));
        }
      }
      return { summary: `Deleted ${countOf(deleter.done, 'object')}.`, done: deleter.done };
    });
  }

  /** Deletes everything in a folder as a job (see `startDeleteFolderContents`); answers with the job's id. */
  deleteFolderContents(request: ParsedRequestOf<'s3:deleteFolderContents'>): Promise<JobStarted> {
    return jobIdOf(this.startDeleteFolderContents(request));
  }

  /**
   * Deletes every object below a folder (the whole bucket for "") but the
   * folder's own marker, so the folder stays, empty. Lists a page and deletes
   * it before listing the next, so however many keys there are, only one
   * page is held at a time; a cancel stops it between batches.
   *
   * The user chose the rows of a listing that began `listedMsAgo` ago: an
   * object written since (added, or replaced) was not among them, and is kept
   * and counted. The cut-off is on the server's clock (its Date, less the
   * durations measured here and in the page), so a skewed clock here deletes
   * nothing unseen; and a second earlier, for servers that list LastModified
   * in whole seconds. So what was written in the second or two before the
   * listing began is kept too, and said.
   */
  startDeleteFolderContents({ profileId, bucket, prefix, listedMsAgo }: ParsedRequestOf<'s3:deleteFolderContents'>): StartedJob {
    const received = Date.now();
    return this.jobs.start('deleteEntries', `Deleting everything in ${bucket}/${prefix}`, async (context) => {
      const { client, profile } = await this.clients.clientFor(profileId, bucket);
      const server = await serverNow(client, bucket, { signal: context.signal, endpoint: profile.endpoint });
      const listedBefore = server - (Date.now() - received) - listedMsAgo - 1000;
      const deleter = new BatchDeleter(client, bucket, profile.endpoint, context);
      let kept = 0;
      for await (const page of listAllObjects(client, bucket, prefix, context.signal, profile.endpoint)) {
        const keys: string[] = [];
        for (const object of page) {
          if (object.key === prefix) continue;
          if (object.lastModified !== undefined && Date.parse(object.lastModified) >= listedBefore) kept += 1;
          else keys.push(object.key);
        }
        if (keys.length) await deleter.delete(keys);
      }
      const keptWords = kept
        ? ` ${countOf(kept, 'object')} ${kept === 1 ? 'was' : 'were'} kept: written since the folder was listed (or in the second or two before), ${kept === 1 ? 'it' : 'they'} may not be among the rows you chose. Refresh the folder to see ${kept === 1 ? 'it' : 'them'}.`
        : '';
      return { summary: `Deleted ${countOf(deleter.done, 'object')}.${keptWords}`, done: deleter.done };
    });
  }

  /** Renames an object or a folder as a job (see `startRename`); answers with the job's id. */
  rename(request: ParsedRequestOf<'s3:rename'>): Promise<JobStarted> {
    return jobIdOf(this.startRename(request));
  }

  /**
   * Renames an object or a folder in place: copies everything to the new
   * name, then deletes the originals that were copied. Refuses to overwrite.
   */
  async startRename({ profileId, bucket, source, newName }: ParsedRequestOf<'s3:rename'>): Promise<StartedJob> {
    const problem = entryNameProblem(newName);
    if (problem) throw invalidName(problem);
    const isFolder = source.endsWith('/');
    const target = `${parentOf(source)}${newName}${isFolder ? '/' : ''}`;
    if (target === source) throw invalidName('The new name is the same as the old one.');
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    if (await this.exists(client, bucket, target, isFolder)) {
      throw new PailError({
        code: 'InvalidRequest',
        message: `${isFolder ? 'A folder' : 'An object'} called "${newName}" already exists here.`,
        hint: 'Choose another name, or delete the existing one first.',
      });
    }
    return this.jobs.start('rename', `Renaming ${source} to ${newName}`, (context) =>
      this.copyAll(
        context,
        { profile, client, bucket },
        { profile, client, bucket },
        isFolder ? { keys: [], prefixes: [source] } : { keys: [source], prefixes: [] },
        (key) => target + key.slice(source.length),
        true,
      ),
    );
  }

  /** Moves objects and folders to a storage class as a job (see `startSetStorageClass`); answers with the job's id. */
  setStorageClass(request: ParsedRequestOf<'s3:setStorageClass'>): Promise<JobStarted> {
    return jobIdOf(this.startSetStorageClass(request));
  }

  /**
   * Moves objects, and every object below folders, to another storage class: S3 changes a class only by a
   * copy onto itself, which keeps the headers and metadata (COPY) but resets the ACL, so each object's grants
   * are read first and sent with its copy. Objects already in the class are left alone (S3 refuses a copy that changes
   * nothing); each failure is listed, and the rest go on.
   */
  startSetStorageClass({ profileId, bucket, keys, prefixes, storageClass }: ParsedRequestOf<'s3:setStorageClass'>): StartedJob {
    const what = [keys.length && countOf(keys.length, 'object'), prefixes.length && countOf(prefixes.length, 'folder')].filter(Boolean).join(' and ');
    return this.jobs.start('storageClass', `Moving ${what} in ${bucket} to ${storageClass}`, async (context) => {
      const { client, profile } = await this.clients.clientFor(profileId, bucket);
      context.progress({ done: 0, phase: 'Listing' });
      const objects = await objectsOf({ client, profile, bucket }, { keys, prefixes }, context.signal);
      const moving = objects.filter((object) => (object.storageClass ?? 'STANDARD') !== storageClass);
      /** True when the object is in the class now (S3 leaves STANDARD unsaid); false when that cannot be read either. */
      const isInClass = (key: string) =>
        client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: context.signal }).then(
          (head) => (head.StorageClass ?? 'STANDARD') === storageClass,
          () => false,
        );
      let done = 0;
      context.progress({ done, total: moving.length, phase: `Copying each onto itself in ${storageClass}` });
      await forEachLimited(
        moving,
        SERVER_COPY_CONCURRENCY,
        async (object) => {
          try {
            const acl =
              profile.aclSupport === 'no'
                ? undefined
                : await client.send(new GetObjectAclCommand({ Bucket: bucket, Key: object.key }), { abortSignal: context.signal }).catch(() => undefined);
            // With the copy itself: put back after it, they would be lost with its answer (and a retry skips an object in the class already).
            const grants = keptGrantsOf(acl);
            try {
              // A class the server does not offer is said as such (Ceph answers a bare InvalidArgument).
              await creatingWith({ key: object.key, storageClass }, () =>
                copyWithinServer(
                  client,
                  {
                    sourceBucket: bucket,
                    sourceKey: object.key,
                    targetBucket: bucket,
                    targetKey: object.key,
                    size: object.size,
                    storageClass,
                    grants: grants.headers,
                  },
                  context.signal,
                  this.copyLimits,
                ),
              );
            } catch (error) {
              // A copy whose every answer was lost may still have happened: the object says whether it moved.
              if (context.signal.aborted || !(await isInClass(object.key))) throw error;
            }
            await putBackRest(client, bucket, object.key, grants, context.signal);
            done += 1;
          } catch (error) {
            if (!context.signal.aborted)
              context.fail({ key: object.key, error: toPailError(error, `moving ${object.key} to ${storageClass}`, profile.endpoint).toInfo() });
          }
          context.progress({ done });
        },
        context.signal,
      );
      const already = objects.length - moving.length;
      const left = already ? ` ${countOf(already, 'object')} ${already === 1 ? 'was' : 'were'} in ${storageClass} already.` : '';
      const summary =
        done === moving.length
          ? `Moved ${countOf(done, 'object')} to ${storageClass}.${left}`
          : `Moved ${formatCount(done)} of ${countOf(moving.length, 'object')} to ${storageClass}; the rest failed (listed).${left}`;
      return { summary, done };
    });
  }

  /** Copies or moves objects and folders as a job (see `startCopyEntries`); answers with the job's id. */
  copyEntries(request: ParsedRequestOf<'s3:copyEntries'>): Promise<JobStarted> {
    return jobIdOf(this.startCopyEntries(request));
  }

  /** Copies or moves objects and folders to another folder, bucket or profile. */
  async startCopyEntries({ source: selection, target, mode }: ParsedRequestOf<'s3:copyEntries'>): Promise<StartedJob> {
    const from = await this.clients.clientFor(selection.profileId, selection.bucket);
    const to = await this.clients.clientFor(target.profileId, target.bucket);
    const sameFolder = selection.profileId === target.profileId && selection.bucket === target.bucket;
    for (const prefix of selection.prefixes) {
      if (sameFolder && target.prefix.startsWith(prefix)) {
        throw new PailError({ code: 'InvalidRequest', message: `Cannot ${mode} folder "${prefix}" into itself.`, hint: 'Choose a folder outside it.' });
      }
    }
    const items = [...selection.keys, ...selection.prefixes];
    if (sameFolder && items.every((item) => parentOf(item) === target.prefix)) {
      throw new PailError({
        code: 'InvalidRequest',
        message: `Everything selected is already in ${target.bucket}/${target.prefix}.`,
        hint: 'Choose another folder to paste into.',
      });
    }
    const what = countOf(items.length, 'item');
    const title = `${mode === 'copy' ? 'Copying' : 'Moving'} ${what} to ${target.bucket}/${target.prefix}`;
    return this.jobs.start(mode, title, (context) =>
      this.copyAll(
        context,
        { ...from, bucket: selection.bucket },
        { ...to, bucket: target.bucket },
        selection,
        (key) => {
          // Each item keeps its name (and a folder its inner structure) under the target folder.
          const base = parentOf(selection.prefixes.find((p) => key.startsWith(p)) ?? key);
          return target.prefix + key.slice(base.length);
        },
        mode === 'move',
      ),
    );
  }

  /** True when an object is at `key` (HEAD); for a command that must not report deleting what was not there. */
  async objectExists(profileId: string, bucket: string, key: string): Promise<boolean> {
    const { client } = await this.clients.clientFor(profileId, bucket);
    return this.exists(client, bucket, key, false);
  }

  private async exists(client: S3Client, bucket: string, keyOrPrefix: string, isFolder: boolean): Promise<boolean> {
    if (isFolder) {
      for await (const page of listAllObjects(client, bucket, keyOrPrefix)) return page.length > 0;
      return false;
    }
    try {
      await client.send(new HeadObjectCommand({ Bucket: bucket, Key: keyOrPrefix }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw toPailError(error, `checking ${keyOrPrefix}`);
    }
  }

  /** Copies every selected object (folders expanded), then deletes the copied originals when moving. */
  private async copyAll(
    context: JobContext,
    from: { client: S3Client; profile: Profile; bucket: string },
    to: { client: S3Client; profile: Profile; bucket: string },
    selection: Pick<EntrySelection, 'keys' | 'prefixes'>,
    targetKeyOf: (key: string) => string,
    removeOriginals: boolean,
  ) {
    context.progress({ done: 0, phase: 'Listing' });
    const objects = await objectsOf(from, selection, context.signal);
    const sameServer = from.profile.id === to.profile.id;
    const keepAcls = from.profile.aclSupport !== 'no' && to.profile.aclSupport !== 'no';
    const copied: string[] = [];
    context.progress({ done: 0, total: objects.length, phase: removeOriginals ? 'Copying, then removing the originals' : 'Copying' });
    await forEachLimited(
      objects,
      sameServer ? SERVER_COPY_CONCURRENCY : STREAMED_COPY_CONCURRENCY,
      async (object) => {
        const targetKey = targetKeyOf(object.key);
        try {
          const acl = keepAcls ? await cannedAclOf(from.client, from.bucket, object.key) : undefined;
          const request = {
            sourceBucket: from.bucket,
            sourceKey: object.key,
            targetBucket: to.bucket,
            targetKey,
            size: object.size,
            acl: acl === 'public-read' ? acl : undefined,
          };
          if (sameServer) await copyWithinServer(from.client, request, context.signal, this.copyLimits);
          else await copyBetweenServers(from.client, to.client, request, context.signal);
          copied.push(object.key);
        } catch (error) {
          if (!context.signal.aborted) context.fail({ key: object.key, error: toPailError(error, `copying to ${targetKey}`, to.profile.endpoint).toInfo() });
        }
        context.progress({ done: copied.length });
      },
      context.signal,
    );
    if (removeOriginals && !context.signal.aborted) {
      context.progress({ done: copied.length, phase: 'Removing the originals' });
      const outcome = await deleteKeys(
        from.client,
        from.bucket,
        copied.map((key) => ({ key })),
        { signal: context.signal, endpoint: from.profile.endpoint },
      );
      for (const failure of outcome.failures) {
        context.fail({ key: failure.key, error: { ...failure.error, message: `It was copied, but the original stayed: ${failure.error.message}` } });
      }
    }
    const verb = removeOriginals ? 'Moved' : 'Copied';
    const summary =
      objects.length === copied.length
        ? `${verb} ${countOf(copied.length, 'object')}.`
        : `${verb} ${formatCount(copied.length)} of ${countOf(objects.length, 'object')}; the rest failed and were left as they were.`;
    return { summary, done: copied.length };
  }
}
