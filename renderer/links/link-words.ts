import { formatCount } from '../../shared/counts';
import type { LinkVerdict, UrlStyle } from '../../shared/sharing';

/** How the link dialog names URL styles and the verdicts of "Check link". */

/** Each public URL style as the dialog offers it. */
export const URL_STYLE_LABELS: Record<UrlStyle, string> = {
  path: 'Path style',
  virtual: 'Virtual host',
  custom: 'Custom domain',
};

/** An example of each style, under its label. */
export const URL_STYLE_EXAMPLES: Record<UrlStyle, string> = {
  path: 'https://endpoint/bucket/key',
  virtual: 'https://bucket.endpoint/key',
  custom: 'the bucket’s public URL base + key',
};

/** The heading of a verdict. */
export const VERDICT_TITLES: Record<LinkVerdict, string> = {
  works: 'The link works',
  expired: 'The link has expired',
  'signature-mismatch': 'The signature does not match',
  denied: 'Access denied',
  'not-found': 'Not found',
  unreachable: 'The server could not be reached',
  other: 'Unexpected answer',
};

/** Whether a verdict is good news (styles the result). */
export const verdictTone = (verdict: LinkVerdict): 'good' | 'bad' => (verdict === 'works' ? 'good' : 'bad');

/** What "Copy" puts on the clipboard: the links exactly as shown, one per line. */
export const clipboardText = (urls: readonly string[]): string => urls.join('\n');

/** The notice for objects known not to be public: one object ("its URL"), all of several, or some of them. */
export function notPublicNotice(notPublic: number, count: number): string {
  if (count === 1) return 'This object is not public: its URL answers 403 (Access Denied) until it is made public.';
  const which =
    notPublic === count
      ? 'These objects are not public'
      : `${formatCount(notPublic)} of these ${formatCount(count)} objects ${notPublic === 1 ? 'is' : 'are'} not public`;
  const their =
    notPublic === 1 ? 'its URL answers 403 (Access Denied) until it is made public' : 'their URLs answer 403 (Access Denied) until they are made public';
  return `${which}: ${their}.`;
}
