import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Readable, Writable } from 'node:stream';
import type { AppServices } from '../app-services';

/** Where a command writes, and what it reads secrets from. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
}

/** A wrong command line: printed with the usage (the command's own when known), exit code 2. */
export class UsageError extends Error {
  /** The usage lines to print under the message; the runner fills in the command's own. */
  usage?: string;
}

/** Reads a whole stream as UTF-8 text (the secret on stdin). */
export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The text of `--file PATH`, or of stdin for "-"; a file that cannot be read is a UsageError naming it. */
export async function readInput(path: string, io: CliIo): Promise<string> {
  if (path === '-') return readAll(io.stdin);
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`Could not read ${path}: ${error.code ?? error.message}.`);
  });
}

/** `--file PATH` (or "-") read and parsed as JSON; text that is not JSON is a UsageError saying where (`what`: "rules", "tags"…). */
export async function readJsonInput(path: string, io: CliIo, what: string): Promise<unknown> {
  const text = await readInput(path, io);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${path === '-' ? `The ${what} on stdin are` : `${path} is`} not JSON: ${(error as Error).message}.`);
  }
}

/**
 * A command's options in node:util `parseArgs`' own shape, one entry each:
 * `{ recursive: { type: 'boolean' }, region: { type: 'string' }, metadata: { type: 'string', multiple: true } }`.
 * `--help` and `-h` are every command's and need no entry.
 */
export type CliOptions = NonNullable<ParseArgsConfig['options']>;

/** Option values by long name: a string, `true` for a switch, a list for a repeatable option. */
export type Flags = Record<string, string | boolean | string[] | undefined>;

/** A command line after parsing: its options and its other words. */
export interface CliArgs {
  flags: Flags;
  positional: string[];
}

/** What a command does with its parsed command line. */
export type CliRun = (services: AppServices, args: CliArgs, io: CliIo) => Promise<void>;

/** One CLI command: its usage lines (its `--help`, and its part of `pail --help`), its options, what it does. */
export interface CliCommand {
  usage: string;
  options: CliOptions;
  run: CliRun;
}

const HELP: CliOptions = { help: { type: 'boolean', short: 'h' } };

/**
 * Parses the words after a command's name (`words`, e.g. "profile add")
 * against its options. `help` is set when `--help` or `-h` is among them;
 * otherwise an unknown option, a switch given a value or an option missing
 * its value is a UsageError naming it.
 */
export function parseCommandLine(words: string, options: CliOptions, args: string[]): CliArgs & { help: boolean } {
  const known: CliOptions = { ...options, ...HELP };
  // Not strict: every problem is found below and said in Pail's words, with the command's name.
  const { values, positionals, tokens } = parseArgs({
    args: withNegativeValues(args, options),
    options: known,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const optionTokens = tokens.filter((t) => t.kind === 'option');
  if (optionTokens.some((t) => t.name === 'help')) return { flags: {}, positional: [], help: true };
  for (const token of optionTokens) {
    const option = options[token.name];
    if (!option) throw new UsageError(`Unknown option ${token.rawName} for pail ${words}: see pail ${words} --help.`);
    if (option.type === 'boolean' && token.value !== undefined) throw new UsageError(`${token.rawName} takes no value (it is a switch).`);
    if (option.type === 'string' && token.value === undefined) throw new UsageError(`${token.rawName} needs a value.`);
  }
  return { flags: values as Flags, positional: positionals, help: false };
}

/** "--expires -5" as "--expires=-5": a negative number after a string option is its value, not an option. */
function withNegativeValues(args: string[], options: CliOptions): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--') return [...out, ...args.slice(i)];
    const name = /^--([^=]+)$/.exec(args[i])?.[1];
    if (name && options[name]?.type === 'string' && /^-\d/.test(args[i + 1] ?? '')) out.push(`${args[i]}=${args[++i]}`);
    else out.push(args[i]);
  }
  return out;
}

/** The usage a command's `--help` prints. */
export function commandHelp(command: CliCommand): string {
  return `Usage:\n${command.usage}`;
}

/** Parses a command line and runs the command (what the runner does after `--help`; tests call it directly). */
export async function runCommandLine(words: string, command: CliCommand, services: AppServices, args: string[], io: CliIo): Promise<void> {
  const parsed = parseCommandLine(words, command.options, args);
  if (parsed.help) io.stdout.write(commandHelp(command));
  else await command.run(services, parsed, io);
}
