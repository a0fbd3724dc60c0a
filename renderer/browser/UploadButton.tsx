import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { canUploadHere } from '../actions/commands';
import { folderPickerKeepsEmptyFolders, nativeFolderPicker, uploadFolderNative, uploadPicked } from '../actions/transfer-start';
import { ContextMenu } from '../common/ContextMenu';
import { usePane, usePaneId } from './pane-context';
import { ToolButton } from '../common/ToolButton';

/** Said on "Upload folder…" where the browser's folder picker cannot see empty folders. */
const EMPTY_FOLDERS_LEFT_OUT = 'The browser leaves empty folders out of a picked folder: drop the folder onto the list to keep them.';

/**
 * "Upload": a menu button offering the file picker and the folder picker
 * (the native folder dialog in Electron, which also brings empty folders;
 * a browser's picker cannot, and the menu says so);
 * what is picked goes into the pane's folder.
 */
export function UploadButton() {
  const paneId = usePaneId();
  const enabled = usePane(canUploadHere);
  const [menu, setMenu] = useState<{ x: number; y: number }>();
  const filesRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);

  // React has no prop for it: the folder picker is an input with `webkitdirectory`.
  useEffect(() => {
    if (folderRef.current) folderRef.current.webkitdirectory = true;
  }, []);

  const onPicked = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    // Cleared so that picking the same files again still fires "change".
    event.target.value = '';
    void uploadPicked(paneId, files);
  };

  return (
    <>
      <ToolButton
        icon="upload"
        label="Upload"
        aria-haspopup="menu"
        aria-expanded={!!menu}
        disabled={!enabled}
        onClick={(event) => {
          const box = event.currentTarget.getBoundingClientRect();
          setMenu({ x: box.left, y: box.bottom + 2 });
        }}
      />
      <input ref={filesRef} type="file" multiple hidden onChange={onPicked} />
      <input ref={folderRef} type="file" hidden onChange={onPicked} />
      {menu && (
        <ContextMenu
          label="Upload"
          x={menu.x}
          y={menu.y}
          onClose={() => setMenu(undefined)}
          items={[
            { label: 'Upload files…', run: () => filesRef.current?.click() },
            {
              label: 'Upload folder…',
              ...(!folderPickerKeepsEmptyFolders() && { description: EMPTY_FOLDERS_LEFT_OUT }),
              run: () => (nativeFolderPicker() ? void uploadFolderNative(paneId) : folderRef.current?.click()),
            },
          ]}
        />
      )}
    </>
  );
}
