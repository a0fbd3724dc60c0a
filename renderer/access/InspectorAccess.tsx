import { useEffect, useId, useState } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import type { AccessChoice } from '../../shared/sharing';
import { choiceWord } from './access-words';
import { wantAccess } from '../actions/access';
import { useAclBlock } from '../hooks/use-acl-block';
import { selectBucketAccess, selectObjectAccess, useAccessStore } from '../stores/access';
import { showDialog } from '../stores/dialogs';
import type { InspectTarget } from '../stores/inspector';
import { setEntriesAccess } from '../actions/operations';
import { AccessFacts, AclOffExplanation, PublicSwitch } from './AccessParts';
import { ErrorPanel } from '../common/ErrorPanel';
import { GrantsDialog } from './GrantsDialog';
import { PublicByPolicy } from '../bucket-inspector/PublicByPolicy';

/**
 * The inspector's "Access" section for one object: public, private or custom
 * (summary and each grant), the Public toggle (a job: the state is read again
 * when it ends), and "Copy link…".
 */
export function InspectorAccess({ target }: { target: InspectTarget }) {
  const { profileId, bucket, key } = target;
  const off = useAclBlock(profileId, bucket);
  const state = useAccessStore((store) => selectObjectAccess(store, profileId, bucket, key));
  const loadError = useAccessStore((store) => selectBucketAccess(store, profileId, bucket)?.error);
  const [busy, setBusy] = useState<AccessChoice>();
  const [error, setError] = useState<ErrorInfo>();
  const [editingGrants, setEditingGrants] = useState(false);
  const offId = useId();

  useEffect(() => {
    if (!off && state === undefined) wantAccess(profileId, bucket, [key]);
  }, [off, state, profileId, bucket, key]);

  const change = async (access: AccessChoice) => {
    setBusy(access);
    setError(undefined);
    const result = await setEntriesAccess({ profileId, bucket, keys: [key], prefixes: [] }, access, (finished) => {
      setBusy(undefined);
      if (finished.status !== 'succeeded' && finished.error) setError(finished.error);
    });
    if (!result.ok) {
      setBusy(undefined);
      setError(result.error);
    }
  };

  return (
    <section className="inspector-section" aria-labelledby="inspector-access-title">
      <h3 id="inspector-access-title" className="inspector-section-title">
        Access
      </h3>
      {off ? (
        <p className="inspector-muted">Not available here.</p>
      ) : state === undefined ? (
        <p className="inspector-muted" role="status">
          Reading the ACL…
        </p>
      ) : state === null ? (
        <p className="inspector-muted">The ACL of this object could not be read{loadError ? `: ${loadError.message}` : '.'}</p>
      ) : (
        <AccessFacts state={state} />
      )}
      <PublicSwitch
        checked={state?.access === 'public-read'}
        busy={!!busy}
        off={off}
        offId={offId}
        helpOn="Anyone with its URL can read it."
        helpOff="Only keys, and presigned links, can read it."
        onChange={(access) => void change(access)}
      />
      {state?.access === 'custom' && !off && <p className="inspector-note">Turning Public on or off replaces the custom grants.</p>}
      <p className="inspector-note" role="status">
        {busy ? `Making it ${choiceWord(busy)}…` : ''}
      </p>
      {off && <AclOffExplanation id={offId} off={off} />}
      {error && <ErrorPanel title="Could not change access" error={error} />}
      <div className="inspector-actions">
        <button type="button" className="button button-small" onClick={() => showDialog({ kind: 'links', profileId, bucket, keys: [key] })}>
          Copy link…
        </button>
        {!off && (
          <button type="button" className="button button-small" onClick={() => setEditingGrants(true)}>
            Edit grants…
          </button>
        )}
        {editingGrants && <GrantsDialog place={{ profileId, bucket, key }} onClose={() => setEditingGrants(false)} />}
        {off && (off.reason === 'ownership-enforced' || off.reason === 'provider-without-acls') && (
          <PublicByPolicy profileId={profileId} bucket={bucket} target={{ key }} />
        )}
      </div>
    </section>
  );
}

/** The access actions of a folder in the inspector: everything inside made public or private (asked first; a job). */
export function FolderAccess({ profileId, bucket, prefix }: { profileId: string; bucket: string; prefix: string }) {
  const off = useAclBlock(profileId, bucket);
  const offId = useId();
  const ask = (access: AccessChoice) => !off && showDialog({ kind: 'setAccess', profileId, bucket, keys: [], prefixes: [prefix], access });
  return (
    <section className="inspector-section" aria-labelledby="inspector-folder-access-title">
      <h3 id="inspector-folder-access-title" className="inspector-section-title">
        Access
      </h3>
      <p className="inspector-note">Changes every object in the folder and below it, as a job in Activity.</p>
      <div className="inspector-actions inspector-actions-start">
        {(['public-read', 'private'] as const).map((access) => (
          <button
            key={access}
            type="button"
            className="button button-small"
            aria-disabled={off ? true : undefined}
            aria-describedby={off ? offId : undefined}
            onClick={() => ask(access)}
          >
            {`Make folder ${choiceWord(access)}…`}
          </button>
        ))}
      </div>
      {off && <AclOffExplanation id={offId} off={off} />}
      {off && (off.reason === 'ownership-enforced' || off.reason === 'provider-without-acls') && (
        <div className="inspector-actions inspector-actions-start">
          <PublicByPolicy profileId={profileId} bucket={bucket} target={{ prefix }} />
        </div>
      )}
    </section>
  );
}
