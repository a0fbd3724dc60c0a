import { useMemo, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { errorOf } from '../../shared/loadable';
import { NULL_VERSION_ID, versionIdText, type VersionEntry } from '../../shared/versions';
import { downloadObject } from '../actions/preview';
import { formatSize } from '../common/format';
import { versionLabels, type VersionLabel } from './object-versions-list';
import { targetKey } from './inspect-target';
import type { InspectTarget } from '../stores/inspector';
import { selectVersionEntries, useObjectVersionsStore, type ObjectVersionsState } from '../stores/object-versions';
import { ErrorPanel } from '../common/ErrorPanel';
import { ObjectVersionDialog } from './ObjectVersionDialog';

const versions = () => useObjectVersionsStore.getState();

const noEntries: VersionEntry[] = [];

const selectVersions = (state: ObjectVersionsState) => ({
  forTarget: state.target,
  status: state.list.status,
  versioning: state.versioning,
  entries: selectVersionEntries(state) ?? noEntries,
  more: state.list.status === 'ready' && state.list.value.more,
  error: errorOf(state.list),
  actionError: state.actionError,
  busy: state.busy,
});

/** One version or delete marker: when, how big, its badges, and what can be done with it. */
function VersionItem({ target, entry, reads, busy }: { target: InspectTarget; entry: VersionEntry; reads: VersionLabel; busy: boolean }) {
  const label = reads.label;
  const download = async () => {
    const error = await downloadObject({ ...target, versionId: entry.versionId });
    if (error) versions().downloadFailed(error);
  };
  const inspected = target.versionId === entry.versionId;
  return (
    <li
      className={entry.isDeleteMarker ? 'version-item version-item-marker' : 'version-item'}
      aria-label={`Version from ${label}`}
      aria-current={inspected || undefined}
    >
      <div className="version-head">
        <span className="version-date">{reads.time}</span>
        {entry.isLatest && <span className="version-badge version-badge-latest">Latest</span>}
        {entry.isDeleteMarker && <span className="version-badge version-badge-marker">Delete marker</span>}
      </div>
      <div className="version-facts">
        {!entry.isDeleteMarker && <span>{formatSize(entry.size)}</span>}
        <span className={entry.versionId === NULL_VERSION_ID ? 'truncate' : 'inspector-mono truncate'} title={versionIdText(entry.versionId)}>
          {versionIdText(entry.versionId)}
        </span>
      </div>
      <div className="version-actions">
        {!entry.isDeleteMarker && (
          <button type="button" className="button button-small" aria-label={`Download version from ${label}`} onClick={() => void download()}>
            Download
          </button>
        )}
        {!entry.isDeleteMarker && !entry.isLatest && (
          <button
            type="button"
            className="button button-small"
            aria-label={`Restore version from ${label}`}
            disabled={busy}
            onClick={() => versions().ask('restore', entry.versionId)}
          >
            Restore
          </button>
        )}
        <button
          type="button"
          className="button button-small version-delete"
          aria-label={`Delete version from ${label}`}
          disabled={busy}
          onClick={() => versions().ask('delete', entry.versionId)}
        >
          Delete
        </button>
      </div>
    </li>
  );
}

/** Props of {@link ObjectVersionsSection}. */
export interface ObjectVersionsSectionProps {
  target: InspectTarget;
  name: string;
}

/**
 * The "Versions" section: when the bucket keeps versions, every version and
 * delete marker of this key, newest first, to download, restore or delete.
 */
export function ObjectVersionsSection({ target, name }: ObjectVersionsSectionProps) {
  const state = useObjectVersionsStore(useShallow(selectVersions));
  const labels = useMemo(() => versionLabels(state.entries), [state.entries]);
  // The list is per key: any version of this key (or the object itself) shares it.
  const current = targetKey(state.forTarget && { ...state.forTarget, versionId: undefined }) === targetKey({ ...target, versionId: undefined });

  let body: ReactNode;
  if (!current || (state.status === 'loading' && state.entries.length === 0))
    body = (
      <p className="inspector-muted" role="status">
        Loading versions…
      </p>
    );
  else if (state.status === 'failed' && state.error) body = <ErrorPanel title="Could not list the versions" error={state.error} />;
  else if (state.status === 'ready' && state.versioning === 'Off') body = <p className="inspector-muted">Versioning is off for this bucket</p>;
  else if (state.entries.length === 0) body = <p className="inspector-muted">This key has no versions left.</p>;
  else {
    body = (
      <>
        {state.versioning === 'Suspended' && (
          <p className="inspector-note">Versioning is suspended: new writes replace the “null” version; older versions stay.</p>
        )}
        <ol className="stack-list" aria-label={`Versions of ${name}`}>
          {state.entries.map((entry) => (
            <VersionItem key={entry.versionId} target={target} entry={entry} reads={labels.get(entry.versionId) ?? { time: '', label: '' }} busy={state.busy} />
          ))}
        </ol>
        {state.more && <p className="inspector-muted">Showing the newest {state.entries.length} versions.</p>}
      </>
    );
  }

  return (
    <section className="inspector-section" aria-labelledby="inspector-versions-title">
      <h3 id="inspector-versions-title" className="inspector-section-title">
        Versions
      </h3>
      {state.actionError && <ErrorPanel title={state.actionError.title} error={state.actionError.error} />}
      {body}
      <ObjectVersionDialog labels={labels} />
    </section>
  );
}
