// AWS profiles read from the text of ~/.aws/credentials and ~/.aws/config, for the profile import.
import { ADDRESSING_STYLES, type AddressingStyle } from '../../shared/providers';
import {
  finish,
  nameFor,
  newNotes,
  parseIniSections,
  placeEndpoint,
  problem,
  TEMPORARY_WARNING,
  type Notes,
  type ParsedSection,
  type Values,
} from './profile-import-parsers';

/** The profile a section of ~/.aws/config describes, or undefined for sections that are not profiles. */
function awsConfigProfileName(section: string): { name: string; prefixed: boolean } | undefined {
  const prefixed = /^profile\s+(.+)$/.exec(section);
  if (prefixed) return { name: prefixed[1].trim(), prefixed: true };
  if (/^(sso-session|services)\s/.test(section) || section === 'plugins' || section === 'preview') return undefined;
  return { name: section, prefixed: false };
}

/** Where a profile gets its keys when they are not written in the file. */
function indirectCredentials(v: Values): string | undefined {
  if (v.sso_session || v.sso_start_url || v.sso_account_id) return 'AWS SSO (IAM Identity Center)';
  if (v.credential_process) return 'a program (credential_process)';
  if (v.role_arn || v.source_profile) return 'an assumed role (role_arn / source_profile)';
  if (v.web_identity_token_file) return 'a web identity token';
  return undefined;
}

/**
 * AWS profiles from the text of `~/.aws/credentials` and `~/.aws/config`,
 * merged by name (credentials win, as in the AWS CLI).
 */
export function parseAwsProfiles(credentialsText: string, configText: string): ParsedSection[] {
  const merged = new Map<string, Values>();
  for (const [section, values] of Object.entries(parseIniSections(configText, { nested: true }))) {
    const profile = awsConfigProfileName(section);
    if (!profile) continue;
    const before = merged.get(profile.name) ?? {};
    // `[profile x]` is the documented form: it wins over a bare `[x]`.
    merged.set(profile.name, profile.prefixed ? { ...before, ...values } : { ...values, ...before });
  }
  for (const [name, values] of Object.entries(parseIniSections(credentialsText, { nested: true }))) {
    merged.set(name, { ...merged.get(name), ...values });
  }
  return [...merged].map(([key, v]) => awsSection(key, v));
}

/** One AWS profile's merged settings read into a section: static keys, endpoint, region, addressing. */
function awsSection(key: string, v: Values): ParsedSection {
  const notes = newNotes();
  const accessKeyId = v.aws_access_key_id ?? '';
  const secret = v.aws_secret_access_key || undefined;
  const indirect = indirectCredentials(v);
  if (indirect && !accessKeyId && !secret) {
    problem(
      notes,
      'accessKeyId',
      `This profile gets its keys from ${indirect}; Pail needs static access keys (aws_access_key_id and aws_secret_access_key) for it.`,
    );
    notes.reported.add('secretAccessKey');
  } else {
    if (!accessKeyId) problem(notes, 'accessKeyId', 'No aws_access_key_id is set for this profile.');
    if (!secret) problem(notes, 'secretAccessKey', 'No aws_secret_access_key is set for this profile.');
    if (indirect) notes.warnings.push(`It also uses ${indirect}; Pail uses only the static keys written in the file.`);
  }
  const sessionToken = v.aws_session_token || v.aws_security_token || undefined;
  if (sessionToken) notes.warnings.push(TEMPORARY_WARNING);
  if (v.services) notes.warnings.push('Endpoints from the "services" section are not read; only endpoint_url is.');
  const addressingStyle = awsAddressing(v['s3.addressing_style'], notes);
  // The s3-specific endpoint wins over the global one, as in the AWS CLI; an endpoint's host names the provider.
  const endpoint = v['s3.endpoint_url'] || v.endpoint_url;
  const place = placeEndpoint({ endpoint, region: v.region, provider: endpoint ? undefined : 'aws' }, notes);
  const name = key === 'default' ? 'AWS default' : nameFor(key);
  return finish(key, { name, ...place, accessKeyId, ...(addressingStyle && { addressingStyle }) }, secret, notes, sessionToken);
}

/** The `s3.addressing_style` setting, if it is one Pail knows; a warning otherwise. */
function awsAddressing(value: string | undefined, notes: Notes): AddressingStyle | undefined {
  if (!value) return undefined;
  if ((ADDRESSING_STYLES as readonly string[]).includes(value)) return value as AddressingStyle;
  notes.warnings.push(`addressing_style "${value}" is not path, virtual or auto; the provider's default is used.`);
  return undefined;
}
