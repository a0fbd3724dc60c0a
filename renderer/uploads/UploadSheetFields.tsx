import { countOf } from '../common/format';
import { MetadataRowsField } from '../common/MetadataRowsField';
import type { ExtensionGroup, MetadataRow, SheetProblems } from './upload-sheet-plan';

/** Content-Types offered in every row's suggestions (besides the detected one). */
const COMMON_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/avif',
  'image/svg+xml',
  'text/html; charset=utf-8',
  'text/plain; charset=utf-8',
  'text/css',
  'application/javascript',
  'application/json',
  'application/pdf',
  'video/mp4',
  'application/octet-stream',
];

/** One row per file type of the drop: ".jpg — 3 files", its Content-Type (detected, or typed over). */
export function ContentTypeRows({
  groups,
  typed,
  problems,
  contentsUnknown,
  onChange,
}: {
  groups: readonly ExtensionGroup[];
  /** The types typed, by extension (the detected one shows where none is). */
  typed: Record<string, string>;
  problems: SheetProblems['contentTypes'];
  contentsUnknown: boolean;
  onChange: (contentTypes: Record<string, string>) => void;
}) {
  return (
    <fieldset className="field-group">
      <legend className="field-label">Content-Type</legend>
      <datalist id="upload-sheet-types">
        {COMMON_TYPES.map((type) => (
          <option key={type} value={type} />
        ))}
      </datalist>
      {groups.length === 0 && <p className="field-help">Each file gets the type its name gives, detected when the upload starts.</p>}
      <ul className="upload-types">
        {groups.map(({ extension, count, detected }) => {
          const id = `upload-type-${extension || 'none'}`;
          const value = typed[extension] ?? detected;
          const what = extension ? `.${extension}` : 'no extension';
          return (
            <li key={extension} className="upload-type-row">
              <label htmlFor={id} className="upload-type-name">
                <span className="upload-type-ext">{what}</span> <span className="upload-type-count">{countOf(count, 'file')}</span>
              </label>
              <input
                id={id}
                className="field-input"
                list="upload-sheet-types"
                aria-label={`Content-Type of ${extension ? `.${extension}` : 'files without an extension'}`}
                value={value}
                disabled={!extension}
                spellCheck={false}
                autoComplete="off"
                aria-invalid={problems[extension] ? true : undefined}
                aria-describedby={`${id}-note`}
                onChange={(event) => onChange({ ...typed, [extension]: event.target.value })}
              />
              <span id={`${id}-note`} className={problems[extension] ? 'field-error upload-type-note' : 'field-help upload-type-note'}>
                {problems[extension] ?? (value.trim() === detected || !value.trim() ? 'detected' : `instead of ${detected}`)}
              </span>
            </li>
          );
        })}
      </ul>
      {contentsUnknown && groups.length > 0 && <p className="field-help">Files inside a picked folder get the type their name gives.</p>}
    </fieldset>
  );
}

/** User metadata (x-amz-meta-NAME): name and value rows, each checked as it is typed once "Upload" was pressed. */
export function MetadataRows({
  rows,
  problems,
  total,
  show,
  onChange: set,
}: {
  rows: readonly MetadataRow[];
  problems: SheetProblems['metadata'];
  total?: string;
  show: boolean;
  onChange: (rows: MetadataRow[]) => void;
}) {
  return (
    <MetadataRowsField
      idPrefix="upload-metadata"
      help="Sent as x-amz-meta-NAME headers; 2 KiB in all."
      rows={rows.map((row, index) => ({
        key: index,
        name: row.name,
        value: row.value,
        ...(show && { nameError: problems[index]?.name, valueError: problems[index]?.value }),
      }))}
      error={show ? total : undefined}
      onEdit={(index, part, text) => set(rows.map((row, i) => (i === index ? { ...row, [part]: text } : row)))}
      onRemove={(index) => set(rows.filter((_, i) => i !== index))}
      onAdd={() => set([...rows, { name: '', value: '' }])}
    />
  );
}
