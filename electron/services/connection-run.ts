// One run of a connection test: the steps in order, each timed and skipped when one before it failed,
// the S3 clients it builds (which also record each answer's Date header for the clock step), and the
// clean-up of the test object. The sign-in step and the words of the report live beside it.
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ConnectionReport, ConnectionSettings, ConnectionStep, ConnectionStepId, SettingSuggestion } from '../../shared/connection-test';
import { usesPathStyle, type AddressingStyle } from '../../shared/providers';
import { clockOutcome, explained, failed, skipped, STEP_TITLES, summarize, type StepOutcome } from './connection-diagnosis';
import { networkPolicyOf, proxyOf, withProxy } from './net/network-policy';
import { proxyRouteFor, type ProxyPolicy } from './net/proxy-policy';
import { batchDeleteStep, readStep, uploadStep, type Compat, type S3Session } from './connection-object-steps';
import { followingRegion } from './connection-redirect';
import { regionSuggestions, SignInStep, type SeenAnswer, type SignInSession } from './connection-sign-in';
import { dnsStep, dnsThroughProxy, endpointParts, tcpStep, tcpThroughProxy, tlsStep, type NetworkProbes } from './connection-network-steps';
import type { ClientSettings } from './s3-client-factory';
import { toPailError } from './s3-errors';

/** The settings a client's network policy is made from (CA bundle, pins, "don't verify"), as the test has them. */
function networkFieldsOf(settings: ConnectionSettings): Pick<ClientSettings, 'caBundle' | 'pinnedCertificates' | 'dontVerifyCertificates'> {
  const { caBundle, pinnedCertificates, dontVerifyCertificates } = settings;
  return {
    ...(caBundle && { caBundle }),
    ...(pinnedCertificates?.length && { pinnedCertificates }),
    ...(dontVerifyCertificates && { dontVerifyCertificates }),
  };
}

/** How long one network action may take, and the whole test (a dead endpoint must not hang the dialog). */
export interface ConnectionTimeouts {
  stepMs: number;
  totalMs: number;
}

/** What a run is built from: the client factory, the clock, the network probes and the timeouts. */
export interface RunEnv {
  buildClient: (settings: ClientSettings) => S3Client;
  now: () => Date;
  probes: NetworkProbes;
  timeouts: ConnectionTimeouts;
  /** The proxies decided for the settings (see net/proxy-resolver.ts); absent: the environment's. */
  proxy?: ProxyPolicy;
}

/** The raw answer to the latest S3 request: its status and the server's Date (for the clock step) and Content-Type. */
interface SeenResponse extends SeenAnswer {
  date?: string;
  at: Date;
}

/** One run of the test: its steps, what they found, and the clients it built. */
export class TestRun implements S3Session, SignInSession {
  private readonly steps: ConnectionStep[] = [];
  private readonly suggestions: SettingSuggestion[] = [];
  private readonly clients = new Map<string, S3Client>();
  private readonly startedAt = performance.now();
  readonly endpoint: string;
  compat: Compat;
  private lastResponse?: SeenResponse;
  private readonly signIn: SignInStep;
  private clockSkewSeconds?: number;
  /** The region requests are signed for: the profile's, until a redirect names the bucket's. */
  region: string;
  /** The addressing the test uses: the profile's, until bucket host names turn out not to resolve. */
  private addressingStyle: AddressingStyle;

  constructor(
    readonly settings: ConnectionSettings,
    private readonly secret: { secretAccessKey: string; sessionToken?: string },
    readonly writeBucket: string | undefined,
    private readonly env: RunEnv,
  ) {
    this.endpoint = settings.endpoint;
    this.compat = { checksumMode: settings.checksumMode, deleteObjectsMd5: settings.deleteObjectsMd5 };
    this.signIn = new SignInStep(this);
    this.region = settings.region;
    this.addressingStyle = settings.addressingStyle;
  }

