import { useRef, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import { bucketNameProblems, bucketNameWarnings } from '../../shared/bucket-rules';
import { providerById } from '../../shared/providers';
import { useBrowserStore } from '../stores/browser';
import { useDialogsStore } from '../stores/dialogs';
import { createBucket } from '../actions/operations';
import { useProfilesStore } from '../stores/profiles';
import { profileById } from '../stores/selectors';
import { ErrorPanel } from '../common/ErrorPanel';
import { Modal } from './Modal';
import { SelectField, type SelectOption } from '../common/SelectField';

const close = () => useDialogsStore.getState().close();

/** The regions to offer: the provider preset's, with the profile's own first when the preset lacks it. */
function regionOptions(provider: string | undefined, profileRegion: string | undefined): SelectOption[] {
  const preset = providerById(provider);
  const options = preset.regions.map((region) => ({ value: region.id, label: region.label }));
  if (profileRegion && !options.some((o) => o.value === profileRegion))
    options.unshift({ value: profileRegion, label: `${profileRegion} (this profile’s region)` });
  return options;
}

/**
 * "Create bucket": a name checked against S3's rules as it is typed (each
 * broken rule listed), warnings for names that work but cause trouble, and the
 * region from the profile's provider. The new bucket opens.
 */
export function CreateBucketDialog() {
  const profileId = useBrowserStore((state) => state.profileId);
  const profile = useProfilesStore((state) => profileById(state, profileId));
  const inputRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [region, setRegion] = useState(profile?.region ?? '');
  const [objectLock, setObjectLock] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const problems = bucketNameProblems(name);
  const warnings = problems.length ? [] : bucketNameWarnings(name);
  const showProblems = (attempted || name !== '') && problems.length > 0;
  const options = regionOptions(profile?.provider, profile?.region);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempted(true);
    if (problems.length || busy || !profileId) return;
    setBusy(true);
    const result = await createBucket(profileId, name, region || undefined, objectLock);
    setBusy(false);
    if (result.ok) close();
    else setError(result.error);
  };

  return (
    <Modal labelledBy="create-bucket-title" className="dialog-narrow" initialFocus={inputRef} onClose={close}>
      <form className="dialog-form" noValidate onSubmit={onSubmit}>
        <h2 id="create-bucket-title" className="dialog-title">
          Create bucket
        </h2>
        <p className="dialog-intro">In {profile?.name ?? 'this profile'}. Bucket names are shared by everyone on the service: pick one nobody has.</p>
        <div className="field">
          <label className="field-label" htmlFor="create-bucket-name">
            Bucket name
          </label>
          <input
            ref={inputRef}
            id="create-bucket-name"
            className="field-input"
            value={name}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={showProblems || undefined}
            aria-describedby="create-bucket-rules"
            onChange={(event) => {
              setName(event.target.value);
              setError(undefined);
            }}
          />
          <div id="create-bucket-rules" aria-live="polite">
            {showProblems && (
              <ul className="rule-list rule-list-problems" aria-label="Problems with the name">
                {problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            )}
            {warnings.length > 0 && (
              <ul className="rule-list rule-list-warnings" aria-label="Warnings">
                {warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            )}
            {!showProblems && !warnings.length && <p className="field-help">3–63 lowercase letters, digits, dots and hyphens.</p>}
          </div>
        </div>
        <SelectField id="create-bucket-region" label="Region" value={region} options={options} onChange={setRegion} help="Where the bucket’s data is kept." />
        <div className="field field-check">
          <input
            id="create-bucket-lock"
            type="checkbox"
            checked={objectLock}
            aria-describedby="create-bucket-lock-help"
            onChange={(event) => setObjectLock(event.target.checked)}
          />
          <label htmlFor="create-bucket-lock">Object Lock</label>
          <p id="create-bucket-lock-help" className="field-help">
            Versions can be locked against deletion, for a time or until released. Turns versioning on; neither can be turned off later.
          </p>
        </div>
        {error && <ErrorPanel title="Could not create the bucket" error={error} />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button-primary"
            aria-busy={busy || undefined}
            aria-disabled={busy || (attempted && problems.length > 0) || undefined}
          >
            Create bucket
          </button>
        </div>
      </form>
    </Modal>
  );
}
