import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { PailError } from '../../../../shared/errors';
import { deadlineFetch } from '../../deadline-fetch';
import { refusedCertificateOf, untrustedCertificateError } from '../../net/certificate-trust';
import type { NetworkPolicy } from '../../net/network-policy';
import { uploadStream } from './stream-upload';
import type { ClientHandle, TaskContext, TaskOutcome, TransferTask } from '../engine/task-types';
import { transferError } from '../engine/transfer-errors';
import { objectHeadersOf, type BatchOptions, type UploadDefaults } from './object-headers';
import { applyConflictPolicy, confirmEncryption, type UploadTarget } from './upload-common';
import { contentTypeOf } from './upload-task';

/** What an import needs. */
export interface ImportDeps {
  profileId: string;
  bucket: string;
  prefix: string;
  url: string;
  /** The object's name; by default from the answer. */
  name?: string;
  client: () => Promise<{ handle: ClientHandle; defaults: UploadDefaults }>;
  /** The object's headers, over the defaults; `contentType` over the source's. */
  options: BatchOptions;
  /**
   * How to reach the URL: the destination profile's network policy. Its CA
   * bundle adds trust for any host; its pins and "don't verify" apply to its
   * own endpoint's host only (the policy scopes them), never to other sites.
   */
  network?: () => Promise<NetworkPolicy>;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'its server';
  }
}

/** The file name a download answer suggests: Content-Disposition's, else the URL path's last segment. */
export function suggestedName(url: string, disposition: string | null): string {
  const star = disposition && /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  const plain = disposition && /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  let name = '';
  try {
    name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? '');
  } catch {
    name = '';
  }
  // A name, not a path: servers do send "../x" and "a/b".
  name = name.replace(/[/\\]/g, '_').replace(/^\.+$/, '').trim();
  return name || 'download';
}

/**
 * Streams an http(s) URL straight into an object, with no temp file: a single
 * PUT with the source's Content-Length when it gave one (the MD5 computed on
 * the way is compared with the ETag), a multipart upload of the stream when
 * it did not (or when it is above 5 GiB). The source's Content-Type is kept.
 */
export class ImportTask implements TransferTask {
  constructor(private readonly deps: ImportDeps) {}

  async run(ctx: TaskContext): Promise<TaskOutcome> {
    const { deps } = this;
    const network = await deps.network?.();
    const response = await ctx
      .request(async () => {
        const answer = await deadlineFetch(deps.url, {
          signal: ctx.signal,
          redirect: 'follow',
          headers: { 'accept-encoding': 'identity' },
          deadlines: ctx.tuning.importDeadlines,
          ...(network && { network }),
        });
        if (answer.status >= 500 || answer.status === 429) throw Object.assign(new Error(`HTTP ${answer.status}`), { status: answer.status });
        return answer;
      })
      .catch((error: unknown) => {
        // A deadline that fired is not retried (each try would wait as long again) and says so itself.
        if (ctx.signal.aborted || error instanceof PailError) throw error;
        const refused = refusedCertificateOf(error);
        if (refused) throw untrustedCertificateError(refused, `importing ${deps.url}`);
        const status = (error as { status?: number }).status;
        const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
        throw transferError(
          'SourceUnavailable',
          status ? `${deps.url} answered HTTP ${status}, again after retries.` : `Could not read ${deps.url}: ${cause}.`,
          status
            ? 'The server is overloaded or failing: try again later.'
            : `Check the URL and that ${hostOf(deps.url)} is up and reachable from this computer. Nothing was written to the bucket.`,
          error,
        );
      });
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw transferError(
        'SourceUnavailable',
        `${deps.url} answered HTTP ${response.status}.`,
        'Check the URL in a browser; it may need a login or have expired.',
      );
    }
    const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
    const lengthHeader = response.headers.get('content-length');
    const length = lengthHeader !== null && !encoded && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
    const limit = ctx.tuning.importMaxBytes;
    if (length !== undefined && length > limit) {
      await response.body.cancel();
      throw transferError('TooLarge', `${deps.url} is ${length} bytes, more than the import limit (${limit}).`, 'Download it and upload the file instead.');
    }
    if (length !== undefined) ctx.setTotal(length);

    const name = deps.name ?? suggestedName(response.url || deps.url, response.headers.get('content-disposition'));
    const { handle, defaults } = await deps.client();
    const type = response.headers.get('content-type');
    const detected = type && /^[\w.+-]+\/[\w.+-]+/.test(type) ? type : contentTypeOf(name);
    const target: UploadTarget = {
      handle,
      profileId: deps.profileId,
      bucket: deps.bucket,
      key: deps.prefix + name,
      ...objectHeadersOf(deps.options, defaults, name, detected),
    };
    ctx.setKey(target.key);
    const decided = await applyConflictPolicy(ctx, target);
    if (decided) {
      await response.body.cancel();
      return decided;
    }
    const stream = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    await uploadStream(
      ctx,
      target,
      { stream, from: hostOf(response.url || deps.url), retryHint: 'Retry the import; if it keeps failing, download the file and upload it instead.' },
      length,
      limit,
    );
    await confirmEncryption(ctx, target);
    return { state: 'done' };
  }

  async discard(): Promise<void> {
    // Nothing outlives a run: a failed or cancelled import aborts its own multipart upload.
  }
}
