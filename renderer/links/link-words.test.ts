import { describe, expect, it } from 'vitest';
import { notPublicNotice } from './link-words';

describe('notPublicNotice', () => {
  it('says "its URL" for one object and "their URLs" for several', () => {
    expect(notPublicNotice(1, 1)).toBe('This object is not public: its URL answers 403 (Access Denied) until it is made public.');
    expect(notPublicNotice(3, 3)).toBe('These objects are not public: their URLs answer 403 (Access Denied) until they are made public.');
    expect(notPublicNotice(2, 5)).toBe('2 of these 5 objects are not public: their URLs answer 403 (Access Denied) until they are made public.');
    expect(notPublicNotice(1, 5)).toBe('1 of these 5 objects is not public: its URL answers 403 (Access Denied) until it is made public.');
  });
});
