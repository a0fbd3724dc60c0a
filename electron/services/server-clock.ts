import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { toPailError } from './s3-errors';

/**
 * The server's own clock, read from the Date header of its answers. Times the
 * server writes (an object's LastModified, an upload's Initiated) are on that
 * clock, so comparing them with this computer's clock would be off by the
 * skew; a window measured back from the server's Date by a duration measured
 * here (durations need no common clock) is not.
 */

/** A command whose answer's Date header is kept: call `date()` after sending it (undefined if the answer had none). */
export function keepServerDate<C extends { middlewareStack: { add: (...args: never[]) => void } }>(command: C): { command: C; date: () => number | undefined } {
  let header: string | undefined;
  const stack = command.middlewareStack as unknown as {
    add: (middleware: (next: (args: unknown) => Promise<{ response: unknown }>) => (args: unknown) => Promise<unknown>, options: object) => void;
  };
  stack.add(
    (next) => async (args) => {
      const result = await next(args);
      header = (result.response as { headers?: Record<string, string> } | undefined)?.headers?.date;
      return result;
    },
    { step: 'deserialize', name: 'pailKeepServerDate' },
  );
  return {
    command,
    date: () => {
      const parsed = header === undefined ? NaN : Date.parse(header);
      return Number.isNaN(parsed) ? undefined : parsed;
    },
  };
}

/**
 * The server's time (ms since the epoch) when it answered a one-key listing of
 * the bucket (a GET: a refusal comes with its code, where a HEAD's has none):
 * its Date header, in whole seconds, so never later than the true time. This
 * computer's clock when the server sends no Date. Failures are coded, naming the endpoint.
 */
export async function serverNow(client: S3Client, bucket: string, options: { signal?: AbortSignal; endpoint?: string } = {}): Promise<number> {
  const { command, date } = keepServerDate(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1 }));
  try {
    await client.send(command, { abortSignal: options.signal });
  } catch (error) {
    throw toPailError(error, `listing ${bucket}`, options.endpoint);
  }
  return date() ?? Date.now();
}
