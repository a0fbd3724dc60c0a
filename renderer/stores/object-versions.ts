import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import { failed, idle, loading, reloading, shownValueOf, type Loadable } from '../../shared/loadable';
import type { VersionEntry, VersioningStatus } from '../../shared/versions';
import type { InspectTarget } from './inspector';

/** A restore or delete waiting for the user's yes. */
export interface PendingVersionAction {
  action: 'restore' | 'delete';
  versionId: string;
}

/** The versions and delete markers of one key (none when the bucket does not keep versions). */
export interface VersionList {
  /** Newest first. */
  entries: VersionEntry[];
  /** The listing stopped before the key's oldest versions (more than {@link MAX_PAGES} pages). */
  more: boolean;
}

/** The versions and delete markers of the inspected key. */
export interface ObjectVersionsState {
  /** The object they are for. */
  target?: InspectTarget;
  /** What the bucket said of versioning, once read; `Off` comes with an empty list. */
  versioning?: VersioningStatus;
  list: Loadable<VersionList>;
  pending?: PendingVersionAction;
  busy: boolean;
  actionError?: { title: string; error: ErrorInfo };
}

/** The versions store's own setters; listing, restoring and deleting are in actions/versions.ts. */
export interface ObjectVersionsSetters {
  /** Shows no versions (no target, or a folder). */
  clear(): void;
  /** The list is on its way; the same key keeps what it shows (and a pending question) meanwhile. */
  startLoading(target: InspectTarget): void;
  /** Reading the versioning or listing failed (with the versioning when it was read). */
  loadFailed(error: ErrorInfo, versioning?: VersioningStatus): void;
  /** The list that came back, and the bucket's versioning. */
  setList(list: Loadable<VersionList>, versioning: VersioningStatus): void;
  ask(action: PendingVersionAction['action'], versionId: string): void;
  cancel(): void;
  /** A restore or delete started. */
  startAction(): void;
  /** A restore or delete ended: the question goes, with the error if it failed. */
  endAction(actionError?: { title: string; error: ErrorInfo }): void;
  /** A failed download of one version. */
  downloadFailed(error: ErrorInfo): void;
}

/** At most this many pages of 1,000 are read for one key. */
export const MAX_PAGES = 20;

const initialState: ObjectVersionsState = {
  target: undefined,
  versioning: undefined,
  list: idle,
  pending: undefined,
  busy: false,
  actionError: undefined,
};

const sameKey = (a: InspectTarget | undefined, b: InspectTarget) => a?.profileId === b.profileId && a.bucket === b.bucket && a.key === b.key;

/** The versions store. */
export const useObjectVersionsStore = create<ObjectVersionsState & ObjectVersionsSetters>()((set, get) => ({
  ...initialState,

  clear() {
    set(initialState);
  },

  startLoading(target) {
    const same = sameKey(get().target, target);
    set((state) => ({ target, list: same ? reloading(state.list) : loading, ...(!same && { pending: undefined, actionError: undefined }) }));
  },

  loadFailed(error, versioning) {
    set({ list: failed(error), ...(versioning && { versioning }) });
  },

  setList(list, versioning) {
    set({ list, versioning });
  },

  ask(action, versionId) {
    set({ pending: { action, versionId }, actionError: undefined });
  },

  cancel() {
    if (!get().busy) set({ pending: undefined });
  },

  startAction() {
    set({ busy: true, actionError: undefined });
  },

  endAction(actionError) {
    set({ busy: false, pending: undefined, ...(actionError && { actionError }) });
  },

  downloadFailed(error) {
    set({ actionError: { title: 'Could not download the version', error } });
  },
}));

/** The entries shown: the list's, or those kept while the same key loads again. */
export const selectVersionEntries = (state: ObjectVersionsState): VersionEntry[] | undefined => shownValueOf(state.list)?.entries;

/** The entry a pending action is about, if it is still listed. */
export function selectPendingEntry(state: ObjectVersionsState): VersionEntry | undefined {
  const pending = state.pending;
  return pending ? selectVersionEntries(state)?.find((entry) => entry.versionId === pending.versionId) : undefined;
}

/** Puts the versions store back to its first state (tests). */
export function resetObjectVersionsStore(): void {
  useObjectVersionsStore.setState(initialState);
}
