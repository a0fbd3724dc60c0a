/**
 * How one profile's connections are made: which servers to trust beyond the
 * default authorities. Plain data, so it crosses to the fetch thread as it is;
 * every place that opens a connection (the SDK clients, the direct transfer
 * path, the fetch thread, undici's fetch, the connection test's TLS probe)
 * turns it into an agent through this folder, never on its own.
 */
import { createSecureContext, type ConnectionOptions, type SecureContext } from 'node:tls';
import type { Profile } from '../../../shared/profile';
import { trustedWith } from './ca-bundle';
import { environmentProxy, type ProxyPolicy } from './proxy-policy';
import { endpointTrustOf, type EndpointTrust } from './certificate-trust';

/** A profile's network settings, as the code that connects needs them. */
export interface NetworkPolicy {
  /** PEM text of authorities trusted besides the default ones (a company CA, a gateway's own). */
  caBundle?: string;
  /**
   * The proxies to go through (see proxy-policy.ts), already decided from the
   * profile, the system or the environment; absent: the environment's, read
   * when an agent is made.
   */
  proxy?: ProxyPolicy;
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

// One secure context per CA bundle, for the process's (or thread's) life: a handful at most.
const contexts = new Map<string, SecureContext>();

/**
 * The TLS options a connection under this policy dials with (verification always on). A bundle
 * is given as a ready secure context, never as `ca`: an https agent keys its pooled sockets by
 * its options, `ca` included, so a trust list of ~150 certificates (the default roots and the
 * bundle) would be joined into one 200 KB name on every request, and parsed again on every
 * connection.
 */
export function tlsOptionsOf(policy: NetworkPolicy): Pick<ConnectionOptions, 'secureContext'> {
  if (!policy.caBundle) return {};
  let secureContext = contexts.get(policy.caBundle);
  if (!secureContext) contexts.set(policy.caBundle, (secureContext = createSecureContext({ ca: trustedWith(policy.caBundle) })));
  return { secureContext };
}

/** The proxy policy connections under this policy follow: its own, or the environment's when it has none. */
export function proxyOf(policy: NetworkPolicy): ProxyPolicy | undefined {
  return policy.proxy ?? environmentProxy();
}

/** The policy with the proxy decided for it (absent: the environment's, read when an agent is made). */
export function withProxy(policy: NetworkPolicy, proxy: ProxyPolicy | undefined): NetworkPolicy {
  return proxy ? { ...policy, proxy } : policy;
}
