import type { FolderEntry, ObjectEntry, ParsedRequestOf } from '../../shared/ipc/contract';
import type { JobStarted } from '../../shared/jobs';
import { jobIdOf, type JobRunner, type StartedJob } from './job-runner';
import type { S3ClientProvider } from './s3-client-factory';
import { toPailError } from './s3-errors';
import { listAllObjects } from './s3-keys';
import { countOf, formatCount } from '../../shared/counts';

/** A search request: names containing `query` anywhere under `prefix`. */
export type SearchRequest = ParsedRequestOf<'s3:search'>;

/** Where found entries go, batch by batch, while the search runs. */
export type SearchResultsSink = (jobId: string, entries: (FolderEntry | ObjectEntry)[]) => void;

/** Stop after this many matches; the summary says so. */
export const MAX_SEARCH_RESULTS = 10_000;

function lastSegment(path: string): string {
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/**
 * Recursive search by name under a folder: lists every key below it (no
 * delimiter) and streams the objects and folders whose own name contains the
 * query (case-insensitive) as they are found. Runs as a cancellable job.
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

  /** Starts a search as a job; its results go to the sink batch by batch. */
  startSearch(request: SearchRequest): StartedJob {
    const needle = request.query.toLocaleLowerCase();
    const started = this.jobs.start('search', `Searching for "${request.query}" in ${request.bucket}/${request.prefix}`, async (context) => {
      const { client, profile } = await this.clients.clientFor(request.profileId, request.bucket);
      const foldersSeen = new Set<string>();
      let scanned = 0;
      let found = 0;
      try {
        for await (const page of listAllObjects(client, request.bucket, request.prefix, context.signal)) {
          const batch: (FolderEntry | ObjectEntry)[] = [];
          for (const object of page) {
            // Every folder between the prefix and the object is a candidate too.
            const rest = object.key.slice(request.prefix.length);
            let at = rest.indexOf('/');
            while (at !== -1) {
              const folder = request.prefix + rest.slice(0, at + 1);
              if (!foldersSeen.has(folder)) {
                foldersSeen.add(folder);
                const name = lastSegment(folder);
                if (name.toLocaleLowerCase().includes(needle)) batch.push({ kind: 'folder', prefix: folder, name });
              }
              at = rest.indexOf('/', at + 1);
            }
            if (object.key.endsWith('/')) continue;
            const name = lastSegment(object.key);
            if (name.toLocaleLowerCase().includes(needle)) batch.push({ kind: 'object', ...object, name });
          }
          scanned += page.length;
          found += batch.length;
          if (batch.length) this.sink()(started.jobId, batch);
          context.progress({ done: found, phase: `${formatCount(scanned)} objects searched` });
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
      return { summary: `Found ${countOf(found, 'match', 'matches')} in ${formatCount(scanned)} objects.`, done: found };
    });
    return started;
  }
}
