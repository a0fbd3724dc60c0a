import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import type { JobFailure, JobFinished, JobKind, JobProgress } from '../../shared/jobs';

/** A job as the Activity panel shows it. */
export interface JobEntry {
  jobId: string;
  kind: JobKind;
  title: string;
  status: 'running' | JobFinished['status'];
  done: number;
  total?: number;
  phase?: string;
  /** Bytes counted so far (a folder's size). */
  bytes?: number;
  summary?: string;
  failures: JobFailure[];
  error?: ErrorInfo;
}

/** Running and finished jobs (newest first), and whether the Activity panel is open. */
export interface JobsState {
  jobs: JobEntry[];
  panelOpen: boolean;
}

/** The jobs store's own setters; cancelling a job and following the main process's events are actions (`actions/jobs.ts`). */
export interface JobsActions {
  /**
   * Follows a job this window started: `onFinished` runs once when it ends
   * (at once if it already has). The panel stays as it is: a quick job just finishes (see `revealWhenSlow`).
   */
  track(jobId: string, title: string, kind: JobKind, onFinished?: (finished: JobFinished) => void): void;
  clearFinished(): void;
  setPanelOpen(open: boolean): void;
  /** A job's progress (searches are the panes', not the panel's). */
  progress(event: JobProgress): void;
  /** A job (not a search) ended: the panel shows it, and whoever tracks it hears. */
  finished(event: JobFinished): void;
}

const callbacks = new Map<string, (finished: JobFinished) => void>();
// A job can end before the answer that started it arrives (the event stream is faster).
const endedEarly = new Map<string, JobFinished>();
const KEEP_FINISHED = 50;

const upsert = (jobs: JobEntry[], jobId: string, patch: Partial<JobEntry>, create: () => JobEntry): JobEntry[] => {
  const index = jobs.findIndex((j) => j.jobId === jobId);
  if (index === -1) return [{ ...create(), ...patch }, ...jobs].slice(0, KEEP_FINISHED);
  const next = jobs.slice();
  next[index] = { ...jobs[index], ...patch };
  return next;
};

/** The jobs store. */
export const useJobsStore = create<JobsState & JobsActions>()((set) => ({
  jobs: [],
  panelOpen: false,

  track(jobId, title, kind, onFinished) {
    set((state) => ({
      jobs: upsert(state.jobs, jobId, {}, () => ({ jobId, kind, title, status: 'running', done: 0, failures: [] })),
    }));
    const early = endedEarly.get(jobId);
    endedEarly.delete(jobId);
    if (early) onFinished?.(early);
    else if (onFinished) callbacks.set(jobId, onFinished);
  },

  clearFinished() {
    set((state) => ({ jobs: state.jobs.filter((j) => j.status === 'running') }));
  },

  setPanelOpen(panelOpen) {
    set({ panelOpen });
  },

  progress(event) {
    if (event.kind === 'search') return;
    set((state) => {
      const known = state.jobs.find((j) => j.jobId === event.jobId);
      // A late progress event must not bring a finished job back to "running".
      if (known && known.status !== 'running') return {};
      const patch = { done: event.done, total: event.total, phase: event.phase, title: event.title, bytes: event.bytes };
      return {
        jobs: upsert(state.jobs, event.jobId, patch, () => ({
          jobId: event.jobId,
          kind: event.kind,
          title: event.title,
          status: 'running',
          done: 0,
          failures: [],
        })),
      };
    });
  },

  finished(event) {
    const patch: Partial<JobEntry> = {
      status: event.status,
      done: event.done,
      bytes: event.bytes,
      summary: event.summary,
      failures: event.failures,
      error: event.error,
      title: event.title,
      phase: undefined,
    };
    set((state) => ({
      jobs: upsert(state.jobs, event.jobId, patch, () => ({
        jobId: event.jobId,
        kind: event.kind,
        title: event.title,
        status: event.status,
        done: 0,
        failures: [],
      })),
    }));
    const callback = callbacks.get(event.jobId);
    callbacks.delete(event.jobId);
    if (callback) callback(event);
    else {
      endedEarly.set(event.jobId, event);
      if (endedEarly.size > KEEP_FINISHED) endedEarly.delete(endedEarly.keys().next().value!);
    }
  },
}));

/** Jobs still running (for the panel's heading). */
export const selectRunningCount = (state: JobsState) => state.jobs.filter((j) => j.status === 'running').length;

/** The job with an id. */
export const jobById = (state: JobsState, jobId: string | undefined) => state.jobs.find((j) => j.jobId === jobId);
