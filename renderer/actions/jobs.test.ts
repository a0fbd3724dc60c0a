import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useJobsStore } from '../stores/jobs';
import { revealIfFailed, revealWhenSlow, SLOW_JOB_MS } from './jobs';

// The module reaches the main process only through api.ts, which needs a page; these tests never call it.
vi.mock('../api', () => ({ api: {} }));

const finished = (status: 'succeeded' | 'partial' | 'failed') => ({
  jobId: 'j1',
  kind: 'deleteEntries' as const,
  title: 'Deleting',
  status,
  done: 1,
  summary: '',
  failures: [],
});

describe('when the Activity panel opens by itself', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    useJobsStore.setState({ jobs: [], panelOpen: false });
    useJobsStore.getState().track('j1', 'Deleting', 'deleteEntries');
  });
  afterEach(() => vi.useRealTimers());

  it('stays closed for a job that ends quickly', () => {
    revealWhenSlow('j1');
    useJobsStore.getState().finished(finished('succeeded'));
    vi.advanceTimersByTime(SLOW_JOB_MS);
    revealIfFailed(finished('succeeded'));
    expect(useJobsStore.getState().panelOpen).toBe(false);
  });

  it('opens for a job still running after a while', () => {
    revealWhenSlow('j1');
    vi.advanceTimersByTime(SLOW_JOB_MS - 1);
    expect(useJobsStore.getState().panelOpen).toBe(false);
    vi.advanceTimersByTime(1);
    expect(useJobsStore.getState().panelOpen).toBe(true);
  });

  it('opens for a job that failed, however quick', () => {
    revealIfFailed(finished('partial'));
    expect(useJobsStore.getState().panelOpen).toBe(true);
  });
});
