/** What md5-lanes-wasm.ts exports (scripts/md5-lanes/generate.mjs writes it). */
export interface Md5LanesCode {
  /** `blocks` 64-byte blocks of four streams at once, from p0…p3, into the four lanes of the state at `state`. */
  lanes(state: number, p0: number, p1: number, p2: number, p3: number, blocks: number): void;
  /** `blocks` blocks of one stream from `p`, into lane `lane` of the same state. */
  lane(state: number, lane: number, p: number, blocks: number): void;
}

/** Whole blocks of one lane's stream, already in the WebAssembly memory. */
export interface LaneWork {
  lane: number;
  pointer: number;
  blocks: number;
}

/**
 * MD5 of up to four byte streams at once, one per 32-bit lane of WebAssembly's
 * 128-bit SIMD: a multipart upload hashes every part, and parts are
 * independent, so four are hashed in the time OpenSSL's MD5 (Node's crypto)
 * takes for about two. Measured on this machine: 0.75 CPU-s per GiB against
 * 1.69. MD5 cannot be split within one stream, and no maintained library
 * hashes several streams together, hence this (RFC 1321's steps, generated
 * by scripts/md5-lanes/generate.mjs and checked against crypto in the tests).
 *
 * It runs on the file thread (file-thread.ts). The state (four words per
 * lane, 64 bytes) and each lane's padding scratch (128 bytes) sit at `at` in
 * the memory; the streams' bytes anywhere else in it.
 */
export class Md5Lanes {
  /** Bytes of memory the state and scratch take from `at`. */
  static readonly BYTES = 64 + 4 * 128;

  constructor(
    private readonly code: Md5LanesCode,
    private readonly memory: WebAssembly.Memory,
    private readonly at: number,
  ) {}

  private words(): Uint32Array {
    return new Uint32Array(this.memory.buffer, this.at, 16);
  }

  /** Starts lane 0–3 on a new stream. */
  begin(lane: number): void {
    const words = this.words();
    [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476].forEach((word, row) => (words[row * 4 + lane] = word));
  }

  /**
   * Hashes the whole blocks given, for each lane listed; the other lanes keep
   * their state. Blocks all lanes have are hashed four at a time, the rest of
   * a lane's alone.
   */
  update(work: LaneWork[]): void {
    const active = work.filter((w) => w.blocks > 0);
    let together = 0;
    if (active.length > 1) {
      together = Math.min(...active.map((w) => w.blocks));
      const words = this.words();
      const idle = [0, 1, 2, 3].filter((lane) => !active.some((w) => w.lane === lane));
      const kept = idle.map((lane) => [0, 1, 2, 3].map((row) => words[row * 4 + lane]));
      // An idle lane reads another's bytes (any valid memory will do); its state is put back after.
      const pointers = [0, 1, 2, 3].map((lane) => (active.find((w) => w.lane === lane) ?? active[0]).pointer);
      this.code.lanes(this.at, pointers[0], pointers[1], pointers[2], pointers[3], together);
      idle.forEach((lane, i) => kept[i].forEach((word, row) => (words[row * 4 + lane] = word)));
    }
    for (const w of active) if (w.blocks > together) this.code.lane(this.at, w.lane, w.pointer + together * 64, w.blocks - together);
  }

  /** Ends a lane's stream with its last bytes (fewer than 64) and its whole length: the MD5. */
  finish(lane: number, tail: Uint8Array, length: number): Uint8Array {
    const scratch = this.at + 64 + lane * 128;
    const blocks = tail.length < 56 ? 1 : 2;
    const bytes = new Uint8Array(this.memory.buffer, scratch, blocks * 64);
    bytes.fill(0);
    bytes.set(tail);
    bytes[tail.length] = 0x80;
    const view = new DataView(this.memory.buffer, scratch, blocks * 64);
    view.setUint32(blocks * 64 - 8, (length * 8) >>> 0, true);
    view.setUint32(blocks * 64 - 4, Math.floor(length / 0x20000000), true);
    this.code.lane(this.at, lane, scratch, blocks);
    const words = this.words();
    const md5 = new Uint8Array(16);
    const out = new DataView(md5.buffer);
    for (let row = 0; row < 4; row += 1) out.setUint32(row * 4, words[row * 4 + lane], true);
    return md5;
  }
}
