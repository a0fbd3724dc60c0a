import { useState } from 'react';
import { customDomainMove } from '../../shared/custom-domain';
import type { ErrorInfo } from '../../shared/errors';
import { moveEndpointToBucket } from '../actions/profiles';
import { useProfilesStore } from '../stores/profiles';
import { profileById } from '../stores/selectors';
import { ErrorPanel } from '../common/ErrorPanel';
import { MoveCustomDomainDialog } from '../buckets/MoveCustomDomainDialog';
import { MOVE_CUSTOM_DOMAIN } from '../profiles/CustomDomainOffer';

/**
 * "Could not list buckets", with the offer to move a custom domain typed as the endpoint to a
 * bucket's settings when the signature was refused on an endpoint that looks like one.
 */
export function BucketsFailed({ profileId, error }: { profileId: string; error: ErrorInfo }) {
  const profile = useProfilesStore((state) => profileById(state, profileId));
  const [open, setOpen] = useState(false);
  const move = profile && error.code === 'SignatureDoesNotMatch' ? customDomainMove(profile) : undefined;
  return (
    <>
      <ErrorPanel title="Could not list buckets" error={error} action={move && { label: MOVE_CUSTOM_DOMAIN, run: () => setOpen(true) }} />
      {open && move && <MoveCustomDomainDialog move={move} onClose={() => setOpen(false)} onMove={(choice) => moveEndpointToBucket(profileId, choice)} />}
    </>
  );
}
