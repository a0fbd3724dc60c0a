import { describe, expect, it } from 'vitest';
import { objectTagsSchema, tagChangesInWords } from './tags';

describe('tags', () => {
  it('follows S3’s rules, said in words', () => {
    expect(
      objectTagsSchema.safeParse([
        { key: 'team', value: 'web / ops' },
        { key: 'año', value: '2026' },
      ]).success,
    ).toBe(true);
    expect(objectTagsSchema.safeParse([{ key: '', value: 'x' }]).error?.issues[0].message).toBe('A tag needs a name.');
    expect(objectTagsSchema.safeParse([{ key: 'a#b', value: 'x' }]).error?.issues[0].message).toBe(
      'Tag names and values hold letters, digits, spaces and + - = . _ : / @ only.',
    );
    expect(objectTagsSchema.safeParse([{ key: 'aws:x', value: '' }]).error?.issues[0].message).toBe('Names starting with "aws:" are AWS’s own.');
    expect(
      objectTagsSchema.safeParse([
        { key: 'a', value: '1' },
        { key: 'a', value: '2' },
      ]).error?.issues[0].message,
    ).toBe('Two tags have the same name; each name is used once.');
    expect(objectTagsSchema.safeParse(Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, value: '' }))).error?.issues[0].message).toBe(
      'An object holds at most 10 tags.',
    );
  });

  it('says what a save changes', () => {
    expect(
      tagChangesInWords(
        [
          { key: 'tier', value: 'a' },
          { key: 'tmp', value: 'yes' },
        ],
        [
          { key: 'tier', value: 'b' },
          { key: 'team', value: 'web' },
        ],
      ),
    ).toBe('adds team=web; changes tier from "a" to "b"; removes tmp.');
    expect(tagChangesInWords([{ key: 'a', value: '1' }], [{ key: 'a', value: '1' }])).toBe('');
  });
});
