import { useRef, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import type { UploadAcl } from '../../shared/providers';
import { saveBucketSettings } from '../actions/profiles';
import { useDialogsStore, type DialogRequest } from '../stores/dialogs';
import { useProfilesStore } from '../stores/profiles';
import { profileById } from '../stores/selectors';
import { ErrorPanel } from '../common/ErrorPanel';
import { MetadataRowsField } from '../common/MetadataRowsField';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';
import { Modal } from '../dialogs/Modal';
import { bucketSettingsValues, checkBucketSettings, nextMetadataRowId, type BucketSettingsField, type BucketSettingsValues } from './bucket-settings-form';

const plainInput = { autoComplete: 'off', spellCheck: false, autoCapitalize: 'off', autoCorrect: 'off' } as const;
const ACL_WORDS: Record<UploadAcl, string> = { none: 'Bucket default', private: 'Private', 'public-read': 'Public read' };
const DISPOSITIONS = [
  { value: '', label: 'None (the browser decides)' },
  { value: 'inline', label: 'Inline (show in the browser)' },
  { value: 'attachment', label: 'Attachment (download)' },
];

/** Props of {@link BucketSettingsDialog}. */
export interface BucketSettingsDialogProps {
  profileId: string;
  bucket: string;
  /** The dialog this one was opened from, shown again when it closes. */
  returnTo?: DialogRequest;
}

/**
 * "Bucket settings": the bucket's custom domain (the base of its public links; signed requests
 * always go to the endpoint) and what uploads into it get unless an upload says otherwise, checked
 * as typed with the schemas the main process applies. Saving changes only this bucket's settings;
 * the open bucket stays open.
 */
export function BucketSettingsDialog({ profileId, bucket, returnTo }: BucketSettingsDialogProps) {
  const profile = useProfilesStore((state) => profileById(state, profileId));
  const [values, setValues] = useState<BucketSettingsValues>(() => bucketSettingsValues(profile ?? { publicUrlBases: {}, bucketUploads: {} }, bucket));
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const urlRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const check = checkBucketSettings(values);
  const problems: Partial<Record<BucketSettingsField, string>> = check.ok ? {} : check.problems;
  const shown = (field: BucketSettingsField) => (attempted || touchedValue(values, field) ? problems[field] : undefined);
  const change = (patch: Partial<BucketSettingsValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setError(undefined);
  };
  const close = () => (returnTo ? useDialogsStore.getState().show(returnTo) : useDialogsStore.getState().close());

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!check.ok) {
      // Focus moves after the errors render.
      queueMicrotask(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    if (busy) return;
    setBusy(true);
    const result = await saveBucketSettings(profileId, bucket, check.change);
    setBusy(false);
    if (result.ok) close();
    else setError(result.error);
  };

  const profileAcl = ACL_WORDS[profile?.defaultUploadAcl ?? 'none'];
  const aclOptions = [
    { value: '', label: `As the profile says (${profileAcl.toLowerCase()})` },
    ...(['none', 'private', 'public-read'] as const).map((value) => ({ value, label: ACL_WORDS[value] })),
  ];
  const dispositions = DISPOSITIONS.some((d) => d.value === values.contentDisposition)
    ? DISPOSITIONS
    : [...DISPOSITIONS, { value: values.contentDisposition, label: values.contentDisposition }];
  const metadataProblems = Object.fromEntries(values.metadata.map((row) => [row.id, attempted || row.name ? problems[`metadata-${row.id}`] : undefined]));

  return (
    <Modal labelledBy="bucket-settings-title" describedBy="bucket-settings-intro" className="dialog-wide" initialFocus={urlRef} onClose={close}>
      <form ref={formRef} className="dialog-form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <h2 id="bucket-settings-title" className="dialog-title">
          Bucket settings: {bucket}
        </h2>
        <div className="dialog-body">
          <p id="bucket-settings-intro" className="dialog-intro">
            In profile {profile?.name ?? profileId}. These settings belong to this bucket only.
          </p>
          <fieldset className="field-group">
            <legend className="field-label">Custom domain</legend>
            <TextField
              id="bucket-settings-public-url"
              label="Public URL base"
              type="url"
              inputMode="url"
              placeholder="https://cdn.example.com"
              value={values.publicUrlBase}
              error={shown('publicUrlBase')}
              help="Signed requests always go to the endpoint; public links may use this domain instead, e.g. a CNAME or CDN in front of the bucket."
              inputRef={urlRef}
              {...plainInput}
              onChange={(publicUrlBase) => change({ publicUrlBase })}
            />
          </fieldset>
          <fieldset className="field-group">
            <legend className="field-label">Uploads</legend>
            <p className="field-help">What files uploaded into this bucket get, unless an upload says otherwise.</p>
            <SelectField
              id="bucket-settings-acl"
              label="Access"
              value={values.acl}
              options={aclOptions}
              onChange={(acl) => change({ acl: acl as UploadAcl | '' })}
            />
            <TextField
              id="bucket-settings-cache-control"
              label="Cache-Control"
              placeholder={profile?.uploadCacheControl ? `As the profile says (${profile.uploadCacheControl})` : 'max-age=3600'}
              value={values.cacheControl}
              error={shown('cacheControl')}
              {...plainInput}
              onChange={(cacheControl) => change({ cacheControl })}
            />
            <SelectField
              id="bucket-settings-disposition"
              label="Content-Disposition"
              value={values.contentDisposition}
              options={dispositions}
              onChange={(contentDisposition) => change({ contentDisposition })}
            />
            <TextField
              id="bucket-settings-storage-class"
              label="Storage class"
              placeholder="The server’s default (e.g. STANDARD)"
              value={values.storageClass}
              error={shown('storageClass')}
              {...plainInput}
              onChange={(storageClass) => change({ storageClass })}
            />
            <MetadataRowsField
              idPrefix="bucket-metadata"
              rows={values.metadata.map((row) => ({ key: row.id, name: row.name, value: row.value, nameError: metadataProblems[row.id] }))}
              error={attempted ? problems.metadata : undefined}
              onEdit={(index, part, text) => change({ metadata: values.metadata.map((row, i) => (i === index ? { ...row, [part]: text } : row)) })}
              onRemove={(index) => change({ metadata: values.metadata.filter((_, i) => i !== index) })}
              onAdd={() => change({ metadata: [...values.metadata, { id: nextMetadataRowId(values.metadata), name: '', value: '' }] })}
            />
            <div className="field field-check">
              <input id="bucket-settings-ask" type="checkbox" checked={values.askOnDrop} onChange={(event) => change({ askOnDrop: event.target.checked })} />
              <label htmlFor="bucket-settings-ask">Ask before uploading a drop into this bucket</label>
            </div>
          </fieldset>
          {error && <ErrorPanel title="Could not save the bucket settings" error={error} />}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" aria-busy={busy || undefined}>
            Save
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Whether a field has something typed in it, so its problem shows before the first Save. */
function touchedValue(values: BucketSettingsValues, field: BucketSettingsField): boolean {
  if (field === 'publicUrlBase' || field === 'cacheControl' || field === 'storageClass' || field === 'contentDisposition') return values[field].trim() !== '';
  return false;
}
