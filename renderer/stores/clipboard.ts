import { create } from 'zustand';
import type { ClipboardContents } from '../browser/clipboard-plan';

/** Pail's own clipboard: what Copy or Cut picked (objects and folders of one folder), until pasted or replaced. */
export interface ClipboardState {
  clip?: ClipboardContents;
  put(clip: ClipboardContents): void;
  clear(): void;
}

/** The clipboard store. */
export const useClipboardStore = create<ClipboardState>()((set) => ({
  clip: undefined,
  put: (clip) => set({ clip }),
  clear: () => set({ clip: undefined }),
}));
