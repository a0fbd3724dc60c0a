import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBucket, rawClient } from '../../../test-support/gateway';
import { suggestedName } from './import-task';
import { openUploads, sha256Of, transferFixture } from '../test-kit';

const MiB = 1024 * 1024;
const json = randomBytes(300 * 1024).toString('base64');
const streamed = randomBytes(12 * MiB + 5);
const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** A local server with the answers an import meets: sized, chunked, named, redirected, missing, too big. */
function startSource(): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/data.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
      res.end(json);
    } else if (path === '/stream') {
      // No Content-Length: Node sends it chunked, in pieces.
      res.writeHead(200, { 'content-type': 'application/x-custom' });
      let at = 0;
      const step = () => {
        if (at >= streamed.length) {
          res.end();
          return;
        }
        res.write(streamed.subarray(at, (at += 256 * 1024)));
        setImmediate(step);
      };
      step();
    } else if (path === '/download?id=7') {
      res.writeHead(200, { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="report 2024.csv"', 'content-length': 5 });
      res.end('a,b\n\n');
    } else if (path === '/moved') {
      res.writeHead(302, { location: '/data.json' });
      res.end();
    } else if (path === '/silent') {
      // Accepts the request and never answers.
    } else if (path === '/stalls.bin' || path === '/stalls-sized.bin') {
      // Headers and 1 MiB, then nothing more on an open connection.
      res.writeHead(200, path === '/stalls-sized.bin' ? { 'content-length': String(4 * MiB) } : {});
      res.write(Buffer.alloc(MiB));
    } else if (path === '/huge.iso') {
      res.writeHead(200, { 'content-length': String(10 * 1024 * MiB) });
      res.write('x');
    } else {
      res.writeHead(404);
      res.end('not here');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe('import from a URL', () => {
  const s3 = rawClient();
  let bucket: { name: string; cleanup: () => Promise<void> };
  let source: { server: Server; base: string };
  let fx: Awaited<ReturnType<typeof transferFixture>>;

  beforeAll(async () => {
    bucket = await createTestBucket('import');
    source = await startSource();
    fx = await transferFixture({ tuning: { importMaxBytes: 64 * MiB, importDeadlines: { connectMs: 2_000, firstByteMs: 1_000, stallMs: 500 } } });
  });
  afterAll(async () => {
    await fx?.dispose();
    source?.server.closeAllConnections();
    source?.server.close();
    await bucket?.cleanup();
  });

  const run = async (path: string, extra: { name?: string } = {}) => {
    const started = await fx.engine.importUrl({
      profileId: fx.profileId,
      bucket: bucket.name,
      prefix: 'in/',
      url: source.base + path,
      conflict: 'overwrite',
      ...extra,
    });
    await fx.engine.settled(started.batchId);
    return fx.engine.list().transfers.find((t) => t.batchId === started.batchId)!;
  };
  const object = async (key: string) => {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket.name, Key: key }));
    return { type: out.ContentType, etag: out.ETag, sha: await sha256Of(out.Body as Readable) };
  };

  it('streams a sized answer into one object with its Content-Type, following redirects', async () => {
    const done = await run('/moved');
    expect(done).toMatchObject({ state: 'done', key: 'in/data.json', bytes: Buffer.byteLength(json), total: Buffer.byteLength(json) });
    expect(await object('in/data.json')).toMatchObject({ type: 'application/json', sha: sha(json) });
  });

  it('uploads an answer without Content-Length as a multipart upload of the stream', async () => {
    const done = await run('/stream', { name: 'stream.bin' });
    expect(done).toMatchObject({ state: 'done', key: 'in/stream.bin', bytes: streamed.length, parts: { done: 3, total: 3 } });
    const got = await object('in/stream.bin');
    expect(got).toMatchObject({ type: 'application/x-custom', sha: sha(streamed) });
    expect(got.etag).toMatch(/-3"$/);
    expect(await openUploads(s3, bucket.name)).toEqual([]);
  });

  it("names the object after the server's Content-Disposition", async () => {
    const done = await run('/download?id=7');
    expect(done.key).toBe('in/report 2024.csv');
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'in/report 2024.csv' }))).ContentType).toBe('text/csv');
  });

  it('refuses what is too large and reports a missing source, leaving nothing behind', async () => {
    expect(await run('/huge.iso')).toMatchObject({ state: 'failed', error: { serverCode: 'TooLarge' } });
    expect(await run('/nope.txt')).toMatchObject({ state: 'failed', error: { serverCode: 'SourceUnavailable', message: expect.stringContaining('HTTP 404') } });
    await expect(s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'in/huge.iso' }))).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('says which server could not be reached when the URL leads nowhere', async () => {
    const closed = await startSource();
    const url = `${closed.base}/gone.csv`;
    await new Promise((resolve) => closed.server.close(resolve));
    const started = await fx.engine.importUrl({ profileId: fx.profileId, bucket: bucket.name, prefix: 'in/', url, conflict: 'overwrite' });
    await fx.engine.settled(started.batchId);
    const failed = fx.engine.list().transfers.find((t) => t.batchId === started.batchId)!;
    expect(failed).toMatchObject({
      state: 'failed',
      error: { serverCode: 'SourceUnavailable', message: expect.stringContaining(`Could not read ${url}: connect ECONNREFUSED`) },
    });
    expect(failed.error?.hint).toContain(new URL(url).host);
  });

  it('fails an import whose server accepts and never answers, saying so, within its deadline', async () => {
    const started = Date.now();
    const failed = await run('/silent', { name: 'silent.bin' });
    expect(failed).toMatchObject({
      state: 'failed',
      error: { code: 'Timeout', message: `${new URL(source.base).host} is not answering: no answer within 1 s of the request.` },
    });
    expect(failed.retries).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'in/silent.bin' }))).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('fails an import whose source stalls mid-body, sized or not, leaving nothing behind', async () => {
    for (const path of ['/stalls.bin', '/stalls-sized.bin']) {
      const failed = await run(path);
      expect(failed).toMatchObject({
        state: 'failed',
        error: { code: 'Timeout', message: `${new URL(source.base).host} is not answering: no data for 0.5 s.` },
      });
      await expect(s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: `in${path}` }))).rejects.toMatchObject({ name: 'NotFound' });
    }
    expect(await openUploads(s3, bucket.name)).toEqual([]);
  });

  it('suggests safe names', () => {
    expect(suggestedName('https://x.test/a/b/photo%20one.jpg?x=1', null)).toBe('photo one.jpg');
    expect(suggestedName('https://x.test/', 'attachment; filename="../../etc/passwd"')).toBe('.._.._etc_passwd');
    expect(suggestedName('https://x.test/dl', "attachment; filename*=UTF-8''%C3%BCber.txt")).toBe('über.txt');
    expect(suggestedName('https://x.test/', null)).toBe('download');
  });
});
