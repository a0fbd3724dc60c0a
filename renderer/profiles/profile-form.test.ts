import { describe, expect, it } from 'vitest';
import type { ProfileSummary } from '../../shared/profile';
import {
  connectionErrors,
  emptyProfileForm,
  fieldOrder,
  formFromProfile,
  profileFormErrors,
  toConnectionTestRequest,
  toProfileInput,
  toProfilePatch,
  type ProfileFormMode,
  type ProfileFormValues,
} from './profile-form';

const add: ProfileFormMode = { kind: 'add' };
const edit: ProfileFormMode = { kind: 'edit', profileId: 'p1', secretSet: true };

const valid: ProfileFormValues = {
  ...emptyProfileForm(),
  name: 'local',
  endpoint: 'http://127.0.0.1:9000',
  accessKeyId: 'AKIA123',
  secretAccessKey: 'secret',
};

const saved: ProfileSummary = {
  id: 'p1',
  name: 'Paris',
  provider: 'linode',
  endpoint: 'https://fr-par-1.linodeobjects.com',
  region: 'fr-par-1',
  accessKeyId: 'KEY',
  addressingStyle: 'virtual',
  checksumMode: 'WHEN_REQUIRED',
  deleteObjectsMd5: false,
  aclSupport: 'yes',
  publicUrlBases: { media: 'https://cdn.example.com' },
  defaultUploadAcl: 'none',
  bucketUploads: {},
  responseTimeoutSeconds: 45,
  secretStore: 'file',
  secretSet: true,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('a fresh form', () => {
  it('starts on "Other S3-compatible" with us-east-1 and path style', () => {
    const form = emptyProfileForm();
    expect(form.provider).toBe('other');
    expect(form.region).toBe('us-east-1');
    expect(form.addressingStyle).toBe('path');
    expect(form.checksumMode).toBe('WHEN_REQUIRED');
    expect(form.endpoint).toBe('');
  });

  it('takes a preset’s default region, endpoint and settings', () => {
    const form = emptyProfileForm('linode');
    expect(form.endpoint).toBe('https://us-east-1.linodeobjects.com');
    expect(form.addressingStyle).toBe('virtual');
    expect(form.aclSupport).toBe('yes');
  });
});

describe('a saved profile in the form', () => {
  it('keeps the secret out and notes whether the endpoint is the preset’s', () => {
    const form = formFromProfile(saved);
    expect(form.secretAccessKey).toBe('');
    expect(form.replaceSecret).toBe(false);
    expect(form.endpointEdited).toBe(false);
    expect(form.customRegion).toBe(false);
    expect(form.bucketSettings).toEqual([{ id: 1, bucket: 'media', url: 'https://cdn.example.com', acl: '', cacheControl: '' }]);
    expect(formFromProfile({ ...saved, endpoint: 'https://s3.example.com' }).endpointEdited).toBe(true);
    expect(formFromProfile({ ...saved, region: 'xx-new-1', endpoint: 'https://xx-new-1.linodeobjects.com' }).customRegion).toBe(true);
  });

  it('asks for the secret when the stored one is missing', () => {
    expect(formFromProfile({ ...saved, secretSet: false }).replaceSecret).toBe(true);
  });
});

describe('what the form sends', () => {
  it('creates with every setting and the secret', () => {
    const input = toProfileInput({
      ...valid,
      bucketSettings: [
        { id: 1, bucket: ' media ', url: ' https://cdn.example.com ', acl: '', cacheControl: '' },
        { id: 2, bucket: '', url: '', acl: '', cacheControl: '' },
      ],
    });
    expect(input).toMatchObject({ name: 'local', provider: 'other', addressingStyle: 'path', secretAccessKey: 'secret' });
    expect(input.publicUrlBases).toEqual({ media: 'https://cdn.example.com' });
    expect(input).not.toHaveProperty('accountId');
  });

  it('sends a typed session token and the expiry as ISO; editing, removes the token only when asked', () => {
    const input = toProfileInput({ ...valid, sessionToken: ' tok ', credentialsExpireAt: '2026-12-01T18:00' });
    expect(input).toMatchObject({ sessionToken: 'tok', credentialsExpireAt: new Date('2026-12-01T18:00').toISOString() });
    const form = formFromProfile({ ...saved, sessionTokenSet: true, credentialsExpireAt: new Date('2026-12-01T18:00').toISOString() });
    expect(form.credentialsExpireAt).toBe('2026-12-01T18:00');
    const edit = { kind: 'edit' as const, profileId: 'p1', secretSet: true };
    expect(toProfilePatch(form, edit)).not.toHaveProperty('sessionToken');
    expect(toProfilePatch({ ...form, removeSessionToken: true }, edit).sessionToken).toBe('');
    expect(toProfilePatch({ ...form, credentialsExpireAt: '' }, edit).credentialsExpireAt).toBe('');
  });

  it('edits without a secret unless a new one was typed', () => {
    const form = formFromProfile(saved);
    expect(toProfilePatch(form, edit, saved)).not.toHaveProperty('secretAccessKey');
    expect(toProfilePatch({ ...form, replaceSecret: true }, edit, saved)).not.toHaveProperty('secretAccessKey');
    expect(toProfilePatch({ ...form, replaceSecret: true, secretAccessKey: 'new' }, edit, saved).secretAccessKey).toBe('new');
  });

  it('clears an account id the provider no longer needs', () => {
    const r2 = { ...saved, provider: 'cloudflare-r2' as const, accountId: 'a'.repeat(32) };
    const form = { ...formFromProfile(r2), provider: 'other' as const };
    expect(toProfilePatch(form, edit, r2).accountId).toBe('');
  });

  it('tests a saved profile with its stored secret, a new one with the typed secret', () => {
    const editing = toConnectionTestRequest(formFromProfile(saved), edit, ' ');
    expect(editing.profileId).toBe('p1');
    expect(editing).not.toHaveProperty('secretAccessKey');
    expect(editing).not.toHaveProperty('writeBucket');
    expect(editing.settings).toMatchObject({ provider: 'linode', region: 'fr-par-1', addressingStyle: 'virtual' });
    const adding = toConnectionTestRequest(valid, add, ' scratch ');
    expect(adding).not.toHaveProperty('profileId');
    expect(adding).toMatchObject({ secretAccessKey: 'secret', writeBucket: 'scratch' });
  });
});

describe('profileFormErrors', () => {
  it('finds nothing wrong with a complete form', () => {
    expect(profileFormErrors(valid, add)).toEqual({});
    expect(profileFormErrors(formFromProfile(saved), edit)).toEqual({});
  });

  it('gives one message per field, in the shared schema’s words', () => {
    const errors = profileFormErrors({ ...emptyProfileForm(), region: '' }, add);
    expect(errors.name).toBe('Enter a name for the profile.');
    expect(errors.endpoint).toMatch(/^Enter the endpoint URL/);
    expect(errors.region).toMatch(/^Enter a region/);
    expect(errors.accessKeyId).toBe('Enter the access key id.');
    expect(errors.secretAccessKey).toBe('Enter the secret access key.');
  });

  it('takes the response timeout in whole seconds from 5 to 600, empty for the default', () => {
    expect(toProfileInput(valid).responseTimeoutSeconds).toBe(30);
    expect(formFromProfile(saved).responseTimeoutSeconds).toBe('45');
    expect(toProfileInput({ ...valid, responseTimeoutSeconds: ' 90 ' }).responseTimeoutSeconds).toBe(90);
    expect(toProfileInput({ ...valid, responseTimeoutSeconds: '' }).responseTimeoutSeconds).toBe(30);
    expect(profileFormErrors({ ...valid, responseTimeoutSeconds: 'soon' }, add).responseTimeoutSeconds).toBe(
      'Give the response timeout in whole seconds, e.g. 30.',
    );
    expect(profileFormErrors({ ...valid, responseTimeoutSeconds: '2' }, add).responseTimeoutSeconds).toBe('The response timeout is at least 5 s.');
    expect(profileFormErrors({ ...valid, responseTimeoutSeconds: '601' }, add).responseTimeoutSeconds).toBe('The response timeout is at most 600 s.');
  });

  it('explains an endpoint with a bucket path in it', () => {
    const errors = profileFormErrors({ ...valid, endpoint: 'https://s3.example.com/my-bucket' }, add);
    expect(errors.endpoint).toMatch(/remove the path/);
    expect(Object.keys(errors)).toEqual(['endpoint']);
  });

  it('needs a secret when editing only if the stored one is missing', () => {
    const form = { ...formFromProfile(saved), replaceSecret: true };
    expect(profileFormErrors(form, edit).secretAccessKey).toBeUndefined();
    expect(profileFormErrors(form, { ...edit, secretSet: false }).secretAccessKey).toBe('Enter the secret access key.');
    expect(profileFormErrors({ ...form, secretAccessKey: ' padded' }, edit).secretAccessKey).toMatch(/spaces at its start/);
  });

  it('asks R2 for its account id unless the endpoint was typed', () => {
    const r2 = { ...valid, provider: 'cloudflare-r2' as const, region: 'auto', endpoint: '' };
    expect(profileFormErrors(r2, add).accountId).toMatch(/account ID/);
    expect(profileFormErrors({ ...r2, accountId: 'f'.repeat(32), endpoint: `https://${'f'.repeat(32)}.r2.cloudflarestorage.com` }, add)).toEqual({});
    expect(profileFormErrors({ ...r2, endpointEdited: true, endpoint: 'https://r2.example.com' }, add).accountId).toBeUndefined();
  });

  it('checks the default bucket and each bucket settings row', () => {
    const row = { acl: '' as const, cacheControl: '' };
    const errors = profileFormErrors(
      {
        ...valid,
        defaultBucket: 'ab',
        uploadCacheControl: 'max-age=60\nx',
        bucketSettings: [
          { id: 1, bucket: 'media', url: 'ftp://cdn', ...row },
          { id: 2, bucket: 'media', url: 'https://cdn.example.com', ...row },
          { id: 3, bucket: '', url: 'https://x.example.com', ...row },
          { id: 4, bucket: '', url: '', ...row },
          { id: 5, bucket: 'assets', url: '', acl: 'public-read', cacheControl: 'max-age=60' },
        ],
      },
      add,
    );
    expect(errors.defaultBucket).toBe('A bucket name has at least 3 characters.');
    expect(errors.uploadCacheControl).toMatch(/without line breaks/);
    expect(errors['bucketRow-1-url']).toMatch(/starts with https:\/\//);
    expect(errors['bucketRow-1-bucket']).toBeUndefined();
    expect(errors['bucketRow-2-bucket']).toBe('This bucket has a row already.');
    expect(errors['bucketRow-3-bucket']).toMatch(/Enter the bucket/);
    expect(errors['bucketRow-4-bucket']).toBeUndefined();
    expect(Object.keys(errors).filter((k) => k.startsWith('bucketRow-5'))).toEqual([]);
  });

  it('saves URL bases and upload settings per bucket, and reads them back into rows', () => {
    const values = {
      ...valid,
      uploadCacheControl: ' max-age=60 ',
      bucketSettings: [
        { id: 1, bucket: 'assets', url: '', acl: 'public-read' as const, cacheControl: 'no-cache' },
        { id: 2, bucket: 'media', url: 'https://cdn.example.com', acl: '' as const, cacheControl: '' },
      ],
    };
    const input = toProfileInput(values);
    expect(input).toMatchObject({
      uploadCacheControl: 'max-age=60',
      publicUrlBases: { media: 'https://cdn.example.com' },
      bucketUploads: { assets: { acl: 'public-read', cacheControl: 'no-cache' } },
    });
    const rows = formFromProfile({ ...saved, publicUrlBases: input.publicUrlBases ?? {}, bucketUploads: input.bucketUploads ?? {} }).bucketSettings;
    expect(rows.map((r) => [r.bucket, r.url, r.acl, r.cacheControl])).toEqual([
      ['media', 'https://cdn.example.com', '', ''],
      ['assets', '', 'public-read', 'no-cache'],
    ]);
  });

  it("keeps a bucket's settings the editor does not show (set in its Bucket settings dialog) when the profile is saved", () => {
    const uploads = { acl: 'private' as const, contentDisposition: 'inline', storageClass: 'STANDARD', metadata: { team: 'web' }, askOnDrop: false };
    const form = formFromProfile({ ...saved, bucketUploads: { photos: uploads } });
    const edited = { ...form, bucketSettings: form.bucketSettings.map((row) => ({ ...row, acl: 'public-read' as const })) };
    expect(toProfileInput(edited).bucketUploads?.photos).toEqual({ ...uploads, acl: 'public-read' });
  });

  it('keeps only what stops a connection test, in the order fields show', () => {
    const errors = profileFormErrors({ ...emptyProfileForm(), defaultBucket: 'ab' }, add);
    expect(Object.keys(connectionErrors(errors))).toEqual(['endpoint', 'accessKeyId', 'secretAccessKey', 'defaultBucket']);
    expect(fieldOrder({ ...valid, bucketSettings: [{ id: 7, bucket: '', url: '', acl: '', cacheControl: '' }] }).slice(-3)).toEqual([
      'bucketRow-7-bucket',
      'bucketRow-7-url',
      'bucketRow-7-cacheControl',
    ]);
  });
});

describe("the form's proxy setting", () => {
  const viaProxy: ProfileFormValues = { ...valid, proxyMode: 'url', proxyUrl: ' http://proxy.corp:3128 ', proxyUser: 'me', proxyPassword: 'pw' };

  it('sends the environment by default, and a proxy URL with its user and password only in "url" mode', () => {
    expect(toProfileInput(valid)).toMatchObject({ proxyMode: 'environment', proxyUrl: '', proxyUser: '' });
    expect(toProfileInput(valid)).not.toHaveProperty('proxyPassword');
    expect(toProfileInput(viaProxy)).toMatchObject({ proxyMode: 'url', proxyUrl: 'http://proxy.corp:3128', proxyUser: 'me', proxyPassword: 'pw' });
    expect(toProfileInput({ ...viaProxy, proxyMode: 'none' })).toMatchObject({ proxyMode: 'none', proxyUrl: '', proxyUser: '' });
    expect(toProfileInput({ ...viaProxy, proxyMode: 'none' })).not.toHaveProperty('proxyPassword');
  });

  it('editing, keeps a saved password unless a new one is typed, and removes it when asked or when the proxy is no longer a URL', () => {
    const withPassword = { ...saved, proxyMode: 'url' as const, proxyUrl: 'http://proxy.corp:3128', proxyPasswordSet: true };
    const form = formFromProfile(withPassword);
    expect(form).toMatchObject({ proxyMode: 'url', proxyUrl: 'http://proxy.corp:3128', proxyPassword: '' });
    expect(toProfilePatch(form, edit, withPassword)).not.toHaveProperty('proxyPassword');
    expect(toProfilePatch({ ...form, proxyPassword: 'new' }, edit, withPassword)).toMatchObject({ proxyPassword: 'new' });
    expect(toProfilePatch({ ...form, removeProxyPassword: true }, edit, withPassword)).toMatchObject({ proxyPassword: '' });
    expect(toProfilePatch({ ...form, proxyMode: 'none' }, edit, withPassword)).toMatchObject({ proxyPassword: '', proxyUrl: '' });
    // The connection test uses the typed password, else the saved one (nothing sent).
    expect(toConnectionTestRequest(form, edit, '')).not.toHaveProperty('proxyPassword');
    expect(toConnectionTestRequest(form, edit, '').settings).toMatchObject({ proxyMode: 'url', proxyUrl: 'http://proxy.corp:3128' });
  });

  it('asks for a proxy URL in "url" mode, refusing one that is not http(s) or carries credentials', () => {
    expect(profileFormErrors({ ...valid, proxyMode: 'url' }, add).proxyUrl).toBe('Enter the proxy URL, e.g. http://proxy.example.com:3128.');
    expect(profileFormErrors({ ...valid, proxyMode: 'url', proxyUrl: 'socks5://p:1080' }, add).proxyUrl).toBe(
      'The proxy URL starts with http:// or https://, e.g. http://proxy.example.com:3128.',
    );
    expect(profileFormErrors({ ...valid, proxyMode: 'url', proxyUrl: 'http://u:p@proxy:1' }, add).proxyUrl).toBe(
      "Do not put credentials in the proxy URL; use the proxy's user name and password fields.",
    );
    expect(profileFormErrors(viaProxy, add).proxyUrl).toBeUndefined();
    expect(profileFormErrors({ ...valid, proxyUrl: 'junk' }, add).proxyUrl).toBeUndefined();
  });
});
