import { describe, expect, it } from 'vitest';
import type { DiffEntry } from '../../shared/sync';
import { choicesFromSettings, problemsOf, requestOptionsOf } from '../uploads/upload-sheet-plan';
import { entriesShown, filterChoices, kindLabel, patternsOf, syncUploadsInWords, uploadGroupsOf } from './sync-view';

const entries: DiffEntry[] = [
  { path: 'a', kind: 'new' },
  { path: 'b', kind: 'same' },
  { path: 'c', kind: 'extra' },
  { path: 'd', kind: 'changed' },
];

describe('the sync preview', () => {
  it('names kinds from the sync’s side, and counts them in the filter', () => {
    expect(kindLabel('extra', 'upload')).toBe('Only in the bucket');
    expect(kindLabel('extra', 'download')).toBe('Only in the folder');
    expect(filterChoices({ direction: 'upload', counts: { new: 1, changed: 1, extra: 1, same: 1 } }).map((c) => c.label)).toEqual([
      'Differences (3)',
      'New (1)',
      'Changed (1)',
      'Only in the bucket (1)',
      'Same (1)',
      'All (4)',
    ]);
  });

  it('shows the differences by default, one kind, or all', () => {
    expect(entriesShown(entries, 'differences').map((e) => e.path)).toEqual(['a', 'c', 'd']);
    expect(entriesShown(entries, 'same').map((e) => e.path)).toEqual(['b']);
    expect(entriesShown(entries, 'all')).toHaveLength(4);
  });

  it('reads patterns one per line, without blanks and comments', () => {
    expect(patternsOf('node_modules/\n\n# build output\n  dist/ \n*.tmp')).toEqual(['node_modules/', 'dist/', '*.tmp']);
  });

  it('gives the upload options a Content-Type row for each file type the sync sends, and sends the type shown', () => {
    const plan = {
      entries: [
        { path: 'index.html', kind: 'new' },
        { path: 'css/a.css', kind: 'changed' },
        { path: 'css/b.css', kind: 'new' },
        { path: 'old.webp', kind: 'extra' },
        { path: 'same.png', kind: 'same' },
        { path: 'LICENSE', kind: 'new' },
      ] satisfies DiffEntry[],
    };
    const groups = uploadGroupsOf(plan);
    expect(groups.map((g) => [g.extension, g.count])).toEqual([
      ['css', 2],
      ['html', 1],
      ['', 1],
    ]);
    const saved = choicesFromSettings({ acl: 'public-read', contentTypes: { css: 'text/css; charset=utf-8', webp: 'image/webp' } }, { acl: 'none' });
    const { acl, options } = requestOptionsOf({ ...saved, acl: 'none', contentTypes: { ...saved.contentTypes, html: 'text/plain' } }, groups);
    expect(acl).toBe('none');
    expect(options).toMatchObject({ contentTypes: { css: 'text/css; charset=utf-8', html: 'text/plain' }, encryption: null });
    expect(options.acl).toBeUndefined();
    expect(problemsOf({ ...saved, storageClass: 'cold' }, groups).storageClass).toMatch(/capitals/);
  });

  it('says what a sync’s uploads get, and whether that is the bucket’s saved settings or this sync’s own', () => {
    const saved = choicesFromSettings({ acl: 'private', cacheControl: 'no-cache' }, { acl: 'none' });
    expect(syncUploadsInWords(saved, saved)).toBe(
      'Uploads get access: private · Cache-Control "no-cache" (this bucket’s saved upload settings, as for a drop).',
    );
    // A blank metadata row, spaces around a value or an emptied type field change nothing that is sent.
    const untouched = { ...saved, cacheControl: ' no-cache ', metadata: [{ name: '', value: '' }], contentTypes: { txt: '' } };
    expect(syncUploadsInWords(untouched, saved)).toMatch(/saved upload settings/);
    const changed = { ...saved, acl: 'public-read' as const, storageClass: 'STANDARD_IA', metadata: [{ name: 'origin', value: 'sync' }] };
    expect(syncUploadsInWords(changed, saved)).toBe(
      'Uploads get access: public-read · Cache-Control "no-cache" · storage class STANDARD_IA · metadata origin (set for this sync only).',
    );
  });
});
