import { describe, expect, it } from 'vitest';
import type { Result } from '../shared/errors';
import type { PailApi } from '../shared/ipc/api';
import { buildPailApi } from '../shared/ipc/build-api';
import type { RequestChannel } from '../shared/ipc/channels';
import { selectOldestPending, slowRequests, type PendingRequest } from './stores/requests';
import { createTrackedApi } from './tracked-api';

/** A bridge whose answers the test gives by hand, recording what was sent and cancelled. */
function scriptedBridge() {
  const sent: { channel: RequestChannel; request: unknown; requestId?: string; answer: (result: Result<unknown>) => void }[] = [];
  const bridge: PailApi = buildPailApi({
    transport: 'web',
    invoke: (channel, request, requestId) =>
      channel === 'app:cancel'
        ? Promise.resolve({ ok: true, data: { cancelled: true } })
        : new Promise((resolve) => sent.push({ channel, request, ...(requestId && { requestId }), answer: resolve })),
    subscribe: () => () => undefined,
  });
  const cancelled: string[] = [];
  const originalCancel = bridge.app.cancel;
  bridge.app.cancel = (request, options) => {
    cancelled.push(request.requestId);
    return originalCancel(request, options);
  };
  return { bridge, sent, cancelled };
}

function pendingList() {
  let pending: PendingRequest[] = [];
  return {
    sink: {
      add: (p: PendingRequest) => (pending = [...pending, p]),
      resent: (key: string, sentAt: number) => (pending = pending.map((p) => (p.key === key ? { ...p, sentAt, tries: p.tries + 1 } : p))),
      remove: (key: string) => (pending = pending.filter((p) => p.key !== key)),
    },
    pending: () => pending,
  };
}

let ids = 0;
const newId = () => `00000000-0000-4000-8000-${String((ids += 1)).padStart(12, '0')}`;
const listing = { profileId: 'p1', bucket: 'photos', prefix: '2024/' };

describe('the tracked API', () => {
  it('lists a request while it waits, with what it does, and forgets it when answered', async () => {
    const { bridge, sent } = scriptedBridge();
    const { sink, pending } = pendingList();
    const { api } = createTrackedApi(bridge, sink, newId, () => 1000);
    const answer = api.s3.listObjects(listing);
    expect(pending()).toEqual([expect.objectContaining({ channel: 's3:listObjects', label: 'Listing photos/2024/', sentAt: 1000, tries: 1 })]);
    expect(sent[0].requestId).toMatch(/^0{8}-/);
    sent[0].answer({ ok: true, data: { bucket: 'photos', prefix: '2024/', folders: [], objects: [] } });
    expect(await answer).toMatchObject({ ok: true });
    expect(pending()).toEqual([]);
  });

  it('cancels: the caller gets Cancelled at once and the main process is told to stop that request', async () => {
    const { bridge, sent, cancelled } = scriptedBridge();
    const { sink, pending } = pendingList();
    const { api, controls } = createTrackedApi(bridge, sink, newId);
    const answer = api.s3.listObjects(listing);
    controls.cancel(pending()[0].key);
    expect(await answer).toMatchObject({ ok: false, error: { code: 'Cancelled' } });
    expect(cancelled).toEqual([sent[0].requestId]);
    expect(pending()).toEqual([]);
    // The late answer of the cancelled try changes nothing.
    sent[0].answer({ ok: true, data: {} });
  });

  it("retries: the try in flight is cancelled, and the caller gets the new try's answer", async () => {
    const { bridge, sent, cancelled } = scriptedBridge();
    const { sink, pending } = pendingList();
    let clock = 1000;
    const { api, controls } = createTrackedApi(bridge, sink, newId, () => clock);
    const answer = api.s3.listBuckets({ profileId: 'p1' });
    clock = 9000;
    controls.retry(pending()[0].key);
    expect(sent).toHaveLength(2);
    expect(cancelled).toEqual([sent[0].requestId]);
    expect(pending()[0]).toMatchObject({ sentAt: 9000, tries: 2 });
    sent[0].answer({ ok: false, error: { code: 'Cancelled', message: 'Cancelled.', hint: '' } });
    sent[1].answer({ ok: true, data: [{ name: 'photos' }] });
    expect(await answer).toEqual({ ok: true, data: [{ name: 'photos' }] });
  });

  it("stops a request when its caller's signal aborts (a pane that went elsewhere)", async () => {
    const { bridge, sent, cancelled } = scriptedBridge();
    const { sink, pending } = pendingList();
    const { api } = createTrackedApi(bridge, sink, newId);
    const controller = new AbortController();
    const answer = api.s3.listObjects(listing, { signal: controller.signal });
    controller.abort();
    expect(await answer).toMatchObject({ ok: false, error: { code: 'Cancelled' } });
    expect(cancelled).toEqual([sent[0].requestId]);
    expect(pending()).toEqual([]);
    expect(await api.s3.listObjects(listing, { signal: controller.signal })).toMatchObject({ ok: false, error: { code: 'Cancelled' } });
    expect(sent).toHaveLength(1);
  });

  it('leaves requests that wait for the user (pickers, menus) or show their own progress out of the list', async () => {
    const { bridge, sent } = scriptedBridge();
    const { sink, pending } = pendingList();
    const { api } = createTrackedApi(bridge, sink, newId);
    void api.app.chooseFolder({});
    void api.connection.test({ profileId: 'p1' });
    expect(pending()).toEqual([]);
    expect(sent.map((s) => s.requestId)).toEqual([undefined, undefined]);
  });

  it('names a listing first among the slow requests, and counts the wait from the oldest', () => {
    const at = (key: string, sentAt: number, channel: RequestChannel = 's3:versioning'): PendingRequest => ({ key, channel, label: key, sentAt, tries: 1 });
    expect(selectOldestPending({ pending: [at('b', 20), at('a', 10), at('c', 30)] })?.key).toBe('a');
    expect(selectOldestPending({ pending: [] })).toBeUndefined();
    const pending = [at('versioning', 1000), at('listing', 1200, 's3:listObjects'), at('fresh', 9000)];
    expect(slowRequests(pending, 10_000, 5_000)).toEqual({ headline: pending[1], keys: ['versioning', 'listing'], waitedMs: 9000 });
    expect(slowRequests(pending, 6_100, 5_000)).toEqual({ headline: pending[0], keys: ['versioning'], waitedMs: 5100 });
    expect(slowRequests(pending, 5_900, 5_000)).toBeUndefined();
  });
});
