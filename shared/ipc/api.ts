import type { Result } from '../errors';
import type { EventChannel, RequestChannel } from './channels';
import type { EventOf, RequestOf, ResponseOf } from './contract';
import type { BodyWanted } from '../transfers';

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;
type VerbOf<C extends string, D extends string> = C extends `${D}:${infer V}` ? V : never;

/** What a call across the bridge may carry besides its request: an id to cancel it by (`app:cancel`). */
export interface BridgeCallOptions {
  requestId?: string;
}

/** A method per request channel: `api.profiles.create(req, options)` for `profiles:create`. */
export type RequestMethods<Options = BridgeCallOptions> = {
  [D in DomainOf<RequestChannel>]: {
    [V in VerbOf<RequestChannel, D>]: `${D}:${V}` extends infer C extends RequestChannel
      ? (request: RequestOf<C>, options?: Options) => Promise<Result<ResponseOf<C>>>
      : never;
  };
};

/**
 * What the renderer calls: `window.pail` in Electron (built by the preload), or
 * the web transport's client in a browser. Both are made from the same channel
 * lists, so they cannot differ.
 */
export type PailApi = RequestMethods & {
  /** Listens to an event; returns the function that stops listening. */
  on<E extends EventChannel>(event: E, listener: (payload: EventOf<E>) => void): () => void;
  /** Which transport carries the calls. */
  readonly transport: 'electron' | 'web';
  /** Electron: the path on disk of a dropped or picked File (`webUtils.getPathForFile`); empty when it has none. */
  pathForFile?(file: object): string;
  /** The web transport: streams the File the engine asked for (`transfer:bodyWanted`), from the asked offset, to the server. */
  sendBody?(wanted: BodyWanted, file: object): Promise<void>;
};
