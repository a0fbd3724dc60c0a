import type { PailApi } from '../shared/ipc/api';
import { useRequestsStore } from './stores/requests';
import { createTrackedApi, type RendererApi } from './tracked-api';
import { createWebClient } from './transport/web-client';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    pail?: PailApi;
  }
}

const tracked = createTrackedApi(window.pail ?? createWebClient(), useRequestsStore.getState());

/**
 * The one way the renderer reaches the main process: Electron's `window.pail`
 * when the preload set it, otherwise the loopback web transport, each request
 * tracked (see tracked-api.ts). Actions call this module; components never do.
 */
export const api: RendererApi = tracked.api;

// The "not answering" notice's Cancel and Retry reach requests through the store.
useRequestsStore.setState({ controls: tracked.controls });
