import { GetObjectTaggingCommand, type S3Client } from '@aws-sdk/client-s3';
import type { FolderEntry, ObjectEntry } from '../../shared/ipc/contract';
import type { JobStarted } from '../../shared/jobs';
import { searchInWords, tagsMatch, type SearchRequest, type SearchTag } from '../../shared/search';
import { visibleText } from '../../shared/visible-text';
import { jobIdOf, type JobContext, type JobRunner, type StartedJob } from './job-runner';
import type { S3ClientProvider } from './s3-client-factory';
import { isNotFound, toPailError } from './s3-errors';
import { forEachLimited, listAllObjects, type ListedObject } from './s3-keys';
import { countOf, formatCount } from '../../shared/counts';

/** Where found entries go, batch by batch, while the search runs. */
export type SearchResultsSink = (jobId: string, entries: (FolderEntry | ObjectEntry)[]) => void;

/** Stop after this many matches; the summary says so. */
export const MAX_SEARCH_RESULTS = 10_000;

/** Tag reads in flight at once: one GET per object, so a folder of thousands is read 8 at a time. */
export const TAG_READS_IN_FLIGHT = 8;

/** Error codes saying the server has no object tagging at all: the search stops with them at once. */
const NO_TAGGING = new Set(['NotImplemented', 'MethodNotAllowed', 'UnsupportedOperation']);

