import { describe, expect, it } from 'vitest';
import { parseCsvRows, prettyJson, truncationNote } from './text-preview';

describe('parseCsvRows', () => {
  it('splits rows and fields, with quotes, doubled quotes, delimiters and line breaks inside quotes', () => {
    const text = 'name,note,n\r\n"Smith, Jo","said ""hi""",1\n"two\nlines",,2\n';
    expect(parseCsvRows(text)).toEqual({
      rows: [
        ['name', 'note', 'n'],
        ['Smith, Jo', 'said "hi"', '1'],
        ['two\nlines', '', '2'],
      ],
      more: false,
    });
  });

  it('keeps a last row without a line break, and skips a byte-order mark', () => {
    expect(parseCsvRows('\ufeffa,b\n1,2').rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('takes the first rows only and says there are more', () => {
    const text = Array.from({ length: 10 }, (_, i) => `${i},x`).join('\n');
    const parsed = parseCsvRows(text, { maxRows: 3 });
    expect(parsed.rows).toEqual([
      ['0', 'x'],
      ['1', 'x'],
      ['2', 'x'],
    ]);
    expect(parsed.more).toBe(true);
    expect(parseCsvRows('a\nb\nc\n', { maxRows: 3 }).more).toBe(false);
  });

  it('drops a half row at the end of a cut text', () => {
    expect(parseCsvRows('a,b\n1,2\n3,"unfinis', { truncated: true })).toEqual({
      rows: [
        ['a', 'b'],
        ['1', '2'],
      ],
      more: true,
    });
  });

  it('reads tab-separated values', () => {
    expect(parseCsvRows('a\tb,c\n1\t2', { delimiter: '\t' }).rows).toEqual([
      ['a', 'b,c'],
      ['1', '2'],
    ]);
  });

  it('an empty text has no rows', () => {
    expect(parseCsvRows('')).toEqual({ rows: [], more: false });
  });
});

describe('prettyJson and truncationNote', () => {
  it('pretty-prints JSON that parses and leaves the rest alone', () => {
    expect(prettyJson('{"a":[1,2],"b":{"c":null}}')).toEqual({ text: '{\n  "a": [\n    1,\n    2\n  ],\n  "b": {\n    "c": null\n  }\n}', pretty: true });
    expect(prettyJson('{"a":')).toEqual({ text: '{"a":', pretty: false });
  });

  it('says how much of how much is shown', () => {
    expect(truncationNote(1024 * 1024, 12 * 1024 * 1024)).toBe('Showing the first 1 MiB of 12 MiB');
  });
});
