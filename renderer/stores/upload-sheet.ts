import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import type { SheetChoices, SheetItem } from '../uploads/upload-sheet-plan';
import type { PaneId } from './pane-state';

/** Where an upload goes: a folder of a bucket. */
export interface UploadPlace {
  profileId: string;
  bucket: string;
  prefix: string;
}

/** What one item sends: paths on disk (Electron), or the page's Files and empty folders (web transport). */
export type UploadSource = { kind: 'paths'; paths: string[] } | { kind: 'streams'; files: { path: string; size: number; file: File }[]; folders: string[] };

/** A dropped or picked top-level item with what its upload sends. */
export interface PendingItem extends SheetItem {
  source: UploadSource;
}

/** The upload the sheet asks about. */
export interface PendingUpload {
  paneId: PaneId;
  place: UploadPlace;
  items: PendingItem[];
  /** The item the sheet is on when it steps through them one at a time. */
  step: number;
  choices: SheetChoices;
  applyToAll: boolean;
  remember: boolean;
  dontAsk: boolean;
  /** "Upload" was pressed: problems show from then on. */
  submitted: boolean;
  busy: boolean;
  /** Why the last start or save failed. */
  error?: { title: string; error: ErrorInfo };
}

/** What the upload sheet shows: the upload it asks about, and the note left by a drop that did not ask. */
export interface UploadSheetState {
  pending?: PendingUpload;
  /** A drop went without asking (the bucket says "don't ask again"): which settings it used. */
  notice?: { bucket: string; settings: string };
}

/** The upload sheet's own setters; opening, sending and remembering are in actions/upload-sheet.ts. */
export interface UploadSheetSetters {
  open(pending: Omit<PendingUpload, 'step' | 'submitted' | 'busy' | 'applyToAll' | 'remember' | 'dontAsk'>): void;
  change(patch: Partial<SheetChoices>): void;
  setFlags(flags: Partial<Pick<PendingUpload, 'applyToAll' | 'remember' | 'dontAsk'>>): void;
  submitted(): void;
  setBusy(busy: boolean): void;
  failed(error: PendingUpload['error']): void;
  /** The next item, keeping the choices as they are (they are the next item's starting point). */
  nextStep(): void;
  close(): void;
  setNotice(notice: UploadSheetState['notice']): void;
}

/** The upload sheet's store. */
export const useUploadSheetStore = create<UploadSheetState & UploadSheetSetters>()((set) => {
  const patch = (change: (pending: PendingUpload) => Partial<PendingUpload>) =>
    set((state) => (state.pending ? { pending: { ...state.pending, ...change(state.pending) } } : {}));
  return {
    pending: undefined,
    notice: undefined,
    open: (pending) =>
      set({ pending: { ...pending, step: 0, submitted: false, busy: false, applyToAll: true, remember: true, dontAsk: false }, notice: undefined }),
    change: (choices) => patch((pending) => ({ choices: { ...pending.choices, ...choices } })),
    setFlags: (flags) => patch(() => flags),
    submitted: () => patch(() => ({ submitted: true })),
    setBusy: (busy) => patch(() => ({ busy, ...(busy && { error: undefined }) })),
    failed: (error) => patch(() => ({ busy: false, error })),
    nextStep: () => patch((pending) => ({ step: pending.step + 1, submitted: false, busy: false, error: undefined })),
    close: () => set({ pending: undefined }),
    setNotice: (notice) => set({ notice }),
  };
});

/** The items the sheet's current step covers: all of them, or the one it is on. */
export function stepItems(pending: PendingUpload): PendingItem[] {
  return pending.applyToAll || pending.items.length < 2 ? pending.items : [pending.items[pending.step]];
}

/** Resets the store between tests. */
export function resetUploadSheetStore(): void {
  useUploadSheetStore.setState({ pending: undefined, notice: undefined });
}
