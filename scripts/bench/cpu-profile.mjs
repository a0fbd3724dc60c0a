// Reads a V8 CPU profile of the renderer (CDP Profiler.stop) into a few lines: where the main
// thread's time went, by source file or package and by function, mapped back to the sources
// when the build has source maps (`electron-vite build --sourcemap`).
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';

/** Maps a bundled script's position back to its source; without a .map file, keeps the bundle's. */
function sourceMapper(rendererDir) {
  const maps = new Map();
  const load = (file) => {
    if (!maps.has(file)) {
      let map = null;
      try {
        map = new SourceMap(JSON.parse(fs.readFileSync(path.join(rendererDir, 'assets', `${file}.map`), 'utf8')));
      } catch {
        // No source map: positions stay the bundle's.
      }
      maps.set(file, map);
    }
    return maps.get(file);
  };
  return (callFrame) => {
    const file = callFrame.url.split(/[?#]/)[0].split('/').pop();
    const map = file ? load(file) : null;
    const entry = map?.findEntry(callFrame.lineNumber, callFrame.columnNumber);
    if (!entry?.originalSource) return { source: file || '(native)', line: callFrame.lineNumber + 1, name: callFrame.functionName };
    const source = entry.originalSource.replace(/^.*?(node_modules\/|renderer\/|shared\/)/, '$1');
    return { source, line: entry.originalLine + 1, name: callFrame.functionName || entry.name };
  };
}

/** The package (node_modules/react-dom → "react-dom") or the app's own file a source belongs to. */
function owner(source) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  return m ? m[1] : source;
}

/** Lines describing the profile: totals, the top sources and the top functions by self time. */
export function summarizeCpuProfile(profile, rendererDir, { top = 15 } = {}) {
  const map = sourceMapper(rendererDir);
  const selfUs = new Map();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map();
  const byOwner = new Map();
  let totalUs = 0;
  let idleUs = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    totalUs += us;
    const cf = node.callFrame;
    if (cf.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    let key;
    let group;
    if (!cf.url) {
      key = cf.functionName || '(native)';
      group = key.startsWith('(') ? key : '(native code)';
    } else {
      const where = map(cf);
      key = `${where.name || '(anonymous)'}  ${where.source}:${where.line}`;
      group = owner(where.source);
    }
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    byOwner.set(group, (byOwner.get(group) ?? 0) + us);
  }
  const busyUs = totalUs - idleUs;
  const pct = (us) => `${((100 * us) / busyUs).toFixed(1)}%`.padStart(6);
  const msOf = (us) => `${Math.round(us / 1000).toLocaleString('en-US')} ms`.padStart(9);
  const lines = [
    `sampled ${msOf(totalUs).trim()}: busy ${msOf(busyUs).trim()}, idle ${msOf(idleUs).trim()} (percentages below are of busy time)`,
    'by source (self time):',
  ];
  for (const [group, us] of [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, 10)) lines.push(`  ${msOf(us)} ${pct(us)}  ${group}`);
  lines.push(`top ${top} functions (self time):`);
  for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${msOf(us)} ${pct(us)}  ${key}`);
  return lines;
}
