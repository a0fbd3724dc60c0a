import type { AclUnavailable } from '../../shared/sharing';
import { ACCESS_LABELS } from './access-words';
import { selectObjectAccess, useAccessStore } from '../stores/access';
import type { Entry } from '../stores/listing';
import { usePane } from '../browser/pane-context';

/**
 * A row's Access cell: Public, Private or Custom once the object's ACL is in
 * (loaded for the rows in view), the summary in its tooltip; a dash for
 * folders and where ACLs are off.
 */
export function AccessCell({ entry, off }: { entry: Entry; off?: AclUnavailable }) {
  const profileId = usePane((state) => state.profileId);
  const bucket = usePane((state) => state.bucket);
  const key = entry.kind === 'folder' ? '' : entry.key;
  const state = useAccessStore((store) => (key ? selectObjectAccess(store, profileId, bucket, key) : undefined));

  if (entry.kind === 'folder' || off) {
    return (
      <span className="col-access" role="cell" title={off?.message}>
        —
      </span>
    );
  }
  if (state === undefined) {
    return (
      <span className="col-access access-loading" role="cell" aria-busy="true">
        <span aria-hidden="true">…</span>
        <span className="visually-hidden">Loading access</span>
      </span>
    );
  }
  if (state === null) {
    return (
      <span className="col-access" role="cell" title="The ACL of this object could not be read.">
        Unknown
      </span>
    );
  }
  return (
    <span className="col-access" role="cell" title={state.summary}>
      <span className={`access-badge access-${state.access}`}>{ACCESS_LABELS[state.access]}</span>
    </span>
  );
}
