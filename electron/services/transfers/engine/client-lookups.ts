import type { Profile } from '../../../../shared/profile';
import type { S3ClientProvider } from '../../s3-client-factory';
import type { ClientHandle } from './task-types';

/** How long a profile lookup (and its client) is reused. */
const CLIENT_REUSE_MS = 2_000;

/**
 * The transfer clients a batch's transfers ask for, each lookup reused for a
 * moment. Looking a profile up reads profiles.json: a batch of 2,000 small
 * files would read it 2,000 times. It also makes transfers that start
 * together share one lookup: two cold lookups at once make the client
 * provider build a client each, and the AWS-profile test then sees every
 * part sent twice (so this stays until the profile service reads profiles
 * once and the provider makes one client per profile however many ask).
 */
export class ClientLookups {
  private readonly cache = new Map<string, { at: number; value: Promise<{ handle: ClientHandle; profile: Profile }> }>();

  constructor(
    private readonly clients: S3ClientProvider,
    private readonly now: () => number,
  ) {}

  /** A client for a profile and bucket, with the endpoint for error messages. */
  client(profileId: string, bucket: string): Promise<{ handle: ClientHandle; profile: Profile }> {
    const id = `${profileId}\n${bucket}`;
    const cached = this.cache.get(id);
    if (cached && this.now() - cached.at < CLIENT_REUSE_MS) return cached.value;
    const value = this.clients.clientFor(profileId, bucket).then(({ client, profile }) => ({ handle: { client, endpoint: profile.endpoint }, profile }));
    this.cache.set(id, { at: this.now(), value });
    value.catch(() => this.cache.delete(id));
    return value;
  }

  /** Forgets the lookups (a profile was edited: its new settings apply at once). */
  forget(): void {
    this.cache.clear();
  }
}
