/**
 * How one profile's connections are made: which servers to trust beyond the
 * default authorities. Plain data, so it crosses to the fetch thread as it is;
 * every place that opens a connection (the SDK clients, the direct transfer
 * path, the fetch thread, undici's fetch, the connection test's TLS probe)
 * turns it into an agent through this folder, never on its own.
 */
import type { ConnectionOptions } from 'node:tls';
import type { Profile } from '../../../shared/profile';
import { trustedWith } from './ca-bundle';
import { endpointTrustOf, type EndpointTrust } from './certificate-trust';

/** A profile's network settings, as the code that connects needs them. */
export interface NetworkPolicy {
  /** PEM text of authorities trusted besides the default ones (a company CA, a gateway's own). */
  caBundle?: string;
  /** For the profile's own endpoint only: pinned certificates, or no verification (see certificate-trust.ts). */
  endpointTrust?: EndpointTrust;
}

/** The profile fields a network policy is made from (a client's settings carry them). */
export type NetworkFields = 'caBundle' | TrustFields;

/** The fields endpoint trust is made from: pins and "don't verify" apply to the endpoint's host only. */
type TrustFields = 'endpoint' | 'pinnedCertificates' | 'dontVerifyCertificates';

/** The policy of a profile with no network settings: Node's defaults. */
export const DEFAULT_NETWORK: NetworkPolicy = {};

/** The network settings of a profile (or of the connection test's unsaved settings). */
export function networkPolicyOf(settings: Partial<Pick<Profile, NetworkFields>>): NetworkPolicy {
  const policy = settings.caBundle ? { caBundle: settings.caBundle } : DEFAULT_NETWORK;
  const endpointTrust = endpointTrustOf(settings);
  return endpointTrust ? { ...policy, endpointTrust } : policy;
}

/** One string per distinct policy, for caches of agents and clients. */
export function policyKey(policy: NetworkPolicy): string {
  return JSON.stringify([policy.caBundle ?? '', policy.endpointTrust ?? null]);
}

/** True when the policy changes nothing from Node's defaults (the shared default agents do). */
export function isDefaultNetwork(policy: NetworkPolicy): boolean {
  return !policy.caBundle && !policy.endpointTrust;
}

/** The TLS options a connection under this policy dials with (verification always on). */
export function tlsOptionsOf(policy: NetworkPolicy): Pick<ConnectionOptions, 'ca'> {
  return policy.caBundle ? { ca: trustedWith(policy.caBundle) } : {};
}
