import { useRef, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { cancelUploadSheet, confirmUploadSheet } from '../actions/upload-sheet';
import { EncryptionChoice, type EncryptionOption } from '../common/EncryptionChoice';
import { ErrorPanel } from '../common/ErrorPanel';
import { countOf, formatSize } from '../common/format';
import { SelectField } from '../common/SelectField';
import { SuggestField } from '../common/SuggestField';
import { Modal } from '../dialogs/Modal';
import { useProfilesStore } from '../stores/profiles';
import { profileById } from '../stores/selectors';
import { stepItems, useUploadSheetStore, type PendingUpload } from '../stores/upload-sheet';
import { UploadAccessField } from './UploadAccessField';
import { ContentTypeRows, MetadataRows } from './UploadSheetFields';
import { CACHE_CONTROL_PRESETS, groupByExtension, problemsOf, storageClassesFor, totalsOf, type DispositionChoice } from './upload-sheet-plan';

const DISPOSITIONS: { value: DispositionChoice; label: string }[] = [
  { value: 'none', label: 'None (the browser decides)' },
  { value: 'inline', label: 'Inline (shown in the browser)' },
  { value: 'attachment', label: 'Attachment (downloaded)' },
];

/** Encryption at rest as the sheet offers it (a bucket's DSSE-KMS default is set in its Encryption section). */
const ENCRYPTIONS: readonly EncryptionOption[] = [
  { value: 'none', label: 'None asked', help: 'No encryption header: the bucket’s default encryption on the server applies, if it has one.' },
  { value: 'AES256', label: 'SSE-S3', help: 'The provider encrypts each object with keys it holds and manages.' },
  { value: 'aws:kms', label: 'SSE-KMS', help: 'Encrypted with a key in the provider’s key service (KMS). Servers take this only over HTTPS.' },
];

const store = () => useUploadSheetStore.getState();

/** "3 files, 1.2 MiB" (or without the size when some are unknown). */
function describeTotals(items: PendingUpload['items']): string {
  const { files, bytes, unknown } = totalsOf(items);
  if (unknown && files === 0) return countOf(items.length, 'folder');
  const size = bytes === undefined ? '' : `, ${formatSize(bytes)}`;
  return `${countOf(files, 'file')}${size}${unknown ? ' and the folder’s contents' : ''}`;
}

/** The step line when the sheet goes through the items one at a time: "Item 2 of 5: photos/". */
function stepLine(pending: PendingUpload): string | undefined {
  if (pending.applyToAll || pending.items.length < 2) return undefined;
  const item = pending.items[pending.step];
  return `Item ${pending.step + 1} of ${pending.items.length}: ${item.name}${item.folder ? '/' : ''}`;
}

/** The flags under the fields: apply to all (several items), remember, don't ask again. */
function SheetFlags({ pending }: { pending: PendingUpload }) {
  const check = (id: string, label: string, checked: boolean, onChange: (checked: boolean) => void, help: string, disabled = false) => (
    <div className="field-check">
      <input id={id} type="checkbox" checked={checked} disabled={disabled} aria-describedby={`${id}-help`} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-help`} className="field-help">
        {help}
      </p>
    </div>
  );
  const flags = store().setFlags;
  return (
    <div className="upload-flags">
      {pending.items.length > 1 &&
        pending.step === 0 &&
        check(
          'upload-apply-all',
          'Apply to all files in this drop',
          pending.applyToAll,
          (applyToAll) => flags({ applyToAll }),
          pending.applyToAll
            ? `Unticked, the sheet asks for each of the ${pending.items.length} dropped items in turn, each its own upload.`
            : `The sheet asks for each of the ${pending.items.length} dropped items in turn; each is its own upload.`,
        )}
      {check(
        'upload-remember',
        'Remember for this bucket',
        pending.remember || pending.dontAsk,
        (remember) => flags({ remember }),
        `The next upload into ${pending.place.bucket} opens with these settings.`,
        pending.dontAsk,
      )}
      {check(
        'upload-dont-ask',
        'Don’t ask again for this bucket',
        pending.dontAsk,
        (dontAsk) => flags({ dontAsk }),
        pending.dontAsk
          ? `Drops into ${pending.place.bucket} upload at once with these settings. To be asked again, tick “Ask before uploading a drop” in Bucket settings… (the bucket’s menu).`
          : 'Drops then upload at once with the remembered settings.',
      )}
    </div>
  );
}

/** The sheet's fields for the items its step covers. */
function SheetFields({ pending }: { pending: PendingUpload }) {
  const items = stepItems(pending);
  const groups = groupByExtension(items);
  const problems = problemsOf(pending.choices, groups);
  const shown = pending.submitted;
  const { choices } = pending;
  const provider = useProfilesStore((state) => profileById(state, pending.place.profileId)?.provider);
  return (
    <>
      <UploadAccessField profileId={pending.place.profileId} bucket={pending.place.bucket} />
      <ContentTypeRows groups={groups} problems={shown ? problems.contentTypes : {}} contentsUnknown={items.some((item) => item.contentsUnknown)} />
      <SuggestField
        id="upload-cache-control"
        label="Cache-Control"
        suggestions={CACHE_CONTROL_PRESETS}
        value={choices.cacheControl}
        placeholder="none"
        help="How long browsers and CDNs may keep the objects, e.g. “max-age=31536000, immutable” for files that never change."
        error={shown ? problems.cacheControl : undefined}
        onChange={(cacheControl) => store().change({ cacheControl })}
      />
      <SelectField
        id="upload-disposition"
        label="Content-Disposition"
        value={choices.disposition}
        options={DISPOSITIONS}
        onChange={(value) => store().change({ disposition: value as DispositionChoice })}
      />
      <SuggestField
        id="upload-storage-class"
        label="Storage class"
        suggestions={storageClassesFor(provider)}
        value={choices.storageClass}
        placeholder="the bucket’s default"
        help="Empty: the bucket’s default class. Providers offer different classes; one the server does not know fails the upload."
        error={shown ? problems.storageClass : undefined}
        onChange={(storageClass) => store().change({ storageClass })}
      />
      <MetadataRows problems={problems.metadata} total={problems.metadataTotal} show={shown} />
      <EncryptionChoice
        idPrefix="upload-encryption"
        legend="Encryption at rest"
        options={ENCRYPTIONS}
        draft={choices.encryption}
        onChange={(encryption) => store().change({ encryption })}
        keyError={shown ? problems.encryption : undefined}
      />
    </>
  );
}

/**
 * The upload sheet: shown on every drop and pick (unless the bucket says not
 * to ask), it sets the access and headers of what is uploaded, for the whole
 * drop or item by item. Enter uploads, Escape cancels.
 */
export function UploadSheet() {
  const pending = useUploadSheetStore(useShallow((state) => state.pending));
  // Focus starts on "Upload": a drop then Enter uploads with what the sheet opened with.
  const uploadRef = useRef<HTMLButtonElement>(null);
  if (!pending) return null;
  const items = stepItems(pending);
  const step = stepLine(pending);
  const where = `${pending.place.bucket}/${pending.place.prefix}`;
  return (
    <Modal
      key={pending.step}
      labelledBy="upload-sheet-title"
      describedBy="upload-sheet-what"
      className="dialog-wide upload-sheet"
      onClose={cancelUploadSheet}
      initialFocus={uploadRef}
    >
      <form
        className="dialog-form"
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void confirmUploadSheet();
        }}
      >
        <h2 id="upload-sheet-title" className="dialog-title">
          Upload to {pending.place.bucket}
        </h2>
        <div className="dialog-body">
          <p id="upload-sheet-what" className="dialog-intro upload-what">
            {step && <strong className="upload-step">{step}</strong>}
            <span>
              {describeTotals(items)} into <strong className="upload-where">{where}</strong>
            </span>
          </p>
          <SheetFields pending={pending} />
          <SheetFlags pending={pending} />
          {pending.error && <ErrorPanel title={pending.error.title} error={pending.error.error} />}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={cancelUploadSheet}>
            Cancel
          </button>
          <button ref={uploadRef} type="submit" className="button button-primary" aria-busy={pending.busy || undefined}>
            Upload
          </button>
        </div>
      </form>
    </Modal>
  );
}
