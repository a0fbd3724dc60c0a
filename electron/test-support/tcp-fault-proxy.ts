import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { seededRandom } from './fault-rules';

/**
 * A TCP proxy on 127.0.0.1 in front of a server, for tests of what the
 * transfer engine does when the network misbehaves below HTTP: connections
 * reset in the middle of a body, bytes flipped on the wire, latency. It knows
 * nothing of HTTP (the HTTP fault proxy answers 503s and providers' errors);
 * the two can be chained.
 */

/** Which way bytes go: "up" from the client to the server (request bodies), "down" back (response bodies). */
export type Direction = 'up' | 'down';

/** Which connections a fault may strike: every Nth (1-based: N, 2N, …), or a seeded random share. */
export type ConnectionPick = { every: number } | { share: number; seed: number };

/** One fault: on the next connections whose byte count in `direction` crosses `afterBytes`. */
export interface TcpFault {
  direction: Direction;
  /** Bytes into the connection (counted in `direction`) where it strikes. */
  afterBytes: number;
  /**
   * reset: both sockets are destroyed with a TCP RST; close: both are ended
   * cleanly (a FIN: what was sent is cut short, with no error on the wire);
   * corrupt: the byte at `afterBytes` is inverted; stall: nothing more passes
   * that way but the connection stays open (a server that stops answering;
   * `afterBytes: 0` up is one that accepts and never reads a request).
   */
  action: 'reset' | 'close' | 'corrupt' | 'stall';
  /** Only these connections (counted from when the faults were set); default: any. */
  connections?: ConnectionPick;
  /** How many connections it strikes before it is used up (default 1, or no limit when `connections` is given). */
  times?: number;
}

export interface TcpFaultProxyOptions {
  /** The real server, e.g. `http://127.0.0.1:41319` or `127.0.0.1:41319`. */
  target: string;
  faults?: TcpFault[];
  /** Delay added to every chunk in both directions, in ms (order and backpressure kept). */
  latencyMs?: number;
}

/** What the proxy did, for a test's assertions. */
export interface TcpProxyStats {
  connections: number;
  resets: number;
  /** Connections ended cleanly mid-stream by a `close` fault. */
  closes: number;
  corruptions: number;
  stalls: number;
  bytesUp: number;
  bytesDown: number;
}

/** A running proxy; `close()` it after the test. */
export interface TcpFaultProxy {
  /** The endpoint to give the client, e.g. `http://127.0.0.1:40001`. */
  readonly endpoint: string;
  readonly stats: TcpProxyStats;
  /** Replaces the faults (each with its own `times` count again; connections are counted afresh for `connections`). */
  setFaults(faults: TcpFault[]): void;
  setLatency(ms: number): void;
  /** Drops every open connection, so the client's next requests open new ones (which the current faults strike). */
  dropConnections(): void;
  close(): Promise<void>;
}

interface ArmedFault extends TcpFault {
  left: number;
  /** Whether the n-th connection (1-based, since the faults were set) is one this fault may strike. */
  picks: (n: number) => boolean;
}

function arm(fault: TcpFault): ArmedFault {
  const pick = fault.connections;
  let picks: (n: number) => boolean = () => true;
  if (pick && 'every' in pick) picks = (n) => n % pick.every === 0;
  else if (pick) {
    // One draw per connection, in the order they come, decided once each.
    const random = seededRandom(pick.seed);
    const drawn: boolean[] = [];
    picks = (n) => {
      while (drawn.length < n) drawn.push(random() < pick.share);
      return drawn[n - 1];
    };
  }
  return { ...fault, left: fault.times ?? (pick ? Infinity : 1), picks };
}

/** Above this many bytes waiting out the latency, the sending side is paused. */
const QUEUE_LIMIT = 4 * 1024 * 1024;

