import { randomBytes } from 'node:crypto';
import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small HTTP proxy on 127.0.0.1 in front of the real gateway, for tests of
 * what Pail does when a provider answers differently from Ceph. By default it
 * forwards every request unchanged (the client signs for the proxy's address;
 * Ceph checks the signature against the Host header it receives, which the
 * proxy passes on as is). Rules answer matching requests with the error bodies
 * real providers send, so the code under test meets the same bytes it would
 * meet in production.
 */

/** What a rule sees of a request (the body is never read: rules decide on the head). */
export interface ProxiedRequest {
  method: string;
  /** Path and query as sent, e.g. `/bucket/key?x-id=PutObject`. */
  url: string;
  path: string;
  query: URLSearchParams;
  /** Lower-case header names, as Node gives them. */
  headers: IncomingHttpHeaders;
}

/** A canned answer: status, headers and body (XML for S3 errors). */
export interface CannedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** Answers requests for which `when` is true with `respond` instead of forwarding them. */
export interface CannedRule {
  /** Shown in the proxy's log, to tell which rule answered. */
  name: string;
  when: (req: ProxiedRequest) => boolean;
  /** The answer; a function also gets the request's body (read to its end before answering). */
  respond: CannedResponse | ((req: ProxiedRequest, body: Buffer) => CannedResponse);
}

/**
 * How a forwarded exchange goes wrong. Everything is optional: a tamper with
 * only `holdUntil` delays the request, one with only `headers` lies about the
 * answer, one with `then` cuts the answer's body after `afterBodyBytes`.
 */
export interface Tamper {
  /** The request waits at the door until this settles, then goes on (to stop an engine at a known point). */
  holdUntil?: Promise<unknown>;
  /** Rewrites the answer's headers (an ETag a broken server or middlebox makes up, a header it drops). */
  headers?: (headers: OutgoingHttpHeaders, req: ProxiedRequest) => OutgoingHttpHeaders;
  /** Bytes of the answer's body passed on before `then` strikes (default 0: right after the headers). */
  afterBodyBytes?: number;
  /**
   * stall: the status and headers (and `afterBodyBytes`) go out, then nothing
   * more while the connection stays open; close: the connection ends cleanly
   * (a FIN: a body shorter than its Content-Length); reset: it ends with a TCP RST.
   */
  then?: 'stall' | 'close' | 'reset';
  /**
   * `then` strikes before the status and headers go out: the server did the request (a PUT stored its
   * body) but its answer never reaches the client, which hears nothing more (stall) or a cut connection.
   */
  beforeHeaders?: boolean;
}

/** Forwards requests for which `when` is true, and tampers with the exchange. */
export interface TamperRule {
  /** Shown in the proxy's log, to tell which rule touched the exchange. */
  name: string;
  when: (req: ProxiedRequest) => boolean;
  tamper: Tamper;
}

/**
 * A rule the proxy applies to the first request it matches (rules are tried in
 * order, so a counting `when` only counts the requests earlier rules let pass).
 */
export type FaultRule = CannedRule | TamperRule;

/** One request the proxy saw, and who answered it. */
export interface ProxyLogEntry {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The rule's name, or "forwarded". */
  answeredBy: string;
  status: number;
  /** Bytes of the answer's body that reached the client so far. */
  bodyBytes: number;
  /** True once the whole answer reached the client (false while it flows, and for a cut or stalled one). */
  complete: boolean;
}

export interface FaultProxyOptions {
  /** The real server, e.g. `http://127.0.0.1:41319`. */
  target: string;
  rules?: FaultRule[];
  /**
   * Pretends the server's clock is this many seconds off: every Date header
   * (forwarded or canned) is rewritten. Positive = server ahead of this computer.
   */
  clockOffsetSeconds?: number;
}

/** A running proxy; `close()` it after the test. */
export interface FaultProxy {
  /** The endpoint to give the client, e.g. `http://127.0.0.1:40001`. */
  readonly endpoint: string;
  readonly log: ProxyLogEntry[];
  /** Exchanges still open on either side (held, waiting for the server, or passing a body). */
  inFlight(): number;
  setRules(rules: FaultRule[]): void;
  close(): Promise<void>;
}

