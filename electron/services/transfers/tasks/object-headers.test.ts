import { describe, expect, it } from 'vitest';
import { objectHeadersOf } from './object-headers';

describe('objectHeadersOf', () => {
  const bucket = {
    acl: 'public-read' as const,
    cacheControl: 'max-age=900',
    contentDisposition: 'inline',
    storageClass: 'STANDARD_IA',
    metadata: { team: 'web' },
    contentTypes: { txt: 'text/x-bucket' },
  };

  it("fills what a batch leaves out from the bucket's defaults", () => {
    expect(objectHeadersOf({}, bucket, 'a.txt', 'text/plain')).toEqual({
      contentType: 'text/x-bucket',
      acl: 'public-read',
      cacheControl: 'max-age=900',
      contentDisposition: 'inline',
      storageClass: 'STANDARD_IA',
      metadata: { team: 'web' },
    });
  });

  it('sends no header for a field the batch emptied, even where the bucket has a default (the upload sheet cleared it)', () => {
    const emptied = { acl: 'none' as const, cacheControl: '', contentDisposition: '', storageClass: '', metadata: {}, contentTypes: { txt: 'text/plain' } };
    expect(objectHeadersOf(emptied, bucket, 'a.txt', 'text/plain')).toEqual({ contentType: 'text/plain' });
  });
});
