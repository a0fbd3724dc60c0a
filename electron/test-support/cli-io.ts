import { PassThrough, Readable } from 'node:stream';
import type { CliIo } from '../cli/cli-kit';

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
