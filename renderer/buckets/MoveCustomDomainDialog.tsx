import { useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import type { CustomDomainMove } from '../../shared/custom-domain';
import type { ErrorInfo } from '../../shared/errors';
import { endpointSchema, settingBucketSchema } from '../../shared/profile';
import { ErrorPanel } from '../common/ErrorPanel';
import { TextField } from '../common/TextField';
import { Modal } from '../dialogs/Modal';

/** What the user chose: the bucket that gets the domain, and the endpoint the profile gets. */
export interface CustomDomainChoice {
  bucket: string;
  endpoint: string;
  publicUrlBase: string;
}

/** Props of {@link MoveCustomDomainDialog}. */
export interface MoveCustomDomainDialogProps {
  move: CustomDomainMove;
  /** Does the move; answers an error to show, or nothing when done. */
  onMove(choice: CustomDomainChoice): Promise<ErrorInfo | undefined> | undefined;
  onClose(): void;
}

const plainInput = { autoComplete: 'off', spellCheck: false, autoCapitalize: 'off', autoCorrect: 'off' } as const;

/**
 * "Move it to a bucket's custom domain": asks which bucket the domain typed as the endpoint
 * belongs to (and, where the preset cannot know it, the provider's real endpoint), then the
 * endpoint becomes the provider's and the domain that bucket's public URL base.
 */
export function MoveCustomDomainDialog({ move, onMove, onClose }: MoveCustomDomainDialogProps) {
  const [bucket, setBucket] = useState(move.bucket);
  const [endpoint, setEndpoint] = useState(move.endpoint ?? '');
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const bucketRef = useRef<HTMLInputElement>(null);
  const bucketCheck = settingBucketSchema.safeParse(bucket);
  const endpointCheck = endpointSchema.safeParse(endpoint);
  const sameEndpoint = endpointCheck.success && new URL(endpointCheck.data).origin === move.publicUrlBase;
  const endpointProblem = endpointCheck.success
    ? sameEndpoint
      ? 'This is the address you typed before; give the provider’s own S3 endpoint.'
      : undefined
    : endpointCheck.error.issues[0].message;
  const host = new URL(move.publicUrlBase).host;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    // Opened inside the profile editor: its form must not take this submit as its own (React bubbles it up the tree).
    event.stopPropagation();
    setAttempted(true);
    if (!bucketCheck.success || endpointProblem || busy) return;
    setBusy(true);
    const failed = await onMove({ bucket: bucketCheck.data, endpoint: new URL(endpoint.trim()).origin, publicUrlBase: move.publicUrlBase });
    setBusy(false);
    if (failed) setError(failed);
    else onClose();
  };

  // In the body, not inside the profile editor's dialog, so the editor's layout rules do not reach it.
  return createPortal(
    <Modal labelledBy="move-domain-title" describedBy="move-domain-intro" className="dialog-narrow" initialFocus={bucketRef} onClose={onClose}>
      <form className="dialog-form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <h2 id="move-domain-title" className="dialog-title">
          Move {host} to a bucket’s custom domain
        </h2>
        <p id="move-domain-intro" className="dialog-intro">
          Signed requests must go to the provider’s own endpoint. {host} becomes the public URL base of the bucket below: its public links use it.
        </p>
        <TextField
          id="move-domain-bucket"
          label="Bucket"
          value={bucket}
          inputRef={bucketRef}
          error={attempted && !bucketCheck.success ? bucketCheck.error.issues[0].message : undefined}
          {...plainInput}
          onChange={setBucket}
        />
        {move.endpoint ? (
          <p className="dialog-text">
            The profile’s endpoint becomes <strong>{move.endpoint}</strong>.
          </p>
        ) : (
          <TextField
            id="move-domain-endpoint"
            label="The provider’s S3 endpoint"
            type="url"
            inputMode="url"
            placeholder="https://s3.example-provider.com"
            value={endpoint}
            error={attempted || endpoint ? endpointProblem : undefined}
            help="The address your provider gives for S3 (not your own domain)."
            {...plainInput}
            onChange={setEndpoint}
          />
        )}
        {error && <ErrorPanel title="Could not move the custom domain" error={error} />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" aria-busy={busy || undefined}>
            Move
          </button>
        </div>
      </form>
    </Modal>,
    document.body,
  );
}
