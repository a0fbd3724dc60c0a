/**
 * The S3 endpoints of Linode / Akamai Object Storage, by the data center
 * (Linode region) they are in. A Linode endpoint's host name is not built from
 * its region: Frankfurt 2 (`de-fra-2`) is served by `de-fra-1.linodeobjects.com`,
 * and a region can have an older (E0/E1) and a newer (E2/E3) endpoint side by
 * side, e.g. `us-iad-1` and `us-iad-10` in Washington. The first label of the
 * host is the cluster id the requests are signed with.
 *
 * Sources (each row names its own):
 * - [api] Linode's own answer of `GET /v4/object-storage/endpoints`, as recorded in
 *   linode/ansible_linode, plugins/module_utils/doc_fragments/object_storage_endpoint_list.py
 *   (fields `region`, `endpoint_type`, `s3_endpoint`; shape per
 *   https://techdocs.akamai.com/linode-api/reference/get-object-storage-endpoints).
 * - [quota] https://techdocs.akamai.com/linode-api/reference/get-object-storage-quotas
 *   (its example `s3_endpoint`: us-sea-9.linodeobjects.com, an E3 endpoint of us-sea).
 * - [code] public code that connects to these hosts: the ArrayPress S3 library's
 *   LinodeObjectStorage provider (de-fra-2 → de-fra-1, in-bom-2 → in-bom-1,
 *   jp-tyo-3 → jp-tyo-1, sg-sin-2 → sg-sin-1), and configurations naming
 *   us-iad-10, us-ord-10 and us-lax-4 (Washington, Chicago, Los Angeles).
 * - Endpoint types: https://techdocs.akamai.com/cloud-computing/docs/endpoint-types
 *   ("Standard endpoints (E2, E3) … Legacy endpoints (E0, E1)").
 * - https://techdocs.akamai.com/cloud-computing/docs/access-buckets-and-files-through-urls:
 *   "Use Cloud Manager or the Linode API to find the s3 endpoint hostname".
 */

import { z } from 'zod';

/** E0/E1: legacy platform; E2/E3: the current one (Akamai's "endpoint types"). */
export type LinodeEndpointType = 'E0' | 'E1' | 'E2' | 'E3';

/** One S3 endpoint of Linode Object Storage. */
export interface LinodeHost {
  /** e.g. `de-fra-1.linodeobjects.com`. */
  host: string;
  /** The Linode region (data center) it is in, e.g. `de-fra-2`. */
  region: string;
  /** The data center's name, e.g. "Frankfurt 2, Germany". */
  location: string;
  /** Its endpoint type, where a source says it. */
  type?: LinodeEndpointType;
}

const h = (host: string, region: string, location: string, type?: LinodeEndpointType): LinodeHost => ({
  host: `${host}.linodeobjects.com`,
  region,
  location,
  ...(type && { type }),
});

