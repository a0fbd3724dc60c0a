import type { ErrorInfo } from '../../shared/errors';
import { failed, loading, ready } from '../../shared/loadable';
import type { ObjectDetails } from '../../shared/object-details';
import { LatestOnly } from '../../shared/async';
import { api } from '../api';
import { downloadFromUrl } from '../common/download';
import { targetKey } from '../inspector/inspect-target';
import { isTextKind, objectName, previewKind } from '../inspector/preview-kind';
import type { InspectTarget } from '../stores/inspector';
import { usePreviewStore } from '../stores/preview';

// A newer preview (or none) makes the answers of the one before stale.
const latest = new LatestOnly();
/** The text read in flight: a new preview or none stops it. */
let reading: AbortController | undefined;

const refOf = (target: InspectTarget) => ({
  profileId: target.profileId,
  bucket: target.bucket,
  key: target.key,
  ...(target.versionId && { versionId: target.versionId }),
});

/** Decides the preview's kind from the details and fetches what it needs: a local link, or the first MiB as text. */
export async function loadPreview(target: InspectTarget, details: ObjectDetails): Promise<void> {
  const isCurrent = latest.begin();
  const decision = previewKind({ key: target.key, contentType: details.contentType, contentEncoding: details.contentEncoding, size: details.size });
  const subject = { subject: targetKey(target), kind: decision.kind, reason: decision.reason, contentType: details.contentType, size: details.size };
  const preview = usePreviewStore.getState();
  if (decision.kind === 'none') {
    preview.show(subject, ready({}));
    return;
  }
  preview.show(subject, loading);
  const ref = refOf(target);
  if (isTextKind(decision.kind)) {
    reading?.abort();
    reading = new AbortController();
    const result = await api.s3.readText(ref, { signal: reading.signal });
    if (isCurrent()) preview.setContent(result.ok ? ready({ text: result.data }) : failed(result.error));
    return;
  }
  const result = await api.s3.objectLink({ ...ref, download: false });
  if (isCurrent()) preview.setContent(result.ok ? ready({ url: result.data.url }) : failed(result.error));
}

/** Shows no preview, and stops the one on its way. */
export function clearPreview(): void {
  latest.invalidate();
  reading?.abort();
  reading = undefined;
  usePreviewStore.getState().clear();
}

/** Saves an object (or one version) through a local link with `download: true`; returns the error if it could not start. */
export async function downloadObject(target: InspectTarget): Promise<ErrorInfo | undefined> {
  const result = await api.s3.objectLink({ ...refOf(target), download: true });
  if (!result.ok) return result.error;
  downloadFromUrl(result.data.url, objectName(target.key));
  return undefined;
}

/** Saves the previewed object; a failure shows in the preview. */
export async function downloadPreviewed(target: InspectTarget): Promise<void> {
  const preview = usePreviewStore.getState();
  preview.setDownloadError(undefined);
  preview.setDownloadError(await downloadObject(target));
}
