import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Cancellable } from '../../shared/async';
import { PailError } from '../../shared/errors';
import type { ParsedRequestOf } from '../../shared/ipc/contract';
import { formatSize } from '../../shared/sizes';
import { publicUrlBaseOf, type Profile } from '../../shared/profile';
import { defaultUrlStyle, publicUrl, urlStylesFor, virtualStyleProblem } from '../../shared/public-url';
import type { LinkCheck, PresignAnswer, PresignRequest, PublicUrlsAnswer, PublicUrlsRequest } from '../../shared/sharing';
import type { CachedS3ClientProvider } from './s3-client-factory';
import { parseS3ErrorBody, toPailError } from './s3-errors';
import { refusedCertificateOf, untrustedCertificateError } from './net/certificate-trust';
import { DEFAULT_NETWORK, networkPolicyOf, withProxy, type NetworkPolicy } from './net/network-policy';
import { deadlineFetch, type TimedResponse } from './deadline-fetch';

/** How long a link check waits for an answer. */
/** A link check is a glance: a server silent for 15 s counts as unreachable. */
const CHECK_DEADLINES = { connectMs: 10_000, firstByteMs: 15_000, stallMs: 15_000 };

/** A single-quoted shell word: the URL and the Content-Type go into the curl command as they are. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The headers a presigned upload must send as they were signed (name, value), in the order curl gets them. */
export function putHeaders(request: Pick<PresignRequest, 'contentType' | 'acl'>): [string, string][] {
  return [
    ...(request.contentType ? [['Content-Type', request.contentType] as [string, string]] : []),
    ...(request.acl ? [['x-amz-acl', request.acl] as [string, string]] : []),
  ];
}

/** The headers to sign into a PUT link (lower case), or undefined when it signs none but the host. */
function signedPutHeaders(request: Pick<PresignRequest, 'contentType' | 'acl'>): Set<string> | undefined {
  const names = putHeaders(request).map(([name]) => name.toLowerCase());
  return names.length > 0 ? new Set(names) : undefined;
}

/** `attachment; filename=…` that survives any name (RFC 6266: an ASCII fallback and the UTF-8 form). */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** When a SigV4 presigned URL stops working (X-Amz-Date + X-Amz-Expires), if it is one. */
export function presignedExpiry(url: URL): Date | undefined {
  const date = url.searchParams.get('X-Amz-Date');
  const expires = Number(url.searchParams.get('X-Amz-Expires'));
  const match = date && /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  if (!match || !Number.isFinite(expires)) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s) + expires * 1000);
}

/**
 * Links to objects: public URLs in the style the bucket allows, presigned GET
 * and PUT links (for the endpoint or, signed for that host, a custom domain),
 * and a check that requests a link and says in words what it found.
 */
export class LinkService {
  constructor(
    private readonly clients: CachedS3ClientProvider,
    private readonly now: () => number = Date.now,
  ) {}

  /** The public URL of each key. */
  async publicUrls(request: PublicUrlsRequest): Promise<PublicUrlsAnswer> {
    const { profile } = await this.clients.clientFor(request.profileId, request.bucket);
    const styles = urlStylesFor(profile, request.bucket);
    const style = request.style ?? defaultUrlStyle(profile, request.bucket);
    if (!styles.includes(style)) {
      const why =
        style === 'custom'
          ? `Bucket ${request.bucket} has no public URL base (custom domain) in this profile.`
          : (virtualStyleProblem(profile.endpoint, request.bucket) ?? `Bucket ${request.bucket} cannot have ${style} URLs.`);
      throw new PailError({
        code: 'InvalidRequest',
        message: why,
        hint: style === 'custom' ? 'Add one in the profile’s bucket settings.' : 'Use a path-style URL.',
      });
    }
    return { urls: request.keys.map((key) => publicUrl(profile, request.bucket, key, style)), style, styles };
  }

