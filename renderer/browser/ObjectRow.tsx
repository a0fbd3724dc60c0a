import { memo } from 'react';
import { NULL_VERSION_ID, versionIdText } from '../../shared/versions';
import type { AclUnavailable } from '../../shared/sharing';
import { formatDate, formatSize } from '../common/format';
import type { Entry } from '../stores/listing';
import { AccessCell } from '../access/AccessCell';
import type { TableMode } from './ObjectTableHeader';
import { visibleText } from '../../shared/visible-text';

/** Props of {@link ObjectRow}. */
export interface ObjectRowProps {
  entry: Entry;
  index: number;
  /** Its offset in the virtual list, in pixels. */
  start: number;
  mode: TableMode;
  selected: boolean;
  /** The row Tab lands on (roving tabindex). */
  tabbable: boolean;
  /** On Pail's clipboard after Cut: shown faded. */
  cut: boolean;
  /** A drag hovers over this folder. */
  dropTarget: boolean;
  /** The folder searched, so a result shows the path below it. */
  basePrefix: string;
  /** Why ACLs are not shown in this bucket, if they are not. */
  aclOff?: AclUnavailable;
}

/**
 * The name a row shows; an entry whose own name is empty (key "a//") shows its
 * full key. Control characters show as symbols ("␛", "␊"): a raw one would be
 * invisible or break the row (shared/visible-text.ts).
 */
export function shownName(entry: Entry): string {
  return visibleText(entry.name || (entry.kind === 'folder' ? entry.prefix : entry.key));
}

/** A row's accessible name: its name, and for a version which one it is. */
export function rowLabel(entry: Entry): string {
  const name = shownName(entry);
  if (entry.kind !== 'version') return name;
  if (entry.isDeleteMarker) return `${name}, delete marker`;
  return entry.isLatest
    ? `${name}, latest version`
    : `${name}, ${entry.versionId === NULL_VERSION_ID ? 'version from before versioning' : `version ${entry.versionId}`}`;
}

/** The folder a search result sits in, below the folder searched ("photos/2024/"; "" directly in it). */
function folderOf(entry: Entry, basePrefix: string): string {
  const path = entry.kind === 'folder' ? entry.prefix.slice(0, -1) : entry.key;
  const parent = path.slice(0, path.lastIndexOf('/') + 1);
  return parent.startsWith(basePrefix) ? parent.slice(basePrefix.length) : parent;
}

function VersionBadge({ entry }: { entry: Entry }) {
  if (entry.kind !== 'version') return null;
  if (entry.isDeleteMarker) return <span className="badge badge-marker">Delete marker</span>;
  return entry.isLatest ? <span className="badge badge-latest">Latest</span> : null;
}

/** One row of the object table: a folder, an object, a search result or a version. */
export const ObjectRow = memo(function ObjectRow(props: ObjectRowProps) {
  const { entry, index, start, mode, selected, tabbable, cut, dropTarget, basePrefix, aclOff } = props;
  const isFolder = entry.kind === 'folder';
  const isMarker = entry.kind === 'version' && entry.isDeleteMarker;
  const className = [
    'object-row',
    isFolder && 'object-row-folder',
    selected && 'is-selected',
    cut && 'is-cut',
    dropTarget && 'is-drop-target',
    isMarker && 'is-marker',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={className}
      role="row"
      aria-rowindex={index + 2}
      aria-label={rowLabel(entry)}
      aria-selected={selected}
      aria-description={isFolder ? 'folder' : undefined}
      data-index={index}
      tabIndex={tabbable ? 0 : -1}
      draggable={mode !== 'versions'}
      style={{ transform: `translateY(${start}px)` }}
    >
      <span className="col-name" role="cell">
        <span className={isFolder ? 'icon icon-folder' : 'icon icon-file'} aria-hidden="true" />
        <span className="truncate">{shownName(entry)}</span>
        <VersionBadge entry={entry} />
      </span>
      {mode === 'search' && (
        <span className="col-path" role="cell" title={folderOf(entry, basePrefix)}>
          {folderOf(entry, basePrefix) || '—'}
        </span>
      )}
      {mode === 'versions' && (
        <span
          className={entry.kind === 'version' && entry.versionId === NULL_VERSION_ID ? 'col-version is-words' : 'col-version'}
          role="cell"
          title={entry.kind === 'version' ? versionIdText(entry.versionId) : undefined}
        >
          {entry.kind === 'version' ? versionIdText(entry.versionId, 'short') : '—'}
        </span>
      )}
      <span className="col-size" role="cell">
        {isFolder || isMarker ? '—' : formatSize(entry.size)}
      </span>
      <span className="col-date" role="cell">
        {isFolder ? '—' : formatDate(entry.lastModified)}
      </span>
      {mode !== 'versions' && <AccessCell entry={entry} off={aclOff} />}
      {mode === 'objects' && (
        <span className="col-class" role="cell">
          {isFolder ? '—' : ('storageClass' in entry && entry.storageClass) || '—'}
        </span>
      )}
    </div>
  );
});
