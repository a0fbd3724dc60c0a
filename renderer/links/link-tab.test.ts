import { describe, expect, it } from 'vitest';
import type { AccessState } from '../../shared/sharing';
import { firstLinkTab, isKnownNotPublic } from './link-tab';

const state = (access: AccessState['access']): AccessState => ({ access, summary: access, grants: [] });

describe('firstLinkTab', () => {
  it('opens a private object on the signed tab and a public one on the public URL tab', () => {
    expect(firstLinkTab([state('private')])).toBe('GET');
    expect(firstLinkTab([state('custom')])).toBe('GET');
    expect(firstLinkTab([state('public-read')])).toBe('public');
    expect(firstLinkTab([state('public-read-write')])).toBe('public');
  });

  it('opens a selection with any private object on the signed tab', () => {
    expect(firstLinkTab([state('public-read'), state('private')])).toBe('GET');
    expect(firstLinkTab([state('public-read'), undefined])).toBe('public');
  });

  it('opens on the public URL tab when the access is unknown', () => {
    expect(firstLinkTab([undefined])).toBe('public');
    expect(firstLinkTab([null])).toBe('public');
    expect(isKnownNotPublic(null)).toBe(false);
  });
});