/** Starts a proxy on 127.0.0.1 (a free port) in front of `options.target`. */
export async function startTcpFaultProxy(options: TcpFaultProxyOptions): Promise<TcpFaultProxy> {
  const target = new URL(options.target.includes('://') ? options.target : `tcp://${options.target}`);
  const stats: TcpProxyStats = { connections: 0, resets: 0, closes: 0, corruptions: 0, stalls: 0, bytesUp: 0, bytesDown: 0 };
  let faults = (options.faults ?? []).map(arm);
  // Connections since the faults were last set, to pick "every Nth" among.
  let sinceSet = 0;
  let latency = options.latencyMs ?? 0;
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    stats.connections += 1;
    const number = ++sinceSet;
    const upstream = connect({ host: target.hostname, port: Number(target.port) });
    sockets.add(client).add(upstream);
    // Once a reset is decided, nothing more may pass: a later chunk let through would splice
    // the stream (bytes missing in the middle), which no real network does.
    let dead = false;
    const cut = () => {
      stats.resets += 1;
      client.resetAndDestroy();
      upstream.resetAndDestroy();
    };
    const hangUp = () => {
      stats.closes += 1;
      client.end();
      upstream.end();
    };
    for (const socket of [client, upstream]) {
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    pipe(client, upstream, 'up');
    pipe(upstream, client, 'down');

    function pipe(from: Socket, to: Socket, direction: Direction) {
      let count = 0;
      let stalled = false;
      let queuedBytes = 0;
      let ended = false;
      // One ordered queue and one timer per direction: chunks leave in the order they came.
      const queue: { at: number; chunk: Buffer }[] = [];
      let timer: ReturnType<typeof setTimeout> | undefined;
      const release = () => {
        timer = undefined;
        while (queue.length && queue[0].at <= Date.now()) {
          // Chunks queued before the fault still go out; the fault's own cut follows them.
          const { chunk } = queue.shift()!;
          queuedBytes -= chunk.length;
          if (!to.destroyed) to.write(chunk);
        }
        if (queue.length) timer = setTimeout(release, queue[0].at - Date.now());
        else if (ended) to.end();
        if (queuedBytes <= QUEUE_LIMIT && from.isPaused()) from.resume();
      };
      const forward = (chunk: Buffer) => {
        if (latency <= 0 && queue.length === 0) {
          if (!to.write(chunk)) {
            from.pause();
            to.once('drain', () => from.resume());
          }
          return;
        }
        queue.push({ at: Date.now() + latency, chunk });
        queuedBytes += chunk.length;
        if (queuedBytes > QUEUE_LIMIT) from.pause();
        timer ??= setTimeout(release, latency);
      };
      from.on('data', (data: Buffer) => {
        if (dead || stalled) return;
        let chunk = data;
        const start = count;
        count += chunk.length;
        if (direction === 'up') stats.bytesUp += chunk.length;
        else stats.bytesDown += chunk.length;
        for (const fault of faults) {
          if (fault.direction !== direction || fault.left <= 0 || start > fault.afterBytes || count <= fault.afterBytes || !fault.picks(number)) continue;
          fault.left -= 1;
          if (fault.action === 'reset' || fault.action === 'close') {
            // Let the bytes before the fault through, then cut: a reset (or a clean close) in the middle of a body.
            const before = chunk.subarray(0, fault.afterBytes - start);
            if (before.length) forward(before);
            dead = true;
            setTimeout(fault.action === 'reset' ? cut : hangUp, latency + 5);
            from.pause();
            return;
          }
          if (fault.action === 'stall') {
            // The bytes before the fault pass; everything after is swallowed, and the connection stays open.
            const before = chunk.subarray(0, fault.afterBytes - start);
            if (before.length) forward(before);
            stalled = true;
            stats.stalls += 1;
            return;
          }
          chunk = Buffer.from(chunk);
          chunk[fault.afterBytes - start] ^= 0xff;
          stats.corruptions += 1;
        }
        forward(chunk);
      });
      from.on('end', () => {
        ended = true;
        if (queue.length === 0 && !stalled) to.end();
      });
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stats,
    setFaults(next) {
      faults = next.map(arm);
      sinceSet = 0;
    },
    setLatency(ms) {
      latency = ms;
    },
    dropConnections() {
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
