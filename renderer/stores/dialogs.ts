import { create } from 'zustand';
import type { FolderEntry, ObjectEntry } from '../../shared/ipc/contract';
import type { AccessChoice } from '../../shared/sharing';
import type { VersionEntry } from '../../shared/versions';
import type { Entry } from './listing';
import type { PaneId } from './pane-state';
import type { SpeedLimitTarget } from '../transfers/speed-limit-draft';

/** The one dialog of the main area that is open, with what it is about. */
export type DialogRequest =
  | { kind: 'newFolder'; paneId: PaneId }
  | { kind: 'rename'; paneId: PaneId; entry: FolderEntry | ObjectEntry }
  /** `wholeFolder`: every row of the open folder was selected; `entries` are then only the first few, to name. */
  | { kind: 'delete'; paneId: PaneId; entries: Entry[]; wholeFolder?: { prefix: string; objects: number; folders: number } }
  | { kind: 'createBucket' }
  | { kind: 'deleteBucket'; profileId: string; bucket: string }
  | { kind: 'enableVersioning'; paneId: PaneId }
  | { kind: 'deleteVersion'; paneId: PaneId; entry: VersionEntry }
  | { kind: 'jobFailures'; jobId: string }
  | { kind: 'importUrl'; paneId: PaneId }
  | { kind: 'downloadTo'; paneId: PaneId; keys: string[]; prefixes: string[] }
  | { kind: 'shortcuts' }
  /** The link dialog ("Copy link…") for one object or several. */
  | { kind: 'links'; profileId: string; bucket: string; keys: string[] }
  | { kind: 'storageClass'; profileId: string; bucket: string; keys: string[]; prefixes: string[] }
  /** Asks before whole folders (recursively) are made public or private. */
  | { kind: 'setAccess'; profileId: string; bucket: string; keys: string[]; prefixes: string[]; access: AccessChoice }
  /** A bucket's own ACL, and its toggle. */
  | { kind: 'bucketAccess'; profileId: string; bucket: string }
  /** A text object in the editor ("Edit"). */
  | { kind: 'editText'; profileId: string; bucket: string; key: string }
  /** Compare a folder of a bucket with a local folder, and synchronize one way ("Compare with folder…", "Synchronize…"). */
  | { kind: 'sync'; profileId: string; bucket: string; prefix: string; title: 'compare' | 'sync' }
  /** A bucket's own settings (custom domain, upload defaults); `returnTo` is the dialog it was opened from, shown again on close. */
  | { kind: 'bucketSettings'; profileId: string; bucket: string; returnTo?: DialogRequest }
  /** The speed limits of all transfers, or of a batch or a transfer of the Transfers panel. */
  | { kind: 'speedLimit'; target: SpeedLimitTarget };

/** Which dialog is open. */
export interface DialogsState {
  dialog?: DialogRequest;
  /** Opens a dialog (replacing any other). */
  show(dialog: DialogRequest): void;
  close(): void;
}

/** The dialogs store. */
export const useDialogsStore = create<DialogsState>()((set) => ({
  dialog: undefined,
  show: (dialog) => set({ dialog }),
  close: () => set({ dialog: undefined }),
}));

/** Opens a dialog from outside React. */
export const showDialog = (dialog: DialogRequest) => useDialogsStore.getState().show(dialog);
