import { create } from 'zustand';

/** The inspector's folded sections that read from the server when opened (the others are always open). */
export type FoldedSection = 'policy' | 'lifecycle' | 'cors' | 'bucketTags' | 'objectTags' | 'objectLock' | 'versionLock' | 'publicAccess' | 'encryption';

/** Which folded sections are open: the same for every bucket and object, as the user left them. */
export interface InspectorSectionsState {
  open: Record<FoldedSection, boolean>;
  setOpen(section: FoldedSection, open: boolean): void;
}

export const useInspectorSectionsStore = create<InspectorSectionsState>()((set) => ({
  open: {
    policy: false,
    lifecycle: false,
    cors: false,
    bucketTags: false,
    objectTags: false,
    objectLock: false,
    versionLock: false,
    publicAccess: false,
    encryption: false,
  },
  setOpen: (section, open) => set((state) => ({ open: { ...state.open, [section]: open } })),
}));
