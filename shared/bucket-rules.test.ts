import { describe, expect, it } from 'vitest';
import { bucketNameProblems, bucketNameWarnings } from './bucket-rules';

describe('bucket name rules', () => {
  it('accepts valid names', () => {
    for (const name of ['abc', 'my-bucket', 'logs.example.com', 'a1b2c3', 'x'.repeat(63)]) expect(bucketNameProblems(name)).toEqual([]);
  });

  it('explains every rule a name breaks', () => {
    expect(bucketNameProblems('ab')).toEqual(['A bucket name has 3 to 63 characters (this one has 2).']);
    expect(bucketNameProblems('My_Bucket!')).toEqual([
      'Use lowercase letters only: S3 bucket names cannot contain capitals.',
      'Only letters, digits, dots (.) and hyphens (-) are allowed, not "_", "!".',
      'End with a letter or a digit.',
    ]);
    expect(bucketNameProblems('-a..b.-c')).toEqual([
      'Start with a letter or a digit.',
      'Two dots in a row are not allowed.',
      'A dot next to a hyphen (".-" or "-.") is not allowed.',
    ]);
    expect(bucketNameProblems('my bucket')[0]).toMatch(/not space/);
    expect(bucketNameProblems('192.168.5.4')).toEqual(['A bucket name cannot look like an IP address (e.g. 192.168.5.4).']);
    expect(bucketNameProblems('xn--abc')).toHaveLength(1);
    expect(bucketNameProblems('data-s3alias')).toHaveLength(1);
  });

  it('warns about dots and TLS', () => {
    expect(bucketNameWarnings('a.b.c')[0]).toMatch(/path style/);
    expect(bucketNameWarnings('abc')).toEqual([]);
  });
});
