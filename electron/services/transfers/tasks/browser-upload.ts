import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { PailError } from '../../../../shared/errors';
import type { BodyWanted } from '../../../../shared/transfers';
import { partSizeFor } from './file-hash';
import { failWhenSilent } from '../io/once-source';
import { uploadStreamMultipart, type StreamUploadState } from './stream-multipart';
import { uploadStream } from './stream-upload';
import { abortUpload } from './multipart-requests';
import type { TaskContext, TaskOutcome, TransferTask } from '../engine/task-types';
import { transferError } from '../engine/transfer-errors';
import { applyConflictPolicy, confirmEncryption, type UploadTarget } from './upload-common';
import { uploadTargetOf, type UploadDeps } from './upload-task';

/** How long a task waits for the page to start sending a body it asked for. */
export const BODY_WAIT_MS = 30_000;
/** How long a body may go without a byte (while Pail would take more) before its transfer fails. */
export const BODY_STALL_MS = 30_000;

/** A body the page is sending, and how to answer its request when the task is done with it. */
export interface IncomingBody {
  stream: Readable;
  /** Ends the page's request: 204 when stored, an error status otherwise. */
  done(error?: unknown): void;
}

interface Waiter {
  offset: number;
  resolve(body: IncomingBody): void;
}

/**
 * Bodies of files the page holds (the web transport): each file gets a ticket;
 * when its transfer runs, the task asks the page for the bytes (an event with
 * the ticket and the offset to start from) and the page POSTs them to
 * `/upload/<ticket>`, where the server hands the request stream over. The page
 * sends only what the engine is ready to take, so a batch of 10,000 files never
 * holds 10,000 requests open, and no file is buffered whole on either side.
 */
export class BrowserBodies {
  private readonly issued = new Set<string>();
  private readonly waiting = new Map<string, Waiter>();

  constructor(
    private readonly ask: (wanted: BodyWanted) => void,
    private readonly waitMs = BODY_WAIT_MS,
    /** See BODY_STALL_MS. */
    readonly stallMs = BODY_STALL_MS,
  ) {}

  /** Registers a file's ticket (the page's own id for it, or a new one); false when it is taken. */
  issue(ticket: string = randomUUID()): string | false {
    if (this.issued.has(ticket)) return false;
    this.issued.add(ticket);
    return ticket;
  }

  /** Forgets a ticket (its transfer finished or was cleared). */
  revoke(ticket: string): void {
    this.issued.delete(ticket);
    this.waiting.delete(ticket);
  }

  /** Asks the page for a file's bytes from `offset`, and waits for them to start coming (at most `waitMs`). */
  request(ticket: string, offset: number, signal: AbortSignal): Promise<IncomingBody> {
    if (!this.issued.has(ticket)) return Promise.reject(gone());
    return new Promise((resolve, reject) => {
      const stop = (error: unknown) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (this.waiting.get(ticket)?.resolve === settle) this.waiting.delete(ticket);
        reject(error);
      };
      const onAbort = () => stop(signal.reason);
      const timer = setTimeout(() => stop(gone()), this.waitMs);
      const settle = (body: IncomingBody) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolve(body);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(ticket, { offset, resolve: settle });
      this.ask({ ticket, offset });
    });
  }

  /**
   * Hands a request's body to the task waiting for it. Resolves when the task
   * is done with it (undefined: stored; an error otherwise); false at once when
   * no task waits for this ticket (an old page, a replayed request).
   */
  deliver(ticket: string, stream: Readable): false | Promise<unknown> {
    const waiter = this.waiting.get(ticket);
    if (!waiter) return false;
    this.waiting.delete(ticket);
    return new Promise((resolve) => waiter.resolve({ stream, done: resolve }));
  }
}

function pageSilent(key: string, stallMs: number): Error {
  return new PailError({
    code: 'Timeout',
    message: `${key}: the page has sent nothing for ${Math.round(stallMs / 1000)} s and is not answering.`,
    hint: 'Keep the Pail tab open (and the SSH tunnel up, if you use one) while it uploads, then upload the file again.',
  });
}

function gone(): Error {
  return transferError(
    'SourceUnavailable',
    'The page did not send the file.',
    'Files dropped into a page that was since reloaded or closed cannot be sent again: drop or pick them again.',
  );
}

/** One file the page holds, and where it goes. */
export interface BrowserUploadItem {
  ticket: string;
  key: string;
  name: string;
  size: number;
}

/**
 * Uploads a file the page streams: a single PUT for small files; for files
 * above the multipart threshold a multipart upload that can pause between
 * parts and resume from where it stopped (the page sends the rest of the file).
 * A restart loses it (the file lives in the page), so nothing is saved to disk.
 */
export class BrowserUploadTask implements TransferTask {
  private state?: StreamUploadState;
  private target?: UploadTarget;

  constructor(
    private readonly item: BrowserUploadItem,
    private readonly deps: UploadDeps & { bodies: BrowserBodies },
  ) {}

  async run(ctx: TaskContext): Promise<TaskOutcome> {
    const { item, deps } = this;
    const target = await uploadTargetOf(deps, item.key, item.name);
    this.target = target;
    ctx.setTotal(item.size);
    if (!this.state?.uploadId) {
      const decided = await applyConflictPolicy(ctx, target);
      if (decided) return decided;
    }
    const multipart = item.size > ctx.tuning.multipartThreshold;
    if (multipart) this.state ??= { md5s: [], etags: [], sent: 0 };
    const offset = this.state?.sent ?? 0;
    ctx.setBytes(offset);
    const body = await deps.bodies.request(item.ticket, offset, ctx.signal);
    const source = { stream: body.stream, from: 'the page', retryHint: 'Upload the file again (drop or pick it again if the page was reloaded).' };
    const unwatch = failWhenSilent(body.stream, deps.bodies.stallMs, () => pageSilent(item.key, deps.bodies.stallMs));
    try {
      if (!this.state) {
        await uploadStream(ctx, target, source, item.size, item.size);
      } else {
        const partSize = partSizeFor(item.size, ctx.tuning.minPartSize);
        const { paused } = await uploadStreamMultipart(ctx, target, source, partSize, item.size, { state: this.state, size: item.size });
        if (paused) {
          body.done(new Error('Paused.'));
          return { state: 'paused' };
        }
        this.state = undefined;
      }
      body.done();
      await confirmEncryption(ctx, target);
      return { state: 'done' };
    } catch (error) {
      body.done(error);
      throw error;
    } finally {
      unwatch();
    }
  }

  /** After a cancel: aborts the multipart upload a paused or failed run left open. */
  async discard(): Promise<void> {
    const uploadId = this.state?.uploadId;
    this.state = undefined;
    this.deps.bodies.revoke(this.item.ticket);
    if (uploadId && this.target) await abortUpload(this.target, uploadId);
  }
}
