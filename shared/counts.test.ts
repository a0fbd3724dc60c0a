import { describe, expect, it } from 'vitest';
import { countOf, formatCount } from './counts';

describe('counts', () => {
  it('groups thousands as en-US does', () => {
    for (const n of [0, 7, 999, 1000, 2500, 10_000, 123_456, 1_234_567, 9_007_199_254_740_991, -1234, 1234.5]) {
      expect(formatCount(n)).toBe(n.toLocaleString('en-US', { maximumFractionDigits: 20 }));
    }
  });

  it('names the noun in the singular for one and in the plural otherwise', () => {
    expect(countOf(1, 'folder')).toBe('1 folder');
    expect(countOf(0, 'object')).toBe('0 objects');
    expect(countOf(2500, 'object')).toBe('2,500 objects');
    expect(countOf(3, 'match', 'matches')).toBe('3 matches');
  });
});
