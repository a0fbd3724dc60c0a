import { fieldElementId, type FormField } from '../profile-form';
import { selectShownError } from '../stores/editor-selectors';
import { useProfileEditorStore } from '../stores/profile-editor';
import { TextField } from './TextField';

const editor = () => useProfileEditorStore.getState();
const noAutoCorrect = { spellCheck: false, autoCapitalize: 'off', autoCorrect: 'off' } as const;

function UrlBaseRowFields({ rowId, index }: { rowId: number; index: number }) {
  const row = useProfileEditorStore((state) => state.values.publicUrlBases.find((r) => r.id === rowId));
  const bucketField: FormField = `urlBase-${rowId}-bucket`;
  const urlField: FormField = `urlBase-${rowId}-url`;
  const bucketError = useProfileEditorStore((state) => selectShownError(state, bucketField));
  const urlError = useProfileEditorStore((state) => selectShownError(state, urlField));
  if (!row) return null;
  const update = (patch: { bucket?: string; url?: string }) =>
    editor().change((v) => ({ ...v, publicUrlBases: v.publicUrlBases.map((r) => (r.id === rowId ? { ...r, ...patch } : r)) }));
  return (
    <li className="url-base-row" role="group" aria-label={`URL base ${index + 1}`}>
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
        label="Base URL"
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
      <button
        type="button"
        className="button button-small url-base-remove"
        aria-label={`Remove URL base ${index + 1}`}
        onClick={() => editor().removeUrlBase(rowId)}
      >
        Remove
      </button>
    </li>
  );
}

/** Per bucket, the custom domain or CDN its public links use: rows of bucket + base URL. */
export function PublicUrlBasesEditor() {
  const rowIds = useProfileEditorStore((state) => state.values.publicUrlBases.map((r) => r.id).join(','));
  const ids = rowIds ? rowIds.split(',').map(Number) : [];
  return (
    <fieldset className="field-group">
      <legend className="field-label">Public URL bases</legend>
      <p className="field-help">For buckets behind a custom domain or CDN: public links start with this URL.</p>
      {ids.length > 0 && (
        <ul className="url-base-list">
          {ids.map((id, index) => (
            <UrlBaseRowFields key={id} rowId={id} index={index} />
          ))}
        </ul>
      )}
      <div>
        <button type="button" className="button button-small" onClick={() => editor().addUrlBase()}>
          Add URL base
        </button>
      </div>
    </fieldset>
  );
}
