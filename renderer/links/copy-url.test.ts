import { describe, expect, it } from 'vitest';
import { clockTime, copiedNotice, copyUrlEntries, defaultCopyUrlId, linksAsCsv, linksAsJson } from './copy-url';

const now = Date.parse('2026-03-04T12:00:00Z');
const utc = (at: Date, from: Date) => clockTime(at, from, 'en-GB', 'UTC');
const labels = (credentialsExpireAt?: string) => copyUrlEntries({ credentialsExpireAt, now, formatTime: utc }).map((e) => e.label);

describe('copyUrlEntries', () => {
  it('offers the public URL, three signed lifetimes and More…', () => {
    expect(labels()).toEqual(['Public URL', 'Signed, 1 hour', 'Signed, 24 hours', 'Signed, 7 days', 'More…']);
    const entries = copyUrlEntries({ now });
    expect(entries.map((e) => e.choice)).toEqual([
      { kind: 'public' },
      { kind: 'signed', seconds: 3600, valid: '1 hour' },
      { kind: 'signed', seconds: 86_400, valid: '24 hours' },
      { kind: 'signed', seconds: 604_800, valid: '7 days' },
      undefined,
    ]);
  });

  it('caps the signed lifetimes at the credentials’ expiry, saying so once', () => {
    expect(labels('2026-03-04T14:05:00Z')).toEqual(['Public URL', 'Signed, 1 hour', 'Signed, until 14:05 (credentials expire)', 'More…']);
    expect(labels('2026-03-04T12:30:00Z')).toEqual(['Public URL', 'Signed, until 12:30 (credentials expire)', 'More…']);
    // Another day: the weekday too.
    expect(labels('2026-03-06T09:15:00Z')).toEqual([
      'Public URL',
      'Signed, 1 hour',
      'Signed, 24 hours',
      'Signed, until Fri 09:15 (credentials expire)',
      'More…',
    ]);
    // Credentials that outlive 7 days cap nothing.
    expect(labels('2026-04-01T00:00:00Z')).toEqual(['Public URL', 'Signed, 1 hour', 'Signed, 24 hours', 'Signed, 7 days', 'More…']);
    const capped = copyUrlEntries({ credentialsExpireAt: '2026-03-04T14:05:00Z', now, formatTime: utc })[2];
    expect(capped.choice).toEqual({ kind: 'signed', seconds: 86_400, valid: 'until 14:05 (credentials expire)' });
  });

  it('turns the signed entries off with expired credentials, saying why', () => {
    const entries = copyUrlEntries({ credentialsExpireAt: '2026-03-04T11:00:00Z', now, formatTime: utc });
    expect(entries.filter((e) => e.disabled).map((e) => e.label)).toEqual(['Signed, 1 hour', 'Signed, 24 hours', 'Signed, 7 days']);
    expect(entries[1].description).toBe('The profile’s temporary credentials expired at 11:00: paste new ones into the profile to sign links.');
    expect(entries[0].disabled).toBeUndefined();
  });

  it('copies the public URL by default only when every object is known public', () => {
    expect(defaultCopyUrlId(true)).toBe('public');
    expect(defaultCopyUrlId(false)).toBe('signed-3600');
  });
});

describe('copiedNotice', () => {
  const signed = { kind: 'signed' as const, seconds: 86_400, valid: '24 hours' };
  it('says how many links and for how long', () => {
    expect(copiedNotice({ choice: signed, count: 3, notPublic: 0, skippedFolders: 0 })).toBe('Copied 3 signed links, valid 24 hours.');
    expect(copiedNotice({ choice: { kind: 'signed', seconds: 3600, valid: '1 hour' }, count: 1, notPublic: 0, skippedFolders: 0 })).toBe(
      'Copied the signed link, valid 1 hour.',
    );
    expect(copiedNotice({ choice: signed, count: 2, notPublic: 0, skippedFolders: 1 })).toBe(
      'Copied 2 signed links, valid 24 hours. 1 folder skipped: links are for objects.',
    );
  });

  it('says when a public URL will not open: the link dialog’s own words', () => {
    expect(copiedNotice({ choice: { kind: 'public' }, count: 1, notPublic: 1, skippedFolders: 0 })).toBe(
      'Copied the public URL. This object is not public: its URL answers 403 (Access Denied) until it is made public.',
    );
    expect(copiedNotice({ choice: { kind: 'public' }, count: 3, notPublic: 0, skippedFolders: 0 })).toBe('Copied 3 public URLs.');
    expect(copiedNotice({ choice: { kind: 'public' }, count: 3, notPublic: 2, skippedFolders: 0 })).toBe(
      'Copied 3 public URLs. 2 of these 3 objects are not public: their URLs answer 403 (Access Denied) until they are made public.',
    );
  });
});

describe('linksAsCsv and linksAsJson', () => {
  const rows = [
    { key: 'plain.txt', url: 'https://h/b/plain.txt', expires: '2026-03-04T13:00:00.000Z' },
    { key: 'a, b.txt', url: 'https://h/b/a%2C%20b.txt', expires: '2026-03-04T13:00:00.000Z' },
    { key: 'say "hi".txt', url: 'https://h/b/say%20%22hi%22.txt', expires: '2026-03-04T13:00:00.000Z' },
    { key: 'ünï cødé/日本.txt', url: 'https://h/b/%C3%BCn%C3%AF', expires: '2026-03-04T13:00:00.000Z' },
    { key: 'two\nlines', url: 'https://h/b/two%0Alines', expires: '2026-03-04T13:00:00.000Z' },
  ];

  it('writes RFC 4180 CSV: commas, quotes and line breaks quoted, unicode as it is', () => {
    expect(linksAsCsv(rows).split('\r\n')).toEqual([
      'key,url,expires',
      'plain.txt,https://h/b/plain.txt,2026-03-04T13:00:00.000Z',
      '"a, b.txt",https://h/b/a%2C%20b.txt,2026-03-04T13:00:00.000Z',
      '"say ""hi"".txt",https://h/b/say%20%22hi%22.txt,2026-03-04T13:00:00.000Z',
      'ünï cødé/日本.txt,https://h/b/%C3%BCn%C3%AF,2026-03-04T13:00:00.000Z',
      '"two\nlines",https://h/b/two%0Alines,2026-03-04T13:00:00.000Z',
    ]);
  });

  it('leaves the expires column out for public URLs', () => {
    expect(linksAsCsv([{ key: 'k', url: 'u' }])).toBe('key,url\r\nk,u');
  });

  it('writes JSON that reads back to the same keys and URLs', () => {
    expect(JSON.parse(linksAsJson(rows))).toEqual(rows);
    expect(JSON.parse(linksAsJson([{ key: 'k', url: 'u' }]))).toEqual([{ key: 'k', url: 'u' }]);
  });
});
