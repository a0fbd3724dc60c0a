import { openImport } from '../actions/import';
import { openAddProfile } from '../actions/profile-editor';

/**
 * The middle of the window when no profile exists yet: what Pail does in one
 * sentence, and the two ways in: add a profile, or import those the AWS CLI
 * or rclone already have.
 */
export function FirstStart() {
  return (
    <section className="first-start" aria-labelledby="first-start-title">
      <span className="brand-mark first-start-mark" aria-hidden="true" />
      <h2 id="first-start-title" className="first-start-title">
        Welcome to Pail
      </h2>
      <p className="first-start-intro">
        Pail browses, uploads, downloads and shares the files in your S3-compatible object storage: AWS, Linode, Wasabi, Backblaze B2, MinIO, Ceph and others.
      </p>
      <div className="first-start-actions">
        <button type="button" className="button button-primary" onClick={openAddProfile}>
          Add a profile
        </button>
        <button type="button" className="button" onClick={openImport}>
          Import from ~/.aws or rclone
        </button>
      </div>
      <p className="first-start-hint">A profile is an endpoint and an access key; Pail keeps the secret in your system’s keychain when it has one.</p>
    </section>
  );
}
