// The direct path: S3 PUTs of bodies in memory and signed GETs into files, past the SDK for speed.
// Signing is in direct-signer, sending a body in put-body, the GETs on the fetch worker (fetch-worker).
import { createHash } from 'node:crypto';
import { type Agent as HttpAgent, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isDnsSafeBucket } from '../../../../shared/public-url';
import { parseS3ErrorBody } from '../../s3-errors';
import { wireHeaders, type ObjectHeaders } from '../tasks/object-headers';
import { DirectSigner, type SignerSettings } from './direct-signer';
import type { NetworkPolicy } from '../../net/network-policy';
import { newNodeAgent } from '../../net/node-agents';
import type { AnswerHeaders, SignedTarget } from './fetch-protocol';
import { FetchWorker, type FetchError } from './fetch-worker';
import { putBody } from './put-body';
import type { BodyPace } from './body-pace';

/** SHA-256 of an empty body, the payload hash of a GET. */
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** A GET's answer once its body is in the file. */
export interface DirectGetAnswer {
  headers: AnswerHeaders;
  /** Bytes written into the file. */
  written: number;
  /** The server answered other bytes than the range asked for; nothing was written. */
  rangeMismatch?: boolean;
}

/** What the direct path is built from: the transfer client's own settings. */
export interface DirectS3Settings extends SignerSettings {
  maxSockets: number;
  /** A request fails when the server sends nothing for this long (the profile's response timeout). */
  silenceMs: number;
  /** How the profile's connections are made (whom they trust). */
  network: NetworkPolicy;
}

/** One body to store: a small object, or a part of a multipart upload (`part`). */
export interface DirectPutRequest {
  bucket: string;
  key: string;
  body: Buffer;
  /** Base64 MD5 of the body: the server refuses the body if it differs. */
  contentMd5: string;
  /** For an object (a part has its upload's). */
  headers?: ObjectHeaders;
  part?: { uploadId: string; partNumber: number };
  /** Called as the body goes out, in steps of at most 1 MiB. */
  onBytes?: (bytes: number) => void;
  /** Called once the socket has taken the last byte: the body's memory is free to reuse. */
  onSent?: () => void;
  /** The speed limits the body goes out under. */
  pace?: BodyPace;
}

/**
 * Bodies up to this size are signed with their SHA-256 (what the SDK does for
 * in-memory bodies); bigger ones (parts) go as UNSIGNED-PAYLOAD, which S3 and
 * every compatible server accept: Content-MD5 already guards their bytes, and
 * a SHA-256 of every part would add 1 CPU-second per 4 GiB.
 */
const SIGNED_PAYLOAD_MAX = 1024 * 1024;

/** The parts of the answer the engine checks (named as the SDK names them). */
export interface DirectPutAnswer {
  ETag?: string;
  ServerSideEncryption?: string;
  SSECustomerAlgorithm?: string;
}

/** An error shaped like the SDK's service exceptions, so retries and messages treat both alike. */
export function serviceError(status: number, headers: AnswerHeaders, body: string): Error {
  const { code, message } = parseS3ErrorBody(body);
  const name = code ?? (status === 404 ? 'NotFound' : status === 412 ? 'PreconditionFailed' : status >= 500 ? 'ServiceUnavailable' : `Http${status}`);
  const requestId = headers['x-amz-request-id'];
  return Object.assign(new Error(message || `The server answered HTTP ${status}${code ? ` (${code})` : ''}.`), {
    name,
    Code: name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, ...(typeof requestId === 'string' && { requestId }), attempts: 1 },
  });
}

/**
 * S3 requests past the SDK, for moving bytes: PUTs of bodies already in
 * memory (small files, parts), and signed GETs that the fetch thread sends
 * (see fetch-thread.ts). Requests are signed with @smithy/signature-v4; PUTs
 * go on a keep-alive agent. Written by hand because the SDK cannot meet the speed the
 * transfers issue asks of many small files: its per-request work (endpoint
 * rules, schema serialisation, auth-scheme selection, a dozen middlewares)
 * costs 2–3.5 ms of CPU per PutObject here, against 0.4–0.7 ms for this path,
 * and a folder of 2,000 small files spent more CPU in the SDK than the
 * gateway spent storing them. It does only what it does exactly as the SDK
 * would: the profile's endpoint, path-style or DNS-safe virtual-host
 * addressing, the SDK client's clock correction. Everything else (AWS's
 * region redirects, big bodies, every other operation) stays with the SDK.
 */
