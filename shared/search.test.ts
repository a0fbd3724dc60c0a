import { describe, expect, it } from 'vitest';
import { parseSearchText, searchInWords, searchRequestSchema, searchTextOf, tagsMatch } from './search';

describe('the search box', () => {
  it('reads a name, a tag with or without a value, or both; tag names and values may hold spaces', () => {
    expect(parseSearchText('  report ')).toEqual({ query: 'report' });
    expect(parseSearchText('tag:team=web')).toEqual({ query: '', tag: { key: 'team', value: 'web' } });
    expect(parseSearchText('TAG:team')).toEqual({ query: '', tag: { key: 'team' } });
    expect(parseSearchText('report tag:cost center = a b')).toEqual({ query: 'report', tag: { key: 'cost center', value: 'a b' } });
    expect(parseSearchText('tag:team=')).toEqual({ query: '', tag: { key: 'team', value: '' } });
    // "tag:" inside a name is a name: only a word starting with tag: is the tag.
    expect(parseSearchText('hashtag:x')).toEqual({ query: 'hashtag:x' });
    expect(parseSearchText('report tag:')).toEqual({ query: 'report' });
  });

  it('writes a search back as the box shows it, and says it in words', () => {
    for (const text of ['report', 'tag:team=web', 'tag:team', 'report tag:cost center=a b']) expect(searchTextOf(parseSearchText(text))).toBe(text);
    expect(searchInWords({ query: 'report' })).toBe('names containing "report"');
    expect(searchInWords({ query: '', tag: { key: 'team', value: 'web' } })).toBe('objects tagged team=web');
    expect(searchInWords({ query: 'report', tag: { key: 'team' } })).toBe('names containing "report", tagged team (any value)');
  });

  it('matches tags exactly, by name and (when given) value', () => {
    const tags = [{ key: 'team', value: 'web' }];
    expect(tagsMatch(tags, { key: 'team' })).toBe(true);
    expect(tagsMatch(tags, { key: 'team', value: 'web' })).toBe(true);
    expect(tagsMatch(tags, { key: 'team', value: 'Web' })).toBe(false);
    expect(tagsMatch(tags, { key: 'Team' })).toBe(false);
    expect(tagsMatch([], { key: 'team' })).toBe(false);
  });

  it('asks for a name or a tag', () => {
    const base = { profileId: 'p1', bucket: 'photos', prefix: '' };
    expect(searchRequestSchema.safeParse({ ...base, query: '  ' }).error?.issues[0].message).toBe('Type something to search for.');
    expect(searchRequestSchema.safeParse({ ...base, tag: { key: 'team' } }).data).toEqual({ ...base, query: '', tag: { key: 'team' } });
    expect(searchRequestSchema.safeParse({ ...base, tag: { key: '' } }).error?.issues[0].message).toBe('Name the tag to search for.');
  });
});
