import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { ObjectRef } from './object-details-service';
import type { S3ClientProvider } from './s3-client-factory';
import { toPailError } from './s3-errors';

/** How long a local object link works. */
export const OBJECT_LINK_TTL_MS = 60 * 60 * 1000;
const MAX_TICKETS = 1000;

interface Ticket {
  ref: ObjectRef;
  download: boolean;
  expires: number;
}

/** An HTTP-like answer for a local object link. */
export interface ObjectStreamResponse {
  status: number;
  headers: Record<string, string>;
  body?: Readable;
}

/** Only byte ranges of one span are passed on ("bytes=0-1023", "bytes=500-", "bytes=-200"). */
function safeRange(range: string | undefined): string | undefined {
  return range && /^bytes=(\d+-\d*|-\d+)$/.test(range.trim()) ? range.trim() : undefined;
}

function contentDisposition(key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1) || 'download';
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Local links to objects, so the renderer can show images, audio, video and
 * PDFs without seeing credentials or loading remote content: the main process
 * issues an unguessable ticket, and the transport (the web server's
 * `/object/<ticket>` route, or Electron's `pail-object:` protocol) streams the
 * object through it, passing Range requests on, so a big file is never read whole.
 */
export class ObjectStreams {
  private readonly tickets = new Map<string, Ticket>();

  constructor(
    private readonly clients: S3ClientProvider,
    private readonly now: () => number = Date.now,
  ) {}

  /** Issues a ticket for one object (or version). */
  issue(ref: ObjectRef, download = false): string {
    const now = this.now();
    for (const [id, ticket] of this.tickets) if (ticket.expires < now) this.tickets.delete(id);
    if (this.tickets.size >= MAX_TICKETS) this.tickets.delete(this.tickets.keys().next().value!);
    const id = randomBytes(24).toString('base64url');
    this.tickets.set(id, { ref, download, expires: now + OBJECT_LINK_TTL_MS });
    return id;
  }

  /** Answers a request for a ticket, honouring a Range header. */
  async open(ticketId: string, range?: string, signal?: AbortSignal): Promise<ObjectStreamResponse> {
    const ticket = this.tickets.get(ticketId);
    if (!ticket || ticket.expires < this.now()) {
      return {
        status: 404,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        body: Readable.from(['This link has expired; open the preview again.\n']),
      };
    }
    const { ref } = ticket;
    const { client, profile } = await this.clients.clientFor(ref.profileId, ref.bucket);
    try {
      const out = await client.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key, VersionId: ref.versionId, Range: safeRange(range) }), {
        abortSignal: signal,
      });
      const headers: Record<string, string> = {
        'Content-Type': out.ContentType || 'application/octet-stream',
        'Accept-Ranges': 'bytes',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      };
      if (out.ContentLength !== undefined) headers['Content-Length'] = String(out.ContentLength);
      if (out.ContentRange) headers['Content-Range'] = out.ContentRange;
      if (out.ETag) headers.ETag = out.ETag;
      if (out.LastModified) headers['Last-Modified'] = out.LastModified.toUTCString();
      if (ticket.download) headers['Content-Disposition'] = contentDisposition(ref.key);
      return { status: out.ContentRange ? 206 : 200, headers, body: out.Body as Readable };
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 502;
      const info = toPailError(error, `reading ${ref.key}`, profile.endpoint);
      return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: Readable.from([`${info.code}: ${info.message} ${info.hint}\n`]) };
    }
  }
}
