import { api } from '../api';
import { useJobsStore } from '../stores/jobs';
import { searchFinished, searchResultsArrived } from './search';

/** Asks the main process to stop a job (it then ends as cancelled, through its event). */
export async function cancelJob(jobId: string): Promise<void> {
  await api.jobs.cancel({ jobId });
}

/** Follows job and search events from the main process (a search's go to its pane); returns the function that stops. */
export function startJobEvents(): () => void {
  const jobs = useJobsStore.getState();
  const stops = [
    api.on('job:progress', (event) => jobs.progress(event)),
    api.on('job:finished', (event) => (event.kind === 'search' ? searchFinished(event) : jobs.finished(event))),
    api.on('search:results', ({ jobId, entries }) => searchResultsArrived(jobId, entries)),
  ];
  return () => stops.forEach((stop) => stop());
}
