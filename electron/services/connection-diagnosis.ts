import type { ConnectionSettings, ConnectionStep, ConnectionStepId, SettingSuggestion, Verdict } from '../../shared/connection-test';
import { ERROR_TEXT } from '../../shared/error-text';
import { PailError, type ErrorCode, type ErrorInfo } from '../../shared/errors';
import { presetEndpoint, providerById, type ChecksumMode } from '../../shared/providers';
import { countOf } from '../../shared/counts';
import { CUSTOM_DOMAIN_PLACE, mayBeCustomDomain } from '../../shared/custom-domain';

/**
 * The words of a connection test: step titles, plain causes for clock
 * problems, which S3 errors a compatibility setting can fix, and the
 * one-sentence summary (the network failures' words are in
 * connection-network-problems). Kept apart from the code that runs the steps
 * so the wording can be read (and reviewed) in one place.
 */

/** What a step found, before it is timed and titled. */
export interface StepOutcome {
  verdict: Verdict;
  detail: string;
  error?: ErrorInfo;
  suggestions?: SettingSuggestion[];
}

/** The title of each step, as the report and the CLI show it. */
export const STEP_TITLES: Record<ConnectionStepId, string> = {
  dns: 'Endpoint name resolves (DNS)',
  tcp: 'Server accepts connections (TCP)',
  tls: 'Secure connection (TLS)',
  auth: 'Credentials accepted (signed request)',
  clock: "Clock matches the server's",
  write: 'Upload a small object',
  read: 'Download it and compare',
  delete: 'Delete it (batch delete)',
};

/** A skipped step and why. */
export function skipped(detail: string): StepOutcome {
  return { verdict: 'skip', detail };
}

/**
 * A failed step whose error says the cause and the fix; the detail names the
 * error code and HTTP status, or the network's code (ECONNREFUSED…).
 */
export function failed(error: PailError, detail?: string): StepOutcome {
  const named = detail ?? (error.status !== undefined ? `${error.code} (HTTP ${error.status})` : (error.serverCode ?? error.code));
  return { verdict: 'fail', detail: named, error: error.toInfo() };
}

/** Builds a PailError from the table's hint, with a specific message (and optionally a specific hint). */
export function explained(code: ErrorCode, message: string, hint: string = ERROR_TEXT[code].hint, serverCode?: string): PailError {
  return new PailError({ code, message, hint, ...(serverCode && { serverCode }) });
}

/** The error code Node or OpenSSL gave a socket error (Node 20 wraps dual-stack failures in an AggregateError). */
export function networkCode(error: unknown): string | undefined {
  const e = error as { code?: string; errors?: { code?: string }[] } | undefined;
  return e?.code ?? e?.errors?.find((inner) => inner.code)?.code;
}

// --- time --------------------------------------------------------------------

/** "45 seconds", "20 minutes", "3 hours", "2 days". */
export function describeDuration(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  const unit = (n: number, word: string) => countOf(n, word);
  if (s < 120) return unit(s, 'second');
  if (s < 2 * 3600) return unit(Math.round(s / 60), 'minute');
  if (s < 2 * 86400) return unit(Math.round(s / 3600), 'hour');
  return unit(Math.round(s / 86400), 'day');
}

/** "your clock is 20 minutes behind the server's" (skew = server minus local). */
export function describeSkew(skewSeconds: number): string {
  return `your clock is ${describeDuration(skewSeconds)} ${skewSeconds > 0 ? 'behind' : 'ahead of'} the server's`;
}

/** Servers refuse signed requests whose time is further off than this (SigV4). */
export const MAX_SKEW_SECONDS = 900;
/** Beyond this the clock deserves a warning: it is drifting towards the limit. */
export const WARN_SKEW_SECONDS = 60;

/** The clock step's verdict for a measured skew (server minus local, seconds). */
export function clockOutcome(skewSeconds: number): StepOutcome {
  const off = Math.abs(skewSeconds);
  if (off <= WARN_SKEW_SECONDS) return { verdict: 'pass', detail: off <= 1 ? 'in sync with the server' : `clock off by ${off} s` };
  const sentence = describeSkew(skewSeconds);
  if (off <= MAX_SKEW_SECONDS) {
    return { verdict: 'warn', detail: `${sentence}; requests fail beyond 15 minutes: turn on automatic time` };
  }
  const upper = sentence[0].toUpperCase() + sentence.slice(1);
  return failed(
    explained(
      'RequestTimeTooSkewed',
      `${upper}: servers refuse signed requests more than 15 minutes off.`,
      "Turn on automatic time (NTP) in this computer's date and time settings, then test again.",
    ),
    sentence,
  );
}

