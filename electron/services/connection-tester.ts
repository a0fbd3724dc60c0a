import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { DeleteObjectCommand, HeadBucketCommand, ListBucketsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type {
  ConnectionReport,
  ConnectionSettings,
  ConnectionStep,
  ConnectionStepId,
  ConnectionTestRequest,
  SettingSuggestion,
} from '../../shared/connection-test';
import { ERROR_TEXT } from '../../shared/error-text';
import { PailError } from '../../shared/errors';
import { normalizeEndpoint } from '../../shared/profile';
import { usesPathStyle } from '../../shared/providers';
import {
  clockOutcome,
  describeSkew,
  expectedRegion,
  explained,
  failed,
  redactSecret,
  skipped,
  STEP_TITLES,
  summarize,
  type StepOutcome,
} from './connection-diagnosis';
import {
  batchDeleteStep,
  dnsStep,
  endpointParts,
  NODE_PROBES,
  readStep,
  tcpStep,
  tlsStep,
  uploadStep,
  type Compat,
  type NetworkProbes,
  type S3Session,
} from './connection-steps';
import type { ProfileService } from './profile-service';
import { buildS3Client, type ClientSettings } from './s3-client-factory';
import { toPailError } from './s3-errors';

/** How long one network action may take, and the whole test (a dead endpoint must not hang the dialog). */
export interface ConnectionTimeouts {
  stepMs: number;
  totalMs: number;
}

/** The timeouts of a real run: each action 10 s, the whole test 25 s. */
export const CONNECTION_TIMEOUTS: ConnectionTimeouts = { stepMs: 10_000, totalMs: 25_000 };

/** What the tester is built from; everything but `profiles` has a real default and is replaceable in tests. */
export interface ConnectionTesterDeps {
  profiles: Pick<ProfileService, 'find' | 'withSecret'>;
  buildClient?: (settings: ClientSettings) => S3Client;
  /** This computer's clock, compared with the server's Date header. */
  now?: () => Date;
  probes?: Partial<NetworkProbes>;
  timeouts?: Partial<ConnectionTimeouts>;
}

/**
 * Tests a connection profile step by step (DNS, TCP, TLS, a signed request,
 * the clock, and on request a small upload, download and batch delete) and
 * says in plain words what is wrong and which setting would fix it. Used by
 * the profile editor's "Test" button and `pail profile test`.
 */
export class ConnectionTester {
  constructor(private readonly deps: ConnectionTesterDeps) {}

  /** Runs every step; rejects only when the request itself is unusable (unknown profile, no secret). */
  async test(request: ConnectionTestRequest): Promise<ConnectionReport> {
    const { settings, secretAccessKey, sessionToken } = await this.resolve(request);
    const run = new TestRun(settings, { secretAccessKey, ...(sessionToken && { sessionToken }) }, request.writeBucket, {
      buildClient: this.deps.buildClient ?? buildS3Client,
      now: this.deps.now ?? (() => new Date()),
      probes: { ...NODE_PROBES, ...this.deps.probes },
      timeouts: { ...CONNECTION_TIMEOUTS, ...this.deps.timeouts },
    });
    try {
      const report = redactSecret(await run.execute(), secretAccessKey);
      return sessionToken ? redactSecret(report, sessionToken) : report;
    } finally {
      run.dispose();
    }
  }

  /** The settings to test and the secret to sign with: typed ones first, else the saved profile's. */
  private async resolve(request: ConnectionTestRequest): Promise<{ settings: ConnectionSettings; secretAccessKey: string; sessionToken?: string }> {
    const { profiles } = this.deps;
    const typedToken = request.sessionToken || undefined;
    if (request.settings) {
      const stored = request.secretAccessKey === undefined && request.profileId ? await profiles.withSecret(request.profileId) : undefined;
      const secretAccessKey = request.secretAccessKey ?? stored?.secretAccessKey;
      if (secretAccessKey === undefined) throw missingSecret();
      const sessionToken = request.sessionToken === undefined ? stored?.sessionToken : typedToken;
      return {
        settings: { ...request.settings, endpoint: normalizeEndpoint(request.settings.endpoint) },
        secretAccessKey,
        ...(sessionToken && { sessionToken }),
      };
    }
    if (request.profileId === undefined) throw missingSecret();
    // A typed secret is tested against the saved settings without reading the stored one (it may be missing).
    const { profile, secretAccessKey, sessionToken } =
      request.secretAccessKey !== undefined
        ? { profile: await profiles.find(request.profileId), secretAccessKey: request.secretAccessKey, sessionToken: typedToken }
        : await profiles.withSecret(request.profileId);
    const settings: ConnectionSettings = {
      provider: profile.provider,
      endpoint: profile.endpoint,
      region: profile.region,
      accessKeyId: profile.accessKeyId,
      addressingStyle: profile.addressingStyle,
      checksumMode: profile.checksumMode,
      deleteObjectsMd5: profile.deleteObjectsMd5,
      ...(profile.defaultBucket && { defaultBucket: profile.defaultBucket }),
    };
    return { settings, secretAccessKey, ...(sessionToken && { sessionToken }) };
  }
}

function missingSecret(): PailError {
  return new PailError({
    code: 'InvalidRequest',
    message: 'Name a saved profile, or give the settings and the secret access key to test.',
    hint: ERROR_TEXT.InvalidRequest.hint,
  });
}

interface RunEnv {
  buildClient: (settings: ClientSettings) => S3Client;
  now: () => Date;
  probes: NetworkProbes;
  timeouts: ConnectionTimeouts;
}

/** The raw answer to the latest S3 request: its status and the server's Date, for the clock step. */
interface SeenResponse {
  status: number;
  date?: string;
  at: Date;
}

/** One run of the test: its steps, what they found, and the clients it built. */
class TestRun implements S3Session {
  private readonly steps: ConnectionStep[] = [];
  private readonly suggestions: SettingSuggestion[] = [];
  private readonly clients = new Map<string, S3Client>();
  private readonly startedAt = performance.now();
  readonly endpoint: string;
  compat: Compat;
  private lastResponse?: SeenResponse;
  private buckets?: string[];
  private reachedBucket?: string;
  private clockSkewSeconds?: number;

  constructor(
    private readonly settings: ConnectionSettings,
    private readonly secret: { secretAccessKey: string; sessionToken?: string },
    private readonly writeBucket: string | undefined,
    private readonly env: RunEnv,
  ) {
    this.endpoint = settings.endpoint;
    this.compat = { checksumMode: settings.checksumMode, deleteObjectsMd5: settings.deleteObjectsMd5 };
  }

  async execute(): Promise<ConnectionReport> {
    const parts = endpointParts(this.endpoint);
    const { probes } = this.env;
    let addresses: string[] = [];
    let blocked: string | undefined;

    const dns = await this.step('dns', undefined, async () => {
      const found = await dnsStep(parts, this.settings, probes, this.timeLeft());
      addresses = found.addresses;
      return found.outcome;
    });
    if (dns.verdict === 'fail') blocked = `skipped: the host name ${parts.host} does not resolve`;

    const tcp = await this.step('tcp', blocked, () => tcpStep(parts, probes, this.timeLeft()));
    if (tcp.verdict === 'fail') blocked = `skipped: could not connect to ${parts.host}:${parts.port}`;

    // The bucket Pail would open first; with virtual-host addressing its name becomes part of the TLS host name.
    const bucket = this.settings.defaultBucket || this.writeBucket;
    const virtualBucket = bucket && !isIP(parts.host) && !usesPathStyle(this.settings.addressingStyle, bucket) ? bucket : undefined;
    const tls = await this.step('tls', blocked, () => tlsStep(parts, addresses, virtualBucket, probes, this.timeLeft()));
    if (tls.verdict === 'fail') blocked = 'skipped: no secure connection to the server';

    const auth = await this.step('auth', blocked, () => this.signIn());
    await this.step('clock', blocked, async () => this.clock());

    if (!this.writeBucket) {
      const why = 'not requested: choose a bucket to try a small upload';
      for (const id of ['write', 'read', 'delete'] as const) await this.step(id, why, async () => skipped(why));
    } else {
      await this.objectSteps(this.writeBucket, blocked ?? (auth.verdict === 'fail' ? 'skipped: sign-in failed' : undefined));
    }

    const facts = { buckets: this.buckets, reachedBucket: this.reachedBucket, clockSkewSeconds: this.clockSkewSeconds };
    return {
      ok: !this.steps.some((s) => s.verdict === 'fail'),
      steps: this.steps,
      summary: summarize(this.steps, this.suggestions, facts),
      suggestions: this.suggestions,
      ...(this.clockSkewSeconds !== undefined && { clockSkewSeconds: this.clockSkewSeconds }),
      ...(this.buckets && { buckets: this.buckets }),
    };
  }

  dispose(): void {
    this.clients.forEach((client) => client.destroy());
    this.clients.clear();
  }

  // --- plumbing ------------------------------------------------------------

  /** Milliseconds the next network action may take: a step's timeout, capped by what is left of the whole test. */
  private timeLeft(): number {
    const left = this.env.timeouts.totalMs - (performance.now() - this.startedAt);
    return Math.max(0, Math.min(this.env.timeouts.stepMs, left));
  }

  /** Runs one step (or records why it is skipped) and times it. */
  private async step(id: ConnectionStepId, blocked: string | undefined, run: () => Promise<StepOutcome>): Promise<StepOutcome> {
    const started = performance.now();
    let outcome: StepOutcome;
    if (blocked) outcome = skipped(blocked);
    else if (this.timeLeft() <= 0) outcome = skipped(`skipped: the test ran out of time (${this.env.timeouts.totalMs / 1000} s)`);
    else {
      try {
        outcome = await run();
      } catch (error) {
        const problem = toPailError(error, undefined, this.endpoint);
        outcome = { ...failed(problem), suggestions: this.regionSuggestions(problem) };
      }
    }
    this.steps.push({
      id,
      title: STEP_TITLES[id],
      verdict: outcome.verdict,
      detail: outcome.detail,
      ...(outcome.error && { error: outcome.error }),
      durationMs: Math.round(performance.now() - started),
    });
    for (const suggestion of outcome.suggestions ?? []) {
      // One suggestion per setting: the first step that found a working value wins.
      if (!this.suggestions.some((s) => s.setting === suggestion.setting)) this.suggestions.push(suggestion);
    }
    return outcome;
  }

  /** An S3 client for these settings (path or virtual-host style as Pail would use for `bucket`), built once per variant. */
  client(bucket: string | undefined, compat: Compat = this.compat): S3Client {
    const pathStyle = usesPathStyle(this.settings.addressingStyle, bucket);
    const key = `${pathStyle}|${compat.checksumMode}|${compat.deleteObjectsMd5}`;
    let client = this.clients.get(key);
    if (!client) {
      client = this.env.buildClient({
        provider: this.settings.provider,
        endpoint: this.endpoint,
        region: this.settings.region,
        accessKeyId: this.settings.accessKeyId,
        ...this.secret,
        checksumMode: compat.checksumMode,
        deleteObjectsMd5: compat.deleteObjectsMd5,
        pathStyle,
      });
      // Innermost in the deserialize step: sees every raw answer (errors too,
      // each retry too) before the SDK parses it, for the server's Date header.
      client.middlewareStack.add(
        (next) => async (args) => {
          const out = await next(args);
          const response = out.response as { statusCode?: number; headers?: Record<string, string> };
          this.lastResponse = { status: response.statusCode ?? 0, date: response.headers?.date, at: this.env.now() };
          return out;
        },
        { step: 'deserialize', priority: 'low', name: 'pailConnectionTestResponse' },
      );
      this.clients.set(key, client);
    }
    return client;
  }

  /** Runs one SDK call with the time left; a timeout becomes a `Timeout` error naming what did not answer. */
  async timed<T>(what: string, call: (abortSignal: AbortSignal) => Promise<T>, ms = this.timeLeft()): Promise<T> {
    if (ms <= 0) throw explained('Timeout', `The test ran out of time before ${what}.`);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ms);
    try {
      return await call(controller.signal);
    } catch (error) {
      if (controller.signal.aborted) throw explained('Timeout', `The server did not answer ${what} within ${Math.round(ms / 1000)} s.`);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  // --- auth and clock ------------------------------------------------------

  /** Step 4: a signed request. HeadBucket for a default bucket, else ListBuckets. */
  private async signIn(): Promise<StepOutcome> {
    if (this.settings.defaultBucket) return this.reachBucket(this.settings.defaultBucket);
    try {
      const out = await this.timed('the ListBuckets request', (abortSignal) => this.client(undefined).send(new ListBucketsCommand({}), { abortSignal }));
      const names = (out.Buckets ?? []).flatMap((b) => (b.Name ? [b.Name] : [])).sort((a, b) => a.localeCompare(b));
      this.buckets = names;
      const shown = names.length ? `: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}` : '';
      return { verdict: 'pass', detail: `${names.length} bucket${names.length === 1 ? '' : 's'}${shown}` };
    } catch (cause) {
      const error = toPailError(cause, undefined, this.endpoint);
      if (error.code !== 'AccessDenied') return this.signInFailed(error);
      // The server checked the signature before it refused: the key and secret are right.
      const advice = 'this key cannot list buckets (it is scoped to buckets): open a bucket by name, or set a default bucket';
      if (!this.writeBucket) return { verdict: 'warn', detail: advice, error: error.toInfo() };
      const reached = await this.reachBucket(this.writeBucket);
      if (reached.verdict === 'fail') return reached;
      return {
        verdict: 'warn',
        detail: `${advice}; bucket "${this.writeBucket}" is reachable`,
        error: error.toInfo(),
        suggestions: [
          {
            setting: 'defaultBucket',
            value: this.writeBucket,
            reason: `This key cannot list buckets; with "${this.writeBucket}" as the default bucket, Pail opens it directly.`,
          },
        ],
      };
    }
  }

  private async reachBucket(bucket: string): Promise<StepOutcome> {
    const client = this.client(bucket);
    try {
      await this.timed(`HeadBucket on "${bucket}"`, (abortSignal) => client.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal }));
      this.reachedBucket = bucket;
      return { verdict: 'pass', detail: `bucket "${bucket}" is reachable` };
    } catch (cause) {
      let error = toPailError(cause, undefined, this.endpoint);
      if (error.status !== undefined) {
        // A HEAD answer has no body, so no error code: ask again with a GET, whose answer names the cause.
        try {
          await this.timed(`a listing of "${bucket}"`, (abortSignal) => client.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1 }), { abortSignal }));
        } catch (again) {
          error = toPailError(again, undefined, this.endpoint);
        }
      }
      return this.signInFailed(error);
    }
  }

  /** The region a wrong-region error names (any step's: a bucket may live elsewhere), as a suggestion. */
  private regionSuggestions(error: PailError): SettingSuggestion[] {
    if (error.code !== 'AuthorizationHeaderMalformed' && error.code !== 'PermanentRedirect') return [];
    const region = expectedRegion(error.cause);
    if (!region || region === this.settings.region) return [];
    return [{ setting: 'region', value: region, reason: `The server expects requests signed for region "${region}", not "${this.settings.region}".` }];
  }

  /** A failed sign-in, with what the error reveals: the region the server expects, or how far the clock is off. */
  private signInFailed(error: PailError): StepOutcome {
    if (error.code === 'RequestTimeTooSkewed') {
      const skew = this.measuredSkew() ?? serverTimeSkew(error.cause, this.env.now());
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
    return { ...failed(error), suggestions: this.regionSuggestions(error) };
  }

  private measuredSkew(): number | undefined {
    const seen = this.lastResponse;
    const server = seen?.date ? Date.parse(seen.date) : NaN;
    return seen && Number.isFinite(server) ? Math.round((server - seen.at.getTime()) / 1000) : undefined;
  }

  /** Step 5: the server's Date header (from the sign-in's answer) against this computer's clock. */
  private clock(): StepOutcome {
    const skew = this.measuredSkew();
    if (skew === undefined) {
      return skipped(this.lastResponse ? 'the server sent no Date header to compare with' : 'no answer from the server to read its clock from');
    }
    this.clockSkewSeconds = skew;
    return clockOutcome(skew);
  }

  // --- write, read, delete -------------------------------------------------

  /** Steps 6–8 on `bucket`; the test object is always removed, whatever failed. */
  private async objectSteps(bucket: string, blocked: string | undefined): Promise<void> {
    const key = `.pail-connection-test-${randomBytes(6).toString('hex')}.txt`;
    const body = Buffer.from(`Pail connection test, ${this.env.now().toISOString()}\n`);
    let mayExist = false;
    const write = await this.step('write', blocked, async () => {
      mayExist = true;
      return uploadStep(this, bucket, key, body);
    });
    const afterWrite = blocked ?? (write.verdict === 'fail' ? 'skipped: the upload failed' : undefined);
    await this.step('read', afterWrite, () => readStep(this, bucket, key, body));
    const removed = await this.step('delete', afterWrite, () => batchDeleteStep(this, bucket, key));
    if (mayExist && removed.verdict !== 'pass' && removed.verdict !== 'warn') {
      // Best effort, outside the time budget: a single DeleteObject needs no checksum, so it works where the batch failed.
      await this.timed(
        'the clean-up',
        (abortSignal) => this.client(bucket).send(new DeleteObjectCommand({ Bucket: bucket, Key: key }), { abortSignal }),
        3_000,
      ).catch(() => undefined);
    }
  }
}

/** Skew from a RequestTimeTooSkewed body's `<ServerTime>`, when no Date header was seen. */
function serverTimeSkew(cause: unknown, now: Date): number | undefined {
  const serverTime = Date.parse(String((cause as { ServerTime?: string } | undefined)?.ServerTime ?? ''));
  return Number.isFinite(serverTime) ? Math.round((serverTime - now.getTime()) / 1000) : undefined;
}
