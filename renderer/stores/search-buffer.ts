import type { JobFinished } from '../../shared/jobs';
import type { Entry } from './listing';

/**
 * Search events that arrived before the pane knew its search's job id (the
 * events and the answer to `s3:search` travel separately). The pane claims
 * them as soon as it learns the id.
 */
interface Buffered {
  entries: Entry[];
  finished?: JobFinished;
}

const buffered = new Map<string, Buffered>();
const LIMIT = 20;

function slot(jobId: string): Buffered {
  let entry = buffered.get(jobId);
  if (!entry) {
    // Searches nobody claims (cancelled before their id came back) must not pile up.
    if (buffered.size >= LIMIT) buffered.delete(buffered.keys().next().value!);
    buffered.set(jobId, (entry = { entries: [] }));
  }
  return entry;
}

/** Keeps results of a search no pane has claimed yet. */
export function bufferSearchResults(jobId: string, entries: Entry[]): void {
  slot(jobId).entries.push(...entries);
}

/** Keeps the end of a search no pane has claimed yet. */
export function bufferSearchFinished(finished: JobFinished): void {
  slot(finished.jobId).finished = finished;
}

/** Hands over (and forgets) what arrived for a search before it was claimed. */
export function claimSearch(jobId: string): Buffered | undefined {
  const entry = buffered.get(jobId);
  buffered.delete(jobId);
  return entry;
}
