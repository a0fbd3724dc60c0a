import { describe, expect, it } from 'vitest';
import type { BatchSnapshot } from '../../../../shared/transfers';
import { batchNotice, taskbarProgress } from './shell-summary';

const totals = { active: 1, queued: 0, bytes: 25, total: 100, rate: 1 };

describe('taskbar progress and batch notices', () => {
  it('shows the fraction of bytes while transfers run, no bar when idle, indeterminate without sizes', () => {
    expect(taskbarProgress(totals)).toBe(0.25);
    expect(taskbarProgress({ ...totals, active: 0, queued: 0 })).toBe(-1);
    expect(taskbarProgress({ ...totals, total: 0 })).toBe(2);
    expect(taskbarProgress({ ...totals, bytes: 120 })).toBe(1);
  });

  it('says what a finished batch did, and points to the panel on failures', () => {
    const counts = { queued: 0, running: 0, paused: 0, conflict: 0, verifying: 0, done: 3, skipped: 1, failed: 2, cancelled: 0 };
    const batch = { direction: 'upload', title: 'Uploading 6 items to photos/', counts } as BatchSnapshot;
    expect(batchNotice(batch)).toEqual({
      title: 'Upload finished with errors',
      body: 'Uploading 6 items to photos/: 3 files stored, 1 file skipped, 2 files failed — see the Transfers panel.',
    });
    expect(batchNotice({ ...batch, direction: 'download', counts: { ...counts, skipped: 0, failed: 0 } }).title).toBe('Download finished');
  });
});
