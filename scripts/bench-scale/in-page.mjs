// Code the scale benchmark runs inside the page (serialized by Playwright, so each function stands
// alone): a timer from a user's click or key press to the moment the table's first row changes.
/* global window, document, requestAnimationFrame, MutationObserver */

/**
 * Runs in the page: records the first `trigger` event's timestamp ('click' on a column header,
 * 'keydown' in the filter box), then the first object row of the Objects table becoming another
 * row (or none), and the frame after that; `window.__bench.rowChanged` resolves then.
 */
export function armFirstRowChange({ trigger }) {
  const firstRow = () => document.querySelector('[role="table"][aria-label="Objects"] [role="row"][aria-label]')?.getAttribute('aria-label') ?? null;
  const run = { before: firstRow() };
  window.__bench.rowChange = run;
  let finish;
  window.__bench.rowChanged = new Promise((resolve) => (finish = resolve));
  window.addEventListener(trigger, (event) => (run.t0 ??= event.timeStamp), { capture: true, once: true });
  const check = () => {
    const now = firstRow();
    if (run.t0 === undefined || now === run.before) return;
    run.dom = performance.now();
    run.after = now;
    observer.disconnect();
    requestAnimationFrame(() => {
      run.painted = performance.now();
      finish();
    });
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-label'] });
}
