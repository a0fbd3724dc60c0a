import { useMemo, useRef, type FormEvent } from 'react';
import { saveMetadata } from '../actions/inspected-object';
import { rowField } from './metadata-form';
import { shownProblems, useDetailsStore } from '../stores/details';
import { useObjectVersionsStore } from '../stores/object-versions';
import { ErrorPanel } from '../common/ErrorPanel';
import { MetadataRowsField } from '../common/MetadataRowsField';
import { TextField } from '../common/TextField';

const details = () => useDetailsStore.getState();
const plainInput = { autoComplete: 'off', spellCheck: false, autoCapitalize: 'off', autoCorrect: 'off' } as const;

/**
 * The metadata editor: Content-Type, Cache-Control, Content-Disposition and the
 * `x-amz-meta-*` rows, checked as they are typed with the schema the main
 * process applies. Saving copies the object onto itself with the new headers.
 */
export function MetadataEditor() {
  const editor = useDetailsStore((state) => state.editor);
  const problems = useMemo(() => shownProblems(editor), [editor]);
  const versioned = useObjectVersionsStore((state) => state.versioning === 'Enabled');
  const formRef = useRef<HTMLFormElement>(null);

  if (!editor) return null;
  const { values, saving, saveError } = editor;
  const fields = problems.fields;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await saveMetadata();
    if (!saved) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  };

  return (
    <form ref={formRef} className="metadata-editor" aria-label="Edit metadata" noValidate onSubmit={(event) => void onSubmit(event)}>
      <p id="metadata-editor-note" className="inspector-note">
        Saving rewrites the object’s headers (a copy onto itself) and keeps its access settings
        {versioned ? '; this bucket keeps the old headers as a version.' : '.'}
      </p>
      <TextField
        id="metadata-content-type"
        label="Content-Type"
        value={values.contentType}
        error={fields.contentType}
        placeholder="application/octet-stream"
        {...plainInput}
        onChange={(v) => details().change('contentType', v)}
      />
      <TextField
        id="metadata-cache-control"
        label="Cache-Control"
        value={values.cacheControl}
        error={fields.cacheControl}
        placeholder="max-age=3600"
        {...plainInput}
        onChange={(v) => details().change('cacheControl', v)}
      />
      <TextField
        id="metadata-content-disposition"
        label="Content-Disposition"
        value={values.contentDisposition}
        error={fields.contentDisposition}
        placeholder='attachment; filename="name.ext"'
        {...plainInput}
        onChange={(v) => details().change('contentDisposition', v)}
      />
      <MetadataRowsField
        idPrefix="metadata-row"
        rows={values.rows.map((row) => ({
          key: row.id,
          name: row.name,
          value: row.value,
          nameError: fields[rowField(row.id, 'name')],
          valueError: fields[rowField(row.id, 'value')],
        }))}
        empty="No metadata entries."
        error={problems.form}
        onEdit={(index, part, text) => details().change(rowField(values.rows[index].id, part), text)}
        onRemove={(index) => details().removeRow(values.rows[index].id)}
        onAdd={() => details().addRow()}
      />
      {saveError && <ErrorPanel title="Could not save the metadata" error={saveError} />}
      <div className="inspector-actions">
        <button type="button" className="button button-small" disabled={saving} onClick={() => details().cancelEdit()}>
          Cancel
        </button>
        <button type="submit" className="button button-small button-primary" aria-busy={saving} aria-disabled={saving}>
          Save metadata
        </button>
      </div>
    </form>
  );
}
