import { randomBytes, timingSafeEqual } from 'node:crypto';

/** True when `given` is `secret`, compared in constant time (a wrong guess teaches nothing about the right one). */
export function sameSecret(given: string | undefined | null, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A random secret of `bytes` bytes, base64url. */
export const randomSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/**
 * Short-lived codes that work once: the event stream's tickets (EventSource
 * cannot send a header, so the API token would otherwise sit in a URL) and
 * the launch codes `--open` hands the browser (so no other process sees the
 * token in the opener's arguments). 32 random bytes each: unguessable, so a
 * map lookup is as safe as a constant-time compare.
 */
export class OneTimeCodes {
  private readonly codes = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    /** Codes kept at most: the oldest goes first (a page that asks in a loop cannot grow the map). */
    private readonly max = 256,
  ) {}

  /** A new code, good once within the lifetime. */
  issue(): string {
    const now = this.now();
    for (const [code, expires] of this.codes) if (expires <= now) this.codes.delete(code);
    if (this.codes.size >= this.max) this.codes.delete(this.codes.keys().next().value!);
    const code = randomSecret();
    this.codes.set(code, now + this.ttlMs);
    return code;
  }

  /** True when the code is alive; it stays. */
  has(code: string | null | undefined): boolean {
    const expires = code ? this.codes.get(code) : undefined;
    return expires !== undefined && expires > this.now();
  }

  /** True once for a live code, which is then used up. */
  take(code: string | null | undefined): boolean {
    const alive = this.has(code);
    if (code) this.codes.delete(code);
    return alive;
  }
}
