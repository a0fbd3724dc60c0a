import { linodeHostAsEndpoint, linodeHostsOfRegion } from '../../shared/linode-hosts';
import type { ProfilePatch } from '../../shared/profile';
import { detectProvider, presetEndpoint, providerById, r2EndpointParts, regionFromEndpoint, R2_JURISDICTIONS } from '../../shared/providers';
import { UsageError, type Flags } from './cli-kit';

// What `pail profile add|edit` fills in from the preset flags it was given: the provider from an
// endpoint's host, the region from the endpoint (a Linode host's first label), R2's account id and
// jurisdiction from its host, and a Linode endpoint from a Linode region id (de-fra-2 → de-fra-1…).

/** `--jurisdiction eu|fedramp|us|none`, as the profile's field ("" for none), or undefined when not given. */
export function jurisdictionFlag(flags: Flags): ProfilePatch['jurisdiction'] {
  const value = flags.jurisdiction;
  if (value === undefined) return undefined;
  if (value === 'none' || value === '') return '';
  if (typeof value !== 'string' || !(R2_JURISDICTIONS as readonly string[]).includes(value)) {
    throw new UsageError(`--jurisdiction must be one of: ${R2_JURISDICTIONS.join(', ')}, none.`);
  }
  return value as ProfilePatch['jurisdiction'];
}

/** The one known endpoint of a Linode region id given as --region (`de-fra-2`), as a URL; a usage error when it has several. */
function linodeEndpointOfRegion(region: string): string | undefined {
  const hosts = linodeHostsOfRegion(region);
  if (hosts.length === 1) return `https://${hosts[0].host}`;
  if (hosts.length > 1) {
    const listed = hosts.map((h) => `https://${h.host}${h.type ? ` (${h.type})` : ''}`).join(', ');
    throw new UsageError(`Linode region ${region} has several endpoints: ${listed}. Give the one your bucket is on with --endpoint.`);
  }
  return undefined;
}

/**
 * A new profile's preset settings, completed: what the endpoint names when it
 * is given (provider, region, R2 account and jurisdiction), else the endpoint
 * the preset builds (a Linode region id gives its known host).
 */
export function completePresetSettings(settings: ProfilePatch): ProfilePatch {
  const next = { ...settings };
  // A Linode host as Cloud Manager shows it (no https://) is that host's endpoint.
  if (next.endpoint && linodeHostAsEndpoint(next.endpoint)) next.endpoint = linodeHostAsEndpoint(next.endpoint);
  if (next.endpoint) {
    if (!next.provider && detectProvider(next.endpoint) !== 'other') next.provider = detectProvider(next.endpoint);
    const preset = providerById(next.provider);
    next.region ??= preset.signingRegion ?? regionFromEndpoint(preset, next.endpoint) ?? preset.defaultRegion;
    const r2 = preset.jurisdictions ? r2EndpointParts(next.endpoint) : undefined;
    if (r2) {
      next.accountId ??= r2.accountId;
      next.jurisdiction ??= (r2.jurisdiction ?? '') as ProfilePatch['jurisdiction'];
    }
    return next;
  }
  const preset = providerById(next.provider);
  next.region ??= preset.defaultRegion;
  const linodeHost = preset.id === 'linode' && !preset.regions.some((r) => r.id === next.region) ? linodeEndpointOfRegion(next.region) : undefined;
  if (linodeHost) {
    next.endpoint = linodeHost;
    next.region = regionFromEndpoint(preset, linodeHost);
    return next;
  }
  const built = presetEndpoint(preset, next.region, next.accountId, next.jurisdiction);
  if (built) next.endpoint = built;
  return next;
}
