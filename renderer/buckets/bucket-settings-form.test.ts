import { describe, expect, it } from 'vitest';
import { bucketSettingsValues, checkBucketSettings, type BucketSettingsValues } from './bucket-settings-form';

const empty: BucketSettingsValues = bucketSettingsValues({ publicUrlBases: {}, bucketUploads: {} }, 'photos');

describe('bucket settings form', () => {
  it('reads the bucket’s own settings, and clears everything when the form is left empty', () => {
    const profile = {
      publicUrlBases: { photos: 'https://cdn.example.com' },
      bucketUploads: { photos: { acl: 'public-read' as const, metadata: { team: 'web' }, askOnDrop: false, contentTypes: { webp: 'image/webp' } } },
    };
    const values = bucketSettingsValues(profile, 'photos');
    expect(values).toMatchObject({
      publicUrlBase: 'https://cdn.example.com',
      acl: 'public-read',
      askOnDrop: false,
      metadata: [{ id: 1, name: 'team', value: 'web' }],
    });
    // Content-Types by extension are kept as they are (the dialog does not edit them).
    expect(checkBucketSettings(values)).toEqual({
      ok: true,
      change: {
        publicUrlBase: 'https://cdn.example.com',
        uploads: { acl: 'public-read', metadata: { team: 'web' }, askOnDrop: false, contentTypes: { webp: 'image/webp' } },
      },
    });
    expect(checkBucketSettings(empty)).toEqual({ ok: true, change: { uploads: null, publicUrlBase: null } });
  });

  it('says what is wrong in each field, in the schemas’ words', () => {
    const check = checkBucketSettings({
      ...empty,
      publicUrlBase: 'cdn.example.com',
      cacheControl: 'max-age=1\n',
      storageClass: 'cold',
      metadata: [
        { id: 4, name: 'bad name', value: 'x' },
        { id: 5, name: '', value: 'orphan' },
        { id: 6, name: '', value: '' },
      ],
    });
    expect(check).toEqual({
      ok: false,
      problems: {
        publicUrlBase: 'A public URL base must be a full URL, e.g. https://cdn.example.com.',
        storageClass: expect.stringContaining('capitals'),
        'metadata-4': expect.stringContaining('A metadata name has letters'),
        'metadata-5': 'Give a name to the metadata value "orphan".',
      },
    });
  });
});
