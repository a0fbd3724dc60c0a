import { useEffect, useRef } from 'react';

const plainInput = { autoComplete: 'off', spellCheck: false, autoCapitalize: 'off', autoCorrect: 'off' } as const;

/** One user metadata row as the field shows it: its text and the problems to show now. */
export interface MetadataRowView {
  /** Stable across edits (a row id, or the index where rows have none). */
  key: string | number;
  name: string;
  value: string;
  nameError?: string;
  valueError?: string;
}

/** Props of {@link MetadataRowsField}. */
export interface MetadataRowsFieldProps {
  /** Prefix of the element ids (unique on the page). */
  idPrefix: string;
  rows: MetadataRowView[];
  /** A sentence under the legend (what the rows become). */
  help?: string;
  /** What shows when there is no row. */
  empty?: string;
  /** A problem with the metadata as a whole (e.g. over 2 KiB). */
  error?: string;
  /** The group's legend (default: user metadata's). */
  legend?: string;
  /** What one row is, capitalised: "Metadata" (default) or "Tag"; names the inputs and buttons. */
  noun?: string;
  onEdit(index: number, part: 'name' | 'value', text: string): void;
  onRemove(index: number): void;
  onAdd(): void;
}

/**
 * User metadata (`x-amz-meta-NAME`) as rows of a name and a value, each removable, with their
 * problems under them: the one editor of the inspector, the bucket's upload settings and the upload
 * sheet. Each row is a group named by its name ("Metadata owner", or "Metadata row 2" while empty);
 * a new row takes focus in its name, and after a removal "Add metadata" does.
 */
export function MetadataRowsField({
  idPrefix,
  rows,
  help,
  empty = 'None.',
  error,
  legend = 'Metadata (x-amz-meta-*)',
  noun = 'Metadata',
  onEdit,
  onRemove,
  onAdd,
}: MetadataRowsFieldProps) {
  const lower = noun.toLowerCase();
  const listRef = useRef<HTMLFieldSetElement>(null);
  const lastCount = useRef(rows.length);
  useEffect(() => {
    const field = listRef.current;
    if (rows.length > lastCount.current) field?.querySelector<HTMLInputElement>('.metadata-row:last-child input')?.focus();
    else if (rows.length < lastCount.current) field?.querySelector<HTMLButtonElement>('.metadata-add')?.focus();
    lastCount.current = rows.length;
  }, [rows.length]);

  const errorId = `${idPrefix}-error`;
  return (
    <fieldset ref={listRef} className="field-group metadata-rows" aria-describedby={error ? errorId : undefined}>
      <legend className="field-label">{legend}</legend>
      {help && <p className="field-help">{help}</p>}
      {rows.length > 0 ? (
        <ul className="stack-list">
          {rows.map((row, index) => {
            const label = row.name.trim() || `row ${index + 1}`;
            const ids = { name: `${idPrefix}-${row.key}-name`, value: `${idPrefix}-${row.key}-value` };
            const errors = { name: row.nameError, value: row.valueError };
            return (
              <li key={row.key} className="metadata-row" role="group" aria-label={`${noun} ${label}`}>
                <div className="metadata-row-fields">
                  {(['name', 'value'] as const).map((part) => (
                    <input
                      key={part}
                      {...plainInput}
                      id={ids[part]}
                      className="field-input"
                      aria-label={`${noun} ${part}`}
                      placeholder={part}
                      value={row[part]}
                      aria-invalid={errors[part] ? true : undefined}
                      aria-describedby={errors[part] ? `${ids[part]}-error` : undefined}
                      onChange={(event) => onEdit(index, part, event.target.value)}
                    />
                  ))}
                  <button type="button" className="button button-small" aria-label={`Remove ${lower} ${label}`} onClick={() => onRemove(index)}>
                    Remove
                  </button>
                </div>
                {(['name', 'value'] as const).map(
                  (part) =>
                    errors[part] && (
                      <p key={part} id={`${ids[part]}-error`} className="field-error">
                        {errors[part]}
                      </p>
                    ),
                )}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="field-help">{empty}</p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      <div>
        <button type="button" className="button button-small metadata-add" onClick={onAdd}>
          Add {lower}
        </button>
      </div>
    </fieldset>
  );
}
