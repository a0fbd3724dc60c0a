import { createHash } from 'node:crypto';
import {
  GetObjectAclCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type GetObjectAclCommandOutput,
  type HeadObjectCommandOutput,
  type ServerSideEncryption,
  type StorageClass,
} from '@aws-sdk/client-s3';
import { PailError } from '../../shared/errors';
import type { ParsedRequestOf } from '../../shared/ipc/contract';
import { EDITABLE_TEXT_MAX_BYTES, editConflict, editConflictInWords, type OpenedText } from '../../shared/text-edit';
import { formatSize } from '../../shared/sizes';
import { keptGrantsOf, putBackRest } from './grant-headers';
import type { S3ClientProvider } from './s3-client-factory';
import { isNotFound, toPailError } from './s3-errors';

/** Read as UTF-8 or refused: a replacement character would be saved back over the real bytes. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Text objects edited in place: opened whole (up to 2 MiB, UTF-8 only) with their ETag, and saved back
 * only when the object still has that ETag (shared/text-edit.ts), keeping its headers, metadata,
 * storage class, encryption and grants.
 */
export class TextEditService {
  constructor(private readonly clients: S3ClientProvider) {}

  async open({ profileId, bucket, key }: ParsedRequestOf<'edit:openText'>, { signal }: { signal?: AbortSignal } = {}): Promise<OpenedText> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
      const size = head.ContentLength ?? 0;
      if (size > EDITABLE_TEXT_MAX_BYTES)
        throw new PailError({
          code: 'InvalidRequest',
          message: `${key} is ${formatSize(size)}: the editor opens text objects up to ${formatSize(EDITABLE_TEXT_MAX_BYTES)}.`,
          hint: 'Download it and edit it with an application of your own, then upload it again.',
        });
      // The version HEAD described, so the ETag kept is the one of the bytes read.
      const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, IfMatch: head.ETag }), { abortSignal: signal });
      const bytes = await out.Body!.transformToByteArray();
      let text: string;
      try {
        text = utf8.decode(bytes);
      } catch {
        throw notText(key, 'its bytes are not UTF-8 text');
      }
      if (text.includes('\0')) throw notText(key, 'it holds NUL bytes (a binary file)');
      return { text, etag: out.ETag ?? head.ETag ?? '', contentType: out.ContentType ?? 'text/plain', size: bytes.length };
    } catch (error) {
      throw toPailError(error, `opening ${key} to edit`, profile.endpoint);
    }
  }

  /**
   * Saves the text over the object if it is still the one opened (`etag`); without `etag` (the user chose to
   * overwrite a conflicting change) it is saved whatever the server holds. Answers the new ETag.
   */
  async save({ profileId, bucket, key, text, etag }: ParsedRequestOf<'edit:saveText'>): Promise<{ etag: string }> {
    return this.saveBody({ profileId, bucket, key }, Buffer.from(text, 'utf8'), etag);
  }

  /**
   * Saves bytes over an object by the same rule (the desktop's "Open" watcher saves a file's bytes this
   * way): only over the version opened, keeping what the object had; answers the new ETag. The object
   * holding these very bytes, or those of an earlier save of the caller's whose answer never came
   * (`unconfirmed`: the ETags {@link bodyEtag} gave them), is no conflict: that change is the caller's own.
   */
  async saveBody(
    { profileId, bucket, key }: { profileId: string; bucket: string; key: string },
    body: Buffer,
    etag: string | undefined,
    { unconfirmed = [] }: { unconfirmed?: readonly string[] } = {},
  ): Promise<{ etag: string }> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    const md5 = createHash('md5').update(body).digest();
    let head: HeadObjectCommandOutput | undefined;
    try {
      head = await client
        .send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
        .catch((error: unknown) => (isNotFound(error) ? undefined : Promise.reject(error)));
    } catch (error) {
      throw toPailError(error, `checking ${key} before saving`, profile.endpoint);
    }
    const conflict = editConflict(etag, head ? head.ETag : null, [md5.toString('hex'), ...unconfirmed]);
    if (conflict)
      throw new PailError({
        code: 'EditConflict',
        message: editConflictInWords(conflict, key),
        hint: 'Copy your text, reopen the object to see the other change; or save yours over it.',
      });
    try {
      let acl: GetObjectAclCommandOutput | undefined;
      if (head && profile.aclSupport !== 'no') acl = await client.send(new GetObjectAclCommand({ Bucket: bucket, Key: key })).catch(() => undefined);
      // The grants go with the write: a second request whose turn never came (the write's answer lost) would leave the object private.
      const grants = keptGrantsOf(acl);
      const out = await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentLength: body.length,
          ContentMD5: md5.toString('base64'),
          ContentType: head?.ContentType ?? 'text/plain; charset=utf-8',
          ...(head?.CacheControl && { CacheControl: head.CacheControl }),
          ...(head?.ContentDisposition && { ContentDisposition: head.ContentDisposition }),
          ...(head?.ContentLanguage && { ContentLanguage: head.ContentLanguage }),
          ...(head?.Metadata && Object.keys(head.Metadata).length > 0 && { Metadata: head.Metadata }),
          ...(head?.StorageClass && head.StorageClass !== 'STANDARD' && { StorageClass: head.StorageClass as StorageClass }),
          ...(head?.ServerSideEncryption && { ServerSideEncryption: head.ServerSideEncryption as ServerSideEncryption }),
          ...(head?.SSEKMSKeyId && { SSEKMSKeyId: head.SSEKMSKeyId }),
          ...grants.headers,
        }),
      );
      await putBackRest(client, bucket, key, grants);
      return { etag: out.ETag ?? '' };
    } catch (error) {
      const failed = toPailError(error, `saving ${key}`, profile.endpoint);
      // Kept by the caller (the page's editor, the file of an application): said, so nobody closes it thinking it is gone.
      throw new PailError({ ...failed.toInfo(), hint: `${failed.hint} Your edits are kept: save again to retry.` }, { cause: error });
    }
  }
}

/** The ETag a single PUT of `body` gives an object (its MD5 in hex): what a save whose answer never came may have left. */
export function bodyEtag(body: Buffer): string {
  return createHash('md5').update(body).digest('hex');
}

function notText(key: string, why: string): PailError {
  return new PailError({
    code: 'InvalidRequest',
    message: `${key} cannot be edited as text: ${why}.`,
    hint: 'Download it and open it with an application that reads it.',
  });
}
