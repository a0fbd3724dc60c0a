import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { errorOf, valueOf } from '../../shared/loadable';
import { downloadPreviewed } from '../actions/preview';
import { targetKey } from './inspect-target';
import type { InspectTarget } from '../stores/inspector';
import { usePreviewStore, type PreviewState } from '../stores/preview';
import { ErrorPanel } from '../common/ErrorPanel';
import { showDialog } from '../stores/dialogs';
import { canOpenInApp } from '../actions/edit-in-app';
import { InAppEditing } from '../edit/InAppEditing';
import { PreviewText } from './PreviewText';

const preview = () => usePreviewStore.getState();

const selectPreview = (state: PreviewState) => ({
  content: state.content,
  subject: state.subject,
  kind: state.kind,
  reason: state.reason,
  downloadError: state.downloadError,
  mediaFailed: state.mediaFailed,
});

/** The image, PDF, audio or video behind a local link; the link streams with Range requests, so nothing big is read whole. */
function MediaPreview({ kind, url, name, failed }: { kind: string; url: string; name: string; failed: boolean }) {
  const what: Record<string, string> = { image: 'image', pdf: 'PDF', audio: 'audio file', video: 'video' };
  if (failed) return <p className="preview-none">This {what[kind] ?? 'file'} could not be shown here; download it to open it.</p>;
  const onError = () => preview().mediaError();
  switch (kind) {
    case 'image':
      return (
        <div className="preview-image">
          <img src={url} alt={name} onError={onError} />
        </div>
      );
    case 'pdf':
      return (
        <iframe
          className="preview-pdf"
          src={url}
          title="PDF preview"
          // A same-origin link whose frame holds no document was refused (an error page is cross-origin).
          onLoad={(event) => url.startsWith('/') && !event.currentTarget.contentDocument && onError()}
        />
      );
    case 'audio':
      return <audio className="preview-audio" src={url} controls preload="metadata" aria-label={name} onError={onError} />;
    case 'video':
      return <video className="preview-video" src={url} controls preload="metadata" aria-label={name} onError={onError} />;
    default:
      return null;
  }
}

/** Props of {@link PreviewSection}. */
export interface PreviewSectionProps {
  target: InspectTarget;
  name: string;
}

/** The "Preview" section: what the object looks like, or why it cannot be shown, with a download button. */
export function PreviewSection({ target, name }: PreviewSectionProps) {
  const state = usePreviewStore(useShallow(selectPreview));
  const current = state.subject === targetKey(target);
  const { status } = state.content;
  const error = errorOf(state.content);
  const url = valueOf(state.content)?.url;

  let body: ReactNode;
  if (!current || status === 'loading' || status === 'idle')
    body = (
      <p className="inspector-muted" role="status">
        Loading preview…
      </p>
    );
  else if (error) body = <ErrorPanel title="Could not load the preview" error={error} />;
  else if (state.kind === 'none') body = <p className="preview-none">{state.reason ?? 'No preview for this type'}</p>;
  else if (state.kind === 'text' || state.kind === 'json' || state.kind === 'csv') body = <PreviewText target={target} name={name} kind={state.kind} />;
  else if (url && state.kind) body = <MediaPreview key={url} kind={state.kind} url={url} name={name} failed={state.mediaFailed} />;

  return (
    <section className="inspector-section" aria-labelledby="inspector-preview-title">
      <div className="inspector-section-head">
        <h3 id="inspector-preview-title" className="inspector-section-title">
          Preview
        </h3>
        {current && !target.versionId && (state.kind === 'text' || state.kind === 'json' || state.kind === 'csv') && (
          <button
            type="button"
            className="button button-small"
            aria-label={`Edit ${name}`}
            onClick={() => showDialog({ kind: 'editText', profileId: target.profileId, bucket: target.bucket, key: target.key })}
          >
            Edit
          </button>
        )}
        {/* Named for the object, apart from the toolbar's Download (which acts on the selection). */}
        <button type="button" className="button button-small" aria-label={`Download ${name}`} onClick={() => void downloadPreviewed(target)}>
          Download
        </button>
      </div>
      {body}
      {canOpenInApp() && !target.versionId && <InAppEditing place={target} name={name} />}
      {state.downloadError && <ErrorPanel title={`Could not download ${name}`} error={state.downloadError} />}
    </section>
  );
}
