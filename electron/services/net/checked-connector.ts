/** undici connectors under the one certificate check (certificate-trust.ts): direct (undici-dispatcher.ts) and proxied (undici-proxy.ts). */
import type { TLSSocket } from 'node:tls';
import type { buildConnector } from 'undici';
import { checkPeer, type EndpointTrust } from './certificate-trust';

/**
 * An undici connector whose TLS connections pass the certificate check
 * (certificate-trust.ts) before undici writes a request on them. `connect`
 * must dial TLS with `rejectUnauthorized: false` (the check decides). Also
 * the hook for a proxied origin: undici-proxy.ts wraps the `connect` a
 * ProxyAgent gives its targets' pools (`factory`), whose requestTls dials
 * that way.
 */
export function withCertificateCheck(connect: buildConnector.connector, trust: EndpointTrust | undefined): buildConnector.connector {
  return (options, callback) => {
    connect(options, (error, socket) => {
      if (error || !socket || options.protocol !== 'https:') return error ? callback(error, null) : callback(null, socket!);
      // undici answers once the handshake finished: the check runs at once, before undici writes.
      const verdict = checkPeer(socket as TLSSocket, options.hostname, Number(options.port) || 443, trust);
      if (!('refused' in verdict)) return callback(null, socket);
      socket.destroy();
      callback(verdict.refused, null);
    });
  };
}
