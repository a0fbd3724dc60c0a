import type { BatchSnapshot } from '../../../../shared/transfers';

/** Who waits for which batch to finish (`TransferService.settled`): the CLI, drag-out, tests. */
export class BatchWaiters {
  private readonly waiting = new Map<string, ((batch: BatchSnapshot) => void)[]>();

  /** Resolves with the batch's snapshot when `wake` is called for it. */
  wait(batchId: string): Promise<BatchSnapshot> {
    return new Promise((resolve) => this.waiting.set(batchId, [...(this.waiting.get(batchId) ?? []), resolve]));
  }

  /** The batch has finished: every waiter gets its snapshot, once. */
  wake(batchId: string, snapshot: BatchSnapshot): void {
    for (const resolve of this.waiting.get(batchId) ?? []) resolve(snapshot);
    this.waiting.delete(batchId);
  }
}
