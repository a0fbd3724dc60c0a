import { ipcMain, type WebContents } from 'electron';
import { REQUEST_CHANNELS, ipcName, type EventChannel } from '../../shared/ipc/channels';
import type { EventOf } from '../../shared/ipc/contract';
import type { Dispatch } from '../ipc/dispatcher';

/** Registers every request channel with Electron's IPC; all go through the one dispatcher. */
export function registerElectronIpc(dispatch: Dispatch): void {
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(ipcName(channel), (event, request: unknown, requestId: unknown) =>
      dispatch(channel, request, { transport: 'electron', origin: event.senderFrame?.url }, typeof requestId === 'string' ? requestId : undefined),
    );
  }
}

/** Sends an event to the given windows' renderers. */
export function emitToRenderers<E extends EventChannel>(targets: () => WebContents[], event: E, payload: EventOf<E>): void {
  for (const contents of targets()) {
    if (!contents.isDestroyed()) contents.send(ipcName(event), payload);
  }
}
