import { DeleteBucketCorsCommand, GetBucketCorsCommand, PutBucketCorsCommand, type CORSRule } from '@aws-sdk/client-s3';
import { CORS_METHODS, type BucketCors, type CorsMethod, type CorsRule } from '../../shared/cors';
import type { ParsedRequestOf } from '../../shared/ipc/contract';
import type { S3ClientProvider } from './s3-client-factory';
import { toPailError } from './s3-errors';

/** The server's word for "this bucket has none of that configuration": an empty one, not an error. */
const isNone = (error: unknown, code: string) => {
  const e = error as { name?: string; Code?: string };
  return e.name === code || e.Code === code;
};

/** A rule as the SDK sends it. */
function toSdkRule(rule: CorsRule): CORSRule {
  return {
    ...(rule.id && { ID: rule.id }),
    AllowedOrigins: rule.allowedOrigins,
    AllowedMethods: rule.allowedMethods,
    ...(rule.allowedHeaders.length && { AllowedHeaders: rule.allowedHeaders }),
    ...(rule.exposeHeaders.length && { ExposeHeaders: rule.exposeHeaders }),
    ...(rule.maxAgeSeconds !== undefined && { MaxAgeSeconds: rule.maxAgeSeconds }),
  };
}

/** A rule as the server gave it, in Pail's shape (a method Pail does not know is kept out, not guessed). */
function fromSdkRule(rule: CORSRule): CorsRule {
  return {
    ...(rule.ID && { id: rule.ID }),
    allowedOrigins: rule.AllowedOrigins ?? [],
    // In S3's order, whatever order the server keeps them in (Ceph keeps a set).
    allowedMethods: CORS_METHODS.filter((method: CorsMethod) => (rule.AllowedMethods ?? []).some((m) => m.toUpperCase() === method)),
    allowedHeaders: rule.AllowedHeaders ?? [],
    exposeHeaders: rule.ExposeHeaders ?? [],
    ...(rule.MaxAgeSeconds !== undefined && { maxAgeSeconds: rule.MaxAgeSeconds }),
  };
}

/**
 * A bucket's configuration on the server, read and written in Pail's shapes (the renderer and
 * the CLI never see S3's XML): its CORS rules.
 */
export class BucketConfigService {
  constructor(private readonly clients: S3ClientProvider) {}

  /** The bucket's CORS rules; none when it has no CORS configuration. */
  async cors({ profileId, bucket }: ParsedRequestOf<'s3:bucketCors'>, { signal }: { signal?: AbortSignal } = {}): Promise<BucketCors> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      const answer = await client.send(new GetBucketCorsCommand({ Bucket: bucket }), { abortSignal: signal });
      return { rules: (answer.CORSRules ?? []).map(fromSdkRule) };
    } catch (error) {
      if (isNone(error, 'NoSuchCORSConfiguration')) return { rules: [] };
      throw toPailError(error, `reading the CORS rules of ${bucket}`, profile.endpoint);
    }
  }

  /** Replaces the bucket's CORS rules (no rules: removes its CORS configuration); answers them as the server now has them. */
  async setCors({ profileId, bucket, rules }: ParsedRequestOf<'s3:setBucketCors'>): Promise<BucketCors> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      if (rules.length) await client.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: rules.map(toSdkRule) } }));
      else await client.send(new DeleteBucketCorsCommand({ Bucket: bucket }));
    } catch (error) {
      throw toPailError(error, `saving the CORS rules of ${bucket}`, profile.endpoint);
    }
    return this.cors({ profileId, bucket });
  }
}
