import { describe, expect, it } from 'vitest';
import { stateCounts, type BatchSnapshot, type TransferSnapshot, type TransferState, type TransferTotals } from '../../shared/transfers';
import { countInState, emptyTransferData, firstConflict, mergeProgress, unfinishedTotal } from './transfer-data';

const totals: TransferTotals = { active: 1, queued: 0, bytes: 1, total: 2, rate: 3 };

const counts = stateCounts;

const batch = (id: string, createdAt: string, patch: Partial<BatchSnapshot> = {}): BatchSnapshot => ({
  id,
  direction: 'upload',
  title: `batch ${id}`,
  profileId: 'p',
  bucket: 'b',
  conflictPolicy: 'ask',
  counts: counts(),
  files: 1,
  bytes: 0,
  total: 0,
  rate: 0,
  finished: false,
  createdAt,
  ...patch,
});

const transfer = (id: string, batchId: string, state: TransferState = 'queued'): TransferSnapshot => ({
  id,
  batchId,
  direction: 'upload',
  state,
  profileId: 'p',
  bucket: 'b',
  key: id,
  name: id,
  bytes: 0,
  rate: 0,
  retries: 0,
  resumable: false,
});

describe('mergeProgress', () => {
  it('adds batches newest first and transfers in arrival order', () => {
    let data = mergeProgress(emptyTransferData, {
      transfers: [transfer('t1', 'b1'), transfer('t2', 'b1')],
      batches: [batch('b1', '2025-01-01T00:00:00Z')],
      removed: [],
      totals,
    });
    data = mergeProgress(data, { transfers: [transfer('t3', 'b2')], batches: [batch('b2', '2025-01-02T00:00:00Z')], removed: [], totals });
    expect(data.batchOrder).toEqual(['b2', 'b1']);
    expect(data.batchTransfers).toEqual({ b1: ['t1', 't2'], b2: ['t3'] });
    expect(data.totals).toBe(totals);
  });

  it('replaces only what changed, so unchanged transfers keep their objects', () => {
    const start = mergeProgress(emptyTransferData, { transfers: [transfer('t1', 'b1'), transfer('t2', 'b1')], batches: [batch('b1', 'x')], removed: [] });
    const next = mergeProgress(start, { transfers: [transfer('t2', 'b1', 'running')], batches: [], removed: [] });
    expect(next.transfers.t1).toBe(start.transfers.t1);
    expect(next.transfers.t2.state).toBe('running');
    expect(next.batchTransfers.b1).toBe(start.batchTransfers.b1);
    expect(next.batchOrder).toBe(start.batchOrder);
  });

  it('removes cleared transfers and batches', () => {
    const start = mergeProgress(emptyTransferData, {
      transfers: [transfer('t1', 'b1', 'done'), transfer('t2', 'b1'), transfer('t3', 'b2', 'done')],
      batches: [batch('b1', '1'), batch('b2', '2')],
      removed: [],
    });
    const next = mergeProgress(start, { transfers: [], batches: [], removed: ['t1', 't3', 'b2'] });
    expect(Object.keys(next.transfers)).toEqual(['t2']);
    expect(next.batchTransfers).toEqual({ b1: ['t2'] });
    expect(next.batchOrder).toEqual(['b1']);
  });
});

describe('transfer selectors', () => {
  const data = mergeProgress(emptyTransferData, {
    transfers: [transfer('a', 'old', 'done'), transfer('b', 'old', 'conflict'), transfer('c', 'new', 'conflict')],
    batches: [batch('old', '1', { counts: counts({ done: 1, conflict: 1, paused: 2 }) }), batch('new', '2', { counts: counts({ conflict: 1, running: 3 }) })],
    removed: [],
  });

  it('count what is unfinished and what is in a state', () => {
    expect(unfinishedTotal(data.batches)).toBe(7);
    expect(countInState(data.batches, 'paused')).toBe(2);
  });

  it('ask about the oldest batch first, skipping conflicts put off', () => {
    expect(firstConflict(data)?.id).toBe('b');
    expect(firstConflict(data, new Set(['b']))?.id).toBe('c');
    expect(firstConflict(data, new Set(['b']), new Set(['c']))).toBeUndefined();
  });
});
