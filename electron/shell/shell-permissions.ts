import { isAppUrl } from './window-policy';

/**
 * The one web permission Pail's page may use: writing text to the clipboard
 * (`navigator.clipboard.writeText`, for Copy link and Copy key). Chromium calls
 * it `clipboard-sanitized-write` (electron/electron#37158); there is no
 * `clipboard-write` in Electron.
 */
export const CLIPBOARD_WRITE_PERMISSION = 'clipboard-sanitized-write';

/** What Electron tells a permission handler about a request or a check, reduced to what the policy reads. */
export interface PermissionQuery {
  permission: string;
  /** The last URL the asking frame loaded (`details.requestingUrl`; missing for some checks). */
  requestingUrl?: string;
  /** The asking frame's origin (the check handler's `requestingOrigin`). */
  requestingOrigin?: string;
  /** The origin of the frame embedding a cross-origin subframe that asks (checks only). */
  embeddingOrigin?: string;
  isMainFrame: boolean;
}

/**
 * Whether a permission is granted: only the clipboard write, only to the app's
 * own page, only in its main frame (an object preview in a frame never gets
 * it). Every URL or origin Electron gives must be the app's; a query that
 * names neither is refused. Used by both the request and the check handler:
 * Chromium checks before it asks, and a check Electron answers "no" to fails
 * the write although the request handler would have allowed it.
 */
export function permissionAllowed(query: PermissionQuery, appUrl: string): boolean {
  if (query.permission !== CLIPBOARD_WRITE_PERMISSION || !query.isMainFrame || query.embeddingOrigin) return false;
  const given = [query.requestingUrl, query.requestingOrigin].filter((value): value is string => !!value);
  return given.length > 0 && given.every((value) => isAppUrl(value, appUrl));
}
