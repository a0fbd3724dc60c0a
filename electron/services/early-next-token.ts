import { buffer } from 'node:stream/consumers';
import type { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { DeserializeMiddleware } from '@smithy/types';

/**
 * Tells a listing page's continuation token as soon as the server's answer is
 * in, before the SDK parses it. Parsing a page of 1,000 entries costs about as
 * long as the server takes to list them (bench:scale on Ceph: the SDK's process
 * 23 ms of CPU a page, radosgw and its OSD 33 ms), so a listing that waits for
 * the parse before asking for the next page takes the sum of both a page; asked
 * for at once (`PageReadAhead`), the next page is listed while this one is
 * parsed. The raw answer is kept and handed on to the SDK's parser, whose token
 * stays the one that counts: the caller drops a next page asked for on a token
 * the parsed page does not hold.
 */
export function announceNextToken(command: ListObjectsV2Command, current: string | undefined, onNextToken: (token: string) => void): void {
  const early: DeserializeMiddleware<object, object> = (next) => async (args) => {
    const out = await next(args);
    const response = out.response as { statusCode?: number; body?: unknown };
    if (response.statusCode !== 200 || !isReadable(response.body)) return out;
    // Read as the SDK would (its idle timeout and the request's abort still end a body that stops); the SDK's parser takes the bytes as they are.
    const body = new Uint8Array(await buffer(response.body));
    response.body = body;
    const token = nextTokenIn(body);
    if (token !== undefined && token !== current) onNextToken(token);
    return out;
  };
  // After the deserializer: between it and the HTTP handler, where the answer is still bytes.
  command.middlewareStack.addRelativeTo(early as never, { relation: 'after', toMiddleware: 'deserializerMiddleware', name: 'pailEarlyNextToken' });
}

const isReadable = (body: unknown): body is NodeJS.ReadableStream =>
  typeof body === 'object' && body !== null && typeof (body as NodeJS.ReadableStream).pipe === 'function';

const TRUNCATED = Buffer.from('<IsTruncated>true</IsTruncated>');
const OPEN = Buffer.from('<NextContinuationToken>');
const CLOSE = Buffer.from('</NextContinuationToken>');
/** XML's five named entities; numeric references are decoded by code point. */
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The NextContinuationToken of a ListObjectsV2 answer (raw XML), when it says
 * it is truncated; undefined when it is not, or when the token is written in a
 * way this plain reading does not follow (CDATA, a comment, an unknown entity):
 * the parsed page then names the next page a little later. Keys cannot fake the
 * elements: in XML text a "<" is always escaped. Own code rather than an XML
 * parser: the point is not to parse the page twice.
 */
export function nextTokenIn(xml: Uint8Array): string | undefined {
  const bytes = Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength);
  if (bytes.indexOf(TRUNCATED) === -1) return undefined;
  const open = bytes.lastIndexOf(OPEN);
  if (open === -1) return undefined;
  const close = bytes.indexOf(CLOSE, open);
  if (close === -1) return undefined;
  const raw = bytes.toString('utf8', open + OPEN.length, close);
  if (raw.includes('<')) return undefined;
  let unknown = false;
  const token = raw.replace(/&([^;&]*);?/g, (whole: string, name: string) => {
    const code = /^#x([0-9a-f]+)$/i.exec(name)?.[1] ?? /^#(\d+)$/.exec(name)?.[1];
    if (whole.endsWith(';') && code !== undefined) {
      const point = name[1] === 'x' || name[1] === 'X' ? parseInt(code, 16) : Number(code);
      if (point <= 0x10ffff) return String.fromCodePoint(point);
    } else if (whole.endsWith(';') && Object.hasOwn(NAMED, name)) return NAMED[name];
    unknown = true;
    return whole;
  });
  return unknown || token === '' ? undefined : token;
}
