import { customDomainAdvice, mayBeCustomDomain } from '../../shared/custom-domain';
import { PailError, SERVER_ERROR_CODES, type ErrorCode } from '../../shared/errors';
import { ERROR_TEXT } from '../../shared/error-text';
import type { UploadEncryption } from '../../shared/encryption';
import { isProxyError } from './net/proxy-errors';
import { refusedCertificateOf, untrustedCertificateError } from './net/certificate-trust';
import { isTimeoutError } from './request-deadlines';

interface SdkLikeError {
  name?: string;
  message?: string;
  code?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number; headers?: Record<string, string>; body?: unknown };
  $fault?: string;
  Region?: string;
  BucketRegion?: string;
}

const NETWORK_CODES: Record<string, ErrorCode> = {
  ECONNREFUSED: 'EndpointUnreachable',
  ECONNRESET: 'EndpointUnreachable',
  EHOSTUNREACH: 'EndpointUnreachable',
  ENETUNREACH: 'EndpointUnreachable',
  EPIPE: 'EndpointUnreachable',
  ENOTFOUND: 'EndpointNotFound',
  EAI_AGAIN: 'EndpointNotFound',
  ETIMEDOUT: 'Timeout',
  TimeoutError: 'Timeout',
  RequestTimeout: 'Timeout',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TlsError',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'UntrustedCertificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'UntrustedCertificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'UntrustedCertificate',
  CERT_HAS_EXPIRED: 'TlsError',
  EPROTO: 'TlsError',
  ERR_SSL_WRONG_VERSION_NUMBER: 'TlsError',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'UntrustedCertificate',
  CERT_NOT_YET_VALID: 'TlsError',
  UNABLE_TO_GET_ISSUER_CERT: 'UntrustedCertificate',
};

/** How long a deadline waited, from the words of the error that reports it ("after 30000 ms", "for 30 s"). */
function waitedSeconds(message: string | undefined): number | undefined {
  const ms = /(\d+) ?ms\b/.exec(message ?? '');
  if (ms) return Math.round(Number(ms[1]) / 1000);
  const s = /\bfor (\d+) s\b/.exec(message ?? '');
  return s ? Number(s[1]) : undefined;
}

/** S3 error codes that carry the same meaning under another name. */
const S3_ALIASES: Record<string, ErrorCode> = {
  InvalidToken: 'ExpiredToken',
  TokenRefreshRequired: 'ExpiredToken',
  AllAccessDisabled: 'AccessDenied',
  Forbidden: 'AccessDenied',
  XAmzContentSha256Mismatch: 'XAmzContentSHA256Mismatch',
  StorageQuotaExceeded: 'QuotaExceeded',
  ServiceUnavailable: 'SlowDown',
  TooManyRequests: 'SlowDown',
  '301': 'PermanentRedirect',
};

/** True when the server answered that the object (or bucket) is not there: a 404, however it names it. */
export function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

/** An S3 XML error body (`<Error><Code>…</Code><Message>…</Message>…`) → its code and message, entities decoded. */
export function parseS3ErrorBody(xml: string): { code?: string; message?: string } {
  const field = (name: string) => {
    const match = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
    return match?.[1]?.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
  };
  return { code: field('Code') || undefined, message: field('Message') || undefined };
}

/** The server's own error code, digging through what different servers send. */
function serverCodeOf(error: SdkLikeError): string | undefined {
  const code = error.Code ?? error.code ?? error.name;
  if (code && code !== 'UnknownError' && code !== 'Unknown' && code !== 'Error') return code;
  return undefined;
}

function describeContext(context: string | undefined): string {
  return context ? ` (${context})` : '';
}

/**
 * Turns whatever the SDK or the network threw into a `PailError` with plain
 * words. Ceph and others send an error code with no message (the SDK then says
 * "UnknownError"), so the words come from `ERROR_TEXT`, never from the server.
 */
