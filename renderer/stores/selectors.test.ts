import { describe, expect, it } from 'vitest';
import type { ProfileSummary } from '../../shared/profile';
import type { BrowserState } from './browser';
import type { ProfilesState } from './profiles';
import { profileNameOf, selectBuckets, selectBucketsStatusText, selectSecretStoreWarning } from './selectors';

const browser = (patch: Partial<BrowserState> = {}): BrowserState => ({
  buckets: [],
  bucketsStatus: 'idle',
  twoPanes: false,
  activePane: 'left',
  ...patch,
});

describe('selectBucketsStatusText', () => {
  it('counts buckets once they are listed', () => {
    const buckets = [{ name: 'a' }, { name: 'b' }];
    expect(selectBucketsStatusText(browser({ profileId: 'p1', buckets, bucketsStatus: 'ready' }))).toBe('2 buckets');
    expect(selectBucketsStatusText(browser({ profileId: 'p1', bucketsStatus: 'loading' }))).toBe('');
    expect(selectBucketsStatusText(browser())).toBe('');
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
});

describe('profiles selectors', () => {
  const profile = { id: 'p1', name: 'Local' } as ProfileSummary;
  const state: ProfilesState = {
    profiles: [profile],
    damaged: [],
    status: 'ready',
    appInfo: {
      version: '0.1.0',
      transport: 'web',
      dataDir: '/tmp/pail',
      secretStore: { kind: 'file', description: 'a file', warning: 'Secrets are in a file.' },
      downloadsDir: '/home/me/Downloads',
      shell: { chooseFolder: false, dragOut: false, nativeMenus: false },
    },
  };

  it('find a profile name by id', () => {
    expect(profileNameOf(state, 'p1')).toBe('Local');
    expect(profileNameOf(state, 'gone')).toBeUndefined();
    expect(profileNameOf(state, undefined)).toBeUndefined();
  });

  it('read the secret store warning', () => {
    expect(selectSecretStoreWarning(state)).toBe('Secrets are in a file.');
    expect(selectSecretStoreWarning({ profiles: [], damaged: [], status: 'idle' })).toBeUndefined();
  });
});
