import { describe, expect, it } from 'vitest';
import { PageReadAhead, type PageFetch } from './page-read-ahead';

/** A page as the fake server answers it: its name and the token of the page after it. */
interface Page {
  name: string;
  next?: string;
}

/** One fetch the test answers by hand: the token it asked for, whether it was cancelled, and how to answer it. */
interface Call {
  token: string | undefined;
  aborted: boolean;
  resolve(page: Page): void;
  reject(error: Error): void;
  /** The answer is in and names the next page (before it is parsed). */
  announce(next: string): void;
}

/** A server whose every page is answered by the test; `calls` lists the fetches in order. */
function manualServer() {
  const calls: Call[] = [];
  const fetch: PageFetch<Page> = (token, signal, onNextToken) =>
    new Promise<Page>((resolve, reject) => {
      const call: Call = { token, aborted: false, resolve, reject, announce: onNextToken };
      const abort = () => {
        call.aborted = true;
        reject(new Error('aborted'));
      };
      calls.push(call);
      // As the SDK does, a request already cancelled fails at once.
      if (signal?.aborted) abort();
      signal?.addEventListener('abort', abort);
    });
  const callFor = (token: string | undefined) => calls.filter((c) => c.token === token);
  return { calls, fetch, callFor };
}

const newReadAhead = (limit?: number, ttlMs?: number) => new PageReadAhead<Page>((page) => page.next, limit, ttlMs);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PageReadAhead', () => {
  it('asks for the next page as soon as an answer names it, before that answer is parsed, and hands it to the request that names it, once', async () => {
    const ahead = newReadAhead();
    const { calls, fetch, callFor } = manualServer();
    const first = ahead.page('folder', undefined, fetch);
    expect(calls.map((c) => c.token)).toEqual([undefined]);
    calls[0].announce('t2');
    // The first page is still being parsed; the second is already asked for.
    expect(calls.map((c) => c.token)).toEqual([undefined, 't2']);
    calls[0].resolve({ name: 'page 1', next: 't2' });
    expect(await first).toEqual({ name: 'page 1', next: 't2' });

    callFor('t2')[0].resolve({ name: 'page 2' });
    expect(await ahead.page('folder', 't2', fetch)).toEqual({ name: 'page 2' });
    // A second request for the same page asks the server itself.
    const again = ahead.page('folder', 't2', fetch);
    expect(callFor('t2')).toHaveLength(2);
    callFor('t2')[1].resolve({ name: 'page 2 again' });
    expect(await again).toEqual({ name: 'page 2 again' });
  });

  it('reads one page ahead of the requests, never more: a page nobody waits for yet starts its successor when claimed', async () => {
    const ahead = newReadAhead();
    const { calls, fetch, callFor } = manualServer();
    const first = ahead.page('folder', undefined, fetch);
    calls[0].announce('t2');
    calls[0].resolve({ name: 'page 1', next: 't2' });
    await first;
    // Page 2's answer is in before the window asks for it: page 3 waits for that request.
    callFor('t2')[0].announce('t3');
    expect(callFor('t3')).toHaveLength(0);
    const second = ahead.page('folder', 't2', fetch);
    expect(callFor('t3')).toHaveLength(1);
    callFor('t2')[0].resolve({ name: 'page 2', next: 't3' });
    expect((await second).name).toBe('page 2');
    // Page 3 is claimed while still on its way: page 4 goes out the moment page 3's answer names it.
    const third = ahead.page('folder', 't3', fetch);
    callFor('t3')[0].announce('t4');
    expect(callFor('t4')).toHaveLength(1);
    callFor('t3')[0].resolve({ name: 'page 3', next: 't4' });
    expect((await third).name).toBe('page 3');
    expect(calls.map((c) => c.token)).toEqual([undefined, 't2', 't3', 't4']);
  });

  it('drops a next page asked for on a token the parsed page does not hold, and asks for the right one', async () => {
    const ahead = newReadAhead();
    const { calls, fetch, callFor } = manualServer();
    const first = ahead.page('folder', undefined, fetch);
    calls[0].announce('misread');
    calls[0].resolve({ name: 'page 1', next: 't2' });
    await first;
    expect(callFor('misread')[0].aborted).toBe(true);
    expect(callFor('t2')).toHaveLength(1);
    callFor('t2')[0].resolve({ name: 'page 2' });
    expect((await ahead.page('folder', 't2', fetch)).name).toBe('page 2');
    expect(callFor('t2')).toHaveLength(1);
  });

  it('gives nothing read ahead for another folder, and fetches a page again whose read-ahead failed, so the caller sees its own error', async () => {
    const ahead = newReadAhead();
    const { calls, fetch, callFor } = manualServer();
    const first = ahead.page('folder', undefined, fetch);
    calls[0].resolve({ name: 'page 1', next: 't2' });
    await first;
    const elsewhere = ahead.page('other folder', 't2', fetch);
    expect(callFor('t2')).toHaveLength(2);
    callFor('t2')[1].resolve({ name: 'other page 2' });
    expect((await elsewhere).name).toBe('other page 2');

    callFor('t2')[0].reject(new Error('gateway gone'));
    const second = ahead.page('folder', 't2', fetch);
    await settle();
    expect(callFor('t2')).toHaveLength(3);
    callFor('t2')[2].reject(new Error('gateway still gone'));
    await expect(second).rejects.toThrow('gateway still gone');
  });

  it("drops a folder's waiting pages when its listing starts again, cancelling their requests", async () => {
    const ahead = newReadAhead();
    const { calls, fetch, callFor } = manualServer();
    const first = ahead.page('folder', undefined, fetch);
    calls[0].resolve({ name: 'page 1', next: 't2' });
    await first;
    void ahead.page('folder', undefined, fetch);
    expect(callFor('t2')[0].aborted).toBe(true);
  });

  it('cancels the page, and the one its answer named, with the request that claimed it', async () => {
    const ahead = newReadAhead();
    const { calls, fetch, callFor } = manualServer();
    const first = ahead.page('folder', undefined, fetch);
    calls[0].resolve({ name: 'page 1', next: 't2' });
    await first;
    const request = new AbortController();
    const second = ahead.page('folder', 't2', fetch, request.signal);
    callFor('t2')[0].announce('t3');
    expect(callFor('t3')).toHaveLength(1);
    request.abort();
    await expect(second).rejects.toThrow('aborted');
    expect(callFor('t2')[0].aborted).toBe(true);
    expect(callFor('t3')[0].aborted).toBe(true);
  });

  it('cancels the next page when the page that named it fails', async () => {
    const ahead = newReadAhead();
    const { calls, fetch, callFor } = manualServer();
    const first = ahead.page('folder', undefined, fetch);
    calls[0].announce('t2');
    calls[0].reject(new Error('the body stopped'));
    await expect(first).rejects.toThrow('the body stopped');
    expect(callFor('t2')[0].aborted).toBe(true);
  });

  it('keeps at most its limit of pages, dropping the oldest, and none past their time', async () => {
    const ahead = newReadAhead(2, 20);
    const { calls, fetch, callFor } = manualServer();
    for (const folder of ['a', 'b', 'c']) {
      const page = ahead.page(folder, undefined, fetch);
      calls.at(-1)!.resolve({ name: `${folder} 1`, next: `${folder}2` });
      await page;
    }
    expect(['a2', 'b2', 'c2'].map((t) => callFor(t)[0].aborted)).toEqual([true, false, false]);
    // Nobody claims the others: they are cancelled once their time is up.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(['a2', 'b2', 'c2'].map((t) => callFor(t)[0].aborted)).toEqual([true, true, true]);
  });
});
