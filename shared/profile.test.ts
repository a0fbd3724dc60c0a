import { describe, expect, it } from 'vitest';
import {
  bucketUploadsOf,
  completeProfile,
  defaultChecksumMode,
  endpointProblem,
  isAwsEndpoint,
  normalizeEndpoint,
  profileInputSchema,
  publicUrlBaseOf,
} from './profile';
import { breadcrumbSteps, displayName } from './s3-names';

describe('endpoint validation', () => {
  it('accepts plain http(s) origins with ports', () => {
    expect(endpointProblem('https://us-east-1.linodeobjects.com')).toBeUndefined();
    expect(endpointProblem('http://127.0.0.1:7480/')).toBeUndefined();
  });

  it('explains each kind of bad endpoint', () => {
    expect(endpointProblem('us-east-1.linodeobjects.com')).toMatch(/full URL starting with https:\/\//);
    expect(endpointProblem('ftp://example.com')).toMatch(/https:\/\/ or http:\/\//);
    expect(endpointProblem('https://key:secret@example.com')).toMatch(/credentials/);
    expect(endpointProblem('https://s3.example.com/my-bucket')).toMatch(/remove the path/);
    expect(endpointProblem('https://s3.example.com/?x=1')).toMatch(/query/);
  });

  it('normalises to the origin', () => {
    expect(normalizeEndpoint(' https://S3.Example.com:443/ ')).toBe('https://s3.example.com');
  });

  it('uses WHEN_REQUIRED checksums for every endpoint that is not AWS', () => {
    expect(isAwsEndpoint('https://s3.eu-west-1.amazonaws.com')).toBe(true);
    expect(isAwsEndpoint('https://amazonaws.com.evil.example')).toBe(false);
    expect(defaultChecksumMode('https://s3.us-east-1.amazonaws.com')).toBe('WHEN_SUPPORTED');
    expect(defaultChecksumMode('https://us-east-1.linodeobjects.com')).toBe('WHEN_REQUIRED');
    expect(defaultChecksumMode('http://127.0.0.1:7480')).toBe('WHEN_REQUIRED');
  });
});

describe('profile input', () => {
  const valid = {
    name: 'Work',
    endpoint: 'https://fr-par-1.linodeobjects.com',
    region: 'fr-par-1',
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'secret',
  };

  it('leaves unset compatibility settings to the preset ("other": path style)', () => {
    const parsed = profileInputSchema.parse(valid);
    expect(parsed.provider).toBe('other');
    expect(parsed.addressingStyle).toBeUndefined();
    expect(completeProfile({ ...parsed, id: 'p' }).addressingStyle).toBe('path');
  });

  it('names the field that is wrong', () => {
    const result = profileInputSchema.safeParse({ ...valid, name: '', region: 'eu west', secretAccessKey: ' s ' });
    expect(result.success).toBe(false);
    const byField = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(byField.name).toMatch(/Enter a name/);
    expect(byField.region).toMatch(/letters, digits/);
    expect(byField.secretAccessKey).toMatch(/spaces at its start or end/);
  });

  it('refuses ":" in names, which the CLI uses as a separator', () => {
    expect(profileInputSchema.safeParse({ ...valid, name: 'a:b' }).success).toBe(false);
  });
});

describe('breadcrumbs', () => {
  it('splits a prefix into steps, keeping odd characters', () => {
    expect(breadcrumbSteps('')).toEqual([]);
    expect(breadcrumbSteps('a b/ü+%#?/')).toEqual([
      { name: 'a b', prefix: 'a b/' },
      { name: 'ü+%#?', prefix: 'a b/ü+%#?/' },
    ]);
  });

  it('shows the last segment of a key', () => {
    expect(displayName('photos/2024/', 'photos/')).toBe('2024');
    expect(displayName('photos/a.jpg', 'photos/')).toBe('a.jpg');
  });
});

describe('a bucket’s own settings in a profile', () => {
  it('finds only the bucket’s own entry, also for a bucket named like a property of every object ("constructor")', () => {
    const profile = { publicUrlBases: { site: 'https://cdn.example.com' }, bucketUploads: { site: { acl: 'public-read' as const } } };
    expect(publicUrlBaseOf(profile, 'site')).toBe('https://cdn.example.com');
    expect(bucketUploadsOf(profile, 'site')).toEqual({ acl: 'public-read' });
    for (const bucket of ['constructor', '__proto__']) {
      expect(publicUrlBaseOf(profile, bucket)).toBeUndefined();
      expect(bucketUploadsOf(profile, bucket)).toBeUndefined();
    }
    expect(publicUrlBaseOf(undefined, 'site')).toBeUndefined();
  });
});