  /** Presigned GET or PUT links, valid for the time asked (at most 7 days). */
  async presign(request: PresignRequest): Promise<PresignAnswer> {
    const notes: string[] = [];
    let { client, profile } = await this.clients.clientFor(request.profileId, request.bucket);
    let bucket = request.bucket;
    if (request.viaCustomDomain) {
      const base = publicUrlBaseOf(profile, request.bucket);
      if (!base)
        throw new PailError({
          code: 'InvalidRequest',
          message: `Bucket ${request.bucket} has no custom domain in this profile.`,
          hint: 'Add its public URL base in the profile’s bucket settings.',
        });
      ({ client, profile } = await this.clients.customDomainClient(request.profileId));
      bucket = base.replace(/\/+$/, '');
      notes.push(
        `Signed for ${new URL(base).host}: it works only where the server maps that host to bucket ${request.bucket} (AWS: a bucket named like the domain; Ceph: rgw_dns_name or CNAME resolution). Anywhere else it fails with SignatureDoesNotMatch — a CDN in front must pass the Host and query string through unchanged.`,
      );
    }
    const expiresIn = this.expiryWithin(profile, request.expiresInSeconds, notes);
    const urls: string[] = [];
    try {
      for (const key of request.keys) {
        const command =
          request.method === 'PUT'
            ? new PutObjectCommand({
                Bucket: bucket,
                Key: key,
                ...(request.contentType && { ContentType: request.contentType }),
                ...(request.acl && { ACL: request.acl }),
              })
            : new GetObjectCommand({
                Bucket: bucket,
                Key: key,
                ...(request.downloadName && { ResponseContentDisposition: attachmentDisposition(request.downloadName) }),
                ...(request.contentType && { ResponseContentType: request.contentType }),
              });
        // A PUT link's Content-Type and ACL are signed: an upload with another type, or without the ACL, is refused.
        const signableHeaders = request.method === 'PUT' ? signedPutHeaders(request) : undefined;
        // x-amz-* headers go into the query string unless kept as headers: a query ACL would let any upload through.
        const unhoistableHeaders = request.method === 'PUT' && request.acl ? new Set(['x-amz-acl']) : undefined;
        urls.push(
          await getSignedUrl(client, command, { expiresIn, ...(signableHeaders && { signableHeaders }), ...(unhoistableHeaders && { unhoistableHeaders }) }),
        );
      }
    } catch (error) {
      throw toPailError(error, 'signing a link', profile.endpoint);
    }
    const expiresAt = new Date(this.now() + expiresIn * 1000).toISOString();
    if (request.method === 'PUT') {
      const headers = putHeaders(request)
        .map(([name, value]) => ` -H ${shellQuote(`${name}: ${value}`)}`)
        .join('');
      const curl = urls.map((url, i) => `curl -X PUT -T ${shellQuote(request.keys[i].split('/').pop() || 'file')}${headers} ${shellQuote(url)}`);
      if (request.contentType)
        notes.push(`The upload must send Content-Type: ${request.contentType}; any other type is refused (it is part of the signature).`);
      if (request.acl)
        notes.push(
          `The upload must send x-amz-acl: ${request.acl}; without it, or with another ACL, it is refused (it is part of the signature). The object lands ${request.acl === 'public-read' ? 'public' : 'private'}.`,
        );
      return { urls, expiresAt, curl, notes };
    }
    return { urls, expiresAt, notes };
  }

  /**
   * The link's lifetime: as asked, but no later than temporary credentials
   * expire (a link signed with them dies with them), said in a note.
   */
  private expiryWithin(profile: Profile, asked: number, notes: string[]): number {
    if (!profile.credentialsExpireAt) return asked;
    const left = Math.floor((Date.parse(profile.credentialsExpireAt) - this.now()) / 1000);
    if (left <= 0) {
      throw new PailError({
        code: 'ExpiredToken',
        message: `The temporary credentials of profile "${profile.name}" expired at ${profile.credentialsExpireAt}.`,
        hint: 'Get new ones (aws sso login, aws sts …, or the provider console) and paste them into the profile.',
      });
    }
    if (left >= asked) return asked;
    notes.push(
      `Shortened to end when the profile's temporary credentials expire (${profile.credentialsExpireAt}): a link signed with them stops working then.`,
    );
    return left;
  }

  /**
   * How to reach a link made with a profile: with the profile's network policy. Its CA bundle adds
   * authorities, so it may apply to any host (the endpoint under another name, a custom domain);
   * what holds for one host only is bound to the endpoint's host inside the policy. The profile's
   * proxy setting applies too, as its requests go.
   */
  private async networkFor(profileId: string): Promise<NetworkPolicy> {
    const { profile, proxy } = await this.clients.clientFor(profileId);
    return withProxy(networkPolicyOf(profile), proxy);
  }

