import { describe, expect, it } from 'vitest';
import { resolveDataDir } from './data-dir';

describe('data folder', () => {
  it('is PAIL_HOME when set', () => {
    expect(resolveDataDir({ PAIL_HOME: '/srv/pail' }, 'linux', '/home/u')).toBe('/srv/pail');
  });

  it("is Electron's userData folder otherwise, per OS", () => {
    expect(resolveDataDir({}, 'linux', '/home/u')).toBe('/home/u/.config/Pail');
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/u')).toBe('/x/Pail');
    expect(resolveDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Pail');
  });
});
