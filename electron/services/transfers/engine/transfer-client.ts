import { S3Client } from '@aws-sdk/client-s3';
import { version as PAIL_VERSION } from '../../../../package.json';
import { providerById } from '../../../../shared/providers';
import type { ProfileService } from '../../profile-service';
import { networkPolicyOf, withProxy } from '../../net/network-policy';
import type { ProxyResolver } from '../../net/proxy-resolver';
import { sdkAgents } from '../../net/node-agents';
import { CachedS3ClientProvider, profileClientConfig, type ClientOverrides, type ClientSettings, type S3ClientProvider } from '../../s3-client-factory';
import { DirectS3 } from '../io/direct-s3';
import { handlerDeadlines } from '../../request-deadlines';
import { DEFAULT_RESPONSE_TIMEOUT_SECONDS } from '../../../../shared/timeouts';

/** Sockets per client: above every limit of files and parts in flight, so requests never queue for a socket. */
export const TRANSFER_MAX_SOCKETS = 96;

/** The SDK would print its warnings to the console (e.g. for every failed streamed request); the engine reports them itself. */
const quietLogger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/**
 * An S3 client tuned for moving bytes, built from the same settings as the
 * browsing client (endpoint, region, addressing, checksum mode) but with:
 * - no SDK retries (`maxAttempts: 1`): a streamed body cannot be sent twice,
 *   so the engine retries each request itself with a fresh stream;
 * - no `Expect: 100-continue`: with it, the SDK sends every body over 2 MB on
 *   a new, non-keep-alive connection and waits for the server's go-ahead;
 * - keep-alive agents with enough sockets, and the profile's response
 *   timeout as an idle timeout rather than a whole-request one (a 5 GiB part
 *   may rightly take minutes; a server silent for the timeout fails it).
 */
export function buildTransferClient(settings: ClientSettings, maxSockets = TRANSFER_MAX_SOCKETS): TransferS3Client {
  const preset = providerById(settings.provider);
  const network = withProxy(networkPolicyOf(settings), settings.proxy);
  const client = new TransferS3Client({
    // WHEN_REQUIRED checksums for non-AWS endpoints (PROVIDERS.md #1): streamed bodies then go with a plain Content-Length.
    ...profileClientConfig(settings),
    maxAttempts: 1,
    expectContinueHeader: false,
    logger: quietLogger,
    requestHandler: {
      ...handlerDeadlines(settings.responseTimeoutSeconds),
      ...sdkAgents(network, { maxSockets }),
    },
  });
  // AWS answers a bucket in another region with a redirect the SDK follows; the direct path would not.
  if (preset.id !== 'aws' && !settings.bucketEndpoint) {
    client.direct = new DirectS3({
      endpoint: settings.endpoint,
      signingRegion: preset.signingRegion ?? settings.region,
      pathStyle: settings.pathStyle,
      accessKeyId: settings.accessKeyId,
      secretAccessKey: settings.secretAccessKey,
      ...(settings.sessionToken && { sessionToken: settings.sessionToken }),
      maxSockets,
      silenceMs: (settings.responseTimeoutSeconds ?? DEFAULT_RESPONSE_TIMEOUT_SECONDS) * 1000,
      clock: client.config,
      network,
      userAgent: `pail/${PAIL_VERSION} node/${process.versions.node}`,
    });
  }
  return client;
}

/** A transfer client, with the direct path for moving bytes where the profile allows it (see direct-s3.ts). */
export class TransferS3Client extends S3Client {
  direct?: DirectS3;

  override destroy(): void {
    this.direct?.destroy();
    super.destroy();
  }
}

/** The direct path for a bucket, when the client has one that can address it. */
export function directFor(client: S3Client, bucket: string): DirectS3 | undefined {
  const direct = client instanceof TransferS3Client ? client.direct : undefined;
  return direct?.supports(bucket) ? direct : undefined;
}

/** Transfer clients per profile, rebuilt when a profile changes (the same cache as the browsing clients). */
export function createTransferClients(profiles: ProfileService, overrides: ClientOverrides = {}, proxies?: ProxyResolver): S3ClientProvider {
  return new CachedS3ClientProvider(profiles, (settings) => buildTransferClient(settings, TRANSFER_MAX_SOCKETS), overrides, proxies);
}
