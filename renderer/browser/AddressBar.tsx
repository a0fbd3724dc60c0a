import { useEffect, useState, type FormEvent } from 'react';
import { navigate } from '../actions/navigation';
import { addressInputId } from './pane-inputs';
import { formatAddress, parseAddress } from './address';
import { usePane, usePaneId } from './pane-context';

/**
 * The address bar: shows where the pane is as `bucket/folder/`; a typed or
 * pasted `bucket/prefix/` (or `s3://…`) opens on Enter, and input it cannot
 * read is explained under it. Escape puts the current place back.
 */
export function AddressBar() {
  const paneId = usePaneId();
  const profileId = usePane((state) => state.profileId);
  const current = usePane((state) => formatAddress(state.bucket, state.prefix));
  const [text, setText] = useState(current);
  const [problem, setProblem] = useState<string>();
  const inputId = addressInputId(paneId);
  const problemId = `${inputId}-problem`;

  // Going somewhere else shows the new place (what was being typed is dropped).
  useEffect(() => {
    setText(current);
    setProblem(undefined);
  }, [current]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = parseAddress(text);
    if (!parsed.ok) {
      setProblem(parsed.problem);
      return;
    }
    setProblem(undefined);
    if (profileId) navigate(paneId, { profileId, bucket: parsed.bucket, prefix: parsed.prefix });
    setText(formatAddress(parsed.bucket, parsed.prefix));
  };

  return (
    <form className="address-bar" onSubmit={onSubmit} noValidate>
      <input
        id={inputId}
        className="address-input"
        type="text"
        aria-label="Address"
        placeholder={profileId ? 'bucket/folder/' : 'Choose a profile first'}
        disabled={!profileId}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? problemId : undefined}
        aria-keyshortcuts="Control+L"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          if (problem) setProblem(undefined);
        }}
        onFocus={(event) => event.target.select()}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.stopPropagation();
          setText(current);
          setProblem(undefined);
        }}
        onBlur={() => !problem && setText(current)}
      />
      {problem && (
        <p id={problemId} className="address-problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
