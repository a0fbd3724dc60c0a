import { useDetailsStore } from '../stores/details';
import { useInspectorStore } from '../stores/inspector';
import { useObjectVersionsStore } from '../stores/object-versions';
import { targetKey } from '../inspect-target';

/**
 * Work on the inspected object that spans its stores (details, preview,
 * versions): each store loads and saves its own part; these keep them in step.
 */

/** Saves the metadata editor; on a versioned bucket the copy is a new version, so the versions list is read again. */
export async function saveMetadata(): Promise<boolean> {
  const saved = await useDetailsStore.getState().save();
  const target = useDetailsStore.getState().target;
  if (saved && target) await useObjectVersionsStore.getState().load(target);
  return saved;
}

/** Restores or deletes the version the user confirmed, then reads the object's details again (its current version may have changed). */
export async function confirmVersionChange(): Promise<boolean> {
  const done = await useObjectVersionsStore.getState().confirm();
  if (done) await useDetailsStore.getState().refresh();
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
  let timer: ReturnType<typeof setTimeout> | undefined;
  const sync = () => {
    const { target, open } = useInspectorStore.getState();
    const wanted = open ? targetKey(target) : shown;
    if (wanted === shown) return;
    shown = wanted;
    clearTimeout(timer);
    const go = () => {
      void useDetailsStore.getState().load(target);
      void useObjectVersionsStore.getState().load(target);
    };
    // A first target, or clearing one, shows at once; only moving between objects waits.
    if (!target || !useDetailsStore.getState().target) go();
    else timer = setTimeout(go, SETTLE_MS);
  };
  sync();
  const stop = useInspectorStore.subscribe(sync);
  return () => {
    stop();
    clearTimeout(timer);
  };
}
