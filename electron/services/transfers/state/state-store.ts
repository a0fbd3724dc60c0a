import { readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { uploadEncryptionSchema } from '../../../../shared/encryption';
import { damagedCopyPath, inspect, writeFileAtomic } from '../../atomic-file';
import { FolderReadCache } from './folder-read-cache';

const common = {
  version: z.literal(1),
  /** The transfer's id (also the file name). */
  id: z.string().uuid(),
  profileId: z.string(),
  bucket: z.string(),
  key: z.string(),
  createdAt: z.string(),
  /** The process working on it; another live process's entry is left alone. */
  ownerPid: z.number().int(),
  /** The folder batch it is part of, when that batch keeps a journal: restored with it (see restore.ts). */
  batchId: z.string().uuid().optional(),
};

/**
 * What a multipart upload needs to go on after a crash or restart: the upload
 * id and part size, which file it reads (size and mtime to tell it is
 * unchanged), and every finished part's ETag and MD5.
 */
const uploadStateSchema = z.object({
  ...common,
  kind: z.literal('upload'),
  filePath: z.string(),
  size: z.number().int().min(0),
  mtimeMs: z.number(),
  partSize: z.number().int().min(1),
  uploadId: z.string().min(1),
  contentType: z.string(),
  acl: z.enum(['private', 'public-read']).optional(),
  cacheControl: z.string().optional(),
  contentDisposition: z.string().optional(),
  storageClass: z.string().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  /** The encryption the upload was created with: checked against the completed object's. */
  encryption: uploadEncryptionSchema.optional(),
  /** By part number: ETag as the server gave it, MD5 in hex. */
  parts: z.record(z.string(), z.object({ etag: z.string(), md5: z.string() })),
});
export type UploadState = z.infer<typeof uploadStateSchema>;

/** What a chunked download needs to go on: the object's version (ETag) and the chunks already in the temp file. */
const downloadStateSchema = z.object({
  ...common,
  kind: z.literal('download'),
  etag: z.string(),
  size: z.number().int().min(0),
  lastModified: z.string().optional(),
  targetPath: z.string(),
  chunkSize: z.number().int().min(1),
  done: z.array(z.number().int().min(0)),
});
export type DownloadState = z.infer<typeof downloadStateSchema>;

const stateSchema = z.discriminatedUnion('kind', [uploadStateSchema, downloadStateSchema]);
/** Either kind of saved transfer. */
export type SavedTransfer = z.infer<typeof stateSchema>;

/** A saved state that could not be used: what was wrong, and where the file went. */
export interface SetAsideState {
  path: string;
  problem: string;
  /** Where it was moved; absent when even that failed. */
  movedTo?: string;
  /** The whole story in words, as reported. */
  words: string;
}

/** Says a set-aside state on stderr, where the CLI's and the web mode's user reads it. */
/** Where a note of something set aside goes unless a caller takes it (the CLI and the app's log read stderr). */
export const reportOnStderr = (note: SetAsideState) => void process.stderr.write(`Note: ${note.words}\n`);

/**
 * Moves a damaged saved state (a file, or a batch's journal folder) aside as `<path>.damaged-<time>`, notes it in
 * `setAside` and reports it, in the words `words` gives for where it went. One that could not be moved is met again
 * by every later look: it is said once.
 */
export async function moveAside(
  path: string,
  problem: string,
  setAside: SetAsideState[],
  report: (note: SetAsideState) => void,
  words: (movedTo: string | undefined) => string,
): Promise<void> {
  if (setAside.some((note) => note.path === path && !note.movedTo)) return;
  const target = damagedCopyPath(path, new Date());
  const movedTo = await rename(path, target).then(
    () => target,
    () => undefined,
  );
  const note = { path, problem, ...(movedTo && { movedTo }), words: words(movedTo) };
  setAside.push(note);
  report(note);
}

/** Every readable state in the folder, whoever works on it, as one read found them. */
interface FolderStates {
  states: SavedTransfer[];
  /** Processes whose temp files that read left because they ran: once one has died, the folder is read to sweep it. */
  tempOwners: number[];
}

interface Slot {
  writing?: Promise<void>;
  next?: SavedTransfer;
  deleted: boolean;
}

/** True when a process with that id runs (ours counts as not "another"). */
export function otherProcessAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Saved transfers under `<dataDir>/transfers/`, one JSON file each, written
 * atomically (a crash leaves the old or the new state, never half of one).
 * Saves of one transfer are serialised and coalesced: a burst of finished
 * parts costs a few writes, and the file always ends at the latest state.
 */
export class TransferStateStore {
  readonly dir: string;
  /** Damaged states moved aside in this run, for a UI to show. */
  readonly setAside: SetAsideState[] = [];
  /** The journaled batch a transfer is part of, by its id (the queue tells): saved with its state. */
  batchOf?: (transferId: string) => string | undefined;
  private readonly slots = new Map<string, Slot>();
  /**
   * The states as last read, while the folder is unchanged: a folder download asks once a file, and reading every
   * saved state each time cost files × states reads. Saves rename into place and deletes unlink, so the folder's
   * date tells when another process changed a state; this one's own saves and deletes forget it at once.
   */
  private readonly known: FolderReadCache<FolderStates>;

  constructor(
    dataDir: string,
    private readonly report: (note: SetAsideState) => void = reportOnStderr,
  ) {
    this.dir = join(dataDir, 'transfers');
    this.known = new FolderReadCache(this.dir);
  }

  private pathOf(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  /** Saves a state; resolves once a write holding it (or a later one) is on disk. */
  save(state: SavedTransfer): Promise<void> {
    let slot = this.slots.get(state.id);
    if (!slot) this.slots.set(state.id, (slot = { deleted: false }));
    slot.deleted = false;
    const batchId = this.batchOf?.(state.id);
    slot.next = structuredClone({ ...state, ownerPid: process.pid, ...(batchId && { batchId }) });
    slot.writing ??= this.flush(state.id, slot);
    return slot.writing;
  }

  private async flush(id: string, slot: Slot): Promise<void> {
    try {
      while (slot.next && !slot.deleted) {
        const state = slot.next;
        slot.next = undefined;
        await writeFileAtomic(this.pathOf(id), JSON.stringify(state));
        this.known.forget();
      }
    } finally {
      slot.writing = undefined;
    }
  }

  /** Deletes a state after any write in progress, so nothing brings it back. */
  async delete(id: string): Promise<void> {
    const slot = this.slots.get(id);
    if (slot) {
      slot.deleted = true;
      slot.next = undefined;
      await slot.writing?.catch(() => undefined);
      this.slots.delete(id);
    }
    await unlink(this.pathOf(id))
      .catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      })
      .finally(() => this.known.forget());
  }

  /**
   * Reads one state; undefined when missing. A damaged one (not JSON, the wrong
   * shape, unreadable) is reported and moved aside as `<id>.json.damaged-<time>`:
   * that transfer starts over instead of resuming, and nothing else stops.
   */
  async read(id: string): Promise<SavedTransfer | undefined> {
    const path = this.pathOf(id);
    const found = await inspect(path, stateSchema).catch((error: Error) => ({ state: 'damaged' as const, problem: error.message }));
    if (found.state === 'good') return found.content.value;
    if (found.state === 'damaged') await this.putAside(path, found.problem);
    return undefined;
  }

  private async putAside(path: string, problem: string): Promise<void> {
    await moveAside(path, problem, this.setAside, this.report, (movedTo) =>
      movedTo
        ? `A saved transfer could not be resumed: ${problem} Pail moved it to ${movedTo}; that transfer starts over if run again, and the others carry on.`
        : `A saved transfer could not be resumed: ${problem} Pail could not move it aside either; the other transfers carry on.`,
    );
  }

  /** Every readable state that no other live process is working on. */
  async list(): Promise<SavedTransfer[]> {
    return (await this.free()).map((state) => structuredClone(state));
  }

  /** The states no other live process is working on, as kept (callers get copies): whether one runs is asked each time. */
  private async free(): Promise<SavedTransfer[]> {
    return (await this.folderStates()).filter((state) => !otherProcessAlive(state.ownerPid));
  }

  /** Every readable state, whoever works on it: read again when the folder changed or a temp file's process died. */
  private async folderStates(): Promise<SavedTransfer[]> {
    const read = await this.known.get(
      () => this.readFolder(),
      (kept) => kept.tempOwners.every(otherProcessAlive),
    );
    return read.states;
  }

  private async readFolder(): Promise<FolderStates> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const read: FolderStates = { states: [], tempOwners: [] };
    for (const name of names) {
      // A process killed in the middle of a save leaves its temp file (`<id>.json.<pid>.<hex>.tmp`): sweep those of dead processes.
      const temp = /^[0-9a-f-]{36}\.json\.(\d+)\.[0-9a-f]+\.tmp$/.exec(name);
      const owner = Number(temp?.[1]);
      if (temp && owner !== process.pid) {
        if (otherProcessAlive(owner)) read.tempOwners.push(owner);
        else await unlink(join(this.dir, name)).catch(() => undefined);
      }
      if (!/^[0-9a-f-]{36}\.json$/.test(name)) continue;
      const state = await this.read(name.slice(0, -5));
      if (state) read.states.push(state);
    }
    return read;
  }

  /**
   * Every saved multipart upload by its upload id, whichever Pail process holds it (one running,
   * paused, or interrupted): the file it sends. Lets a list of a bucket's unfinished uploads say which are Pail's.
   */
  async savedUploads(): Promise<Map<string, { filePath: string }>> {
    const uploads = new Map<string, { filePath: string }>();
    for (const state of await this.folderStates()) if (state.kind === 'upload') uploads.set(state.uploadId, { filePath: state.filePath });
    return uploads;
  }

  /** The saved upload of this file to this key, if one can be resumed. */
  async findUpload(match: { profileId: string; bucket: string; key: string; filePath: string }): Promise<UploadState | undefined> {
    for (const state of await this.free()) {
      if (
        state.kind === 'upload' &&
        state.profileId === match.profileId &&
        state.bucket === match.bucket &&
        state.key === match.key &&
        state.filePath === match.filePath
      )
        return structuredClone(state);
    }
    return undefined;
  }

  /**
   * The saved download a transfer goes on from: its own (by `id`), else one of this object to this file (the same
   * download started again: a new batch, a CLI run after Ctrl-C). A folder of small files, which save no state,
   * asks this once per file: the folder is read again only when it changed.
   */
  async findDownload(match: { profileId: string; bucket: string; key: string; targetPath: string }, id?: string): Promise<DownloadState | undefined> {
    const states = await this.folderStates();
    const own = states.find((state) => state.id === id);
    if (own?.kind === 'download') return structuredClone(own);
    for (const state of states) {
      if (
        state.kind === 'download' &&
        !otherProcessAlive(state.ownerPid) &&
        state.profileId === match.profileId &&
        state.bucket === match.bucket &&
        state.key === match.key &&
        state.targetPath === match.targetPath
      )
        return structuredClone(state);
    }
    return undefined;
  }
}
