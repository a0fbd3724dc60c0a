import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';

/** An object open in a desktop application: where, and how its last save went. */
export interface OpenSession {
  sessionId: string;
  profileId: string;
  bucket: string;
  key: string;
  /** The last save: sent back, refused as a conflict, or failed. */
  last?: { kind: 'saved' } | { kind: 'conflict' | 'failed'; error: ErrorInfo };
}

/** The objects open in applications (the main process watches their files; actions/edit-in-app.ts). */
export interface EditSessionsState {
  sessions: OpenSession[];
  opened(session: OpenSession): void;
  reported(sessionId: string, last: OpenSession['last']): void;
  stopped(sessionId: string): void;
}

export const useEditSessionsStore = create<EditSessionsState>()((set) => ({
  sessions: [],
  opened: (session) => set((state) => ({ sessions: [...state.sessions, session] })),
  reported: (sessionId, last) => set((state) => ({ sessions: state.sessions.map((s) => (s.sessionId === sessionId ? { ...s, last } : s)) })),
  stopped: (sessionId) => set((state) => ({ sessions: state.sessions.filter((s) => s.sessionId !== sessionId) })),
}));

/** The session of one object, if it is open in an application. */
export const selectSessionOf = (ref: { profileId: string; bucket: string; key: string }) => (state: EditSessionsState) =>
  state.sessions.find((s) => s.profileId === ref.profileId && s.bucket === ref.bucket && s.key === ref.key);
