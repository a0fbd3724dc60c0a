import { describe, expect, it } from 'vitest';
import { editConflict, editConflictInWords } from './text-edit';

describe('the edit-in-place conflict rule', () => {
  it('saves over the version opened only', () => {
    expect(editConflict('"abc"', '"abc"')).toBeUndefined();
    expect(editConflict('abc', '"ABC"')).toBeUndefined();
    expect(editConflict('"abc"', '"def"')).toBe('changed');
    expect(editConflict('"abc"', null)).toBe('deleted');
    // No ETag: the user chose to overwrite.
    expect(editConflict(undefined, '"def"')).toBeUndefined();
  });

  it('takes the editor’s own bytes on the server (a save whose answer never came) for no change of someone else’s', () => {
    expect(editConflict('"abc"', '"d41d8cd9"', ['D41D8CD9'])).toBeUndefined();
    expect(editConflict('"abc"', '"def"', ['"123"', '"456"'])).toBe('changed');
    expect(editConflict('"abc"', null, ['"abc"'])).toBe('deleted');
  });

  it('says what happened and that the text was not saved', () => {
    expect(editConflictInWords('deleted', 'a.txt')).toBe('a.txt was deleted on the server after you opened it. Your text was not saved.');
  });
});
