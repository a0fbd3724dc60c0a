import { describe, expect, it } from 'vitest';
import type { ImportCandidate, ImportPreview } from '../../shared/profile-import';
import { conflictNote, importButtonLabel, importItems, importNameErrors, initialChoices } from './import-plan';

const candidate = (key: string, patch: Partial<ImportCandidate> = {}): ImportCandidate => ({
  key,
  name: key,
  settings: { name: key, provider: 'other', endpoint: 'https://s3.example.com', region: 'us-east-1', accessKeyId: 'K' },
  hasSecret: true,
  problems: [],
  warnings: [],
  ...patch,
});

const preview: ImportPreview = {
  source: 'aws',
  files: ['/home/u/.aws/credentials'],
  candidates: [
    candidate('default'),
    candidate('work', { name: 'work 2', conflict: { existingName: 'work' } }),
    candidate('broken', { problems: ['No secret access key.'] }),
  ],
};

describe('import choices', () => {
  it('select every importable candidate under its proposed name', () => {
    expect(initialChoices(preview)).toEqual({
      default: { selected: true, name: 'default' },
      work: { selected: true, name: 'work 2' },
      broken: { selected: false, name: 'broken' },
    });
  });

  it('send only chosen, importable candidates with trimmed names', () => {
    const choices = { ...initialChoices(preview), default: { selected: true, name: ' Home ' }, broken: { selected: true, name: 'x' } };
    expect(importItems(preview, choices)).toEqual([
      { key: 'default', name: 'Home' },
      { key: 'work', name: 'work 2' },
    ]);
    expect(importButtonLabel(2)).toBe('Import 2 profiles');
    expect(importButtonLabel(1)).toBe('Import 1 profile');
  });

  it('explain names that cannot be used', () => {
    const choices = { ...initialChoices(preview), default: { selected: true, name: 'WORK' } };
    expect(importNameErrors(preview, choices, ['work'])).toEqual({ default: 'A profile called “WORK” exists already: choose another name.' });
    const twice = { ...initialChoices(preview), default: { selected: true, name: 'Work 2' } };
    expect(Object.keys(importNameErrors(preview, twice, []))).toEqual(['default', 'work']);
    const colon = { ...initialChoices(preview), default: { selected: true, name: 'a:b' } };
    expect(importNameErrors(preview, colon, [])).toEqual({ default: expect.stringMatching(/cannot contain ":"/) });
  });

  it('say how a clash is resolved', () => {
    expect(conflictNote(preview.candidates[1], 'work 2')).toBe('A profile called “work” exists: this one will be imported as “work 2”.');
    expect(conflictNote(preview.candidates[1], 'Work')).toBeUndefined();
    expect(conflictNote(preview.candidates[0], 'default')).toBeUndefined();
  });
});
