// One PUT of a body already in memory on a keep-alive agent: the body goes out in steps of at most
// 256 KiB so progress follows the socket, and the answer is read (its body only for an error).
import type { Agent as HttpAgent, IncomingMessage, request as httpRequest } from 'node:http';
import type { SignedTarget } from './fetch-protocol';
import type { BodyPace } from './body-pace';

/**
 * Bytes handed to the socket at a time: progress in steps this big, and no 8 MiB write queued whole.
 * Over TLS each step is held encrypted until the socket takes it, once per part in flight: 256 KiB
 * rather than 1 MiB took a 1 GiB HTTPS upload's peak from 155 MB to 146 MB (12 parts in flight).
 */
const WRITE_STEP = 256 * 1024;

/** Where a body goes: http or https, the agent that keeps the sockets, and how long the server may stay silent. */
export interface PutConnection {
  send: typeof httpRequest;
  agent: HttpAgent;
  silenceMs: number;
}

/** Sends one request and reads the answer (the body only for errors); the socket goes back to the agent. */
export function putBody(
  connection: PutConnection,
  target: SignedTarget,
  body: Buffer,
  { onBytes, onSent, pace }: { onBytes?: (bytes: number) => void; onSent?: () => void; pace?: BodyPace },
  signal?: AbortSignal,
): Promise<{ message: IncomingMessage; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = connection.send(
      {
        hostname: target.hostname,
        ...(target.port && { port: target.port }),
        path: target.path,
        headers: target.headers,
        method: 'PUT',
        agent: connection.agent,
        timeout: connection.silenceMs,
        ...(signal && { signal }),
      },
      (message) => {
        const ok = (message.statusCode ?? 0) < 300;
        const chunks: Buffer[] = [];
        let size = 0;
        message.on('data', (chunk: Buffer) => {
          if (ok || size > 64 * 1024) return;
          chunks.push(chunk);
          size += chunk.length;
        });
        message.on('end', () => resolve({ message, body: Buffer.concat(chunks).toString('utf8') }));
        message.on('error', reject);
      },
    );
    outgoing.on('timeout', () =>
      outgoing.destroy(Object.assign(new Error(`The server sent nothing for ${connection.silenceMs / 1000} s.`), { name: 'TimeoutError', code: 'ETIMEDOUT' })),
    );
    outgoing.on('error', reject);
    if (body.length === 0) return void outgoing.end(() => onSent?.());
    // The body in steps, each after the last drained: progress follows the socket. Under a speed
    // limit the steps are the limit's (about 1/20 s of it), each sent once the limit lets it.
    let at = 0;
    /** Writes a step; false when writing stops here (the socket is full and 'drain' goes on, or it was the last). */
    const write = (step: Buffer): boolean => {
      if (outgoing.destroyed) return false;
      const flushed = () => onBytes?.(step.length);
      if (at >= body.length) {
        outgoing.end(step, () => (flushed(), onSent?.()));
        return false;
      }
      if (outgoing.write(step, flushed)) return true;
      outgoing.once('drain', writeMore);
      return false;
    };
    const writeMore = (): void => {
      while (at < body.length && !outgoing.destroyed) {
        const step = body.subarray(at, Math.min(body.length, at + (pace?.step() ?? WRITE_STEP)));
        at += step.length;
        const wait = pace?.take(step.length);
        if (wait)
          return void wait.then(
            () => void (write(step) && writeMore()),
            (error: unknown) => outgoing.destroy(error as Error),
          );
        if (!write(step)) return;
      }
    };
    writeMore();
  });
}
