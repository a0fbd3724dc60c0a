/**
 * What one keychain entry of a profile holds: the secret access key alone (as
 * every profile stored before temporary credentials), or, with a session token
 * (temporary credentials from STS, SSO or a provider's console), both in a small
 * JSON envelope. One entry per profile, so both move, copy and go together.
 */
const ENVELOPE = 'pail-secret:v1:';

export interface StoredSecret {
  secretAccessKey: string;
  sessionToken?: string;
}

export function encodeSecret(secret: StoredSecret): string {
  if (!secret.sessionToken) return secret.secretAccessKey;
  return ENVELOPE + JSON.stringify({ secretAccessKey: secret.secretAccessKey, sessionToken: secret.sessionToken });
}

export function decodeSecret(stored: string): StoredSecret {
  if (!stored.startsWith(ENVELOPE)) return { secretAccessKey: stored };
  const parsed = JSON.parse(stored.slice(ENVELOPE.length)) as StoredSecret;
  return { secretAccessKey: parsed.secretAccessKey, ...(parsed.sessionToken && { sessionToken: parsed.sessionToken }) };
}
