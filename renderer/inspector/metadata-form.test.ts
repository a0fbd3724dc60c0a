import { describe, expect, it } from 'vitest';
import { checkMetadataForm, formFromDetails, formToEdit, nextRowId, rowField, type MetadataFormValues } from './metadata-form';

const values = (patch: Partial<MetadataFormValues> = {}): MetadataFormValues => ({
  contentType: 'text/plain',
  cacheControl: '',
  contentDisposition: '',
  rows: [],
  ...patch,
});

describe('formFromDetails', () => {
  it('fills the headers and one row per metadata entry, in name order', () => {
    expect(formFromDetails({ contentType: 'image/png', metadata: { zeta: '1', author: 'alice' } })).toEqual({
      contentType: 'image/png',
      cacheControl: '',
      contentDisposition: '',
      rows: [
        { id: 1, name: 'author', value: 'alice' },
        { id: 2, name: 'zeta', value: '1' },
      ],
    });
    expect(
      nextRowId([
        { id: 4, name: '', value: '' },
        { id: 2, name: '', value: '' },
      ]),
    ).toBe(5);
    expect(nextRowId([])).toBe(1);
  });
});

describe('formToEdit', () => {
  it('trims headers and names, drops empty headers and blank rows, keeps values as typed', () => {
    const edit = formToEdit(
      values({
        contentType: ' text/csv ',
        cacheControl: '   ',
        contentDisposition: 'inline',
        rows: [
          { id: 1, name: ' owner ', value: ' Team A ' },
          { id: 2, name: '', value: '' },
        ],
      }),
    );
    expect(edit).toEqual({ contentType: 'text/csv', cacheControl: undefined, contentDisposition: 'inline', metadata: { owner: ' Team A ' } });
  });
});

describe('checkMetadataForm', () => {
  it('passes a valid form with the edit to send', () => {
    const check = checkMetadataForm(values({ rows: [{ id: 1, name: 'reviewed-by', value: 'bob' }] }));
    expect(check).toEqual({ ok: true, edit: { contentType: 'text/plain', metadata: { 'reviewed-by': 'bob' } } });
  });

  it('ties schema problems to their fields', () => {
    const check = checkMetadataForm(
      values({
        contentType: 'tëxt/plain',
        rows: [
          { id: 1, name: 'bad name', value: 'x' },
          { id: 2, name: 'ok', value: 'naïve' },
          { id: 3, name: '', value: 'orphan' },
        ],
      }),
    );
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems.fields.contentType).toMatch(/printable ASCII/);
    expect(check.problems.fields[rowField(1, 'name')]).toMatch(/only letters, digits/);
    expect(check.problems.fields[rowField(1, 'value')]).toBeUndefined();
    expect(check.problems.fields[rowField(2, 'value')]).toMatch(/A metadata value may hold only printable ASCII/);
    expect(check.problems.fields[rowField(3, 'name')]).toBe('Enter a metadata name.');
  });

  it('says when a value is too long, in its own words', () => {
    const check = checkMetadataForm(values({ cacheControl: 'x'.repeat(2049) }));
    expect(check.ok ? undefined : check.problems.fields.cacheControl).toBe('At most 2,048 characters.');
  });

  it('flags a name used twice, ignoring case', () => {
    const check = checkMetadataForm(
      values({
        rows: [
          { id: 1, name: 'Owner', value: 'a' },
          { id: 2, name: 'owner', value: 'b' },
        ],
      }),
    );
    expect(check.ok ? {} : check.problems.fields).toEqual({ [rowField(2, 'name')]: 'This name is already used above (metadata names ignore case).' });
  });

  it('reports the 2 KB limit on all metadata for the form as a whole', () => {
    const rows = Array.from({ length: 3 }, (_, i) => ({ id: i + 1, name: `k${i}`, value: 'v'.repeat(900) }));
    const check = checkMetadataForm(values({ rows }));
    expect(check.ok ? undefined : check.problems).toEqual({ fields: {}, form: 'User metadata is limited to 2 KB in all.' });
  });
});
