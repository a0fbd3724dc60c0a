import { S3Client } from '@aws-sdk/client-s3';
import type { Profile } from '../../shared/profile';
import type { ProfileService } from './profile-service';

/** Timeouts for every S3 request: a stalled server must not hang the app. */
export const S3_TIMEOUTS = { connectionTimeout: 10_000, requestTimeout: 60_000 } as const;

/** Builds the SDK client for a profile and its secret. */
export function buildS3Client(profile: Profile, secretAccessKey: string): S3Client {
  return new S3Client({
    endpoint: profile.endpoint,
    region: profile.region,
    forcePathStyle: profile.addressingStyle === 'path',
    credentials: { accessKeyId: profile.accessKeyId, secretAccessKey },
    // WHEN_REQUIRED for every non-AWS endpoint: the SDK's default checksums
    // (aws-chunked bodies, x-amz-checksum-* headers) break Ceph, R2, B2, OVH…
    requestChecksumCalculation: profile.checksumMode,
    responseChecksumValidation: profile.checksumMode,
    maxAttempts: 3,
    requestHandler: { ...S3_TIMEOUTS },
  });
}

/** Gives the S3 client of a profile, cached until the profile changes. */
export interface S3ClientProvider {
  clientFor(profileId: string): Promise<{ client: S3Client; profile: Profile }>;
}

/** Caches one client per profile; a profile edit (new `updatedAt`) builds a new one. */
export class CachedS3ClientProvider implements S3ClientProvider {
  private readonly cache = new Map<string, { updatedAt: string; client: S3Client; profile: Profile }>();

  constructor(
    private readonly profiles: ProfileService,
    private readonly build: typeof buildS3Client = buildS3Client,
  ) {
    profiles.onChange((list) => {
      for (const [id, entry] of this.cache) {
        const now = list.find((p) => p.id === id);
        if (!now || now.updatedAt !== entry.updatedAt) {
          entry.client.destroy();
          this.cache.delete(id);
        }
      }
    });
  }

  async clientFor(profileId: string): Promise<{ client: S3Client; profile: Profile }> {
    const profile = await this.profiles.find(profileId);
    const cached = this.cache.get(profile.id);
    if (cached && cached.updatedAt === profile.updatedAt) return cached;
    cached?.client.destroy();
    const { secretAccessKey } = await this.profiles.withSecret(profile.id);
    const entry = { updatedAt: profile.updatedAt, client: this.build(profile, secretAccessKey), profile };
    this.cache.set(profile.id, entry);
    return entry;
  }
}
