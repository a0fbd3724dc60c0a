import { useEffect, useId, useState } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import { errorOf } from '../../shared/loadable';
import type { AccessChoice } from '../../shared/sharing';
import { choiceWord } from './access-words';
import { loadBucketAccess, setBucketAccess } from '../actions/access';
import { describeCounts } from '../browser/clipboard-plan';
import { useAclBlock } from '../hooks/use-acl-block';
import { selectBucketAccess, useAccessStore } from '../stores/access';
import { useDialogsStore } from '../stores/dialogs';
import { setEntriesAccess } from '../actions/operations';
import { AccessFacts, AclOffExplanation, PublicSwitch } from './AccessParts';
import { CloseActions } from '../dialogs/CloseActions';
import { ConfirmDialog } from '../dialogs/ConfirmDialog';
import { ErrorPanel } from '../common/ErrorPanel';
import { Modal } from '../dialogs/Modal';

const close = () => useDialogsStore.getState().close();
const SHOWN_NAMES = 5;

/** Props of {@link SetAccessDialog}. */
export interface SetAccessDialogProps {
  profileId: string;
  bucket: string;
  keys: string[];
  prefixes: string[];
  access: AccessChoice;
}

/** Asks before whole folders (everything below them) are made public or private; the change then runs as a job in Activity. */
export function SetAccessDialog({ profileId, bucket, keys, prefixes, access }: SetAccessDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const names = [...prefixes, ...keys].slice(0, SHOWN_NAMES);
  const word = choiceWord(access);
  return (
    <ConfirmDialog
      title={`Make ${describeCounts(keys.length, prefixes.length)} ${word}?`}
      confirmLabel={`Make ${word}`}
      busy={busy}
      error={error}
      errorTitle="Could not start the change"
      onCancel={close}
      onConfirm={async () => {
        setBusy(true);
        const result = await setEntriesAccess({ profileId, bucket, keys, prefixes }, access);
        setBusy(false);
        if (result.ok) close();
        else setError(result.error);
      }}
    >
      <p className="dialog-text">
        {access === 'public-read'
          ? `Every object in ${prefixes.length === 1 ? 'the folder' : 'these folders'}, and below, gets a public-read ACL: anyone with its URL can read it.`
          : `Every object in ${prefixes.length === 1 ? 'the folder' : 'these folders'}, and below, gets a private ACL: only keys and presigned links can read it.`}{' '}
        Custom grants are replaced. Progress shows in Activity.
      </p>
      <ul className="dialog-names">
        {names.map((name) => (
          <li key={name}>{name}</li>
        ))}
        {keys.length + prefixes.length > SHOWN_NAMES && <li>and {keys.length + prefixes.length - SHOWN_NAMES} more</li>}
      </ul>
    </ConfirmDialog>
  );
}

/**
 * A bucket's own ACL: its state and grants, and the Public toggle, with what a
 * public bucket ACL does (anyone may list the keys) and does not (read the objects).
 */
export function BucketAccessDialog({ profileId, bucket }: { profileId: string; bucket: string }) {
  const entry = useAccessStore((store) => selectBucketAccess(store, profileId, bucket));
  const off = useAclBlock(profileId, bucket, 'bucket');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const offId = useId();
  const state = entry?.bucket?.state;
  const readError = entry && errorOf(entry.bucketAcl);

  useEffect(() => {
    void loadBucketAccess(profileId, bucket, true);
  }, [profileId, bucket]);

  const change = async (access: AccessChoice) => {
    setBusy(true);
    setError(undefined);
    const result = await setBucketAccess(profileId, bucket, access);
    setBusy(false);
    if (!result.ok) setError(result.error);
  };

  return (
    <Modal labelledBy="bucket-access-title" className="dialog-narrow" onClose={close}>
      <div className="dialog-form">
        <h2 id="bucket-access-title" className="dialog-title">
          Access to bucket {bucket}
        </h2>
        <p className="dialog-text">
          A public bucket ACL lets anyone list the bucket’s keys. It does not make the objects readable: each object needs its own Public access (or a bucket
          policy).
        </p>
        {!off && entry?.bucketAcl.status === 'loading' && !state && (
          <p className="dialog-text" role="status">
            Reading the bucket’s ACL…
          </p>
        )}
        {readError && <ErrorPanel title="Could not read the bucket’s ACL" error={readError} />}
        {state && <AccessFacts state={state} />}
        <PublicSwitch
          checked={state?.access === 'public-read'}
          busy={busy || (!off && !state)}
          off={off}
          offId={offId}
          helpOn="Anyone can list the keys in this bucket."
          helpOff="Only keys can list this bucket."
          onChange={(access) => void change(access)}
        />
        {entry?.bucket?.note && <p className="notice notice-warning">{entry.bucket.note}</p>}
        {off && <AclOffExplanation id={offId} off={off} />}
        {error && <ErrorPanel title="Could not change the bucket’s access" error={error} />}
        <CloseActions onClose={close} />
      </div>
    </Modal>
  );
}
