import type { ButtonHTMLAttributes } from 'react';
import { Icon, type IconName } from './Icon';

/** Props of {@link ToolButton}. */
export interface ToolButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
  icon: IconName;
  /** The button's name; shown beside the icon unless `iconOnly` (or the pane is narrow). */
  label: string;
  /** Shown in the tooltip and exposed as `aria-keyshortcuts`, e.g. "F2". */
  shortcut?: string;
  iconOnly?: boolean;
}

/** A toolbar button: an icon and its name (the name stays the accessible name when a narrow pane hides it). */
export function ToolButton({ icon, label, shortcut, iconOnly, className, ...button }: ToolButtonProps) {
  return (
    <button
      type="button"
      {...button}
      className={['tool-button', iconOnly && 'tool-button-icon', className].filter(Boolean).join(' ')}
      aria-label={label}
      aria-keyshortcuts={shortcut?.replace(/←/g, 'ArrowLeft').replace(/→/g, 'ArrowRight').replace(/↑/g, 'ArrowUp')}
      title={shortcut ? `${label} (${shortcut})` : label}
    >
      <Icon name={icon} />
      {!iconOnly && (
        <span className="tool-label" aria-hidden="true">
          {label}
        </span>
      )}
    </button>
  );
}
