import { UPLOAD_ACL_OPTIONS } from './compat-options';
import { fieldElementId, type BucketSettingRow, type FormField } from './profile-form';
import type { UploadAcl } from '../../shared/providers';
import { selectShownError } from '../stores/editor-selectors';
import { useProfileEditorStore } from '../stores/profile-editor';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';

const editor = () => useProfileEditorStore.getState();
const noAutoCorrect = { spellCheck: false, autoCapitalize: 'off', autoCorrect: 'off' } as const;
const ACL_OPTIONS = [{ value: '', label: 'As the profile says' }, ...UPLOAD_ACL_OPTIONS];

function BucketRowFields({ rowId, index }: { rowId: number; index: number }) {
  const row = useProfileEditorStore((state) => state.values.bucketSettings.find((r) => r.id === rowId));
  const bucketField: FormField = `bucketRow-${rowId}-bucket`;
  const urlField: FormField = `bucketRow-${rowId}-url`;
  const cacheField: FormField = `bucketRow-${rowId}-cacheControl`;
  const bucketError = useProfileEditorStore((state) => selectShownError(state, bucketField));
  const urlError = useProfileEditorStore((state) => selectShownError(state, urlField));
  const cacheError = useProfileEditorStore((state) => selectShownError(state, cacheField));
  if (!row) return null;
  const update = (patch: Partial<Omit<BucketSettingRow, 'id'>>) =>
    editor().change((v) => ({ ...v, bucketSettings: v.bucketSettings.map((r) => (r.id === rowId ? { ...r, ...patch } : r)) }));
  return (
    <li className="bucket-row" role="group" aria-label={`Bucket settings ${index + 1}`}>
      <TextField
        id={fieldElementId(bucketField)}
        label="Bucket"
        value={row.bucket}
        error={bucketError}
        autoComplete="off"
        {...noAutoCorrect}
        onChange={(bucket) => update({ bucket })}
        onBlur={() => row.bucket !== '' && editor().touch(bucketField)}
      />
      <TextField
        id={fieldElementId(urlField)}
        label="Public URL base"
        type="url"
        inputMode="url"
        placeholder="https://cdn.example.com"
        value={row.url}
        error={urlError}
        autoComplete="off"
        {...noAutoCorrect}
        onChange={(url) => update({ url })}
        onBlur={() => row.url !== '' && editor().touch(urlField)}
      />
      <SelectField
        id={`bucket-row-${rowId}-acl`}
        label="Upload ACL"
        value={row.acl}
        options={ACL_OPTIONS}
        onChange={(acl) => update({ acl: acl as UploadAcl | '' })}
      />
      <TextField
        id={fieldElementId(cacheField)}
        label="Upload Cache-Control"
        placeholder="As the profile says"
        value={row.cacheControl}
        error={cacheError}
        autoComplete="off"
        {...noAutoCorrect}
        onChange={(cacheControl) => update({ cacheControl })}
        onBlur={() => row.cacheControl !== '' && editor().touch(cacheField)}
      />
      <button
        type="button"
        className="button button-small bucket-row-remove"
        aria-label={`Remove bucket settings ${index + 1}`}
        onClick={() => editor().removeBucketRow(rowId)}
      >
        Remove
      </button>
    </li>
  );
}

/** Per bucket: the custom domain or CDN its public links use, and the ACL and Cache-Control its uploads get. */
export function BucketSettingsEditor() {
  const rowIds = useProfileEditorStore((state) => state.values.bucketSettings.map((r) => r.id).join(','));
  const ids = rowIds ? rowIds.split(',').map(Number) : [];
  return (
    <fieldset className="field-group">
      <legend className="field-label">Bucket settings</legend>
      <p className="field-help">
        For buckets behind a custom domain or CDN, public links start with its URL. Uploads into a bucket get its ACL and Cache-Control instead of the
        profile’s; its other upload settings are in Bucket settings (a bucket’s menu in the sidebar).
      </p>
      {ids.length > 0 && (
        <ul className="bucket-row-list">
          {ids.map((id, index) => (
            <BucketRowFields key={id} rowId={id} index={index} />
          ))}
        </ul>
      )}
      <div>
        <button type="button" className="button button-small" onClick={() => editor().addBucketRow()}>
          Add bucket settings
        </button>
      </div>
    </fieldset>
  );
}
