import { describe, expect, it } from 'vitest';
import { draftOf, limitOfDraft } from './speed-limit-draft';

const MiB = 1024 * 1024;

describe('speed limit drafts', () => {
  it('show a limit in MiB/s when it is a tenth of one, else in KiB/s; none is off with 1 MiB/s ready', () => {
    expect(draftOf(null)).toEqual({ on: false, amount: '1', unit: 'MiB/s' });
    expect(draftOf(2.5 * MiB)).toEqual({ on: true, amount: '2.5', unit: 'MiB/s' });
    expect(draftOf(512 * 1024)).toEqual({ on: true, amount: '512', unit: 'KiB/s' });
    expect(draftOf(1_153_434)).toEqual({ on: true, amount: '1.1', unit: 'MiB/s' });
    expect(draftOf(1_153_434 + 2048)).toEqual({ on: true, amount: '1128', unit: 'KiB/s' });
  });

  it('read back what they show, and off as no limit', () => {
    expect(limitOfDraft({ on: true, amount: '2.5', unit: 'MiB/s' })).toEqual({ limit: 2.5 * MiB });
    expect(limitOfDraft({ on: true, amount: ' 512 ', unit: 'KiB/s' })).toEqual({ limit: 512 * 1024 });
    expect(limitOfDraft({ on: false, amount: 'anything', unit: 'KiB/s' })).toEqual({ limit: null });
  });

  it('say what is wrong with an amount, in the units the user typed', () => {
    expect(limitOfDraft({ on: true, amount: 'fast', unit: 'MiB/s' })).toEqual({ problem: 'Write the limit as a number above 0, like 512 or 1.5.' });
    expect(limitOfDraft({ on: true, amount: '0', unit: 'MiB/s' })).toEqual({ problem: 'Write the limit as a number above 0, like 512 or 1.5.' });
    expect(limitOfDraft({ on: true, amount: '8', unit: 'KiB/s' })).toEqual({
      problem: '8 KiB/s is below the lowest limit, 16 KiB/s: a request paused longer may be given up by the server.',
    });
  });
});
