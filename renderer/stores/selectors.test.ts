import { describe, expect, it } from 'vitest';
import { failed, idle, loading, ready } from '../../shared/loadable';
import type { ProfileSummary } from '../../shared/profile';
import type { BrowserState } from './browser';
import type { ProfilesState } from './profiles';
import {
  damagedProfileByKey,
  profileNameOf,
  secretProblemsOf,
  selectBuckets,
  selectBucketsStatusText,
  selectDataNotices,
  selectProfilesError,
  selectSecretStoreWarning,
} from './selectors';

const browser = (patch: Partial<BrowserState> = {}): BrowserState => ({
  buckets: idle,
  twoPanes: false,
  activePane: 'left',
  ...patch,
});

describe('selectBucketsStatusText', () => {
  it('counts buckets once they are listed', () => {
    const buckets = [{ name: 'a' }, { name: 'b' }];
    expect(selectBucketsStatusText(browser({ profileId: 'p1', buckets: ready(buckets) }))).toBe('2 buckets');
    expect(selectBucketsStatusText(browser({ profileId: 'p1', buckets: loading }))).toBe('');
    expect(selectBucketsStatusText(browser())).toBe('');
  });
});

describe('browser selectors', () => {
  it('group the buckets with their state', () => {
    const error = { code: 'AccessDenied' as const, message: 'm', hint: 'h' };
    expect(selectBuckets(browser({ buckets: failed(error) }))).toEqual({
      buckets: [],
      status: 'error',
      error,
    });
  });
});

describe('profiles selectors', () => {
  const profile = { id: 'p1', name: 'Local' } as ProfileSummary;
  const state: ProfilesState = {
    list: ready([profile]),
    damaged: [],
    appInfo: {
      version: '0.1.0',
      transport: 'web',
      dataDir: '/tmp/pail',
      secretStore: { kind: 'file', description: 'a file', warning: 'Secrets are in a file.' },
      downloadsDir: '/home/me/Downloads',
      shell: { chooseFolder: false, dragOut: false, nativeMenus: false, openInApp: false },
    },
  };

  it('find a profile name by id', () => {
    expect(profileNameOf(state, 'p1')).toBe('Local');
    expect(profileNameOf(state, 'gone')).toBeUndefined();
    expect(profileNameOf(state, undefined)).toBeUndefined();
  });

  it('read the secret store warning', () => {
    expect(selectSecretStoreWarning(state)).toBe('Secrets are in a file.');
    expect(selectSecretStoreWarning({ list: idle, damaged: [] })).toBeUndefined();
  });
});

describe('damaged data selectors', () => {
  const damagedFile = {
    code: 'DataFileDamaged' as const,
    message: '/d/secrets.json is empty. Pail left it as it is and did not write to it.',
    hint: 'restore',
  };
  const summary = (name: string, secretError?: ProfileSummary['secretError']) =>
    ({ id: name, name, secretSet: !secretError, ...(secretError && { secretError }) }) as ProfileSummary;
  const entry = { key: 'damaged-0123456789abcdef', entry: 2, name: 'Broken', problem: 'endpoint: expected a string, got a number', path: '/d/profiles.json' };

  it('group unreadable secrets by reason, naming the profiles each affects', () => {
    const own = { code: 'SecretDamaged' as const, message: 'The secret of profile "c" is not text: it is a number.', hint: 'enter it again' };
    expect(secretProblemsOf([summary('a', damagedFile), summary('b'), summary('c', own), summary('d', damagedFile)])).toEqual([
      { error: damagedFile, profiles: ['a', 'd'] },
      { error: own, profiles: ['c'] },
    ]);
    expect(secretProblemsOf([summary('a')])).toEqual([]);
  });

  it('find a damaged entry by its key, the list error only when the list failed, and start-up notices', () => {
    const state: ProfilesState = { list: failed(damagedFile), damaged: [entry] };
    expect(damagedProfileByKey(state, entry.key)).toBe(entry);
    expect(damagedProfileByKey(state, 'other')).toBeUndefined();
    expect(selectProfilesError(state)).toBe(damagedFile);
    expect(selectProfilesError({ ...state, list: ready([]) })).toBeUndefined();
    expect(selectDataNotices(state)).toBeUndefined();
  });
});
