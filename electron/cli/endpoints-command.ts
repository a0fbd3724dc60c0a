import { LINODE_HOSTS } from '../../shared/linode-hosts';
import { LinodeEndpointLister, type AccountEndpoint } from '../services/linode-endpoints';
import { UsageError, type CliCommand, type CliRun } from './cli-kit';

/** `pail profile endpoints`: usage. */
const ENDPOINTS_USAGE = `  pail profile endpoints --provider linode [--token-env VAR] [--api-url URL]
                   the S3 endpoint hosts to give as --endpoint: the ones Pail knows, or (optional) this
                   account's, listed by the Linode API with the personal access token in $VAR
                   (scope object_storage:read_only; used for this request only, never stored)
`;

/** One row per endpoint: its data center, type and host. */
function rows(endpoints: readonly AccountEndpoint[]): string[] {
  const width = Math.max(...endpoints.map((e) => e.region.length), 6);
  return endpoints.map((e) => `${e.region.padEnd(width)}  ${(e.endpointType || '  ').padEnd(2)}  ${e.host}`);
}

const profileEndpoints: CliRun = async (_services, { flags, positional }, io) => {
  if (positional.length) throw new UsageError('pail profile endpoints takes no arguments.');
  if (flags.provider !== 'linode') throw new UsageError('Only Linode lists its endpoints: pail profile endpoints --provider linode.');
  const variable = typeof flags['token-env'] === 'string' ? flags['token-env'] : undefined;
  if (variable === undefined) {
    io.stdout.write('Linode Object Storage endpoints Pail knows (Cloud Manager shows the one your bucket is on):\n');
    const known = LINODE_HOSTS.map((h) => ({ region: h.region, endpointType: h.type ?? '', host: h.host }));
    io.stdout.write(`${rows(known).join('\n')}\n`);
    io.stdout.write('Your account may have others: list them with --token-env VAR (a Linode API token in $VAR).\n');
    return;
  }
  const token = process.env[variable]?.trim();
  if (!token) throw new UsageError(`$${variable} is empty: put a Linode API token in it (read-only Object Storage scope is enough).`);
  const apiUrl = typeof flags['api-url'] === 'string' ? flags['api-url'] : undefined;
  const endpoints = await new LinodeEndpointLister({ ...(apiUrl && { apiBase: apiUrl }) }).list(token);
  io.stdout.write(`Endpoints of this Linode account (from the Linode API; the token was not stored):\n`);
  io.stdout.write(endpoints.length ? `${rows(endpoints).join('\n')}\n` : '(none)\n');
  if (endpoints.length) {
    io.stdout.write(`Use one with: pail profile add --provider linode --endpoint https://${endpoints[0].host} …\n`);
  }
};

/** The endpoint listing command. */
export const ENDPOINTS_COMMANDS: Record<string, CliCommand> = {
  'profile endpoints': {
    usage: ENDPOINTS_USAGE,
    options: { provider: { type: 'string' }, 'token-env': { type: 'string' }, 'api-url': { type: 'string' } },
    run: profileEndpoints,
  },
};
