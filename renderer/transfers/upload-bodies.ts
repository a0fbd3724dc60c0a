import type { BodyWanted } from '../../shared/transfers';

/**
 * The web transport's upload bodies: the Files of a drop or a picker, kept by
 * ticket (a random id the page gives each file) until the engine asks for each
 * (`transfer:bodyWanted`), then streamed to the server. A module, not React
 * state: Files are handles to disk, not data to render.
 */

/** Streams one body (from the offset asked) to the server (`api.sendBody`). */
export type SendBody = (wanted: BodyWanted, body: Blob) => Promise<void>;

// batchId is unknown until `transfers:uploadStreams` answers, and the engine may ask before that.
const bodies = new Map<string, { body: Blob; batchId?: string }>();
let sender: SendBody | undefined;

/** Sets how bodies are sent (once, when events start). */
export function setBodySender(send: SendBody | undefined): void {
  sender = send;
}

/** A new ticket for a file (a UUID, as the contract wants). */
export const newTicket = (): string => crypto.randomUUID();

/** Keeps Files under their tickets, before the request that names them is sent. */
export function keepBodies(files: readonly { ticket: string; body: Blob }[]): void {
  for (const { ticket, body } of files) bodies.set(ticket, { body });
}

/** Ties kept Files to the batch they became (so clearing it lets them go). */
export function assignBatch(tickets: readonly string[], batchId: string): void {
  for (const ticket of tickets) {
    const kept = bodies.get(ticket);
    if (kept) kept.batchId = batchId;
  }
}

/** Lets go of Files whose request failed. */
export function forgetTickets(tickets: readonly string[]): void {
  for (const ticket of tickets) bodies.delete(ticket);
}

/**
 * The engine wants a body: sends it from the offset asked. The File stays
 * kept (a resume or a retry asks again) until its batch is cleared. An
 * unknown ticket is ignored: the server times it out and reports the transfer.
 */
export function bodyWanted(wanted: BodyWanted): void {
  const kept = bodies.get(wanted.ticket);
  // A failed send shows as the transfer's failure: the server times the ticket out and says so.
  if (kept) void sender?.(wanted, kept.body).catch(() => undefined);
}

/** Lets go of the Files of batches that are gone (cleared from the panel). */
export function forgetBatches(batchIds: Iterable<string>): void {
  const gone = new Set(batchIds);
  if (gone.size === 0) return;
  for (const [ticket, kept] of bodies) if (kept.batchId && gone.has(kept.batchId)) bodies.delete(ticket);
}

/** How many bodies are kept (for tests). */
export const keptBodyCount = (): number => bodies.size;
