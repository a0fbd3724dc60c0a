import type { Readable, Writable } from 'node:stream';
import type { AppServices } from '../app-services';

/** Where a command writes, and what it reads secrets from. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
}

/** A wrong command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** Reads a whole stream as UTF-8 text (the secret on stdin). */
export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

type Flags = Record<string, string | boolean>;

/** Parses `--name value` and `--switch` flags; positional words are returned separately. */
export function parseFlags(args: string[], booleans: string[]): { flags: Flags; positional: string[] } {
  const flags: Flags = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (booleans.includes(name)) flags[name] = true;
    else if (inline !== undefined) flags[name] = inline;
    else if (i + 1 < args.length) flags[name] = args[++i];
    else throw new UsageError(`--${name} needs a value.`);
  }
  return { flags, positional };
}

/** One CLI command: what it does with its arguments. */
export type CliCommand = (services: AppServices, args: string[], io: CliIo) => Promise<void>;
