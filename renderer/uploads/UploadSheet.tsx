import { useRef, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { cancelUploadSheet, confirmUploadSheet } from '../actions/upload-sheet';
import { ErrorPanel } from '../common/ErrorPanel';
import { countOf, formatSize } from '../common/format';
import { Modal } from '../dialogs/Modal';
import { stepItems, useUploadSheetStore, type PendingUpload } from '../stores/upload-sheet';
import { UploadOptionsFields } from './UploadOptionsFields';
import { groupByExtension, problemsOf, totalsOf } from './upload-sheet-plan';

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
  return (
    <UploadOptionsFields
      place={pending.place}
      groups={groups}
      contentsUnknown={items.some((item) => item.contentsUnknown)}
      choices={pending.choices}
      problems={problemsOf(pending.choices, groups)}
      show={pending.submitted}
      onChange={(patch) => store().change(patch)}
    />
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
