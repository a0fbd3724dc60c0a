/**
 * One CONNECT tunnel through a proxy, on its own: what the connection test's
 * TCP step dials (and its TLS step then handshakes over), so the test meets
 * the proxy as the profile's requests do and can say what the proxy answered.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { proxyClosed, proxyRefused, proxySilent, proxyUnreachable, proxyUnusable } from './proxy-errors';
import type { ProxyRoute } from './proxy-policy';

/** Opens a tunnel to host:port through the route's proxy; rejects with the proxy-errors words, or a timeout after `timeoutMs`. */
export function openTunnel(
  route: ProxyRoute,
  host: string,
  port: number,
  timeoutMs: number,
  tls: Pick<ConnectionOptions, 'secureContext'> = {},
): Promise<Socket> {
  if (route.problem) return Promise.reject(proxyUnusable(route));
  const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const proxy = new URL(route.proxy);
  const secure = proxy.protocol === 'https:';
  return new Promise<Socket>((resolve, reject) => {
    let answered = false;
    const request = (secure ? https : http).request({
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: Number(proxy.port) || (secure ? 443 : 80),
      method: 'CONNECT',
      path: target,
      headers: { host: target, ...(route.authorization && { 'proxy-authorization': route.authorization }) },
      agent: false,
      ...(secure && tls),
    });
    const timer = setTimeout(() => request.destroy(proxySilent(route, target, timeoutMs)), timeoutMs);
    request.once('connect', (answer, socket) => {
      answered = true;
      clearTimeout(timer);
      if (answer.statusCode === 200) return resolve(socket);
      socket.destroy();
      reject(proxyRefused(route, target, answer.statusCode ?? 0, answer.statusMessage));
    });
    request.once('error', (error: Error & { code?: string }) => {
      clearTimeout(timer);
      if (answered) return;
      if (error.code === 'ETIMEDOUT' || error.code === 'EPROXY') return reject(error);
      // A socket that ends before any answer is a proxy that closed on us; anything else never reached it.
      reject(error.code === 'ECONNRESET' || /socket hang up/.test(error.message) ? proxyClosed(route, target) : proxyUnreachable(route, error));
    });
    request.end();
  });
}
