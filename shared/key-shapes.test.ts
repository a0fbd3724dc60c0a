import { describe, expect, it } from 'vitest';
import { keyShapeWarning } from './key-shapes';

// Sample keys are the providers' own documentation examples, where they give one:
// AWS: AKIAIOSFODNN7EXAMPLE (STS GetAccessKeyInfo, "Access key IDs beginning with AKIA … ASIA …");
// Scaleway: SCWABCDEFGHIJKLMNOPQ (IAM API key example); DigitalOcean Spaces: DO00EXAMPLEACCESSKEY;
// Backblaze B2: 0014a98f9d9e8d0000000001 (b2_create_key's applicationKeyId example).
const AWS_LONG_TERM = 'AKIAIOSFODNN7EXAMPLE';
const AWS_TEMPORARY = 'ASIAIOSFODNN7EXAMPLE';
const SCALEWAY = 'SCWABCDEFGHIJKLMNOPQ';
const SPACES = 'DO00EXAMPLEACCESSKEY';
const B2 = '0014a98f9d9e8d0000000001';

describe('keyShapeWarning', () => {
  it('warns about an AWS key (AKIA… or ASIA…) on every preset whose provider issues its own keys', () => {
    for (const provider of ['linode', 'digitalocean', 'wasabi', 'backblaze', 'cloudflare-r2', 'scaleway', 'ovh'] as const) {
      expect(keyShapeWarning(provider, AWS_LONG_TERM)?.looksLike).toBe('aws');
      expect(keyShapeWarning(provider, AWS_TEMPORARY)?.looksLike).toBe('aws');
    }
  });

  it('names the provider the key looks like and what to do', () => {
    expect(keyShapeWarning('linode', AWS_LONG_TERM)?.message).toBe(
      'This looks like an Amazon S3 key (AKIA… or ASIA…). Keys work only with the provider that issued them, so Linode / Akamai Object Storage will refuse it (InvalidAccessKeyId). Use a key created with Linode / Akamai Object Storage, or choose Amazon S3 as the provider.',
    );
    expect(keyShapeWarning('aws', SCALEWAY)?.message).toMatch(/^This looks like a Scaleway Object Storage key \(SCW…\)\./);
  });

  it('says nothing about a key that fits the chosen provider', () => {
    expect(keyShapeWarning('aws', AWS_LONG_TERM)).toBeUndefined();
    expect(keyShapeWarning('aws', AWS_TEMPORARY)).toBeUndefined();
    expect(keyShapeWarning('scaleway', SCALEWAY)).toBeUndefined();
    expect(keyShapeWarning('digitalocean', SPACES)).toBeUndefined();
    expect(keyShapeWarning('backblaze', B2)).toBeUndefined();
  });

  it("warns about Scaleway, Spaces and B2 keys under another provider's preset", () => {
    expect(keyShapeWarning('aws', SCALEWAY)?.looksLike).toBe('scaleway');
    expect(keyShapeWarning('wasabi', SPACES)?.looksLike).toBe('digitalocean');
    expect(keyShapeWarning('aws', B2)?.looksLike).toBe('backblaze');
    expect(keyShapeWarning('linode', B2)?.message).toMatch(/Backblaze B2 key \(a B2 application key id\)/);
  });

  it('says nothing where the server owner chooses the keys (MinIO, Ceph, Garage, other)', () => {
    for (const provider of ['minio', 'ceph', 'garage', 'other'] as const) {
      expect(keyShapeWarning(provider, AWS_LONG_TERM)).toBeUndefined();
      expect(keyShapeWarning(provider, SCALEWAY)).toBeUndefined();
    }
  });

  it('says nothing about shapes it cannot place: plain upper-case keys, partial keys, other lengths', () => {
    // Linode and Wasabi keys are 20 upper-case letters and digits: no documented prefix to tell them apart.
    expect(keyShapeWarning('wasabi', 'Q3AM3UQ867SPQQA43P2F')).toBeUndefined();
    expect(keyShapeWarning('aws', 'Q3AM3UQ867SPQQA43P2F')).toBeUndefined();
    // Half-typed, or too long: not a whole AWS key yet.
    expect(keyShapeWarning('linode', 'AKIA')).toBeUndefined();
    expect(keyShapeWarning('linode', `${AWS_LONG_TERM}X`)).toBeUndefined();
    // A B2 master key id (12 hex digits) or an R2 key (32 hex digits) looks like any hex string: no guess.
    expect(keyShapeWarning('aws', '4a98f9d9e8d0')).toBeUndefined();
    expect(keyShapeWarning('aws', '0123456789abcdef0123456789abcdef')).toBeUndefined();
    expect(keyShapeWarning('linode', '')).toBeUndefined();
  });

  it('ignores spaces pasted around the key', () => {
    expect(keyShapeWarning('linode', ` ${AWS_LONG_TERM}\n`)?.looksLike).toBe('aws');
  });
});
