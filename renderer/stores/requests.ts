import { create } from 'zustand';
import type { RequestChannel } from '../../shared/ipc/channels';

/** A request to the main process still waiting for its answer. */
export interface PendingRequest {
  /** Stable for the call, across retries. */
  key: string;
  channel: RequestChannel;
  /** What it does, in words ("Listing photos/2024/"). */
  label: string;
  /** When the current try was sent (ms since the epoch). */
  sentAt: number;
  /** Tries so far (a Retry sends it again). */
  tries: number;
}

/** The requests in flight, oldest first, and how to stop or resend one (set by the tracked API). */
export interface RequestsState {
  pending: PendingRequest[];
  add(request: PendingRequest): void;
  /** Records a new try of a request (Retry). */
  resent(key: string, sentAt: number): void;
  remove(key: string): void;
  /** Stops waiting for a request (its caller gets `Cancelled`; the main process stops its server calls). */
  cancel(key: string): void;
  /** Sends a request again; its caller gets the new answer. */
  retry(key: string): void;
  /** Set once by the tracked API: how cancel and retry reach a request. */
  controls?: { cancel(key: string): void; retry(key: string): void };
}

/** Requests in flight, for the "the server has not answered" notice. */
export const useRequestsStore = create<RequestsState>()((set, get) => ({
  pending: [],
  cancel: (key) => get().controls?.cancel(key),
  retry: (key) => get().controls?.retry(key),
  add: (request) => set((state) => ({ pending: [...state.pending, request] })),
  resent: (key, sentAt) => set((state) => ({ pending: state.pending.map((p) => (p.key === key ? { ...p, sentAt, tries: p.tries + 1 } : p)) })),
  remove: (key) => set((state) => ({ pending: state.pending.filter((p) => p.key !== key) })),
}));

/** The request that has waited longest for an answer, if any. */
export const selectOldestPending = (state: Pick<RequestsState, 'pending'>): PendingRequest | undefined =>
  state.pending.reduce<PendingRequest | undefined>((oldest, p) => (!oldest || p.sentAt < oldest.sentAt ? p : oldest), undefined);

/** Listings come first in the notice: they are what the user is looking at. */
const LISTINGS = new Set(['s3:listObjects', 's3:listVersions', 's3:listBuckets']);

/** The requests waiting at least `afterMs` at `now`, and the one the notice names (a listing if any, else the oldest). */
export function slowRequests(
  pending: PendingRequest[],
  now: number,
  afterMs: number,
): { headline: PendingRequest; keys: string[]; waitedMs: number } | undefined {
  const slow = pending.filter((p) => now - p.sentAt >= afterMs);
  if (slow.length === 0) return undefined;
  const oldest = selectOldestPending({ pending: slow })!;
  const headline = slow.find((p) => LISTINGS.has(p.channel)) ?? oldest;
  return { headline, keys: slow.map((p) => p.key), waitedMs: now - oldest.sentAt };
}
