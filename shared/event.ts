/**
 * A typed event emitter in VS Code's `onDidX` style: the owner keeps the `Emitter` and fires it;
 * everyone else gets only `event`, a function that adds a listener and returns the function that
 * removes it. Listeners are added after construction by whoever needs them, so nothing is wired by
 * assigning a callback onto an object that already exists.
 */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** Adds a listener; returns the function that removes it. */
  readonly event = (listener: (value: T) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Calls every listener with `value`, in the order they were added (as Node's EventEmitter: a listener that throws throws to the caller). */
  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }

  /** True while someone listens. */
  hasListeners(): boolean {
    return this.listeners.size > 0;
  }
}
