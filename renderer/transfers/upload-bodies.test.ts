import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BodyWanted } from '../../shared/transfers';
import { assignBatch, bodyWanted, forgetBatches, forgetTickets, keepBodies, keptBodyCount, newTicket, setBodySender } from './upload-bodies';

const blob = (text: string) => new Blob([text]);

afterEach(() => {
  forgetTickets(['t1', 't2', 'a', 'b', 't']);
  setBodySender(undefined);
});

describe('upload bodies', () => {
  it('send the kept file whenever the engine asks, from the offset it asks (even before the batch is known)', () => {
    const send = vi.fn<(wanted: BodyWanted, body: Blob) => Promise<void>>(() => Promise.resolve());
    setBodySender(send);
    const one = blob('one');
    keepBodies([
      { ticket: 't1', body: one },
      { ticket: 't2', body: blob('two') },
    ]);
    bodyWanted({ ticket: 't1', offset: 0 });
    assignBatch(['t1', 't2'], 'b1');
    bodyWanted({ ticket: 't1', offset: 5 });
    expect(send.mock.calls).toEqual([
      [{ ticket: 't1', offset: 0 }, one],
      [{ ticket: 't1', offset: 5 }, one],
    ]);
  });

  it('ignore an unknown ticket', () => {
    const send = vi.fn(() => Promise.resolve());
    setBodySender(send);
    bodyWanted({ ticket: 'never', offset: 0 });
    expect(send).not.toHaveBeenCalled();
  });

  it('let go of the files of cleared batches and of failed requests', () => {
    keepBodies([
      { ticket: 'a', body: blob('a') },
      { ticket: 'b', body: blob('b') },
      { ticket: 't', body: blob('t') },
    ]);
    assignBatch(['a'], 'b1');
    assignBatch(['b'], 'b2');
    forgetBatches(['b1']);
    forgetTickets(['t']);
    expect(keptBodyCount()).toBe(1);
  });

  it('swallow a failed send (the server reports the transfer failed)', async () => {
    setBodySender(() => Promise.reject(new Error('HTTP 500')));
    keepBodies([{ ticket: 't', body: blob('t') }]);
    expect(() => bodyWanted({ ticket: 't', offset: 0 })).not.toThrow();
    await Promise.resolve();
  });

  it('make tickets the contract accepts (UUIDs)', () => {
    expect(newTicket()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
