import { useId } from 'react';
import type { AccessChoice, AccessState, AclUnavailable } from '../../shared/sharing';
import { ACCESS_LABELS } from './access-words';

/** Why ACL toggles are off, in full: what happened and what to do instead (the toggles point here). */
export function AclOffExplanation({ id, off }: { id: string; off: AclUnavailable }) {
  return (
    <div id={id} className="notice notice-warning acl-off">
      <p className="acl-off-message">{off.message}</p>
      <p className="acl-off-hint">{off.hint}</p>
    </div>
  );
}

/** An object's or bucket's access in words: its level, the summary, and each grant. */
export function AccessFacts({ state }: { state: AccessState }) {
  return (
    <>
      <p className="access-line">
        <span className={`access-badge access-${state.access}`}>{ACCESS_LABELS[state.access]}</span>
        <span className="access-summary">{state.summary}</span>
      </p>
      {state.grants.length > 0 && (
        <ul className="access-grants" aria-label="Grants">
          {state.grants.map((grant) => (
            <li key={grant}>{grant}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Props of {@link PublicSwitch}. */
export interface PublicSwitchProps {
  checked: boolean;
  busy: boolean;
  off?: AclUnavailable;
  /** The element that says why the switch is off. */
  offId: string;
  /** What on and off mean, under the switch. */
  helpOn: string;
  helpOff: string;
  onChange(access: AccessChoice): void;
}

/**
 * The Public / Private toggle: a switch named "Public", on when public-read.
 * Where ACLs are off it stays focusable but aria-disabled, described by the reason.
 */
export function PublicSwitch({ checked, busy, off, offId, helpOn, helpOff, onChange }: PublicSwitchProps) {
  const labelId = useId();
  const helpId = useId();
  const inert = !!off || busy;
  return (
    <div className="access-switch-row">
      <button
        type="button"
        role="switch"
        className="access-switch"
        aria-checked={checked}
        aria-labelledby={labelId}
        aria-disabled={inert || undefined}
        aria-busy={busy || undefined}
        aria-describedby={off ? `${offId} ${helpId}` : helpId}
        onClick={() => !inert && onChange(checked ? 'private' : 'public-read')}
      >
        <span className="access-switch-knob" aria-hidden="true" />
      </button>
      <span id={labelId} className="access-switch-label">
        Public
      </span>
      <span id={helpId} className="field-help access-switch-help">
        {checked ? helpOn : helpOff}
      </span>
    </div>
  );
}
