// Signing S3 requests for the direct path with @smithy/signature-v4: the URL per the profile's
// addressing (path style or virtual host), the headers with the signature, at the SDK client's
// corrected time, hashed with Node's crypto.
import { createHash, createHmac, type BinaryLike } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Checksum, SourceData } from '@smithy/types';
import { encodeKeyPath, encodeRfc3986 } from '../../../../shared/public-url';
import type { SignedTarget } from './fetch-protocol';

/** What signing needs: the profile's endpoint, region, addressing and keys, and the clock correction to sign with. */
export interface SignerSettings {
  endpoint: string;
  signingRegion: string;
  pathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** The SDK client's clock correction (ms), shared so both sign with the same time. */
  clock: { systemClockOffset: number };
  userAgent: string;
}

/** Node's crypto as the signer's hash (what @smithy/hash-node did before the SDK folded it in). */
class NodeSha256 implements Checksum {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBinary(secret));
  }
  update(data: SourceData): void {
    this.hash.update(toBinary(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
  reset(): void {
    throw new Error('not used by the signer');
  }
}

/** Data the signer hashes, as Node's crypto takes it. */
function toBinary(data: SourceData): BinaryLike {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** Signs requests for keys of one profile's endpoint, as the SDK would (same addressing, same clock correction). */
export class DirectSigner {
  private readonly endpoint: URL;
  private readonly signer: SignatureV4;

  constructor(private readonly settings: SignerSettings) {
    this.endpoint = new URL(settings.endpoint);
    this.signer = new SignatureV4({
      service: 's3',
      region: settings.signingRegion,
      credentials: {
        accessKeyId: settings.accessKeyId,
        secretAccessKey: settings.secretAccessKey,
        ...(settings.sessionToken && { sessionToken: settings.sessionToken }),
      },
      sha256: NodeSha256,
      // S3 signs the path as sent (already RFC 3986-encoded), not encoded twice.
      uriEscapePath: false,
    });
  }

  /** Signs a request for a key: the URL per the profile's addressing, the headers with the signature. */
  async sign(method: 'GET' | 'PUT', bucket: string, key: string, query: Record<string, string>, headers: Record<string, string>): Promise<SignedTarget> {
    const { endpoint, settings } = this;
    const basePath = endpoint.pathname.replace(/\/+$/, '');
    const hostname = settings.pathStyle ? endpoint.hostname : `${bucket}.${endpoint.hostname}`;
    const path = settings.pathStyle ? `${basePath}/${bucket}/${encodeKeyPath(key)}` : `${basePath}/${encodeKeyPath(key)}`;
    const port = endpoint.port ? Number(endpoint.port) : undefined;
    const signed = await this.signer.sign(
      {
        method,
        protocol: endpoint.protocol,
        hostname,
        ...(port && { port }),
        path,
        query,
        headers: { host: endpoint.port ? `${hostname}:${endpoint.port}` : hostname, ...headers },
      },
      { signingDate: new Date(Date.now() + settings.clock.systemClockOffset) },
    );
    const search = Object.keys(query)
      .sort()
      .map((name) => `${encodeRfc3986(name)}=${encodeRfc3986(query[name])}`)
      .join('&');
    return {
      protocol: endpoint.protocol,
      hostname,
      ...(port && { port }),
      path: search ? `${path}?${search}` : path,
      headers: { ...(signed.headers as Record<string, string>), 'user-agent': settings.userAgent },
    };
  }
}
