import { useState } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import { heldInWords, type UnfinishedUpload } from '../../shared/unfinished-uploads';
import { abortUnfinishedUploads } from '../actions/unfinished-uploads';
import { countOf } from '../common/format';
import { ConfirmDialog } from '../dialogs/ConfirmDialog';
import { visibleText } from '../../shared/visible-text';

const SHOWN_KEYS = 5;

/** Asks before unfinished uploads are aborted, saying what goes: their parts, the space, and Pail's own transfers that start over. */
export function AbortUploadsDialog({
  profileId,
  bucket,
  uploads,
  onClose,
}: {
  profileId: string;
  bucket: string;
  uploads: UnfinishedUpload[];
  onClose(): void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const totals = {
    uploads,
    totalParts: uploads.reduce((n, u) => n + u.parts, 0),
    totalBytes: uploads.reduce((n, u) => n + u.bytes, 0),
    more: false,
  };
  const ours = uploads.filter((upload) => upload.fromPail).length;
  const keys = uploads.slice(0, SHOWN_KEYS).map((upload) => visibleText(upload.key));
  return (
    <ConfirmDialog
      title={uploads.length === 1 ? 'Abort this unfinished upload?' : `Abort ${countOf(uploads.length, 'unfinished upload')}?`}
      confirmLabel={uploads.length === 1 ? 'Abort upload' : 'Abort uploads'}
      danger
      busy={busy}
      error={error}
      errorTitle="Could not start aborting"
      onCancel={onClose}
      onConfirm={async () => {
        setBusy(true);
        const result = await abortUnfinishedUploads(
          profileId,
          bucket,
          uploads.map(({ key, uploadId }) => ({ key, uploadId })),
        );
        setBusy(false);
        if (result.ok) onClose();
        else setError(result.error);
      }}
    >
      <p className="dialog-text">
        {heldInWords(totals).replace(/\.$/, '')} in {bucket}. Aborting deletes those parts and frees the space;{' '}
        {uploads.length === 1 ? 'the upload' : 'the uploads'} can then neither be completed nor resumed. Objects already in the bucket are not touched.
      </p>
      {ours > 0 && (
        <p className="dialog-text">
          {ours === uploads.length && ours === 1 ? 'Pail started this upload' : `Pail started ${countOf(ours, 'of these uploads', 'of these uploads')}`} on this
          computer: {ours === 1 ? 'that transfer starts' : 'those transfers start'} over from the beginning if resumed.
        </p>
      )}
      <ul className="dialog-names">
        {keys.map((key, i) => (
          <li key={`${i}-${key}`}>{key}</li>
        ))}
        {uploads.length > SHOWN_KEYS && <li>… and {countOf(uploads.length - SHOWN_KEYS, 'more')}</li>}
      </ul>
    </ConfirmDialog>
  );
}
