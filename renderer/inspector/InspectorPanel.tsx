import { useEffect, useRef } from 'react';
import { countOf } from '../common/format';
import { usePaneStore, useBrowserStore } from '../stores/browser';
import { targetKey } from './inspect-target';
import { followInspector } from '../actions/inspected-object';
import { useInspectorStore } from '../stores/inspector';
import { selectSingleEntry } from '../stores/pane-selectors';
import { FolderAccess } from '../access/InspectorAccess';
import { Fact } from './InspectorInfo';
import { InspectorObject } from './InspectorObject';
import { InspectorResizer } from './InspectorResizer';
import { BucketInspector } from '../bucket-inspector/BucketInspector';
import { SizeSection } from '../bucket-inspector/SizeSection';
import { visibleText } from '../../shared/visible-text';

const inspector = () => useInspectorStore.getState();

/** What the panel shows for a folder: that it is one, its full prefix, and its access actions. */
function FolderSummary({ prefix }: { prefix: string }) {
  const name = visibleText(prefix.slice(0, -1).split('/').pop() || prefix);
  const pane = useBrowserStore((state) => state.activePane);
  const profileId = usePaneStore(pane, (state) => state.profileId);
  const bucket = usePaneStore(pane, (state) => (state.versionsMode ? undefined : state.bucket));
  return (
    <>
      <div className="inspector-summary">
        <h3 className="inspector-name">
          <span className="icon icon-folder" aria-hidden="true" />
          <span className="truncate">{name}</span>
        </h3>
        <dl className="inspector-facts">
          <Fact term="Kind">Folder</Fact>
          <Fact term="Prefix" mono>
            {visibleText(prefix)}
          </Fact>
        </dl>
        <p className="inspector-note">A folder is a shared start of keys; it has no details of its own.</p>
      </div>
      {profileId && bucket && <SizeSection place={{ profileId, bucket, prefix }} />}
      {profileId && bucket && <FolderAccess profileId={profileId} bucket={bucket} prefix={prefix} />}
    </>
  );
}

/** With no object inspected: the open bucket (not while its versions are listed), else a hint. */
function NothingInspected() {
  const pane = useBrowserStore((state) => state.activePane);
  const profileId = usePaneStore(pane, (state) => state.profileId);
  const bucket = usePaneStore(pane, (state) => (state.versionsMode ? undefined : state.bucket));
  if (!profileId || !bucket) return <p className="inspector-empty">Select an object to see its details</p>;
  return <BucketInspector key={`${profileId}/${bucket}`} profileId={profileId} bucket={bucket} />;
}

/**
 * What the active pane has selected, as far as the panel cares: how many rows,
 * and the folder when that one row is a folder (the table inspects objects only).
 */
function useSelection(): { count: number; folder?: string } {
  const pane = useBrowserStore((state) => state.activePane);
  const count = usePaneStore(pane, (state) => state.selection.selected.size);
  const folder = usePaneStore(pane, (state) => {
    const entry = selectSingleEntry(state);
    return entry?.kind === 'folder' ? entry.prefix : undefined;
  });
  return { count, folder };
}

/** Toggles the panel with Ctrl+I (⌘I on macOS), wherever focus is outside a dialog. */
function useToggleShortcut(onToggle: () => void) {
  const onToggleRef = useRef(onToggle);
  useEffect(() => {
    onToggleRef.current = onToggle;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'i' || event.altKey || event.shiftKey || !(event.ctrlKey || event.metaKey)) return;
      // A modal dialog owns the keyboard; the panel behind it stays as it is.
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      onToggleRef.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/**
 * The right column: the chosen object's preview, details, metadata editor and
 * versions. "Hide inspector" (or Ctrl+I) folds it to a thin rail whose button
 * brings it back; its width follows the resize handle on its left edge.
 */
export function InspectorPanel() {
  const open = useInspectorStore((state) => state.open);
  const target = useInspectorStore((state) => state.target);
  const selection = useSelection();
  const width = useInspectorStore((state) => state.width);
  const hideRef = useRef<HTMLButtonElement>(null);
  const showRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  // Set when the toggle moved focus out of a part that is going away.
  const moveFocus = useRef(false);

  useEffect(() => followInspector(), []);
  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    (open ? hideRef : showRef).current?.focus();
  }, [open]);

  const toggle = () => {
    const active = document.activeElement;
    moveFocus.current = active === showRef.current || (!!active && !!panelRef.current?.contains(active));
    inspector().setOpen(!inspector().open);
  };
  useToggleShortcut(toggle);

  if (!open) {
    return (
      <div className="inspector-rail">
        <button ref={showRef} type="button" className="inspector-rail-button" aria-keyshortcuts="Control+I" title="Show inspector (Ctrl+I)" onClick={toggle}>
          Show inspector
        </button>
      </div>
    );
  }

  return (
    <section ref={panelRef} className="inspector" aria-labelledby="inspector-title" style={{ width }}>
      <InspectorResizer width={width} onResize={(next) => inspector().setWidth(next)} />
      <header className="inspector-header">
        <h2 id="inspector-title" className="inspector-title">
          Inspector
        </h2>
        <button ref={hideRef} type="button" className="button button-small" aria-keyshortcuts="Control+I" title="Hide inspector (Ctrl+I)" onClick={toggle}>
          Hide inspector
        </button>
      </header>
      <div className="inspector-body">
        {selection.count > 1 ? (
          <p className="inspector-empty">{countOf(selection.count, 'item')} selected. Select one object to see its details.</p>
        ) : selection.folder !== undefined ? (
          <FolderSummary prefix={selection.folder} />
        ) : !target ? (
          <NothingInspected />
        ) : target.key.endsWith('/') ? (
          <FolderSummary prefix={target.key} />
        ) : (
          <InspectorObject key={targetKey(target)} target={target} />
        )}
      </div>
    </section>
  );
}
