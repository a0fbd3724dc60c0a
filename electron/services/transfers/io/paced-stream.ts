import { Readable, Transform } from 'node:stream';
import type { BodyPace } from './body-pace';
import { sendWithBody } from './guarded-body';

/**
 * `source`'s bytes as a stream the SDK can send, let through at the speed
 * limits in their steps (as they come without one), each counted by
 * `onBytes` as it goes. The source's error destroys the paced stream with
 * that error (so `sendWithBody` hears it), and destroying the paced stream
 * closes the source.
 */
export function pacedStream(source: Readable, pace: BodyPace, onBytes?: (bytes: number) => void): Readable {
  const paced = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      let at = 0;
      const next = (): void => {
        while (at < chunk.length) {
          const piece = chunk.subarray(at, at + (pace.step() ?? chunk.length));
          at += piece.length;
          const wait = pace.take(piece.length);
          if (wait)
            return void wait.then(() => {
              this.push(piece);
              onBytes?.(piece.length);
              next();
            }, callback);
          this.push(piece);
          onBytes?.(piece.length);
        }
        callback();
      };
      next();
    },
  });
  source.on('error', (error) => paced.destroy(error));
  paced.on('close', () => source.destroy());
  return source.pipe(paced);
}

/**
 * Sends a body held in memory through the SDK: the buffer itself without a
 * speed limit (the SDK can send it again, as after AWS's redirect to a
 * bucket's region), counted once the server has it; under a limit, a paced
 * stream of it, counted as it goes.
 */
export async function sendBuffer<T>(
  body: Buffer,
  { pace, signal, onBytes }: { pace: BodyPace; signal: AbortSignal; onBytes?: (bytes: number) => void },
  send: (body: Buffer | Readable, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const paced = pace.step() === undefined ? undefined : pacedStream(Readable.from([body]), pace, onBytes);
  const answer = await sendWithBody(paced, signal, (guarded) => send(paced ?? body, guarded));
  if (!paced) onBytes?.(body.length);
  return answer;
}
