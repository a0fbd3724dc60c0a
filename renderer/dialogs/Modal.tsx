import { useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';

/** Props of {@link Modal}. */
export interface ModalProps {
  /** The id of the element that names the dialog (its title). */
  labelledBy: string;
  describedBy?: string;
  /** `alertdialog` for a question that interrupts (e.g. confirming a delete). */
  role?: 'dialog' | 'alertdialog';
  className?: string;
  /** Escape, or the dialog closed itself. */
  onClose(): void;
  /** What takes focus when the dialog opens (default: the dialog's first focusable element). */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Where focus goes on close when the element that opened the dialog is gone. */
  fallbackFocus?(): HTMLElement | null;
  children: ReactNode;
}

/**
 * A modal `<dialog>`: it makes the rest of the window inert and keeps Tab
 * inside; Escape asks the parent to close it; focus goes back to whatever
 * opened it (or to `fallbackFocus` when that is gone).
 */
export function Modal({ labelledBy, describedBy, role = 'dialog', className, onClose, initialFocus, fallbackFocus, children }: ModalProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  const fallbackRef = useRef(fallbackFocus);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
    fallbackRef.current = fallbackFocus;
  });

  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return undefined;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    initialFocus?.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
      else fallbackRef.current?.()?.focus();
    };
    // Opening happens once per mount; the focus target is read then.
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className={className ? `dialog ${className}` : 'dialog'}
      role={role}
      aria-modal="true"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      // Escape fires "cancel"; the parent decides whether the dialog stays.
      onCancel={(event) => {
        event.preventDefault();
        onCloseRef.current();
      }}
      // Chromium may close without "cancel" (repeated Escape); a dialog that
      // is open again was only re-shown by a development re-mount.
      onClose={() => {
        if (!dialogRef.current?.open) onCloseRef.current();
      }}
    >
      {children}
    </dialog>
  );
}
