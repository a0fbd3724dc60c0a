/**
 * Fetches one page of a listing: the first when `token` is undefined. It may
 * call `onNextToken` once, as soon as the server's answer names the page after
 * it and before the page is parsed (see `list-page-reader.ts`); the token the
 * parsed page holds is the one that counts.
 */
export type PageFetch<Page> = (token: string | undefined, signal: AbortSignal | undefined, onNextToken: (next: string) => void) => Promise<Page>;

interface Ahead<Page> {
  page: Promise<Page>;
  controller: AbortController;
  timer: ReturnType<typeof setTimeout>;
  /** A request waits for this page: the page after it is asked for as soon as its token is known. */
  claimed: boolean;
  /** The next page's token, told before this page was parsed. */
  early?: string;
  /** How it was fetched: the page after it is fetched so too. */
  fetch: PageFetch<Page>;
}

// A folder's name never holds a NUL (it is JSON), so the folder and the token cannot run into each other.
const keyOf = (folder: string, token: string) => `${folder}\u0000${token}`;

/**
 * Pages of a listing asked for from the server before the window asks for
 * them. Each page's successor is requested as soon as the server's answer
 * names it (before the page is parsed, let alone sent to the window), so the
 * server lists page N+1 while Pail parses page N and the window shows page
 * N-1: a big folder lists faster than paging it with the SDK alone, where each
 * page waits for the one before it to be parsed. One page ahead of the pages
 * requests wait for, never more: a window that stops asking stops the reading.
 * At most `limit` pages wait unclaimed at once, each for `ttlMs` at most (a
 * window that went elsewhere never asks for its page): memory stays bounded,
 * and no request outlives its listing by more than that. A listing that starts
 * again forgets its folder's waiting pages, so it never shows a page read
 * before it started (a refresh after a delete must not show the deleted).
 */
export class PageReadAhead<Page> {
  private readonly waiting = new Map<string, Ahead<Page>>();

  constructor(
    /** The token of the page after a page (undefined on the last). */
    private readonly nextTokenOf: (page: Page) => string | undefined,
    private readonly limit = 4,
    private readonly ttlMs = 5_000,
  ) {}

  /**
   * The page of `folder`'s listing after `token` (the first page when
   * undefined): the one read ahead when there is one, else fetched now.
   * `signal` (the request's own) cancels it. A page read ahead that failed is
   * fetched again here, so the caller sees its own error.
   */
  async page(folder: string, token: string | undefined, fetch: PageFetch<Page>, signal?: AbortSignal): Promise<Page> {
    if (token === undefined) this.forget(folder);
    const ahead = token === undefined ? undefined : this.take(folder, token);
    let page = ahead && (await this.claimed(ahead, signal));
    if (page === undefined) {
      // The request waits for this page itself: its successor is asked for as soon as it is named.
      let early: string | undefined;
      try {
        page = await fetch(token, signal, (next) => {
          early = next;
          this.start(folder, next, fetch);
        });
      } catch (error) {
        if (early !== undefined) this.drop(keyOf(folder, early));
        throw error;
      }
      this.checkEarly(folder, early, page);
    }
    const next = this.nextTokenOf(page);
    if (next) this.start(folder, next, ahead?.fetch ?? fetch);
    return page;
  }

  /** Drops every page waiting for a listing of `folder` (it starts again from its first page). */
  forget(folder: string): void {
    for (const key of [...this.waiting.keys()]) if (key.startsWith(keyOf(folder, ''))) this.drop(key);
  }

  /** Starts fetching the page a later request will name by `folder` and `token`; the oldest waiting page is dropped past the limit. */
  private start(folder: string, token: string, fetch: PageFetch<Page>): void {
    const key = keyOf(folder, token);
    if (this.waiting.has(key)) return;
    if (this.waiting.size >= this.limit) this.drop(this.waiting.keys().next().value!);
    const controller = new AbortController();
    const timer = setTimeout(() => this.drop(key), this.ttlMs);
    timer.unref?.();
    const ahead = { controller, timer, claimed: false, fetch } as Ahead<Page>;
    ahead.page = fetch(token, controller.signal, (next) => {
      ahead.early = next;
      if (ahead.claimed) this.start(folder, next, fetch);
    });
    // Nobody may ever claim it: its failure is the claimer's to see, never an unhandled rejection.
    ahead.page.then(
      (page) => this.checkEarly(folder, ahead.early, page),
      () => ahead.early !== undefined && ahead.claimed && this.drop(keyOf(folder, ahead.early)),
    );
    this.waiting.set(key, ahead);
  }

  /** The page read ahead under `token`, if any (then forgotten): a request now waits for it. */
  private take(folder: string, token: string): Ahead<Page> | undefined {
    const key = keyOf(folder, token);
    const ahead = this.waiting.get(key);
    if (!ahead) return undefined;
    this.waiting.delete(key);
    clearTimeout(ahead.timer);
    ahead.claimed = true;
    // Its answer may have named the next page already: that one is asked for now.
    if (ahead.early !== undefined) this.start(folder, ahead.early, ahead.fetch);
    return ahead;
  }

  /** A page taken from the read-ahead, once in; `signal` cancels it. Undefined when it failed. */
  private async claimed(ahead: Ahead<Page>, signal?: AbortSignal): Promise<Page | undefined> {
    const cancel = () => ahead.controller.abort();
    if (signal?.aborted) cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      return await ahead.page;
    } catch {
      return undefined;
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  }

  /** A next page asked for on a token the parsed page does not hold is dropped: no request names it. */
  private checkEarly(folder: string, early: string | undefined, page: Page): void {
    if (early !== undefined && early !== this.nextTokenOf(page)) this.drop(keyOf(folder, early));
  }

  private drop(key: string): void {
    const ahead = this.waiting.get(key);
    if (!ahead) return;
    this.waiting.delete(key);
    clearTimeout(ahead.timer);
    ahead.controller.abort();
  }
}
