import type { PailApi } from '../shared/ipc/api';
import { createWebClient } from './transport/web-client';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    pail?: PailApi;
  }
}

/**
 * The one way the renderer reaches the main process: Electron's `window.pail`
 * when the preload set it, otherwise the loopback web transport. Stores call
 * this module; components never do.
 */
export const api: PailApi = window.pail ?? createWebClient();