export class DirectS3 {
  private readonly signer: DirectSigner;
  private readonly agent: HttpAgent;
  private readonly send: typeof httpRequest;
  private fetcher?: FetchWorker;

  constructor(private readonly settings: DirectS3Settings) {
    const https = new URL(settings.endpoint).protocol === 'https:';
    this.agent = newNodeAgent(https ? 'https:' : 'http:', settings.network, settings);
    this.send = https ? httpsRequest : httpRequest;
    this.signer = new DirectSigner(settings);
  }

  /** True when requests to this bucket can go this way (virtual-host style needs a DNS-safe name, as in the SDK). */
  supports(bucket: string): boolean {
    return this.settings.pathStyle || isDnsSafeBucket(bucket);
  }

  /** Signs a request for a key: the URL per the profile's addressing, the headers with the signature. */
  sign(method: 'GET' | 'PUT', bucket: string, key: string, query: Record<string, string>, headers: Record<string, string>): Promise<SignedTarget> {
    return this.signer.sign(method, bucket, key, query, headers);
  }

  /** The error for a non-2xx answer; a skewed clock is corrected first, as the SDK does (5 minutes off), so the retry and the SDK's own requests sign right. */
  answerError(status: number, headers: AnswerHeaders, body: string): Error {
    const at = Date.parse(typeof headers.date === 'string' ? headers.date : '');
    const clock = this.settings.clock;
    if (Number.isFinite(at) && Math.abs(at - (Date.now() + clock.systemClockOffset)) >= 300_000) clock.systemClockOffset = at - Date.now();
    return serviceError(status, headers, body);
  }

  /**
   * GETs a key (or a byte range of it, only if its ETag is still `ifMatch`)
   * into the open file `fd` from `position`, on the fetch worker. Rejects with
   * an SDK-shaped error on a non-2xx answer; a body cut short rejects with
   * `written` set to the bytes already in the file.
   */
  async getInto(
    request: { bucket: string; key: string; range?: { start: number; end: number }; ifMatch?: string },
    fd: number,
    position: number,
    onBytes: (bytes: number) => void,
    signal?: AbortSignal,
    pace?: BodyPace,
  ): Promise<DirectGetAnswer> {
    const { range, ifMatch } = request;
    const target = await this.sign(
      'GET',
      request.bucket,
      request.key,
      {},
      {
        'x-amz-content-sha256': EMPTY_SHA256,
        ...(range && { range: `bytes=${range.start}-${range.end}` }),
        ...(ifMatch && { 'if-match': ifMatch }),
      },
    );
    this.fetcher ??= new FetchWorker();
    const answer = await this.fetcher.fetchInto({ ...target, network: this.settings.network }, fd, position, range, onBytes, {
      signal,
      silenceMs: this.settings.silenceMs,
      pace,
    });
    if (answer.status < 200 || answer.status >= 300)
      throw Object.assign(this.answerError(answer.status, answer.headers, answer.body ?? ''), { written: answer.written }) as FetchError;
    return { headers: answer.headers, written: answer.written, ...(answer.rangeMismatch && { rangeMismatch: true }) };
  }

  /** Stores the body under the key (or as a part); rejects with an SDK-shaped error on a non-2xx answer. */
  async put(request: DirectPutRequest, signal?: AbortSignal): Promise<DirectPutAnswer> {
    const query: Record<string, string> = request.part ? { partNumber: String(request.part.partNumber), uploadId: request.part.uploadId } : {};
    const target = await this.sign('PUT', request.bucket, request.key, query, {
      'content-length': String(request.body.length),
      'content-md5': request.contentMd5,
      'x-amz-content-sha256': request.body.length <= SIGNED_PAYLOAD_MAX ? createHash('sha256').update(request.body).digest('hex') : 'UNSIGNED-PAYLOAD',
      ...(request.headers && wireHeaders(request.headers)),
    });
    const response = await putBody({ send: this.send, agent: this.agent, silenceMs: this.settings.silenceMs }, target, request.body, request, signal);
    const status = response.message.statusCode ?? 0;
    if (status < 200 || status >= 300) throw this.answerError(status, response.message.headers, response.body);
    const header = (name: string) => {
      const value = response.message.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    return {
      ETag: header('etag'),
      ServerSideEncryption: header('x-amz-server-side-encryption'),
      SSECustomerAlgorithm: header('x-amz-server-side-encryption-customer-algorithm'),
    };
  }

  /** Closes the idle sockets and stops the fetch worker. */
  destroy(): void {
    this.agent.destroy();
    void this.fetcher?.close();
  }
}
