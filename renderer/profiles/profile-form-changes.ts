import type { SettingSuggestion } from '../../shared/connection-test';
import {
  ADDRESSING_STYLES,
  CHECKSUM_MODES,
  presetEndpoint,
  providerById,
  r2EndpointParts,
  regionFromEndpoint,
  type CompatibilitySettings,
  type ProviderId,
  type R2Jurisdiction,
} from '../../shared/providers';
import { linodeHostAsEndpoint } from '../../shared/linode-hosts';
import type { ProfileFormValues } from './profile-form';

// How the editor's fields follow each other: a preset and a region give the
// endpoint until the user types their own; a preset gives the compatibility
// settings the user has not changed. Each function returns new values.

const COMPAT_KEYS = ['addressingStyle', 'checksumMode', 'deleteObjectsMd5', 'aclSupport'] as const satisfies readonly (keyof CompatibilitySettings)[];

/** The endpoint the form's preset gives for its region and account id, if it gives one. */
export function presetEndpointOf(values: ProfileFormValues): string | undefined {
  return presetEndpoint(providerById(values.provider), values.region.trim(), values.accountId.trim(), values.jurisdiction);
}

/** Whether the preset writes the endpoint (Amazon, Linode, R2…) rather than the user (MinIO, Ceph, other). */
export function presetWritesEndpoint(values: ProfileFormValues): boolean {
  return providerById(values.provider).endpointTemplate !== undefined;
}

/** Whether to offer "Use the preset endpoint": the user typed another endpoint and the preset has one. */
export function canUsePresetEndpoint(values: ProfileFormValues): boolean {
  const derived = presetEndpointOf(values);
  return values.endpointEdited && derived !== undefined && derived !== values.endpoint;
}

/** Re-derives the endpoint after the region or account id changed, unless the user typed their own. */
function followPreset(values: ProfileFormValues): ProfileFormValues {
  if (!presetWritesEndpoint(values) || values.endpointEdited) return values;
  return { ...values, endpoint: presetEndpointOf(values) ?? '' };
}

/**
 * Switches the preset: the region stays if the new preset has it (else its
 * default), each compatibility setting still at the old preset's default takes
 * the new one's, and an endpoint the user did not type follows the preset.
 */
export function chooseProvider(values: ProfileFormValues, providerId: ProviderId): ProfileFormValues {
  const from = providerById(values.provider);
  const to = providerById(providerId);
  if (from.id === to.id) return values;
  const keepRegion = to.regions.some((r) => r.id === values.region);
  const next: ProfileFormValues = {
    ...values,
    provider: to.id,
    region: keepRegion ? values.region : to.defaultRegion,
    customRegion: false,
  };
  for (const key of COMPAT_KEYS) {
    if (values[key] === from.defaults[key]) (next as unknown as Record<string, unknown>)[key] = to.defaults[key];
  }
  const typedByUser = from.endpointTemplate ? values.endpointEdited : values.endpoint.trim() !== '';
  if (to.endpointTemplate) {
    // A URL typed for a self-hosted preset is not this provider's: the preset's replaces it.
    const keepTyped = from.endpointTemplate !== undefined && typedByUser;
    return followPreset({ ...next, endpointEdited: keepTyped });
  }
  // A self-hosted preset: keep a URL the user typed, drop one a preset wrote.
  return { ...next, endpoint: typedByUser ? values.endpoint : '', endpointEdited: false };
}

/** Picks a region from the preset's list. */
export function chooseRegion(values: ProfileFormValues, region: string): ProfileFormValues {
  return followPreset({ ...values, region, customRegion: false });
}

/** Picks "Custom…" in the preset's region list: the region is typed instead. */
export function chooseCustomRegion(values: ProfileFormValues): ProfileFormValues {
  return { ...values, customRegion: true };
}

/** Types a region. */
export function typeRegion(values: ProfileFormValues, region: string): ProfileFormValues {
  return followPreset({ ...values, region });
}

/** Types the account id (R2). */
export function typeAccountId(values: ProfileFormValues, accountId: string): ProfileFormValues {
  return followPreset({ ...values, accountId });
}

/** Chooses R2's jurisdiction ("" for none), which names the endpoint. */
export function chooseJurisdiction(values: ProfileFormValues, jurisdiction: R2Jurisdiction | ''): ProfileFormValues {
  return followPreset({ ...values, jurisdiction });
}

