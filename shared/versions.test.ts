import { describe, expect, it } from 'vitest';
import { versionIdText } from './versions';

describe('versionIdText', () => {
  it('names the version from before versioning in words, not "null"', () => {
    expect(versionIdText('null')).toBe('Version from before versioning was turned on');
    expect(versionIdText('null', 'short')).toBe('From before versioning');
  });

  it('shows any other id as it is', () => {
    expect(versionIdText('3sL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY')).toBe('3sL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY');
  });
});
