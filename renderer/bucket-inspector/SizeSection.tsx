import { useState } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import { sizeInWords } from '../../shared/folder-size';
import { calculateSize } from '../actions/folder-size';
import { cancelJob } from '../actions/jobs';
import { ErrorPanel } from '../common/ErrorPanel';
import { formatDate } from '../common/format';
import { selectFolderSize, useFolderSizesStore, type SizePlace } from '../stores/folder-sizes';
import { jobById, useJobsStore } from '../stores/jobs';

/**
 * "Size" of a folder or a bucket: Calculate size counts every object below (a job, with its running
 * totals here and Cancel); the count stays with the time it was made, to calculate again.
 */
export function SizeSection({ place }: { place: SizePlace }) {
  const size = useFolderSizesStore((state) => selectFolderSize(state, place));
  const job = useJobsStore((state) => (size?.status === 'running' ? jobById(state, size.jobId) : undefined));
  const [startError, setStartError] = useState<ErrorInfo>();
  const running = size?.status === 'running';

  const start = async () => {
    setStartError(undefined);
    const result = await calculateSize(place);
    if (!result.ok) setStartError(result.error);
  };

  return (
    <section className="inspector-section" aria-labelledby="inspector-size-title">
      <div className="inspector-section-head">
        <h3 id="inspector-size-title" className="inspector-section-title">
          Size
        </h3>
        {running ? (
          <button type="button" className="button button-small" onClick={() => void cancelJob(size.jobId)}>
            Cancel
          </button>
        ) : (
          <button type="button" className="button button-small" onClick={() => void start()}>
            {size ? 'Calculate again' : 'Calculate size'}
          </button>
        )}
      </div>
      {size ? (
        <p className="inspector-note" role="status">
          {running
            ? `Counting… ${sizeInWords(job?.done ?? 0, job?.bytes ?? 0)} so far`
            : size.status === 'done'
              ? `${sizeInWords(size.objects ?? 0, size.bytes ?? 0)}, every level down (counted ${formatDate(size.at)}).`
              : size.status === 'cancelled'
                ? `Stopped after ${sizeInWords(size.objects ?? 0, size.bytes ?? 0)}.`
                : ''}
        </p>
      ) : (
        <p className="inspector-note">How many objects {place.prefix ? 'this folder' : 'this bucket'} holds, every level down, and their size.</p>
      )}
      {size?.error && <ErrorPanel title="Could not calculate the size" error={size.error} />}
      {startError && <ErrorPanel title="Could not start counting" error={startError} />}
    </section>
  );
}
