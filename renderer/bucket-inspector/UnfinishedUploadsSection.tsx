import { useEffect, useState } from 'react';
import { errorOf, shownValueOf } from '../../shared/loadable';
import { heldInWords, type UnfinishedUpload } from '../../shared/unfinished-uploads';
import { visibleText } from '../../shared/visible-text';
import { loadUnfinishedUploads } from '../actions/unfinished-uploads';
import { countOf, formatAge, formatDate, formatSize } from '../common/format';
import { ErrorPanel } from '../common/ErrorPanel';
import { bucketKeyOf } from '../stores/bucket-key';
import { selectBucketUploads, useUnfinishedUploadsStore } from '../stores/unfinished-uploads';
import { AbortUploadsDialog } from './AbortUploadsDialog';
import { unsupportedWords } from './unsupported';
import { abortIncompleteRule, type LifecycleRule } from '../../shared/lifecycle';
import { LifecycleRuleDialog } from './LifecycleRuleDialog';
import { useBucketLifecycle } from './LifecycleSection';

const uploadsStore = () => useUnfinishedUploadsStore.getState();

/** One unfinished upload: its tick, key, age, parts and size, and whether Pail started it here. */
function UploadItem({ bucketKey, upload, chosen, disabled }: { bucketKey: string; upload: UnfinishedUpload; chosen: boolean; disabled: boolean }) {
  const key = visibleText(upload.key);
  return (
    <li className="unfinished-item">
      <label className="unfinished-choice">
        <input
          type="checkbox"
          checked={chosen}
          disabled={disabled}
          aria-label={`Choose the upload of ${key}, started ${formatAge(upload.initiated)}`}
          onChange={(event) => uploadsStore().toggle(bucketKey, upload.uploadId, event.target.checked)}
        />
        <span className="unfinished-key truncate" title={key}>
          {key}
        </span>
      </label>
      <p className="unfinished-facts">
        <span title={formatDate(upload.initiated)}>Started {formatAge(upload.initiated)}</span>
        <span>{countOf(upload.parts, 'part')}</span>
        <span>{formatSize(upload.bytes)}</span>
      </p>
      {upload.fromPail && <p className="unfinished-pail">Pail is sending this from {visibleText(upload.fromPail.filePath)} (see Transfers).</p>}
    </li>
  );
}

/**
 * What the bucket's lifecycle does about unfinished uploads: the rule that aborts them for the
 * whole bucket, or an offer to add one ("after 7 days", editable before it is saved).
 */
function AutomaticCleanup({ profileId, bucket }: { profileId: string; bucket: string }) {
  const lifecycle = useBucketLifecycle(profileId, bucket, true);
  const [adding, setAdding] = useState(false);
  const rules = shownValueOf(lifecycle)?.rules;
  if (!rules) return null;
  const rule = rules.find((r: LifecycleRule) => r.enabled && !r.prefix && !r.tags.length && r.abortIncompleteDays !== undefined);
  return (
    <div className="unfinished-cleanup">
      {rule ? (
        <p className="inspector-note">
          Lifecycle rule {rule.id} aborts unfinished uploads {rule.abortIncompleteDays} {rule.abortIncompleteDays === 1 ? 'day' : 'days'} after they start.
        </p>
      ) : (
        <>
          <p className="inspector-note">No lifecycle rule aborts forgotten uploads in this bucket.</p>
          <button type="button" className="button button-small" onClick={() => setAdding(true)}>
            Abort them automatically…
          </button>
        </>
      )}
      {adding && <LifecycleRuleDialog profileId={profileId} bucket={bucket} rules={rules} start={abortIncompleteRule(7)} onClose={() => setAdding(false)} />}
    </div>
  );
}

/**
 * The bucket inspector's "Unfinished uploads": multipart uploads started and never completed,
 * the space their parts hold (billed, and in no listing), and aborting one, several or all.
 */
