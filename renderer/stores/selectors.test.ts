import { describe, expect, it } from 'vitest';
import type { ProfileSummary } from '../../shared/profile';
import type { BrowserState } from './browser';
import { emptyListing, mergePage } from './listing';
import type { ProfilesState } from './profiles';
import {
  profileNameOf,
  selectBuckets,
  selectListingState,
  selectSecretStoreWarning,
  selectStatusText,
} from './selectors';

const browser = (patch: Partial<BrowserState> = {}): BrowserState => ({
  buckets: [],
  bucketsStatus: 'idle',
  prefix: '',
  listing: emptyListing,
  listingStatus: 'idle',
  ...patch,
});

const listing = (folders: number, objects: number) =>
  mergePage(emptyListing, {
    folders: Array.from({ length: folders }, (_, i) => ({ kind: 'folder' as const, prefix: `f${i}/`, name: `f${i}` })),
    objects: Array.from({ length: objects }, (_, i) => ({
      kind: 'object' as const,
      key: `o${i}`,
      name: `o${i}`,
      size: 0,
    })),
  });

describe('selectStatusText', () => {
  const open = { profileId: 'p1', bucket: 'b' };

  it('counts objects and folders while pages arrive, then without "loading"', () => {
    expect(selectStatusText(browser({ ...open, listing: listing(3, 2500), listingStatus: 'more' }))).toBe(
      '2,500 objects, 3 folders, loading…',
    );
    expect(selectStatusText(browser({ ...open, listing: listing(3, 2500), listingStatus: 'done' }))).toBe(
      '2,500 objects, 3 folders',
    );
    expect(selectStatusText(browser({ ...open, listing: listing(1, 1), listingStatus: 'done' }))).toBe(
      '1 object, 1 folder',
    );
  });

  it('says loading before the first page and what happened after an error', () => {
    expect(selectStatusText(browser({ ...open, listingStatus: 'loading' }))).toBe('Loading…');
    expect(selectStatusText(browser({ ...open, listingStatus: 'error' }))).toBe('Listing failed');
    expect(selectStatusText(browser({ ...open, listing: listing(0, 5), listingStatus: 'error' }))).toBe(
      '5 objects, 0 folders, listing incomplete',
    );
  });

  it('counts buckets when no bucket is open', () => {
    const buckets = [{ name: 'a' }, { name: 'b' }];
    expect(selectStatusText(browser({ profileId: 'p1', buckets, bucketsStatus: 'ready' }))).toBe('2 buckets');
    expect(selectStatusText(browser({ profileId: 'p1', bucketsStatus: 'loading' }))).toBe('');
    expect(selectStatusText(browser())).toBe('');
  });
});

describe('browser selectors', () => {
  it('group the buckets with their state', () => {
    const error = { code: 'AccessDenied' as const, message: 'm', hint: 'h' };
    expect(selectBuckets(browser({ bucketsStatus: 'error', bucketsError: error }))).toEqual({
      buckets: [],
      status: 'error',
      error,
    });
  });

  it('say whether the open folder has rows', () => {
    expect(selectListingState(browser({ listingStatus: 'done' })).isEmpty).toBe(true);
    expect(selectListingState(browser({ listing: listing(1, 0), listingStatus: 'done' })).isEmpty).toBe(false);
  });
});

describe('profiles selectors', () => {
  const profile = { id: 'p1', name: 'Local' } as ProfileSummary;
  const state: ProfilesState = {
    profiles: [profile],
    status: 'ready',
    appInfo: {
      version: '0.1.0',
      transport: 'web',
      dataDir: '/tmp/pail',
      secretStore: { kind: 'file', description: 'a file', warning: 'Secrets are in a file.' },
    },
  };

  it('find a profile name by id', () => {
    expect(profileNameOf(state, 'p1')).toBe('Local');
    expect(profileNameOf(state, 'gone')).toBeUndefined();
    expect(profileNameOf(state, undefined)).toBeUndefined();
  });

  it('read the secret store warning', () => {
    expect(selectSecretStoreWarning(state)).toBe('Secrets are in a file.');
    expect(selectSecretStoreWarning({ profiles: [], status: 'idle' })).toBeUndefined();
  });
});
