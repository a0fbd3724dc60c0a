import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/** The object (or one version of it) the inspector panel shows. */
export interface InspectTarget {
  profileId: string;
  bucket: string;
  key: string;
  versionId?: string;
}

/** The narrowest the inspector may be, in CSS pixels. */
export const INSPECTOR_MIN_WIDTH = 260;
/** The widest the inspector may be, in CSS pixels. */
export const INSPECTOR_MAX_WIDTH = 720;
const DEFAULT_WIDTH = 340;

/** What the window remembers of the inspector across restarts: its width, and whether it is open in each layout. */
export interface InspectorPrefs {
  width: number;
  openInOnePane: boolean;
  openInTwoPanes: boolean;
}

const defaultPrefs: InspectorPrefs = { width: DEFAULT_WIDTH, openInOnePane: true, openInTwoPanes: true };

/** Reads remembered prefs, keeping only sound values (a damaged or older entry falls back to the defaults field by field). */
export function soundInspectorPrefs(saved: unknown): InspectorPrefs {
  const value = (typeof saved === 'object' && saved !== null ? saved : {}) as Partial<Record<keyof InspectorPrefs, unknown>>;
  const width = typeof value.width === 'number' && Number.isFinite(value.width) ? value.width : DEFAULT_WIDTH;
  return {
    width: Math.round(Math.max(INSPECTOR_MIN_WIDTH, Math.min(INSPECTOR_MAX_WIDTH, width))),
    openInOnePane: typeof value.openInOnePane === 'boolean' ? value.openInOnePane : true,
    openInTwoPanes: typeof value.openInTwoPanes === 'boolean' ? value.openInTwoPanes : true,
  };
}

interface InspectorState extends InspectorPrefs {
  /** What the panel shows; undefined: the panel is empty (or closed). */
  target?: InspectTarget;
  /** Whether the panel is open now (the user can hide it), in the layout shown. */
  open: boolean;
  /** The layout shown: one pane or two (each remembers whether the panel is folded). */
  twoPanes: boolean;
  inspect(target: InspectTarget | undefined): void;
  /** Opens or folds the panel, remembered for the layout shown. */
  setOpen(open: boolean): void;
  setWidth(width: number): void;
  /** The window switched between one pane and two: the panel opens or folds as it was last in that layout. */
  setLayout(twoPanes: boolean): void;
}

/**
 * The link between the object table and the inspector panel: the table calls
 * `inspect` when one object is focused or chosen; the panel reads `target`.
 * Its width and folded state are remembered in the page's storage (kept across
 * restarts of the app, as the window's other UI preferences).
 */
export const useInspectorStore = create<InspectorState>()(
  persist(
    (set, get) => ({
      ...defaultPrefs,
      target: undefined,
      open: true,
      twoPanes: false,
      inspect: (target) => set({ target }),
      setOpen: (open) => set(get().twoPanes ? { open, openInTwoPanes: open } : { open, openInOnePane: open }),
      setWidth: (width) => set({ width: soundInspectorPrefs({ width }).width }),
      setLayout: (twoPanes) => set((state) => ({ twoPanes, open: twoPanes ? state.openInTwoPanes : state.openInOnePane })),
    }),
    {
      name: 'pail.inspector',
      version: 1,
      // Without a page (tests under Node) nothing is remembered.
      storage: createJSONStorage(() => localStorage),
      partialize: ({ width, openInOnePane, openInTwoPanes }) => ({ width, openInOnePane, openInTwoPanes }),
      merge: (saved, current) => {
        const prefs = soundInspectorPrefs(saved);
        return { ...current, ...prefs, open: current.twoPanes ? prefs.openInTwoPanes : prefs.openInOnePane };
      },
    },
  ),
);

/** Resets the store (tests). */
export function resetInspectorStore(): void {
  useInspectorStore.setState({ target: undefined, open: true, twoPanes: false, ...defaultPrefs });
}
