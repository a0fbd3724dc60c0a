import type { AclUnavailable } from '../../shared/sharing';
import { UNAVAILABLE_TITLES } from './access-words';

/**
 * Beside disabled ACL toggles in the toolbar: why they are off in a few words;
 * the whole message and what to do instead go to a screen reader (the
 * toggles point here with aria-describedby) and to the tooltip.
 */
export function AclOffNote({ id, off }: { id: string; off: AclUnavailable }) {
  return (
    <span id={id} className="acl-off-note" title={`${off.message} ${off.hint}`}>
      <span aria-hidden="true">{UNAVAILABLE_TITLES[off.reason]}</span>
      <span className="visually-hidden">
        Access toggles are off. {off.message} {off.hint}
      </span>
    </span>
  );
}
