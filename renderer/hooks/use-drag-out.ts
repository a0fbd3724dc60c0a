import { useEffect } from 'react';
import { dragSession, type DragSession } from '../browser/drag-session';
import { dragOutRows } from '../actions/transfer-start';

/**
 * Electron: rows dragged out of the window go to the desktop or a file
 * manager as files (`transfers:dragOut`; folders stay behind). Asked when the
 * drag leaves the window, not when it starts, so a drag between the panes
 * downloads nothing. Does nothing where the shell cannot (the web mode).
 */
export function useDragOut(): void {
  useEffect(() => {
    let sentFor: DragSession | undefined;
    const onDragLeave = (event: DragEvent) => {
      const session = dragSession();
      if (!session || session === sentFor || event.relatedTarget !== null) return;
      const outside = event.clientX <= 0 || event.clientY <= 0 || event.clientX >= window.innerWidth || event.clientY >= window.innerHeight;
      if (!outside) return;
      sentFor = session;
      dragOutRows(session.paneId, session.entries.keys);
    };
    document.addEventListener('dragleave', onDragLeave);
    return () => document.removeEventListener('dragleave', onDragLeave);
  }, []);
}
