import { useState, type FormEvent } from 'react';
import { openBucket } from '../actions/buckets';
import { bucketNameError } from './profile-form';
import { TextField } from '../common/TextField';

/** Props of {@link OpenBucketByName}. */
export interface OpenBucketByNameProps {
  /** Show the form without being asked (the key may not list buckets). */
  expandedByDefault: boolean;
  /** A name to offer, e.g. the profile's default bucket. */
  suggestion?: string;
}

/**
 * Opens a bucket by its name, for keys that may use a bucket but not list
 * them (ListBuckets denied): "Open bucket by name…", then a name and "Open bucket".
 */
export function OpenBucketByName({ expandedByDefault, suggestion }: OpenBucketByNameProps) {
  // undefined: follow `expandedByDefault`; true/false: the user decided.
  const [expanded, setExpanded] = useState<boolean>();
  const [name, setName] = useState(suggestion ?? '');
  const [error, setError] = useState<string>();
  const shown = expanded ?? expandedByDefault;

  if (!shown) {
    return (
      <button type="button" className="link-button" onClick={() => setExpanded(true)}>
        Open bucket by name…
      </button>
    );
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = name.trim() ? bucketNameError(name) : 'Enter a bucket name.';
    setError(problem);
    if (problem) return;
    setExpanded(false);
    openBucket(name.trim());
  };

  return (
    <form className="open-bucket-form" noValidate onSubmit={onSubmit}>
      <TextField
        id="open-bucket-name"
        label="Bucket name"
        value={name}
        error={error}
        autoComplete="off"
        spellCheck={false}
        autoFocus={expanded === true}
        onChange={(value) => {
          setName(value);
          if (error) setError(undefined);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setExpanded(false);
        }}
      />
      <div className="open-bucket-actions">
        <button type="submit" className="button button-small">
          Open bucket
        </button>
        <button type="button" className="button button-small" onClick={() => setExpanded(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
