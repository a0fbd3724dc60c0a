import { create } from 'zustand';
import type { LinodeAccountEndpoint } from '../../shared/linode-hosts';
import { idle, type Loadable } from '../../shared/loadable';

/** The profile editor's optional listing of a Linode account's endpoints (the token is never kept here). */
export interface LinodeEndpointsState {
  endpoints: Loadable<LinodeAccountEndpoint[]>;
}

/** The store's own setters; listing is in actions/linode-endpoints.ts. */
export interface LinodeEndpointsSetters {
  setEndpoints(endpoints: Loadable<LinodeAccountEndpoint[]>): void;
  /** Forgets the listing (the editor closed). */
  reset(): void;
}

const initialState: LinodeEndpointsState = { endpoints: idle };

/** The Linode endpoints store. */
export const useLinodeEndpointsStore = create<LinodeEndpointsState & LinodeEndpointsSetters>()((set) => ({
  ...initialState,
  setEndpoints: (endpoints) => set({ endpoints }),
  reset: () => set(initialState),
}));
