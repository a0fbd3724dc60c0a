import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import type { TextPreview } from '../../shared/ipc/contract';
import type { ObjectDetails } from '../../shared/object-details';
import { api } from '../api';
import { targetKey } from '../inspect-target';
import { downloadFromUrl } from '../download';
import { isTextKind, objectName, previewKind, type PreviewKind } from '../preview-kind';
import type { InspectTarget } from './inspector';

/** How much of a text object the main process reads for a preview (its TEXT_PREVIEW_BYTES). */
export const TEXT_PREVIEW_BYTES = 1024 * 1024;

/** Where a preview stands. */
export type PreviewStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The preview of the inspected object. */
export interface PreviewState {
  status: PreviewStatus;
  /** The object it is for (its `targetKey`). */
  subject?: string;
  kind?: PreviewKind;
  /** Why there is no preview (kind `none`). */
  reason?: string;
  /** Content-Type and size, for the text and media views. */
  contentType?: string;
  size?: number;
  /** The local link for images, PDF, audio and video. */
  url?: string;
  /** The start of a text object. */
  text?: TextPreview;
  error?: ErrorInfo;
  /** A download that could not start. */
  downloadError?: ErrorInfo;
  /** The media element could not play or show what it got. */
  mediaFailed: boolean;
}

/** What the preview store can do; every action works outside React. */
export interface PreviewActions {
  /** Decides the kind from the details and fetches what it needs: a local link, or the first MiB as text. */
  load(target: InspectTarget, details: ObjectDetails): Promise<void>;
  clear(): void;
  /** The `<img>`, `<audio>` or `<video>` reported an error. */
  mediaError(): void;
  /** Saves the previewed object; a failure shows in the preview. */
  download(target: InspectTarget): Promise<void>;
}

const initialState: PreviewState = {
  status: 'idle',
  subject: undefined,
  kind: undefined,
  reason: undefined,
  contentType: undefined,
  size: undefined,
  url: undefined,
  text: undefined,
  error: undefined,
  downloadError: undefined,
  mediaFailed: false,
};

let generation = 0;
/** The text read in flight: a new preview or none stops it. */
let reading: AbortController | undefined;

const refOf = (target: InspectTarget) => ({
  profileId: target.profileId,
  bucket: target.bucket,
  key: target.key,
  ...(target.versionId && { versionId: target.versionId }),
});

/** Saves an object (or one version) through a local link with `download: true`; returns the error if it could not start. */
export async function downloadObject(target: InspectTarget): Promise<ErrorInfo | undefined> {
  const result = await api.s3.objectLink({ ...refOf(target), download: true });
  if (!result.ok) return result.error;
  downloadFromUrl(result.data.url, objectName(target.key));
  return undefined;
}

/** The preview store. */
export const usePreviewStore = create<PreviewState & PreviewActions>()((set) => ({
  ...initialState,

  async load(target, details) {
    const current = ++generation;
    const decision = previewKind({ key: target.key, contentType: details.contentType, contentEncoding: details.contentEncoding, size: details.size });
    const base = {
      ...initialState,
      subject: targetKey(target),
      kind: decision.kind,
      reason: decision.reason,
      contentType: details.contentType,
      size: details.size,
    };
    if (decision.kind === 'none') {
      set({ ...base, status: 'ready' });
      return;
    }
    set({ ...base, status: 'loading' });
    const ref = refOf(target);
    if (isTextKind(decision.kind)) {
      reading?.abort();
      reading = new AbortController();
      const result = await api.s3.readText(ref, { signal: reading.signal });
      if (current !== generation) return;
      set(result.ok ? { status: 'ready', text: result.data } : { status: 'error', error: result.error });
      return;
    }
    const result = await api.s3.objectLink({ ...ref, download: false });
    if (current !== generation) return;
    set(result.ok ? { status: 'ready', url: result.data.url } : { status: 'error', error: result.error });
  },

  clear() {
    generation += 1;
    reading?.abort();
    reading = undefined;
    set(initialState);
  },

  mediaError() {
    set({ mediaFailed: true });
  },

  async download(target) {
    set({ downloadError: undefined });
    set({ downloadError: await downloadObject(target) });
  },
}));

/** Puts the preview store back to its first state (tests). */
export function resetPreviewStore(): void {
  generation += 1;
  usePreviewStore.setState(initialState);
}
