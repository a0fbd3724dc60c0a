import { ACL_SUPPORT_OPTIONS, ADDRESSING_OPTIONS, CHECKSUM_OPTIONS, compatSummary, UPLOAD_ACL_OPTIONS } from './compat-options';
import { fieldElementId } from './profile-form';
import { selectShownError } from '../stores/editor-selectors';
import { useProfileEditorStore } from '../stores/profile-editor';
import type { AclSupport, ChecksumMode, UploadAcl } from '../../shared/providers';
import { BucketSettingsEditor } from './BucketSettingsEditor';
import { TemporaryCredentialFields } from './TemporaryCredentialFields';
import { DisclosureSection } from '../common/DisclosureSection';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';

const editor = () => useProfileEditorStore.getState();

function AddressingStyleField() {
  const style = useProfileEditorStore((state) => state.values.addressingStyle);
  return (
    <fieldset className="field-group">
      <legend className="field-label">Addressing style</legend>
      <div className="radio-list">
        {ADDRESSING_OPTIONS.map((option) => (
          <div key={option.value} className="radio-option">
            <input
              id={`profile-addressing-${option.value}`}
              type="radio"
              name="addressing-style"
              value={option.value}
              checked={style === option.value}
              aria-describedby={`profile-addressing-${option.value}-help`}
              onChange={() => editor().change((v) => ({ ...v, addressingStyle: option.value }))}
            />
            <label htmlFor={`profile-addressing-${option.value}`}>{option.label}</label>
            <span id={`profile-addressing-${option.value}-help`} className="field-help">
              {option.help}
            </span>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * The settings that make a non-AWS server work, each explained in one line;
 * they start at the provider preset's defaults. Collapsed until asked for.
 */
export function CompatibilitySettings() {
  const open = useProfileEditorStore((state) => state.compatOpen);
  const values = useProfileEditorStore((state) => state.values);
  const bucketError = useProfileEditorStore((state) => selectShownError(state, 'defaultBucket'));
  const cacheControlError = useProfileEditorStore((state) => selectShownError(state, 'uploadCacheControl'));
  const timeoutError = useProfileEditorStore((state) => selectShownError(state, 'responseTimeoutSeconds'));

  return (
    <DisclosureSection id="compat" title="Compatibility settings" open={open} onToggle={(next) => editor().setCompatOpen(next)} summary={compatSummary(values)}>
      <AddressingStyleField />
      <SelectField
        id="profile-checksum-mode"
        label="Checksum mode"
        value={values.checksumMode}
        options={CHECKSUM_OPTIONS}
        help="Newer SDK checksums break many non-AWS servers (NotImplemented, XAmzContentSHA256Mismatch)."
        onChange={(value) => editor().change((v) => ({ ...v, checksumMode: value as ChecksumMode }))}
      />
      <div className="field field-check">
        <input
          id="profile-delete-md5"
          type="checkbox"
          checked={values.deleteObjectsMd5}
          aria-describedby="profile-delete-md5-help"
          onChange={(event) => {
            const deleteObjectsMd5 = event.target.checked;
            editor().change((v) => ({ ...v, deleteObjectsMd5 }));
          }}
        />
        <label htmlFor="profile-delete-md5">Content-MD5 on batch deletes</label>
        <p id="profile-delete-md5-help" className="field-help">
          For servers that demand an MD5 header when deleting many objects (older MinIO).
        </p>
      </div>
      <SelectField
        id="profile-acl-support"
        label="ACL support"
        value={values.aclSupport}
        options={ACL_SUPPORT_OPTIONS}
        help="Whether the server accepts per-object ACLs; auto-detect asks it."
        onChange={(value) => editor().change((v) => ({ ...v, aclSupport: value as AclSupport }))}
      />
      <TextField
        id={fieldElementId('defaultBucket')}
        label="Default bucket"
        autoComplete="off"
        spellCheck={false}
        value={values.defaultBucket}
        error={bucketError}
        help="Opened when the key may not list buckets."
        onChange={(value) => editor().change((v) => ({ ...v, defaultBucket: value }))}
        onBlur={() => values.defaultBucket !== '' && editor().touch('defaultBucket')}
      />
      <SelectField
        id="profile-upload-acl"
        label="Default ACL for uploads"
        value={values.defaultUploadAcl}
        options={UPLOAD_ACL_OPTIONS}
        help="The access new uploads get; the bucket default leaves it to the bucket."
        onChange={(value) => editor().change((v) => ({ ...v, defaultUploadAcl: value as UploadAcl }))}
      />
      <TextField
        id={fieldElementId('uploadCacheControl')}
        label="Cache-Control for uploads"
        autoComplete="off"
        spellCheck={false}
        placeholder="None"
        value={values.uploadCacheControl}
        error={cacheControlError}
        help="Sent with every upload, e.g. max-age=3600, public."
        onChange={(value) => editor().change((v) => ({ ...v, uploadCacheControl: value }))}
        onBlur={() => values.uploadCacheControl !== '' && editor().touch('uploadCacheControl')}
      />
      <TextField
        id={fieldElementId('responseTimeoutSeconds')}
        label="Response timeout (seconds)"
        inputMode="numeric"
        autoComplete="off"
        value={values.responseTimeoutSeconds}
        error={timeoutError}
        help="A request fails when the server sends nothing for this long: no answer, or a transfer that stops moving."
        onChange={(value) => editor().change((v) => ({ ...v, responseTimeoutSeconds: value }))}
        onBlur={() => editor().touch('responseTimeoutSeconds')}
      />
      <BucketSettingsEditor />
      <TemporaryCredentialFields />
    </DisclosureSection>
  );
}
