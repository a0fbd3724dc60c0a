import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import type { VersionEntry, VersioningStatus } from '../../shared/versions';
import { api } from '../api';
import { listedPast, versionListStart, versionsOfKey } from '../object-versions-list';
import type { InspectTarget } from './inspector';

/** Where the version list stands: `off` when the bucket does not keep versions. */
export type VersionsStatus = 'idle' | 'loading' | 'ready' | 'off' | 'error';

/** A restore or delete waiting for the user's yes. */
export interface PendingVersionAction {
  action: 'restore' | 'delete';
  versionId: string;
}

/** The versions and delete markers of the inspected key. */
export interface ObjectVersionsState {
  /** The object they are for. */
  target?: InspectTarget;
  status: VersionsStatus;
  versioning?: VersioningStatus;
  /** Newest first. */
  entries: VersionEntry[];
  /** The listing stopped before the key's oldest versions (more than {@link MAX_PAGES} pages). */
  more: boolean;
  error?: ErrorInfo;
  pending?: PendingVersionAction;
  busy: boolean;
  actionError?: { title: string; error: ErrorInfo };
}

/** What the versions store can do; every action works outside React. */
export interface ObjectVersionsActions {
  /** Reads the bucket's versioning and, when it keeps versions, lists this key's. */
  load(target: InspectTarget | undefined): Promise<void>;
  ask(action: PendingVersionAction['action'], versionId: string): void;
  cancel(): void;
  /** Does what was asked, then lists the versions and reads the details again. */
  confirm(): Promise<boolean>;
  /** A failed download of one version. */
  downloadFailed(error: ErrorInfo): void;
}

/** At most this many pages of 1,000 are read for one key. */
export const MAX_PAGES = 20;

const initialState: ObjectVersionsState = {
  target: undefined,
  status: 'idle',
  versioning: undefined,
  entries: [],
  more: false,
  error: undefined,
  pending: undefined,
  busy: false,
  actionError: undefined,
};

let generation = 0;

/** The versions store. */
export const useObjectVersionsStore = create<ObjectVersionsState & ObjectVersionsActions>()((set, get) => ({
  ...initialState,

  async load(target) {
    const current = ++generation;
    if (!target || target.key.endsWith('/')) {
      set(initialState);
      return;
    }
    const { profileId, bucket, key } = target;
    const previous = get().target;
    const same = previous?.profileId === profileId && previous.bucket === bucket && previous.key === key;
    set({ target, status: 'loading', error: undefined, ...(!same && { entries: [], more: false, pending: undefined, actionError: undefined }) });
    const versioning = await api.s3.versioning({ profileId, bucket });
    if (current !== generation) return;
    if (!versioning.ok) {
      set({ status: 'error', error: versioning.error });
      return;
    }
    if (versioning.data.status === 'Off') {
      set({ status: 'off', versioning: 'Off', entries: [] });
      return;
    }

    const start = versionListStart(key);
    let keyMarker = start.keyMarker;
    let versionIdMarker: string | undefined;
    const found: VersionEntry[] = [];
    let more = false;
    for (let page = 0; ; page += 1) {
      if (page === MAX_PAGES) {
        more = true;
        break;
      }
      const result = await api.s3.listVersions({
        profileId,
        bucket,
        prefix: start.prefix,
        ...(keyMarker && { keyMarker }),
        ...(versionIdMarker && { versionIdMarker }),
      });
      if (current !== generation) return;
      if (!result.ok) {
        set({ status: 'error', error: result.error, versioning: versioning.data.status });
        return;
      }
      const answer = result.data;
      found.push(...answer.versions.filter((v) => v.key === key));
      const stuck = answer.nextKeyMarker === keyMarker && answer.nextVersionIdMarker === versionIdMarker;
      if (!answer.nextKeyMarker || stuck || listedPast(answer, key)) break;
      keyMarker = answer.nextKeyMarker;
      versionIdMarker = answer.nextVersionIdMarker;
    }
    set({ status: 'ready', versioning: versioning.data.status, entries: versionsOfKey(found, key), more });
  },

  ask(action, versionId) {
    set({ pending: { action, versionId }, actionError: undefined });
  },

  cancel() {
    if (!get().busy) set({ pending: undefined });
  },

  async confirm() {
    const { pending, busy, target } = get();
    if (!pending || busy || !target) return false;
    set({ busy: true, actionError: undefined });
    const request = { profileId: target.profileId, bucket: target.bucket, key: target.key, versionId: pending.versionId };
    const result = pending.action === 'restore' ? await api.s3.restoreVersion(request) : await api.s3.deleteVersion(request);
    if (!result.ok) {
      const title = pending.action === 'restore' ? 'Could not restore the version' : 'Could not delete the version';
      set({ busy: false, pending: undefined, actionError: { title, error: result.error } });
      return false;
    }
    // The question stays until the list is fresh, so focus returns to a row that still exists.
    await get().load(target);
    set({ busy: false, pending: undefined });
    return true;
  },

  downloadFailed(error) {
    set({ actionError: { title: 'Could not download the version', error } });
  },
}));

/** The entry a pending action is about, if it is still listed. */
export function selectPendingEntry(state: ObjectVersionsState): VersionEntry | undefined {
  const pending = state.pending;
  return pending ? state.entries.find((entry) => entry.versionId === pending.versionId) : undefined;
}

/** Puts the versions store back to its first state and drops requests in flight (tests). */
export function resetObjectVersionsStore(): void {
  generation += 1;
  useObjectVersionsStore.setState(initialState);
}
