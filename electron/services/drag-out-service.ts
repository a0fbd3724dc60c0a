import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedRequestOf, ResponseOf } from '../../shared/ipc/contract';
import type { BatchStarted, TransferList } from '../../shared/transfers';
import { notInThisShell } from './shell-service';

/** What dragging out needs of the transfer engine: a download batch, its end, and its rows. */
export interface DragOutTransfers {
  download(
    request: { profileId: string; bucket: string; targetDir: string; conflict: 'rename'; specs: { key: string }[] },
    choice: { journal: false },
  ): Promise<BatchStarted>;
  settled(batchId: string): Promise<unknown>;
  list(): TransferList;
}

/**
 * Dragging objects out of the window to the desktop or a file manager. The
 * OS drag needs files on disk, so the objects are first downloaded (as a
 * batch the transfer panel shows) to a private temp folder, then the files
 * that arrived are handed to the shell's drag.
 */
export class DragOutService {
  constructor(
    private readonly transfers: DragOutTransfers,
    /** The shell's drag (`webContents.startDrag`); none in the web mode. */
    private readonly startDrag?: (paths: string[]) => void,
    private readonly tempRoot: string = tmpdir(),
  ) {}

  /** Downloads the objects, then drags the files that arrived; says how many. */
  async dragOut({ profileId, bucket, keys }: ParsedRequestOf<'transfers:dragOut'>): Promise<ResponseOf<'transfers:dragOut'>> {
    if (!this.startDrag) throw notInThisShell('Dragging objects out of the window');
    const targetDir = await mkdtemp(join(this.tempRoot, 'pail-drag-'));
    // Into a temp folder for one drag: nothing to bring back after a restart.
    const { batchId } = await this.transfers.download(
      { profileId, bucket, targetDir, conflict: 'rename', specs: keys.map((key) => ({ key })) },
      { journal: false },
    );
    await this.transfers.settled(batchId);
    const paths = this.transfers
      .list()
      .transfers.filter((t) => t.batchId === batchId && t.state === 'done' && t.localPath)
      .map((t) => t.localPath!);
    if (paths.length > 0) this.startDrag(paths);
    return { files: paths.length };
  }
}
