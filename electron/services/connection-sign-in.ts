// The sign-in step of a connection test: one signed request (HeadBucket on the default bucket, else
// ListBuckets), and what its failure reveals: the region the server expects, or how far the clock is off.
import { HeadBucketCommand, ListBucketsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { ConnectionSettings, SettingSuggestion } from '../../shared/connection-test';
import { PailError } from '../../shared/errors';
import { describeSkew, expectedRegion, failed, notS3Answer, type StepOutcome } from './connection-diagnosis';
import { toPailError } from './s3-errors';

/** The raw answer to a request, as the run saw it before the SDK parsed it. */
export interface SeenAnswer {
  status: number;
  contentType?: string;
}

/** What the sign-in step needs from the run. */
export interface SignInSession {
  readonly endpoint: string;
  readonly settings: ConnectionSettings;
  /** The bucket chosen for the object steps, if any: reached when the key cannot list buckets. */
  readonly writeBucket: string | undefined;
  client(bucket: string | undefined): S3Client;
  /** Runs one SDK call within the time left, as a `Timeout` error naming `what` when it runs out. */
  timed<T>(what: string, call: (abortSignal: AbortSignal) => Promise<T>): Promise<T>;
  /** This computer's clock. */
  now(): Date;
  /** Server minus local seconds, from the Date header of the latest answer, when there is one. */
  measuredSkew(): number | undefined;
  /** The latest raw answer (status, Content-Type), when there was one. */
  lastAnswer(): SeenAnswer | undefined;
}

/** Step 4: a signed request; keeps what it found (the buckets listed, or the bucket reached) for the summary. */
export class SignInStep {
  /** The buckets ListBuckets named, sorted. */
  buckets?: string[];
  /** The bucket HeadBucket reached. */
  reachedBucket?: string;

  constructor(private readonly session: SignInSession) {}

  /** Step 4: a signed request. HeadBucket for a default bucket, else ListBuckets. */
  async run(): Promise<StepOutcome> {
    if (this.session.settings.defaultBucket) return this.reachBucket(this.session.settings.defaultBucket);
    try {
      const out = await this.session.timed('the ListBuckets request', (abortSignal) =>
        this.session.client(undefined).send(new ListBucketsCommand({}), { abortSignal }),
      );
      const names = (out.Buckets ?? []).flatMap((b) => (b.Name ? [b.Name] : [])).sort((a, b) => a.localeCompare(b));
      this.buckets = names;
      const shown = names.length ? `: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}` : '';
      return { verdict: 'pass', detail: `${names.length} bucket${names.length === 1 ? '' : 's'}${shown}` };
    } catch (cause) {
      const error = toPailError(cause, undefined, this.session.endpoint);
      // A 403 web page is not S3 refusing the listing (AccessDenied) but something else answering.
      if (error.code !== 'AccessDenied' || this.webPageAnswer(error)) return this.failed(error);
      // The server checked the signature before it refused: the key and secret are right.
      const advice = 'this key cannot list buckets (it is scoped to buckets): open a bucket by name, or set a default bucket';
      if (!this.session.writeBucket) return { verdict: 'warn', detail: advice, error: error.toInfo() };
      const reached = await this.reachBucket(this.session.writeBucket);
      if (reached.verdict === 'fail') return reached;
      return {
        verdict: 'warn',
        detail: `${advice}; bucket "${this.session.writeBucket}" is reachable`,
        error: error.toInfo(),
        suggestions: [
          {
            setting: 'defaultBucket',
            value: this.session.writeBucket,
            reason: `This key cannot list buckets; with "${this.session.writeBucket}" as the default bucket, Pail opens it directly.`,
          },
        ],
      };
    }
  }

  /** HeadBucket on `bucket` (a listing when the HEAD fails, for the error's cause); notes the bucket when reached. */
  private async reachBucket(bucket: string): Promise<StepOutcome> {
    const client = this.session.client(bucket);
    try {
      await this.session.timed(`HeadBucket on "${bucket}"`, (abortSignal) => client.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal }));
      this.reachedBucket = bucket;
      return { verdict: 'pass', detail: `bucket "${bucket}" is reachable` };
    } catch (cause) {
      let error = toPailError(cause, undefined, this.session.endpoint);
      if (error.status !== undefined) {
        // A HEAD answer has no body, so no error code: ask again with a GET, whose answer names the cause.
        try {
          await this.session.timed(`a listing of "${bucket}"`, (abortSignal) =>
            client.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1 }), { abortSignal }),
          );
        } catch (again) {
          error = toPailError(again, undefined, this.session.endpoint);
        }
      }
      return this.failed(error);
    }
  }

  /** The raw answer behind an HTTP error when it was a web page (HTML), not S3's XML. */
  private webPageAnswer(error: PailError): SeenAnswer | undefined {
    const answer = this.session.lastAnswer();
    return error.status !== undefined && answer && /html/i.test(answer.contentType ?? '') ? answer : undefined;
  }

  /** A failed sign-in, with what the error reveals: the region the server expects, or how far the clock is off. */
  private failed(error: PailError): StepOutcome {
    // A web page instead of S3's XML: the endpoint is a website, a CDN or a custom domain, whatever the code says.
    const answer = this.webPageAnswer(error);
    if (answer) return failed(notS3Answer(this.session.endpoint, this.session.settings, answer), `web page instead of S3 (HTTP ${answer.status})`);
    if (error.code === 'RequestTimeTooSkewed') {
      const skew = this.session.measuredSkew() ?? serverTimeSkew(error.cause, this.session.now());
      if (skew !== undefined) {
        return failed(
          new PailError({
            code: error.code,
            message: `The server refused the request: ${describeSkew(skew)}, more than the 15 minutes allowed.`,
            hint: "Turn on automatic time (NTP) in this computer's date and time settings, then test again.",
            ...(error.status !== undefined && { status: error.status }),
          }),
        );
      }
    }
    return { ...failed(error), suggestions: regionSuggestions(error, this.session.settings.region) };
  }
}

/** The region a wrong-region error names (any step's: a bucket may live elsewhere), as a suggestion. */
export function regionSuggestions(error: PailError, configured: string): SettingSuggestion[] {
  if (error.code !== 'AuthorizationHeaderMalformed' && error.code !== 'PermanentRedirect') return [];
  const region = expectedRegion(error.cause);
  if (!region || region === configured) return [];
  return [{ setting: 'region', value: region, reason: `The server expects requests signed for region "${region}", not "${configured}".` }];
}

/** Skew from a RequestTimeTooSkewed body's `<ServerTime>`, when no Date header was seen. */
function serverTimeSkew(cause: unknown, now: Date): number | undefined {
  const serverTime = Date.parse(String((cause as { ServerTime?: string } | undefined)?.ServerTime ?? ''));
  return Number.isFinite(serverTime) ? Math.round((serverTime - now.getTime()) / 1000) : undefined;
}