/** Headers that belong to one connection, not to the message: never passed on. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

function serverDate(offsetSeconds: number): string {
  return new Date(Date.now() + offsetSeconds * 1000).toUTCString();
}

function viewOf(req: IncomingMessage): ProxiedRequest {
  const url = req.url ?? '/';
  const parsed = new URL(url, 'http://proxy.invalid');
  return { method: req.method ?? 'GET', url, path: parsed.pathname, query: parsed.searchParams, headers: req.headers };
}

/** Starts a proxy on 127.0.0.1 (a free port) in front of `options.target`. */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const offset = options.clockOffsetSeconds ?? 0;
  let rules = options.rules ?? [];
  const log: ProxyLogEntry[] = [];
  // Keep-alive upstream, as a real proxy would; destroyed on close so no socket outlives the test.
  const agent = new Agent({ keepAlive: true });

  let open = 0;

  const server = createServer((req, res) => {
    const seen = viewOf(req);
    // Open until the client's side has closed and the server's side (if any) too.
    open += 1;
    let sides = 1;
    const sideClosed = () => {
      sides -= 1;
      if (sides === 0) open -= 1;
    };
    res.on('close', sideClosed);
    const rule = rules.find((r) => r.when(seen));
    if (rule && 'respond' in rule) {
      // Read the request body to its end first: answering early would leave it half-sent on a
      // keep-alive connection the client reuses. A replaying rule gets it (what a PUT stored).
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const canned = typeof rule.respond === 'function' ? rule.respond(seen, Buffer.concat(chunks)) : rule.respond;
        const body = seen.method === 'HEAD' ? '' : (canned.body ?? '');
        log.push({
          method: seen.method,
          url: seen.url,
          headers: seen.headers,
          answeredBy: rule.name,
          status: canned.status,
          bodyBytes: Buffer.byteLength(body),
          complete: true,
        });
        res.writeHead(canned.status, {
          'content-type': 'application/xml',
          'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
          ...canned.headers,
          date: serverDate(offset),
          'content-length': Buffer.byteLength(body),
        });
        res.end(body);
      });
      return;
    }
    const tamper = rule?.tamper;
    // Set once a tamper cut or stalled the answer: what the upstream side does after that is no news for the client.
    let struck = false;
    if (tamper?.holdUntil) {
      // Held requests keep their body waiting in the socket (paused), as a slow proxy would.
      req.pause();
      void tamper.holdUntil.then(forward, forward);
    } else forward();

    function forward() {
      if (req.destroyed) return;
      let answered = false;
      const upstream = httpRequest(
        {
          protocol: target.protocol,
          hostname: target.hostname,
          port: target.port,
          method: seen.method,
          path: seen.url,
          // The Host header the client signed goes on unchanged.
          headers: endToEnd(req.headers),
          agent,
        },
        (answer) => {
          answered = true;
          answer.on('close', sideClosed);
          const entry: ProxyLogEntry = {
            method: seen.method,
            url: seen.url,
            headers: seen.headers,
            answeredBy: rule?.name ?? 'forwarded',
            status: answer.statusCode ?? 0,
            bodyBytes: 0,
            complete: false,
          };
          log.push(entry);
          let headers = endToEnd(answer.headers);
          if (offset !== 0) headers.date = serverDate(offset);
          if (tamper?.headers) headers = tamper.headers(headers, seen);
          if (tamper?.then && tamper.beforeHeaders) {
            struck = true;
            answer.resume();
            if (tamper.then === 'close') res.socket?.end();
            else if (tamper.then === 'reset') res.socket?.resetAndDestroy();
            return;
          }
          res.writeHead(answer.statusCode ?? 502, headers);
          res.flushHeaders();
          passBody(answer, entry, tamper);
        },
      );
      sides += 1;
      // Closed by an error before any answer: the server's side is done.
      upstream.on('close', () => answered || sideClosed());
      upstream.on('error', (error) => {
        if (struck) return;
        log.push({
          method: seen.method,
          url: seen.url,
          headers: seen.headers,
          answeredBy: rule?.name ?? 'forwarded',
          status: 502,
          bodyBytes: 0,
          complete: false,
        });
        // Once the answer has begun, text would be spliced into its body: cut the connection instead.
        if (res.headersSent) return void res.destroy();
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`fault proxy: ${error.message}`);
      });
      // A client that goes away mid-exchange takes the upstream request with it.
      res.on('close', () => res.writableFinished || upstream.destroy());
      req.pipe(upstream);
    }

    /** Passes the answer's body on, counting it; cuts or stalls it where the tamper says. */
    function passBody(answer: IncomingMessage, entry: ProxyLogEntry, how: Tamper | undefined) {
      const limit = how?.then ? (how.afterBodyBytes ?? 0) : Infinity;
      const strike = () => {
        struck = true;
        answer.destroy();
        if (how?.then === 'close') res.socket?.end();
        else if (how?.then === 'reset') res.socket?.resetAndDestroy();
        // stall: the connection stays open and silent until the client gives up (or the proxy closes).
      };
      if (limit === 0) return strike();
      answer.on('data', (chunk: Buffer) => {
        if (struck) return;
        const room = limit - entry.bodyBytes;
        const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
        entry.bodyBytes += part.length;
        if (!res.write(part)) {
          answer.pause();
          res.once('drain', () => answer.resume());
        }
        if (entry.bodyBytes >= limit) strike();
      });
      answer.on('end', () => {
        if (entry.bodyBytes < limit) res.end(() => (entry.complete = true));
      });
      answer.on('error', () => struck || res.destroy());
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    log,
    inFlight: () => open,
    setRules(next) {
      rules = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

/** An endpoint where nothing listens (a stopped gateway): a port taken from the OS, then released. */
export async function closedPortEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

// ---------------------------------------------------------------------------
// Provider errors, as the providers send them. Sources are public issue
// threads (repository#number) where users pasted the responses.
// ---------------------------------------------------------------------------

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>';

/** An AWS-style request id and host id, so bodies look like the real thing. */
function awsIds(): string {
  return `<RequestId>${randomBytes(8).toString('hex').toUpperCase()}</RequestId><HostId>${randomBytes(32).toString('base64')}</HostId>`;
}

/** A Ceph-style request id (what Linode's gateway sends). */
function cephIds(): string {
  const tx = `tx00000${randomBytes(10).toString('hex')}-${Math.floor(Date.now() / 1000).toString(16)}-default`;
  return `<RequestId>${tx}</RequestId><HostId>${randomBytes(4).toString('hex')}-default-default</HostId>`;
}

function bucketOf(req: ProxiedRequest): string | undefined {
  return req.path.split('/').filter(Boolean)[0];
}

const isUpload = (req: ProxiedRequest) => req.method === 'PUT';
const checksumHeaders = (req: ProxiedRequest) => Object.keys(req.headers).filter((h) => h.startsWith('x-amz-checksum-') && h !== 'x-amz-checksum-mode');

/**
 * Cloudflare R2 before it accepted CRC32 (aws-sdk-js-v3#6810, cloudflare-docs#19236):
 * `501 NotImplemented: Header 'x-amz-checksum-crc32' with value '…' not implemented`
 * on uploads that carry the header; without it the request goes through.
 */
export function r2ChecksumNotImplemented(): FaultRule {
  return {
    name: 'r2ChecksumNotImplemented',
    when: (req) => isUpload(req) && req.headers['x-amz-checksum-crc32'] !== undefined,
    respond: (req) => ({
      status: 501,
      headers: { server: 'cloudflare' },
      body: `${XML_HEAD}<Error><Code>NotImplemented</Code><Message>Header 'x-amz-checksum-crc32' with value '${String(req.headers['x-amz-checksum-crc32'])}' not implemented</Message></Error>`,
    }),
  };
}

/**
 * Backblaze B2 (pingvin-share#798, craft-remote-backup#63, home-assistant/core#143995,
 * xen-orchestra#8358): `400 InvalidArgument: Unsupported header '…' received for
 * this API call.` for the checksum headers on uploads and `x-amz-checksum-mode` on downloads.
 */
export function b2UnsupportedChecksumHeader(): FaultRule {
  const offending = (req: ProxiedRequest): string | undefined => {
    if (isUpload(req)) return ['x-amz-checksum-crc32', 'x-amz-sdk-checksum-algorithm', ...checksumHeaders(req)].find((h) => req.headers[h] !== undefined);
    if (req.method === 'GET' && req.headers['x-amz-checksum-mode'] !== undefined) return 'x-amz-checksum-mode';
    return undefined;
  };
  return {
    name: 'b2UnsupportedChecksumHeader',
    when: (req) => offending(req) !== undefined,
    respond: (req) => ({
      status: 400,
      headers: { server: 'nginx', 'cache-control': 'max-age=0, no-cache, no-store' },
      body: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Error>\n    <Code>InvalidArgument</Code>\n    <Message>Unsupported header '${offending(req)}' received for this API call.</Message>\n</Error>\n`,
    }),
  };
}

/**
 * Linode / Akamai (Ceph) (siderolabs/talos-backup#36, linode/terraform-provider-linode#1834):
 * `400 XAmzContentSHA256Mismatch` with no message (the SDK says "UnknownError")
 * for uploads with the chunked checksum trailer or a checksum header.
 */
export function linodeContentSha256Mismatch(): FaultRule {
  return {
    name: 'linodeContentSha256Mismatch',
    when: (req) => isUpload(req) && (req.headers['x-amz-content-sha256'] === 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' || checksumHeaders(req).length > 0),
    respond: (req) => ({
      status: 400,
      body: `${XML_HEAD}<Error><Code>XAmzContentSHA256Mismatch</Code><BucketName>${bucketOf(req) ?? ''}</BucketName>${cephIds()}</Error>`,
    }),
  };
}

/**
 * MinIO (older) on DeleteObjects without Content-MD5 (aws-sdk-php#3068, minio#20849):
 * `400 MissingContentMD5: Missing required header for this request: Content-Md5.`
 */
export function minioMissingContentMd5(): FaultRule {
  return {
    name: 'minioMissingContentMd5',
    when: (req) => req.method === 'POST' && req.query.has('delete') && req.headers['content-md5'] === undefined,
    respond: (req) => ({
      status: 400,
      headers: { server: 'MinIO' },
      body: `${XML_HEAD}\n<Error><Code>MissingContentMD5</Code><Message>Missing required header for this request: Content-Md5.</Message><BucketName>${bucketOf(req) ?? ''}</BucketName><Resource>/${bucketOf(req) ?? ''}</Resource>${awsIds()}</Error>`,
    }),
  };
}

/** The region a SigV4 request was signed for (from its Authorization header). */
export function signedRegion(req: ProxiedRequest): string | undefined {
  return /Credential=[^/]+\/\d{8}\/([^/]+)\/s3\/aws4_request/.exec(String(req.headers.authorization ?? ''))?.[1];
}

/**
 * AWS when a request is signed for another region than the endpoint's
 * (flatware#10, s3fs-fuse#1186): `400 AuthorizationHeaderMalformed: The
 * authorization header is malformed; the region 'us-east-1' is wrong; expecting
 * 'eu-west-1'` with `<Region>` in the body. Requests signed for `expected` go through.
 */
export function awsWrongRegion(expected = 'eu-west-1'): FaultRule {
  return {
    name: 'awsWrongRegion',
    when: (req) => signedRegion(req) !== undefined && signedRegion(req) !== expected,
    respond: (req) => ({
      status: 400,
      headers: { server: 'AmazonS3', ...(bucketOf(req) && { 'x-amz-bucket-region': expected }) },
      body: `${XML_HEAD}\n<Error><Code>AuthorizationHeaderMalformed</Code><Message>The authorization header is malformed; the region '${signedRegion(req)}' is wrong; expecting '${expected}'</Message><Region>${expected}</Region>${awsIds()}</Error>`,
    }),
  };
}

/**
 * AWS buckets with Object Ownership "bucket owner enforced" (the default since
 * April 2023; multer-s3#161, s3-sync-action#85): `400 AccessControlListNotSupported:
 * The bucket does not allow ACLs` for uploads with `x-amz-acl` and for `?acl` writes.
 */
export function awsAclNotSupported(): FaultRule {
  return {
    name: 'awsAclNotSupported',
    when: (req) => req.method === 'PUT' && (req.headers['x-amz-acl'] !== undefined || req.query.has('acl')),
    respond: {
      status: 400,
      headers: { server: 'AmazonS3' },
      body: `${XML_HEAD}\n<Error><Code>AccessControlListNotSupported</Code><Message>The bucket does not allow ACLs</Message>${awsIds()}</Error>`,
    },
  };
}

/**
 * AWS with Object Ownership "bucket owner enforced" (the default for new
 * buckets since April 2023): GetBucketOwnershipControls says so; ACL writes
 * get `AccessControlListNotSupported` (see awsAclNotSupported).
 */
export function awsOwnershipEnforced(): FaultRule {
  return {
    name: 'awsOwnershipEnforced',
    when: (req) => req.method === 'GET' && req.query.has('ownershipControls'),
    respond: {
      status: 200,
      headers: { server: 'AmazonS3', 'content-type': 'application/xml' },
      body: `${XML_HEAD}\n<OwnershipControls xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ObjectOwnership>BucketOwnerEnforced</ObjectOwnership></Rule></OwnershipControls>`,
    },
  };
}

/**
 * Cloudflare R2 (and MinIO, Garage) have no ACLs: every `?acl` request gets
 * `501 NotImplemented: GetObjectAcl not implemented`.
 */
export function r2AclNotImplemented(): FaultRule {
  return {
    name: 'r2AclNotImplemented',
    when: (req) => req.query.has('acl'),
    respond: (req) => ({
      status: 501,
      headers: { server: 'cloudflare' },
      body: `${XML_HEAD}<Error><Code>NotImplemented</Code><Message>${req.method === 'GET' ? 'GetObjectAcl' : 'PutObjectAcl'} not implemented</Message></Error>`,
    }),
  };
}

/**
 * A key scoped to buckets, asked to list all buckets (`GET /`): AWS's
 * `403 AccessDenied: Access Denied`. Requests naming a bucket go through.
 */
export function accessDeniedOnListBuckets(): FaultRule {
  return {
    name: 'accessDeniedOnListBuckets',
    when: (req) => req.method === 'GET' && req.path === '/',
    respond: {
      status: 403,
      headers: { server: 'AmazonS3' },
      body: `${XML_HEAD}\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message>${awsIds()}</Error>`,
    },
  };
}

function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : undefined;
}

/**
 * A server whose clock is `offsetSeconds` off this computer's, as AWS answers a
 * request dated more than 15 minutes from its own time (versitygw#1514,
 * aws-sdk-php#612): `403 RequestTimeTooSkewed` with RequestTime, ServerTime and
 * MaxAllowedSkewMilliseconds. Use with the proxy's `clockOffsetSeconds` set to
 * the same offset, so the Date headers agree with the server's time.
 */
export function awsRequestTimeTooSkewed(offsetSeconds: number): FaultRule {
  const serverNow = () => Date.now() + offsetSeconds * 1000;
  return {
    name: 'awsRequestTimeTooSkewed',
    when: (req) => {
      const sent = parseAmzDate(String(req.headers['x-amz-date'] ?? ''));
      return sent !== undefined && Math.abs(sent - serverNow()) > 15 * 60 * 1000;
    },
    respond: (req) => ({
      status: 403,
      headers: { server: 'AmazonS3' },
      body: `${XML_HEAD}\n<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><RequestTime>${String(req.headers['x-amz-date'])}</RequestTime><ServerTime>${new Date(serverNow()).toISOString().replace(/\.\d{3}Z$/, 'Z')}</ServerTime><MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds>${awsIds()}</Error>`,
    }),
  };
}

/**
 * AWS for a bucket that lives in another region than the endpoint's
 * (PROVIDERS.md pitfall 6): `301 PermanentRedirect` with the bucket's region in
 * the `x-amz-bucket-region` header. Requests that name no bucket go through.
 */
export function awsPermanentRedirect(bucketRegion = 'eu-west-1'): FaultRule {
  return {
    name: 'awsPermanentRedirect',
    when: (req) => bucketOf(req) !== undefined,
    respond: (req) => ({
      status: 301,
      headers: { server: 'AmazonS3', 'x-amz-bucket-region': bucketRegion },
      body: `${XML_HEAD}\n<Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.</Message><Endpoint>${bucketOf(req)}.s3.${bucketRegion}.amazonaws.com</Endpoint><Bucket>${bucketOf(req)}</Bucket>${awsIds()}</Error>`,
    }),
  };
}

/**
 * A bucket that lives in `bucketRegion`: AWS's 301 PermanentRedirect (naming the region) for every request
 * to a bucket signed for another region; requests signed for that region pass to the gateway.
 */
export function awsBucketInRegion(bucketRegion: string): FaultRule {
  const redirect = awsPermanentRedirect(bucketRegion) as CannedRule;
  const signedFor = (req: ProxiedRequest) => /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];
  return { ...redirect, name: 'awsBucketInRegion', when: (req) => redirect.when(req) && signedFor(req) !== bucketRegion };
}

const AWS_DEFAULT_ENCRYPTION = `${XML_HEAD}<ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>false</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`;

/**
 * AWS's bucket default encryption, replayed (Ceph 16 has none): `?encryption` GET answers what was last
 * PUT, PUT stores its body and answers 200, DELETE answers 204. `initial` 'sse-s3' is AWS since 2023
 * (every bucket encrypts with SSE-S3, and DELETE goes back to that); 'none' is a provider whose GET
 * answers 404 ServerSideEncryptionConfigurationNotFoundError until a rule is put.
 */
export function awsBucketEncryption(
  initial: 'sse-s3' | 'none' = 'sse-s3',
): CannedRule & { hits: () => number; stored: (bucket: string) => string | undefined } {
  const start = initial === 'sse-s3' ? AWS_DEFAULT_ENCRYPTION : undefined;
  const byBucket = new Map<string, string | undefined>();
  const bucketOf = (req: ProxiedRequest) => decodeURIComponent(req.path.split('/')[1] ?? '');
  let hits = 0;
  return {
    name: 'awsBucketEncryption',
    when: (req) => req.query.has('encryption'),
    respond: (req, body) => {
      hits += 1;
      const bucket = bucketOf(req);
      const current = byBucket.has(bucket) ? byBucket.get(bucket) : start;
      if (req.method === 'PUT') {
        byBucket.set(bucket, body.toString('utf8'));
        return { status: 200, headers: { server: 'AmazonS3' } };
      }
      if (req.method === 'DELETE') {
        byBucket.set(bucket, start);
        return { status: 204, headers: { server: 'AmazonS3' } };
      }
      if (current) return { status: 200, headers: { server: 'AmazonS3' }, body: current };
      return {
        status: 404,
        headers: { server: 'AmazonS3' },
        body: `${XML_HEAD}<Error><Code>ServerSideEncryptionConfigurationNotFoundError</Code><Message>The server side encryption configuration was not found</Message><BucketName>${bucket}</BucketName>${awsIds()}</Error>`,
      };
    },
    hits: () => hits,
    stored: (bucket) => (byBucket.has(bucket) ? byBucket.get(bucket) : start),
  };
}
