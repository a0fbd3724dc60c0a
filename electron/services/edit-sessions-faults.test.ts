import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { waitUntil } from '../test-support/cli-process';
import { startFaultProxy, type FaultProxy } from '../test-support/fault-proxy';
import { answerLost, holdRequests, truncateBody } from '../test-support/fault-rules';
import { addGatewayProfile, bodyOf, freshServices, gateway, rawClient, testBuckets } from '../test-support/gateway';
import { EditSessions, type EditSessionEvent } from './edit-sessions';
import { CachedS3ClientProvider } from './s3-client-factory';

const isPut = (req: { method: string }) => req.method === 'PUT';
const isGet = (req: { method: string }) => req.method === 'GET';

/**
 * An object open in an application while the network fails: each test has its own fault proxy, profile (a 5 s
 * response timeout), sessions and events, so they run side by side. A failed save-back is said in its event,
 * the file stays, the folder is still watched, and the next save goes through by the same conflict rule.
 */
describe.concurrent('an object open in an application, saved back through a failing network', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let bucket: string;
  let root: string;
  const buckets = testBuckets();
  const s3 = rawClient();
  const closers: (() => Promise<void>)[] = [];
  let rigs = 0;

  /** Sessions whose requests go through a fault proxy of their own, and the events they sent. */
  async function rig(): Promise<{ http: FaultProxy; profileId: string; sessions: EditSessions; events: EditSessionEvent[]; dir: string }> {
    const dir = await mkdtemp(join(root, 'sessions-'));
    const http = await startFaultProxy({ target: gateway().endpoint });
    const profile = await addGatewayProfile(services, `faulty-${(rigs += 1)}`, 0, { endpoint: http.endpoint, responseTimeoutSeconds: 5 });
    const events: EditSessionEvent[] = [];
    const sessions = new EditSessions(new CachedS3ClientProvider(services.profiles), services.textEdit, dir, (event) => events.push(event), { settleMs: 100 });
    closers.push(
      () => sessions.dispose(),
      () => http.close(),
    );
    return { http, profileId: profile.id, sessions, events, dir };
  }

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    bucket = await buckets.make('edit-open-faults');
    root = await mkdtemp(join(tmpdir(), 'pail-edit-faults-'));
  });
  afterAll(async () => {
    for (const close of closers) await close();
    await rm(root, { recursive: true, force: true });
    await buckets.cleanup();
    await dispose?.();
  });

  it('a server that stops answering: the save fails in words, the file stays, and the next save after it answers again goes up', async () => {
    const { http, profileId, sessions, events } = await rig();
    const key = 'stalled.txt';
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'v1' }));
    const { sessionId, path } = await sessions.open({ profileId, bucket, key });
    http.setRules([holdRequests(isPut)]);
    const started = Date.now();
    await writeFile(path, 'v2 while the server is silent');
    await waitUntil(() => events.length > 0, 'the failed save', 20_000);
    expect((Date.now() - started) / 1000).toBeLessThan(17);
    expect(events).toEqual([
      {
        kind: 'failed',
        sessionId,
        key,
        error: expect.objectContaining({
          code: 'Timeout',
          message: expect.stringMatching(/ is not answering: nothing came back for 5 s \(saving stalled\.txt\)\.$/),
          hint: expect.stringMatching(/Your edits are kept: save again to retry\.$/),
        }),
      },
    ]);
    expect(await readFile(path, 'utf8')).toBe('v2 while the server is silent');
    expect(sessions.list()).toEqual([{ sessionId, key, path }]);
    expect(await bodyOf(bucket, key)).toBe('v1');

    http.setRules([]);
    await writeFile(path, 'v3 once it answers');
    await waitUntil(() => events.some((e) => e.kind === 'saved'), 'the save after the fault', 10_000);
    expect(events.map((e) => e.kind)).toEqual(['failed', 'saved']);
    expect(await bodyOf(bucket, key)).toBe('v3 once it answers');
  }, 40_000);

  it('a save that reached the server but whose answer was lost is no conflict for the next save; a change by someone else still is', async () => {
    const { http, profileId, sessions, events } = await rig();
    const key = 'lost.txt';
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'v1' }));
    const { sessionId, path } = await sessions.open({ profileId, bucket, key });
    // The server stores each try; the connection is cut before its answer.
    http.setRules([answerLost(isPut, 'reset')]);
    await writeFile(path, 'v2 stored unheard');
    await waitUntil(() => events.length > 0, 'the failed save', 20_000);
    expect(events[0]).toMatchObject({ kind: 'failed', error: { code: 'EndpointUnreachable', message: expect.stringContaining('cut off') } });
    expect(await bodyOf(bucket, key)).toBe('v2 stored unheard');

    http.setRules([]);
    await writeFile(path, 'v3 after the fault');
    await waitUntil(() => events.length > 1, 'the next save', 10_000);
    expect(events[1]).toMatchObject({ kind: 'saved', sessionId, key });
    expect(await bodyOf(bucket, key)).toBe('v3 after the fault');

    // A failed try, then someone else's save: the next save is a conflict, never a silent overwrite.
    http.setRules([answerLost(isPut, 'reset')]);
    await writeFile(path, 'v4 stored unheard');
    await waitUntil(() => events.length > 2, 'the second failed save', 20_000);
    expect(events[2]).toMatchObject({ kind: 'failed' });
    http.setRules([]);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'theirs' }));
    await writeFile(path, 'v5 mine');
    await waitUntil(() => events.length > 3, 'the conflict', 10_000);
    expect(events[3]).toMatchObject({ kind: 'conflict', error: { code: 'EditConflict' } });
    expect(await bodyOf(bucket, key)).toBe('theirs');
    expect(await readFile(path, 'utf8')).toBe('v5 mine');
  }, 40_000);

  it('opens nothing from a body cut short: no file, no folder, no session', async () => {
    const { http, profileId, sessions, dir } = await rig();
    const key = 'cut.bin';
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.alloc(300 * 1024, 0x61) }));
    for (const end of ['close', 'reset'] as const) {
      http.setRules([truncateBody(isGet, 100 * 1024, end)]);
      await expect(sessions.open({ profileId, bucket, key })).rejects.toMatchObject({
        code: 'EndpointUnreachable',
        message: expect.stringMatching(/was cut off before the request was done \(ECONNRESET\) \(opening cut\.bin\)\.$/),
      });
    }
    expect(sessions.list()).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });
});