export function toPailError(error: unknown, context?: string, endpoint?: string): PailError {
  if (error instanceof PailError) return error;
  const e = (error ?? {}) as SdkLikeError & { cause?: SdkLikeError; errno?: unknown };
  // A proxy's refusal already says which proxy, which target and what to do (see net/proxy-errors.ts).
  const proxy = [e, e.cause].find(isProxyError);
  if (proxy)
    return new PailError(
      { code: 'ProxyRefused', message: proxy.message, hint: proxy.hint ?? ERROR_TEXT.ProxyRefused.hint, serverCode: 'EPROXY' },
      { cause: error },
    );
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  // An abort is the user's (Cancel, a page that went elsewhere) unless a deadline's signal fired it.
  if (e.name === 'AbortError' && !isTimeoutError(e.cause)) {
    return new PailError({ code: 'Cancelled', message: `Cancelled${describeContext(context)}.`, hint: ERROR_TEXT.Cancelled.hint }, { cause: error });
  }
  if ((e.name === 'AbortError' && isTimeoutError(e.cause)) || isTimeoutError(e)) {
    // A proxy that stayed silent says so itself (net/proxy-errors.ts): the server was never reached.
    const silentProxy = [e, e.cause].find((c): c is Error & { hint: string } => typeof (c as { hint?: unknown } | undefined)?.hint === 'string');
    if (silentProxy) return new PailError({ code: 'Timeout', message: silentProxy.message, hint: silentProxy.hint, serverCode: 'ETIMEDOUT' }, { cause: error });
    const waited = waitedSeconds(e.message) ?? waitedSeconds(e.cause?.message);
    const who = endpoint ? `The server at ${endpoint}` : 'The server';
    const message = `${who} is not answering${waited ? `: nothing came back for ${waited} s` : ''}${describeContext(context)}.`;
    return new PailError({ code: 'Timeout', message, hint: ERROR_TEXT.Timeout.hint, serverCode: e.code ?? e.name }, { cause: error });
  }
  // A certificate the connection check refused carries its details: explained, with the fix.
  const refused = refusedCertificateOf(error);
  if (refused) return untrustedCertificateError(refused, context);
  const networkCode = [e.code, e.name, e.cause?.code].find((c) => c && c in NETWORK_CODES);
  if (networkCode && !status) {
    const code = NETWORK_CODES[networkCode];
    const where = endpoint ? ` ${endpoint}` : '';
    // A reset or a broken pipe is a connection made and then cut (mid-request or mid-answer), not one refused.
    const cutOff = networkCode === 'ECONNRESET' || networkCode === 'EPIPE';
    const message =
      code === 'EndpointNotFound'
        ? `The host name of the endpoint${where} could not be resolved (${networkCode})`
        : code === 'Timeout'
          ? `The endpoint${where} did not answer in time (${networkCode})`
          : code === 'TlsError'
            ? `The secure connection to${where || ' the endpoint'} failed (${networkCode})`
            : code === 'UntrustedCertificate'
              ? `The certificate of the server${where} is issued by an authority this computer does not trust (${networkCode})`
              : cutOff
                ? `The connection to the endpoint${where} was cut off before the request was done (${networkCode})`
                : `Could not connect to the endpoint${where} (${networkCode})`;
    const hint = cutOff
      ? 'The network or the server dropped the connection: check your network connection (a VPN, proxy or firewall may cut requests), then try again.'
      : ERROR_TEXT[code].hint;
    return new PailError({ code, message: `${message}${describeContext(context)}.`, hint, serverCode: networkCode }, { cause: error });
  }

  const serverCode = serverCodeOf(e);
  let code: ErrorCode = 'S3Error';
  if (serverCode && (SERVER_ERROR_CODES as readonly string[]).includes(serverCode)) code = serverCode as ErrorCode;
  else if (serverCode && serverCode in S3_ALIASES) code = S3_ALIASES[serverCode];
  else if (status === 403) code = 'AccessDenied';
  else if (status === 404) code = 'NoSuchKey';
  else if (status === 301) code = 'PermanentRedirect';
  else if (status === 503) code = 'SlowDown';
  else if (status === 501) code = 'NotImplemented';

  const text = ERROR_TEXT[code];
  let message = text.message;
  let hint = text.hint;
  const bucketRegion = e.$response?.headers?.['x-amz-bucket-region'] ?? e.BucketRegion ?? e.Region;
  if ((code === 'PermanentRedirect' || code === 'AuthorizationHeaderMalformed') && bucketRegion) {
    hint = `Set the profile's region to "${bucketRegion}", the region the server expects.`;
  } else if (code === 'AuthorizationHeaderMalformed') {
    const expecting = /expecting '([^']+)'/.exec(e.message ?? '');
    if (expecting) hint = `Set the profile's region to "${expecting[1]}", the region the server expects.`;
  }
  // Object Lock refuses a delete or overwrite as AccessDenied (AWS: "…protected by object lock", Ceph: "forbidden by object lock").
  if (code === 'AccessDenied' && /object lock/i.test(e.message ?? '')) {
    message = 'This version is locked by Object Lock: a retention that has not ended, or a legal hold.';
    hint =
      'See its lock in the inspector (Object Lock): a legal hold can be removed, a governance retention shortened by a user allowed to bypass it; a compliance retention must run out.';
  }
  // The seed's mistake: a custom domain as the endpoint fails every signed request.
  if (code === 'SignatureDoesNotMatch' && endpoint && mayBeCustomDomain(endpoint)) hint = `${hint} ${customDomainAdvice(endpoint)}`;
  if (code === 'S3Error') {
    const detail = e.message && e.message !== 'UnknownError' ? `: ${e.message}` : '';
    message = `The server answered ${serverCode ?? 'an error'}${status ? ` (HTTP ${status})` : ''}${detail}.`;
  }
  return new PailError(
    {
      code,
      message: message + describeContext(context),
      hint,
      ...(serverCode && serverCode !== code && { serverCode }),
      ...(status !== undefined && { status }),
    },
    { cause: error },
  );
}

