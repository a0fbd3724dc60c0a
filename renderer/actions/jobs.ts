import type { JobFinished } from '../../shared/jobs';
import { api } from '../api';
import { jobById, useJobsStore } from '../stores/jobs';
import { searchFinished, searchProgressed, searchResultsArrived } from './search';

/** Asks the main process to stop a job (it then ends as cancelled, through its event). */
export async function cancelJob(jobId: string): Promise<void> {
  await api.jobs.cancel({ jobId });
}

/** Follows job and search events from the main process (a search's go to its pane); returns the function that stops. */
export function startJobEvents(): () => void {
  const jobs = useJobsStore.getState();
  const stops = [
    api.on('job:progress', (event) => (event.kind === 'search' ? searchProgressed(event) : jobs.progress(event))),
    api.on('job:finished', (event) => (event.kind === 'search' ? searchFinished(event) : jobs.finished(event))),
    api.on('search:results', ({ jobId, entries }) => searchResultsArrived(jobId, entries)),
  ];
  return () => stops.forEach((stop) => stop());
}

/** How long a job runs before the Activity panel opens to show it; a quicker one just finishes. */
export const SLOW_JOB_MS = 2000;

/** Opens the Activity panel if the job is still running after {@link SLOW_JOB_MS}, so small quick jobs do not pop it open. */
export function revealWhenSlow(jobId: string): void {
  setTimeout(() => {
    const jobs = useJobsStore.getState();
    if (jobById(jobs, jobId)?.status === 'running') jobs.setPanelOpen(true);
  }, SLOW_JOB_MS);
}

/** A job ended: the Activity panel opens when it did not all go well (its failures are there). */
export function revealIfFailed(finished: JobFinished): void {
  if (finished.status === 'partial' || finished.status === 'failed') useJobsStore.getState().setPanelOpen(true);
}
