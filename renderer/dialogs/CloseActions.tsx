import type { Ref } from 'react';

/** Props of {@link CloseActions}. */
export interface CloseActionsProps {
  onClose(): void;
  /** The Close button is the dialog's main action (it has nothing else to do). */
  primary?: boolean;
  /** For `Modal`'s `initialFocus`. */
  buttonRef?: Ref<HTMLButtonElement>;
}

/** The action row of a dialog that only shows something: one Close button. */
export function CloseActions({ onClose, primary = false, buttonRef }: CloseActionsProps) {
  return (
    <div className="dialog-actions">
      <button ref={buttonRef} type="button" className={primary ? 'button button-primary' : 'button'} onClick={onClose}>
        Close
      </button>
    </div>
  );
}
