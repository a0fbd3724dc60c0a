// Room on this machine to seed a gateway of scripts/gateway.mjs: its Ceph OSD keeps every object
// in memory (the `memstore` object store), an empty one included, and a machine out of memory does
// not fail a PUT: the kernel kills the biggest process, which is then the OSD every test shares.
import fs from 'node:fs';
import path from 'node:path';

/**
 * OSD memory one empty object took while seeding here: the OSD's resident set grew by 4.04 GB while
 * 415,000 empty objects went in (the data it stored grew by 0.09 GB meanwhile), on 2026-12-07.
 */
export const OSD_BYTES_PER_OBJECT = 10_000;

/** Memory the rest of the machine keeps, at the least, once a seeding is done. */
const RESERVE_BYTES = 4e9;

const gb = (bytes) => `${(bytes / 1e9).toFixed(1)} GB`;

/** True when the gateway's OSD runs on this machine with Ceph's in-memory object store. */
function storesInMemoryHere(gateway) {
  if (!gateway.dir) return false;
  try {
    return /^osd objectstore\s*=\s*memstore$/m.test(fs.readFileSync(path.join(gateway.dir, 'ceph.conf'), 'utf8'));
  } catch {
    return false;
  }
}

/** The kernel's estimate of the memory available to new work (MemAvailable), in bytes. */
function availableBytes() {
  const match = /^MemAvailable:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/meminfo', 'utf8'));
  return match ? Number(match[1]) * 1024 : undefined;
}

/**
 * Throws, in words, when PUTting `objects` more objects into a gateway that keeps them in this
 * machine's memory would leave the machine less than RESERVE_BYTES; does nothing for other gateways.
 */
export function checkRoomToSeed(gateway, objects) {
  if (!storesInMemoryHere(gateway)) return;
  const need = objects * OSD_BYTES_PER_OBJECT;
  const available = availableBytes();
  if (available === undefined || available - need >= RESERVE_BYTES) return;
  throw new Error(
    `seeding ${objects.toLocaleString('en-US')} objects would take the gateway's OSD about ${gb(need)} more memory ` +
      `(about ${OSD_BYTES_PER_OBJECT / 1000} KB an empty object in Ceph's in-memory store, measured here), and this machine has ` +
      `${gb(available)} available: the kernel would kill the OSD. Seed on a machine with ${gb(need + RESERVE_BYTES)} free, or give a smaller --keys.`,
  );
}
