import { providerById, type ProviderId } from './providers';

/**
 * Access key ids whose shape names the provider that issued them, so a key
 * pasted under the wrong provider can be caught before the first request (the
 * server would answer InvalidAccessKeyId). Only shapes a provider documents
 * are listed; where a shape is not sure (Linode and Wasabi keys are plain
 * upper-case letters and digits, a B2 master key id is 12 hex digits) Pail
 * says nothing rather than guess.
 */
interface KeyShape {
  provider: ProviderId;
  pattern: RegExp;
  /** How the shape reads in the warning ("AKIA…"). */
  looks: string;
}

const SHAPES: readonly KeyShape[] = [
  // AWS STS GetAccessKeyInfo: "Access key IDs beginning with AKIA are long-term credentials … beginning
  // with ASIA are temporary credentials"; example AKIAIOSFODNN7EXAMPLE (20 characters).
  { provider: 'aws', pattern: /^(AKIA|ASIA)[A-Z0-9]{16}$/, looks: 'AKIA… or ASIA…' },
  // Scaleway IAM API keys: access keys start with SCW, e.g. SCWABCDEFGHIJKLMNOPQ (20 characters).
  { provider: 'scaleway', pattern: /^SCW[A-Z0-9]{17}$/, looks: 'SCW…' },
  // DigitalOcean Spaces access keys start with DO00, e.g. DO00EXAMPLEACCESSKEY (20 characters).
  { provider: 'digitalocean', pattern: /^DO00[A-Z0-9]{16}$/, looks: 'DO00…' },
  // Backblaze B2 application key ids: lower-case hex starting 00, e.g. 0014a98f9d9e8d0000000001
  // (b2_create_key's applicationKeyId; 24 or 25 characters).
  { provider: 'backblaze', pattern: /^00[0-9a-f]{22,23}$/, looks: 'a B2 application key id' },
];

/**
 * Presets whose provider issues the keys. On MinIO, Ceph, Garage and "other"
 * the server's owner chooses the keys (any shape, even AKIA…), so nothing is
 * said there.
 */
const ISSUING_PROVIDERS: readonly ProviderId[] = ['aws', 'linode', 'digitalocean', 'wasabi', 'backblaze', 'cloudflare-r2', 'scaleway', 'ovh'];

/** A key that looks like another provider's: which one, and the words to show. */
export interface KeyShapeWarning {
  /** The provider the key looks like it came from. */
  looksLike: ProviderId;
  message: string;
}

/**
 * A warning when `accessKeyId` has the documented shape of another provider's
 * keys than `provider`'s (an AWS `AKIA…` key on a Linode profile), else
 * undefined. It never blocks saving: the shape is a strong hint, not proof.
 */
export function keyShapeWarning(provider: ProviderId, accessKeyId: string): KeyShapeWarning | undefined {
  if (!ISSUING_PROVIDERS.includes(provider)) return undefined;
  const key = accessKeyId.trim();
  const shape = SHAPES.find((s) => s.pattern.test(key));
  if (!shape || shape.provider === provider) return undefined;
  const other = providerById(shape.provider).label;
  const chosen = providerById(provider).label;
  return {
    looksLike: shape.provider,
    message:
      `This looks like ${/^[AEIOU]/.test(other) ? 'an' : 'a'} ${other} key (${shape.looks}). Keys work only with the provider that issued them, so ${chosen} will refuse it ` +
      `(InvalidAccessKeyId). Use a key created with ${chosen}, or choose ${other} as the provider.`,
  };
}
