/** undici dispatchers (for `fetch`: URL imports, link checks) under a network policy. */
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { withCertificateCheck } from './checked-connector';
import { policyKey, proxyOf, tlsOptionsOf, type NetworkPolicy } from './network-policy';
import { proxyKey } from './proxy-policy';
import { ProxyRoutingDispatcher } from './undici-proxy';

/** The timeouts undici applies per pool (see deadline-fetch.ts for what each means). */
export interface DispatcherDeadlines {
  connectMs: number;
  firstByteMs: number;
}

// One pool per policy and set of deadlines (undici takes its timeouts per pool), kept for reuse.
const dispatchers = new Map<string, Dispatcher>();

/** The dispatcher for fetches under this policy with these deadlines. */
export function dispatcherFor(policy: NetworkPolicy, d: DispatcherDeadlines): Dispatcher {
  const proxy = proxyOf(policy);
  const key = `${d.connectMs}/${d.firstByteMs}/${policyKey(policy)}/${proxyKey(proxy)}`;
  let dispatcher = dispatchers.get(key);
  if (!dispatcher) {
    // bodyTimeout 0: undici's own body timer is suspended while the reader applies backpressure and
    // never fires for a server that went silent then (nodejs/undici#5393); deadline-fetch's stall
    // timer counts only the time a reader actually waits.
    dispatcher = new Agent({ connect: checkedConnector(policy, d.connectMs), headersTimeout: d.firstByteMs, bodyTimeout: 0 });
    // Through the policy's proxy (profile, system or environment) where it applies.
    if (proxy)
      dispatcher = new ProxyRoutingDispatcher(proxy, dispatcher, {
        tls: tlsOptionsOf(policy),
        trust: policy.endpointTrust,
        ...d,
      });
    dispatchers.set(key, dispatcher);
  }
  return dispatcher;
}

/** undici's connector under the policy, checked (see `withCertificateCheck`). */
function checkedConnector(policy: NetworkPolicy, timeout: number): buildConnector.connector {
  return withCertificateCheck(buildConnector({ timeout, ...tlsOptionsOf(policy), rejectUnauthorized: false }), policy.endpointTrust);
}
