import { EncryptionChoice, type EncryptionOption } from '../common/EncryptionChoice';
import { SelectField } from '../common/SelectField';
import { SuggestField } from '../common/SuggestField';
import { useProfilesStore } from '../stores/profiles';
import { profileById } from '../stores/selectors';
import { UploadAccessField } from './UploadAccessField';
import { ContentTypeRows, MetadataRows } from './UploadSheetFields';
import {
  CACHE_CONTROL_PRESETS,
  storageClassesFor,
  type DispositionChoice,
  type ExtensionGroup,
  type SheetChoices,
  type SheetProblems,
} from './upload-sheet-plan';

const DISPOSITIONS: { value: DispositionChoice; label: string }[] = [
  { value: 'none', label: 'None (the browser decides)' },
  { value: 'inline', label: 'Inline (shown in the browser)' },
  { value: 'attachment', label: 'Attachment (downloaded)' },
];

/** Encryption at rest as uploads offer it (a bucket's DSSE-KMS default is set in its Encryption section). */
const ENCRYPTIONS: readonly EncryptionOption[] = [
  { value: 'none', label: 'None asked', help: 'No encryption header: the bucket’s default encryption on the server applies, if it has one.' },
  { value: 'AES256', label: 'SSE-S3', help: 'The provider encrypts each object with keys it holds and manages.' },
  { value: 'aws:kms', label: 'SSE-KMS', help: 'Encrypted with a key in the provider’s key service (KMS). Servers take this only over HTTPS.' },
];

/**
 * The options of an upload: access, Content-Type by file type, Cache-Control, Content-Disposition,
 * storage class, metadata and encryption at rest. The upload sheet shows them for a drop, the sync
 * dialog for the files a sync uploads; each keeps the choices in its own state.
 */
export function UploadOptionsFields({
  place,
  groups,
  contentsUnknown = false,
  choices,
  problems,
  show,
  onChange,
}: {
  place: { profileId: string; bucket: string };
  /** The file types of what is uploaded (a row each). */
  groups: readonly ExtensionGroup[];
  /** Some files are not known yet (a picked folder's, read when the upload starts). */
  contentsUnknown?: boolean;
  choices: SheetChoices;
  problems: SheetProblems;
  /** Problems are shown (once the user asked to send). */
  show: boolean;
  onChange: (patch: Partial<SheetChoices>) => void;
}) {
  const provider = useProfilesStore((state) => profileById(state, place.profileId)?.provider);
  return (
    <>
      <UploadAccessField profileId={place.profileId} bucket={place.bucket} acl={choices.acl} onChange={(acl) => onChange({ acl })} />
      <ContentTypeRows
        groups={groups}
        typed={choices.contentTypes}
        problems={show ? problems.contentTypes : {}}
        contentsUnknown={contentsUnknown}
        onChange={(contentTypes) => onChange({ contentTypes })}
      />
      <SuggestField
        id="upload-cache-control"
        label="Cache-Control"
        suggestions={CACHE_CONTROL_PRESETS}
        value={choices.cacheControl}
        placeholder="none"
        help="How long browsers and CDNs may keep the objects, e.g. “max-age=31536000, immutable” for files that never change."
        error={show ? problems.cacheControl : undefined}
        onChange={(cacheControl) => onChange({ cacheControl })}
      />
      <SelectField
        id="upload-disposition"
        label="Content-Disposition"
        value={choices.disposition}
        options={DISPOSITIONS}
        onChange={(value) => onChange({ disposition: value as DispositionChoice })}
      />
      <SuggestField
        id="upload-storage-class"
        label="Storage class"
        suggestions={storageClassesFor(provider)}
        value={choices.storageClass}
        placeholder="the bucket’s default"
        help="Empty: the bucket’s default class. Providers offer different classes; one the server does not know fails the upload."
        error={show ? problems.storageClass : undefined}
        onChange={(storageClass) => onChange({ storageClass })}
      />
      <MetadataRows
        rows={choices.metadata}
        problems={problems.metadata}
        total={problems.metadataTotal}
        show={show}
        onChange={(metadata) => onChange({ metadata })}
      />
      <EncryptionChoice
        idPrefix="upload-encryption"
        legend="Encryption at rest"
        options={ENCRYPTIONS}
        draft={choices.encryption}
        onChange={(encryption) => onChange({ encryption })}
        keyError={show ? problems.encryption : undefined}
      />
    </>
  );
}
