import type { MetadataSettingRow } from './bucket-settings-form';

const plainInput = { autoComplete: 'off', spellCheck: false, autoCapitalize: 'off', autoCorrect: 'off' } as const;

/** Props of {@link BucketMetadataRows}. */
export interface BucketMetadataRowsProps {
  rows: MetadataSettingRow[];
  /** Each row's problem, by row id. */
  problems: Record<number, string | undefined>;
  /** A problem with the metadata as a whole (e.g. over 2 KiB). */
  problem?: string;
  onChange(rows: MetadataSettingRow[]): void;
  onAdd(): void;
}

/** The user metadata rows every upload into a bucket gets (`x-amz-meta-NAME`): a name and a value each, removable. */
export function BucketMetadataRows({ rows, problems, problem, onChange, onAdd }: BucketMetadataRowsProps) {
  const update = (id: number, patch: Partial<MetadataSettingRow>) => onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  return (
    <fieldset className="field-group metadata-rows">
      <legend className="field-label">Metadata (x-amz-meta-*)</legend>
      {rows.length > 0 ? (
        <ul className="metadata-row-list">
          {rows.map((row, index) => {
            const label = row.name.trim() || `row ${index + 1}`;
            const error = problems[row.id];
            const errorId = `bucket-metadata-${row.id}-error`;
            return (
              <li key={row.id} className="metadata-row" role="group" aria-label={`Metadata ${label}`}>
                <div className="metadata-row-fields">
                  <input
                    {...plainInput}
                    className="field-input"
                    aria-label="Metadata name"
                    placeholder="name"
                    value={row.name}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? errorId : undefined}
                    onChange={(event) => update(row.id, { name: event.target.value })}
                  />
                  <input
                    {...plainInput}
                    className="field-input"
                    aria-label="Metadata value"
                    placeholder="value"
                    value={row.value}
                    onChange={(event) => update(row.id, { value: event.target.value })}
                  />
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Remove metadata ${label}`}
                    onClick={() => onChange(rows.filter((r) => r.id !== row.id))}
                  >
                    Remove
                  </button>
                </div>
                {error && (
                  <p id={errorId} className="field-error">
                    {error}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="field-help">None.</p>
      )}
      {problem && <p className="field-error">{problem}</p>}
      <div>
        <button type="button" className="button button-small" onClick={onAdd}>
          Add metadata
        </button>
      </div>
    </fieldset>
  );
}
