import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TransferList, TransferSnapshot } from '../../shared/transfers';
import { DragOutService, type DragOutTransfers } from './drag-out-service';
import { ShellService } from './shell-service';

/** A transfer engine that finishes a batch at once: the first key arrives, the second fails. */
function fakeTransfers(): DragOutTransfers & { targetDirs: string[] } {
  const targetDirs: string[] = [];
  let rows: Partial<TransferSnapshot>[] = [];
  return {
    targetDirs,
    async download({ targetDir, specs }) {
      targetDirs.push(targetDir);
      rows = specs.map((spec, index) => ({ batchId: 'b1', state: index === 0 ? 'done' : 'failed', localPath: `${targetDir}/${spec.key}` }));
      rows.push({ batchId: 'other', state: 'done', localPath: '/elsewhere/x' });
      return { batchId: 'b1', count: specs.length };
    },
    settled: async () => undefined,
    list: () => ({ transfers: rows }) as TransferList,
  };
}

describe('dragging objects out', () => {
  it('downloads them to a private temp folder, then drags the files that arrived', async () => {
    const transfers = fakeTransfers();
    const dragged: string[][] = [];
    const service = new DragOutService(transfers, (paths) => dragged.push(paths));
    expect(await service.dragOut({ profileId: 'p', bucket: 'b', keys: ['a.txt', 'b.txt'] })).toEqual({ files: 1 });
    const [dir] = transfers.targetDirs;
    expect(dirname(dir)).toBe(tmpdir());
    expect((await stat(dir)).mode & 0o077).toBe(0);
    expect(dragged).toEqual([[`${dir}/a.txt`]]);
    await rm(dir, { recursive: true, force: true });
  });

  it('says in words that the web mode cannot drag out, choose folders or show native menus', async () => {
    const transfers = fakeTransfers();
    await expect(new DragOutService(transfers).dragOut({ profileId: 'p', bucket: 'b', keys: ['a'] })).rejects.toMatchObject({
      code: 'InvalidRequest',
      message: 'Dragging objects out of the window needs the desktop app.',
    });
    expect(transfers.targetDirs).toEqual([]);
    const shell = new ShellService();
    await expect(shell.chooseFolder({ files: false })).rejects.toMatchObject({ message: 'Choosing a folder with a dialog needs the desktop app.' });
    await expect(shell.chooseFolder({ files: true })).rejects.toMatchObject({ message: 'Choosing files with a dialog needs the desktop app.' });
    await expect(shell.contextMenu({ items: [] })).rejects.toMatchObject({ message: 'A native context menu needs the desktop app.' });
    expect(shell.features()).toEqual({ chooseFolder: false, dragOut: false, nativeMenus: false, openInApp: false });
  });
});
