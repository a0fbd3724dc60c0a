import { useEffect, useRef, useState } from 'react';
import { cancelJob } from '../actions/jobs';
import type { ErrorInfo } from '../../shared/errors';
import type { BucketStats } from '../../shared/ipc/contract';
import { countOf } from '../common/format';
import { useDialogsStore } from '../stores/dialogs';
import { jobById, useJobsStore } from '../stores/jobs';
import { bucketStats, deleteBucket } from '../actions/operations';
import { ErrorPanel } from '../common/ErrorPanel';
import { JobProgressBar, progressText } from '../transfers/JobItem';
import { Modal } from './Modal';
import { TextField } from '../common/TextField';

const close = () => useDialogsStore.getState().close();

/** "12 objects, 3 older versions or delete markers and 1 unfinished upload". */
export function describeStats(stats: BucketStats): string {
  const parts = [countOf(stats.objects, 'object')];
  if (stats.versions) parts.push(countOf(stats.versions, 'older version or delete marker', 'older versions or delete markers'));
  if (stats.uploads) parts.push(countOf(stats.uploads, 'unfinished upload'));
  const text = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
  return stats.more ? `more than ${text}` : text;
}

const isEmpty = (stats: BucketStats) => stats.objects + stats.versions + stats.uploads === 0;

/**
 * "Delete bucket": counts what the bucket holds first. An empty bucket needs a
 * plain yes; a non-empty one needs its name typed. Then the delete's progress,
 * and the bucket leaves the list.
 */
export function DeleteBucketDialog({ profileId, bucket }: { profileId: string; bucket: string }) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [stats, setStats] = useState<BucketStats>();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<ErrorInfo>();
  const [busy, setBusy] = useState(false);
  const [jobId, setJobId] = useState<string>();
  const job = useJobsStore((state) => jobById(state, jobId));

  useEffect(() => {
    let live = true;
    void bucketStats(profileId, bucket).then((result) => {
      if (!live) return;
      if (result.ok) setStats(result.data);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [profileId, bucket]);

  const running = jobId !== undefined && (!job || job.status === 'running');
  const needsName = stats !== undefined && !isEmpty(stats);
  const blocked = !stats || (needsName && typed !== bucket) || busy || running;

  const confirm = async () => {
    if (blocked) return;
    setBusy(true);
    setError(undefined);
    const result = await deleteBucket(profileId, bucket, needsName ? typed : undefined, (finished) => {
      if (finished.status === 'succeeded') close();
      else if (finished.error) setError(finished.error);
    });
    setBusy(false);
    if (result.ok) setJobId(result.data.jobId);
    else setError(result.error);
  };

  return (
    <Modal
      role="alertdialog"
      labelledBy="delete-bucket-title"
      describedBy="delete-bucket-text"
      className="dialog-narrow"
      initialFocus={cancelRef}
      onClose={() => !running && close()}
    >
      <form
        className="dialog-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
      >
        <h2 id="delete-bucket-title" className="dialog-title">
          Delete bucket {bucket}?
        </h2>
        <div id="delete-bucket-text">
          {!stats && !error && <p className="dialog-text">Counting what the bucket holds…</p>}
          {stats && isEmpty(stats) && <p className="dialog-text">The bucket is empty. It is deleted at once; its name may be taken by anyone afterwards.</p>}
          {stats && needsName && (
            <p className="dialog-text">
              It holds <strong>{describeStats(stats)}</strong>. All of it is deleted for good, then the bucket.
            </p>
          )}
        </div>
        {needsName && !jobId && (
          <TextField
            id="delete-bucket-confirm"
            label="Type the bucket name to confirm"
            value={typed}
            autoComplete="off"
            spellCheck={false}
            onChange={setTyped}
          />
        )}
        {job && (
          <div className="dialog-progress">
            <JobProgressBar job={job} />
            <p className="dialog-text" role="status">
              {job.status === 'running' ? [progressText(job), job.phase].filter(Boolean).join(' · ') : job.summary}
            </p>
          </div>
        )}
        {error && <ErrorPanel title="Could not delete the bucket" error={error} />}
        <div className="dialog-actions">
          {running ? (
            <button type="button" className="button" onClick={() => jobId && void cancelJob(jobId)}>
              Cancel
            </button>
          ) : (
            <button ref={cancelRef} type="button" className="button" onClick={close}>
              {job ? 'Close' : 'Cancel'}
            </button>
          )}
          {!job && (
            <button type="submit" className="button button-danger" aria-busy={busy || undefined} aria-disabled={blocked || undefined}>
              Delete bucket
            </button>
          )}
        </div>
      </form>
    </Modal>
  );
}
