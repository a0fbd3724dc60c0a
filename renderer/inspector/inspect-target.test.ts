import { describe, expect, it } from 'vitest';
import { isFolderTarget, targetKey } from './inspect-target';

describe('targetKey and isFolderTarget', () => {
  it('tells targets apart by profile, bucket, key and version', () => {
    const base = { profileId: 'p', bucket: 'b', key: 'k' };
    const keys = [base, { ...base, profileId: 'q' }, { ...base, bucket: 'c' }, { ...base, key: 'k2' }, { ...base, versionId: 'v1' }].map(targetKey);
    expect(new Set(keys).size).toBe(5);
    expect(targetKey({ ...base })).toBe(targetKey(base));
    expect(targetKey(undefined)).toBe('');
  });

  it('a key ending in "/" is a folder', () => {
    expect(isFolderTarget({ profileId: 'p', bucket: 'b', key: 'photos/' })).toBe(true);
    expect(isFolderTarget({ profileId: 'p', bucket: 'b', key: 'photos/a.png' })).toBe(false);
    expect(isFolderTarget(undefined)).toBe(false);
  });
});
