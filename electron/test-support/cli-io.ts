import { PassThrough, Readable } from 'node:stream';
import type { CliIo } from '../cli/cli-kit';
import type { AppServices } from '../app-services';
import { runCli } from '../cli/commands';

/** In-memory streams for running a CLI command in a test: what it printed, and the stdin it reads. */
export function capturedIo(stdin = ''): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  return { io: { stdout, stderr, stdin: Readable.from([stdin]) }, out: () => out, err: () => err };
}

/** Runs `pail ARGV…` in this process on these services (the same runCli the binary runs): its exit code and what it printed. */
export async function runCliOn(services: AppServices, argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const captured = capturedIo(stdin);
  const code = await runCli(argv, async () => services, captured.io);
  return { code, out: captured.out(), err: captured.err() };
}