// --- S3 errors a setting can fix ---------------------------------------------

/** Errors servers give for the checksum headers or chunked uploads of the SDK's newer defaults. */
const CHECKSUM_CODES: readonly string[] = ['NotImplemented', 'InvalidArgument', 'XAmzContentSHA256Mismatch', 'MissingContentLength', 'BadDigest'];

/** True when another checksum mode might make the request acceptable. */
export function isChecksumProblem(error: PailError): boolean {
  return CHECKSUM_CODES.includes(error.code) || CHECKSUM_CODES.includes(error.serverCode ?? '');
}

/** True when the server asked for Content-MD5 (MinIO, Dell ECS; others say InvalidRequest and name the header). */
export function wantsContentMd5(error: PailError, cause: unknown): boolean {
  if (error.code === 'MissingContentMD5') return true;
  const said = (cause as { message?: string } | undefined)?.message ?? '';
  return /content-md5/i.test(said);
}

/** The suggestion for a checksum mode that made a refused request work. */
export function checksumSuggestion(to: ChecksumMode, refused: PailError): SettingSuggestion {
  const reason =
    to === 'WHEN_REQUIRED'
      ? `The server refused the checksum headers the SDK sends by default (${refused.code}); with checksums only when required, it works.`
      : `The server refused requests without checksums (${refused.code}); with checksums whenever supported, it works.`;
  return { setting: 'checksumMode', value: to, reason };
}

/** The suggestion for Content-MD5 on batch deletes, when that made DeleteObjects work. */
export function md5Suggestion(refused: PailError): SettingSuggestion {
  return {
    setting: 'deleteObjectsMd5',
    value: true,
    reason: `The server refused the batch delete's CRC32 checksum (${refused.code}); with Content-MD5 on batch deletes, it works.`,
  };
}

/**
 * The region a server expects, from a wrong-region error: the
 * `x-amz-bucket-region` header, the `<Region>` element, or the message
 * ("… is wrong; expecting 'eu-west-1'").
 */
export function expectedRegion(cause: unknown): string | undefined {
  const e = (cause ?? {}) as { $response?: { headers?: Record<string, string> }; Region?: string; BucketRegion?: string; message?: string };
  return e.$response?.headers?.['x-amz-bucket-region'] ?? e.Region ?? e.BucketRegion ?? /expecting '([^']+)'/.exec(e.message ?? '')?.[1];
}

// --- an answer that is not S3's ----------------------------------------------

/**
 * The error for an endpoint that answered with a web page (HTML) rather than
 * S3's XML: a website, a CDN or a custom domain in front of the storage, none
 * of which take signed S3 requests.
 */
export function notS3Answer(
  endpoint: string,
  settings: Pick<ConnectionSettings, 'provider' | 'region'>,
  answer: { status: number; contentType?: string },
): PailError {
  const host = new URL(endpoint).hostname;
  const preset = providerById(settings.provider);
  const own = presetEndpoint(preset, settings.region);
  const example = own && own !== new URL(endpoint).origin ? ` (for ${preset.label} in ${settings.region}: ${own})` : '';
  return explained(
    'EndpointNotS3',
    `${host} answered with a web page (HTTP ${answer.status}, ${answer.contentType}), not with S3: it is a website, a CDN or a custom domain, not the provider's S3 endpoint.`,
    `The endpoint must be the provider's S3 host${example}. ${CUSTOM_DOMAIN_PLACE}`,
  );
}

// --- the report --------------------------------------------------------------

