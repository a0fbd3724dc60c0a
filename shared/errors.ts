import type { RefusedCertificate } from './certificates';

/**
 * Every error that can cross the IPC border, as a code from one union. The
 * main process throws `PailError`s; the dispatcher turns anything thrown into
 * an `ErrorInfo` value, because Electron would pass only a thrown error's message.
 */
/** Codes only Pail raises (the border, profiles, connections, data files); a server sending one of these names means something else by it. */
export const APP_ERROR_CODES = [
  // border and app
  'InvalidRequest',
  'UnknownChannel',
  'UntrustedSender',
  'Internal',
  // profiles and secrets
  'ProfileNotFound',
  'ProfileNameTaken',
  'SecretMissing',
  'SecretStoreUnavailable',
  'DataFolderUnwritable',
  // connection
  'EndpointUnreachable',
  'EndpointNotFound',
  'TlsError',
  'Timeout',
  'Cancelled',
  // a server error without a code of its own
  'S3Error',
  // data files (profiles.json, secrets.json, saved transfers)
  'DataFileDamaged',
  'SecretDamaged',
  'NothingToRestore',
  'DataFileUnreadable',
  // a server certificate no trusted authority vouches for (self-signed, a private CA)
  'UntrustedCertificate',
  // an endpoint that answers with a web page, not S3 (a website, a CDN, a custom domain)
  'EndpointNotS3',
  // a proxy that would not carry the connection (refused CONNECT, wants credentials, closed, unreachable)
  'ProxyRefused',
  // an object edited in place changed (or went) on the server after it was opened
  'EditConflict',
] as const;

/** S3 error codes a server sends, kept under their own names. */
export const SERVER_ERROR_CODES = [
  // clock
  'RequestTimeTooSkewed',
  // credentials and region
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'AuthorizationHeaderMalformed',
  'PermanentRedirect',
  'AccessDenied',
  'ExpiredToken',
  // buckets and objects
  'NoSuchBucket',
  'NoSuchKey',
  'InvalidBucketName',
  'BucketAlreadyExists',
  'BucketAlreadyOwnedByYou',
  'BucketNotEmpty',
  'InvalidLocationConstraint',
  'AccessControlListNotSupported',
  'EntityTooLarge',
  'QuotaExceeded',
  'SlowDown',
  // compatibility (checksums and headers the server does not accept)
  'NotImplemented',
  'InvalidArgument',
  'XAmzContentSHA256Mismatch',
  'MissingContentLength',
  'MissingContentMD5',
  // upload options the server does not offer
  'InvalidStorageClass',
  // encryption an upload asked for that the server refused (plain HTTP, an unknown KMS key, no KMS)
  'EncryptionRefused',
  // a multipart upload that is not (or no longer) there
  'NoSuchUpload',
] as const;

/** Every code, Pail's and the servers'. */
export const ERROR_CODES = [...APP_ERROR_CODES, ...SERVER_ERROR_CODES] as const;

/** A code from the union above. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error as a plain value: what the renderer and the CLI show. */
export interface ErrorInfo {
  code: ErrorCode;
  /** What happened, in plain words. */
  message: string;
  /** What to do next. */
  hint: string;
  /** The server's own error code, when it differs from `code` (e.g. `UnknownError`). */
  serverCode?: string;
  /** HTTP status of the failed request, if there was one. */
  status?: number;
  /** The server certificate that was refused (UntrustedCertificate): what it says, why, whether pinning it helps. */
  certificate?: RefusedCertificate;
}

/** The result of every request channel. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo };

/** An error that knows its code; thrown by services, caught by the dispatcher. */
export class PailError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  readonly serverCode?: string;
  readonly status?: number;
  readonly certificate?: RefusedCertificate;

  constructor(info: Omit<ErrorInfo, 'message'> & { message: string }, options?: { cause?: unknown }) {
    super(info.message, options);
    this.name = 'PailError';
    this.code = info.code;
    this.hint = info.hint;
    this.serverCode = info.serverCode;
    this.status = info.status;
    this.certificate = info.certificate;
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message, hint: this.hint };
    if (this.serverCode !== undefined) info.serverCode = this.serverCode;
    if (this.status !== undefined) info.status = this.status;
    if (this.certificate !== undefined) info.certificate = this.certificate;
    return info;
  }
}

/** True when a value is an `ErrorInfo` (used by transports that receive JSON). */
export function isErrorInfo(value: unknown): value is ErrorInfo {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && (ERROR_CODES as readonly string[]).includes(v.code) && typeof v.message === 'string' && typeof v.hint === 'string';
}