export function UnfinishedUploadsSection({ profileId, bucket }: { profileId: string; bucket: string }) {
  const bucketKey = bucketKeyOf(profileId, bucket);
  const entry = useUnfinishedUploadsStore((state) => selectBucketUploads(state, profileId, bucket));
  const [asking, setAsking] = useState<UnfinishedUpload[]>();
  const list = shownValueOf(entry.list);
  const error = errorOf(entry.list);
  const loadingNow = entry.list.status === 'loading';

  useEffect(() => {
    if (entry.list.status === 'idle') void loadUnfinishedUploads(profileId, bucket);
  }, [entry.list.status, profileId, bucket]);

  const chosen = list?.uploads.filter((upload) => entry.chosen.includes(upload.uploadId)) ?? [];
  const allChosen = !!list?.uploads.length && chosen.length === list.uploads.length;
  return (
    <section className="inspector-section" aria-labelledby="unfinished-uploads-title">
      <div className="inspector-section-head">
        <h3 id="unfinished-uploads-title" className="inspector-section-title">
          Unfinished uploads
        </h3>
        <button
          type="button"
          className="button button-small"
          aria-label="Refresh unfinished uploads"
          aria-busy={loadingNow || undefined}
          aria-disabled={loadingNow || undefined}
          onClick={() => !loadingNow && void loadUnfinishedUploads(profileId, bucket)}
        >
          Refresh
        </button>
      </div>
      {error ? (
        unsupportedWords(error, 'listing unfinished uploads') ? (
          <p className="inspector-muted">{unsupportedWords(error, 'listing unfinished uploads')}</p>
        ) : (
          <ErrorPanel
            title="Could not list the unfinished uploads"
            error={error}
            action={{ label: 'Try again', run: () => void loadUnfinishedUploads(profileId, bucket) }}
          />
        )
      ) : !list ? (
        <p className="inspector-muted" role="status">
          Looking for unfinished uploads…
        </p>
      ) : (
        <>
          <p className="inspector-note" role="status">
            {heldInWords(list)}
            {list.uploads.length > 0 && ' Their parts are billed like objects but show in no listing, until the uploads are completed or aborted.'}
          </p>
          {list.uploads.length > 0 && (
            <>
              <label className="unfinished-choice unfinished-all">
                <input
                  type="checkbox"
                  checked={allChosen}
                  disabled={entry.aborting}
                  onChange={(event) => uploadsStore().chooseAll(bucketKey, event.target.checked)}
                />
                Choose all
              </label>
              <ul className="unfinished-list" aria-label={`Unfinished uploads in ${bucket}`}>
                {list.uploads.map((upload) => (
                  <UploadItem
                    key={upload.uploadId}
                    bucketKey={bucketKey}
                    upload={upload}
                    chosen={entry.chosen.includes(upload.uploadId)}
                    disabled={entry.aborting}
                  />
                ))}
              </ul>
              {list.more && <p className="inspector-note">Only the first {countOf(list.uploads.length, 'upload')} are listed; abort these to see the rest.</p>}
              <div className="inspector-actions">
                <button
                  type="button"
                  className="button button-small button-danger"
                  aria-disabled={!chosen.length || entry.aborting || undefined}
                  onClick={() => chosen.length && !entry.aborting && setAsking(chosen)}
                >
                  {chosen.length ? `Abort ${countOf(chosen.length, 'upload')}…` : 'Abort chosen…'}
                </button>
                <button
                  type="button"
                  className="button button-small"
                  aria-disabled={entry.aborting || undefined}
                  onClick={() => !entry.aborting && setAsking(list.uploads)}
                >
                  Abort all…
                </button>
              </div>
            </>
          )}
        </>
      )}
      {list && list.uploads.length > 0 && <AutomaticCleanup profileId={profileId} bucket={bucket} />}
      <p className="inspector-note" role="status">
        {entry.aborting ? 'Aborting…' : entry.outcome && !entry.outcome.error ? entry.outcome.summary : ''}
      </p>
      {entry.outcome?.error && <ErrorPanel title="Could not abort every upload" error={entry.outcome.error} />}
      {asking && <AbortUploadsDialog profileId={profileId} bucket={bucket} uploads={asking} onClose={() => setAsking(undefined)} />}
    </section>
  );
}
