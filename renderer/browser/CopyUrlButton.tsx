import { useState, type MouseEvent } from 'react';
import { COMMAND_LABELS } from '../actions/commands';
import { ContextMenu } from '../common/ContextMenu';
import { ToolButton } from '../common/ToolButton';
import { COPY_URL_SHORTCUT, copyUrlItems } from './copy-url-items';
import { usePaneId } from './pane-context';

/** Props of {@link CopyUrlButton}. */
export interface CopyUrlButtonProps {
  disabled: boolean;
  className?: string;
}

/** The toolbar's "Copy URL" menu button: the public URL or a signed link of the selection, copied in one click (More… for the dialog). */
export function CopyUrlButton({ disabled, className }: CopyUrlButtonProps) {
  const paneId = usePaneId();
  const [at, setAt] = useState<{ x: number; y: number }>();
  const open = (event: MouseEvent<HTMLButtonElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    setAt({ x: box.left, y: box.bottom + 2 });
  };
  return (
    <>
      <ToolButton
        icon="link"
        label={COMMAND_LABELS.copyUrl}
        shortcut={COPY_URL_SHORTCUT}
        className={className}
        aria-haspopup="menu"
        aria-expanded={!!at}
        disabled={disabled}
        onClick={open}
      />
      {at && <ContextMenu label={COMMAND_LABELS.copyUrl} x={at.x} y={at.y} items={copyUrlItems(paneId)} onClose={() => setAt(undefined)} />}
    </>
  );
}
