import { describe, expect, it } from 'vitest';
import { countOf, endpointHost, formatAge, formatCount, formatDate, formatSize } from './format';

describe('formatSize', () => {
  it('shows bytes below one KiB as they are', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(1023)).toBe('1023 B');
  });

  it('uses binary units with one decimal below 100', () => {
    expect(formatSize(1024)).toBe('1 KiB');
    expect(formatSize(1536)).toBe('1.5 KiB');
    expect(formatSize(10 * 1024 * 1024 + 300 * 1024)).toBe('10.3 MiB');
    expect(formatSize(5 * 1024 ** 3)).toBe('5 GiB');
  });

  it('drops the decimal from 100 units up', () => {
    expect(formatSize(512 * 1024 * 1024)).toBe('512 MiB');
    expect(formatSize(250.4 * 1024)).toBe('250 KiB');
  });

  it('moves to the next unit instead of printing 1024', () => {
    expect(formatSize(1024 * 1024 - 1)).toBe('1 MiB');
  });

  it('says nothing useful about impossible sizes', () => {
    expect(formatSize(-1)).toBe('—');
    expect(formatSize(Number.NaN)).toBe('—');
  });
});

describe('counts', () => {
  it('groups thousands', () => {
    expect(formatCount(2500)).toBe('2,500');
    expect(formatCount(100000)).toBe('100,000');
  });

  it('uses the singular only for one', () => {
    expect(countOf(1, 'folder')).toBe('1 folder');
    expect(countOf(0, 'folder')).toBe('0 folders');
    expect(countOf(2500, 'object')).toBe('2,500 objects');
  });
});

describe('formatDate', () => {
  it('formats in the given locale and zone', () => {
    expect(formatDate('2025-03-04T14:05:00.000Z', 'en-US', 'UTC')).toBe('Mar 4, 2025, 2:05 PM');
    expect(formatDate('2025-03-04T14:05:00.000Z', 'de-DE', 'Europe/Berlin')).toBe('04.03.2025, 15:05');
  });

  it('shows a dash for a missing or broken date', () => {
    expect(formatDate(undefined)).toBe('—');
    expect(formatDate('not a date')).toBe('—');
  });
});

describe('endpointHost', () => {
  it('keeps host and port, or the input when it is not a URL', () => {
    expect(endpointHost('http://127.0.0.1:9000')).toBe('127.0.0.1:9000');
    expect(endpointHost('https://s3.example.com')).toBe('s3.example.com');
    expect(endpointHost('nonsense')).toBe('nonsense');
  });
});

describe('formatAge', () => {
  const now = Date.parse('2026-12-06T12:00:00Z');
  it('says how long ago, in the largest whole unit', () => {
    expect(formatAge('2026-12-06T11:59:30Z', now, 'en')).toBe('30 seconds ago');
    expect(formatAge('2026-12-06T11:05:00Z', now, 'en')).toBe('55 minutes ago');
    expect(formatAge('2026-12-06T07:00:00Z', now, 'en')).toBe('5 hours ago');
    expect(formatAge('2026-12-05T12:00:00Z', now, 'en')).toBe('yesterday');
    expect(formatAge('2026-11-26T12:00:00Z', now, 'en')).toBe('10 days ago');
    expect(formatAge('2026-09-06T12:00:00Z', now, 'en')).toBe('3 months ago');
    expect(formatAge('2024-12-06T12:00:00Z', now, 'en')).toBe('2 years ago');
  });
  it('shows a dash for no date or a bad one', () => {
    expect(formatAge(undefined, now)).toBe('—');
    expect(formatAge('not a date', now)).toBe('—');
  });
});
