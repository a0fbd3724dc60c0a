import { describe, expect, it } from 'vitest';
import { stateCounts, type BatchSnapshot, type TransferSnapshot, type TransferState } from '../../shared/transfers';
import {
  batchActions,
  batchSummary,
  formatDuration,
  formatEta,
  percentOf,
  stateWord,
  totalsSummary,
  transferDetail,
  unlistedText,
  visibleTransfers,
} from './transfer-words';

const MiB = 1024 * 1024;

const transfer = (patch: Partial<TransferSnapshot>): TransferSnapshot => ({
  id: 't',
  batchId: 'b',
  direction: 'upload',
  state: 'running',
  profileId: 'p',
  bucket: 'bk',
  key: 'a.bin',
  name: 'a.bin',
  bytes: 12 * MiB,
  total: 40 * MiB,
  rate: 5.1 * MiB,
  etaSeconds: 6,
  retries: 0,
  resumable: false,
  ...patch,
});

const counts = stateCounts;

describe('transfer words', () => {
  it('name the state by direction while moving', () => {
    expect(stateWord({ state: 'running', direction: 'upload' })).toBe('Uploading');
    expect(stateWord({ state: 'running', direction: 'download' })).toBe('Downloading');
    expect(stateWord({ state: 'paused', direction: 'import' })).toBe('Paused');
    expect(stateWord({ state: 'cancelled', direction: 'upload' })).toBe('Cancelled');
  });

  it('format times left and times taken', () => {
    expect(formatDuration(0.42)).toBe('0.4 s');
    expect(formatDuration(3)).toBe('3 s');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(125)).toBe('2 min 5 s');
    expect(formatEta(7.2)).toBe('8 s left');
    expect(formatEta(125)).toBe('2 min 5 s left');
    expect(formatEta(120)).toBe('2 min left');
    expect(formatEta(3840)).toBe('1 h 4 min left');
  });

  it('give bytes, rate and time left while moving, the size once done', () => {
    expect(transferDetail(transfer({}))).toBe('12 MiB of 40 MiB · 5.1 MiB/s · 6 s left');
    expect(transferDetail(transfer({ state: 'paused', parts: { done: 3, total: 8 } }))).toBe('12 MiB of 40 MiB · 3 of 8 parts done');
    expect(transferDetail(transfer({ state: 'paused', parts: { done: 4, total: 4 } }))).toBe('12 MiB of 40 MiB · 4 parts done');
    expect(transferDetail(transfer({ state: 'done', bytes: 40 * MiB }))).toBe('40 MiB');
    expect(transferDetail(transfer({ state: 'running', total: undefined, etaSeconds: undefined, retries: 2 }))).toBe('12 MiB · 5.1 MiB/s · 2 retries');
  });

  it('say the server is not answering instead of a rate and a time left when nothing moves', () => {
    expect(transferDetail(transfer({ rate: 0, etaSeconds: undefined, silentSeconds: 12 }))).toBe('12 MiB of 40 MiB · the server has not answered for 12 s');
  });

  it('give a share only when the size is known', () => {
    expect(percentOf(5, 10)).toBe(50);
    expect(percentOf(5, undefined)).toBeUndefined();
    expect(percentOf(0, 0)).toBe(0);
    expect(percentOf(20, 10)).toBe(100);
  });

  const batch: BatchSnapshot = {
    id: 'b',
    direction: 'upload',
    title: 'Uploading 12 items to photos/',
    profileId: 'p',
    bucket: 'bk',
    conflictPolicy: 'ask',
    counts: counts({ done: 3, failed: 1, paused: 2, running: 6 }),
    files: 12,
    bytes: MiB,
    total: 4 * MiB,
    rate: MiB,
    etaSeconds: 3,
    finished: false,
    createdAt: '2025-01-01T00:00:00Z',
  };

  it('sum a moving batch up: done, failed and remaining apart', () => {
    expect(batchSummary(batch)).toBe('3 of 12 files done · 1 failed · 8 remaining (2 paused) · 1 MiB of 4 MiB · 1 MiB/s · 3 s left');
    // Only a question left: no rate, no time left.
    expect(batchSummary({ ...batch, counts: counts({ done: 11, conflict: 1 }) })).toBe(
      '11 of 12 files done · 1 remaining (1 waiting for an answer) · 1 MiB of 4 MiB',
    );
    expect(batchSummary({ ...batch, rate: 0, etaSeconds: undefined, silentSeconds: 31 })).toBe(
      '3 of 12 files done · 1 failed · 8 remaining (2 paused) · 1 MiB of 4 MiB · the server has not answered for 31 s',
    );
  });

  it('say that a batch finished, with its size and time, or with its failures', () => {
    const finished = { ...batch, finished: true, rate: 0, etaSeconds: undefined, bytes: 48 * MiB, total: 48 * MiB, finishedAt: '2025-01-01T00:00:03Z' };
    expect(batchSummary({ ...finished, counts: counts({ done: 12 }) })).toBe('Finished: 12 files, 48 MiB in 3 s');
    expect(batchSummary({ ...finished, counts: counts({ done: 11, skipped: 1 }) })).toBe('Finished: 11 files, 48 MiB in 3 s · 1 skipped');
    expect(batchSummary({ ...finished, counts: counts({ done: 10, failed: 2 }) })).toBe('Finished with 2 failures: 10 of 12 files done');
    expect(batchSummary({ ...finished, files: 1, finishedAt: undefined, counts: counts({ failed: 1 }) })).toBe('Finished with 1 failure: 0 of 1 file done');
  });

  it('sum up the batches still moving for the panel header, and only those', () => {
    const totals = { active: 2, queued: 5, bytes: 12 * MiB, total: 40 * MiB, rate: 5.1 * MiB, etaSeconds: 8 };
    const old = { ...batch, id: 'old', finished: true, counts: counts({ done: 40, failed: 1 }), files: 41 };
    const moving = { ...batch, counts: counts({ done: 3, failed: 1, running: 2, queued: 5, conflict: 1 }), files: 12 };
    expect(totalsSummary(totals, [])).toBe('Nothing to transfer');
    expect(totalsSummary(totals, [old, moving])).toBe('2 moving, 5 queued, 1 waiting · 3 done · 1 failed · 12 MiB of 40 MiB · 5.1 MiB/s · 8 s left');
    const idle = { active: 0, queued: 0, bytes: 0, total: 0, rate: 0 };
    expect(totalsSummary(idle, [old])).toBe('Finished with 1 failure');
    expect(totalsSummary(idle, [{ ...old, counts: counts({ done: 41 }) }])).toBe('All finished');
  });

  it('list what needs the user first when a batch is too long to list in arrival order', () => {
    const states: Record<string, TransferState> = { a: 'done', b: 'done', c: 'running', d: 'queued', e: 'failed', f: 'conflict' };
    const ids = Object.keys(states);
    expect(visibleTransfers(ids, (id) => states[id], 10)).toEqual(ids);
    expect(visibleTransfers(ids, (id) => states[id], 3)).toEqual(['f', 'e', 'c', 'd', 'a', 'b']);
  });

  it('count a big batch honestly while its files are still being found, and what a cancel left unstarted', () => {
    const walking = { ...batch, files: 20_000, moreToFind: true, counts: counts({ done: 12_345, failed: 3, running: 16, queued: 64 }) };
    expect(batchSummary(walking)).toMatch(/^12,345 of 20,000 files found so far done · 3 failed · 80 remaining/);
    expect(batchSummary({ ...walking, moreToFind: false, files: 100_000 })).toMatch(/^12,345 of 100,000 files done · 3 failed/);
    // Paused with files still in flight, it says so: its count still moves.
    expect(batchSummary({ ...walking, hold: 'paused', counts: counts({ done: 12_345, paused: 40, running: 24 }) })).toMatch(
      /^12,345 of 20,000 files found so far done · pausing: 24 files finishing · 64 remaining \(40 paused\)/,
    );
    expect(batchSummary({ ...walking, hold: 'paused', counts: counts({ done: 12_345, paused: 64 }) })).toMatch(
      /^12,345 of 20,000 files found so far done · paused · 64 remaining \(64 paused\)/,
    );
    // Brought back after a restart: paused with none of the rest found yet, and saying what it will do.
    const restored = { ...walking, files: 60_000, hold: 'paused' as const, restored: { retry: 12 }, counts: counts({ done: 60_000 }) };
    expect(batchSummary(restored)).toMatch(
      /^60,000 of 60,000 files found so far done · paused · the rest is found when resumed · Pail was closed before it ended: it goes on from the files already done; 12 files that failed or stopped will be tried again/,
    );
    expect(batchSummary({ ...restored, restored: { retry: 0 } })).not.toMatch(/tried again/);
    // …and offers Resume and Cancel for the whole batch though it holds no transfer yet, not Pause.
    expect(batchActions(restored)).toEqual(['Resume all', 'Cancel all', 'Clear finished']);
    expect(batchActions({ ...restored, hold: 'cancelled', finished: true })).toEqual(['Retry failed', 'Clear']);
    const finished = { ...batch, finished: true, rate: 0, etaSeconds: undefined, bytes: 48 * MiB, total: 48 * MiB, finishedAt: '2025-01-01T00:00:03Z' };
    const cancelled = { ...finished, files: 500, moreToFind: true, hold: 'cancelled' as const, counts: counts({ done: 420, cancelled: 80 }) };
    expect(batchSummary(cancelled)).toBe('Finished: 420 files, 48 MiB in 3 s · 80 cancelled · the rest not started');
    expect(batchSummary({ ...cancelled, moreToFind: false, files: 20_000 })).toBe('Finished: 420 files, 48 MiB in 3 s · 80 cancelled · 19,500 not started');
    expect(unlistedText({ ...walking, files: 100_000, letGo: 99_720 })).toBe('99,720 finished files not listed (counted above).');
    expect(unlistedText(walking)).toBeUndefined();
  });
});
