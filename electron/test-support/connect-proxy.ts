import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';

/**
 * A small HTTP proxy on 127.0.0.1 that carries CONNECT tunnels (what Pail
 * sends through a proxy, for http: and https: targets alike) and counts what
 * it carried, so a test can tell that a request went through it (or, with
 * NO_PROXY or a profile's "none", that it did not). It can demand Basic
 * credentials (407), refuse every CONNECT (403), close without answering,
 * or stay silent. Anything but CONNECT is answered 405. Written here because
 * the `proxy` package neither counts nor refuses on demand.
 */
export interface ConnectProxyOptions {
  /** Demand these credentials: a CONNECT without them (or with others) gets 407. */
  credentials?: { username: string; password: string };
  /** refuse: 403 to every CONNECT; close: the connection is closed unanswered; silent: never answers. */
  behaviour?: 'carry' | 'refuse' | 'close' | 'silent';
  /** Speak TLS to clients (an https:// proxy) with this certificate and key (PEM). */
  tls?: { cert: string; key: string };
}

/** What the proxy carried so far. */
export interface ProxyCounts {
  /** TCP connections made to the proxy. */
  connections: number;
  /** The host:port of every CONNECT that was carried (200), in order. */
  tunnels: string[];
  /** CONNECTs answered otherwise (403, 407, closed, silent). */
  refused: number;
  /** Bytes carried each way through the tunnels. */
  bytesUp: number;
  bytesDown: number;
}

/** A running proxy. */
export interface ConnectProxy {
  /** http://127.0.0.1:<port> (https:// with `tls`) */
  url: string;
  counts: ProxyCounts;
  /** Starts counting from zero. */
  reset(): void;
  setBehaviour(behaviour: NonNullable<ConnectProxyOptions['behaviour']>): void;
  close(): Promise<void>;
}

function zero(): ProxyCounts {
  return { connections: 0, tunnels: [], refused: 0, bytesUp: 0, bytesDown: 0 };
}

/** Starts a CONNECT proxy on a free port of 127.0.0.1. */
export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  let counts = zero();
  let behaviour = options.behaviour ?? 'carry';
  const sockets = new Set<Socket>();
  const refuse = (_req: IncomingMessage, res: import('node:http').ServerResponse) => {
    res.writeHead(405, { 'content-type': 'text/plain' }).end('This test proxy carries CONNECT only.\n');
  };
  const server: Server = options.tls ? createTlsServer(options.tls, refuse) : createServer(refuse);
  server.on(options.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    counts.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const expected = options.credentials && `Basic ${Buffer.from(`${options.credentials.username}:${options.credentials.password}`).toString('base64')}`;
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.on('error', () => undefined);
    if (behaviour === 'silent') return void counts.refused++;
    if (behaviour === 'close') {
      counts.refused += 1;
      return void client.destroy();
    }
    if (behaviour === 'refuse') {
      counts.refused += 1;
      return void client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
    }
    if (expected && req.headers['proxy-authorization'] !== expected) {
      counts.refused += 1;
      return void client.end('HTTP/1.1 407 Proxy Authentication Required\r\nproxy-authenticate: Basic realm="pail-test"\r\ncontent-length: 0\r\n\r\n');
    }
    const [host, port] = splitTarget(req.url ?? '');
    const upstream = connect({ host, port });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('connect', () => {
      counts.tunnels.push(req.url ?? '');
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      client.on('data', (chunk: Buffer) => void (counts.bytesUp += chunk.length));
      upstream.on('data', (chunk: Buffer) => void (counts.bytesDown += chunk.length));
      client.pipe(upstream);
      upstream.pipe(client);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    get counts() {
      return counts;
    },
    reset: () => void (counts = zero()),
    setBehaviour: (next) => void (behaviour = next),
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

/** "host:port" (or "[v6]:port") of a CONNECT's request target. */
function splitTarget(target: string): [string, number] {
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target);
  return match ? [match[1], Number(match[2])] : [target, 443];
}
