import { describe, expect, it } from 'vitest';
import { failed, failedKeeping, idle, lastValueOf, loading, ready, reloading, valueOf } from './loadable';

const error = { code: 'AccessDenied' as const, message: 'm', hint: 'h' };

describe('Loadable', () => {
  it('keeps the last value while loading again and after that fails, but only a ready one counts as loaded', () => {
    const again = reloading(ready(1));
    expect(again).toEqual({ status: 'loading', value: 1 });
    expect(valueOf(again)).toBeUndefined();
    expect(lastValueOf(again)).toBe(1);
    expect(failedKeeping(again, error)).toEqual({ status: 'failed', error, value: 1 });
  });

  it('has no value to keep from nothing, a plain load or a plain failure', () => {
    expect(reloading(idle)).toBe(loading);
    expect(reloading(failed(error))).toBe(loading);
    expect(failedKeeping(loading, error)).toEqual(failed(error));
    expect(lastValueOf(idle)).toBeUndefined();
  });
});
