import { createHash } from 'node:crypto';
import type { CannedRule, ProxiedRequest, ProxyLogEntry, TamperRule } from './fault-proxy';

/**
 * Rules for the HTTP fault proxy that strike a share of requests (every Nth,
 * a seeded random share, a burst), the faults a flaky network or an
 * overloaded server produces (503 SlowDown, headers then silence, a body cut
 * short, an ETag that lies, a request held at the door), and readers of the
 * proxy's log (which parts and ranges went through).
 */

/** Which requests a rule may strike (before the share is taken). */
export type RequestFilter = (req: ProxiedRequest) => boolean;

/** Every request. */
export const anyRequest: RequestFilter = () => true;
/** A ListObjectsV2 request (a page of a listing). */
export const isListing: RequestFilter = (req) => req.method === 'GET' && req.query.get('list-type') === '2';
/** An UploadPart (PUT with a part number). */
export const isPartUpload: RequestFilter = (req) => req.method === 'PUT' && req.query.has('partNumber');
/** A GET with a Range header (a chunk of a download). */
export const isRangedGet: RequestFilter = (req) => req.method === 'GET' && req.headers.range !== undefined;

/**
 * A small seeded generator (mulberry32): the same seed strikes the same
 * requests in every run, so a failure can be replayed. Node has no seedable
 * random, and a library for these five lines would be more to trust than them.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The Nth, 2Nth, 3Nth… request that `among` accepts (counted from the filter's creation). */
export function everyNth(n: number, among: RequestFilter = anyRequest): RequestFilter {
  let seen = 0;
  return (req) => among(req) && ++seen % n === 0;
}

/** A seeded random `fraction` (0–1) of the requests that `among` accepts. */
export function seededShare(fraction: number, seed: number, among: RequestFilter = anyRequest): RequestFilter {
  const random = seededRandom(seed);
  return (req) => among(req) && random() < fraction;
}

/** Requests number `from` to `to` (1-based, inclusive) of those `among` accepts: a burst. */
export function burst(from: number, to: number, among: RequestFilter = anyRequest): RequestFilter {
  let seen = 0;
  return (req) => {
    if (!among(req)) return false;
    seen += 1;
    return seen >= from && seen <= to;
  };
}

/** At most `count` of the requests `among` accepts (the first ones): a fault that runs out, so retries are sure to get through. */
export function upTo(count: number, among: RequestFilter): RequestFilter {
  let struck = 0;
  return (req) => struck < count && among(req) && ++struck > 0;
}

/** A rule that counts the requests it struck. */
export type Counted<R> = R & { hits: () => number };

function counted<R extends { when: RequestFilter }>(rule: R): Counted<R> {
  let hits = 0;
  const when = rule.when;
  return {
    ...rule,
    when: (req: ProxiedRequest) => {
      const hit = when(req);
      if (hit) hits += 1;
      return hit;
    },
    hits: () => hits,
  };
}

/** Ceph's (and AWS's) `503 SlowDown` with the body Ceph sends, for the requests `when` picks. */
export function slowDown(when: RequestFilter = anyRequest): Counted<CannedRule> {
  return counted({
    name: 'slowDown',
    when,
    respond: {
      status: 503,
      body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
    },
  });
}

/** Forwards, sends the status and headers (and `afterBodyBytes` of the body), then nothing more: the connection stays open. */
export function headersThenStall(when: RequestFilter = anyRequest, afterBodyBytes = 0): Counted<TamperRule> {
  return counted({ name: 'headersThenStall', when, tamper: { then: 'stall', afterBodyBytes } });
}

/** Forwards, sends `afterBodyBytes` of the body, then ends the connection: cleanly (a FIN) or with a reset. */
export function truncateBody(when: RequestFilter, afterBodyBytes: number, end: 'close' | 'reset' = 'close'): Counted<TamperRule> {
  return counted({ name: `truncateBody(${end})`, when, tamper: { then: end, afterBodyBytes } });
}

/** Forwards (the server does the request: a PUT stores its body), then the answer is lost: silence, or a cut connection. */
export function answerLost(when: RequestFilter, end: 'stall' | 'close' | 'reset' = 'stall'): Counted<TamperRule> {
  return counted({ name: `answerLost(${end})`, when, tamper: { then: end, beforeHeaders: true } });
}

/**
 * Forwards, but answers an ETag that is not the MD5 of what was stored: a
 * server or middlebox that damaged the bytes after checking Content-MD5 (or
 * one that does not check it), as the client would see it.
 */
export function lyingEtag(when: RequestFilter): Counted<TamperRule> {
  return counted({
    name: 'lyingEtag',
    when,
    tamper: {
      headers: (headers) => {
        if (typeof headers.etag !== 'string') return headers;
        const lie = createHash('md5').update(`not ${headers.etag}`).digest('hex');
        return { ...headers, etag: `"${lie}"` };
      },
    },
  });
}

/** Holds the requests `when` picks until `release()`, then forwards them: stops an engine at a known point. */
export function holdRequests(when: RequestFilter): Counted<TamperRule> & { release: () => void } {
  let release!: () => void;
  const holdUntil = new Promise<void>((resolve) => (release = resolve));
  return { ...counted({ name: 'holdRequests', when, tamper: { holdUntil } }), release };
}

/** The part number of an UploadPart URL, or undefined. */
export function partNumberOf(url: string): number | undefined {
  const match = /[?&]partNumber=(\d+)/.exec(url);
  return match ? Number(match[1]) : undefined;
}

/** Part numbers of the UploadPart requests the server accepted (status 200), in the order answered, from `from` on. */
export function acceptedParts(log: ProxyLogEntry[], from = 0): number[] {
  return log
    .slice(from)
    .filter((e) => e.method === 'PUT' && e.status === 200)
    .map((e) => partNumberOf(e.url))
    .filter((n): n is number => n !== undefined);
}

/** The Range headers of the ranged GETs the proxy passed on (whole answers only with `completeOnly`), from `from` on. */
export function rangedGets(log: ProxyLogEntry[], { from = 0, completeOnly = false } = {}): string[] {
  return log
    .slice(from)
    .filter((e) => e.method === 'GET' && typeof e.headers.range === 'string' && e.status === 206 && (!completeOnly || e.complete))
    .map((e) => e.headers.range as string);
}
