import { countOf } from '../common/format';
import { selectRunningCount, useJobsStore } from '../stores/jobs';
import { Icon } from '../common/Icon';
import { JobItem } from './JobItem';

/**
 * The Activity panel at the bottom of the main area: the jobs this window
 * started (deletes, renames, copies, moves, bucket deletes), running and
 * finished, each with its progress, result and failures. Collapsible; it opens
 * by itself only for a job still running after 2 s or one that failed (see `actions/jobs.ts`).
 */
export function ActivityPanel() {
  const jobs = useJobsStore((state) => state.jobs);
  const open = useJobsStore((state) => state.panelOpen);
  const running = useJobsStore(selectRunningCount);
  const finished = jobs.length - running;
  return (
    <section className={open ? 'activity is-open' : 'activity'} aria-labelledby="activity-heading">
      <div className="activity-header">
        <h2 id="activity-heading" className="activity-heading">
          <button
            type="button"
            className="activity-toggle"
            aria-expanded={open}
            aria-controls="activity-list"
            onClick={() => useJobsStore.getState().setPanelOpen(!open)}
          >
            <Icon name="chevron" className="activity-chevron" />
            Activity
          </button>
        </h2>
        <span className="activity-summary">
          {running > 0 ? `${countOf(running, 'job')} running` : jobs.length ? `${countOf(finished, 'job')} finished` : 'Nothing running'}
        </span>
        {open && finished > 0 && (
          <button type="button" className="link-button link-button-small" onClick={() => useJobsStore.getState().clearFinished()}>
            Clear finished
          </button>
        )}
      </div>
      <div id="activity-list" className="activity-body" hidden={!open}>
        {jobs.length === 0 ? (
          <p className="activity-empty">Deletes, renames, copies, moves and access changes show their progress here.</p>
        ) : (
          <ul className="job-list">
            {jobs.map((job) => (
              <JobItem key={job.jobId} job={job} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
