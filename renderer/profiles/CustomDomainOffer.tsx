import { useState } from 'react';
import type { ConnectionReport } from '../../shared/connection-test';
import { customDomainMove } from '../../shared/custom-domain';
import { useProfileEditorStore } from '../stores/profile-editor';
import { MoveCustomDomainDialog } from '../buckets/MoveCustomDomainDialog';

/** The button that offers the move, named the same wherever the mistake shows. */
export const MOVE_CUSTOM_DOMAIN = 'Move it to a bucket’s custom domain…';

/**
 * In a failed connection test: when the signature was refused and the endpoint looks like a custom
 * domain, offers to move it to a bucket's public URL base; the form changes, the user saves.
 */
export function CustomDomainOffer({ report }: { report: ConnectionReport }) {
  const values = useProfileEditorStore((state) => state.values);
  const [open, setOpen] = useState(false);
  const refused = report.steps.some((step) => step.error?.code === 'SignatureDoesNotMatch');
  const move = refused
    ? customDomainMove({ ...values, accountId: values.accountId || undefined, defaultBucket: values.defaultBucket || undefined }, report.buckets)
    : undefined;
  if (!move) return null;
  return (
    <div className="report-note">
      <p>If {new URL(move.publicUrlBase).host} is a custom domain, it belongs in a bucket’s settings, and the endpoint is the provider’s.</p>
      <button type="button" className="button button-small" onClick={() => setOpen(true)}>
        {MOVE_CUSTOM_DOMAIN}
      </button>
      {open && (
        <MoveCustomDomainDialog
          move={move}
          onClose={() => setOpen(false)}
          onMove={(choice) => {
            useProfileEditorStore.getState().moveEndpointToBucket(choice);
            return undefined;
          }}
        />
      )}
    </div>
  );
}
