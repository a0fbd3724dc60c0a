import { describe, expect, it } from 'vitest';
import { describeError } from './error-words';
import { ERROR_TEXT } from '../../shared/error-text';

describe('describeError', () => {
  it('keeps the message and hint the main process sent', () => {
    const words = describeError({ code: 'SignatureDoesNotMatch', message: 'Bad signature.', hint: 'Re-enter it.' });
    expect(words).toEqual({ code: 'SignatureDoesNotMatch', message: 'Bad signature.', hint: 'Re-enter it.' });
  });

  it('fills empty words from the shared table', () => {
    const words = describeError({ code: 'AccessDenied', message: '', hint: '' });
    expect(words.message).toBe(ERROR_TEXT.AccessDenied.message);
    expect(words.hint).toBe(ERROR_TEXT.AccessDenied.hint);
  });

  it('adds the HTTP status and a server code that differs', () => {
    const words = describeError({ code: 'S3Error', message: 'm', hint: 'h', status: 500, serverCode: 'UnknownError' });
    expect(words.details).toBe('HTTP 500 · server code UnknownError');
    const same = describeError({
      code: 'NoSuchBucket',
      message: 'm',
      hint: 'h',
      status: 404,
      serverCode: 'NoSuchBucket',
    });
    expect(same.details).toBe('HTTP 404');
  });

  it('words a refused storage class, server code and all', () => {
    const words = describeError({ code: 'InvalidStorageClass', message: '', hint: '', status: 400, serverCode: 'InvalidArgument' });
    expect(words.message).toBe('The server does not offer that storage class.');
    expect(words.hint).toMatch(/STANDARD is offered everywhere/);
    expect(words.details).toBe('HTTP 400 · server code InvalidArgument');
  });
});
