import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { buildPailApi } from '../../shared/ipc/build-api';
import { ipcName } from '../../shared/ipc/channels';
import type { Result } from '../../shared/errors';

/**
 * The sandboxed preload: exposes `window.pail`, one named method per request
 * channel and `on(event, listener)` that returns its unsubscribe function.
 * Nothing else of Electron or Node reaches the page.
 */
const api = buildPailApi({
  transport: 'electron',
  invoke: (channel, request, requestId) => ipcRenderer.invoke(ipcName(channel), request, requestId) as Promise<Result<unknown>>,
  subscribe(event, listener) {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(ipcName(event), forward);
    return () => {
      ipcRenderer.removeListener(ipcName(event), forward);
    };
  },
});
// Dropped and picked files are uploaded by the main process from their paths (webUtils, Electron 32+).
// '' for a File not on disk (built in JS, dragged from a web page); it throws for anything not a File.
api.pathForFile = (file) => {
  try {
    return webUtils.getPathForFile(file as File);
  } catch {
    return '';
  }
};

contextBridge.exposeInMainWorld('pail', api);
