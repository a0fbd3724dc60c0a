import { errorOf } from '../../shared/loadable';
import { virtualStyleProblem } from '../../shared/public-url';
import { URL_STYLES, type UrlStyle } from '../../shared/sharing';
import { loadPublicUrls } from '../actions/links';
import { notPublicNotice, URL_STYLE_EXAMPLES, URL_STYLE_LABELS } from './link-words';
import { isKnownNotPublic } from './link-tab';
import { bucketId, useAccessStore } from '../stores/access';
import { useLinksStore, type LinkTarget } from '../stores/links';
import { useProfilesStore } from '../stores/profiles';
import { profileById } from '../stores/selectors';
import { ErrorPanel } from '../common/ErrorPanel';
import { LinkDomainLine } from './LinkDomainLine';
import { LinkResult } from './LinkResult';

/** Why the dialog's bucket cannot have virtual-host URLs (an IP endpoint, a dotted name), or undefined. */
function useVirtualProblem(target: LinkTarget | undefined): string | undefined {
  return useProfilesStore((state) => {
    const profile = target && profileById(state, target.profileId);
    return profile ? virtualStyleProblem(profile.endpoint, target.bucket) : undefined;
  });
}

/**
 * The styles of public URL the bucket allows, as radio buttons. Virtual host
 * stays in view where it cannot work, turned off with the reason: on an IP
 * endpoint it would make `bucket.127.0.0.1`, which opens nothing.
 */
function StyleChoice({ style, styles, busy, virtualProblem }: { style: UrlStyle; styles: UrlStyle[]; busy: boolean; virtualProblem?: string }) {
  const shown = URL_STYLES.filter((s) => styles.includes(s) || (s === 'virtual' && virtualProblem));
  return (
    <fieldset className="field-group" aria-busy={busy || undefined}>
      <legend className="field-label">URL style</legend>
      <div className="radio-list radio-list-inline">
        {shown.map((option) => {
          const off = !styles.includes(option);
          return (
            <div key={option} className="radio-option">
              <input
                id={`link-style-${option}`}
                type="radio"
                name="link-style"
                checked={style === option}
                disabled={off}
                aria-describedby={`link-style-${option}-help`}
                onChange={() => void loadPublicUrls(option)}
              />
              <label htmlFor={`link-style-${option}`}>{URL_STYLE_LABELS[option]}</label>
              <span id={`link-style-${option}-help`} className="field-help">
                {off && virtualProblem ? virtualProblem : URL_STYLE_EXAMPLES[option]}
              </span>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** How many of the objects are known not to be public (their public URL answers 403). */
function useNotPublicCount(target: LinkTarget | undefined): number {
  return useAccessStore((store) => {
    if (!target) return 0;
    const states = store.buckets[bucketId(target.profileId, target.bucket)]?.states ?? {};
    return target.keys.filter((key) => isKnownNotPublic(states[key])).length;
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
  const virtualProblem = useVirtualProblem(target);
  return (
    <>
      <p className="dialog-text">
        A public URL has no signature and never expires: it works while the object is public (Public access, or a bucket policy that lets anyone read).
      </p>
      {target && <LinkDomainLine target={target} />}
      {notPublic > 0 && <p className="notice notice-warning">{notPublicNotice(notPublic, count)}</p>}
      {error && <ErrorPanel title="Could not make the public URL" error={error} />}
      {!answer && status === 'loading' && (
        <p className="dialog-text" role="status">
          Making the URL…
        </p>
      )}
      {answer && (
        <>
          <StyleChoice style={asked ?? answer.style} styles={answer.styles} busy={status === 'loading'} virtualProblem={virtualProblem} />
          <LinkResult tab="public" urls={answer.urls} noun="Public URL" />
        </>
      )}
    </>
  );
}
