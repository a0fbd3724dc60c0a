import { create } from 'zustand';
import type { PaneId } from './pane-state';

/** A short note in a pane's status bar after an action that shows nothing else ("Copied 3 signed links, valid 24 hours."). */
export interface PaneNotice {
  paneId: PaneId;
  text: string;
  /** `warning`: done, but with something to know; `failed`: not done. */
  tone: 'done' | 'warning' | 'failed';
  /** Tells one notice from the next with the same words (each shows afresh). */
  id: number;
}

/** The notices store: the one notice showing, if any. */
export interface NoticesState {
  notice?: PaneNotice;
  /** Shows a notice in place of the one before. */
  show(notice: Omit<PaneNotice, 'id'>): number;
  /** Takes a notice away, unless another replaced it already. */
  dismiss(id: number): void;
}

let nextId = 1;

/** The notices store. */
export const useNoticesStore = create<NoticesState>()((set, get) => ({
  notice: undefined,
  show(notice) {
    const id = nextId++;
    set({ notice: { ...notice, id } });
    return id;
  },
  dismiss(id) {
    if (get().notice?.id === id) set({ notice: undefined });
  },
}));

/** The notice a pane shows, if it is this pane's. */
export const selectPaneNotice = (paneId: PaneId) => (state: NoticesState) => (state.notice?.paneId === paneId ? state.notice : undefined);
