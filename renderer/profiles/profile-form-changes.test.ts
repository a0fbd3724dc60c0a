import { describe, expect, it } from 'vitest';
import { completeProfile, type ProfileSummary } from '../../shared/profile';
import { emptyProfileForm, formFromProfile, toProfileInput, toProfilePatch, type ProfileFormValues } from './profile-form';
import {
  applySuggestion,
  canUsePresetEndpoint,
  chooseCustomRegion,
  chooseJurisdiction,
  chooseProvider,
  chooseRegion,
  isSuggestionApplied,
  typeAccountId,
  typeEndpoint,
  typeRegion,
  usePresetEndpoint,
  withEndpointMovedToBucket,
} from './profile-form-changes';

const linode = () => chooseProvider(emptyProfileForm(), 'linode');

describe('choosing a provider and region', () => {
  it('fills the endpoint from the preset and the region', () => {
    const form = chooseRegion(linode(), 'fr-par-1');
    expect(form.endpoint).toBe('https://fr-par-1.linodeobjects.com');
    expect(form.endpointEdited).toBe(false);
  });

  it('takes the new preset’s defaults for settings the user left alone', () => {
    const form = linode();
    expect(form.addressingStyle).toBe('virtual');
    expect(form.aclSupport).toBe('yes');
    const kept = chooseProvider({ ...emptyProfileForm(), checksumMode: 'WHEN_SUPPORTED' }, 'linode');
    expect(kept.checksumMode).toBe('WHEN_SUPPORTED');
  });

  it('keeps a region the new preset has, else takes its default', () => {
    expect(linode().region).toBe('us-east-1');
    expect(chooseProvider(chooseRegion(linode(), 'fr-par-1'), 'digitalocean').region).toBe('nyc3');
  });

  it('drops a preset’s endpoint for a self-hosted server, keeps one the user typed', () => {
    const ceph = chooseProvider(chooseRegion(linode(), 'fr-par-1'), 'ceph');
    expect(ceph.endpoint).toBe('');
    expect(ceph.region).toBe('default');
    expect(ceph.addressingStyle).toBe('path');
    const typed = chooseProvider({ ...emptyProfileForm(), endpoint: 'http://10.0.0.5:7480' }, 'minio');
    expect(typed.endpoint).toBe('http://10.0.0.5:7480');
    // A URL typed for a self-hosted server is not Linode's.
    expect(chooseProvider(typed, 'linode').endpoint).toBe('https://us-east-1.linodeobjects.com');
  });

  it('stops following the preset once the endpoint is typed, and can go back', () => {
    const typed = typeEndpoint(linode(), 'https://files.example.com');
    expect(typed.endpointEdited).toBe(true);
    const moved = chooseRegion(typed, 'fr-par-1');
    expect(moved.endpoint).toBe('https://files.example.com');
    expect(canUsePresetEndpoint(moved)).toBe(true);
    const back = usePresetEndpoint(moved);
    expect(back.endpoint).toBe('https://fr-par-1.linodeobjects.com');
    expect(canUsePresetEndpoint(back)).toBe(false);
    // Typing the preset's own URL is not a custom endpoint.
    expect(typeEndpoint(linode(), 'https://us-east-1.linodeobjects.com').endpointEdited).toBe(false);
  });

  it('takes a custom region and follows it', () => {
    const custom = typeRegion(chooseCustomRegion(linode()), 'xx-new-1');
    expect(custom.customRegion).toBe(true);
    expect(custom.endpoint).toBe('https://xx-new-1.linodeobjects.com');
    expect(typeRegion(linode(), 'bad region').endpoint).toBe('');
  });

  it('names the R2 endpoint by the account id once it is complete', () => {
    const r2 = chooseProvider(emptyProfileForm(), 'cloudflare-r2');
    expect(r2.endpoint).toBe('');
    expect(r2.region).toBe('auto');
    expect(typeAccountId(r2, 'abc').endpoint).toBe('');
    expect(typeAccountId(r2, 'A'.repeat(32)).endpoint).toBe(`https://${'a'.repeat(32)}.r2.cloudflarestorage.com`);
  });
});

describe('suggestions from a connection test', () => {
  const form: ProfileFormValues = { ...linode(), checksumMode: 'WHEN_SUPPORTED' };

  it('set the field they name', () => {
    const fixed = applySuggestion(form, { setting: 'checksumMode', value: 'WHEN_REQUIRED', reason: 'r' });
    expect(fixed.checksumMode).toBe('WHEN_REQUIRED');
    expect(isSuggestionApplied(fixed, { setting: 'checksumMode', value: 'WHEN_REQUIRED', reason: 'r' })).toBe(true);
    expect(applySuggestion(form, { setting: 'deleteObjectsMd5', value: true, reason: 'r' }).deleteObjectsMd5).toBe(true);
    expect(applySuggestion(form, { setting: 'addressingStyle', value: 'path', reason: 'r' }).addressingStyle).toBe('path');
    expect(applySuggestion(form, { setting: 'defaultBucket', value: 'only-this', reason: 'r' }).defaultBucket).toBe('only-this');
  });

  it('move the endpoint with a suggested region', () => {
    const listed = applySuggestion(form, { setting: 'region', value: 'fr-par-1', reason: 'r' });
    expect(listed).toMatchObject({ region: 'fr-par-1', customRegion: false, endpoint: 'https://fr-par-1.linodeobjects.com' });
    const unlisted = applySuggestion(form, { setting: 'region', value: 'xx-new-1', reason: 'r' });
    expect(unlisted).toMatchObject({ region: 'xx-new-1', customRegion: true });
  });

  it('ignore a value of the wrong kind', () => {
    expect(applySuggestion(form, { setting: 'checksumMode', value: 'SOMETIMES', reason: 'r' })).toBe(form);
    expect(applySuggestion(form, { setting: 'deleteObjectsMd5', value: 'yes', reason: 'r' })).toBe(form);
  });
});

