import type { ErrorInfo } from './errors';

/**
 * The one shape of anything loaded from the main process: not asked for yet, on its way, here, or
 * failed with the error to show. Stores keep a `Loadable<T>` instead of their own loading flag and
 * error field, so every view reads loading state the same way.
 */
export type Loadable<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly value?: T }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'failed'; readonly error: ErrorInfo; readonly value?: T };

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

/**
 * On its way again, keeping the last value (if there is one) so a view that asks again for the
 * same thing can keep showing it instead of flashing "Loading…".
 */
export function reloading<T>(previous: Loadable<T>): Loadable<T> {
  const value = lastValueOf(previous);
  return value === undefined ? loading : { status: 'loading', value };
}

/** Failed, keeping the last value (if there is one) on screen beside the error. */
export function failedKeeping<T>(previous: Loadable<T>, error: ErrorInfo): Loadable<T> {
  const value = lastValueOf(previous);
  return value === undefined ? failed(error) : { status: 'failed', error, value };
}

/** The newest value known: the ready one, or the one kept while it loads again or after that failed. */
export function lastValueOf<T>(loadable: Loadable<T>): T | undefined {
  return 'value' in loadable ? loadable.value : undefined;
}

/** The shape of a `Result` answer from the border, as a `Loadable`. */
export function fromResult<T>(result: { ok: true; data: T } | { ok: false; error: ErrorInfo }): Loadable<T> {
  return result.ok ? ready(result.data) : failed(result.error);
}
