import type { Result } from '../../shared/errors';
import { api } from '../api';
import { copiedNotice, copyUrlEntries, defaultCopyUrlId, MORE_ID, type CopyUrlChoice, type CopyUrlEntry } from '../links/copy-url';
import { isKnownNotPublic } from '../links/link-tab';
import { bucketId, useAccessStore } from '../stores/access';
import { paneStores } from '../stores/browser';
import { showDialog } from '../stores/dialogs';
import { useNoticesStore } from '../stores/notices';
import { selectSelectedEntries } from '../stores/pane-selectors';
import type { PaneId } from '../stores/pane-state';
import { useProfilesStore } from '../stores/profiles';
import { profileById } from '../stores/selectors';

/** Copy URL (row menu, toolbar, Ctrl+Shift+C): the selection's links straight to the clipboard, one per line. */

// The main process signs at most 1000 links and writes at most 10,000 public URLs per request.
const SIGN_BATCH = 1000;
const PUBLIC_BATCH = 10_000;
// Long enough to read a sentence; the next notice replaces it sooner.
const NOTICE_MS = 8000;

/** The objects selected in a pane (folders are skipped: a link names one object), and how many folders were. */
function selectionOf(paneId: PaneId) {
  const pane = paneStores[paneId].getState();
  const selected = pane.selection.selected.size > 0 ? selectSelectedEntries(pane) : [];
  const keys = selected.flatMap((entry) => (entry.kind === 'object' ? [entry.key] : []));
  const folders = selected.filter((entry) => entry.kind === 'folder').length;
  return { pane, keys, folders };
}

/** Whether a pane's selection has an object to copy a link of (Copy URL is on). */
export function canCopyUrls(paneId: PaneId): boolean {
  const { pane, keys } = selectionOf(paneId);
  return !!pane.bucket && !pane.versionsMode && keys.length > 0;
}

/** How many of these keys are known not to be public, and whether every one is known public. */
function accessOf(profileId: string, bucket: string, keys: string[]) {
  const states = useAccessStore.getState().buckets[bucketId(profileId, bucket)]?.states ?? {};
  const notPublic = keys.filter((key) => isKnownNotPublic(states[key])).length;
  const allPublic = keys.every((key) => !!states[key] && !isKnownNotPublic(states[key]));
  return { notPublic, allPublic };
}

/** The Copy URL entries for a pane's profile now (lifetimes capped by its temporary credentials), and the one Ctrl+Shift+C copies. */
export function copyUrlMenu(paneId: PaneId): { entries: CopyUrlEntry[]; defaultId: string } {
  const { pane, keys } = selectionOf(paneId);
  const profile = profileById(useProfilesStore.getState(), pane.profileId);
  const entries = copyUrlEntries({ credentialsExpireAt: profile?.credentialsExpireAt, now: Date.now() });
  const allPublic = !!pane.profileId && !!pane.bucket && keys.length > 0 && accessOf(pane.profileId, pane.bucket, keys).allPublic;
  return { entries, defaultId: defaultCopyUrlId(allPublic) };
}

function notify(paneId: PaneId, text: string, tone: 'done' | 'warning' | 'failed'): void {
  const notices = useNoticesStore.getState();
  const id = notices.show({ paneId, text, tone });
  setTimeout(() => useNoticesStore.getState().dismiss(id), NOTICE_MS);
}

/** The links of the keys, in their order, asked in batches the main process takes. */
async function linksOf(profileId: string, bucket: string, keys: string[], choice: CopyUrlChoice): Promise<Result<string[]>> {
  const urls: string[] = [];
  const size = choice.kind === 'public' ? PUBLIC_BATCH : SIGN_BATCH;
  for (let at = 0; at < keys.length; at += size) {
    const batch = keys.slice(at, at + size);
    const answer =
      choice.kind === 'public'
        ? await api.s3.publicUrls({ profileId, bucket, keys: batch })
        : await api.s3.presign({ profileId, bucket, keys: batch, method: 'GET', expiresInSeconds: choice.seconds, viaCustomDomain: false });
    if (!answer.ok) return answer;
    urls.push(...answer.data.urls);
  }
  return { ok: true, data: urls };
}

/**
 * Copies the links of a pane's selected objects (one per line) for a menu
 * entry ("More…" opens the link dialog instead), or, without one, for the
 * entry Ctrl+Shift+C stands for; then says what was copied in the status bar.
 */
export async function copyUrls(paneId: PaneId, entryId?: string): Promise<void> {
  const { pane, keys, folders } = selectionOf(paneId);
  const { profileId, bucket } = pane;
  if (!profileId || !bucket || pane.versionsMode) return;
  if (keys.length === 0) {
    notify(paneId, 'Nothing to copy: select an object (links are for objects, not folders).', 'failed');
    return;
  }
  const menu = copyUrlMenu(paneId);
  const id = entryId ?? menu.defaultId;
  if (id === MORE_ID) {
    showDialog({ kind: 'links', profileId, bucket, keys });
    return;
  }
  // A lifetime the credentials cut short has one entry (the first capped one): a longer id lands there.
  const signed = menu.entries.filter((entry) => entry.id.startsWith('signed-'));
  const entry = menu.entries.find((e) => e.id === id) ?? (id.startsWith('signed-') ? signed[signed.length - 1] : undefined);
  if (!entry?.choice || entry.disabled) {
    notify(paneId, entry?.description ?? 'This link cannot be made now.', 'failed');
    return;
  }
  const links = await linksOf(profileId, bucket, keys, entry.choice);
  if (!links.ok) {
    paneStores[paneId].getState().showProblem({ title: keys.length === 1 ? 'Could not copy the link' : 'Could not copy the links', error: links.error });
    return;
  }
  try {
    await navigator.clipboard.writeText(links.data.join('\n'));
  } catch {
    notify(paneId, 'Could not copy: the clipboard refused. Use More… to select the links and copy them by hand.', 'failed');
    return;
  }
  const { notPublic } = accessOf(profileId, bucket, keys);
  const shownNotPublic = entry.choice.kind === 'public' ? notPublic : 0;
  const text = copiedNotice({ choice: entry.choice, count: keys.length, notPublic: shownNotPublic, skippedFolders: folders });
  notify(paneId, text, shownNotPublic > 0 || folders > 0 ? 'warning' : 'done');
}
