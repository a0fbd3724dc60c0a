import type { TransferProgressEvent } from '../../../../shared/transfers';
import { totalsOf, type BatchRecord, type TransferRecord } from './transfer-records';

/** Events go out at most this often: ten a second, whatever the number of transfers. */
export const EMIT_INTERVAL_MS = 100;

/**
 * Gathers what changed (transfers, batches, removals) and sends it as one
 * event per interval, so 10,000 files finishing in a second cost ten events,
 * not 10,000. Running transfers are sampled every interval for their rates;
 * what an event carries and costs follows what changed and what runs, never
 * the size of a batch (its totals are sums the batch keeps).
 * The timer runs only while something moves.
 */
export class ProgressEmitter {
  private readonly dirty = new Set<TransferRecord>();
  private readonly dirtyBatches = new Set<BatchRecord>();
  private removed: string[] = [];
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly send: (event: TransferProgressEvent) => void,
    private readonly running: ReadonlySet<TransferRecord>,
    private readonly batches: () => Iterable<BatchRecord>,
    /** False for a listener that shows batches only (the CLI): no per-transfer snapshots are built. */
    private readonly withTransfers = true,
  ) {}

  /** A transfer changed. */
  touch(record: TransferRecord): void {
    this.dirty.add(record);
    this.dirtyBatches.add(record.batch);
    this.schedule();
  }

  /** A batch changed (policy, membership). */
  touchBatch(batch: BatchRecord): void {
    this.dirtyBatches.add(batch);
    this.schedule();
  }

  /** A transfer or batch was cleared away. */
  remove(item: TransferRecord | BatchRecord): void {
    if ('live' in item) this.dirtyBatches.delete(item);
    else this.dirty.delete(item);
    this.removed.push(item.id);
    this.schedule();
  }

  private schedule(): void {
    this.timer ??= setInterval(() => this.emit(), EMIT_INTERVAL_MS);
    this.timer.unref?.();
  }

  /** Sends what changed since the last event (at once: a finished batch flushes before it is announced). */
  emit(): void {
    const movingBatches = new Set<BatchRecord>();
    for (const record of this.running) {
      record.meter.record(record.bytes);
      this.dirty.add(record);
      movingBatches.add(record.batch);
    }
    for (const batch of movingBatches) {
      batch.meter.record(batch.sums().bytes);
      this.dirtyBatches.add(batch);
    }
    if (this.dirty.size === 0 && this.dirtyBatches.size === 0 && this.removed.length === 0) {
      this.stop();
      return;
    }
    const event: TransferProgressEvent = {
      transfers: this.withTransfers ? [...this.dirty].map((r) => r.snapshot()) : [],
      batches: [...this.dirtyBatches].map((b) => b.snapshot()),
      removed: this.removed,
      totals: totalsOf(this.batches(), this.running),
    };
    this.dirty.clear();
    this.dirtyBatches.clear();
    this.removed = [];
    this.send(event);
  }

  /** Stops the timer (it starts again with the next change). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
