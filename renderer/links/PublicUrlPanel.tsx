import { errorOf } from '../../shared/loadable';
import { URL_STYLES, type UrlStyle } from '../../shared/sharing';
import { loadPublicUrls } from '../actions/links';
import { URL_STYLE_EXAMPLES, URL_STYLE_LABELS } from './link-words';
import { bucketId, useAccessStore } from '../stores/access';
import { useLinksStore, type LinkTarget } from '../stores/links';
import { ErrorPanel } from '../common/ErrorPanel';
import { LinkResult } from './LinkResult';

/** The styles of public URL the bucket allows, as radio buttons. */
function StyleChoice({ style, styles, busy }: { style: UrlStyle; styles: UrlStyle[]; busy: boolean }) {
  return (
    <fieldset className="field-group" aria-busy={busy || undefined}>
      <legend className="field-label">URL style</legend>
      <div className="radio-list radio-list-inline">
        {URL_STYLES.filter((s) => styles.includes(s)).map((option) => (
          <div key={option} className="radio-option">
            <input
              id={`link-style-${option}`}
              type="radio"
              name="link-style"
              checked={style === option}
              aria-describedby={`link-style-${option}-help`}
              onChange={() => void loadPublicUrls(option)}
            />
            <label htmlFor={`link-style-${option}`}>{URL_STYLE_LABELS[option]}</label>
            <span id={`link-style-${option}-help`} className="field-help">
              {URL_STYLE_EXAMPLES[option]}
            </span>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** How many of the objects are known not to be public (their public URL answers 403). */
function useNotPublicCount(target: LinkTarget | undefined): number {
  return useAccessStore((store) => {
    if (!target) return 0;
    const states = store.buckets[bucketId(target.profileId, target.bucket)]?.states ?? {};
    return target.keys.filter((key) => {
      const access = states[key]?.access;
      return access !== undefined && access !== 'public-read' && access !== 'public-read-write';
    }).length;
  });
}

/** The "Public URL" tab: the objects' plain URLs in a chosen style; they work once the objects are public. */
export function PublicUrlPanel() {
  const publicUrls = useLinksStore((state) => state.publicUrls);
  const answer = useLinksStore((state) => state.shownUrls);
  const { status } = publicUrls;
  const error = errorOf(publicUrls);
  const asked = useLinksStore((state) => state.publicStyle);
  const target = useLinksStore((state) => state.target);
  const count = target?.keys.length ?? 0;
  const notPublic = useNotPublicCount(target);
  return (
    <>
      <p className="dialog-text">
        A public URL has no signature and never expires: it works while the object is public (Public access, or a bucket policy that lets anyone read).
      </p>
      {notPublic > 0 && (
        <p className="notice notice-warning">
          {notPublic === count
            ? count === 1
              ? 'This object is not public'
              : 'These objects are not public'
            : `${notPublic} of these ${count} objects are not public`}
          : their URL answers 403 (Access Denied) until they are made public.
        </p>
      )}
      {error && <ErrorPanel title="Could not make the public URL" error={error} />}
      {!answer && status === 'loading' && (
        <p className="dialog-text" role="status">
          Making the URL…
        </p>
      )}
      {answer && (
        <>
          <StyleChoice style={asked ?? answer.style} styles={answer.styles} busy={status === 'loading'} />
          <LinkResult tab="public" urls={answer.urls} noun="Public URL" />
        </>
      )}
    </>
  );
}
