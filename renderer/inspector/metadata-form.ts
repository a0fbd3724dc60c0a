import { metadataEditSchema, type MetadataEdit, type ObjectDetails } from '../../shared/object-details';

/** One `x-amz-meta-*` row of the form; `id` keeps React keys and field ids stable while names change. */
export interface MetadataRow {
  id: number;
  name: string;
  value: string;
}

/** What the metadata form holds: the three editable headers and the metadata rows. */
export interface MetadataFormValues {
  contentType: string;
  cacheControl: string;
  contentDisposition: string;
  rows: MetadataRow[];
}

/** A field of the form: a header, or one part of one row. */
export type MetadataField = 'contentType' | 'cacheControl' | 'contentDisposition' | `row-${number}-name` | `row-${number}-value`;

/** The problems of a form: per field, plus one about the metadata as a whole. */
export interface MetadataFormProblems {
  fields: Partial<Record<MetadataField, string>>;
  /** E.g. the 2 KB limit on all user metadata. */
  form?: string;
}

/** The result of checking a form: the edit to send, or what is wrong. */
export type MetadataFormCheck = { ok: true; edit: MetadataEdit } | { ok: false; problems: MetadataFormProblems };

/** The name of a row's field. */
export const rowField = (id: number, part: 'name' | 'value'): MetadataField => `row-${id}-${part}`;

/** The form filled from an object's details (rows numbered from 1, in name order). */
export function formFromDetails(details: Pick<ObjectDetails, 'contentType' | 'cacheControl' | 'contentDisposition' | 'metadata'>): MetadataFormValues {
  const names = Object.keys(details.metadata).sort();
  return {
    contentType: details.contentType ?? '',
    cacheControl: details.cacheControl ?? '',
    contentDisposition: details.contentDisposition ?? '',
    rows: names.map((name, index) => ({ id: index + 1, name, value: details.metadata[name] ?? '' })),
  };
}

/** The id for a new row: one above the highest in use. */
export function nextRowId(rows: MetadataRow[]): number {
  return rows.reduce((max, row) => Math.max(max, row.id), 0) + 1;
}

/** Rows the user left entirely blank (e.g. added and never filled) are not sent. */
const isBlank = (row: MetadataRow) => row.name.trim() === '' && row.value === '';

/**
 * The edit a form describes, before validation: headers as typed (trimmed;
 * an empty one is removed from the object) and metadata names trimmed.
 */
export function formToEdit(values: MetadataFormValues): MetadataEdit {
  const metadata: Record<string, string> = {};
  for (const row of values.rows) if (!isBlank(row)) metadata[row.name.trim()] = row.value;
  const header = (value: string) => value.trim() || undefined;
  return {
    contentType: header(values.contentType),
    cacheControl: header(values.cacheControl),
    contentDisposition: header(values.contentDisposition),
    metadata,
  };
}

// zod's own words for length limits are terse; say what the limit means here.
function issueText(issue: { code: string; message: string; maximum?: unknown }): string {
  if (issue.code === 'too_big') return `At most ${Number(issue.maximum).toLocaleString('en-US')} characters.`;
  return issue.message;
}

/**
 * Checks a form with the same schema the main process uses, and ties each
 * problem to the field that caused it. S3 stores metadata names in lower case,
 * so two rows whose names differ only in case are the same name.
 */
export function checkMetadataForm(values: MetadataFormValues): MetadataFormCheck {
  const fields: MetadataFormProblems['fields'] = {};
  const rowsByName = new Map<string, MetadataRow[]>();
  for (const row of values.rows) {
    if (isBlank(row)) continue;
    const name = row.name.trim();
    rowsByName.set(name, [...(rowsByName.get(name) ?? []), row]);
  }
  const seen = new Map<string, number>();
  for (const row of values.rows) {
    if (isBlank(row) || row.name.trim() === '') continue;
    const folded = row.name.trim().toLowerCase();
    if (seen.has(folded)) fields[rowField(row.id, 'name')] = 'This name is already used above (metadata names ignore case).';
    else seen.set(folded, row.id);
  }

  const parsed = metadataEditSchema.safeParse(formToEdit(values));
  let form: string | undefined;
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [first, name] = issue.path;
      if (first === 'metadata' && typeof name === 'string') {
        const nested = 'issues' in issue && Array.isArray(issue.issues) ? (issue.issues[0] as { code: string; message: string } | undefined) : undefined;
        const part = issue.code === 'invalid_key' ? 'name' : 'value';
        for (const row of rowsByName.get(name) ?? []) {
          fields[rowField(row.id, part)] ??= issueText(nested ?? issue);
        }
      } else if (first === 'contentType' || first === 'cacheControl' || first === 'contentDisposition') {
        fields[first] ??= issueText(issue);
      } else {
        form ??= issue.message;
      }
    }
  }
  if (Object.keys(fields).length > 0 || form !== undefined || !parsed.success) {
    return { ok: false, problems: { fields, ...(form !== undefined && { form }) } };
  }
  return { ok: true, edit: parsed.data };
}
