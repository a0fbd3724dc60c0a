import { describe, expect, it } from 'vitest';
import { postJson, type FetchLike } from './staged-request';

/** A fetch that records what the page sends and answers 204 to pieces, 200 to the request. */
function recorder() {
  const sent: { path: string; headers: Record<string, string>; body?: Uint8Array }[] = [];
  const fetchImpl: FetchLike = async (path, init) => {
    sent.push({ path, headers: init.headers as Record<string, string>, ...(init.body !== undefined && { body: init.body as Uint8Array }) });
    return new Response(path.startsWith('/stage/') ? null : '{"ok":true,"data":1}', { status: path.startsWith('/stage/') ? 204 : 200 });
  };
  return { sent, fetchImpl };
}

describe('big API requests from the page', () => {
  it('sends a request that fits as it is', async () => {
    const { sent, fetchImpl } = recorder();
    await postJson(fetchImpl, '/api/s3:deleteEntries', '{"keys":["a"]}', { 'X-Pail-Token': 't' }, 100);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ path: '/api/s3:deleteEntries', headers: { 'Content-Type': 'application/json', 'X-Pail-Token': 't' } });
  });

  it('sends a bigger one in pieces within the limit, then the request naming them, cutting even inside a character', async () => {
    const { sent, fetchImpl } = recorder();
    const json = JSON.stringify({ keys: Array.from({ length: 50 }, (_, i) => `ü-${i}-${'k'.repeat(30)}`) });
    const answer = await postJson(fetchImpl, '/api/s3:deleteEntries', json, { 'X-Pail-Token': 't' }, 101);
    expect(await answer.json()).toEqual({ ok: true, data: 1 });
    const pieces = sent.slice(0, -1);
    const id = pieces[0].path.slice('/stage/'.length);
    expect(pieces.every((p) => p.path === `/stage/${id}` && p.body!.length <= 101 && p.headers['X-Pail-Token'] === 't')).toBe(true);
    const joined = Buffer.concat(pieces.map((p) => p.body!));
    expect(joined.toString('utf8')).toBe(json);
    expect(sent.at(-1)).toMatchObject({ path: '/api/s3:deleteEntries', headers: { 'X-Pail-Staged': id, 'X-Pail-Token': 't' } });
    expect(sent.at(-1)!.body).toBeUndefined();
  });

  it('stops at the first piece refused and returns its answer', async () => {
    let calls = 0;
    const answer = await postJson(async () => (calls++, new Response('too much', { status: 413 })), '/api/x', 'x'.repeat(500), {}, 100);
    expect(answer.status).toBe(413);
    expect(calls).toBe(1);
  });
});