  /** Runs the steps in order, each skipped when one it depends on failed; answers the report. */
  async execute(): Promise<ConnectionReport> {
    const parts = endpointParts(this.endpoint);
    // The TLS step dials as the profile's requests do (its CA bundle…).
    // Through a proxy (the profile's, the system's or the environment's), the TCP step dials the proxy and the TLS step handshakes over its tunnel.
    const network = withProxy(networkPolicyOf(this.settings), this.env.proxy);
    const proxy = proxyOf(network);
    const route = proxyRouteFor(proxy, this.endpoint);
    // The system named only proxies Pail cannot speak (SOCKS): said, since the test then connects directly.
    const unusable =
      !route && proxy?.unusable?.length
        ? `; the system's proxy settings name ${proxy.unusable.join(', ')}, which Pail cannot use, so it connects directly`
        : '';
    const probes: NetworkProbes = {
      ...this.env.probes,
      connectTls: async (host, port, timeoutMs) => {
        if (!route) return this.env.probes.connectTls(host, port, timeoutMs, network);
        const socket = await this.env.probes.openTunnel(route, host, port, timeoutMs, network);
        return this.env.probes.connectTls(host, port, timeoutMs, network, socket);
      },
    };
    let addresses: string[] = [];
    let blocked: string | undefined;
    // The bucket Pail would open first; with virtual-host addressing its name becomes part of the host name.
    const bucket = this.settings.defaultBucket || this.writeBucket;
    const virtualBucket = () => (bucket && !isIP(parts.host) && !usesPathStyle(this.addressingStyle, bucket) ? bucket : undefined);

    const dns = await this.step('dns', undefined, async () => {
      if (route) return dnsThroughProxy(route);
      const found = await dnsStep(parts, this.settings, probes, this.timeLeft(), virtualBucket());
      addresses = found.addresses;
      // The bucket's host name does not resolve: the rest of the test goes on in path style (and says so).
      if (found.outcome.suggestions?.some((s) => s.setting === 'addressingStyle')) this.addressingStyle = 'path';
      if (!unusable || found.outcome.verdict === 'fail') return found.outcome;
      return { ...found.outcome, verdict: 'warn', detail: `${found.outcome.detail ?? ''}${unusable}` };
    });
    if (dns.verdict === 'fail') blocked = `skipped: the host name ${parts.host} does not resolve`;

    const tcp = await this.step('tcp', blocked, () =>
      route ? tcpThroughProxy(parts, route, probes, this.timeLeft()) : tcpStep(parts, probes, this.timeLeft()),
    );
    if (tcp.verdict === 'fail')
      blocked = route
        ? `skipped: the proxy ${route.proxy} did not connect to ${parts.host}:${parts.port}`
        : `skipped: could not connect to ${parts.host}:${parts.port}`;

    const tls = await this.step('tls', blocked, () => tlsStep(parts, addresses, virtualBucket(), probes, this.timeLeft()));
    if (tls.verdict === 'fail') blocked = 'skipped: no secure connection to the server';

    const auth = await this.step('auth', blocked, () => followingRegion(this, () => this.signIn.run()));
    await this.step('clock', blocked, async () => this.clock());

    if (!this.writeBucket) {
      const why = 'not requested: choose a bucket to try a small upload';
      for (const id of ['write', 'read', 'delete'] as const) await this.step(id, why, async () => skipped(why));
    } else {
      await this.objectSteps(this.writeBucket, blocked ?? (auth.verdict === 'fail' ? 'skipped: sign-in failed' : undefined));
    }

    const facts = {
      buckets: this.signIn.buckets,
      reachedBucket: this.signIn.reachedBucket,
      clockSkewSeconds: this.clockSkewSeconds,
      endpoint: this.endpoint,
      ...(this.region !== this.settings.region && { followedRegion: this.region }),
    };
    return {
      ok: !this.steps.some((s) => s.verdict === 'fail'),
      steps: this.steps,
      summary: summarize(this.steps, this.suggestions, facts),
      suggestions: this.suggestions,
      ...(this.clockSkewSeconds !== undefined && { clockSkewSeconds: this.clockSkewSeconds }),
      ...(this.signIn.buckets && { buckets: this.signIn.buckets }),
    };
  }

  /** Destroys the clients the run built. */
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
        outcome = { ...failed(problem), suggestions: regionSuggestions(problem, this.settings.region) };
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
    const pathStyle = usesPathStyle(this.addressingStyle, bucket);
    const key = `${pathStyle}|${compat.checksumMode}|${compat.deleteObjectsMd5}|${this.region}`;
    let client = this.clients.get(key);
    if (!client) {
      client = this.env.buildClient({
        provider: this.settings.provider,
        endpoint: this.endpoint,
        region: this.region,
        accessKeyId: this.settings.accessKeyId,
        ...this.secret,
        checksumMode: compat.checksumMode,
        deleteObjectsMd5: compat.deleteObjectsMd5,
        pathStyle,
        ...networkFieldsOf(this.settings),
        ...(this.env.proxy && { proxy: this.env.proxy }),
      });
      // Innermost in the deserialize step: sees every raw answer (errors too,
      // each retry too) before the SDK parses it, for the server's Date header.
      client.middlewareStack.add(
        (next) => async (args) => {
          const out = await next(args);
          const response = out.response as { statusCode?: number; headers?: Record<string, string> };
          const headers = response.headers ?? {};
          this.lastResponse = { status: response.statusCode ?? 0, date: headers.date, contentType: headers['content-type'], at: this.env.now() };
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

  // --- clock ---------------------------------------------------------------

  /** This computer's clock. */
  now(): Date {
    return this.env.now();
  }

  /** Signs the rest of the test's requests for `region` (a redirect named the bucket's). */
  useRegion(region: string): void {
    this.region = region;
  }

  /** The latest raw answer, when there was one. */
  lastAnswer(): SeenAnswer | undefined {
    return this.lastResponse;
  }

  /** Server minus local seconds, from the Date header of the latest answer, when there is one. */
  measuredSkew(): number | undefined {
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
      return followingRegion(this, () => uploadStep(this, bucket, key, body));
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
