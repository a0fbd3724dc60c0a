import { mkdir, open, readdir, readFile, rm, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { CONFLICT_POLICIES } from '../../../../shared/transfers';
import { UPLOAD_ACLS } from '../../../../shared/providers';
import { uploadOptionsSchema } from '../../../../shared/upload-options';
import { inspect, writeFileAtomic } from '../../atomic-file';
import { asPosition, comparePositions, positionKey, type Position, type PositionOrder, type ResumePoint } from './journal-position';
import { moveAside, otherProcessAlive, reportOnStderr, type SetAsideState } from './state-store';

/**
 * What a folder batch was asked to do, written once when it starts: enough
 * to find its files again after a restart. Secrets never go in it (the
 * profile by its id only).
 */
const headerSchema = z.object({
  version: z.literal(1),
  /** The batch's id (also the folder's name); a restored batch keeps it. */
  id: z.string().uuid(),
  profileId: z.string().min(1),
  bucket: z.string().min(1),
  title: z.string(),
  conflict: z.enum(CONFLICT_POLICIES),
  createdAt: z.string(),
  /** The process working on it; another live process's journal is left alone. */
  ownerPid: z.number().int(),
  request: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('upload'),
      sources: z.array(z.object({ path: z.string().min(1), key: z.string().optional() })),
      prefix: z.string(),
      options: uploadOptionsSchema.omit({ acl: true }).extend({ acl: z.enum(UPLOAD_ACLS).optional() }),
    }),
    z.object({
      kind: z.literal('download'),
      specs: z.array(z.union([z.object({ key: z.string(), as: z.string().optional() }), z.object({ prefix: z.string(), as: z.string().optional() })])),
      targetDir: z.string().min(1),
    }),
  ]),
});
export type JournalHeader = z.infer<typeof headerSchema>;

/** How often a journal's finished files are appended at most (a crash loses at most this much: those files are sent again). */
export const JOURNAL_FLUSH_MS = 250;

const HEADER = 'header.json';
const LOG = 'done.log';

/** Where a file of the batch stands in the journal (see BatchJournal.issue). */
export interface JournalEntry {
  readonly at: Position;
  state: 'open' | 'done' | 'retry';
  /** Passed by the watermark (or given again at or before it). */
  passed: boolean;
  /** Its "done" line is written. */
  written: boolean;
  bytes: number;
}

/** Says a journal problem on stderr, where the CLI's and the web mode's user reads it. */

/**
 * The journal of one folder batch, as it runs: its files are issued in the
 * source's order and settled in any order; what is done is appended to
 * `done.log` through one open handle at most every JOURNAL_FLUSH_MS, never
 * rewritten. Lines (JSON, one each):
 *   {"w":POS,"n":N,"b":B}   everything at or before POS is settled; N files (B bytes) done in all
 *   {"d":POS,"b":B}         done, after the watermark (finished out of order) or tried again before it
 *   {"r":POS}               not done (failed, cancelled, paused, waiting for an answer): give it again on resume
 * It holds the files issued and not yet passed by the watermark (the queue's
 * window), however big the batch.
 */
export class BatchJournal {
  private readonly open: JournalEntry[] = [];
  private head = 0;
  private lines: string[] = [];
  private watermark?: Position;
  private doneFiles: number;
  private doneBytes: number;
  private dirty = false;
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;
  /** Appends made (for tests and benchmarks: a few a second, never one per file). */
  appends = 0;
  /** It goes on from an earlier run's work (taken over, not new): a batch that fails to start keeps it. */
  readonly carriesWork: boolean;

  constructor(
    readonly dir: string,
    readonly header: JournalHeader,
    readonly order: PositionOrder,
    private readonly handle: FileHandle,
    start: { watermark?: Position; files: number; bytes: number },
    private readonly report: (note: SetAsideState) => void = reportOnStderr,
  ) {
    this.watermark = start.watermark;
    this.carriesWork = start.watermark !== undefined || start.files > 0;
    this.doneFiles = start.files;
    this.doneBytes = start.bytes;
  }

  get id(): string {
    return this.header.id;
  }

  /** A file the source gave, at its position; one at or before the watermark is one given again (to retry). */
  issue(at: Position): JournalEntry {
    const entry: JournalEntry = { at, state: 'open', passed: false, written: false, bytes: 0 };
    if (this.watermark && comparePositions(at, this.watermark, this.order) <= 0) {
      entry.passed = true;
      entry.state = 'retry';
    } else this.open.push(entry);
    return entry;
  }

  /** A file finished (done or skipped: "done"), or stopped where a resume must give it again ("retry"), or started again ("open"). */
  settle(entry: JournalEntry, outcome: JournalEntry['state'], bytes = 0): void {
    if (this.closed || entry.state === 'done' || entry.state === outcome) return;
    if (outcome === 'done') {
      this.doneFiles += 1;
      this.doneBytes += bytes;
      entry.bytes = bytes;
      if (entry.passed) this.lines.push(JSON.stringify({ d: entry.at, b: bytes }));
      entry.written = entry.passed;
    }
    entry.state = outcome;
    this.advance();
    this.schedule();
  }

