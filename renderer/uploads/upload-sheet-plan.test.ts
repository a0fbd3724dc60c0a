import { describe, expect, it } from 'vitest';
import {
  choicesFromSettings,
  COMMON_STORAGE_CLASSES,
  describeSettings,
  groupByExtension,
  hasProblems,
  itemsOfDrop,
  problemsOf,
  requestOptionsOf,
  settingsFromChoices,
  storageClassesFor,
  totalsOf,
  type SheetChoices,
} from './upload-sheet-plan';

const NONE_ASKED = { algorithm: 'none' as const, kmsKeyId: '', bucketKey: false };
const blank: SheetChoices = { acl: 'none', contentTypes: {}, cacheControl: '', disposition: 'none', storageClass: '', metadata: [], encryption: NONE_ASKED };

describe('what a drop holds', () => {
  const items = itemsOfDrop(
    [
      { path: 'photos/a.jpg', size: 10 },
      { path: 'photos/2024/b.JPG', size: 20 },
      { path: 'notes.md', size: 5 },
      { path: 'photos/c.png', size: 1 },
      { path: 'LICENSE', size: 2 },
    ],
    ['empty/sub'],
  );

  it('groups the files under their top-level items, in the order they come', () => {
    expect(items.map((item) => [item.name, item.folder, item.files.length])).toEqual([
      ['photos', true, 3],
      ['notes.md', false, 1],
      ['LICENSE', false, 1],
      ['empty', true, 0],
    ]);
    expect(totalsOf(items)).toEqual({ files: 5, bytes: 38, unknown: false });
    expect(totalsOf([{ name: 'a', folder: false, files: [{ path: 'a' }] }]).bytes).toBeUndefined();
  });

  it('groups by extension, most files first and files without one last, each with the detected type', () => {
    expect(groupByExtension(items)).toEqual([
      { extension: 'jpg', count: 2, detected: 'image/jpeg' },
      { extension: 'md', count: 1, detected: 'text/markdown' },
      { extension: 'png', count: 1, detected: 'image/png' },
      { extension: '', count: 1, detected: 'application/octet-stream' },
    ]);
  });
});

