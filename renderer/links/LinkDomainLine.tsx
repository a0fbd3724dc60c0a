import { publicUrlBaseOf } from '../../shared/profile';
import { showDialog, useDialogsStore } from '../stores/dialogs';
import type { LinkTarget } from '../stores/links';
import { useProfilesStore } from '../stores/profiles';
import { profileById } from '../stores/selectors';

/** The host of an endpoint URL, for saying which one links use. */
function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

/**
 * "Links for this bucket use: …": the endpoint's host, or the bucket's custom domain, with
 * "Change…" opening the bucket's settings (which bring the link dialog back when they close).
 */
export function LinkDomainLine({ target }: { target: LinkTarget }) {
  const domain = useProfilesStore((state) => publicUrlBaseOf(profileById(state, target.profileId), target.bucket));
  const endpoint = useProfilesStore((state) => profileById(state, target.profileId)?.endpoint);
  if (!endpoint) return null;
  const change = () => {
    const current = useDialogsStore.getState().dialog;
    showDialog({ kind: 'bucketSettings', profileId: target.profileId, bucket: target.bucket, ...(current && { returnTo: current }) });
  };
  return (
    <p className="dialog-text link-domain-line">
      <span>
        Links for this bucket use:{' '}
        {domain ? (
          <>
            the custom domain <strong>{domain}</strong>
          </>
        ) : (
          <>
            the endpoint (<strong>{hostOf(endpoint)}</strong>)
          </>
        )}
      </span>{' '}
      <button type="button" className="link-button" onClick={change}>
        Change…
      </button>
    </p>
  );
}
