import { useEffect } from 'react';

const carriesFiles = (event: DragEvent) => !!event.dataTransfer && [...event.dataTransfer.types].includes('Files');

/**
 * Files dropped where nothing takes them (the sidebar, a toolbar) would make
 * the browser open them in place of the app: such drops are refused here.
 * Targets that take files (a folder's rows) handle the event first.
 */
export function useFileDropGuard(): void {
  useEffect(() => {
    const onDragOver = (event: DragEvent) => {
      if (event.defaultPrevented || !carriesFiles(event)) return;
      event.preventDefault();
      event.dataTransfer!.dropEffect = 'none';
    };
    const onDrop = (event: DragEvent) => {
      if (!event.defaultPrevented && carriesFiles(event)) event.preventDefault();
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
}