/** Why a server refused an upload's encryption, from its answer; undefined when the refusal is about something else. */
function encryptionRefusal(encryption: UploadEncryption, code: string, message: string | undefined, endpoint: string | undefined): string | undefined {
  const asked = encryption.algorithm === 'AES256' ? 'SSE-S3' : `SSE-KMS${encryption.kmsKeyId ? ` with key ${encryption.kmsKeyId}` : ''}`;
  // Ceph answers a bare InvalidRequest to encryption headers on a plain-HTTP connection (rgw crypt require ssl).
  if (code === 'InvalidRequest' && (endpoint?.startsWith('http:') || /secure|ssl|https/i.test(message ?? '')))
    return `The server refused ${asked} over plain HTTP: it takes encryption headers only over HTTPS.`;
  // AWS names KMS failures KMS.*; Ceph says "kms" in the message, under InvalidArgument or even InvalidAccessKeyId
  // ("Failed to retrieve the actual key, kms-keyid: …"), which would otherwise read as wrong credentials.
  if (code.startsWith('KMS.') || (encryption.algorithm === 'aws:kms' && /kms/i.test(message ?? '')))
    return `The server could not use ${encryption.kmsKeyId ? `the KMS key "${encryption.kmsKeyId}"` : 'a default KMS key'} (${code}${message ? `: ${message}` : ''}).`;
  if (code === 'InvalidRequest' || code === 'NotImplemented' || code === 'InvalidEncryptionAlgorithmError')
    return `The server refused ${asked} (${code}${message ? `: ${message}` : ''}).`;
  return undefined;
}

/**
 * Sends a request that creates an object with these headers. A server that does not offer the
 * storage class answers InvalidStorageClass (AWS) or a bare InvalidArgument (Ceph): with a class
 * set, that is what the refusal means, and the user is told so in words. A refused encryption is
 * told the same way: over plain HTTP, an unknown KMS key, or none at all.
 */
export async function creatingWith<T>(
  headers: { key: string; storageClass?: string; encryption?: UploadEncryption; handle?: { endpoint: string } },
  send: () => Promise<T>,
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    const e = (error ?? {}) as { name?: string; Code?: string; code?: string; serverCode?: string; message?: string };
    const serverCode = [e.serverCode, e.Code, e.name, e.code].find((c) => c && c !== 'Error' && c !== 'PailError') ?? '';
    const serverMessage = e.message && e.message !== 'UnknownError' ? e.message : undefined;
    const encryptionWords = headers.encryption && encryptionRefusal(headers.encryption, serverCode, serverMessage, headers.handle?.endpoint);
    if (encryptionWords)
      throw new PailError(
        { code: 'EncryptionRefused', message: `${encryptionWords} Nothing was stored as ${headers.key}.`, hint: ERROR_TEXT.EncryptionRefused.hint, serverCode },
        { cause: error },
      );
    const refused = [e.serverCode, e.Code, e.name, e.code].find((c) => c === 'InvalidStorageClass' || c === 'InvalidArgument');
    if (!headers.storageClass || !refused) throw error;
    throw new PailError(
      {
        code: 'InvalidStorageClass',
        message: `The server does not offer the storage class "${headers.storageClass}" (it refused ${headers.key} with ${refused}).`,
        hint: ERROR_TEXT.InvalidStorageClass.hint,
        serverCode: refused,
      },
      { cause: error },
    );
  }
}
