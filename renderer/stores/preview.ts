import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import type { TextPreview } from '../../shared/ipc/contract';
import { idle, type Loadable } from '../../shared/loadable';
import type { PreviewKind } from '../inspector/preview-kind';

/** How much of a text object the main process reads for a preview (its TEXT_PREVIEW_BYTES). */
export const TEXT_PREVIEW_BYTES = 1024 * 1024;

/** What a preview fetched: the local link for images, PDF, audio and video, or the start of a text object. */
export interface PreviewContent {
  url?: string;
  text?: TextPreview;
}

/** What is decided about a preview from the details alone, before anything is fetched. */
export interface PreviewSubject {
  /** The object it is for (its `targetKey`). */
  subject: string;
  kind: PreviewKind;
  /** Why there is no preview (kind `none`). */
  reason?: string;
  /** Content-Type and size, for the text and media views. */
  contentType?: string;
  size?: number;
}

/** The preview of the inspected object. */
export interface PreviewState extends Partial<PreviewSubject> {
  /** The link or text, once fetched (ready with nothing for kind `none`). */
  content: Loadable<PreviewContent>;
  /** A download that could not start. */
  downloadError?: ErrorInfo;
  /** The media element could not play or show what it got. */
  mediaFailed: boolean;
}

/** The preview store's own setters; fetching is in actions/preview.ts. */
export interface PreviewSetters {
  /** Starts showing a new subject: what it needs is on its way (or, for kind `none`, nothing is). */
  show(subject: PreviewSubject, content: Loadable<PreviewContent>): void;
  /** The fetched link or text, or why it failed. */
  setContent(content: Loadable<PreviewContent>): void;
  clear(): void;
  /** The `<img>`, `<audio>` or `<video>` reported an error. */
  mediaError(): void;
  setDownloadError(error: ErrorInfo | undefined): void;
}

const initialState: PreviewState = {
  content: idle,
  subject: undefined,
  kind: undefined,
  reason: undefined,
  contentType: undefined,
  size: undefined,
  downloadError: undefined,
  mediaFailed: false,
};

/** The preview store. */
export const usePreviewStore = create<PreviewState & PreviewSetters>()((set) => ({
  ...initialState,
  show: (subject, content) => set({ ...initialState, ...subject, content }),
  setContent: (content) => set({ content }),
  clear: () => set(initialState),
  mediaError: () => set({ mediaFailed: true }),
  setDownloadError: (downloadError) => set({ downloadError }),
}));

/** Puts the preview store back to its first state (tests). */
export function resetPreviewStore(): void {
  usePreviewStore.setState(initialState);
}
