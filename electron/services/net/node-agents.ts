/**
 * Node http(s) agents for a network policy: the only place they are made, so
 * trust (and anything a policy adds later) applies to every request alike.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { isDefaultNetwork, policyKey, type NetworkPolicy } from './network-policy';
import { tlsContextOptionsOf } from './tls-connect';

/** How many sockets an agent keeps, and whether idle ones stay open. */
export interface AgentSizing {
  maxSockets: number;
}

/**
 * A new keep-alive agent for `protocol` ('http:' or 'https:') under the
 * policy. The caller owns it and destroys it with the client it serves.
 */
export function newNodeAgent(protocol: string, policy: NetworkPolicy, { maxSockets }: AgentSizing): http.Agent {
  if (protocol === 'https:') return new https.Agent({ keepAlive: true, maxSockets, ...tlsContextOptionsOf(policy) });
  return new http.Agent({ keepAlive: true, maxSockets });
}

const shared = new Map<string, http.Agent>();

/**
 * A keep-alive agent shared by every request of the process under this policy
 * and protocol (the fetch thread's GETs, the browsing clients), kept for the
 * process's life: one per distinct policy, so a handful.
 */
export function sharedNodeAgent(protocol: string, policy: NetworkPolicy, sizing: AgentSizing = { maxSockets: 64 }): http.Agent {
  const key = `${protocol}|${sizing.maxSockets}|${policyKey(policy)}`;
  let agent = shared.get(key);
  if (!agent) shared.set(key, (agent = newNodeAgent(protocol, policy, sizing)));
  return agent;
}

/** The SDK request handler's agents for a policy; none (the SDK's own) when the policy is the default. */
export function sdkAgents(policy: NetworkPolicy, sizing?: AgentSizing): { httpAgent?: http.Agent; httpsAgent?: https.Agent } {
  if (!sizing && isDefaultNetwork(policy)) return {};
  const s = sizing ?? { maxSockets: 50 };
  return { httpAgent: newNodeAgent('http:', policy, s), httpsAgent: newNodeAgent('https:', policy, s) as https.Agent };
}
