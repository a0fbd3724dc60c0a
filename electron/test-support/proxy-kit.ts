import type { AppServices } from '../app-services';
import { runCli } from '../cli/commands';
import { capturedIo } from './cli-io';

/** Runs one `pail` command against the services; what it printed and its exit code. */
export async function cli(services: AppServices, argv: string[], stdin = '') {
  const captured = capturedIo(stdin);
  const code = await runCli(argv, async () => services, captured.io);
  return { code, out: captured.out(), err: captured.err() };
}

const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'];

/** Sets the proxy variables of this process for one test (the others unset; `{}` unsets them all). */
export function proxyEnvironment(values: Record<string, string>): void {
  for (const name of PROXY_VARIABLES) delete process.env[name];
  Object.assign(process.env, values);
}

/** host:port of an endpoint URL, as a CONNECT names it. */
export const hostOf = (endpoint: string) => new URL(endpoint).host;
