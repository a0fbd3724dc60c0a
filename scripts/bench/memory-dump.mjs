// Where a renderer's memory goes, as Chromium's own memory-infra accounts for it: a "detailed"
// global memory dump taken through the browser's DevTools session, summed per allocator for one
// process (malloc, PartitionAlloc's partitions, V8, Blink's GC heap, caches...). RSS from /proc
// says how much; this says whose.

/** Reads a DevTools IO stream whole. */
async function readStream(session, handle) {
  let text = '';
  for (;;) {
    const { data, eof, base64Encoded } = await session.send('IO.read', { handle, size: 1 << 20 });
    text += base64Encoded ? Buffer.from(data, 'base64').toString('utf8') : data;
    if (eof) break;
  }
  await session.send('IO.close', { handle });
  return text;
}

/** The size attribute of one allocator dump, in bytes (memory-infra writes it as a hex string). */
function sizeOf(dump) {
  const size = dump?.attrs?.size;
  return size ? parseInt(size.value, 16) : 0;
}

/** A Playwright browser's DevTools session in the shape `allocatorSizes` takes. */
export async function playwrightBrowserSession(browser) {
  const session = await browser.newBrowserCDPSession();
  return {
    send: (method, params) => session.send(method, params),
    once: (event) => new Promise((resolve) => session.once(event, resolve)),
    detach: () => session.detach(),
  };
}

/**
 * Takes one detailed memory dump of every process and returns, for process `pid`, the size of
 * each allocator dump whose name has at most `depth` segments (e.g. `malloc`,
 * `partition_alloc/partitions/buffer`), largest first, in bytes. `session` is a browser-level
 * DevTools session: `{ send(method, params), once(event) → Promise of its params, detach() }`.
 */
export async function allocatorSizes(session, pid, depth = 3) {
  try {
    const complete = session.once('Tracing.tracingComplete');
    await session.send('Tracing.start', {
      transferMode: 'ReturnAsStream',
      traceConfig: { includedCategories: ['disabled-by-default-memory-infra'], memoryDumpConfig: { triggers: [] } },
    });
    const dumped = await session.send('Tracing.requestMemoryDump', { deterministic: true, levelOfDetail: 'detailed' });
    await session.send('Tracing.end');
    const { stream } = await complete;
    if (!dumped.success) return undefined;
    const trace = JSON.parse(await readStream(session, stream));
    const events = Array.isArray(trace) ? trace : trace.traceEvents;
    const sizes = new Map();
    for (const event of events) {
      if (event.ph !== 'v' || event.pid !== pid) continue;
      for (const [name, dump] of Object.entries(event.args?.dumps?.allocators ?? {})) {
        if (name.split('/').length > depth || name.includes('0x')) continue;
        sizes.set(name, Math.max(sizes.get(name) ?? 0, sizeOf(dump)));
      }
    }
    return [...sizes].filter(([, size]) => size > 0).sort((a, b) => b[1] - a[1]);
  } finally {
    await session.detach();
  }
}
