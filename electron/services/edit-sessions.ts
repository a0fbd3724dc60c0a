import { randomUUID } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { EditSessionEvent } from '../../shared/text-edit';
import { PailError } from '../../shared/errors';
import type { S3ClientProvider } from './s3-client-factory';
import { toPailError } from './s3-errors';
import { bodyEtag, type TextEditService } from './text-edit-service';
import { safeRelativePath } from './transfers/io/safe-paths';

/** The last segment of a key, the file's name ("a/b.txt" → "b.txt"). */
const lastSegment = (key: string) => key.slice(key.lastIndexOf('/') + 1);

export type { EditSessionEvent };

/** The largest object opened in an application: it is read whole to be saved back. */
export const EDIT_SESSION_MAX_BYTES = 256 * 1024 * 1024;

/** Unconfirmed saves a session remembers (the latest ones): more only while a server stays unreachable. */
const UNCONFIRMED_KEPT = 20;

interface Session {
  id: string;
  ref: { profileId: string; bucket: string; key: string };
  path: string;
  dir: string;
  etag: string;
  /** Size and date of the file as last downloaded or saved: a watch event without a change is passed over. */
  seen: { size: number; mtimeMs: number };
  watcher: FSWatcher;
  timer?: ReturnType<typeof setTimeout>;
  lastChange: number;
  saving?: Promise<void>;
  /**
   * ETags of this session's saves that failed without an answer since the last one that went through:
   * the server may hold those bytes, and they are no one else's change (text-edit-service's `unconfirmed`).
   */
  unconfirmed: string[];
}

/**
 * "Open" on the desktop: an object downloaded to a private folder of the data folder, opened in the
 * system's application, and each save there uploaded back, only over the version opened (the edit
 * rule of shared/text-edit.ts); a change on the server meanwhile is a conflict the page shows. The
 * folder is watched, not the file: editors save by writing a new file and renaming it over the old.
 * A session ends when asked, when the app quits, or after `idleMs` without a save.
 */
export class EditSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly idleTimer: ReturnType<typeof setInterval>;

  constructor(
    private readonly clients: S3ClientProvider,
    private readonly saver: Pick<TextEditService, 'saveBody'>,
    private readonly root: string,
    private readonly emit: (event: EditSessionEvent) => void,
    private readonly options: { settleMs?: number; idleMs?: number; now?: () => number } = {},
  ) {
    this.idleTimer = setInterval(() => void this.endIdleSessions(), 60_000);
    this.idleTimer.unref();
  }

  private get settleMs() {
    return this.options.settleMs ?? 700;
  }

  private now() {
    return (this.options.now ?? Date.now)();
  }

  /** Downloads the object into a folder of its own and starts watching it; answers where the file is. */
  async open(ref: { profileId: string; bucket: string; key: string }): Promise<{ sessionId: string; path: string }> {
    const { client, profile } = await this.clients.clientFor(ref.profileId, ref.bucket);
    const id = randomUUID();
    const dir = join(this.root, id);
    // The key's last segment made safe as a file name (as a download names it): never a path of its own.
    const safe = safeRelativePath(lastSegment(ref.key) || 'object');
    const path = join(dir, 'refused' in safe ? 'object' : safe.segments.join('_'));
    try {
      const out = await client.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
      if ((out.ContentLength ?? 0) > EDIT_SESSION_MAX_BYTES)
        throw new PailError({
          code: 'InvalidRequest',
          message: `${ref.key} is too big to open and save back from an application (over 256 MiB).`,
          hint: 'Download it, edit it, and upload it again.',
        });
      const bytes = await out.Body!.transformToByteArray();
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeFile(path, bytes, { mode: 0o600 });
      const info = await stat(path);
      const session: Session = {
        id,
        ref,
        path,
        dir,
        etag: out.ETag ?? '',
        seen: { size: info.size, mtimeMs: info.mtimeMs },
        watcher: watch(dir, () => this.changed(id)),
        lastChange: this.now(),
        unconfirmed: [],
      };
      session.watcher.on('error', () => undefined);
      this.sessions.set(id, session);
      return { sessionId: id, path };
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw toPailError(error, `opening ${ref.key}`, profile.endpoint);
    }
  }

  /** Saves the file over the object whatever the server holds (the user's answer to a conflict). */
  async overwrite(sessionId: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (session) await this.save(session, true);
  }

  /** Ends a session: stops watching, and removes the file and its folder. */
  async stop(sessionId: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    this.sessions.delete(sessionId);
    session.watcher.close();
    if (session.timer) clearTimeout(session.timer);
    await session.saving;
    await rm(session.dir, { recursive: true, force: true });
  }

  /** Ends every session (the app quits). */
  async dispose(): Promise<void> {
    clearInterval(this.idleTimer);
    await Promise.all([...this.sessions.keys()].map((id) => this.stop(id)));
  }

  /** Sessions open now. */
  list(): { sessionId: string; key: string; path: string }[] {
    return [...this.sessions.values()].map((s) => ({ sessionId: s.id, key: s.ref.key, path: s.path }));
  }

  /** Ends the sessions without a save for `idleMs` (4 hours unless given); a timer calls it every minute. */
  async endIdleSessions(): Promise<void> {
    const idleMs = this.options.idleMs ?? 4 * 60 * 60 * 1000;
    const idle = [...this.sessions.values()].filter((session) => this.now() - session.lastChange > idleMs);
    await Promise.all(idle.map((session) => this.stop(session.id)));
  }

  /** A change in the folder: saved once the file has been still for `settleMs` (an editor writes in steps). */
  private changed(id: string): void {
    const session = this.sessions.get(id);
    if (!session) return;
    if (session.timer) clearTimeout(session.timer);
    session.timer = setTimeout(() => void this.save(session, false), this.settleMs);
  }

  private async save(session: Session, overwrite: boolean): Promise<void> {
    await session.saving;
    session.saving = (async () => {
      const info = await stat(session.path).catch(() => undefined);
      if (!info || (!overwrite && info.size === session.seen.size && info.mtimeMs === session.seen.mtimeMs)) return;
      const { key } = session.ref;
      let body: Buffer | undefined;
      try {
        body = await readFile(session.path);
        const saved = await this.saver.saveBody(session.ref, body, overwrite ? undefined : session.etag, { unconfirmed: session.unconfirmed });
        session.etag = saved.etag;
        session.unconfirmed = [];
        session.seen = { size: info.size, mtimeMs: info.mtimeMs };
        session.lastChange = this.now();
        this.emit({ kind: 'saved', sessionId: session.id, key, etag: saved.etag });
      } catch (error) {
        const failed = toPailError(error, `saving ${key}`).toInfo();
        // A save that failed for want of an answer may still have reached the server: its bytes stay ours.
        if (body && failed.code !== 'EditConflict') session.unconfirmed = [...session.unconfirmed, bodyEtag(body)].slice(-UNCONFIRMED_KEPT);
        this.emit({ kind: failed.code === 'EditConflict' ? 'conflict' : 'failed', sessionId: session.id, key, error: failed });
      }
    })();
    await session.saving;
  }
}
