import { DEFAULT_RESPONSE_TIMEOUT_SECONDS } from '../../shared/timeouts';
import type { SettingSuggestion } from '../../shared/connection-test';
import type { AclSupport, AddressingStyle, ChecksumMode, UploadAcl } from '../../shared/providers';

/** One choice of a setting, as the editor shows it. */
export interface SettingOption<T extends string> {
  value: T;
  label: string;
  /** One line saying what the choice does. */
  help?: string;
}

/** The three addressing styles, each explained in one line. */
export const ADDRESSING_OPTIONS: readonly SettingOption<AddressingStyle>[] = [
  { value: 'path', label: 'Path', help: 'host/bucket/key: works everywhere; self-hosted servers usually need it.' },
  { value: 'virtual', label: 'Virtual-host', help: 'bucket.host/key: what AWS and most clouds prefer.' },
  { value: 'auto', label: 'Auto', help: 'Virtual-host, but path style for bucket names with dots.' },
];

/** When the SDK adds checksums to requests. */
export const CHECKSUM_OPTIONS: readonly SettingOption<ChecksumMode>[] = [
  { value: 'WHEN_REQUIRED', label: 'Only when required (recommended for non-AWS)' },
  { value: 'WHEN_SUPPORTED', label: 'When supported (AWS)' },
];

/** Whether the server accepts object ACLs. */
export const ACL_SUPPORT_OPTIONS: readonly SettingOption<AclSupport>[] = [
  { value: 'auto', label: 'Auto-detect' },
  { value: 'yes', label: 'Yes' },
  { value: 'bucket-only', label: 'Bucket-level only' },
  { value: 'no', label: 'No' },
];

/** The canned ACL that new uploads get. */
export const UPLOAD_ACL_OPTIONS: readonly SettingOption<UploadAcl>[] = [
  { value: 'none', label: 'Bucket default' },
  { value: 'private', label: 'Private' },
  { value: 'public-read', label: 'Public read' },
];

/** What each setting a connection test can suggest is called in the editor. */
export const SUGGESTION_SETTING_LABELS: Record<SettingSuggestion['setting'], string> = {
  checksumMode: 'Checksum mode',
  deleteObjectsMd5: 'Content-MD5 on batch deletes',
  addressingStyle: 'Addressing style',
  region: 'Region',
  defaultBucket: 'Default bucket',
};

function labelOf(options: readonly SettingOption<string>[], value: string): string {
  return options.find((o) => o.value === value)?.label ?? value;
}

/** A suggestion as one short instruction: `Set Checksum mode to "Only when required (…)"`. */
export function describeSuggestion(suggestion: SettingSuggestion): string {
  const setting = SUGGESTION_SETTING_LABELS[suggestion.setting];
  const { value } = suggestion;
  if (typeof value === 'boolean') return `Turn ${value ? 'on' : 'off'} ${setting}`;
  let shown = value;
  if (suggestion.setting === 'checksumMode') shown = labelOf(CHECKSUM_OPTIONS, value);
  if (suggestion.setting === 'addressingStyle') shown = labelOf(ADDRESSING_OPTIONS, value);
  return `Set ${setting} to “${shown}”`;
}

/** The compatibility settings in one line, shown while the section is collapsed. */
export function compatSummary(values: {
  addressingStyle: AddressingStyle;
  checksumMode: ChecksumMode;
  deleteObjectsMd5: boolean;
  aclSupport: AclSupport;
  defaultBucket: string;
  responseTimeoutSeconds?: string;
}): string {
  const parts = [
    `${labelOf(ADDRESSING_OPTIONS, values.addressingStyle)} addressing`,
    values.checksumMode === 'WHEN_REQUIRED' ? 'checksums only when required' : 'checksums when supported',
    `ACLs: ${labelOf(ACL_SUPPORT_OPTIONS, values.aclSupport).toLowerCase()}`,
  ];
  if (values.deleteObjectsMd5) parts.push('Content-MD5 on batch deletes');
  if (values.defaultBucket.trim()) parts.push(`default bucket ${values.defaultBucket.trim()}`);
  const timeout = values.responseTimeoutSeconds?.trim();
  if (timeout && timeout !== String(DEFAULT_RESPONSE_TIMEOUT_SECONDS)) parts.push(`response timeout ${timeout} s`);
  return parts.join(' · ');
}
