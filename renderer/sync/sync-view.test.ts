import { describe, expect, it } from 'vitest';
import type { DiffEntry } from '../../shared/sync';
import { entriesShown, filterChoices, kindLabel, patternsOf } from './sync-view';

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
});
