import { cancelJob } from '../actions/jobs';
import { describeError } from '../common/error-words';
import { countOf, formatCount } from '../common/format';
import type { JobEntry } from '../stores/jobs';
import { visibleText } from '../../shared/visible-text';

const STATUS_WORDS: Record<JobEntry['status'], string> = {
  running: 'Running',
  succeeded: 'Done',
  partial: 'Some failed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** "3 of 10 objects", or "3 objects" while the total is not known yet. */
export function progressText(job: Pick<JobEntry, 'done' | 'total' | 'kind'>): string {
  const noun = job.kind === 'deleteBucket' ? 'objects and versions' : 'objects';
  return job.total !== undefined ? `${formatCount(job.done)} of ${formatCount(job.total)} ${noun}` : `${formatCount(job.done)} ${noun}`;
}

/** A job's progress bar: determinate once the total is known. */
export function JobProgressBar({ job }: { job: JobEntry }) {
  const known = job.total !== undefined && job.total > 0;
  const finished = job.status !== 'running';
  const percent = finished ? 100 : known ? Math.min(100, (job.done / job.total!) * 100) : undefined;
  return (
    <div
      className={percent === undefined ? 'progress progress-indeterminate' : 'progress'}
      role="progressbar"
      aria-label={job.title}
      aria-valuemin={known ? 0 : undefined}
      aria-valuemax={known ? job.total : undefined}
      aria-valuenow={known ? job.done : undefined}
      aria-valuetext={progressText(job)}
    >
      <span className={`progress-fill progress-${job.status}`} style={percent === undefined ? undefined : { width: `${percent}%` }} />
    </div>
  );
}

/** The items a job could not handle, each with its key and why. */
export function FailureList({ job }: { job: JobEntry }) {
  return (
    <ul className="failure-list" aria-label={`Failures of ${job.title}`}>
      {job.failures.map((failure, index) => {
        const words = describeError(failure.error);
        return (
          <li key={`${failure.key}-${index}`} className="failure">
            <code className="failure-key">{visibleText(failure.key) || '(no key)'}</code>
            <span className="failure-error">
              <strong className="error-code">{words.code}</strong> — {words.message}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** One job in the Activity panel: what it does, its progress, how it ended, its failures, and Cancel while it runs. */
export function JobItem({ job }: { job: JobEntry }) {
  const running = job.status === 'running';
  const detail = running ? [progressText(job), job.phase].filter(Boolean).join(' · ') : (job.summary ?? '');
  return (
    <li className={`job job-${job.status}`} aria-label={job.title}>
      <div className="job-head">
        <span className="job-title truncate" title={job.title}>
          {job.title}
        </span>
        <span className={`job-state job-state-${job.status}`}>{STATUS_WORDS[job.status]}</span>
        {running && (
          <button type="button" className="button button-small" onClick={() => void cancelJob(job.jobId)}>
            Cancel
          </button>
        )}
      </div>
      <JobProgressBar job={job} />
      <p className="job-detail">{detail}</p>
      {job.error && !job.failures.length && <p className="job-error">{describeError(job.error).hint}</p>}
      {job.failures.length > 0 && (
        <details className="job-failures">
          <summary>{countOf(job.failures.length, 'failure')}</summary>
          <FailureList job={job} />
        </details>
      )}
    </li>
  );
}
