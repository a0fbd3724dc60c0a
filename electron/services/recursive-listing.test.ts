import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { listAllObjects } from './s3-keys';

/** What the fake server was asked: each listing request's continuation token or start-after key, and whether it was cancelled. */
interface Asked {
  token?: string;
  after?: string;
  cancelled: boolean;
}

/**
 * A client whose server lists `keys` two a page; `tokens` makes each page's next token from the last key on
 * it (a repeated or missing token is what a broken server sends); `ignoreAfter` answers start-after as if absent. Records every request.
 */
function fakeServer(keys: string[], tokens: (lastKey: string, asked: Asked) => string | undefined, { ignoreAfter = false } = {}) {
  const asked: Asked[] = [];
  const client = new S3Client({
    endpoint: 'http://127.0.0.1:9',
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: { query?: Record<string, string> }, options?: { abortSignal?: AbortSignal }) => {
        const query = request.query ?? {};
        const entry: Asked = { token: query['continuation-token'], after: query['start-after'], cancelled: false };
        asked.push(entry);
        options?.abortSignal?.addEventListener('abort', () => (entry.cancelled = true));
        const from =
          entry.after !== undefined && !ignoreAfter ? keys.findIndex((k) => k > entry.after!) : entry.token !== undefined ? keys.indexOf(entry.token) + 1 : 0;
        const page = from === -1 ? [] : keys.slice(from, from + 2);
        const truncated = from !== -1 && from + 2 < keys.length;
        const next = truncated ? tokens(page[page.length - 1], entry) : undefined;
        const xml =
          `<ListBucketResult><IsTruncated>${truncated}</IsTruncated>` +
          page.map((k) => `<Contents><Key>${encodeURIComponent(k)}</Key><Size>1</Size></Contents>`).join('') +
          `${next === undefined ? '' : `<NextContinuationToken>${next}</NextContinuationToken>`}<EncodingType>url</EncodingType></ListBucketResult>`;
        return { response: { statusCode: 200, headers: {}, body: new TextEncoder().encode(xml) } };
      },
    },
  });
  return { client, asked };
}

async function keysOf(pages: AsyncGenerator<{ key: string }[]>): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of pages) keys.push(...page.map((o) => o.key));
  return keys;
}

const KEYS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

describe('listing every object under a prefix', () => {
  it('asks for the next page while the caller works on the one it has', async () => {
    const { client, asked } = fakeServer(KEYS, (last) => last);
    const pages = listAllObjects(client, 'bucket', '');
    expect((await pages.next()).value).toEqual([
      { key: 'a', size: 1 },
      { key: 'b', size: 1 },
    ]);
    // The caller has page 1 only; page 2 was asked for when page 1's answer named it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked.map((a) => a.token)).toEqual([undefined, 'b']);
    expect(await keysOf(pages)).toEqual(['c', 'd', 'e', 'f', 'g']);
    expect(asked.map((a) => a.token)).toEqual([undefined, 'b', 'd', 'f']);
  });

  it('goes on after the last key when a server repeats its token or gives none, and stops in words when it answers the same page forever', async () => {
    const repeats = fakeServer(KEYS, (last, a) => (last === 'd' ? a.token : last));
    expect(await keysOf(listAllObjects(repeats.client, 'bucket', ''))).toEqual(KEYS);
    expect(repeats.asked.some((a) => a.after === 'd')).toBe(true);

    const none = fakeServer(KEYS, () => undefined);
    expect(await keysOf(listAllObjects(none.client, 'bucket', ''))).toEqual(KEYS);

    // A server that ignores start-after as well: the same first page whatever is asked.
    const stuck = fakeServer(['a', 'b', 'c'], () => 'same', { ignoreAfter: true });
    await expect(keysOf(listAllObjects(stuck.client, 'bucket', 'p/', undefined, 'http://s3.example'))).rejects.toMatchObject({
      code: 'S3Error',
      message: 'The server at http://s3.example kept answering the same page while listing bucket/p/: the listing stopped there.',
    });
  });

  it('leaves no request behind when the caller stops early', async () => {
    const { client, asked } = fakeServer(KEYS, (last) => last);
    for await (const page of listAllObjects(client, 'bucket', '')) {
      expect(page).toHaveLength(2);
      await new Promise((resolve) => setTimeout(resolve, 20));
      break;
    }
    expect(asked.map((a) => [a.token, a.cancelled])).toEqual([
      [undefined, false],
      ['b', true],
    ]);
  });
});
