/**
 * Node http(s) agents for a network policy: the only place they are made, so
 * trust (and anything a policy adds later) applies to every request alike.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { isDefaultNetwork, policyKey, proxyOf, tlsOptionsOf, type NetworkPolicy } from './network-policy';
import { ProxyRoutingAgent } from './proxy-agents';
import { proxyKey } from './proxy-policy';
import { checkedHttpsAgent } from './checked-https-agent';

/** How many sockets an agent keeps, and whether idle ones stay open. */
export interface AgentSizing {
  maxSockets: number;
}

/**
 * A new keep-alive agent for `protocol` ('http:' or 'https:') under the
 * policy. The caller owns it and destroys it with the client it serves.
 */
export function newNodeAgent(protocol: string, policy: NetworkPolicy, { maxSockets }: AgentSizing): http.Agent {
  const direct =
    protocol === 'https:'
      ? checkedHttpsAgent(new https.Agent({ keepAlive: true, maxSockets, ...tlsOptionsOf(policy) }), policy)
      : new http.Agent({ keepAlive: true, maxSockets });
  // A proxy for this protocol (from the profile, the system or the environment): each target is routed, NO_PROXY and all.
  const proxy = proxyOf(policy);
  if (!(protocol === 'https:' ? proxy?.https : proxy?.http)) return direct;
  return new ProxyRoutingAgent(protocol === 'https:' ? 'https:' : 'http:', proxy!, direct, {
    tls: tlsOptionsOf(policy),
    maxSockets,
    trust: policy.endpointTrust,
  });
}

const shared = new Map<string, http.Agent>();

/**
 * A keep-alive agent shared by every request of the process under this policy
 * and protocol (the fetch thread's GETs, the browsing clients), kept for the
 * process's life: one per distinct policy, so a handful.
 */
export function sharedNodeAgent(protocol: string, policy: NetworkPolicy, sizing: AgentSizing = { maxSockets: 64 }): http.Agent {
  const key = `${protocol}|${sizing.maxSockets}|${policyKey(policy)}|${proxyKey(proxyOf(policy))}`;
  let agent = shared.get(key);
  if (!agent) shared.set(key, (agent = newNodeAgent(protocol, policy, sizing)));
  return agent;
}

/**
 * The SDK request handler's agents for a policy. The https one is always
 * Pail's (sized as the SDK's own), so a refused certificate is explained
 * with its details even for a profile without network settings.
 */
export function sdkAgents(policy: NetworkPolicy, sizing?: AgentSizing): { httpAgent?: http.Agent; httpsAgent?: https.Agent } {
  const s = sizing ?? { maxSockets: 50 };
  if (!sizing && isDefaultNetwork(policy) && !proxyOf(policy)) return { httpsAgent: newNodeAgent('https:', policy, s) as https.Agent };
  return { httpAgent: newNodeAgent('http:', policy, s), httpsAgent: newNodeAgent('https:', policy, s) as https.Agent };
}
