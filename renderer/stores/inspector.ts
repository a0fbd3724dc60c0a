import { create } from 'zustand';

/** The object (or one version of it) the inspector panel shows. */
export interface InspectTarget {
  profileId: string;
  bucket: string;
  key: string;
  versionId?: string;
}

interface InspectorState {
  /** What the panel shows; undefined: the panel is empty (or closed). */
  target?: InspectTarget;
  /** Whether the panel is open (the user can hide it). */
  open: boolean;
  inspect(target: InspectTarget | undefined): void;
  setOpen(open: boolean): void;
}

/**
 * The link between the object table and the inspector panel: the table calls
 * `inspect` when one object is focused or chosen; the panel reads `target`.
 */
export const useInspectorStore = create<InspectorState>((set) => ({
  target: undefined,
  open: true,
  inspect: (target) => set({ target }),
  setOpen: (open) => set({ open }),
}));

/** Resets the store (tests). */
export function resetInspectorStore(): void {
  useInspectorStore.setState({ target: undefined, open: true });
}
