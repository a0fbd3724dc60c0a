import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { NULL_VERSION_ID, versionIdText } from '../../shared/versions';
import { errorOf, shownValueOf } from '../../shared/loadable';
import { encryptionInWords, type ObjectDetails } from '../../shared/object-details';
import { formatCount, formatDate, formatSize } from '../common/format';
import { targetKey } from './inspect-target';
import { useDetailsStore } from '../stores/details';
import type { InspectTarget } from '../stores/inspector';
import { ErrorPanel } from '../common/ErrorPanel';
import { MetadataEditor } from './MetadataEditor';
import { controlCharactersIn, hasHiddenCharacters, visibleText } from '../../shared/visible-text';

const details = () => useDetailsStore.getState();

/** One term and its value, the value named by its term; an absent value reads "—" ("none" to a screen reader). */
export function Fact({ term, children, mono }: { term: string; children: ReactNode; mono?: boolean }) {
  const id = useId();
  const empty = children === undefined || children === null || children === '' || children === false;
  return (
    <div>
      <dt id={id}>{term}</dt>
      <dd aria-labelledby={id} className={mono && !empty ? 'inspector-mono' : undefined}>
        {empty ? (
          <>
            <span aria-hidden="true">—</span>
            <span className="visually-hidden">none</span>
          </>
        ) : (
          children
        )}
      </dd>
    </div>
  );
}

/** Says which control characters a key holds, since the key above shows them as symbols; Copy key copies the exact key. */
function HiddenCharactersNote({ text }: { text: string }) {
  if (!hasHiddenCharacters(text)) return null;
  const controls = controlCharactersIn(text);
  return (
    <span className="inspector-note">
      {controls.length
        ? `Holds control characters, shown as symbols: ${controls.join(', ')}.`
        : 'Holds characters that change how text is shown, written as ⟨U+…⟩.'}{' '}
      Copy key copies the exact key.
    </span>
  );
}

/** The full key with a button that copies it. */
function CopyableKey({ objectKey }: { objectKey: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  const copy = () => {
    navigator.clipboard.writeText(objectKey).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <>
      <span className="inspector-key">{visibleText(objectKey)}</span>
      <HiddenCharactersNote text={objectKey} />
      <span className="inspector-key-actions">
        <button type="button" className="link-button link-button-small" onClick={copy}>
          Copy key
        </button>
        <span role="status" className="inspector-copied">
          {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'Could not copy: select the key and copy it by hand.' : ''}
        </span>
      </span>
    </>
  );
}

/** The details as a definition list: the object's facts, its headers, then its own metadata. */
function DetailsList({ info, name }: { info: ObjectDetails; name: string }) {
  const metadata = Object.entries(info.metadata).sort(([a], [b]) => a.localeCompare(b));
  return (
    <>
      <dl className="inspector-facts" aria-label="Object details">
        <Fact term="Name">{name}</Fact>
        <Fact term="Key">
          <CopyableKey objectKey={info.key} />
        </Fact>
        <Fact term="Size">
          {formatSize(info.size)} <span className="inspector-muted">({formatCount(info.size)} bytes)</span>
        </Fact>
        <Fact term="Last modified">{info.lastModified && formatDate(info.lastModified)}</Fact>
        <Fact term="ETag" mono>
          {info.etag}
        </Fact>
        <Fact term="Storage class">{info.storageClass}</Fact>
        <Fact term="Encryption">{encryptionInWords(info.encryption)}</Fact>
        <Fact term="Version ID" mono={info.versionId !== NULL_VERSION_ID}>
          {info.versionId && versionIdText(info.versionId)}
        </Fact>
        <Fact term="Content-Type" mono>
          {info.contentType}
        </Fact>
        <Fact term="Cache-Control" mono>
          {info.cacheControl}
        </Fact>
        <Fact term="Content-Disposition" mono>
          {info.contentDisposition}
        </Fact>
        <Fact term="Content-Encoding" mono>
          {info.contentEncoding}
        </Fact>
        {info.contentLanguage && (
          <Fact term="Content-Language" mono>
            {info.contentLanguage}
          </Fact>
        )}
      </dl>
      <h4 className="inspector-subheading">Metadata (x-amz-meta-*)</h4>
      {metadata.length === 0 ? (
        <p className="inspector-muted">None.</p>
      ) : (
        <dl className="inspector-facts" aria-label="Metadata">
          {metadata.map(([name, value]) => (
            <Fact key={name} term={name} mono>
              {value}
            </Fact>
          ))}
        </dl>
      )}
    </>
  );
}

/** Props of {@link InspectorInfo}. */
export interface InspectorInfoProps {
  target: InspectTarget;
  name: string;
}

/** The "Info" section: the details (loading, failed, or shown) and the metadata editor. */
export function InspectorInfo({ target, name }: InspectorInfoProps) {
  const shownFor = useDetailsStore((state) => targetKey(state.target));
  const status = useDetailsStore((state) => state.details.status);
  const info = useDetailsStore((state) => shownValueOf(state.details));
  const error = useDetailsStore((state) => errorOf(state.details));
  const editing = useDetailsStore((state) => state.editor !== undefined);
  const editRef = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  const current = shownFor === targetKey(target);

  // Back from the editor (saved or cancelled): focus returns to "Edit metadata".
  useEffect(() => {
    if (wasEditing.current && !editing) editRef.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  let body: ReactNode;
  if (!current || (status === 'loading' && !info))
    body = (
      <p className="inspector-muted" role="status">
        Loading details…
      </p>
    );
  else if (status === 'failed' && error) body = <ErrorPanel title={`Could not read the details of ${name}`} error={error} />;
  else if (info && editing) body = <MetadataEditor />;
  else if (info) {
    body = (
      <>
        <DetailsList info={info} name={name} />
        {target.versionId ? (
          <p className="inspector-note">Metadata is edited on the object itself: select it rather than one of its versions.</p>
        ) : (
          <div className="inspector-actions">
            <button ref={editRef} type="button" className="button button-small" onClick={() => details().startEdit()}>
              Edit metadata
            </button>
          </div>
        )}
      </>
    );
  }

  return (
    <section className="inspector-section" aria-labelledby="inspector-info-title">
      <h3 id="inspector-info-title" className="inspector-section-title">
        Info
      </h3>
      {body}
    </section>
  );
}
