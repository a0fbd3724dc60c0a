import { z } from 'zod';
import { kindOf } from './data-file-words';

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
  /** The password of the profile's proxy, kept in the same entry so it moves and goes with the secret. */
  proxyPassword?: string;
}

const envelopeSchema = z.object({ secretAccessKey: z.string().min(1), sessionToken: z.string().optional(), proxyPassword: z.string().optional() });

/** A stored value that is not a secret Pail wrote: says what it is instead, never the value. */
export class DamagedSecretError extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = 'DamagedSecretError';
  }
}

export function encodeSecret(secret: StoredSecret): string {
  if (!secret.sessionToken && !secret.proxyPassword) return secret.secretAccessKey;
  return (
    ENVELOPE +
    JSON.stringify({
      secretAccessKey: secret.secretAccessKey,
      ...(secret.sessionToken && { sessionToken: secret.sessionToken }),
      ...(secret.proxyPassword && { proxyPassword: secret.proxyPassword }),
    })
  );
}

/** Reads a stored secret back; a value of the wrong kind or a broken envelope throws `DamagedSecretError`. */
export function decodeSecret(stored: unknown): StoredSecret {
  if (typeof stored !== 'string') throw new DamagedSecretError(`is not text: it is ${kindOf(stored)}`);
  if (!stored.startsWith(ENVELOPE)) {
    if (!stored) throw new DamagedSecretError('is empty');
    return { secretAccessKey: stored };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored.slice(ENVELOPE.length));
  } catch {
    throw new DamagedSecretError('holds a secret and session token that cannot be read (the stored text is cut off or changed)');
  }
  const checked = envelopeSchema.safeParse(parsed);
  if (!checked.success) throw new DamagedSecretError('holds a secret and session token in the wrong shape (no secret access key text)');
  return {
    secretAccessKey: checked.data.secretAccessKey,
    ...(checked.data.sessionToken && { sessionToken: checked.data.sessionToken }),
    ...(checked.data.proxyPassword && { proxyPassword: checked.data.proxyPassword }),
  };
}
