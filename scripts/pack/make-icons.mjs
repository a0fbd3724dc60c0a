#!/usr/bin/env node
// Draws Pail's app icon (a pail on a blue rounded square) and writes
// build/icon.png (1024×1024, from which electron-builder makes the .icns and
// .ico) and build/icons/<n>x<n>.png for Linux. Node's standard library only;
// the output is byte-for-byte reproducible: `node scripts/pack/make-icons.mjs`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const root = join(import.meta.dirname, '..', '..');
const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512];

// The drawing, in a 1024-unit square.
const CX = 512;
const RIM_Y = 400;
const BOTTOM_Y = 790;
const TOP_HALF = 256;
const BOTTOM_HALF = 182;

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);
const clamp01 = (t) => Math.min(1, Math.max(0, t));

const SKY_TOP = hex('#4f8ef7');
const SKY_BOTTOM = hex('#1d4ed8');
const METAL_LIGHT = hex('#ffffff');
const METAL_SHADE = hex('#d3e0f7');
const HOOP = hex('#a9c3f0');
const RIM = hex('#f3f7ff');
const INSIDE_BACK = hex('#12296b');
const INSIDE_FRONT = hex('#234aa8');
const HANDLE = hex('#e8f0ff');

function inRoundedSquare(x, y) {
  const lo = 64;
  const hi = 960;
  const r = 200;
  const qx = Math.max(lo + r - x, 0, x - (hi - r));
  const qy = Math.max(lo + r - y, 0, y - (hi - r));
  return x >= lo && x <= hi && y >= lo && y <= hi && qx * qx + qy * qy <= r * r;
}

const inEllipse = (x, y, cx, cy, rx, ry) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;

/** Half the body's width at height y: the sides taper towards the bottom. */
const halfWidth = (y) => TOP_HALF - ((y - RIM_Y) / (BOTTOM_Y - RIM_Y)) * (TOP_HALF - BOTTOM_HALF);

function inBody(x, y) {
  if (y >= RIM_Y && y <= BOTTOM_Y) return Math.abs(x - CX) <= halfWidth(y);
  return y > BOTTOM_Y && inEllipse(x, y, CX, BOTTOM_Y, BOTTOM_HALF, 44);
}

/** The hoop around the body follows the same perspective as the rim. */
function inHoop(x, y) {
  const mid = 590;
  const hw = halfWidth(mid);
  const dx = (x - CX) / hw;
  if (Math.abs(dx) > 1) return false;
  const curve = mid + 50 * Math.sqrt(1 - dx * dx);
  return y >= curve - 14 && y <= curve + 14;
}

function inHandle(x, y) {
  if (y > RIM_Y) return false;
  const d = Math.hypot(x - CX, (y - RIM_Y) * 1.04);
  return Math.abs(d - 234) <= 17;
}

/** The colour of one point, or null where the icon is transparent. */
function paint(x, y) {
  if (!inRoundedSquare(x, y)) return null;
  let color = mix(SKY_TOP, SKY_BOTTOM, clamp01((y - 64) / 896));
  if (inHandle(x, y)) color = HANDLE;
  if (inBody(x, y)) {
    const across = clamp01((x - CX) / (2 * TOP_HALF) + 0.5);
    color = mix(METAL_LIGHT, METAL_SHADE, across ** 1.6);
    if (inHoop(x, y)) color = mix(HOOP, METAL_SHADE, across * 0.5);
    // The lip's shadow on the body, just under the rim.
    if (inEllipse(x, y, CX, RIM_Y + 10, TOP_HALF + 2, 64)) color = mix(color, HOOP, 0.45);
  }
  if (inEllipse(x, y, CX, RIM_Y, TOP_HALF + 8, 60)) color = RIM;
  if (inEllipse(x, y, CX, RIM_Y, TOP_HALF - 30, 40)) color = mix(INSIDE_BACK, INSIDE_FRONT, clamp01((y - (RIM_Y - 40)) / 80));
  return color;
}

/** Renders the icon at size×size, averaging samples×samples points per pixel. */
function render(size, samples) {
  const pixels = Buffer.alloc(size * size * 4);
  const scale = 1024 / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = paint((px + (sx + 0.5) / samples) * scale, (py + (sy + 0.5) / samples) * scale);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          covered++;
        }
      }
      const at = (py * size + px) * 4;
      if (covered === 0) continue;
      pixels[at] = Math.round(r / covered);
      pixels[at + 1] = Math.round(g / covered);
      pixels[at + 2] = Math.round(b / covered);
      pixels[at + 3] = Math.round((255 * covered) / (samples * samples));
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG of raw pixels (no filtering: zlib does well enough on flat colour). */
function encodePng(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function write(path, size) {
  // Small icons get more samples per pixel so their edges stay smooth.
  const samples = size >= 512 ? 4 : size >= 64 ? 6 : 8;
  writeFileSync(path, encodePng(size, render(size, samples)));
  process.stdout.write(`${path.slice(root.length + 1)}\n`);
}

mkdirSync(join(root, 'build', 'icons'), { recursive: true });
write(join(root, 'build', 'icon.png'), 1024);
for (const size of LINUX_SIZES) write(join(root, 'build', 'icons', `${size}x${size}.png`), size);
