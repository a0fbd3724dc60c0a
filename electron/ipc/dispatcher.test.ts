import { describe, expect, it, vi } from 'vitest';
import { PailError } from '../../shared/errors';
import { REQUEST_CHANNELS } from '../../shared/ipc/channels';
import { createDispatcher, type Handlers } from './dispatcher';

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = async () => {
    throw new Error('not called in this test');
  };
  return {
    ...Object.fromEntries(REQUEST_CHANNELS.map((channel) => [channel, unused])),
    'profiles:list': async () => [],
    ...overrides,
  } as Handlers;
}

const web = { transport: 'web' as const, origin: 'http://127.0.0.1:1' };

describe('dispatcher', () => {
  it('refuses senders it does not trust before looking at the request', async () => {
    const list = vi.fn(async () => []);
    const dispatch = createDispatcher(handlers({ 'profiles:list': list }), () => false);
    const result = await dispatch('profiles:list', {}, web);
    expect(result).toMatchObject({ ok: false, error: { code: 'UntrustedSender' } });
    expect(list).not.toHaveBeenCalled();
  });

  it('refuses unknown channels', async () => {
    const result = await createDispatcher(handlers(), () => true)('fs:readFile', {}, web);
    expect(result).toMatchObject({ ok: false, error: { code: 'UnknownChannel' } });
  });

  it('validates every request with its schema and names the field', async () => {
    const listObjects = vi.fn();
    const dispatch = createDispatcher(handlers({ 's3:listObjects': listObjects }), () => true);
    const result = await dispatch('s3:listObjects', { profileId: '../../etc', bucket: 'a/b' }, web);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('InvalidRequest');
      expect(result.error.message).toMatch(/profileId/);
      expect(result.error.message).toMatch(/bucket/);
    }
    expect(listObjects).not.toHaveBeenCalled();
  });

  it('passes the parsed request (with defaults) to the handler', async () => {
    const listObjects = vi.fn(async (req: { prefix: string }) => ({ bucket: 'b', prefix: req.prefix, folders: [], objects: [] }));
    const dispatch = createDispatcher(handlers({ 's3:listObjects': listObjects as never }), () => true);
    const result = await dispatch('s3:listObjects', { profileId: 'p1', bucket: 'b' }, web);
    expect(result).toEqual({ ok: true, data: { bucket: 'b', prefix: '', folders: [], objects: [] } });
  });

  it('returns thrown errors as values, and unexpected ones as Internal', async () => {
    const log = vi.fn();
    const dispatch = createDispatcher(
      handlers({
        's3:listBuckets': async () => {
          throw new PailError({ code: 'AccessDenied', message: 'no', hint: 'ask' });
        },
        'app:info': async () => {
          throw new TypeError('boom');
        },
      }),
      () => true,
      log,
    );
    expect(await dispatch('s3:listBuckets', { profileId: 'p1' }, web)).toEqual({
      ok: false,
      error: { code: 'AccessDenied', message: 'no', hint: 'ask' },
    });
    const internal = await dispatch('app:info', {}, web);
    expect(internal).toMatchObject({ ok: false, error: { code: 'Internal' } });
    expect(log).toHaveBeenCalledTimes(2);
  });
});
