import { bucketUploadsOf } from '../../shared/profile';
import { UPLOAD_ACLS, type UploadAcl } from '../../shared/providers';
import { useAclBlock } from '../hooks/use-acl-block';
import { useProfilesStore } from '../stores/profiles';
import { profileById } from '../stores/selectors';

const LABELS: Record<UploadAcl, string> = { none: 'Bucket default', private: 'Private', 'public-read': 'Public-read' };
const HELP: Record<UploadAcl, string> = {
  none: 'No ACL is sent: the bucket’s own access (its policy or ACL) decides.',
  private: 'Only the owner (and whoever the bucket policy lets in) can read the objects.',
  'public-read': 'Anyone with the URL can read the objects.',
};

/** Where the access the fields opened with comes from, in words ("Saved for this bucket: Public-read"). */
function useDefaultWords(profileId: string, bucket: string): string {
  const profile = useProfilesStore((state) => profileById(state, profileId));
  const own = bucketUploadsOf(profile, bucket)?.acl;
  if (own) return `Saved for this bucket: ${LABELS[own]}.`;
  return `Nothing saved for this bucket yet: the profile’s default applies (${LABELS[profile?.defaultUploadAcl ?? 'none']}).`;
}

/** Access of the uploaded objects: bucket default, private or public-read (off, with the reason, where ACLs are). */
export function UploadAccessField({
  profileId,
  bucket,
  acl,
  onChange,
}: {
  profileId: string;
  bucket: string;
  acl: UploadAcl;
  onChange: (acl: UploadAcl) => void;
}) {
  const off = useAclBlock(profileId, bucket);
  const defaults = useDefaultWords(profileId, bucket);
  return (
    <fieldset className="field-group">
      <legend className="field-label">Access</legend>
      <div className="radio-list">
        {UPLOAD_ACLS.map((value) => {
          const id = `upload-acl-${value}`;
          const disabled = value === 'public-read' && !!off;
          return (
            <div key={value} className="radio-option">
              <input
                id={id}
                type="radio"
                name="upload-acl"
                value={value}
                checked={acl === value}
                disabled={disabled}
                aria-describedby={`${id}-help`}
                onChange={() => onChange(value)}
              />
              <label htmlFor={id}>{LABELS[value]}</label>
              <span id={`${id}-help`} className="field-help">
                {disabled && off ? `Not available: ${off.message}` : HELP[value]}
              </span>
            </div>
          );
        })}
      </div>
      <p className="field-help">{defaults}</p>
    </fieldset>
  );
}