function lastSegment(path: string): string {
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Sends results in small batches: at most every 250 ms, or every 100 matches (each batch is merged into the table). */
class ResultsOut {
  private pending: ObjectEntry[] = [];
  private sentAt = Date.now();

  constructor(private readonly send: (entries: ObjectEntry[]) => void) {}

  add(entry: ObjectEntry): void {
    this.pending.push(entry);
    if (this.pending.length >= 100 || Date.now() - this.sentAt >= 250) this.flush();
  }

  flush(): void {
    if (this.pending.length) this.send(this.pending);
    this.pending = [];
    this.sentAt = Date.now();
  }
}

/** Objects whose tags could not be read: how many, and the first one's key and error, for the summary. */
interface Unreadable {
  count: number;
  first?: { key: string; error: unknown };
}

/**
 * Recursive search under a folder: lists every key below it (no delimiter) and
 * streams the objects and folders whose own name contains the query
 * (case-insensitive) as they are found. With a tag, only objects are
 * candidates, and each name match has its tags read (S3 cannot list by tag):
 * those carrying the tag are the results. Runs as a cancellable job.
 */
export class SearchService {
  constructor(
    private readonly clients: S3ClientProvider,
    private readonly jobs: JobRunner,
    private readonly sink: () => SearchResultsSink,
  ) {}

  /** Starts a search (see `startSearch`); answers with the job's id. */
  search(request: SearchRequest): Promise<JobStarted> {
    return jobIdOf(this.startSearch(request));
  }

  /** Starts a search as a job; its results go to the sink (or `onResults`, the CLI's printer) batch by batch. */
  startSearch(request: SearchRequest, onResults?: (entries: (FolderEntry | ObjectEntry)[]) => void): StartedJob {
    const send = (entries: (FolderEntry | ObjectEntry)[]) => (onResults ? onResults(entries) : this.sink()(started.jobId, entries));
    const needle = request.query.toLocaleLowerCase();
    const nameMatches = (name: string) => name.toLocaleLowerCase().includes(needle);
    const title = `Searching ${searchInWords(request)} in ${request.bucket}/${request.prefix}`;
    const started = this.jobs.start('search', title, async (context) => {
      const { client, profile } = await this.clients.clientFor(request.profileId, request.bucket);
      // The folders of the key before: the only ones a key can repeat (see `foldersAbove`).
      const previous = { folders: new Set<string>() };
      const unreadable: Unreadable = { count: 0 };
      let scanned = 0;
      let checked = 0;
      let found = 0;
      const phase = () =>
        request.tag ? `${formatCount(checked)} of ${formatCount(scanned)} objects checked for the tag` : `${formatCount(scanned)} objects searched`;
      try {
        for await (const page of listAllObjects(client, request.bucket, request.prefix, context.signal, profile.endpoint)) {
          const batch: (FolderEntry | ObjectEntry)[] = [];
          const candidates: ObjectEntry[] = [];
          for (const object of page) {
            // Every folder between the prefix and the object is a candidate too (folders carry no tags).
            if (!request.tag) this.foldersAbove(object, request.prefix, previous, nameMatches, batch);
            if (object.key.endsWith('/')) continue;
            const name = lastSegment(object.key);
            if (nameMatches(name)) candidates.push({ kind: 'object', ...object, name });
          }
          scanned += page.length;
          if (request.tag) {
            // Matches show as their tags are read, a few at a time, not only once the page's are all read.
            const out = new ResultsOut(send);
            await this.keepTagged(client, request.bucket, candidates, request.tag, context, unreadable, (entry, matched) => {
              checked += 1;
              if (matched) {
                found += 1;
                out.add(entry);
              }
              context.progress({ done: found, phase: phase() });
            });
            out.flush();
          } else {
            batch.push(...candidates);
            found += batch.length;
            if (batch.length) send(batch);
          }
          context.progress({ done: found, phase: phase() });
          if (found >= MAX_SEARCH_RESULTS) {
            return {
              summary: `Found the first ${formatCount(found)} matches (searched ${formatCount(scanned)} objects); narrow the search to see more.`,
              done: found,
            };
          }
        }
      } catch (error) {
        throw toPailError(error, `searching ${request.bucket}/${request.prefix}`, profile.endpoint);
      }
      // Nothing reports success that did not happen: when no object's tags could be read, the search failed.
      if (unreadable.first && unreadable.count === checked) throw toPailError(unreadable.first.error, `reading the tags of ${unreadable.first.key}`);
      const summary = `Found ${countOf(found, 'match', 'matches')} in ${formatCount(scanned)} objects.`;
      if (!unreadable.first) return { summary, done: found };
      const { key, error } = unreadable.first;
      return {
        summary: `${summary} The tags of ${countOf(unreadable.count, 'object')} could not be read, so they may be missing from the results (${visibleText(key)}: ${toPailError(error).message})`,
        done: found,
      };
    });
    return started;
  }

  /**
   * Adds the folders between the prefix and an object whose own names match,
   * each once. Keys are listed in order, so all the keys of a folder come
   * together: a folder the key before did not have is new, and one it had was
   * seen. Main then holds one key's folders, not every folder of a million keys.
   */
  private foldersAbove(
    object: ListedObject,
    prefix: string,
    previous: { folders: Set<string> },
    matches: (name: string) => boolean,
    batch: (FolderEntry | ObjectEntry)[],
  ) {
    const rest = object.key.slice(prefix.length);
    const folders = new Set<string>();
    let at = rest.indexOf('/');
    while (at !== -1) {
      const folder = prefix + rest.slice(0, at + 1);
      folders.add(folder);
      if (!previous.folders.has(folder)) {
        const name = lastSegment(folder);
        if (matches(name)) batch.push({ kind: 'folder', prefix: folder, name });
      }
      at = rest.indexOf('/', at + 1);
    }
    previous.folders = folders;
  }

  /**
   * Reads each candidate's tags, a few at a time, and tells whether it carries the tag. An object
   * deleted meanwhile is passed over; one whose tags cannot be read is counted; a server without
   * object tagging stops the search with its own error.
   */
  private async keepTagged(
    client: S3Client,
    bucket: string,
    candidates: ObjectEntry[],
    wanted: SearchTag,
    context: JobContext,
    unreadable: Unreadable,
    checked: (entry: ObjectEntry, matched: boolean) => void,
  ): Promise<void> {
    let unsupported: unknown;
    const stop = new AbortController();
    const signal = AbortSignal.any([context.signal, stop.signal]);
    await forEachLimited(
      candidates,
      TAG_READS_IN_FLIGHT,
      async (entry) => {
        try {
          const answer = await client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: entry.key }), { abortSignal: signal });
          checked(
            entry,
            tagsMatch(
              (answer.TagSet ?? []).map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' })),
              wanted,
            ),
          );
        } catch (error) {
          if (signal.aborted) return;
          if (isNotFound(error)) return;
          const failure = toPailError(error);
          if (NO_TAGGING.has(failure.code)) {
            unsupported ??= error;
            stop.abort();
            return;
          }
          unreadable.count += 1;
          unreadable.first ??= { key: entry.key, error };
          checked(entry, false);
        }
      },
      signal,
    );
    if (unsupported) throw unsupported;
  }
}
