import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import { visibleText } from '../../shared/visible-text';
import { openText, saveText } from '../actions/text-edit';
import { ErrorPanel } from '../common/ErrorPanel';
import { Modal } from '../dialogs/Modal';
import { objectName } from '../inspector/preview-kind';
import { useDialogsStore } from '../stores/dialogs';

const close = () => useDialogsStore.getState().close();

/**
 * "Edit" on a text object: its text in an editor, saved back over the object (Save, or Ctrl+S) only if
 * nobody changed it on the server since it was opened; a conflict keeps the text here and offers to
 * save it over the other change. Closing with unsaved changes asks once.
 */
export function EditTextDialog({ profileId, bucket, objectKey: key }: { profileId: string; bucket: string; objectKey: string }) {
  const id = useId();
  const ref = { profileId, bucket, key };
  const name = visibleText(objectName(key));
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [opened, setOpened] = useState<{ text: string; etag: string }>();
  const [text, setText] = useState('');
  const [openError, setOpenError] = useState<ErrorInfo>();
  const [saveError, setSaveError] = useState<ErrorInfo>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [leaving, setLeaving] = useState(false);
  // Texts whose save failed without an answer since the last one that went through: the server may hold one.
  const unconfirmed = useRef<string[]>([]);
  const dirty = !!opened && text !== opened.text;

  useEffect(() => {
    let current = true;
    void openText(ref).then((result) => {
      if (!current) return;
      if (result.ok) {
        setOpened({ text: result.data.text, etag: result.data.etag });
        setText(result.data.text);
      } else setOpenError(result.error);
    });
    return () => {
      current = false;
    };
    // Opened once per dialog (the dialog is keyed by the object).
  }, []);

  const save = async (overwrite = false) => {
    if (!opened || busy) return;
    setBusy(true);
    const result = await saveText(ref, text, overwrite ? undefined : opened.etag, unconfirmed.current);
    setBusy(false);
    if (result.ok) {
      unconfirmed.current = [];
      setOpened({ text, etag: result.data.etag });
      setSaveError(undefined);
      setSaved(true);
      setLeaving(false);
    } else {
      // The text stays in the editor whatever failed; only a conflict is known not to have reached the server.
      if (result.error.code !== 'EditConflict') unconfirmed.current = [...unconfirmed.current, text].slice(-5);
      setSaveError(result.error);
    }
  };

  const tryClose = () => {
    if (dirty && !leaving) setLeaving(true);
    else close();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void save();
    }
  };

  const status = !opened ? '' : busy ? `Saving ${name}…` : dirty ? 'Unsaved changes.' : saved ? 'Saved.' : 'No changes yet.';
  return (
    <Modal labelledBy={`${id}-title`} className="dialog-wide edit-text-dialog" initialFocus={textRef} onClose={tryClose}>
      <div className="dialog-form" onKeyDown={onKeyDown}>
        <h2 id={`${id}-title`} className="dialog-title">
          Edit {name}
        </h2>
        <div className="dialog-body">
          {openError ? (
            <ErrorPanel title={`Could not open ${name}`} error={openError} />
          ) : !opened ? (
            <p role="status" className="dialog-intro">
              Opening {name}…
            </p>
          ) : (
            <>
              <textarea
                ref={textRef}
                className="field-input edit-text"
                aria-label={`Text of ${name}`}
                spellCheck={false}
                value={text}
                onChange={(event) => {
                  setText(event.target.value);
                  setSaved(false);
                  setLeaving(false);
                }}
              />
              <p role="status" className="field-help">
                {status}
              </p>
            </>
          )}
          {saveError && (
            <ErrorPanel
              title={`Could not save ${name}`}
              error={saveError}
              action={
                saveError.code === 'EditConflict' ? { label: 'Save mine over it', run: () => void save(true) } : { label: 'Try again', run: () => void save() }
              }
            />
          )}
          {leaving && (
            <p role="alert" className="field-warning">
              {name} has unsaved changes: Close again to discard them, or Save.
            </p>
          )}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={tryClose}>
            {leaving ? 'Discard changes' : 'Close'}
          </button>
          <button
            type="button"
            className="button button-primary"
            aria-keyshortcuts="Control+S"
            aria-busy={busy || undefined}
            disabled={!dirty}
            onClick={() => void save()}
          >
            Save
          </button>
        </div>
      </div>
    </Modal>
  );
}
