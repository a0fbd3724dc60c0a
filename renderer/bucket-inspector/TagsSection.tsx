import { useEffect, useId, useState } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import { errorOf, shownValueOf } from '../../shared/loadable';
import { bucketTagsSchema, objectTagsSchema, tagChangesInWords, type Tag } from '../../shared/tags';
import { visibleText } from '../../shared/visible-text';
import { loadTags, saveTags } from '../actions/tags';
import { findTagged } from '../actions/search';
import { Icon } from '../common/Icon';
import { ErrorPanel } from '../common/ErrorPanel';
import { MetadataRowsField } from '../common/MetadataRowsField';
import { selectTags, useTagsStore, type TagPlace } from '../stores/tags';
import { unsupportedWords } from './unsupported';
import { InspectorFold, useSectionOpen } from './InspectorFold';
import { EditActions } from './EditActions';

/**
 * The tags of an object or of a bucket (`place` without a key): shown as name=value, edited in
 * place as rows, with what a save changes said before it is saved.
 */
export function TagsSection({ place }: { place: TagPlace }) {
  const loaded = useTagsStore((state) => selectTags(state, place));
  const [rows, setRows] = useState<Tag[]>();
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const id = useId();
  const tags = shownValueOf(loaded)?.tags;
  const loadError = errorOf(loaded);
  const { profileId, bucket, key, versionId } = place;

  const section = key === undefined ? 'bucketTags' : 'objectTags';
  const open = useSectionOpen(section);
  useEffect(() => {
    if (open && loaded.status === 'idle') void loadTags({ profileId, bucket, key, versionId });
  }, [open, loaded.status, profileId, bucket, key, versionId]);

  const parsed = rows && (key === undefined ? bucketTagsSchema : objectTagsSchema).safeParse(rows.filter((row) => row.key || row.value));
  const problem = parsed && !parsed.success ? parsed.error.issues[0] : undefined;
  const change = parsed?.success && tags ? tagChangesInWords(tags, parsed.data) : '';
  const rowProblem = (index: number) => (attempted && problem && problem.path[0] === index ? problem.message : undefined);

  const save = async () => {
    setAttempted(true);
    if (!parsed?.success || busy) return;
    setBusy(true);
    const result = await saveTags(place, parsed.data);
    setBusy(false);
    if (result.ok) {
      setRows(undefined);
      setError(undefined);
    } else setError(result.error);
  };

  return (
    <InspectorFold
      section={section}
      title="Tags"
      summary={tags && (tags.length ? tags.map((tag) => `${tag.key}=${tag.value}`).join(', ') : 'No tags.')}
      actions={
        tags &&
        !rows && (
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setRows(tags.map((tag) => ({ ...tag })));
              setAttempted(false);
            }}
          >
            Edit tags
          </button>
        )
      }
    >
      {loadError ? (
        unsupportedWords(loadError, 'tags') ? (
          <p className="inspector-muted">{unsupportedWords(loadError, 'tags')}</p>
        ) : (
          <ErrorPanel title="Could not read the tags" error={loadError} action={{ label: 'Try again', run: () => void loadTags(place) }} />
        )
      ) : !tags ? (
        <p className="inspector-muted" role="status">
          Reading the tags…
        </p>
      ) : rows ? (
        <div className="tags-editor">
          <MetadataRowsField
            idPrefix={`${id}-rows`}
            legend={`Tags of ${visibleText(key ?? bucket)}`}
            noun="Tag"
            empty="No tags: Save removes them all."
            rows={rows.map((row, index) => ({ key: index, name: row.key, value: row.value, nameError: rowProblem(index) }))}
            error={attempted && problem && typeof problem.path[0] !== 'number' ? problem.message : undefined}
            onEdit={(index, part, text) => setRows(rows.map((row, i) => (i === index ? { ...row, [part === 'name' ? 'key' : 'value']: text } : row)))}
            onRemove={(index) => setRows(rows.filter((_, i) => i !== index))}
            onAdd={() => setRows([...rows, { key: '', value: '' }])}
          />
          <p className="inspector-note" role="status">
            {problem ? '' : change ? `Saving ${change}` : 'Nothing changed yet.'}
          </p>
          {error && <ErrorPanel title="Could not save the tags" error={error} />}
          <EditActions
            saveLabel="Save tags"
            busy={busy}
            onCancel={() => {
              setRows(undefined);
              setError(undefined);
            }}
            onSave={() => void save()}
          />
        </div>
      ) : tags.length ? (
        <ul className="tag-list" aria-label={`Tags of ${visibleText(key ?? bucket)}`}>
          {tags.map((tag) => (
            <li key={tag.key} className="tag-chip">
              {tag.key}={tag.value}
              {key !== undefined && (
                <button
                  type="button"
                  className="tag-find"
                  aria-label={`Find objects tagged ${tag.key}=${tag.value} below the open folder`}
                  title="Find objects with this tag below the open folder"
                  onClick={() => findTagged(place, tag)}
                >
                  <Icon name="search" />
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="inspector-muted">No tags.</p>
      )}
    </InspectorFold>
  );
}
