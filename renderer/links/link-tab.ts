import type { AccessState } from '../../shared/sharing';
import type { LinkTab } from '../stores/links';

/** What the access store knows of one key: a state, null when the server gave none, undefined while not loaded. */
type KnownAccess = AccessState | null | undefined;

/** Whether a key is known not to be public (its public URL answers 403); unknown is not "not public". */
export function isKnownNotPublic(access: KnownAccess): boolean {
  return !!access && access.access !== 'public-read' && access.access !== 'public-read-write';
}

/**
 * The tab the link dialog opens on: "Presigned download" when any of the
 * objects is known to be private (a signed link is the one that works for
 * all of them), "Public URL" when they are known public.
 */
export function firstLinkTab(accesses: readonly KnownAccess[]): LinkTab {
  if (accesses.some(isKnownNotPublic)) return 'GET';
  // Unknown (not read yet, or ACLs cannot be read here): the public URL tab, as the dialog always
  // opened. A bucket policy may make objects public without any ACL saying so, and the public tab
  // signs nothing; its notice says which objects are known not public once their ACLs arrive.
  return 'public';
}
