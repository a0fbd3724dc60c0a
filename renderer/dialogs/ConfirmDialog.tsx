import { useId, useRef, type ReactNode } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import { ErrorPanel } from '../common/ErrorPanel';
import { Modal } from './Modal';

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  /** Blocks the confirm button (e.g. until the bucket name is typed). */
  blocked?: boolean;
  error?: ErrorInfo;
  errorTitle?: string;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A question that interrupts (role alertdialog): a title, what will happen,
 * Cancel (which has focus, so Enter never destroys by accident) and the action.
 */
export function ConfirmDialog({ title, children, confirmLabel, danger, busy, blocked, error, errorTitle, onConfirm, onCancel }: ConfirmDialogProps) {
  const id = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <Modal role="alertdialog" labelledBy={`${id}-title`} describedBy={`${id}-text`} className="dialog-narrow" initialFocus={cancelRef} onClose={onCancel}>
      <div className="dialog-form">
        <h2 id={`${id}-title`} className="dialog-title">
          {title}
        </h2>
        <div id={`${id}-text`} className="dialog-text-block">
          {children}
        </div>
        {error && <ErrorPanel title={errorTitle ?? 'That did not work'} error={error} />}
        <div className="dialog-actions">
          <button ref={cancelRef} type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className={danger ? 'button button-danger' : 'button button-primary'}
            aria-busy={busy || undefined}
            aria-disabled={busy || blocked || undefined}
            onClick={() => !busy && !blocked && onConfirm()}
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </Modal>
  );
}
