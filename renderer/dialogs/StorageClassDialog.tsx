import { useRef, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import { storageClassNameSchema } from '../../shared/upload-options';
import { setEntriesStorageClass } from '../actions/operations';
import { describeCounts } from '../browser/clipboard-plan';
import { ErrorPanel } from '../common/ErrorPanel';
import { SuggestField } from '../common/SuggestField';
import { useDialogsStore } from '../stores/dialogs';
import { useProfilesStore } from '../stores/profiles';
import { profileById } from '../stores/selectors';
import { storageClassesFor } from '../uploads/upload-sheet-plan';
import { Modal } from './Modal';

const close = () => useDialogsStore.getState().close();

/**
 * "Storage class…" on a selection: the class to move to (the provider's classes suggested), what moving
 * does said first, then a job in Activity. S3 moves an object only by a copy onto itself, which Pail makes
 * keep the object's headers, metadata and grants.
 */
export function StorageClassDialog({ profileId, bucket, keys, prefixes }: { profileId: string; bucket: string; keys: string[]; prefixes: string[] }) {
  const provider = useProfilesStore((state) => profileById(state, profileId)?.provider);
  const inputRef = useRef<HTMLInputElement>(null);
  const [storageClass, setStorageClass] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const parsed = storageClassNameSchema.safeParse(storageClass);
  const problem = parsed.success ? undefined : storageClass.trim() === '' ? 'Name the storage class, e.g. STANDARD_IA.' : parsed.error.issues[0].message;
  const what = describeCounts(keys.length, prefixes.length);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!parsed.success || busy) return;
    setBusy(true);
    const result = await setEntriesStorageClass({ profileId, bucket, keys, prefixes }, parsed.data);
    setBusy(false);
    if (result.ok) close();
    else setError(result.error);
  };

  return (
    <Modal labelledBy="storage-class-title" className="dialog-narrow" initialFocus={inputRef} onClose={close}>
      <form className="dialog-form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <h2 id="storage-class-title" className="dialog-title">
          Storage class of {what}
        </h2>
        <div className="dialog-body">
          <SuggestField
            id="storage-class-name"
            inputRef={inputRef}
            label="Move to storage class"
            suggestions={storageClassesFor(provider)}
            value={storageClass}
            error={attempted || storageClass !== '' ? problem : undefined}
            help="Classes differ in price and in how fast objects can be read back; some bill a minimum time."
            onChange={setStorageClass}
          />
          <section className="rule-preview" aria-labelledby="storage-class-preview">
            <h3 id="storage-class-preview">What changes</h3>
            <p role="status">
              {parsed.success
                ? `Moves ${what}${prefixes.length ? ' (every object below)' : ''} to ${parsed.data}: each is copied onto itself, keeping its headers, metadata and grants. Objects already in ${parsed.data} are left alone.`
                : 'Name a class to see what moving does.'}
            </p>
          </section>
          {error && <ErrorPanel title="Could not change the storage class" error={error} />}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" aria-busy={busy || undefined}>
            Move to class
          </button>
        </div>
      </form>
    </Modal>
  );
}