  /** Moves the watermark over the settled files at the head of the order. */
  private advance(): void {
    while (this.head < this.open.length && this.open[this.head].state !== 'open') {
      const entry = this.open[this.head];
      this.head += 1;
      entry.passed = true;
      this.watermark = entry.at;
      if (entry.state === 'retry') this.lines.push(JSON.stringify({ r: entry.at }));
    }
    if (this.head > 1024 && this.head * 2 > this.open.length) {
      this.open.splice(0, this.head);
      this.head = 0;
    }
  }

  private schedule(): void {
    this.dirty = true;
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, JOURNAL_FLUSH_MS);
    this.timer.unref();
  }

  /** Appends what changed since the last flush: retries and out-of-order finishes, then the watermark and the counts. */
  flush(): Promise<void> {
    if (!this.dirty) return this.writing;
    this.dirty = false;
    const lines = this.lines;
    this.lines = [];
    for (let i = this.head; i < this.open.length; i += 1) {
      const entry = this.open[i];
      if (entry.state === 'done' && !entry.written) {
        lines.push(JSON.stringify({ d: entry.at, b: entry.bytes }));
        entry.written = true;
      }
    }
    lines.push(JSON.stringify({ ...(this.watermark && { w: this.watermark }), n: this.doneFiles, b: this.doneBytes }));
    const text = `${lines.join('\n')}\n`;
    this.writing = this.writing.then(async () => {
      try {
        await this.handle.write(text);
        this.appends += 1;
      } catch (error) {
        this.failed(error);
      }
    });
    return this.writing;
  }

  private failed(error: unknown): void {
    if (this.closed) return;
    this.closed = true;
    const problem = (error as NodeJS.ErrnoException).code ?? String(error);
    this.report({
      path: this.dir,
      problem,
      words: `Pail could not note the progress of “${this.header.title}” in ${this.dir} (${problem}): the batch goes on, but if Pail is closed before it ends, it starts over.`,
    });
  }

  /** Writes what is pending and closes the file (the journal stays, for the next start). */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.closed) await this.flush();
    this.closed = true;
    await this.writing;
    await this.handle.close().catch(() => undefined);
  }

  /** Deletes the journal: the batch ended (or was cancelled, or cleared). */
  async remove(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.writing;
    await this.handle.close().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** A journal found at start: its header, how far it got, and what is left to give again. */
export interface FoundJournal {
  dir: string;
  header: JournalHeader;
  point: ResumePoint;
  /** Files done (and their bytes), from the journal. */
  files: number;
  bytes: number;
}

/** The order of a journal's positions. */
export const orderOf = (header: JournalHeader): PositionOrder => (header.request.kind === 'upload' ? 'walk' : 'listing');

/**
 * Batch journals under `<dataDir>/batches/<batchId>/`: `header.json` written
 * once atomically, `done.log` appended (see BatchJournal). A damaged header
 * sets its journal aside (moved to `<batchId>.damaged-<time>`, reported); a
 * torn last line of a log (a crash mid-append) is cut off.
 */
export class BatchJournals {
  readonly dir: string;
  /** Journals set aside in this run, for a UI to show. */
  readonly setAside: SetAsideState[] = [];

  constructor(
    dataDir: string,
    private readonly report: (note: SetAsideState) => void = reportOnStderr,
  ) {
    this.dir = join(dataDir, 'batches');
  }

  /** Starts the journal of a new batch. */
  async create(header: Omit<JournalHeader, 'version' | 'ownerPid'>): Promise<BatchJournal> {
    const full: JournalHeader = { version: 1, ...header, ownerPid: process.pid };
    const dir = join(this.dir, full.id);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(join(dir, HEADER), JSON.stringify(full));
    const handle = await open(join(dir, LOG), 'a', 0o600);
    return new BatchJournal(dir, full, orderOf(full), handle, { files: 0, bytes: 0 }, this.report);
  }

  /** Takes over a journal found at start: this process owns it now, and appends to it. */
  async adopt(found: FoundJournal): Promise<BatchJournal> {
    const header = { ...found.header, ownerPid: process.pid };
    await writeFileAtomic(join(found.dir, HEADER), JSON.stringify(header));
    const handle = await open(join(found.dir, LOG), 'a', 0o600);
    return new BatchJournal(
      found.dir,
      header,
      orderOf(header),
      handle,
      { watermark: found.point.watermark, files: found.files, bytes: found.bytes },
      this.report,
    );
  }

  /** Every readable journal that no other live process is working on. */
  async list(): Promise<FoundJournal[]> {
    const found: FoundJournal[] = [];
    for (const { dir, header } of await this.headers()) found.push({ dir, header, ...(await readLog(join(dir, LOG), orderOf(header))) });
    return found;
  }

  /**
   * The journal of a batch asked for again (the same command run after Ctrl-C or a kill), if one
   * no live process holds has the same request; `held` says which batches this process has already.
   */
  async findSame(
    asked: Omit<JournalHeader, 'version' | 'ownerPid' | 'id' | 'title' | 'createdAt'>,
    held: (id: string) => boolean,
  ): Promise<FoundJournal | undefined> {
    const wanted = JSON.parse(JSON.stringify(asked)) as unknown;
    for (const { dir, header } of await this.headers()) {
      if (held(header.id)) continue;
      const { profileId, bucket, conflict, request } = header;
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify({ profileId, bucket, conflict, request })), wanted)) continue;
      return { dir, header, ...(await readLog(join(dir, LOG), orderOf(header))) };
    }
    return undefined;
  }

  /** The headers of the journals no other live process is working on (damaged ones set aside). */
  private async headers(): Promise<{ dir: string; header: JournalHeader }[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const found: { dir: string; header: JournalHeader }[] = [];
    for (const name of names) {
      if (!/^[0-9a-f-]{36}$/.test(name)) continue;
      const dir = join(this.dir, name);
      const header = await this.readHeader(dir);
      if (header && !otherProcessAlive(header.ownerPid)) found.push({ dir, header });
    }
    return found;
  }

  /** Reads one journal; undefined (and set aside, reported) when its header is damaged or missing. */
  async read(dir: string): Promise<FoundJournal | undefined> {
    const header = await this.readHeader(dir);
    return header && { dir, header, ...(await readLog(join(dir, LOG), orderOf(header))) };
  }

  private async readHeader(dir: string): Promise<JournalHeader | undefined> {
    const inspected = await inspect(join(dir, HEADER), headerSchema).catch((error: Error) => ({ state: 'damaged' as const, problem: error.message }));
    if (inspected.state !== 'good') {
      await this.putAside(dir, inspected.state === 'missing' ? `${join(dir, HEADER)} is missing.` : inspected.problem);
      return undefined;
    }
    const header = inspected.content.value;
    if (header.id !== dir.slice(-36)) {
      await this.putAside(dir, `${join(dir, HEADER)} names another batch.`);
      return undefined;
    }
    return header;
  }

  private async putAside(dir: string, problem: string): Promise<void> {
    await moveAside(dir, problem, this.setAside, this.report, (movedTo) =>
      movedTo
        ? `A folder transfer could not be resumed: ${problem} Pail moved its journal to ${movedTo}; that transfer starts over if run again, and the others carry on.`
        : `A folder transfer could not be resumed: ${problem} Pail could not move its journal aside either; the other transfers carry on.`,
    );
  }
}

