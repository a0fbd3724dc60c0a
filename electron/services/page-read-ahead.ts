/**
 * The next page of a listing, asked for from the server as soon as the page
 * before it is answered, so that while that page travels to the window and
 * is shown, the next is already on its way: listing a big folder then takes
 * about as long as paging it with the SDK alone, not that plus a round trip
 * through the window for every page. At most `limit` pages wait at once, each
 * for `ttlMs` at most (a window that went elsewhere never asks for its page):
 * memory stays bounded, and no request outlives its listing by more than that.
 * Pages are named by their listing (`folder`) and token; a listing that
 * starts again forgets its folder's waiting pages, so it never shows a page
 * read before it started (a refresh after a delete must not show the deleted).
 */
// A folder's name never holds a NUL (it is JSON), so the folder and the token cannot run into each other.
const keyOf = (folder: string, token: string) => `${folder}\u0000${token}`;

export class PageReadAhead<Page> {
  private readonly waiting = new Map<string, { page: Promise<Page>; controller: AbortController; timer: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly limit = 4,
    private readonly ttlMs = 5_000,
  ) {}

  /** Starts fetching the page a later request will name by `folder` and `token`; the oldest waiting page is dropped past the limit. */
  start(folder: string, token: string, fetch: (signal: AbortSignal) => Promise<Page>): void {
    const key = keyOf(folder, token);
    if (this.waiting.has(key)) return;
    if (this.waiting.size >= this.limit) this.drop(this.waiting.keys().next().value!);
    const controller = new AbortController();
    const page = fetch(controller.signal);
    // Nobody may ever claim it: its failure is the claimer's to see, never an unhandled rejection.
    page.catch(() => undefined);
    const timer = setTimeout(() => this.drop(key), this.ttlMs);
    timer.unref?.();
    this.waiting.set(key, { page, controller, timer });
  }

  /**
   * The page fetched ahead under `key`, if any (then forgotten); `signal`
   * (the request's own) cancels it. Undefined when there is none, or when it
   * failed: the caller then asks the server itself and sees its own error.
   */
  async claim(folder: string, token: string, signal?: AbortSignal): Promise<Page | undefined> {
    const key = keyOf(folder, token);
    const ahead = this.waiting.get(key);
    if (!ahead) return undefined;
    this.waiting.delete(key);
    clearTimeout(ahead.timer);
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

  /** Drops every page waiting for a listing of `folder` (it starts again from its first page). */
  forget(folder: string): void {
    for (const key of [...this.waiting.keys()]) if (key.startsWith(keyOf(folder, ''))) this.drop(key);
  }

  private drop(key: string): void {
    const ahead = this.waiting.get(key);
    if (!ahead) return;
    this.waiting.delete(key);
    clearTimeout(ahead.timer);
    ahead.controller.abort();
  }
}
