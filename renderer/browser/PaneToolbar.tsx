import { Fragment, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAclBlock } from '../hooks/use-acl-block';
import { useClipboardStore } from '../stores/clipboard';
import { ACCESS_COMMANDS, commandAvailability, COMMAND_LABELS, runCommand, type PaneCommand } from '../actions/commands';
import { showDialog } from '../stores/dialogs';
import { AclOffNote } from '../access/AclOffNote';
import { CopyUrlButton } from './CopyUrlButton';
import { FilterField } from './FindFields';
import type { IconName } from '../common/Icon';
import { usePane, usePaneId } from './pane-context';
import { ToolButton } from '../common/ToolButton';
import { UploadButton } from './UploadButton';

const OBJECT_TOOLS: { command: PaneCommand; icon: IconName; shortcut?: string; groupStart?: boolean }[] = [
  { command: 'newFolder', icon: 'newFolder', shortcut: 'Ctrl+Shift+N' },
  { command: 'importUrl', icon: 'importUrl' },
  { command: 'download', icon: 'download', shortcut: 'Ctrl+Shift+S' },
  { command: 'rename', icon: 'rename', shortcut: 'F2' },
  { command: 'copy', icon: 'copy', shortcut: 'Ctrl+C', groupStart: true },
  { command: 'cut', icon: 'cut', shortcut: 'Ctrl+X' },
  { command: 'paste', icon: 'paste', shortcut: 'Ctrl+V' },
  { command: 'delete', icon: 'delete', shortcut: 'Delete', groupStart: true },
  { command: 'copyUrl', icon: 'link', shortcut: 'Ctrl+Shift+C', groupStart: true },
  { command: 'share', icon: 'share' },
  { command: 'makePublic', icon: 'globe' },
  { command: 'makePrivate', icon: 'lock' },
];

const VERSION_TOOLS: typeof OBJECT_TOOLS = [
  { command: 'downloadVersion', icon: 'download' },
  { command: 'restoreVersion', icon: 'restore' },
  { command: 'deleteVersion', icon: 'delete' },
];

// Arrow keys move between the buttons, as in a desktop toolbar.
function onToolbarKeyDown(event: KeyboardEvent<HTMLDivElement>) {
  if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at === -1) return;
  event.preventDefault();
  buttons[(at + (event.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
}

/** The pane's actions on the selection (or, in versions mode, on one version), uploads and imports, the versions toggle, and the filter. */
export function PaneToolbar() {
  const paneId = usePaneId();
  const hasClip = useClipboardStore((state) => !!state.clip);
  const available = usePane(useShallow((state) => commandAvailability(state, hasClip)));
  const { versionsMode, versioning, open } = usePane(
    useShallow((state) => ({ versionsMode: state.versionsMode, versioning: state.versioning, open: !!state.bucket })),
  );
  const { profileId, bucket } = usePane(useShallow((state) => ({ profileId: state.profileId, bucket: state.bucket })));
  const aclOff = useAclBlock(profileId, versionsMode ? undefined : bucket);
  const aclNoteId = `acl-off-${paneId}`;
  const tools = versionsMode ? VERSION_TOOLS : OBJECT_TOOLS;
  const versioningOff = open && versioning === 'Off';

  return (
    <div className="pane-toolbar">
      <div className="tool-group" role="toolbar" aria-label="Actions" onKeyDown={onToolbarKeyDown}>
        {tools.map((tool) => {
          // ACL toggles stay focusable where ACLs are off, so their reason can be read.
          const blocked = !!aclOff && ACCESS_COMMANDS.includes(tool.command);
          if (tool.command === 'copyUrl')
            return <CopyUrlButton key={tool.command} disabled={!available.copyUrl} className={tool.groupStart ? 'tool-group-start' : undefined} />;
          return (
            <Fragment key={tool.command}>
              <ToolButton
                icon={tool.icon}
                label={COMMAND_LABELS[tool.command]}
                shortcut={tool.shortcut}
                className={tool.groupStart ? 'tool-group-start' : undefined}
                disabled={!available[tool.command]}
                aria-disabled={blocked || undefined}
                aria-describedby={blocked ? aclNoteId : undefined}
                onClick={() => !blocked && runCommand(paneId, tool.command)}
              />
              {tool.command === 'newFolder' && <UploadButton />}
              {tool.command === 'makePrivate' && aclOff && <AclOffNote id={aclNoteId} off={aclOff} />}
            </Fragment>
          );
        })}
        <ToolButton
          icon="versions"
          label="Show versions"
          shortcut="Ctrl+Shift+H"
          className="tool-group-start"
          aria-pressed={versionsMode}
          aria-describedby={versioningOff ? `versioning-off-${paneId}` : undefined}
          disabled={!available.toggleVersions}
          onClick={() => runCommand(paneId, 'toggleVersions')}
        />
        {versioningOff && (
          <span className="versioning-off">
            <span id={`versioning-off-${paneId}`} className="versioning-note">
              Versioning is off for this bucket.
            </span>
            <button type="button" className="link-button link-button-small" onClick={() => showDialog({ kind: 'enableVersioning', paneId })}>
              Enable versioning
            </button>
          </span>
        )}
      </div>
      <FilterField />
    </div>
  );
}
