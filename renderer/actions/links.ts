import { LatestOnly, RunOnceScheduler } from '../../shared/async';
import { failed, loading, ready } from '../../shared/loadable';
import type { UrlStyle } from '../../shared/sharing';
import { api } from '../api';
import { expirySeconds } from '../links/link-expiry';
import { firstLinkTab } from '../links/link-tab';
import { bucketId, useAccessStore } from '../stores/access';
import { resetLinksStore, useLinksStore, type LinkOutput, type LinkTab, type LinkTarget, type PresignFormValues } from '../stores/links';

/** The link dialog's work: public URLs, presigned links, "Check link" and Copy. */

// Every open (and close) of the dialog makes the answers for the one before stale.
const latest = new LatestOnly();
// Per form: a change makes the links signed from the values before it stale.
const signs = { GET: new LatestOnly(), PUT: new LatestOnly() };
// Typing in the form changes it many times a second: sign again once it rests.
const SIGN_DELAY_MS = 400;
const resign = {
  GET: new RunOnceScheduler(() => void presign('GET'), SIGN_DELAY_MS),
  PUT: new RunOnceScheduler(() => void presign('PUT'), SIGN_DELAY_MS),
};

function stopSigning(): void {
  for (const method of ['GET', 'PUT'] as const) {
    resign[method].cancel();
    signs[method].invalidate();
  }
}

/**
 * Opens the dialog afresh for these objects, on the tab their access calls for
 * (signed for a private object), loads their public URLs, and signs the link
 * at once when it opens on a signed tab.
 */
export function openLinks(target: LinkTarget): void {
  latest.invalidate();
  stopSigning();
  const states = useAccessStore.getState().buckets[bucketId(target.profileId, target.bucket)]?.states ?? {};
  const tab = firstLinkTab(target.keys.map((key) => states[key]));
  useLinksStore.getState().start(target, tab);
  void loadPublicUrls();
  if (tab !== 'public') void presign(tab);
}

/** Forgets the dialog and drops the answers still on their way (it closed). */
export function closeLinks(): void {
  latest.invalidate();
  stopSigning();
  resetLinksStore();
}

/** Shows a tab; a signed tab shows its link at once (signed now unless it already is). */
export function showLinkTab(tab: LinkTab): void {
  const links = useLinksStore.getState();
  links.setTab(tab);
  if (tab !== 'public' && links.signed[tab].status === 'idle' && !links.expiryProblem[tab] && !resign[tab].isScheduled()) void presign(tab);
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

/**
 * Changes the GET or PUT form: the links shown go, and new ones are signed once
 * the form rests; an expiry out of bounds shows its problem instead, and nothing is asked.
 */
export function changeLinkForm(method: 'GET' | 'PUT', patch: Partial<PresignFormValues>): void {
  const links = useLinksStore.getState();
  links.changeForm(method, patch);
  signs[method].invalidate();
  resign[method].cancel();
  const expiry = expirySeconds(useLinksStore.getState().forms[method]);
  if (!expiry.ok) {
    links.setExpiryProblem(method, expiry.problem);
    return;
  }
  links.signing(method);
  resign[method].schedule();
}

/** Signs the GET or PUT form's links now (Enter in the form), without waiting for it to rest. */
export function signNow(method: 'GET' | 'PUT'): void {
  if (resign[method].isScheduled()) resign[method].flush();
  else if (useLinksStore.getState().signed[method].status !== 'loading') void presign(method);
}

/** Signs the links of the GET or PUT form (an expiry out of bounds shows as a problem instead). */
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
  const isOpen = latest.current();
  const isLatest = signs[method].begin();
  links.signing(method);
  const downloadName = method === 'GET' ? form.downloadName.trim() : '';
  const contentType = form.contentType.trim();
  const acl = method === 'PUT' ? form.acl : '';
  const result = await api.s3.presign({
    ...target,
    method,
    expiresInSeconds: expiry.seconds,
    ...(downloadName && { downloadName }),
    ...(contentType && { contentType }),
    ...(acl && { acl }),
    viaCustomDomain: form.viaCustomDomain,
  });
  if (isOpen() && isLatest()) links.setSigned(method, result.ok ? ready(result.data) : failed(result.error));
}

/** Asks the main process what a link does. */
export async function checkLink(tab: LinkTab, url: string): Promise<void> {
  const links = useLinksStore.getState();
  const isCurrent = latest.current();
  links.setCheck(tab, { url, answer: loading });
  // The profile the link was made with: a link to its endpoint trusts the profile's CA bundle.
  const profileId = links.target?.profileId;
  const result = await api.links.check({ url, ...(profileId && { profileId }) });
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