describe('moving a custom domain out of the endpoint', () => {
  it("gives the endpoint back to the preset and the domain to the bucket's row, new or existing", () => {
    const typed = typeEndpoint(chooseRegion(linode(), 'us-east-1'), 'https://photos.example.com');
    const move = { bucket: 'photos', endpoint: 'https://us-east-1.linodeobjects.com', publicUrlBase: 'https://photos.example.com' };
    const moved = withEndpointMovedToBucket(typed, move, 7);
    expect(moved).toMatchObject({ endpoint: 'https://us-east-1.linodeobjects.com', endpointEdited: false });
    expect(moved.bucketSettings).toEqual([{ id: 7, bucket: 'photos', url: 'https://photos.example.com', acl: '', cacheControl: '' }]);
    const withRow = { ...typed, bucketSettings: [{ id: 2, bucket: 'photos', url: '', acl: 'public-read' as const, cacheControl: '' }] };
    expect(withEndpointMovedToBucket(withRow, move, 7).bucketSettings).toEqual([
      { id: 2, bucket: 'photos', url: 'https://photos.example.com', acl: 'public-read', cacheControl: '' },
    ]);
  });

  it('keeps an endpoint the user gives for "other" as typed', () => {
    const typed = typeEndpoint(emptyProfileForm(), 'http://storage.example.com:9000');
    const moved = withEndpointMovedToBucket(typed, { bucket: 'b1x', endpoint: 'http://10.0.0.5:9000', publicUrlBase: 'http://storage.example.com:9000' }, 1);
    expect(moved).toMatchObject({ endpoint: 'http://10.0.0.5:9000', endpointEdited: false });
  });
});

describe('endpoints that name their region (Linode hosts) and R2 jurisdictions', () => {
  it('takes a pasted Linode host as the endpoint, and its first label as the region, listed or not', () => {
    const listed = typeEndpoint(linode(), 'https://us-iad-10.linodeobjects.com');
    expect(listed).toMatchObject({ region: 'us-iad-10', customRegion: false, endpoint: 'https://us-iad-10.linodeobjects.com', endpointEdited: false });
    // Cloud Manager shows the host without a scheme.
    expect(typeEndpoint(linode(), 'us-ord-10.linodeobjects.com')).toMatchObject({ endpoint: 'https://us-ord-10.linodeobjects.com', region: 'us-ord-10' });
    const unlisted = typeEndpoint(linode(), 'https://xx-new-3.linodeobjects.com');
    expect(unlisted).toMatchObject({ region: 'xx-new-3', customRegion: true, endpointEdited: false });
    // Frankfurt 2's host, picked from the list, is not named after its region (de-fra-2).
    expect(chooseRegion(linode(), 'de-fra-1').endpoint).toBe('https://de-fra-1.linodeobjects.com');
  });

  it('builds the R2 endpoint of a jurisdiction, and reads account and jurisdiction from a pasted one', () => {
    const account = '0123456789abcdef0123456789abcdef';
    const r2 = typeAccountId(chooseProvider(emptyProfileForm(), 'cloudflare-r2'), account);
    expect(r2.endpoint).toBe(`https://${account}.r2.cloudflarestorage.com`);
    const eu = chooseJurisdiction(r2, 'eu');
    expect(eu.endpoint).toBe(`https://${account}.eu.r2.cloudflarestorage.com`);
    expect(toProfileInput({ ...eu, name: 'r2', accessKeyId: 'k', secretAccessKey: 's' })).toMatchObject({ jurisdiction: 'eu', region: 'auto' });
    const pasted = typeEndpoint(chooseProvider(emptyProfileForm(), 'cloudflare-r2'), `https://${account}.fedramp.r2.cloudflarestorage.com`);
    expect(pasted).toMatchObject({ accountId: account, jurisdiction: 'fedramp', region: 'auto', endpointEdited: false });
  });

  it('keeps a saved profile’s jurisdiction, and clears it when the provider no longer has one', () => {
    const account = '0123456789abcdef0123456789abcdef';
    const saved: ProfileSummary = {
      ...completeProfile({
        id: 'p',
        name: 'r2',
        provider: 'cloudflare-r2',
        endpoint: `https://${account}.us.r2.cloudflarestorage.com`,
        region: 'auto',
        accessKeyId: 'k',
        accountId: account,
        jurisdiction: 'us',
      }),
      secretSet: true,
    };
    const form = formFromProfile(saved);
    expect(form).toMatchObject({ jurisdiction: 'us', endpointEdited: false });
    const mode = { kind: 'edit', profileId: 'p', secretSet: true } as const;
    expect(toProfilePatch(form, mode, saved).jurisdiction).toBe('us');
    expect(toProfilePatch(chooseProvider(form, 'aws'), mode, saved).jurisdiction).toBe('');
  });
});
