/** Cancel and Save under a section edited in place (tags, Block Public Access, default encryption). */
export function EditActions({
  saveLabel,
  busy,
  disabled,
  onCancel,
  onSave,
}: {
  saveLabel: string;
  busy: boolean;
  disabled?: boolean;
  onCancel: () => void;
  onSave: () => void;
}) {
  return (
    <div className="inspector-actions">
      <button type="button" className="button button-small" onClick={onCancel}>
        Cancel
      </button>
      <button type="button" className="button button-small button-primary" aria-busy={busy || undefined} disabled={disabled} onClick={onSave}>
        {saveLabel}
      </button>
    </div>
  );
}
