import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import {
  GROUPS,
  grantChangesInWords,
  granteeInWords,
  grantSchema,
  PERMISSION_WORDS,
  PERMISSIONS,
  type Grant,
  type Grants,
  type Permission,
  withOwnerKept,
} from '../../shared/grants';
import { visibleText } from '../../shared/visible-text';
import { loadGrants, saveGrants } from '../actions/access';
import { ErrorPanel } from '../common/ErrorPanel';
import { Modal } from '../dialogs/Modal';

/** Whom a new grant is for, as the picker offers it. */
const GRANTEE_KINDS = [
  { value: 'AllUsers', label: 'Everyone (AllUsers)' },
  { value: 'AuthenticatedUsers', label: 'Any authenticated user' },
  { value: 'LogDelivery', label: 'Log delivery' },
  { value: 'id', label: 'A user by canonical ID' },
  { value: 'email', label: 'A user by e-mail' },
] as const;
type GranteeKind = (typeof GRANTEE_KINDS)[number]['value'];

/** The grant the "Add a grant" row makes, or its problem. */
function newGrant(kind: GranteeKind, value: string, permission: Permission): { grant?: Grant; problem?: string } {
  const grantee =
    kind === 'id'
      ? { type: 'user' as const, id: value }
      : kind === 'email'
        ? { type: 'email' as const, email: value }
        : { type: 'group' as const, uri: GROUPS[kind] };
  const parsed = grantSchema.safeParse({ grantee, permission });
  return parsed.success ? { grant: parsed.data } : { problem: parsed.error.issues[0].message };
}

/**
 * The grants editor of an object's ACL (with `key`) or a bucket's: every grant with its permission,
 * removable; new ones for a group, a user's canonical ID or e-mail; what a save gives and takes away
 * said before it is saved.
 */
export function GrantsDialog({ place, onClose }: { place: { profileId: string; bucket: string; key?: string }; onClose(): void }) {
  const [current, setCurrent] = useState<Grants>();
  const [grants, setGrants] = useState<Grant[]>([]);
  const [kind, setKind] = useState<GranteeKind>('AllUsers');
  const [value, setValue] = useState('');
  const [permission, setPermission] = useState<Permission>('READ');
  const [addProblem, setAddProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const id = useId();
  const what = visibleText(place.key ?? place.bucket);

  const { profileId, bucket, key } = place;
  useEffect(() => {
    let shown = true;
    void loadGrants({ profileId, bucket, key }).then((result) => {
      if (!shown) return;
      if (result.ok) {
        setCurrent(result.data);
        setGrants(result.data.grants);
      } else setError(result.error);
    });
    return () => {
      shown = false;
    };
  }, [profileId, bucket, key]);

  const add = () => {
    const made = newGrant(kind, value.trim(), permission);
    setAddProblem(made.problem);
    if (made.grant) {
      setGrants([...grants, made.grant]);
      setValue('');
    }
  };
  const change = current ? grantChangesInWords(current.grants, withOwnerKept(grants, current.owner), current.owner) : '';
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!current || busy) return;
    setBusy(true);
    const result = await saveGrants(place, grants);
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  };

  return (
    <Modal labelledBy={`${id}-title`} className="dialog-wide" onClose={onClose}>
      <form className="dialog-form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <h2 id={`${id}-title`} className="dialog-title">
          Grants: {what}
        </h2>
        <div className="dialog-body">
          <p className="dialog-intro">
            Who may do what with {place.key === undefined ? 'this bucket' : 'this object'}
            {current?.owner ? `; its owner is ${current.owner.displayName || current.owner.id}, who keeps the right to change this ACL.` : '.'}
          </p>
          {!current && !error && (
            <p className="field-help" role="status">
              Reading the ACL…
            </p>
          )}
          {current && (
            <ul className="grant-list" aria-label={`Grants of ${what}`}>
              {grants.map((grant, index) => {
                const who = granteeInWords(grant.grantee, current.owner);
                const isOwner = grant.grantee.type === 'user' && grant.grantee.id === current.owner?.id;
                return (
                  <li key={index} className="grant-row">
                    <span className="grant-who">{who}</span>
                    <select
                      className="field-input field-select"
                      aria-label={`Permission of ${who}`}
                      value={grant.permission}
                      onChange={(event) => setGrants(grants.map((g, i) => (i === index ? { ...g, permission: event.target.value as Permission } : g)))}
                    >
                      {PERMISSIONS.map((p) => (
                        <option key={p} value={p}>
                          {PERMISSION_WORDS[p]} ({p})
                        </option>
                      ))}
                    </select>
                    {/* Without a grant of their own, the owner could no longer write or read (withOwnerKept). */}
                    {!isOwner && (
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Remove the grant of ${who}`}
                        onClick={() => setGrants(grants.filter((_, i) => i !== index))}
                      >
                        Remove
                      </button>
                    )}
                  </li>
                );
              })}
              {!grants.length && <li className="field-help">No grants: the owner keeps full control.</li>}
            </ul>
          )}
          {current && (
            <fieldset className="field-group grant-add">
              <legend className="field-label">Add a grant</legend>
              <select className="field-input field-select" aria-label="Grantee" value={kind} onChange={(event) => setKind(event.target.value as GranteeKind)}>
                {GRANTEE_KINDS.map((k) => (
                  <option key={k.value} value={k.value}>
                    {k.label}
                  </option>
                ))}
              </select>
              {(kind === 'id' || kind === 'email') && (
                <input
                  className="field-input"
                  aria-label={kind === 'id' ? 'Canonical ID' : 'E-mail'}
                  aria-invalid={addProblem ? true : undefined}
                  aria-describedby={addProblem ? `${id}-add-problem` : undefined}
                  value={value}
                  spellCheck={false}
                  onChange={(event) => setValue(event.target.value)}
                />
              )}
              <select
                className="field-input field-select"
                aria-label="New grant’s permission"
                value={permission}
                onChange={(event) => setPermission(event.target.value as Permission)}
              >
                {PERMISSIONS.map((p) => (
                  <option key={p} value={p}>
                    {PERMISSION_WORDS[p]} ({p})
                  </option>
                ))}
              </select>
              <button type="button" className="button button-small" onClick={add}>
                Add grant
              </button>
              {addProblem && (
                <p id={`${id}-add-problem`} className="field-error">
                  {addProblem}
                </p>
              )}
            </fieldset>
          )}
          {current && (
            <section className="rule-preview" aria-labelledby={`${id}-preview`}>
              <h3 id={`${id}-preview`}>What changes</h3>
              <p role="status">{change ? `Saving ${change}` : 'Nothing changed yet.'}</p>
            </section>
          )}
          {error && <ErrorPanel title={current ? 'Could not save the grants' : 'Could not read the ACL'} error={error} />}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" aria-busy={busy || undefined} aria-disabled={!current || undefined}>
            Save grants
          </button>
        </div>
      </form>
    </Modal>
  );
}
