import { createHash } from 'node:crypto';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { BuildMiddleware, MetadataBearer } from '@smithy/types';
import type { Profile } from '../../shared/profile';
import { providerById, usesPathStyle } from '../../shared/providers';
import { networkPolicyOf, policyKey, withProxy, type NetworkFields } from './net/network-policy';
import { sdkAgents } from './net/node-agents';
import { environmentProxy, proxyKey, type ProxyPolicy } from './net/proxy-policy';
import { ProxyResolver } from './net/proxy-resolver';
import type { ProfileService } from './profile-service';
import { DeadlineRetryStrategy, handlerDeadlines } from './request-deadlines';

/** What a client is built from: a profile's connection settings and its secret. */
export type ClientSettings = Pick<Profile, 'provider' | 'endpoint' | 'region' | 'accessKeyId' | 'checksumMode' | 'deleteObjectsMd5'> &
  Partial<Pick<Profile, 'responseTimeoutSeconds' | NetworkFields>> & {
    secretAccessKey: string;
    /** Temporary credentials only. */
    sessionToken?: string;
    pathStyle: boolean;
    /** The request's Bucket is a whole endpoint URL (a custom domain): links signed for that host. */
    bucketEndpoint?: boolean;
    /** The proxies decided for the profile (see net/proxy-resolver.ts); absent: the environment's. */
    proxy?: ProxyPolicy;
  };

/**
 * Sends Content-MD5 instead of a CRC32 checksum on DeleteObjects, for servers
 * that demand MD5 (older MinIO, Dell ECS). Runs after the SDK's checksum
 * middleware and before signing, so the signed headers stay true.
 */
function useContentMd5OnDeleteObjects(client: S3Client): void {
  const contentMd5: BuildMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
    const request = args.request as { headers?: Record<string, string>; body?: unknown };
    if (context.commandName !== 'DeleteObjectsCommand' || !request.headers) return next(args);
    for (const header of Object.keys(request.headers)) {
      const lower = header.toLowerCase();
      if (lower.startsWith('x-amz-checksum-') || lower.startsWith('x-amz-sdk-checksum-')) delete request.headers[header];
    }
    if (typeof request.body === 'string' || request.body instanceof Uint8Array) {
      request.headers['content-md5'] = createHash('md5').update(request.body).digest('base64');
    }
    return next(args);
  };
  // The checksum middleware is added per command, so it cannot be named here:
  // a low-priority build middleware runs after it, still before signing.
  client.middlewareStack.add(contentMd5, { step: 'build', priority: 'low', name: 'pailContentMd5OnDeleteObjects' });
}

/**
 * What every SDK client of a profile shares, the browsing client and the
 * transfer client (transfers/engine/transfer-client.ts) alike: where it
 * goes, how it signs, which checksums it sends.
 */
export function profileClientConfig(settings: ClientSettings) {
  const preset = providerById(settings.provider);
  return {
    endpoint: settings.endpoint,
    region: preset.signingRegion ?? settings.region,
    forcePathStyle: settings.pathStyle,
    credentials: {
      accessKeyId: settings.accessKeyId,
      secretAccessKey: settings.secretAccessKey,
      ...(settings.sessionToken && { sessionToken: settings.sessionToken }),
    },
    // WHEN_REQUIRED for every non-AWS endpoint: the SDK's default checksums
    // (aws-chunked bodies, x-amz-checksum-* headers) break Ceph, R2, B2, OVH…
    requestChecksumCalculation: settings.checksumMode,
    responseChecksumValidation: settings.checksumMode,
    // Follow AWS's 301s to the bucket's real region instead of failing.
    followRegionRedirects: preset.id === 'aws',
  } satisfies S3ClientConfig;
}

/** Builds the SDK client for a profile's settings and secret. */
export function buildS3Client(settings: ClientSettings): S3Client {
  const client = new S3Client({
    ...profileClientConfig(settings),
    ...(settings.bucketEndpoint && { bucketEndpoint: true }),
    // A silent server fails a request after two response timeouts, not three.
    retryStrategy: new DeadlineRetryStrategy(3),
    requestHandler: {
      ...handlerDeadlines(settings.responseTimeoutSeconds),
      // The profile's network policy (its CA bundle…); a profile without one keeps the SDK's own agents.
      ...sdkAgents(withProxy(networkPolicyOf(settings), settings.proxy)),
    },
  });
  if (settings.deleteObjectsMd5) useContentMd5OnDeleteObjects(client);
  return client;
}

/** Settings a run imposes on every profile's clients (the CLI's --timeout). */
export type ClientOverrides = Partial<Pick<Profile, 'responseTimeoutSeconds'>>;

/** Gives the S3 client to use for a profile (and bucket, for "auto" addressing). */
export interface S3ClientProvider {
  /** `proxy`: the proxies the client goes through, when the provider decided them (see net/proxy-resolver.ts). */
  clientFor(profileId: string, bucket?: string): Promise<{ client: S3Client; profile: Profile; proxy?: ProxyPolicy }>;
}

