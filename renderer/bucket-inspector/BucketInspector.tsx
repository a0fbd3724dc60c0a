import { useState } from 'react';
import { visibleText } from '../../shared/visible-text';
import { GrantsDialog } from '../access/GrantsDialog';
import { Fact } from '../inspector/InspectorInfo';
import { ObjectLockSection } from '../object-lock/ObjectLockSection';
import { CorsSection } from './CorsSection';
import { LifecycleSection } from './LifecycleSection';
import { PolicySection } from './PolicySection';
import { PublicAccessSection } from './PublicAccessSection';
import { EncryptionSection } from './EncryptionSection';
import { SizeSection } from './SizeSection';
import { TagsSection } from './TagsSection';
import { UnfinishedUploadsSection } from './UnfinishedUploadsSection';

/**
 * What the inspector shows while a bucket is open and no object is inspected: the bucket, and
 * its settings one section per concern, each loading when shown.
 */
export function BucketInspector({ profileId, bucket }: { profileId: string; bucket: string }) {
  const [editingGrants, setEditingGrants] = useState(false);
  return (
    <>
      <div className="inspector-summary">
        <h3 className="inspector-name">
          <span className="icon icon-bucket" aria-hidden="true" />
          <span className="truncate">{visibleText(bucket)}</span>
        </h3>
        <dl className="inspector-facts">
          <Fact term="Kind">Bucket</Fact>
        </dl>
        <p className="inspector-note">Select an object to see its details.</p>
        <div className="inspector-actions">
          <button type="button" className="button button-small" onClick={() => setEditingGrants(true)}>
            Edit the bucket’s grants…
          </button>
        </div>
        {editingGrants && <GrantsDialog place={{ profileId, bucket }} onClose={() => setEditingGrants(false)} />}
      </div>
      <SizeSection place={{ profileId, bucket, prefix: '' }} />
      <PublicAccessSection profileId={profileId} bucket={bucket} />
      <PolicySection profileId={profileId} bucket={bucket} />
      <EncryptionSection profileId={profileId} bucket={bucket} />
      <UnfinishedUploadsSection profileId={profileId} bucket={bucket} />
      <LifecycleSection profileId={profileId} bucket={bucket} />
      <CorsSection profileId={profileId} bucket={bucket} />
      <ObjectLockSection profileId={profileId} bucket={bucket} />
      <TagsSection place={{ profileId, bucket }} />
    </>
  );
}
