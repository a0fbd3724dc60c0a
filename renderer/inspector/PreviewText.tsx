import { useMemo } from 'react';
import { valueOf } from '../../shared/loadable';
import { csvDelimiter } from './preview-kind';
import type { InspectTarget } from '../stores/inspector';
import { TEXT_PREVIEW_BYTES, usePreviewStore } from '../stores/preview';
import { parseCsvRows, prettyJson, truncationNote } from './text-preview';

/** The first rows of a CSV as a table: the first row as column names. */
function CsvTable({ rows, name, more }: { rows: string[][]; name: string; more: boolean }) {
  const [head, ...body] = rows;
  if (!head) return <p className="inspector-muted">This file is empty.</p>;
  const width = Math.max(...rows.map((row) => row.length));
  const cells = (row: string[]) => Array.from({ length: width }, (_, i) => row[i] ?? '');
  return (
    <>
      <div className="preview-scroll preview-csv" tabIndex={0} role="region" aria-label={`Rows of ${name}`}>
        <table aria-label="CSV preview">
          <thead>
            <tr>
              {cells(head).map((cell, i) => (
                <th key={i} scope="col">
                  {cell}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {body.map((row, r) => (
              <tr key={r}>
                {cells(row).map((cell, i) => (
                  <td key={i}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more && <p className="inspector-muted">Showing the first {rows.length} rows.</p>}
    </>
  );
}

/** Props of {@link PreviewText}. */
export interface PreviewTextProps {
  target: InspectTarget;
  name: string;
  kind: 'text' | 'json' | 'csv';
}

/**
 * The start of a text object (at most its first MiB): JSON pretty-printed
 * when it parses, CSV as a table of its first rows, anything else as it is,
 * in a monospace font.
 */
export function PreviewText({ target, name, kind }: PreviewTextProps) {
  const text = usePreviewStore((state) => valueOf(state.content)?.text);
  const contentType = usePreviewStore((state) => state.contentType);

  const shown = useMemo(() => {
    if (!text) return undefined;
    if (kind === 'csv') return { csv: parseCsvRows(text.text, { delimiter: csvDelimiter({ key: target.key, contentType }), truncated: text.truncated }) };
    if (kind === 'json' && !text.truncated) return { plain: prettyJson(text.text).text };
    return { plain: text.text };
  }, [text, kind, target.key, contentType]);

  if (!text || !shown) return null;
  return (
    <>
      {text.truncated && <p className="preview-truncated">{truncationNote(Math.min(TEXT_PREVIEW_BYTES, text.size), text.size)}</p>}
      {shown.csv ? (
        <CsvTable rows={shown.csv.rows} name={name} more={shown.csv.more} />
      ) : text.size === 0 ? (
        <p className="inspector-muted">This file is empty.</p>
      ) : (
        <div className="preview-scroll" tabIndex={0} role="region" aria-label={`Text of ${name}`}>
          <pre className="preview-text">{shown.plain}</pre>
        </div>
      )}
    </>
  );
}