/** Lower-cases a sentence's first letter to continue another sentence, unless it starts an acronym ("TLS…"). */
function lowerFirst(text: string): string {
  if (/^[A-Z]{2}/.test(text)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function withoutFinalStop(text: string): string {
  return text.replace(/\.$/, '');
}

const FAILURE_PREFIX: Record<ConnectionStepId, string> = {
  dns: 'Could not find the endpoint',
  tcp: 'Could not connect',
  tls: 'Could not open a secure connection',
  auth: 'Could not sign in',
  clock: 'Connected, but',
  write: 'Connected, but the test upload failed',
  read: 'Connected, but reading the test object back failed',
  delete: 'Connected, but deleting the test object failed',
};

function signInFailure(error: ErrorInfo, region: string | undefined, endpoint: string | undefined): string {
  switch (error.code) {
    case 'SignatureDoesNotMatch':
      if (endpoint && mayBeCustomDomain(endpoint)) {
        return `the secret access key is wrong, or ${new URL(endpoint).hostname} is a custom domain (a CNAME) rather than the provider's endpoint`;
      }
      return 'the secret access key is wrong, or something between here and the server changed the signed request';
    case 'InvalidAccessKeyId':
      return 'this server does not know the access key id';
    case 'AuthorizationHeaderMalformed':
    case 'PermanentRedirect':
      return region ? `the region is wrong; the server expects "${region}"` : 'the region (or endpoint) is wrong';
    case 'ExpiredToken':
      return 'the credentials have expired';
    default:
      return lowerFirst(withoutFinalStop(error.message));
  }
}

/** What the successful steps found, for the summary of a passing test. */
export interface SummaryFacts {
  buckets?: string[];
  /** A bucket reached by name when the buckets were not listed. */
  reachedBucket?: string;
  clockSkewSeconds?: number;
  /** The endpoint tested: a host that may be a custom domain changes what a refused signature means. */
  endpoint?: string;
  /** The region the test followed a redirect to (the bucket lives there, not in the profile's). */
  followedRegion?: string;
}

/** One sentence for the top of the report. */
export function summarize(steps: ConnectionStep[], suggestions: SettingSuggestion[], facts: SummaryFacts): string {
  const failure = steps.find((s) => s.verdict === 'fail');
  if (failure?.error) {
    const region = suggestions.find((s) => s.setting === 'region')?.value;
    const cause =
      failure.id === 'auth'
        ? signInFailure(failure.error, typeof region === 'string' ? region : undefined, facts.endpoint)
        : lowerFirst(withoutFinalStop(failure.error.message));
    return `${FAILURE_PREFIX[failure.id]}${failure.id === 'clock' ? ' ' : ': '}${cause}.`;
  }
  const parts: string[] = [];
  if (facts.buckets) parts.push(countOf(facts.buckets.length, 'bucket'));
  else if (facts.reachedBucket) parts.push(`bucket "${facts.reachedBucket}" reachable`);
  if (!facts.buckets && steps.some((s) => s.id === 'auth' && s.verdict === 'warn' && s.error?.code === 'AccessDenied')) {
    parts.push('this key cannot list buckets (open one by name)');
  }
  if (facts.followedRegion) parts.push(`the bucket lives in region "${facts.followedRegion}" (redirect followed)`);
  const clock = steps.find((s) => s.id === 'clock');
  if (clock?.verdict === 'pass') parts.push('clock in sync');
  else if (clock?.verdict === 'warn' && facts.clockSkewSeconds !== undefined) {
    parts.push(`${describeSkew(facts.clockSkewSeconds)} (turn on automatic time)`);
  }
  const deleted = steps.find((s) => s.id === 'delete')?.verdict;
  if (deleted === 'pass' || deleted === 'warn') parts.push('upload, download and delete work');
  const changes = suggestions.length ? `; ${countOf(suggestions.length, 'setting')} should change (see the suggestions)` : '';
  return `Connected${parts.length ? `: ${parts.join(', ')}` : ''}${changes}.`;
}

/**
 * Replaces the secret wherever it might appear in a value. Nothing should put
 * it there (errors are built from the error table, never from the request),
 * but a report is shown and logged, so this is the last line of defence.
 */
export function redactSecret<T>(value: T, secret: string): T {
  // A secret of a few characters would match ordinary words; real keys are 20 and more.
  if (secret.length < 8) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.split(secret).join('[secret]');
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, walk(inner)]));
    return v;
  };
  return walk(value) as T;
}
