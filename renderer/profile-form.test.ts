import { describe, expect, it } from 'vitest';
import { emptyProfileForm, profileFormErrors, toProfileInput, type ProfileFormValues } from './profile-form';

const valid: ProfileFormValues = {
  name: 'local',
  endpoint: 'http://127.0.0.1:9000',
  region: 'us-east-1',
  accessKeyId: 'AKIA123',
  secretAccessKey: 'secret',
  pathStyle: true,
};

describe('profile form', () => {
  it('starts with region us-east-1 and path style on', () => {
    expect(emptyProfileForm.region).toBe('us-east-1');
    expect(emptyProfileForm.pathStyle).toBe(true);
  });

  it('maps the switch to the addressing style', () => {
    expect(toProfileInput(valid).addressingStyle).toBe('path');
    expect(toProfileInput({ ...valid, pathStyle: false }).addressingStyle).toBe('virtual');
  });

  it('finds nothing wrong with a complete form', () => {
    expect(profileFormErrors(valid)).toEqual({});
  });

  it('gives one message per field, in the shared schema’s words', () => {
    const errors = profileFormErrors({ ...emptyProfileForm, region: '' });
    expect(errors.name).toBe('Enter a name for the profile.');
    expect(errors.endpoint).toMatch(/^Enter the endpoint URL/);
    expect(errors.region).toMatch(/^Enter a region/);
    expect(errors.accessKeyId).toBe('Enter the access key id.');
    expect(errors.secretAccessKey).toBe('Enter the secret access key.');
  });

  it('explains an endpoint with a bucket path in it', () => {
    const errors = profileFormErrors({ ...valid, endpoint: 'https://s3.example.com/my-bucket' });
    expect(errors.endpoint).toMatch(/remove the path/);
    expect(Object.keys(errors)).toEqual(['endpoint']);
  });
});
