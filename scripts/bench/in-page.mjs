// Code the listing benchmark runs inside the page (serialized by Playwright, so each function
// stands alone): request and long-task records, and timers for the listing and for scrolling.
/* global window, document, requestAnimationFrame, MutationObserver */

/**
 * Runs in the page before the app: records every `s3:listObjects` request (sent, answered, body
 * parsed, entries; its objects come in columns, one end offset a row) and every long task (a main-thread task over 50 ms).
 */
export function instrumentPage() {
  const bench = { fetches: [], longTasks: [] };
  window.__bench = bench;
  const originalFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.includes('/api/s3:listObjects')) return originalFetch(input, init);
    const record = { start: performance.now() };
    bench.fetches.push(record);
    const response = await originalFetch(input, init);
    record.answered = performance.now();
    const json = response.json.bind(response);
    response.json = async () => {
      const body = await json();
      record.parsed = performance.now();
      record.entries = body?.ok ? body.data.objects.ends.length + body.data.folders.length : 0;
      return body;
    };
    // The web client reads the body as text and parses it itself: count its entries the same way.
    const text = response.text.bind(response);
    response.text = async () => {
      const body = await text();
      record.parsed = performance.now();
      try {
        const parsed = JSON.parse(body);
        record.entries = parsed?.ok ? parsed.data.objects.ends.length + parsed.data.folders.length : 0;
      } catch {
        record.entries = 0;
      }
      return body;
    };
    return response;
  };
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task timing in this browser: the figures just lack it.
  }
}

/**
 * Runs in the page just before the double-click: forgets earlier requests, then records the
 * double-click's timestamp, the first object row in the DOM and the frame after it, and the
 * status line reaching `statusPrefix` without "loading" and the frame after that.
 */
export function armListing({ statusPrefix, rowPrefix }) {
  const bench = window.__bench;
  bench.fetches.length = 0;
  bench.longTasks.length = 0;
  const run = {};
  bench.run = run;
  let finish;
  bench.finished = new Promise((resolve) => (finish = resolve));
  window.addEventListener('dblclick', (event) => (run.t0 = event.timeStamp), { capture: true, once: true });
  const afterFrame = (key) =>
    requestAnimationFrame(() => {
      run[key] = performance.now();
      check();
    });
  const check = () => {
    const now = performance.now();
    if (run.firstRowDom === undefined && document.querySelector(`[role="row"][aria-label^="${rowPrefix}"]`)) {
      run.firstRowDom = now;
      afterFrame('firstRow');
    }
    const text = document.querySelector('main [role="status"]')?.textContent ?? '';
    if (run.doneDom === undefined && text.startsWith(statusPrefix) && !/loading/i.test(text)) {
      run.doneDom = now;
      run.statusText = text;
      afterFrame('done');
    }
    if (/incomplete|failed/i.test(text)) {
      run.error = text;
      observer.disconnect();
      finish();
    }
    if (run.firstRow !== undefined && run.done !== undefined) {
      observer.disconnect();
      finish();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
}

/** Runs in the page: times a key press until the row named `rowName` is in the DOM and painted. */
export function armRow({ rowName, key }) {
  const run = {};
  window.__bench.scroll = run;
  let finish;
  window.__bench.scrolled = new Promise((resolve) => (finish = resolve));
  window.addEventListener(
    'keydown',
    (event) => {
      if (event.key === key) run.t0 ??= event.timeStamp;
    },
    { capture: true },
  );
  const check = () => {
    if (run.dom === undefined && document.querySelector(`[role="row"][aria-label="${rowName}"]`)) {
      run.dom = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => {
        run.painted = performance.now();
        finish();
      });
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
}

/** Runs in the page: the gaps between animation frames until stopped (for scrolling smoothness). */
export function startFrameClock() {
  const frames = [];
  window.__bench.frames = frames;
  window.__bench.framesOn = true;
  const tick = (t) => {
    frames.push(t);
    if (window.__bench.framesOn) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
