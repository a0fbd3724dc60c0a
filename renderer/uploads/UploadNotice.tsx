import { dismissUploadNotice } from '../actions/upload-sheet';
import { useUploadSheetStore } from '../stores/upload-sheet';

/**
 * After a drop that did not ask (its bucket says "don't ask again"): which
 * settings it used, and where to get the upload sheet back.
 */
export function UploadNotice() {
  const notice = useUploadSheetStore((state) => state.notice);
  if (!notice) return null;
  return (
    <div className="upload-notice" role="status" aria-label="Upload settings used">
      <p className="upload-notice-text">
        Uploaded into {notice.bucket} with its remembered settings: {notice.settings}. To be asked again, tick “Ask before uploading a drop into this bucket” in
        Bucket settings… (the bucket’s menu).
      </p>
      <button type="button" className="button button-small" onClick={dismissUploadNotice}>
        Dismiss
      </button>
    </div>
  );
}
