import { RunOnceScheduler } from '../../shared/async';
import { targetKey } from '../inspector/inspect-target';
import { useDetailsStore } from '../stores/details';
import { useInspectorStore, type InspectTarget } from '../stores/inspector';
import { loadDetails, refreshDetails, saveDetails } from './details';
import { confirmVersion, loadVersions } from './versions';

/**
 * Work on the inspected object that spans its stores (details, preview,
 * versions): each action file loads and saves its own part; these keep them in step.
 */

/** Saves the metadata editor; on a versioned bucket the copy is a new version, so the versions list is read again. */
export async function saveMetadata(): Promise<boolean> {
  const saved = await saveDetails();
  const target = useDetailsStore.getState().target;
  if (saved && target) await loadVersions(target);
  return saved;
}

/** Restores or deletes the version the user confirmed, then reads the object's details again (its current version may have changed). */
export async function confirmVersionChange(): Promise<boolean> {
  const done = await confirmVersion();
  if (done) await refreshDetails();
  return done;
}

// Moving through rows with the arrow keys inspects each one in turn; wait this
// long for the focus to settle before reading headers and previews.
const SETTLE_MS = 120;

/**
 * Keeps the panel's stores on the inspected object, outside React: loads its
 * details (then its preview) and its versions when the target changes or the
 * panel opens, and nothing while the panel is hidden. Returns the function that stops.
 */
export function followInspector(): () => void {
  let shown = '';
  let next: InspectTarget | undefined;
  const go = (target: InspectTarget | undefined) => {
    void loadDetails(target);
    void loadVersions(target);
  };
  // Cancelled and armed again on every move, so only the target the focus settles on is read.
  const settle = new RunOnceScheduler(() => go(next), SETTLE_MS);
  const sync = () => {
    const { target, open } = useInspectorStore.getState();
    const wanted = open ? targetKey(target) : shown;
    if (wanted === shown) return;
    shown = wanted;
    settle.cancel();
    // A first target, or clearing one, shows at once; only moving between objects waits.
    if (!target || !useDetailsStore.getState().target) go(target);
    else {
      next = target;
      settle.schedule();
    }
  };
  sync();
  const stop = useInspectorStore.subscribe(sync);
  return () => {
    stop();
    settle.cancel();
  };
}
