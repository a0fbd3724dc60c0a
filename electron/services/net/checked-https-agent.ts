/**
 * An https agent whose connections pass the certificate check
 * (certificate-trust.ts) before the agent hands them to a request: dialled
 * with `rejectUnauthorized: false`, held until the handshake is checked.
 */
import type * as https from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { Duplex } from 'node:stream';
import { whenTrusted } from './certificate-trust';
import type { NetworkPolicy } from './network-policy';

type CreateConnection = (options: Record<string, unknown>, callback?: (error: Error | null, socket?: Duplex) => void) => Duplex | undefined;

/**
 * Makes `agent` check each new connection: Node's http Agent waits for a
 * `createConnection` that answers through its callback, so the request is
 * written only once the check accepted the certificate.
 */
export function checkedHttpsAgent(agent: https.Agent, policy: NetworkPolicy): https.Agent {
  const plain = (agent as unknown as { createConnection: CreateConnection }).createConnection.bind(agent);
  const checked: CreateConnection = (options, callback) => {
    const socket = plain({ ...options, rejectUnauthorized: false }) as TLSSocket;
    const host = String(options.host ?? options.hostname ?? 'localhost');
    const port = Number(options.port) || 443;
    whenTrusted(socket, host, port, policy.endpointTrust, (error, trusted) => callback?.(error, trusted));
    return undefined;
  };
  (agent as unknown as { createConnection: CreateConnection }).createConnection = checked;
  return agent;
}
