#!/usr/bin/env node
// `node scripts/md5-lanes/generate.mjs [--check]`: writes the WebAssembly that
// hashes up to four MD5 streams at once (electron/services/transfers/io/md5-lanes-wasm.ts)
// from the text format this script builds. RFC 1321's 64 steps are unrolled here
// rather than written out by hand. --check only compares with the committed file
// (the unit test runs it so the two cannot drift apart).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import wabtModule from 'wabt';

const OUTPUT = join(import.meta.dirname, '../../electron/services/transfers/io/md5-lanes-wasm.ts');

/** Per-step left rotations and the sine-derived constants of RFC 1321. */
const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const shift = (step) => SHIFTS[(step >> 4) * 4 + (step % 4)];
const CONSTANTS = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);
/** Which message word step `i` adds. */
const wordOf = (i) => (i < 16 ? i : i < 32 ? (5 * i + 1) % 16 : i < 48 ? (3 * i + 5) % 16 : (7 * i) % 16);

/** The 64 steps over locals $a..$d, as `round(i, b, c, d)` → the F/G/H/I expression and `add(a, f, i)` → the new `a`. */
function steps(lines, round, update) {
  let [a, b, c, d] = ['a', 'b', 'c', 'd'];
  for (let i = 0; i < 64; i += 1) {
    lines.push(update(a, b, round(i, `(local.get $${b})`, `(local.get $${c})`, `(local.get $${d})`), i));
    [a, b, c, d] = [d, a, b, c];
  }
}

/** Four streams in the four 32-bit lanes of v128 values: (state, p0..p3, blocks). */
function lanesFunction(lines) {
  lines.push('  (func (export "lanes") (param $state i32) (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $n i32)');
  lines.push(
    `    ${['a', 'b', 'c', 'd', 'a0', 'b0', 'c0', 'd0', 'f', ...Array.from({ length: 16 }, (_, i) => `m${i}`)].map((l) => `(local $${l} v128)`).join(' ')}`,
  );
  ['a', 'b', 'c', 'd'].forEach((l, i) => lines.push(`    (local.set $${l} (v128.load offset=${i * 16} (local.get $state)))`));
  lines.push('    (block $done (loop $next');
  lines.push('      (br_if $done (i32.eqz (local.get $n)))');
  // Word w of each stream's block into lane 0..3 of $m<w>.
  for (let w = 0; w < 16; w += 1) {
    let load = `(v128.load32_splat offset=${w * 4} (local.get $p0))`;
    for (let lane = 1; lane < 4; lane += 1) load = `(v128.load32_lane offset=${w * 4} ${lane} (local.get $p${lane}) ${load})`;
    lines.push(`      (local.set $m${w} ${load})`);
  }
  lines.push('      (local.set $a0 (local.get $a)) (local.set $b0 (local.get $b)) (local.set $c0 (local.get $c)) (local.set $d0 (local.get $d))');
  steps(
    lines,
    (i, b, c, d) =>
      i < 16
        ? `(v128.bitselect ${c} ${d} ${b})`
        : i < 32
          ? `(v128.bitselect ${b} ${c} ${d})`
          : i < 48
            ? `(v128.xor (v128.xor ${b} ${c}) ${d})`
            : `(v128.xor ${c} (v128.or ${b} (v128.not ${d})))`,
    (a, b, f, i) => {
      const k = CONSTANTS[i];
      const sum = `(i32x4.add (i32x4.add (local.get $${a}) ${f}) (i32x4.add (local.get $m${wordOf(i)}) (v128.const i32x4 ${k} ${k} ${k} ${k})))`;
      return `      (local.set $f ${sum}) (local.set $${a} (i32x4.add (local.get $${b}) (v128.or (i32x4.shl (local.get $f) (i32.const ${shift(i)})) (i32x4.shr_u (local.get $f) (i32.const ${32 - shift(i)})))))`;
    },
  );
  ['a', 'b', 'c', 'd'].forEach((l) => lines.push(`      (local.set $${l} (i32x4.add (local.get $${l}) (local.get $${l}0)))`));
  for (let lane = 0; lane < 4; lane += 1) lines.push(`      (local.set $p${lane} (i32.add (local.get $p${lane}) (i32.const 64)))`);
  lines.push('      (local.set $n (i32.sub (local.get $n) (i32.const 1)))');
  lines.push('      (br $next)))');
  ['a', 'b', 'c', 'd'].forEach((l, i) => lines.push(`    (v128.store offset=${i * 16} (local.get $state) (local.get $${l}))`));
  lines.push('  )');
}

