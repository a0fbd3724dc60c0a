import { useId } from 'react';
import { checkLink, copyLink } from '../actions/links';
import { valueOf } from '../../shared/loadable';
import { linksAsCsv, linksAsJson } from './copy-url';
import { clipboardText } from './link-words';
import { useLinksStore, type LinkOutput, type LinkTab } from '../stores/links';
import { LinkCheckView } from './LinkCheckView';
import { QrCode } from './QrCode';

/** "Copied." under the button that copied, or why it could not. */
export function CopiedStatus({ output }: { output: LinkOutput }) {
  const copied = useLinksStore((state) => (state.copied?.output === output ? state.copied : undefined));
  return (
    <span className={copied && !copied.ok ? 'copied-status copied-failed' : 'copied-status'} role="status">
      {!copied ? '' : copied.ok ? 'Copied' : 'Could not copy: select the text and copy it by hand.'}
    </span>
  );
}

/** A selection's links as CSV (key,url[,expires]) or JSON, for a spreadsheet or a script. */
function CopyAsData({ tab, urls }: { tab: LinkTab; urls: string[] }) {
  const keys = useLinksStore((state) => state.target?.keys);
  const expires = useLinksStore((state) => (tab === 'public' ? undefined : valueOf(state.signed[tab])?.expiresAt));
  // The URLs come back in the order of the keys; anything else is a dialog between two answers.
  if (!keys || keys.length !== urls.length) return null;
  const rows = urls.map((url, at) => ({ key: keys[at], url, ...(expires && { expires }) }));
  return (
    <>
      <button type="button" className="button button-small" onClick={() => void copyLink(tab, linksAsCsv(rows))}>
        Copy as CSV
      </button>
      <button type="button" className="button button-small" onClick={() => void copyLink(tab, linksAsJson(rows))}>
        Copy as JSON
      </button>
    </>
  );
}

/** Props of {@link LinkResult}. */
export interface LinkResultProps {
  tab: LinkTab;
  urls: string[];
  /** What one link is called: "Public URL", "Download link", "Upload link". */
  noun: string;
}

/**
 * The links made, exactly as they will be copied (one per line), with Copy,
 * a QR code for a single link, and "Check link" (not for upload links).
 */
export function LinkResult({ tab, urls, noun }: LinkResultProps) {
  const id = useId();
  const check = useLinksStore((state) => state.checks[tab]);
  const single = urls.length === 1;
  const name = single ? noun : `${noun}s`;
  const text = clipboardText(urls);
  return (
    <div className="link-result">
      <label className="field-label" htmlFor={id}>
        {single ? noun : `${name} (one per line)`}
      </label>
      <textarea
        id={id}
        className="field-input link-text"
        readOnly
        rows={Math.min(6, Math.max(2, single ? Math.ceil(text.length / 80) : urls.length))}
        value={text}
        spellCheck={false}
        onFocus={(event) => event.currentTarget.select()}
      />
      <div className="link-actions">
        <button type="button" className="button button-primary button-small" onClick={() => void copyLink(tab, text)}>
          {single ? 'Copy link' : `Copy ${urls.length} links`}
        </button>
        {/* An upload link cannot be tried without uploading: nothing to check. */}
        {tab !== 'PUT' && (
          <button
            type="button"
            className="button button-small"
            aria-busy={check?.answer.status === 'loading' || undefined}
            onClick={() => void checkLink(tab, urls[0])}
          >
            {single ? 'Check link' : 'Check the first link'}
          </button>
        )}
        {!single && <CopyAsData tab={tab} urls={urls} />}
        <CopiedStatus output={tab} />
      </div>
      <LinkCheckView check={check} />
      {single && <QrCode text={urls[0]} label={`QR code of the ${noun.toLowerCase()}`} />}
    </div>
  );
}
