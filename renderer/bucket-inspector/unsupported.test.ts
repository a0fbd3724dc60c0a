import { describe, expect, it } from 'vitest';
import { unsupportedWords } from './unsupported';

describe('unsupportedWords', () => {
  it('says a provider lacks the call, from the code it answered', () => {
    expect(
      unsupportedWords({ code: 'NotImplemented', message: 'A header you provided implies functionality that is not implemented.', hint: '' }, 'CORS'),
    ).toBe('This provider does not support CORS (it answered NotImplemented).');
  });
  it('reads the server’s own code when Pail has no name for it', () => {
    expect(unsupportedWords({ code: 'S3Error', serverCode: 'MethodNotAllowed', message: 'not allowed', hint: '' }, 'bucket policies')).toBe(
      'This provider does not support bucket policies (it answered MethodNotAllowed).',
    );
  });
  it('leaves other errors to the error panel', () => {
    expect(unsupportedWords({ code: 'AccessDenied', message: 'Access Denied', hint: '' }, 'CORS')).toBeUndefined();
    expect(unsupportedWords({ code: 'Timeout', message: 'No answer', hint: '' }, 'CORS')).toBeUndefined();
  });
});
