import type { ErrorInfo } from './errors';

/**
 * The one shape of anything loaded from the main process: not asked for yet, on its way, here, or
 * failed with the error to show. Stores keep a `Loadable<T>` instead of their own loading flag and
 * error field, so every view reads loading state the same way.
 */
export type Loadable<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly previous?: T }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'failed'; readonly error: ErrorInfo };

/** Nothing asked for yet. */
export const idle: Loadable<never> = { status: 'idle' };
/** On its way. */
export const loading: Loadable<never> = { status: 'loading' };
/** Here. */
export function ready<T>(value: T): Loadable<T> {
  return { status: 'ready', value };
}
/** Failed, with the error to show. */
export function failed(error: ErrorInfo): Loadable<never> {
  return { status: 'failed', error };
}

/** The loaded value, or undefined while it is not ready. */
export function valueOf<T>(loadable: Loadable<T>): T | undefined {
  return loadable.status === 'ready' ? loadable.value : undefined;
}

/** The error, or undefined unless it failed. */
export function errorOf(loadable: Loadable<unknown>): ErrorInfo | undefined {
  return loadable.status === 'failed' ? loadable.error : undefined;
}

/** The shape of a `Result` answer from the border, as a `Loadable`. */
export function fromResult<T>(result: { ok: true; data: T } | { ok: false; error: ErrorInfo }): Loadable<T> {
  return result.ok ? ready(result.data) : failed(result.error);
}

/** On its way again, keeping the value loaded before (if any) so a view can go on showing it meanwhile (a refresh). */
export function reloading<T>(from: Loadable<T>): Loadable<T> {
  const previous = shownValueOf(from);
  return previous === undefined ? loading : { status: 'loading', previous };
}

/** The loaded value, or while it loads again the one loaded before; undefined otherwise. */
export function shownValueOf<T>(loadable: Loadable<T>): T | undefined {
  if (loadable.status === 'ready') return loadable.value;
  return loadable.status === 'loading' ? loadable.previous : undefined;
}
