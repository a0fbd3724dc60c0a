import { ascendingOrder, type AheadJob } from './row-order';

/**
 * The sort worker: sorts a big folder's rows by a column off the page's main
 * thread (see `sort-ahead.ts`). Each message is `{ id, job }`; the answer is
 * `{ id, order }` with the order's buffer transferred, or `{ id, error }`.
 */

/** The worker's global scope, as much of it as this file uses (the renderer's project types the DOM, not workers). */
interface WorkerScope {
  onmessage: ((message: MessageEvent<{ id: number; job: AheadJob }>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (message) => {
  const { id, job } = message.data;
  try {
    const order = ascendingOrder(job);
    scope.postMessage({ id, order }, [order.buffer]);
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
