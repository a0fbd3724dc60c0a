// The Object Storage endpoints a Linode account may use, from the Linode API
// (https://techdocs.akamai.com/linode-api/reference/get-object-storage-endpoints): one GET per page with
// a personal access token (scope object_storage:read_only). The token is used for these requests only;
// nothing here keeps it.
import { PailError } from '../../shared/errors';
import type { LinodeAccountEndpoint } from '../../shared/linode-hosts';

/** Where the Linode API answers (a test, or `PAIL_LINODE_API_URL`, gives another). */
export const LINODE_API_BASE = 'https://api.linode.com';

/** One endpoint as the API lists it. */
export type AccountEndpoint = LinodeAccountEndpoint;

/** What the lister needs: the API's base URL and a fetch (both replaceable in tests). */
export interface LinodeEndpointsDeps {
  apiBase?: string;
  fetch?: typeof fetch;
}

/** One page of `GET /v4/object-storage/endpoints`, as the API documents it. */
interface EndpointsPage {
  data?: { region?: unknown; endpoint_type?: unknown; s3_endpoint?: unknown }[];
  page?: number;
  pages?: number;
}

/** Lists the account's Object Storage endpoints with a Linode API token. */
export class LinodeEndpointLister {
  private readonly apiBase: string;
  private readonly fetch: typeof fetch;

  constructor(deps: LinodeEndpointsDeps = {}) {
    this.apiBase = (deps.apiBase ?? LINODE_API_BASE).replace(/\/+$/, '');
    this.fetch = deps.fetch ?? globalThis.fetch;
  }

  /** `linode:endpoints`: the account's endpoints for a token (used for these requests only). */
  endpoints({ token }: { token: string }, { signal }: { signal?: AbortSignal } = {}): Promise<AccountEndpoint[]> {
    return this.list(token, signal);
  }

  /** Every endpoint the account may use, page by page, sorted by region then host. */
  async list(token: string, signal?: AbortSignal): Promise<AccountEndpoint[]> {
    const found: AccountEndpoint[] = [];
    for (let page = 1, pages = 1; page <= pages && page <= 50; page++) {
      const answer = await this.page(token, page, signal);
      pages = typeof answer.pages === 'number' ? answer.pages : 1;
      for (const row of answer.data ?? []) {
        if (typeof row.s3_endpoint !== 'string' || typeof row.region !== 'string') continue;
        found.push({ region: row.region, endpointType: String(row.endpoint_type ?? ''), host: row.s3_endpoint.replace(/^https?:\/\//, '') });
      }
    }
    return found.sort((a, b) => a.region.localeCompare(b.region) || a.host.localeCompare(b.host));
  }

  private async page(token: string, page: number, signal?: AbortSignal): Promise<EndpointsPage> {
    let response: Response;
    try {
      response = await this.fetch(`${this.apiBase}/v4/object-storage/endpoints?page=${page}`, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        ...(signal && { signal }),
      });
    } catch (cause) {
      throw new PailError(
        { code: 'EndpointUnreachable', message: `Could not reach the Linode API (${this.apiBase}).`, hint: 'Check your network connection, then try again.' },
        { cause },
      );
    }
    if (response.status === 401 || response.status === 403) {
      throw new PailError({
        code: 'AccessDenied',
        message: `The Linode API refused the token (HTTP ${response.status}).`,
        hint: 'Use a personal access token with the Object Storage "read only" scope (Cloud Manager → Profile → API Tokens).',
        status: response.status,
      });
    }
    if (!response.ok) {
      throw new PailError({
        code: 'S3Error',
        message: `The Linode API answered HTTP ${response.status}.`,
        hint: 'Try again later.',
        status: response.status,
      });
    }
    return (await response.json()) as EndpointsPage;
  }
}
