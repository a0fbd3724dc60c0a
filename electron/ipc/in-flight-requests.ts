import { setMaxListeners } from 'node:events';
import type { ParsedRequestOf, ResponseOf } from '../../shared/ipc/contract';

/**
 * The requests the dispatcher is running, by the id their caller gave them,
 * so `app:cancel` can stop one: its AbortSignal fires, and every server call
 * made with it stops at once. A request without an id cannot be cancelled,
 * but still ends by its deadlines.
 */
export class InFlightRequests {
  private readonly running = new Map<string, AbortController>();

  /** Registers a request; call the returned function when it has answered. */
  begin(requestId: string | undefined): { signal: AbortSignal; end: () => void } {
    const controller = new AbortController();
    // Each server call listens to the signal while it runs, and one request may run dozens at once (a delete's
    // batches, a folder's pages): past Node's 10 that is no leak, and its warning would only be noise.
    setMaxListeners(1000, controller.signal);
    if (requestId === undefined || this.running.has(requestId)) return { signal: controller.signal, end: () => undefined };
    this.running.set(requestId, controller);
    return { signal: controller.signal, end: () => this.running.delete(requestId) };
  }

  /** Aborts a running request; `cancelled` is false when none runs under that id (it already answered). */
  cancel({ requestId }: ParsedRequestOf<'app:cancel'>): ResponseOf<'app:cancel'> {
    const controller = this.running.get(requestId);
    if (!controller) return { cancelled: false };
    this.running.delete(requestId);
    controller.abort(cancelledReason());
    return { cancelled: true };
  }

  /** How many requests with an id are running (for tests). */
  get size(): number {
    return this.running.size;
  }
}

/** The reason a cancelled request's signal carries: an AbortError, as fetch and the SDK raise. */
function cancelledReason(): Error {
  return Object.assign(new Error('Cancelled by the user.'), { name: 'AbortError', code: 'ABORT_ERR', cancelled: true });
}
