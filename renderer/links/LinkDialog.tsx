import { useEffect, useRef, type KeyboardEvent } from 'react';
import { closeLinks, openLinks, showLinkTab } from '../actions/links';
import { countOf } from '../common/format';
import { objectName } from '../inspector/preview-kind';
import { useDialogsStore } from '../stores/dialogs';
import { useLinksStore, type LinkTab } from '../stores/links';
import { CloseActions } from '../dialogs/CloseActions';
import { Modal } from '../dialogs/Modal';
import { PresignPanel } from './PresignPanel';
import { PublicUrlPanel } from './PublicUrlPanel';

const close = () => useDialogsStore.getState().close();

const TABS: { tab: LinkTab; label: string }[] = [
  { tab: 'public', label: 'Public URL' },
  { tab: 'GET', label: 'Presigned download' },
  { tab: 'PUT', label: 'Presigned upload' },
];

/** The tabs of the dialog (arrow keys move between them, as in any tab list). */
function LinkTabs() {
  const current = useLinksStore((state) => state.tab);
  const listRef = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = TABS.findIndex((t) => t.tab === current);
    const moves: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1 + TABS.length, Home: 0, End: TABS.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = TABS[moves[event.key] % TABS.length];
    showLinkTab(next.tab);
    listRef.current?.querySelector<HTMLElement>(`#link-tab-${next.tab}`)?.focus();
  };
  return (
    <div ref={listRef} className="tabs" role="tablist" aria-label="Kind of link" onKeyDown={onKeyDown}>
      {TABS.map(({ tab, label }) => (
        <button
          key={tab}
          id={`link-tab-${tab}`}
          type="button"
          role="tab"
          className="tab"
          aria-selected={tab === current}
          aria-controls="link-tabpanel"
          tabIndex={tab === current ? 0 : -1}
          onClick={() => showLinkTab(tab)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

/** Props of {@link LinkDialog}. */
export interface LinkDialogProps {
  profileId: string;
  bucket: string;
  keys: string[];
}

/**
 * "Copy link…": the public URL of one object or several, presigned download
 * and upload links, each copied exactly as shown, with a QR code for a single
 * link and "Check link" to see what it does. It opens on the tab the objects'
 * access calls for (signed for a private object), its link already made.
 */
export function LinkDialog({ profileId, bucket, keys }: LinkDialogProps) {
  const tab = useLinksStore((state) => state.tab);
  useEffect(() => {
    openLinks({ profileId, bucket, keys });
    return closeLinks;
  }, [profileId, bucket, keys]);
  const what = keys.length === 1 ? objectName(keys[0]) : countOf(keys.length, 'object');
  return (
    <Modal labelledBy="link-dialog-title" className="dialog-wide link-dialog" onClose={close}>
      <div className="dialog-form">
        <h2 id="link-dialog-title" className="dialog-title">
          Links to {what}
        </h2>
        <div className="dialog-body">
          <LinkTabs />
          <div id="link-tabpanel" className="tab-panel" role="tabpanel" aria-labelledby={`link-tab-${tab}`}>
            {tab === 'public' ? <PublicUrlPanel /> : <PresignPanel key={tab} method={tab} />}
          </div>
        </div>
        <CloseActions onClose={close} />
      </div>
    </Modal>
  );
}
