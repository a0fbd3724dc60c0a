// The local paths a download batch's transfers have taken, so that no two transfers of the batch write one
// file (two keys can come to one name: "a\b" and "a_b", "a" saved as "a (file)", a number added on a conflict),
// in memory that does not grow with the batch: exact paths only for the transfers held as records and for
// the few paths Pail made up, a filter of a few bits a path for the rest.

/**
 * Where a download's path comes from, which says what it can collide with:
 * - `key`: the key's own path, below a folder no other part of the batch writes into. Two such paths never
 *   meet (distinct keys, same mapping), so one collides only with a `made` path, which is always kept exactly.
 * - `shared`: the key's own path, below a folder another part of the batch also writes into (two folders
 *   "2023/photos/" and "2024/photos/" downloaded side by side): it may meet another key's own path.
 * - `made`: a path Pail made up (a key made safe, " (file)", "name (1)", a folder marker's data file).
 */
export type PathOrigin = 'key' | 'shared' | 'made';

/** The holder of a path claimed by a `made` transfer the batch let go of: no transfer has this id. */
const LET_GO = '';

/** One Bloom filter of a PathFilter: 2^`log2Bits` bits, meant for BITS_PER_PATH bits a path. */
class FilterLayer {
  readonly bits: Uint8Array;
  readonly capacity: number;
  count = 0;

  constructor(readonly log2Bits: number) {
    this.bits = new Uint8Array(2 ** (log2Bits - 3));
    this.capacity = Math.floor(2 ** log2Bits / BITS_PER_PATH);
  }
}

/** Bits a path in a layer, and probes: a full layer takes a path it never saw with a chance of about 2 in 10^6. */
const BITS_PER_PATH = 32;
const PROBES = 10;
/** The first layer (4 KiB, 1,024 paths), each next one four times bigger, up to the last (4 MiB, a million paths more). */
const FIRST_LAYER_LOG2_BITS = 15;
const LAST_LAYER_LOG2_BITS = 25;

/**
 * A scalable Bloom filter over strings: it answers "maybe seen" or "never
 * seen", in layers that grow fourfold as paths come (a batch of 1,000 files
 * pays 4 KiB, one of 100,000 1.3 MiB, one of a million 5.3 MiB, and none pays
 * more: past 1.4 million paths the last layer fills, its false "maybe"s growing).
 * Hand-written rather than the bloom-filters package: that one brings eight
 * dependencies (lodash, Long, a pure-JS xxhash allocating per call) for what
 * is here arrays of bits and two multiplicative hashes.
 */
export class PathFilter {
  private readonly layers = [new FilterLayer(FIRST_LAYER_LOG2_BITS)];

  add(path: string): void {
    let layer = this.layers.at(-1)!;
    if (layer.count >= layer.capacity && layer.log2Bits < LAST_LAYER_LOG2_BITS) this.layers.push((layer = new FilterLayer(layer.log2Bits + 2)));
    layer.count += 1;
    probe(path, layer, (byte, mask) => {
      layer.bits[byte] |= mask;
      return true;
    });
  }

  /** False when `path` was certainly never added; true when it probably was. */
  mayHave(path: string): boolean {
    return this.layers.some((layer) => probe(path, layer, (byte, mask) => (layer.bits[byte] & mask) !== 0));
  }

  /** Bytes the filter holds. */
  bytes(): number {
    return this.layers.reduce((sum, layer) => sum + layer.bits.length, 0);
  }
}

/** Calls `visit` on each of the path's bits in the layer while it answers true; true when every call did. */
function probe(path: string, layer: FilterLayer, visit: (byte: number, mask: number) => boolean): boolean {
  // Two independent 32-bit hashes of the UTF-16 units (FNV-1a, then a murmur3 finalizer), combined as
  // h1 + i·h2 (Kirsch and Mitzenmacher: as good as k independent hashes for a Bloom filter).
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < path.length; i += 1) {
    const unit = path.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a = finalize(a);
  b = finalize(b) | 1;
  const mask = 2 ** layer.log2Bits - 1;
  for (let i = 0; i < PROBES; i += 1) {
    const bit = (a + Math.imul(i, b)) & mask;
    if (!visit(bit >>> 3, 1 << (bit & 7))) return false;
  }
  return true;
}

/** murmur3's 32-bit finalizer: spreads every input bit over the whole word. */
function finalize(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A batch's claims on local paths. While its transfer is held as a record a
 * path is held exactly, with the transfer's id; once the batch lets the
 * transfer go (see BatchRecord.keep) its path goes into a PathFilter (4 bytes
 * a path, at most 5.3 MiB), except
 * a `made` path, which stays exact (there are few: keys that needed changing).
 * A `key` path asks only the exact paths; a `shared` or `made` one asks the
 * filter too, and a "maybe" counts only when the file is on disk (a batch's
 * finished file is there), so a false "maybe" on a path nothing is at costs
 * nothing; on an existing file under "overwrite" it saves as "name (1)".
 */
export class DestinationClaims {
  private readonly held = new Map<string, string>();
  /** The `made` paths among those held: kept exactly when their transfer is let go. */
  private readonly made = new Set<string>();
  /** The own paths of transfers let go; made on the first one (a batch of a few hundred files never needs it). */
  private letGo?: PathFilter;

  /**
   * Takes `path` for the transfer; false when another transfer of the batch
   * has it. `present` says whether something is at the path on disk (asked
   * only on the filter's "maybe").
   */
  async claim(path: string, transferId: string, origin: PathOrigin, present: (path: string) => Promise<boolean>): Promise<boolean> {
    const holder = this.held.get(path);
    if (holder !== undefined) return holder === transferId;
    if (origin !== 'key' && this.letGo?.mayHave(path) && (await present(path))) return false;
    // Another transfer may have taken it while the disk was asked.
    const now = this.held.get(path);
    if (now !== undefined) return now === transferId;
    this.held.set(path, transferId);
    if (origin === 'made') this.made.add(path);
    return true;
  }

  /** The batch let go of the transfer that holds `path`: its claim stays, in less memory. */
  release(path: string, transferId: string): void {
    if (this.held.get(path) !== transferId) return;
    if (this.made.has(path)) {
      // Without its id: a UUID is ~0.5 KB in V8.
      this.held.set(path, LET_GO);
      return;
    }
    this.held.delete(path);
    (this.letGo ??= new PathFilter()).add(path);
  }

  /** Paths held exactly: those of the transfers held as records, and the `made` ones let go. */
  exactCount(): number {
    return this.held.size;
  }
}
