import { describe, expect, it } from 'vitest';
import type { VersionEntry } from '../../shared/versions';
import { listedPast, versionLabels, versionListStart, versionsOfKey } from './object-versions-list';

const version = (key: string, versionId: string, lastModified: string, patch: Partial<VersionEntry> = {}): VersionEntry => ({
  kind: 'version',
  key,
  name: key,
  versionId,
  isLatest: false,
  isDeleteMarker: false,
  size: 1,
  lastModified,
  ...patch,
});

describe('versionListStart', () => {
  it('lists from just before the key, under the key without its last character', () => {
    expect(versionListStart('docs/report.txt')).toEqual({ prefix: 'docs/report.tx', keyMarker: 'docs/report.txs' });
    expect(versionListStart('a/x')).toEqual({ prefix: 'a/', keyMarker: 'a/w' });
    expect(versionListStart('b')).toEqual({ prefix: '', keyMarker: 'a' });
  });

  it('works in code points and sends no control characters or lone surrogates', () => {
    expect(versionListStart('pic-😀')).toEqual({ prefix: 'pic-', keyMarker: 'pic-\u{1F5FF}' });
    expect(versionListStart('a/\ue000')).toEqual({ prefix: 'a/', keyMarker: 'a/\ud7ff' });
    expect(versionListStart('a/!')).toEqual({ prefix: 'a/' });
  });
});

describe('versionsOfKey', () => {
  it('keeps only the key itself (not keys that start with it), newest first, without repeats', () => {
    const entries = [
      version('a/report.txt', 'v1', '2025-01-01T10:00:00.000Z'),
      version('a/report.txt.bak', 'b1', '2025-03-01T10:00:00.000Z'),
      version('a/report.txt', 'v3', '2025-02-01T10:00:00.000Z', { isLatest: true }),
      version('a/report.txt', 'm2', '2025-01-15T10:00:00.000Z', { isDeleteMarker: true, size: 0 }),
      version('a/report.txt', 'v1', '2025-01-01T10:00:00.000Z'),
    ];
    expect(versionsOfKey(entries, 'a/report.txt').map((v) => v.versionId)).toEqual(['v3', 'm2', 'v1']);
  });

  it('puts the latest first among versions of the same second, otherwise keeps the server order', () => {
    const same = '2025-01-01T10:00:00.000Z';
    const entries = [version('k', 'old', same), version('k', 'older', same), version('k', 'new', same, { isLatest: true })];
    expect(versionsOfKey(entries, 'k').map((v) => v.versionId)).toEqual(['new', 'old', 'older']);
  });
});

describe('listedPast', () => {
  it('is true once a later key or folder was listed', () => {
    expect(listedPast({ versions: [version('a/x', '1', '')], folders: [] }, 'a/x')).toBe(false);
    expect(listedPast({ versions: [version('a/x', '1', ''), version('a/xa', '2', '')], folders: [] }, 'a/x')).toBe(true);
    expect(listedPast({ versions: [], folders: [{ kind: 'folder', prefix: 'a/y/', name: 'y' }] }, 'a/x')).toBe(true);
    expect(listedPast({ versions: [version('a/w', '1', '')], folders: [] }, 'a/x')).toBe(false);
  });
});

describe('versionLabels', () => {
  it('names each version by its time to the second, adding the version id when two read alike', () => {
    const entries = [
      version('k', 'aaaaaaaa1111', '2025-03-04T14:05:09.000Z'),
      version('k', 'bbbbbbbb2222', '2025-03-04T14:05:09.400Z'),
      version('k', 'cccccccc3333', '2025-03-04T14:06:00.000Z'),
      version('k', 'dddd', 'not a date'),
    ];
    const labels = versionLabels(entries, 'en-US', 'UTC');
    expect(labels.get('aaaaaaaa1111')).toEqual({ time: 'Mar 4, 2025, 2:05:09 PM', label: 'Mar 4, 2025, 2:05:09 PM (version aaaaaaaa)' });
    expect(labels.get('bbbbbbbb2222')?.label).toBe('Mar 4, 2025, 2:05:09 PM (version bbbbbbbb)');
    expect(labels.get('cccccccc3333')).toEqual({ time: 'Mar 4, 2025, 2:06:00 PM', label: 'Mar 4, 2025, 2:06:00 PM' });
    expect(labels.get('dddd')?.label).toBe('an unknown time');
  });
});
