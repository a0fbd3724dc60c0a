import type { RowColumns } from '../stores/listing-columns';
import { AHEAD_COLUMNS, aheadJob, type AheadJob, type GroupSorted, type SortColumnName } from './row-order';

/**
 * Sort orders of a big folder computed before anyone asks: once a listing is
 * complete, a worker sorts its rows by size, date and storage class, one
 * column at a time, and the orders wait here. A click on a column header then
 * finds its order ready (or its reverse, for descending), and the table
 * repaints without sorting: at a million rows the sort itself took 70–120 ms of
 * CPU here, 250–480 ms from click to paint on a loaded machine, where the
 * target is 200. A click before an order is ready sorts on the main thread, as
 * before. Orders are kept per group (weakly: a listing dropped takes them
 * along), ascending, 4 bytes a row each.
 *
 * Only groups listed in name order without two rows alike (folder listings)
 * are sorted ahead: their ties fall back to the listed order, so a worker
 * needs just the column; search results and versions sort as before.
 */

/** Runs one job off the main thread and answers the ascending order. */
export type AheadRunner = (job: AheadJob) => Promise<Uint32Array>;

/** Groups smaller than this sort on the main thread in a few milliseconds: not worth a worker. */
export const AHEAD_MIN_ROWS = 20_000;

type Column = (typeof AHEAD_COLUMNS)[number];

interface HeldOrder {
  count: number;
  order: Uint32Array;
}

export class SortAhead {
  private readonly held = new WeakMap<RowColumns, Map<Column, HeldOrder>>();
  /** The group being prepared and for how many rows, so a second call for the same rows does not queue its jobs again. */
  private readonly preparing = new WeakMap<RowColumns, number>();
  /** Each column's job queued or running, by group: a click on its header can wait for it. */
  private readonly coming = new WeakMap<RowColumns, Map<Column, { count: number; done: Promise<void> }>>();
  /** Jobs run one after another, leaving the other core to the page. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    /** Undefined where no worker can run (tests under Node): nothing is prepared and every sort is done on demand. */
    private readonly run: AheadRunner | undefined,
    private readonly minRows = AHEAD_MIN_ROWS,
  ) {}

  /** Sorts the group's first `count` rows by each column in the background; resolves when all are held (or failed). */
  prepare(group: RowColumns | undefined, count: number): Promise<void> {
    const run = this.run;
    if (!run || !group || count < this.minRows || !group.namesInOrder || group.kind === 'version') return Promise.resolve();
    if ((this.preparing.get(group) ?? 0) >= count) return this.queue;
    this.preparing.set(group, count);
    let coming = this.coming.get(group);
    if (!coming) this.coming.set(group, (coming = new Map()));
    for (const column of AHEAD_COLUMNS) {
      this.queue = this.queue.then(async () => {
        if ((this.held.get(group)?.get(column)?.count ?? 0) >= count) return;
        // Built when its turn comes, so a folder refreshed meanwhile is not copied for nothing.
        const started = performance.now();
        const order = await run(aheadJob(group, count, column)).catch(() => undefined);
        // For the performance panel and the rows benchmark: how long each order took to come back.
        performance.measure(`Pail sorted ${count} rows ahead by ${column}`, { start: started, end: performance.now() });
        if (!order || order.length !== count) return;
        let columns = this.held.get(group);
        if (!columns) this.held.set(group, (columns = new Map()));
        if ((columns.get(column)?.count ?? 0) < count) columns.set(column, { count, order });
      });
      coming.set(column, { count, done: this.queue });
    }
    return this.queue;
  }

  /**
   * Resolves when the order of the group's first `count` rows by `column` is
   * held or has failed; undefined when none is on its way (held already, or
   * never asked for): sort now.
   */
  whenSorted(group: RowColumns, count: number, column: SortColumnName): Promise<void> | undefined {
    if (column === 'name' || (this.held.get(group)?.get(column)?.count ?? 0) >= count) return undefined;
    const coming = this.coming.get(group)?.get(column);
    return coming && coming.count >= count ? coming.done : undefined;
  }

  /**
   * The group's order by `column` as held, for as many of its first `count`
   * rows as were sorted ahead (`extendGroupOrder` merges in any rows after
   * them), or undefined.
   */
  sorted(group: RowColumns, count: number, column: SortColumnName, descending: boolean): GroupSorted | undefined {
    if (column === 'name') return undefined;
    const held = this.held.get(group)?.get(column);
    if (!held || held.count > count) return undefined;
    // Ties fall back to the listed order, forwards or backwards: descending is ascending reversed.
    const order = descending ? held.order.slice().reverse() : held.order;
    return { group, count: held.count, column, descending, order };
  }
}

/** How long the worker stays after its last job: its own heap and scratch arrays (some 30 MB at a million rows) go with it. */
const WORKER_IDLE_MS = 5_000;

/** Runs jobs in a dedicated worker (started when needed, ended when idle, started again after one failed); undefined where there are no workers. */
export function workerRunner(): AheadRunner | undefined {
  if (typeof Worker === 'undefined') return undefined;
  let worker: Worker | undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (order: Uint32Array) => void; reject: (error: Error) => void }>();
  const failAll = (reason: string) => {
    for (const { reject } of waiting.values()) reject(new Error(reason));
    waiting.clear();
    worker?.terminate();
    worker = undefined;
  };
  const start = (): Worker => {
    const started = new Worker(new URL('./sort-worker.ts', import.meta.url), { type: 'module', name: 'Pail sort' });
    started.onmessage = (message: MessageEvent<{ id: number; order?: Uint32Array; error?: string }>) => {
      const { id, order, error } = message.data;
      const call = waiting.get(id);
      waiting.delete(id);
      if (order) call?.resolve(order);
      else call?.reject(new Error(error ?? 'the sort worker answered nothing'));
      if (waiting.size === 0) {
        idleTimer = setTimeout(() => {
          worker?.terminate();
          worker = undefined;
        }, WORKER_IDLE_MS);
      }
    };
    started.onerror = (event) => failAll(`the sort worker failed: ${event.message}`);
    return started;
  };
  return (job) =>
    new Promise<Uint32Array>((resolve, reject) => {
      clearTimeout(idleTimer);
      try {
        worker ??= start();
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      const id = (nextId += 1);
      waiting.set(id, { resolve, reject });
      const buffer = job.column === 'storageClass' ? job.keys.buffer : job.values.buffer;
      worker.postMessage({ id, job }, [buffer]);
    });
}

/** The renderer's one set of orders sorted ahead, shared by both panes. */
export const sortAhead = new SortAhead(workerRunner());
