import { useEffect, useMemo, useRef, type FormEvent } from 'react';
import { saveMetadata } from '../actions/inspected-object';
import { rowField, type MetadataRow } from './metadata-form';
import { shownProblems, useDetailsStore } from '../stores/details';
import { useObjectVersionsStore } from '../stores/object-versions';
import { ErrorPanel } from '../common/ErrorPanel';
import { TextField } from '../common/TextField';

const details = () => useDetailsStore.getState();
const plainInput = { autoComplete: 'off', spellCheck: false, autoCapitalize: 'off', autoCorrect: 'off' } as const;

/** One metadata row: its name and value, each with its problem, and its remove button. */
function MetadataRowFields({ row, index, nameError, valueError }: { row: MetadataRow; index: number; nameError?: string; valueError?: string }) {
  const nameId = `metadata-row-${row.id}-name`;
  const valueId = `metadata-row-${row.id}-value`;
  const label = row.name.trim() || `row ${index + 1}`;
  return (
    <li className="metadata-row" role="group" aria-label={`Metadata ${label}`}>
      <div className="metadata-row-fields">
        <input
          {...plainInput}
          id={nameId}
          className="field-input"
          aria-label="Metadata name"
          placeholder="name"
          value={row.name}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? `${nameId}-error` : undefined}
          onChange={(event) => details().change(rowField(row.id, 'name'), event.target.value)}
        />
        <input
          {...plainInput}
          id={valueId}
          className="field-input"
          aria-label="Metadata value"
          placeholder="value"
          value={row.value}
          aria-invalid={valueError ? true : undefined}
          aria-describedby={valueError ? `${valueId}-error` : undefined}
          onChange={(event) => details().change(rowField(row.id, 'value'), event.target.value)}
        />
        <button type="button" className="button button-small" aria-label={`Remove metadata ${label}`} onClick={() => details().removeRow(row.id)}>
          Remove
        </button>
      </div>
      {nameError && (
        <p id={`${nameId}-error`} className="field-error">
          {nameError}
        </p>
      )}
      {valueError && (
        <p id={`${valueId}-error`} className="field-error">
          {valueError}
        </p>
      )}
    </li>
  );
}

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
  const rowCount = editor?.values.rows.length ?? 0;
  const lastRowCount = useRef(rowCount);

  // A new row takes focus in its name; after a removal, "Add metadata" does.
  useEffect(() => {
    const form = formRef.current;
    if (rowCount > lastRowCount.current) form?.querySelector<HTMLInputElement>('.metadata-row:last-child input')?.focus();
    else if (rowCount < lastRowCount.current) form?.querySelector<HTMLButtonElement>('.metadata-add')?.focus();
    lastRowCount.current = rowCount;
  }, [rowCount]);

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
      <fieldset className="field-group metadata-rows" aria-describedby={problems.form ? 'metadata-form-error' : undefined}>
        <legend className="field-label">Metadata (x-amz-meta-*)</legend>
        {values.rows.length > 0 ? (
          <ul className="metadata-row-list">
            {values.rows.map((row, index) => (
              <MetadataRowFields
                key={row.id}
                row={row}
                index={index}
                nameError={fields[rowField(row.id, 'name')]}
                valueError={fields[rowField(row.id, 'value')]}
              />
            ))}
          </ul>
        ) : (
          <p className="field-help">No metadata entries.</p>
        )}
        {problems.form && (
          <p id="metadata-form-error" className="field-error">
            {problems.form}
          </p>
        )}
        <div>
          <button type="button" className="button button-small metadata-add" onClick={() => details().addRow()}>
            Add metadata
          </button>
        </div>
      </fieldset>
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