interface CacheEntry {
  updatedAt: string;
  /** What the clients were built from (see `connectionOf`): an edit that keeps it keeps them. */
  connection: string;
  profile: Profile;
  secretAccessKey: string;
  sessionToken?: string;
  /** The proxies the clients go through, decided when the entry was made. */
  proxy?: ProxyPolicy;
  /** The environment's proxy variables then: a change (a test, an embedding process) builds new clients. */
  environment: string;
  clients: Map<boolean, S3Client>;
}

/**
 * The settings and secret a profile's clients are built from, as one string: a
 * name, a bucket's upload settings or custom domain change nothing in it.
 */
function connectionOf(profile: Profile, secretAccessKey: string, sessionToken: string | undefined, proxy: ProxyPolicy | undefined): string {
  const { provider, endpoint, region, accessKeyId, accountId, addressingStyle, checksumMode, deleteObjectsMd5, responseTimeoutSeconds } = profile;
  return JSON.stringify([
    provider,
    endpoint,
    region,
    accessKeyId,
    accountId,
    addressingStyle,
    checksumMode,
    deleteObjectsMd5,
    responseTimeoutSeconds,
    secretAccessKey,
    sessionToken,
    policyKey(networkPolicyOf(profile)),
    proxyKey(proxy),
  ]);
}

/**
 * Caches clients per profile; an edit of the connection or the secret builds
 * new ones, any other edit (a bucket's upload settings, saved while an upload
 * sends) keeps them, so no request in flight is cut. "auto" addressing keeps
 * one client per style and picks per bucket.
 */
export class CachedS3ClientProvider implements S3ClientProvider {
  private readonly cache = new Map<string, CacheEntry>();
  /** Entries being built, by profile id and version. */
  private readonly building = new Map<string, Promise<CacheEntry>>();

  constructor(
    private readonly profiles: ProfileService,
    private readonly build: typeof buildS3Client = buildS3Client,
    private readonly overrides: ClientOverrides = {},
    private readonly proxies: ProxyResolver = new ProxyResolver(),
  ) {
    // An edited profile is checked when next asked for (its secret is read then); a deleted one goes now.
    profiles.onChange((list) => {
      for (const id of [...this.cache.keys()]) if (!list.some((p) => p.id === id)) this.forget(id);
    });
  }

  /**
   * The cache entry for this version of the profile. Callers that arrive together share one secret
   * lookup: two building their own entries would each replace the other's, destroying a client that
   * is sending.
   */
  private entryFor(profile: Profile): Promise<CacheEntry> {
    const cached = this.cache.get(profile.id);
    const environment = proxyKey(environmentProxy());
    if (cached && cached.updatedAt === profile.updatedAt && cached.environment === environment) return Promise.resolve(cached);
    const key = `${profile.id}\n${profile.updatedAt}\n${environment}`;
    let building = this.building.get(key);
    if (!building) {
      building = this.profiles
        .secretOf(profile)
        .then(async ({ secretAccessKey, sessionToken, proxyPassword }) => {
          const proxy = await this.proxies.policyFor(profile, proxyPassword, profile.endpoint);
          const connection = connectionOf(profile, secretAccessKey, sessionToken, proxy);
          const kept = this.cache.get(profile.id);
          if (kept?.connection === connection) return Object.assign(kept, { updatedAt: profile.updatedAt, profile, environment });
          this.forget(profile.id);
          const entry: CacheEntry = {
            updatedAt: profile.updatedAt,
            environment,
            connection,
            profile,
            secretAccessKey,
            ...(sessionToken && { sessionToken }),
            ...(proxy && { proxy }),
            clients: new Map(),
          };
          this.cache.set(profile.id, entry);
          return entry;
        })
        .finally(() => this.building.delete(key));
      this.building.set(key, building);
    }
    return building;
  }

  private forget(id: string): void {
    this.cache.get(id)?.clients.forEach((client) => client.destroy());
    this.cache.delete(id);
  }

  async clientFor(profileId: string, bucket?: string): Promise<{ client: S3Client; profile: Profile; proxy?: ProxyPolicy }> {
    const profile = await this.profiles.find(profileId);
    const entry = await this.entryFor(profile);
    const pathStyle = usesPathStyle(profile.addressingStyle, bucket);
    let client = entry.clients.get(pathStyle);
    if (!client) {
      client = this.build({
        ...profile,
        ...this.overrides,
        secretAccessKey: entry.secretAccessKey,
        ...(entry.sessionToken && { sessionToken: entry.sessionToken }),
        ...(entry.proxy && { proxy: entry.proxy }),
        pathStyle,
      });
      entry.clients.set(pathStyle, client);
    }
    return { client, profile: entry.profile, ...(entry.proxy && { proxy: entry.proxy }) };
  }

  /**
   * A client whose requests go to the URL given as their Bucket (a bucket's
   * custom domain), for links signed for that host. Not cached: links are rare.
   */
  async customDomainClient(profileId: string): Promise<{ client: S3Client; profile: Profile }> {
    const { profile, secretAccessKey, sessionToken, proxyPassword } = await this.profiles.withSecret(profileId);
    const proxy = await this.proxies.policyFor(profile, proxyPassword, profile.endpoint);
    return {
      client: this.build({
        ...profile,
        ...this.overrides,
        secretAccessKey,
        ...(sessionToken && { sessionToken }),
        ...(proxy && { proxy }),
        pathStyle: false,
        bucketEndpoint: true,
      }),
      profile,
    };
  }
}
