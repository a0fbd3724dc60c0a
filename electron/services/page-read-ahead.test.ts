import { describe, expect, it } from 'vitest';
import { PageReadAhead } from './page-read-ahead';

/** A fetch the test answers by hand, recording whether it was aborted. */
function manualFetch() {
  const fetch = { aborted: false, calls: 0, resolve: (_page: string) => {}, reject: (_error: Error) => {} };
  const start = (signal: AbortSignal) => {
    fetch.calls += 1;
    signal.addEventListener('abort', () => (fetch.aborted = true));
    return new Promise<string>((resolve, reject) => Object.assign(fetch, { resolve, reject }));
  };
  return { fetch, start };
}

describe('PageReadAhead', () => {
  it('hands the page read ahead to the request that names it, once', async () => {
    const ahead = new PageReadAhead<string>();
    const { fetch, start } = manualFetch();
    ahead.start('folder', 'token-2', start);
    ahead.start('folder', 'token-2', start);
    fetch.resolve('page 2');
    expect(await ahead.claim('folder', 'token-2')).toBe('page 2');
    expect(await ahead.claim('folder', 'token-2')).toBeUndefined();
    expect(fetch.calls).toBe(1);
  });

  it('gives nothing for another token or folder, nor for a page that failed (the caller asks itself and sees its own error)', async () => {
    const ahead = new PageReadAhead<string>();
    const { fetch, start } = manualFetch();
    ahead.start('folder', 'token-2', start);
    expect(await ahead.claim('other folder', 'token-2')).toBeUndefined();
    expect(await ahead.claim('folder', 'token-3')).toBeUndefined();
    fetch.reject(new Error('gateway gone'));
    expect(await ahead.claim('folder', 'token-2')).toBeUndefined();
  });

  it("drops a folder's waiting pages when its listing starts again, cancelling their requests", async () => {
    const ahead = new PageReadAhead<string>();
    const { fetch, start } = manualFetch();
    ahead.start('folder', 'token-2', start);
    ahead.forget('folder');
    expect(fetch.aborted).toBe(true);
    expect(await ahead.claim('folder', 'token-2')).toBeUndefined();
  });

  it('cancels the page with the request that claimed it', async () => {
    const ahead = new PageReadAhead<string>();
    const { fetch, start } = manualFetch();
    ahead.start('folder', 'token-2', start);
    const request = new AbortController();
    const claimed = ahead.claim('folder', 'token-2', request.signal);
    request.abort();
    expect(fetch.aborted).toBe(true);
    fetch.reject(new Error('aborted'));
    expect(await claimed).toBeUndefined();
  });

  it('keeps at most its limit of pages, dropping the oldest, and none past their time', async () => {
    const ahead = new PageReadAhead<string>(2, 20);
    const fetches = [manualFetch(), manualFetch(), manualFetch()];
    fetches.forEach(({ start }, i) => ahead.start(`folder ${i}`, 't', start));
    expect(fetches.map(({ fetch }) => fetch.aborted)).toEqual([true, false, false]);
    // Nobody claims the others: they are cancelled once their time is up.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fetches.map(({ fetch }) => fetch.aborted)).toEqual([true, true, true]);
  });
});
