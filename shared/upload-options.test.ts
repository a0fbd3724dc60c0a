import { describe, expect, it } from 'vitest';
import { uploadOptionsSchema } from './upload-options';

const problem = (input: unknown) => uploadOptionsSchema.safeParse(input).error?.issues[0]?.message;

describe('upload options', () => {
  it('takes every option in its usual form', () => {
    const options = {
      acl: 'public-read',
      contentType: 'text/html; charset=utf-8',
      cacheControl: 'public, max-age=60',
      contentDisposition: 'inline',
      storageClass: 'STANDARD_IA',
      metadata: { author: 'Zoë', 'x.y_z-1': '' },
    };
    expect(uploadOptionsSchema.parse(options)).toEqual(options);
    expect(uploadOptionsSchema.parse({})).toEqual({});
  });

  it('refuses what S3 or the SDK would refuse, saying which rule', () => {
    expect(problem({ acl: 'public' })).toBeDefined();
    expect(problem({ contentType: 'png' })).toMatch(/^Content-Type is TYPE\/SUBTYPE/);
    expect(problem({ cacheControl: 'a\nb' })).toMatch(/^Cache-Control is plain text/);
    expect(problem({ contentDisposition: 'attachment; filename="é.pdf"' })).toMatch(/^Content-Disposition is plain ASCII/);
    expect(problem({ storageClass: 'glacier' })).toMatch(/^A storage class is a name in capitals/);
    expect(problem({ metadata: { 'a b': '1' } })).toBe(
      'A metadata name has letters, digits, "-", "_" and "." only (it is sent as x-amz-meta-NAME), not "a b".',
    );
    expect(problem({ metadata: { a: 'line\nbreak' } })).toMatch(/cannot hold line breaks/);
    expect(problem({ metadata: { Author: '1', author: '2' } })).toMatch(/differ only in case/);
    expect(problem({ metadata: { a: 'x'.repeat(1024), b: 'x'.repeat(1024) } })).toMatch(/at most 2048 bytes/);
  });
});
