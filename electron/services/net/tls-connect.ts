/**
 * TLS connections under a network policy with its certificates parsed once:
 * `tlsOptionsOf` gives `ca` as ~150 PEM texts (the default roots plus the
 * profile's bundle), and every connection dialled with them parsed all of
 * them again, while an https agent joined them into a ~200 KB pool key on
 * every request: a 1 GiB upload over HTTPS with a CA bundle spent a fifth of
 * its CPU there (perf: 11% under the agent's getName, 10% adding CA
 * certificates). A SecureContext made once per policy, and handed over
 * instead of the texts, costs neither.
 */
import { connect, createSecureContext, type ConnectionOptions, type SecureContext, type TLSSocket } from 'node:tls';
import { policyKey, tlsOptionsOf, type NetworkPolicy } from './network-policy';

/**
 * The options that make up a SecureContext (what `createSecureContext` reads): given with a
 * `secureContext`, `tls.connect` ignores them, and an https agent only pays for them.
 */
const CONTEXT_KEYS = [
  'ca',
  'cert',
  'key',
  'pfx',
  'passphrase',
  'ciphers',
  'crl',
  'ecdhCurve',
  'dhparam',
  'honorCipherOrder',
  'minVersion',
  'maxVersion',
  'secureProtocol',
  'secureOptions',
  'sessionIdContext',
  'sigalgs',
  'privateKeyEngine',
  'privateKeyIdentifier',
  'clientCertEngine',
  'ticketKeys',
  'sessionTimeout',
] as const;

// One context per distinct policy (a handful per process), kept for the process's life.
const contexts = new Map<string, SecureContext>();

/**
 * The policy's TLS options with its certificates as one SecureContext made on
 * first use: what `tlsOptionsOf` says (verification, and whatever else the
 * policy adds) with nothing parsed twice. Node's defaults stay as they are.
 */
export function tlsContextOptionsOf(policy: NetworkPolicy): ConnectionOptions {
  const options: ConnectionOptions = { ...tlsOptionsOf(policy) };
  if (!CONTEXT_KEYS.some((k) => options[k] !== undefined)) return options;
  const key = policyKey(policy);
  let secureContext = contexts.get(key);
  if (!secureContext) contexts.set(key, (secureContext = createSecureContext(options)));
  for (const k of CONTEXT_KEYS) delete options[k];
  return { ...options, secureContext };
}

/** Where a TLS connection goes, and how its reads arrive (net's `onread`: into one buffer of the caller's). */
export interface TlsDial {
  host: string;
  port: number;
  /** The name the certificate must carry and SNI sends; default: `host` unless it is an IP address. */
  servername?: string;
  onread?: { buffer: Uint8Array; callback: (bytes: number, buffer: Uint8Array) => boolean };
}

/** A TLS connection under the policy (verification always on, as the policy says). */
export function connectTls(policy: NetworkPolicy, dial: TlsDial): TLSSocket {
  const { host, port, servername, onread } = dial;
  return connect({
    ...tlsContextOptionsOf(policy),
    host,
    port,
    noDelay: true,
    ...(servername !== undefined && { servername }),
    ...(onread && { onread }),
  } as ConnectionOptions);
}
