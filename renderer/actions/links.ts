import { LatestOnly } from '../../shared/async';
import { failed, loading, ready } from '../../shared/loadable';
import type { UrlStyle } from '../../shared/sharing';
import { api } from '../api';
import { expirySeconds } from '../links/link-expiry';
import { resetLinksStore, useLinksStore, type LinkOutput, type LinkTab, type LinkTarget } from '../stores/links';

/** The link dialog's work: public URLs, presigned links, "Check link" and Copy. */

// Every open (and close) of the dialog makes the answers for the one before stale.
const latest = new LatestOnly();

/** Opens the dialog afresh for these objects on the public URL tab, and loads their public URLs. */
export function openLinks(target: LinkTarget): void {
  latest.invalidate();
  useLinksStore.getState().start(target);
  void loadPublicUrls();
}

/** Forgets the dialog and drops the answers still on their way (it closed). */
export function closeLinks(): void {
  latest.invalidate();
  resetLinksStore();
}

/** Loads the public URLs in a style (the profile's default when none). */
export async function loadPublicUrls(style?: UrlStyle): Promise<void> {
  const links = useLinksStore.getState();
  const { target } = links;
  if (!target) return;
  const isCurrent = latest.current();
  links.publicUrlsLoading(style);
  const result = await api.s3.publicUrls({ ...target, ...(style && { style }) });
  // A style asked for after this one wins.
  if (!isCurrent() || useLinksStore.getState().publicStyle !== style) return;
  links.publicUrlsAnswered(result);
}

/** Signs the links of the GET or PUT form (a custom expiry it cannot read shows as a problem instead). */
export async function presign(method: 'GET' | 'PUT'): Promise<void> {
  const links = useLinksStore.getState();
  const { target, forms } = links;
  if (!target) return;
  const form = forms[method];
  const expiry = expirySeconds(form);
  if (!expiry.ok) {
    links.setExpiryProblem(method, expiry.problem);
    return;
  }
  const isCurrent = latest.current();
  links.signing(method);
  const downloadName = method === 'GET' ? form.downloadName.trim() : '';
  const contentType = form.contentType.trim();
  const result = await api.s3.presign({
    ...target,
    method,
    expiresInSeconds: expiry.seconds,
    ...(downloadName && { downloadName }),
    ...(contentType && { contentType }),
    viaCustomDomain: form.viaCustomDomain,
  });
  if (isCurrent()) links.setSigned(method, result.ok ? ready(result.data) : failed(result.error));
}

/** Asks the main process what a link does. */
export async function checkLink(tab: LinkTab, url: string): Promise<void> {
  const links = useLinksStore.getState();
  const isCurrent = latest.current();
  links.setCheck(tab, { url, answer: loading });
  const result = await api.links.check({ url });
  // A check of another link on this tab (or a changed form) came after this one.
  if (!isCurrent() || useLinksStore.getState().checks[tab]?.url !== url) return;
  links.setCheck(tab, { url, answer: result.ok ? ready(result.data) : failed(result.error) });
}

/** Puts text on the clipboard and says so. */
export async function copyLink(output: LinkOutput, text: string): Promise<void> {
  let ok = true;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    ok = false;
  }
  useLinksStore.getState().setCopied({ output, ok });
}
