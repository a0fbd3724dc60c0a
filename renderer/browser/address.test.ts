import { describe, expect, it } from 'vitest';
import { formatAddress, parseAddress } from './address';

describe('parseAddress', () => {
  it('reads bucket/folder/ paths, with or without the last slash', () => {
    expect(parseAddress('photos/2024/')).toEqual({ ok: true, bucket: 'photos', prefix: '2024/' });
    expect(parseAddress('  photos/2024/june ')).toEqual({ ok: true, bucket: 'photos', prefix: '2024/june/' });
    expect(parseAddress('photos')).toEqual({ ok: true, bucket: 'photos', prefix: '' });
    expect(parseAddress('photos/')).toEqual({ ok: true, bucket: 'photos', prefix: '' });
  });

  it('reads s3:// URLs and a leading slash', () => {
    expect(parseAddress('s3://photos/a/b')).toEqual({ ok: true, bucket: 'photos', prefix: 'a/b/' });
    expect(parseAddress('S3://photos')).toEqual({ ok: true, bucket: 'photos', prefix: '' });
    expect(parseAddress('/photos/a/')).toEqual({ ok: true, bucket: 'photos', prefix: 'a/' });
  });

  it('keeps repeated slashes inside the path (S3 keys may hold them)', () => {
    expect(parseAddress('b/a//c/')).toEqual({ ok: true, bucket: 'b', prefix: 'a//c/' });
  });

  it('explains what it cannot read', () => {
    const problem = (input: string) => {
      const parsed = parseAddress(input);
      return parsed.ok ? undefined : parsed.problem;
    };
    expect(problem('')).toMatch(/^Type a bucket name/);
    expect(problem('https://example.com/x')).toMatch(/Only s3:\/\/ addresses/);
    expect(problem('my bucket/x')).toMatch(/"my bucket" cannot be a bucket name/);
    expect(problem('//x')).toBeUndefined();
    expect(problem('s3:///x')).toBeUndefined();
    expect(problem(`b/${'a'.repeat(1100)}`)).toMatch(/at most 1,024 bytes/);
  });
});

describe('formatAddress', () => {
  it('shows bucket/prefix, or nothing without a bucket', () => {
    expect(formatAddress('b', 'a/')).toBe('b/a/');
    expect(formatAddress('b', '')).toBe('b/');
    expect(formatAddress(undefined, '')).toBe('');
  });
});
