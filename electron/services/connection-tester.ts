// Tests a connection profile: resolves the settings and the secret to test (typed, or the saved
// profile's), runs the steps (connection-run) and takes the secret out of the report.
import type { S3Client } from '@aws-sdk/client-s3';
import type { ConnectionReport, ConnectionSettings, ConnectionTestRequest } from '../../shared/connection-test';
import { ERROR_TEXT } from '../../shared/error-text';
import { PailError } from '../../shared/errors';
import { normalizeEndpoint } from '../../shared/profile';
import { redactSecret } from './connection-diagnosis';
import { TestRun, type ConnectionTimeouts } from './connection-run';
import { NODE_PROBES, type NetworkProbes } from './connection-network-steps';
import { ProxyResolver } from './net/proxy-resolver';
import type { ProfileService } from './profile-service';
import { buildS3Client, type ClientSettings } from './s3-client-factory';

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
  /** Decides the proxies of the settings under test (the app's resolver knows the system's). */
  proxies?: ProxyResolver;
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
    const { settings, secretAccessKey, sessionToken, proxyPassword } = await this.resolve(request);
    const proxy = await (this.deps.proxies ?? new ProxyResolver()).policyFor(settings, proxyPassword, settings.endpoint);
    const run = new TestRun(settings, { secretAccessKey, ...(sessionToken && { sessionToken }) }, request.writeBucket, {
      ...(proxy && { proxy }),
      buildClient: this.deps.buildClient ?? buildS3Client,
      now: this.deps.now ?? (() => new Date()),
      probes: { ...NODE_PROBES, ...this.deps.probes },
      timeouts: { ...CONNECTION_TIMEOUTS, ...this.deps.timeouts },
    });
    try {
      const report = redactSecret(await run.execute(), secretAccessKey);
      const withoutToken = sessionToken ? redactSecret(report, sessionToken) : report;
      return proxyPassword ? redactSecret(withoutToken, proxyPassword) : withoutToken;
    } finally {
      run.dispose();
    }
  }

  /** The settings to test and the secret to sign with: typed ones first, else the saved profile's. */
  private async resolve(
    request: ConnectionTestRequest,
  ): Promise<{ settings: ConnectionSettings; secretAccessKey: string; sessionToken?: string; proxyPassword?: string }> {
    const { profiles } = this.deps;
    const typedToken = request.sessionToken || undefined;
    if (request.settings) {
      const stored =
        (request.secretAccessKey === undefined || request.proxyPassword === undefined) && request.profileId
          ? await profiles.withSecret(request.profileId).catch((error: unknown) => {
              if (request.secretAccessKey === undefined) throw error;
              return undefined;
            })
          : undefined;
      const secretAccessKey = request.secretAccessKey ?? stored?.secretAccessKey;
      if (secretAccessKey === undefined) throw missingSecret();
      const sessionToken = request.sessionToken === undefined ? stored?.sessionToken : typedToken;
      const proxyPassword = request.proxyPassword ?? stored?.proxyPassword;
      return {
        settings: { ...request.settings, endpoint: normalizeEndpoint(request.settings.endpoint) },
        secretAccessKey,
        ...(sessionToken && { sessionToken }),
        ...(proxyPassword && { proxyPassword }),
      };
    }
    if (request.profileId === undefined) throw missingSecret();
    // A typed secret is tested against the saved settings without reading the stored one (it may be missing).
    const { profile, secretAccessKey, sessionToken, proxyPassword } =
      request.secretAccessKey !== undefined
        ? {
            profile: await profiles.find(request.profileId),
            secretAccessKey: request.secretAccessKey,
            sessionToken: typedToken,
            proxyPassword: request.proxyPassword,
          }
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
      ...(profile.caBundle && { caBundle: profile.caBundle }),
      ...(profile.proxyMode && { proxyMode: profile.proxyMode }),
      ...(profile.proxyUrl && { proxyUrl: profile.proxyUrl }),
      ...(profile.proxyUser && { proxyUser: profile.proxyUser }),
      ...(profile.pinnedCertificates?.length && { pinnedCertificates: profile.pinnedCertificates }),
      ...(profile.dontVerifyCertificates && { dontVerifyCertificates: true }),
    };
    const password = request.proxyPassword ?? proxyPassword;
    return { settings, secretAccessKey, ...(sessionToken && { sessionToken }), ...(password && { proxyPassword: password }) };
  }
}

/** The refusal of a request that names neither a saved profile nor a secret to test with. */
function missingSecret(): PailError {
  return new PailError({
    code: 'InvalidRequest',
    message: 'Name a saved profile, or give the settings and the secret access key to test.',
    hint: ERROR_TEXT.InvalidRequest.hint,
  });
}