describe('the choices and what they send', () => {
  const groups = groupByExtension(itemsOfDrop([{ path: 'a.jpg' }, { path: 'b.webp' }, { path: 'c.txt' }]));

  it('opens with the bucket’s remembered settings, else the profile’s defaults', () => {
    expect(choicesFromSettings(undefined, { acl: 'private', cacheControl: 'no-cache' })).toEqual({ ...blank, acl: 'private', cacheControl: 'no-cache' });
    const remembered = choicesFromSettings(
      {
        acl: 'public-read',
        contentDisposition: 'attachment; filename="x"',
        storageClass: 'STANDARD_IA',
        metadata: { owner: 'ann' },
        contentTypes: { webp: 'image/webp' },
        encryption: { algorithm: 'aws:kms', kmsKeyId: 'alias/uploads' },
      },
      { acl: 'private' },
    );
    expect(remembered).toEqual({
      acl: 'public-read',
      contentTypes: { webp: 'image/webp' },
      cacheControl: '',
      disposition: 'attachment',
      storageClass: 'STANDARD_IA',
      metadata: [{ name: 'owner', value: 'ann' }],
      encryption: { algorithm: 'aws:kms', kmsKeyId: 'alias/uploads', bucketKey: false },
    });
  });

  it('sends what the sheet shows: each file type with its type, emptied fields as empty so no saved default fills them', () => {
    const choices: SheetChoices = {
      acl: 'public-read',
      contentTypes: { jpg: 'image/jpeg', txt: 'text/plain; charset=utf-8', png: 'image/x-png' },
      cacheControl: ' max-age=3600, public ',
      disposition: 'attachment',
      storageClass: '',
      metadata: [
        { name: 'owner', value: 'ann' },
        { name: '', value: '' },
      ],
      encryption: { algorithm: 'aws:kms', kmsKeyId: ' k-1 ', bucketKey: false },
    };
    expect(requestOptionsOf(choices, groups)).toEqual({
      acl: 'public-read',
      options: {
        acl: 'public-read',
        cacheControl: 'max-age=3600, public',
        contentDisposition: 'attachment',
        storageClass: '',
        metadata: { owner: 'ann' },
        contentTypes: { jpg: 'image/jpeg', webp: 'image/webp', txt: 'text/plain; charset=utf-8' },
        encryption: { algorithm: 'aws:kms', kmsKeyId: 'k-1' },
      },
    });
    expect(requestOptionsOf(blank, groups)).toEqual({
      acl: 'none',
      options: {
        cacheControl: '',
        contentDisposition: '',
        storageClass: '',
        metadata: {},
        contentTypes: { jpg: 'image/jpeg', webp: 'image/webp', txt: 'text/plain' },
        // None asked goes as null, so a bucket's saved encryption does not fill it.
        encryption: null,
      },
    });
  });

  it('remembers the drop’s types over the ones saved before, keeping other extensions’', () => {
    const choices = {
      ...blank,
      acl: 'private' as const,
      contentTypes: { webp: 'image/webp', jpg: 'image/pjpeg' },
      storageClass: 'STANDARD',
      encryption: { algorithm: 'AES256' as const, kmsKeyId: '', bucketKey: false },
    };
    const previous = { contentTypes: { svg: 'image/svg+xml', jpg: 'image/jpg' }, cacheControl: 'no-cache' };
    expect(settingsFromChoices(choices, groups, previous, true)).toEqual({
      acl: 'private',
      storageClass: 'STANDARD',
      encryption: { algorithm: 'AES256' },
      contentTypes: { svg: 'image/svg+xml', jpg: 'image/pjpeg' },
    });
    expect(settingsFromChoices(blank, groups, undefined, false)).toEqual({ acl: 'none', askOnDrop: false });
  });

  it('says what is wrong in the shared schemas’ words', () => {
    const problems = problemsOf(
      {
        ...blank,
        contentTypes: { jpg: 'jpeg' },
        cacheControl: 'max-age=1\tpublic',
        storageClass: 'glacier',
        metadata: [
          { name: 'bad name', value: 'x' },
          { name: 'ok', value: 'line\nbreak' },
        ],
        encryption: { algorithm: 'aws:kms', kmsKeyId: 'my key', bucketKey: false },
      },
      groups,
    );
    expect(problems.encryption).toBe('A KMS key id is a key id, ARN or alias/NAME, without spaces.');
    expect(problems.contentTypes.jpg).toMatch(/TYPE\/SUBTYPE/);
    expect(problems.cacheControl).toMatch(/without line breaks/);
    expect(problems.storageClass).toMatch(/capitals/);
    expect(problems.metadata[0].name).toMatch(/letters, digits/);
    expect(problems.metadata[1].value).toMatch(/line breaks/);
    expect(hasProblems(problems)).toBe(true);
    const big = problemsOf(
      {
        ...blank,
        metadata: [
          { name: 'a', value: 'x'.repeat(1024) },
          { name: 'b', value: 'x'.repeat(1024) },
        ],
      },
      groups,
    );
    expect(big.metadataTotal).toMatch(/at most 2048 bytes/);
    expect(hasProblems(problemsOf(blank, groups))).toBe(false);
  });

  it('describes the settings a drop used without asking', () => {
    expect(
      describeSettings({ ...blank, acl: 'public-read', cacheControl: 'no-cache', contentTypes: { webp: 'image/webp' }, metadata: [{ name: 'k', value: 'v' }] }),
    ).toBe('access: public-read · Content-Type .webp image/webp · Cache-Control "no-cache" · metadata k');
    expect(describeSettings({ ...blank, encryption: { algorithm: 'aws:kms', kmsKeyId: 'alias/up', bucketKey: false } })).toBe(
      'access: the bucket’s own access · encryption SSE-KMS (key alias/up)',
    );
  });
});

describe('storage class suggestions', () => {
  it('come from the provider preset where it lists them, else the common ones', () => {
    expect(storageClassesFor('cloudflare-r2')).toEqual(['STANDARD', 'STANDARD_IA']);
    expect(storageClassesFor('aws')).toContain('DEEP_ARCHIVE');
    expect(storageClassesFor('ceph')).toEqual(COMMON_STORAGE_CLASSES);
    expect(storageClassesFor(undefined)).toEqual(COMMON_STORAGE_CLASSES);
  });
});
