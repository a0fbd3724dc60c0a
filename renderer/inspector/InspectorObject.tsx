import { NULL_VERSION_ID } from '../../shared/versions';
import { objectName } from './preview-kind';
import type { InspectTarget } from '../stores/inspector';
import { InspectorAccess } from '../access/InspectorAccess';
import { InspectorInfo } from './InspectorInfo';
import { ObjectVersionsSection } from './ObjectVersionsSection';
import { PreviewSection } from './PreviewSection';
import { visibleText } from '../../shared/visible-text';
import { TagsSection } from '../bucket-inspector/TagsSection';
import { VersionLockSection } from '../object-lock/VersionLockSection';

/** Everything about one object: its name, a preview, its access, its details (and their editor), and its versions. */
export function InspectorObject({ target }: { target: InspectTarget }) {
  const name = visibleText(objectName(target.key));
  return (
    <>
      <div className="inspector-summary">
        <h3 className="inspector-name" title={visibleText(target.key)}>
          <span className="icon icon-file" aria-hidden="true" />
          <span className="truncate">{name}</span>
        </h3>
        {target.versionId && (
          <p className="inspector-note">
            {target.versionId === NULL_VERSION_ID
              ? 'Showing the version of this object from before versioning was turned on.'
              : `Showing version ${target.versionId} of this object.`}
          </p>
        )}
      </div>
      <PreviewSection target={target} name={name} />
      {!target.versionId && <InspectorAccess target={target} />}
      <InspectorInfo target={target} name={name} />
      <TagsSection place={target} />
      <VersionLockSection place={target} />
      <ObjectVersionsSection target={target} name={name} />
    </>
  );
}