/**
 * What an endpoint pasted for this preset says about the other fields: the
 * region its host names (a Linode host's first label; `s3.<region>.…`), and
 * R2's account id and jurisdiction. A host the preset's list lacks is kept,
 * as a custom region.
 */
function fieldsNamedBy(values: ProfileFormValues, endpoint: string): Partial<ProfileFormValues> {
  const preset = providerById(values.provider);
  const r2 = preset.jurisdictions ? r2EndpointParts(endpoint.trim()) : undefined;
  if (r2) return { accountId: r2.accountId, jurisdiction: (r2.jurisdiction ?? '') as R2Jurisdiction | '' };
  const region = preset.signingRegion ? undefined : regionFromEndpoint(preset, endpoint.trim());
  return region ? { region, customRegion: !preset.regions.some((r) => r.id === region) } : {};
}

/** Types the endpoint: the fields it names follow it; any other endpoint is the user's, which choosing a region leaves alone. */
export function typeEndpoint(values: ProfileFormValues, typed: string): ProfileFormValues {
  // Cloud Manager shows a Linode endpoint as a bare host name: it becomes the URL it names.
  const endpoint = (values.provider === 'linode' && linodeHostAsEndpoint(typed)) || typed;
  const next = presetWritesEndpoint(values) ? { ...values, ...fieldsNamedBy(values, endpoint) } : values;
  const edited = presetWritesEndpoint(next) && endpoint !== presetEndpointOf(next);
  return { ...next, endpoint, endpointEdited: edited };
}

/** Puts back the endpoint the preset gives. */
export function usePresetEndpoint(values: ProfileFormValues): ProfileFormValues {
  return followPreset({ ...values, endpointEdited: false });
}

/** Whether the form already has the value a connection test suggested. */
export function isSuggestionApplied(values: ProfileFormValues, suggestion: SettingSuggestion): boolean {
  return values[suggestion.setting] === suggestion.value;
}

/** Sets the field a connection test suggested; a value of the wrong kind changes nothing. */
export function applySuggestion(values: ProfileFormValues, suggestion: SettingSuggestion): ProfileFormValues {
  const { value } = suggestion;
  switch (suggestion.setting) {
    case 'checksumMode':
      return (CHECKSUM_MODES as readonly unknown[]).includes(value) ? { ...values, checksumMode: value as ProfileFormValues['checksumMode'] } : values;
    case 'addressingStyle':
      return (ADDRESSING_STYLES as readonly unknown[]).includes(value) ? { ...values, addressingStyle: value as ProfileFormValues['addressingStyle'] } : values;
    case 'deleteObjectsMd5':
      return typeof value === 'boolean' ? { ...values, deleteObjectsMd5: value } : values;
    case 'region': {
      if (typeof value !== 'string') return values;
      const listed = providerById(values.provider).regions.some((r) => r.id === value);
      return listed ? chooseRegion(values, value) : typeRegion({ ...values, customRegion: true }, value);
    }
    case 'defaultBucket':
      return typeof value === 'string' ? { ...values, defaultBucket: value } : values;
  }
}

/**
 * Moves a custom domain typed as the endpoint to where it belongs: the endpoint becomes the
 * provider's (following the preset again when it is the preset's), and the bucket's row gets the
 * old endpoint as its public URL base (a new row, numbered `newRowId`, when the bucket has none).
 */
export function withEndpointMovedToBucket(
  values: ProfileFormValues,
  move: { bucket: string; endpoint: string; publicUrlBase: string },
  newRowId: number,
): ProfileFormValues {
  const endpointEdited = presetWritesEndpoint(values) && presetEndpointOf(values) !== move.endpoint;
  const existing = values.bucketSettings.find((row) => row.bucket.trim() === move.bucket);
  const bucketSettings = existing
    ? values.bucketSettings.map((row) => (row === existing ? { ...row, url: move.publicUrlBase } : row))
    : [...values.bucketSettings, { id: newRowId, bucket: move.bucket, url: move.publicUrlBase, acl: '' as const, cacheControl: '' }];
  return { ...values, endpoint: move.endpoint, endpointEdited, bucketSettings };
}
