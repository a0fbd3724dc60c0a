/** What a stage id looks like (the page makes it: a UUID). */
const STAGE_ID = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Request bodies the page sends in pieces: an API request larger than the
 * per-request limit (deleting 30,000 selected keys of up to 1 KiB each) goes
 * as pieces that each fit, then as the request itself naming the stage, so it
 * stays one request (one job in the Activity panel) without any one HTTP body
 * passing the limit. All stages together are capped; an abandoned one expires.
 */
export class StagedBodies {
  private readonly stages = new Map<string, { pieces: Buffer[]; size: number; expires: number }>();
  private total = 0;

  constructor(
    private readonly maxTotalBytes: number,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when `id` can name a stage. */
  static validId(id: string): boolean {
    return STAGE_ID.test(id);
  }

  /** Adds a piece to a stage; false (and the stage dropped) when all stages would pass the cap. */
  append(id: string, piece: Buffer): boolean {
    this.expire();
    const stage = this.stages.get(id) ?? { pieces: [], size: 0, expires: 0 };
    if (this.total + piece.length > this.maxTotalBytes) {
      this.drop(id);
      return false;
    }
    stage.pieces.push(piece);
    stage.size += piece.length;
    stage.expires = this.now() + this.ttlMs;
    this.total += piece.length;
    this.stages.set(id, stage);
    return true;
  }

  /** The whole body of a stage, which is then gone; undefined for an unknown or expired one. */
  take(id: string): Buffer | undefined {
    this.expire();
    const stage = this.stages.get(id);
    if (!stage) return undefined;
    this.drop(id);
    return Buffer.concat(stage.pieces);
  }

  private drop(id: string): void {
    const stage = this.stages.get(id);
    if (!stage) return;
    this.total -= stage.size;
    this.stages.delete(id);
  }

  private expire(): void {
    const now = this.now();
    for (const [id, stage] of this.stages) if (stage.expires <= now) this.drop(id);
  }
}
