/**
 * Node agents that reach their targets through a proxy, chosen per target: a
 * `ProxyRoutingAgent` asks the policy for each connection whether it goes
 * directly (to an ordinary keep-alive agent) or through a proxy (a CONNECT
 * tunnel, one keep-alive agent per proxy). Every target, http: or https:, is
 * tunnelled with CONNECT (as undici's ProxyAgent does by default), not sent in
 * absolute form: one path for both, so a proxy's refusal reads the same for
 * both, and the fetch thread's plain-HTTP reader gets a plain socket.
 *
 * The tunnel is https-proxy-agent's. Routing is written here because
 * `proxy-agent` (which routes the same way) brings PAC, SOCKS and a JavaScript
 * sandbox Pail does not use, and reads only process.env, while Pail's policy
 * comes from a profile or the system too.
 */
import type * as http from 'node:http';
import type { Duplex } from 'node:stream';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import { Agent as AgentBase, type AgentConnectOpts } from 'agent-base';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { CONNECT_TIMEOUT_MS } from '../../../shared/timeouts';
import { trustedSocket, type EndpointTrust } from './certificate-trust';
import { proxyClosed, proxyRefused, proxySilent, proxyUnreachable, proxyUnusable } from './proxy-errors';
import { proxyRouteFor, type ProxyPolicy, type ProxyRoute } from './proxy-policy';

/** What a tunnel needs besides its route: the target's TLS options and trust, the socket limit, the connect deadline. */
interface TunnelOptions {
  tls: ConnectionOptions;
  /** The profile's pins or "don't verify" for its own endpoint (certificate-trust.ts). */
  trust?: EndpointTrust;
  maxSockets: number;
  connectMs?: number;
}

/**
 * A CONNECT tunnel through one proxy. https-proxy-agent hands a non-200
 * answer to the request as if the target had sent it (an S3 client would read
 * a proxy's 403 as AccessDenied) and waits for the proxy without a deadline
 * (the request's own timers start only once it has a socket), so both are
 * turned into errors here.
 */
class TunnelAgent extends HttpsProxyAgent<string> {
  constructor(
    private readonly route: ProxyRoute,
    private readonly tunnel: TunnelOptions,
  ) {
    super(route.proxy, {
      keepAlive: true,
      maxSockets: tunnel.maxSockets,
      // The proxy's own TLS (an https:// proxy) trusts what the target does.
      ...tunnel.tls,
      headers: route.authorization ? { 'Proxy-Authorization': route.authorization } : {},
    });
  }

  override async connect(req: http.ClientRequest, opts: AgentConnectOpts): Promise<import('node:net').Socket> {
    if (this.route.problem) throw proxyUnusable(this.route);
    const target = `${opts.host}:${opts.port}`;
    // A little under the SDK's own connection timeout (which covers the CONNECT too), so a silent proxy is named as such.
    const ms = this.tunnel.connectMs ?? CONNECT_TIMEOUT_MS - 500;
    let answer: { statusCode: number; statusText: string } | undefined;
    const onAnswer = (connect: { statusCode: number; statusText: string }) => (answer = connect);
    req.once('proxyConnect', onAnswer);
    let timer: NodeJS.Timeout | undefined;
    let late = false;
    // The target's TLS options (a CA bundle) go with the request: this agent's own options are the proxy's.
    // An https target's certificate passes the same check as a direct connection's before any byte is sent.
    const secure = opts.secureEndpoint;
    const connecting = super
      .connect(req, { ...opts, ...this.tunnel.tls, ...(secure && { rejectUnauthorized: false }) } as AgentConnectOpts)
      .then((socket): import('node:net').Socket | Promise<import('node:net').Socket> =>
        // A refusal comes back as a plain socket replaying the proxy's answer (thrown below), not a handshake to check.
        secure && answer?.statusCode === 200
          ? trustedSocket(socket as TLSSocket, opts.host ?? 'localhost', Number(opts.port) || 443, this.tunnel.trust)
          : socket,
      );
    try {
      const socket = await Promise.race([
        connecting,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            late = true;
            reject(proxySilent(this.route, target, ms));
          }, ms);
        }),
      ]);
      if (answer && answer.statusCode !== 200) {
        socket.destroy();
        throw proxyRefused(this.route, target, answer.statusCode, answer.statusText);
      }
      return socket;
    } catch (error) {
      // A tunnel that comes up after the deadline is closed, not leaked.
      if (late)
        connecting.then(
          (socket) => socket.destroy(),
          () => undefined,
        );
      const e = error as Error & { code?: string };
      if (e.code === 'EPROXY' || e.code === 'ETIMEDOUT') throw e;
      if (/ended before receiving CONNECT response/.test(e.message)) throw proxyClosed(this.route, target);
      if (!answer) throw proxyUnreachable(this.route, e);
      throw e;
    } finally {
      clearTimeout(timer);
      req.off('proxyConnect', onAnswer);
    }
  }
}

/**
 * An agent for one protocol that sends each connection directly or through
 * the policy's proxy for that target (NO_PROXY and all), with keep-alive on
 * both ways.
 */
export class ProxyRoutingAgent extends AgentBase {
  private readonly tunnels = new Map<string, TunnelAgent>();

  constructor(
    private readonly targetProtocol: 'http:' | 'https:',
    private readonly policy: ProxyPolicy,
    private readonly direct: http.Agent,
    private readonly tunnel: TunnelOptions,
  ) {
    // No pool of its own: the direct agent and the tunnels keep the sockets. keepAlive all the same: Node
    // sends "Connection: close" for a request whose agent is not keep-alive and has no socket limit.
    super({ keepAlive: true });
    this.protocol = targetProtocol;
  }

  /** The proxy route of a target, if any (for the caller that wants to say which proxy it used). */
  routeFor(hostname: string, port: number | string | undefined): ProxyRoute | undefined {
    return proxyRouteFor(this.policy, `${this.targetProtocol}//${hostname.includes(':') ? `[${hostname}]` : hostname}${port ? `:${port}` : ''}`);
  }

  override connect(_req: http.ClientRequest, opts: AgentConnectOpts): http.Agent | Duplex {
    const route = this.routeFor(opts.host ?? 'localhost', opts.port);
    if (!route) return this.direct;
    const key = `${route.proxy}|${route.authorization ?? ''}`;
    let agent = this.tunnels.get(key);
    if (!agent) this.tunnels.set(key, (agent = new TunnelAgent(route, this.tunnel)));
    return agent;
  }

  override destroy(): void {
    this.direct.destroy();
    this.tunnels.forEach((agent) => agent.destroy());
    super.destroy();
  }
}