  /**
   * Requests a link (a 1-byte ranged GET: a presigned GET link is signed for
   * GET, so HEAD would not do) and says what it found, with the likely cause.
   */
  async check({ url, profileId }: ParsedRequestOf<'links:check'>, { signal }: Cancellable = {}): Promise<LinkCheck> {
    const parsed = new URL(url);
    const network = profileId ? await this.networkFor(profileId) : DEFAULT_NETWORK;
    const expiry = presignedExpiry(parsed);
    let response: TimedResponse;
    let body = '';
    try {
      response = await deadlineFetch(parsed.href, {
        headers: { Range: 'bytes=0-0' },
        redirect: 'follow',
        ...(signal && { signal }),
        deadlines: CHECK_DEADLINES,
        network,
      });
      if (response.ok) await response.body?.cancel();
      else body = await new Response(response.body).text();
    } catch (error) {
      if (signal?.aborted) throw error;
      const refused = refusedCertificateOf(error);
      if (refused) {
        // Explained like any request's: what is wrong with the certificate, its fingerprint, and the fix.
        const words = untrustedCertificateError(refused);
        return { verdict: 'unreachable', message: `${words.message} Its SHA-256 fingerprint is ${refused.sha256}.`, hint: words.hint };
      }
      const cause = error instanceof PailError ? error.message : ((error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message);
      return {
        verdict: 'unreachable',
        message: `Could not reach ${parsed.host}: ${cause.replace(/\.$/, '')}.`,
        hint: 'Check the host name and that the server is up and reachable from here.',
      };
    }
    const status = response.status;
    const contentType = response.headers.get('content-type') ?? undefined;
    const range = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '');
    const size = range ? Number(range[1]) : response.headers.get('content-length') ? Number(response.headers.get('content-length')) : undefined;
    const { code } = parseS3ErrorBody(body);
    const facts = { status, ...(contentType && { contentType }), ...(size !== undefined && { size }) };

    if (response.ok) {
      const what = [String(status), contentType, size !== undefined ? formatSize(size) : undefined].filter(Boolean).join(', ');
      return { verdict: 'works', ...facts, ...(expiry && { expiresAt: expiry.toISOString() }), message: `Works: ${what}.`, hint: '' };
    }
    if (expiry && expiry.getTime() <= this.now()) {
      return {
        verdict: 'expired',
        ...facts,
        message: `Expired at ${expiry.toISOString()} (HTTP ${status}${code ? ` ${code}` : ''}).`,
        hint: 'Make a new link with a longer expiry.',
      };
    }
    if (code === 'SignatureDoesNotMatch') {
      return {
        verdict: 'signature-mismatch',
        ...facts,
        message: `The server refused the signature (HTTP ${status} SignatureDoesNotMatch).`,
        hint: 'The link was signed for another host or was changed on the way: a custom domain the server does not map to the bucket, a proxy or CDN that rewrites the host or query, or an edited URL. Sign it for the host it is used at.',
      };
    }
    if (code === 'AccessDenied' && /expired/i.test(body)) {
      return {
        verdict: 'expired',
        ...facts,
        message: `The server says the link has expired (HTTP ${status}).`,
        hint: 'Make a new link with a longer expiry; check this computer’s clock too.',
      };
    }
    if (status === 403 || status === 401) {
      return {
        verdict: 'denied',
        ...facts,
        message: `Access denied (HTTP ${status}${code ? ` ${code}` : ''}).`,
        hint: expiry
          ? 'The keys that signed it may not read this object, or they were revoked.'
          : 'The object is private: make it public, or share a presigned link.',
      };
    }
    if (status === 404) {
      return {
        verdict: 'not-found',
        ...facts,
        message: `Not found (HTTP 404${code ? ` ${code}` : ''}).`,
        hint:
          code === 'NoSuchBucket'
            ? 'The bucket in the link does not exist at that host: check the URL style and host.'
            : 'The object was deleted or renamed, or the key in the link is encoded wrongly.',
      };
    }
    return {
      verdict: 'other',
      ...facts,
      message: `The server answered HTTP ${status}${code ? ` ${code}` : ''}.`,
      hint: 'Open the link in a browser to see the full answer.',
    };
  }
}
