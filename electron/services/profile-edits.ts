// How a profile's stored record is made, changed and exported: pure functions of checked settings,
// kept apart from ProfileService, which reads and writes profiles.json and the secrets around them.
import type { z } from 'zod';
import { completeProfile, normalizeEndpoint, type Profile, type profileInputSchema, type profilePatchSchema } from '../../shared/profile';
import type { ProfileExport } from '../../shared/profile-import';

/** A new profile's settings as the schema answers them. */
type CheckedInput = z.output<typeof profileInputSchema>;
/** A change to a profile as the schema answers it. */
type CheckedPatch = z.output<typeof profilePatchSchema>;

/** The record of a new profile (its secret left out): empty settings dropped, the endpoint normalised. */
export function newProfile(values: CheckedInput, id: string, secretStore: Profile['secretStore'], at: string): Profile {
  const { secretAccessKey: _secret, sessionToken: _token, proxyPassword: _proxyPassword, jurisdiction, ...settings } = values;
  return completeProfile({
    ...withoutEmpty(settings),
    ...(jurisdiction && { jurisdiction }),
    name: values.name,
    region: values.region,
    accessKeyId: values.accessKeyId,
    id,
    endpoint: normalizeEndpoint(values.endpoint),
    secretStore,
    createdAt: at,
    updatedAt: at,
  });
}

/** `current` with the patch's settings (its secret left out): an empty default bucket or expiry clears it. */
export function patchedProfile(current: Profile, values: CheckedPatch, updatedAt: string): Profile {
  const { secretAccessKey: _secret, sessionToken: _token, proxyPassword: _proxyPassword, jurisdiction, ...settings } = values;
  const next: Profile = completeProfile({
    ...current,
    ...withoutUndefined(settings),
    ...(jurisdiction !== undefined && { jurisdiction: jurisdiction || undefined }),
    ...(values.defaultBucket === '' && { defaultBucket: undefined }),
    ...(values.credentialsExpireAt === '' && { credentialsExpireAt: undefined }),
    ...(values.caBundle === '' && { caBundle: undefined }),
    ...(values.proxyUrl === '' && { proxyUrl: undefined }),
    ...(values.proxyUser === '' && { proxyUser: undefined }),
    endpoint: values.endpoint !== undefined ? normalizeEndpoint(values.endpoint) : current.endpoint,
    updatedAt,
  });
  if (next.defaultBucket === undefined) delete next.defaultBucket;
  if (next.credentialsExpireAt === undefined) delete next.credentialsExpireAt;
  if (next.caBundle === undefined) delete next.caBundle;
  if (next.jurisdiction === undefined) delete next.jurisdiction;
  if (next.proxyUrl === undefined) delete next.proxyUrl;
  if (next.proxyUser === undefined) delete next.proxyUser;
  if (next.pinnedCertificates?.length === 0) delete next.pinnedCertificates;
  if (next.dontVerifyCertificates === false) delete next.dontVerifyCertificates;
  return next;
}

/** A profile's settings as a JSON file to share or keep: never its secret, id or secret store. */
export function profileExport(profile: Profile): ProfileExport {
  const { id: _id, secretStore: _store, createdAt: _c, updatedAt: _u, ...settings } = profile;
  const slug =
    settings.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'profile';
  const content = JSON.stringify({ pail: { kind: 'profile', version: 1 }, profile: settings }, null, 2) + '\n';
  return { fileName: `pail-profile-${slug}.json`, content };
}

/** Drops keys whose value is undefined, so a spread does not erase settings. */
function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Drops undefined and empty-string settings (an empty default bucket means none). */
function withoutEmpty<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}