/** Every endpoint Pail knows, grouped by data center (Americas, Europe, Asia-Pacific). */
export const LINODE_HOSTS: readonly LinodeHost[] = [
  h('us-southeast-1', 'us-southeast', 'Atlanta, GA, USA', 'E0'), // [api]
  h('us-ord-1', 'us-ord', 'Chicago, IL, USA', 'E1'), // [api]
  h('us-ord-10', 'us-ord', 'Chicago, IL, USA'), // [code]
  h('us-lax-1', 'us-lax', 'Los Angeles, CA, USA', 'E1'), // [api]
  h('us-lax-4', 'us-lax', 'Los Angeles, CA, USA'), // [code]
  h('us-mia-1', 'us-mia', 'Miami, FL, USA', 'E1'), // [api]
  h('us-east-1', 'us-east', 'Newark, NJ, USA', 'E0'), // [api]
  h('us-sea-1', 'us-sea', 'Seattle, WA, USA', 'E1'), // [api]
  h('us-sea-9', 'us-sea', 'Seattle, WA, USA', 'E3'), // [quota]
  h('us-iad-1', 'us-iad', 'Washington, DC, USA', 'E1'), // [api]
  h('us-iad-10', 'us-iad', 'Washington, DC, USA'), // [code]
  h('br-gru-1', 'br-gru', 'São Paulo, Brazil', 'E1'), // [api]
  h('nl-ams-1', 'nl-ams', 'Amsterdam, Netherlands', 'E1'), // [api]
  h('eu-central-1', 'eu-central', 'Frankfurt, Germany', 'E0'), // [api]
  h('de-fra-1', 'de-fra-2', 'Frankfurt 2, Germany'), // [code]
  h('gb-lon-1', 'gb-lon', 'London 2, United Kingdom', 'E3'), // [api]
  h('es-mad-1', 'es-mad', 'Madrid, Spain', 'E1'), // [api]
  h('it-mil-1', 'it-mil', 'Milan, Italy', 'E1'), // [api]
  h('fr-par-1', 'fr-par', 'Paris, France', 'E1'), // [api]
  h('se-sto-1', 'se-sto', 'Stockholm, Sweden', 'E1'), // [api]
  h('in-maa-1', 'in-maa', 'Chennai, India', 'E1'), // [api]
  h('in-bom-1', 'in-bom-2', 'Mumbai 2, India'), // [code]
  h('id-cgk-1', 'id-cgk', 'Jakarta, Indonesia', 'E1'), // [api]
  h('jp-osa-1', 'jp-osa', 'Osaka, Japan', 'E1'), // [api]
  h('jp-tyo-1', 'jp-tyo-3', 'Tokyo 3, Japan'), // [code]
  h('ap-south-1', 'ap-south', 'Singapore', 'E0'), // [api]
  h('sg-sin-1', 'sg-sin-2', 'Singapore 2', 'E2'), // [api]
  h('au-mel-1', 'au-mel', 'Melbourne, Australia', 'E2'), // [api]
];

/** One endpoint of a Linode account, as `GET /v4/object-storage/endpoints` lists it. */
export interface LinodeAccountEndpoint {
  /** The Linode region (data center), e.g. `us-iad`. */
  region: string;
  /** E0–E3 (kept as the API says it). */
  endpointType: string;
  /** The S3 host name, e.g. `us-iad-10.linodeobjects.com`. */
  host: string;
}

/** `linode:endpoints`: a Linode API personal access token, used for this one listing and never stored. */
export const linodeEndpointsRequestSchema = z.object({
  token: z
    .string()
    .trim()
    .min(1, 'Enter a Linode API token.')
    .max(512, 'A Linode API token has at most 512 characters.')
    .regex(/^[\x21-\x7e]+$/, 'A Linode API token has no spaces or other special characters.'),
});

/** The suffix every Linode S3 endpoint shares. */
export const LINODE_DOMAIN = '.linodeobjects.com';

/** The cluster id a Linode host is signed with: its first label (`us-iad-10` for us-iad-10.linodeobjects.com). */
export function linodeSigningRegion(host: string): string | undefined {
  const lower = host.toLowerCase();
  if (!lower.endsWith(LINODE_DOMAIN)) return undefined;
  const label = lower.slice(0, -LINODE_DOMAIN.length);
  return /^[a-z0-9-]+$/.test(label) ? label : undefined;
}

/**
 * A Linode endpoint as Cloud Manager shows it ("S3 endpoint hostname", no
 * scheme, e.g. `us-iad-10.linodeobjects.com`) as an endpoint URL; undefined for anything else.
 */
export function linodeHostAsEndpoint(text: string): string | undefined {
  const host = text.trim().replace(/\/$/, '');
  return /^[a-z0-9-]+\.linodeobjects\.com$/i.test(host) ? `https://${host.toLowerCase()}` : undefined;
}

/** The known endpoints of a Linode region id (`us-iad` → us-iad-1 and us-iad-10). */
export function linodeHostsOfRegion(region: string): LinodeHost[] {
  return LINODE_HOSTS.filter((host) => host.region === region.toLowerCase());
}