/** One lane of the same state, alone: (state, lane, p, blocks). */
function laneFunction(lines) {
  lines.push('  (func (export "lane") (param $state i32) (param $lane i32) (param $p i32) (param $n i32)');
  lines.push(`    ${['s', 'a', 'b', 'c', 'd', 'a0', 'b0', 'c0', 'd0', 'f'].map((l) => `(local $${l} i32)`).join(' ')}`);
  lines.push('    (local.set $s (i32.add (local.get $state) (i32.shl (local.get $lane) (i32.const 2))))');
  ['a', 'b', 'c', 'd'].forEach((l, i) => lines.push(`    (local.set $${l} (i32.load offset=${i * 16} (local.get $s)))`));
  lines.push('    (block $done (loop $next');
  lines.push('      (br_if $done (i32.eqz (local.get $n)))');
  lines.push('      (local.set $a0 (local.get $a)) (local.set $b0 (local.get $b)) (local.set $c0 (local.get $c)) (local.set $d0 (local.get $d))');
  const not = (x) => `(i32.xor ${x} (i32.const -1))`;
  steps(
    lines,
    (i, b, c, d) =>
      i < 16
        ? `(i32.or (i32.and ${b} ${c}) (i32.and ${not(b)} ${d}))`
        : i < 32
          ? `(i32.or (i32.and ${b} ${d}) (i32.and ${c} ${not(d)}))`
          : i < 48
            ? `(i32.xor (i32.xor ${b} ${c}) ${d})`
            : `(i32.xor ${c} (i32.or ${b} ${not(d)}))`,
    (a, b, f, i) =>
      `      (local.set $f (i32.add (i32.add (local.get $${a}) ${f}) (i32.add (i32.load offset=${wordOf(i) * 4} (local.get $p)) (i32.const ${CONSTANTS[i]})))) (local.set $${a} (i32.add (local.get $${b}) (i32.rotl (local.get $f) (i32.const ${shift(i)}))))`,
  );
  ['a', 'b', 'c', 'd'].forEach((l) => lines.push(`      (local.set $${l} (i32.add (local.get $${l}) (local.get $${l}0)))`));
  lines.push('      (local.set $p (i32.add (local.get $p) (i32.const 64)))');
  lines.push('      (local.set $n (i32.sub (local.get $n) (i32.const 1)))');
  lines.push('      (br $next)))');
  ['a', 'b', 'c', 'd'].forEach((l, i) => lines.push(`    (i32.store offset=${i * 16} (local.get $s) (local.get $${l}))`));
  lines.push('  )');
}

export async function md5LanesWasm() {
  const lines = ['(module', '  (import "env" "memory" (memory 1 65536 shared))'];
  lanesFunction(lines);
  laneFunction(lines);
  lines.push(')');
  const wabt = await wabtModule();
  const parsed = wabt.parseWat('md5-lanes.wat', lines.join('\n'), { simd: true, threads: true });
  try {
    return Buffer.from(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}

export function moduleText(wasm) {
  const base64 = wasm.toString('base64').replace(/.{1,120}/g, (line) => `  '${line}' +\n`);
  return `// Generated by scripts/md5-lanes/generate.mjs: do not edit.
/** The WebAssembly of md5-lanes.ts (exports \`lanes\` and \`lane\`), base64. */
export const MD5_LANES_WASM =
${base64.slice(0, -3)};
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = moduleText(await md5LanesWasm());
  if (process.argv.includes('--check')) {
    if (readFileSync(OUTPUT, 'utf8') !== text) {
      console.error(`${OUTPUT} differs from what the generator writes: run node scripts/md5-lanes/generate.mjs`);
      process.exit(1);
    }
  } else writeFileSync(OUTPUT, text);
}
