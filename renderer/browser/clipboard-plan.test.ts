import { describe, expect, it } from 'vitest';
import { describeClipboard, describeCounts, planPaste, planTransfer, type ClipboardContents } from './clipboard-plan';

const clip = (patch: Partial<ClipboardContents> = {}): ClipboardContents => ({
  mode: 'copy',
  profileId: 'p',
  bucket: 'b',
  prefix: 'src/',
  keys: ['src/a.txt'],
  prefixes: ['src/dir/'],
  ...patch,
});

describe('planPaste', () => {
  it('copies into another folder, another bucket or another profile', () => {
    const plan = planPaste(clip(), { profileId: 'p', bucket: 'b', prefix: 'dest/' });
    expect(plan).toEqual({
      ok: true,
      request: {
        source: { profileId: 'p', bucket: 'b', keys: ['src/a.txt'], prefixes: ['src/dir/'] },
        target: { profileId: 'p', bucket: 'b', prefix: 'dest/' },
        mode: 'copy',
      },
    });
    expect(planPaste(clip(), { profileId: 'q', bucket: 'other', prefix: '' })).toMatchObject({
      ok: true,
      request: { target: { profileId: 'q', bucket: 'other' } },
    });
  });

  it('moves what was cut', () => {
    expect(planPaste(clip({ mode: 'cut' }), { profileId: 'p', bucket: 'b', prefix: '' })).toMatchObject({ ok: true, request: { mode: 'move' } });
  });

  it('refuses a folder into itself or below itself', () => {
    expect(planPaste(clip(), { profileId: 'p', bucket: 'b', prefix: 'src/dir/' })).toEqual({ ok: false, problem: 'Cannot copy the folder “dir” into itself.' });
    expect(planPaste(clip({ mode: 'cut' }), { profileId: 'p', bucket: 'b', prefix: 'src/dir/deeper/' })).toMatchObject({
      ok: false,
      problem: /move the folder “dir” into itself/,
    });
  });

  it('refuses the folder the items are in, but not the same path in another bucket', () => {
    expect(planPaste(clip(), { profileId: 'p', bucket: 'b', prefix: 'src/' })).toMatchObject({ ok: false, problem: /overwrite the originals/ });
    expect(planPaste(clip({ mode: 'cut' }), { profileId: 'p', bucket: 'b', prefix: 'src/' })).toMatchObject({ ok: false, problem: /already in this folder/ });
    expect(planPaste(clip(), { profileId: 'p', bucket: 'other', prefix: 'src/dir/' }).ok).toBe(true);
  });

  it('says why nothing can be pasted', () => {
    expect(planPaste(undefined, { profileId: 'p', bucket: 'b', prefix: '' })).toMatchObject({ ok: false, problem: /copy or cut something first/ });
    expect(planPaste(clip(), undefined)).toMatchObject({ ok: false, problem: /Open a folder/ });
    expect(planTransfer({ ...clip(), keys: [], prefixes: [] }, { profileId: 'p', bucket: 'b', prefix: '' }, 'move')).toEqual({
      ok: false,
      problem: 'Nothing is selected.',
    });
  });
});

describe('describing the clipboard', () => {
  it('counts objects and folders in words', () => {
    expect(describeCounts(3, 2)).toBe('3 objects and 2 folders');
    expect(describeCounts(1, 0)).toBe('1 object');
    expect(describeCounts(0, 1)).toBe('1 folder');
    expect(describeClipboard(clip({ mode: 'cut' }))).toBe('1 object and 1 folder cut from b/src/');
  });
});
