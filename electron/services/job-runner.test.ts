import { describe, expect, it } from 'vitest';
import type { JobFinished, JobProgress } from '../../shared/jobs';
import { PailError } from '../../shared/errors';
import { JobRunner } from './job-runner';

function runner() {
  const progress: JobProgress[] = [];
  const finished: JobFinished[] = [];
  return { jobs: new JobRunner({ progress: (p) => progress.push(p), finished: (f) => finished.push(f) }), progress, finished };
}

describe('job runner', () => {
  it('throttles progress to about ten events a second and reports the end once', async () => {
    const { jobs, progress, finished } = runner();
    const job = jobs.start('deleteEntries', 'Deleting', async (context) => {
      for (let i = 1; i <= 10_000; i += 1) context.progress({ done: i, total: 10_000 });
      await new Promise((r) => setTimeout(r, 250));
      return { summary: 'Deleted 10,000 objects.', done: 10_000 };
    });
    const outcome = await job.finished;
    expect(outcome).toMatchObject({ status: 'succeeded', summary: 'Deleted 10,000 objects.', done: 10_000 });
    expect(progress.length).toBeLessThanOrEqual(5);
    expect(progress.at(-1)).toMatchObject({ done: 10_000, total: 10_000 });
    expect(finished).toEqual([outcome]);
  });

  it('marks a job partial when items failed, and failed with the error when it threw', async () => {
    const { jobs } = runner();
    const partial = await jobs.start('copy', 'Copying', async (context) => {
      context.fail({ key: 'a', error: { code: 'AccessDenied', message: 'no', hint: 'h' } });
      return { summary: 'Copied 1 of 2.', done: 1 };
    }).finished;
    expect(partial).toMatchObject({ status: 'partial', failures: [{ key: 'a' }] });

    const failed = await jobs.start('copy', 'Copying', async () => {
      throw new PailError({ code: 'NoSuchBucket', message: 'gone', hint: 'h' });
    }).finished;
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'NoSuchBucket' } });
  });

  it('cancels a running job', async () => {
    const { jobs } = runner();
    const job = jobs.start('search', 'Searching', async (context) => {
      let done = 0;
      while (!context.signal.aborted) {
        done += 1;
        await new Promise((r) => setTimeout(r, 5));
      }
      return { summary: '', done };
    });
    expect(jobs.cancel({ jobId: job.jobId }).cancelled).toBe(true);
    expect((await job.finished).status).toBe('cancelled');
    expect(jobs.cancel({ jobId: job.jobId }).cancelled).toBe(false);
  });
});
