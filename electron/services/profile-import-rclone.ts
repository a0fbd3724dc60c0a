// The S3 remotes of an rclone.conf, read for the profile import.
import type { ProviderId } from '../../shared/providers';
import {
  finish,
  nameFor,
  newNotes,
  parseIniSections,
  placeEndpoint,
  problem,
  TEMPORARY_WARNING,
  type ParsedSection,
  type Values,
} from './profile-import-parsers';

/** rclone's `provider` values that have a Pail preset (lower case). */
const RCLONE_PROVIDERS: Record<string, ProviderId> = {
  aws: 'aws',
  ceph: 'ceph',
  cloudflare: 'cloudflare-r2',
  digitalocean: 'digitalocean',
  linode: 'linode',
  minio: 'minio',
  scaleway: 'scaleway',
  wasabi: 'wasabi',
  other: 'other',
};

/** The `type = s3` remotes of an rclone.conf; other remote types are left out. */
export function parseRcloneRemotes(text: string): ParsedSection[] {
  return Object.entries(parseIniSections(text))
    .filter(([, v]) => (v.type ?? '').toLowerCase() === 's3')
    .map(([key, v]) => rcloneSection(key, v));
}

/** One rclone `s3` remote read into a section: keys, endpoint, region, provider, path style. */
function rcloneSection(key: string, v: Values): ParsedSection {
  const notes = newNotes();
  const accessKeyId = v.access_key_id ?? '';
  const secret = v.secret_access_key || undefined;
  if (!accessKeyId && !secret && v.env_auth === 'true') {
    problem(
      notes,
      'accessKeyId',
      'This remote uses environment credentials (env_auth = true); Pail needs the keys: add access_key_id and secret_access_key to it.',
    );
    notes.reported.add('secretAccessKey');
  } else {
    if (!accessKeyId) problem(notes, 'accessKeyId', 'No access_key_id is set for this remote.');
    if (!secret) problem(notes, 'secretAccessKey', 'No secret_access_key is set for this remote.');
  }
  const sessionToken = v.session_token || undefined;
  if (sessionToken) notes.warnings.push(TEMPORARY_WARNING);
  let region: string | undefined = v.region;
  if (region === 'other-v2-signature' || v.v2_auth === 'true') {
    notes.warnings.push('rclone signs this remote with the old V2 signature; Pail signs with V4, which the server must accept.');
    if (region === 'other-v2-signature') region = undefined;
  }
  // Remotes written before rclone had `provider` are AWS when they name no endpoint.
  const named = v.provider ? RCLONE_PROVIDERS[v.provider.toLowerCase()] : v.endpoint ? undefined : 'aws';
  if (v.provider && !named) notes.warnings.push(`Pail has no preset for rclone's provider "${v.provider}": it is imported by its endpoint.`);
  const place = placeEndpoint({ endpoint: v.endpoint, region, provider: named }, notes);
  // Unset means rclone's own default, which differs by provider: keep Pail's preset then.
  const style = v.force_path_style === 'true' ? 'path' : v.force_path_style === 'false' ? 'virtual' : undefined;
  return finish(key, { name: nameFor(key), ...place, accessKeyId, ...(style && { addressingStyle: style }) }, secret, notes, sessionToken);
}