/**
 * Reads a journal's log into where it got: the last watermark and counts, the
 * retries at or before it and the finishes after it. A torn last line (no
 * newline: a crash mid-append) is cut off the file, so appends start clean; a
 * line that cannot be read is passed over (its file is sent again, at worst).
 */
export async function readLog(path: string, order: PositionOrder): Promise<Omit<FoundJournal, 'dir' | 'header'>> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const end = text.lastIndexOf('\n') + 1;
  if (end < text.length) await truncate(path, Buffer.byteLength(text.slice(0, end))).catch(() => undefined);
  let watermark: Position | undefined;
  let files = 0;
  let bytes = 0;
  const done = new Map<string, Position>();
  const retry = new Map<string, Position>();
  const after = (at: Position) => watermark === undefined || comparePositions(at, watermark, order) > 0;
  for (let start = 0; start < end;) {
    const stop = text.indexOf('\n', start);
    const line = text.slice(start, stop);
    start = stop + 1;
    let value: { w?: unknown; d?: unknown; r?: unknown; n?: unknown; b?: unknown };
    try {
      value = JSON.parse(line) as typeof value;
    } catch {
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    const count = typeof value.b === 'number' && value.b >= 0 ? value.b : 0;
    if ('n' in value) {
      if (typeof value.n !== 'number' || value.n < 0) continue;
      const at = asPosition(value.w);
      if (at && after(at)) {
        watermark = at;
        for (const [key, position] of done) if (!after(position)) done.delete(key);
      }
      files = value.n;
      bytes = count;
    } else if ('d' in value) {
      const at = asPosition(value.d);
      if (!at) continue;
      const key = positionKey(at);
      retry.delete(key);
      // Counted on top of the last watermark line's totals (a later one counts it in its own).
      files += 1;
      bytes += count;
      if (after(at)) done.set(key, at);
    } else if ('r' in value) {
      const at = asPosition(value.r);
      if (at) retry.set(positionKey(at), at);
    }
  }
  return { point: { order, ...(watermark && { watermark }), done: new Set(done.keys()), retry: [...retry.values()] }, files, bytes };
}
