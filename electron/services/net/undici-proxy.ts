/**
 * undici dispatchers (fetch: URL imports, link checks) that reach their
 * targets through the policy's proxy, chosen per origin as the Node agents do
 * (proxy-agents.ts): undici's ProxyAgent for each proxy (CONNECT for every
 * target, its default), the plain dispatcher for targets NO_PROXY names.
 * Written here rather than with undici's EnvHttpProxyAgent because the
 * policy comes from a profile or the system too, and NO_PROXY must read the
 * same as for the Node agents. The target's TLS connection, made over the
 * tunnel, passes the one certificate check as a direct one does.
 */
import type { ConnectionOptions } from 'node:tls';
import { Dispatcher, Pool, ProxyAgent } from 'undici';
import type { EndpointTrust } from './certificate-trust';
import { withCertificateCheck } from './checked-connector';
import { proxyRouteFor, type ProxyPolicy, type ProxyRoute } from './proxy-policy';

/** How a proxied fetch connects: the target's TLS options and trust, and the deadlines of the direct dispatcher. */
export interface ProxiedFetchOptions {
  tls: Pick<ConnectionOptions, 'secureContext'>;
  /** The profile's pin or "don't verify" for its own endpoint. */
  trust: EndpointTrust | undefined;
  connectMs: number;
  firstByteMs: number;
}

/** Sends each request directly or through its proxy. */
export class ProxyRoutingDispatcher extends Dispatcher {
  private readonly tunnels = new Map<string, ProxyAgent>();

  constructor(
    private readonly policy: ProxyPolicy,
    private readonly direct: Dispatcher,
    private readonly options: ProxiedFetchOptions,
  ) {
    super();
  }

  /** The route of a request to this origin, if it goes through a proxy. */
  routeFor(origin: string | URL): ProxyRoute | undefined {
    return proxyRouteFor(this.policy, origin);
  }

  override dispatch(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const route = opts.origin ? this.routeFor(opts.origin) : undefined;
    return (route ? this.tunnelFor(route) : this.direct).dispatch(opts, handler);
  }

  private tunnelFor(route: ProxyRoute): ProxyAgent {
    const key = `${route.proxy}|${route.authorization ?? ''}`;
    let agent = this.tunnels.get(key);
    if (!agent) {
      const { tls, trust, connectMs, firstByteMs } = this.options;
      agent = new ProxyAgent({
        uri: route.proxy,
        ...(route.authorization && { token: route.authorization }),
        // Node's verdict on the target is left to the one check, run on each pool's connect (below).
        requestTls: { ...tls, timeout: connectMs, rejectUnauthorized: false },
        proxyTls: { ...tls, timeout: connectMs },
        // The CONNECT's answer counts as part of connecting: a silent proxy fails within the connect deadline.
        clientFactory: (origin, opts) => new Pool(origin, { ...opts, headersTimeout: connectMs }),
        // The targets' pools: their connect is the ProxyAgent's (the tunnel, then TLS over it), checked
        // before undici writes a request on the socket.
        factory: (origin, opts) => {
          const { connect } = opts as Pool.Options;
          return new Pool(origin, { ...opts, ...(typeof connect === 'function' && { connect: withCertificateCheck(connect, trust) }) });
        },
        headersTimeout: firstByteMs,
        bodyTimeout: 0,
      });
      this.tunnels.set(key, agent);
    }
    return agent;
  }

  override async close(): Promise<void> {
    await Promise.all([this.direct.close(), ...[...this.tunnels.values()].map((a) => a.close())]);
  }

  override async destroy(): Promise<void> {
    await Promise.all([this.direct.destroy(), ...[...this.tunnels.values()].map((a) => a.destroy())]);
  }
}
