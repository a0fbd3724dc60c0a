import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failWhenSilent, sourceLost } from './once-source';

describe('a page body that goes silent', () => {
  let server: Server;
  let port: number;
  /** What the server-side consumer does with each request. */
  let consume: (req: IncomingMessage) => Promise<string>;
  const outcomes: Promise<string>[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const outcome = consume(req);
      outcomes.push(outcome);
      void outcome.then(
        () => res.end('ok'),
        () => res.destroy(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const post = (declared: number) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'Content-Length': String(declared) } });
    req.on('error', () => undefined);
    return req;
  };
  const readAll = async (req: IncomingMessage) => {
    let total = 0;
    for await (const chunk of req) total += (chunk as Buffer).length;
    return `read ${total}`;
  };

  it('is failed after the stall time when nothing arrives while Pail waits for more', async () => {
    consume = (req) => {
      failWhenSilent(req, 300, () => new Error('the page is not answering'));
      return readAll(req);
    };
    const client = post(100_000);
    client.write(Buffer.alloc(10_000));
    const started = Date.now();
    await expect.poll(() => outcomes.length).toBe(1);
    await expect(outcomes[0]).rejects.toThrow('the page is not answering');
    expect(Date.now() - started).toBeLessThan(2_000);
    client.destroy();
  });

  it('is not failed while Pail itself holds the body back (its buffer full), and reads to the end after', async () => {
    consume = async (req) => {
      const stop = failWhenSilent(req, 300, () => new Error('wrongly taken for silent'));
      // Pail is busy elsewhere for longer than the stall time: the page waits on it.
      await sleep(1_000);
      try {
        return await readAll(req);
      } finally {
        stop();
      }
    };
    const client = post(4 * 1024 * 1024);
    client.end(Buffer.alloc(4 * 1024 * 1024));
    await expect.poll(() => outcomes.length).toBe(2);
    expect(await outcomes[1]).toBe(`read ${4 * 1024 * 1024}`);
  });

  it('words a cut connection as the sender stopping, and lets a Pail error through as it is', () => {
    const source = { stream: null as never, from: 'the page', retryHint: 'Upload it again.' };
    const cut = sourceLost(source, 'a/b.bin', Object.assign(new Error('aborted'), { code: 'ECONNRESET' }), 10, 100);
    expect(cut).toMatchObject({
      code: 'EndpointUnreachable',
      serverCode: 'SourceUnavailable',
      message: 'a/b.bin: the page stopped sending after 10 of 100 bytes (the connection closed). Nothing was stored.',
      hint: 'Upload it again.',
    });
    expect(sourceLost(source, 'k', cut, 1)).toBe(cut);
  });
});
