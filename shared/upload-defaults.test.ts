import { describe, expect, it } from 'vitest';
import { bucketUploadDefaults, contentTypeFor } from './upload-defaults';

describe('bucketUploadDefaults', () => {
  const profile = { defaultUploadAcl: 'private' as const, uploadCacheControl: 'no-cache', bucketUploads: {} };

  it("gives the profile's access and Cache-Control to a bucket without settings", () => {
    expect(bucketUploadDefaults(profile, 'photos')).toEqual({ acl: 'private', cacheControl: 'no-cache' });
  });

  it("puts each of the bucket's settings over the profile's, and leaves empty ones out", () => {
    const bucketUploads = {
      photos: {
        acl: 'public-read' as const,
        cacheControl: 'max-age=60',
        contentDisposition: 'inline',
        storageClass: 'STANDARD_IA',
        metadata: { a: '1' },
        contentTypes: { webp: 'image/webp' },
      },
      docs: { cacheControl: '', metadata: {}, contentTypes: {} },
    };
    expect(bucketUploadDefaults({ ...profile, bucketUploads }, 'photos')).toEqual(bucketUploads.photos);
    expect(bucketUploadDefaults({ ...profile, bucketUploads }, 'docs')).toEqual({ acl: 'private', cacheControl: 'no-cache' });
  });
});

describe('contentTypeFor', () => {
  const bucket = { contentTypes: { webp: 'image/x-bucket', txt: 'text/x-bucket' } };

  it('takes one type for all files, then the batch by extension, then the bucket by extension, then the detected one', () => {
    expect(contentTypeFor('a.webp', 'image/webp', { contentType: 'image/x-all', contentTypes: { webp: 'image/x-batch' } }, bucket)).toBe('image/x-all');
    expect(contentTypeFor('a.webp', 'image/webp', { contentTypes: { webp: 'image/x-batch' } }, bucket)).toBe('image/x-batch');
    expect(contentTypeFor('dir/A.WEBP', 'image/webp', {}, bucket)).toBe('image/x-bucket');
    expect(contentTypeFor('a.png', 'image/png', {}, bucket)).toBe('image/png');
    expect(contentTypeFor('README', 'application/octet-stream', {}, bucket)).toBe('application/octet-stream');
  });
});
