/**
 * Scripts that run inside the page (plain JavaScript strings: this program is typed
 * for Node, not the DOM). They timestamp with the page's own clock
 * (`performance.now()`, zero at navigation start) so no round trip to Playwright is
 * inside any measurement.
 */

/**
 * Installed before the app's scripts: records when the first grid thumbnail has loaded
 * AND been painted (the next animation frame after its load event), keydown times,
 * when each label RPC answered (the decision is in SQLite then), and when the focus
 * moved to a new grid cell and was painted.
 */
export const INIT_SCRIPT = `
(() => {
  const bench = (window.__bench = {
    firstThumbPaint: null,
    keys: [],
    rpcDone: [],
    focusPaint: [],
    rpcTiming: [],
  });
  // Where a review call's time goes: waiting for a connection in the browser, the server,
  // the download (Resource Timing, same clock).
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (!e.name.includes("/api/rpc/review.")) continue;
      bench.rpcTiming.push({
        start: e.startTime,
        requestStart: e.requestStart,
        responseStart: e.responseStart,
        responseEnd: e.responseEnd,
      });
    }
  }).observe({ type: 'resource', buffered: true });
  document.addEventListener(
    'load',
    (event) => {
      const target = event.target;
      if (bench.firstThumbPaint !== null || !target || target.tagName !== 'IMG') return;
      if (!target.closest('[data-testid="thumb"]')) return;
      requestAnimationFrame(() => {
        if (bench.firstThumbPaint === null) bench.firstThumbPaint = performance.now();
      });
    },
    true,
  );
  window.addEventListener('keydown', (event) => bench.keys.push(performance.now()), true);
  const realFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const response = await realFetch(input, init);
    const match = /\\/api\\/rpc\\/(review\\.[a-zA-Z]+)/.exec(url);
    if (match) {
      // The decision is durable once the server answered; read the body like the app.
      const copy = response.clone();
      copy.text().then(() => bench.rpcDone.push({ method: match[1], t: performance.now(), ok: response.ok }));
    }
    return response;
  };
  new MutationObserver((records) => {
    for (const record of records) {
      const el = record.target;
      if (record.attributeName !== 'data-focused' || el.getAttribute('data-focused') !== 'true') continue;
      const index = Number(el.getAttribute('data-index'));
      const seen = performance.now();
      requestAnimationFrame(() => bench.focusPaint.push({ index, seen, painted: performance.now() }));
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-focused'] });
})();
`;

/**
 * Scrolls the grid at a steady `rowsPerSecond` (a fast scrollbar drag), moving by the
 * time elapsed at each animation frame, until `rows` rows have passed (or the end).
 * Returns every frame's interval and how many frames showed a loading placeholder.
 * Speed, not frames, sets the pace: a slow machine gets longer frames, not a longer run.
 * Evaluated as an expression returning a Promise.
 */
export function scrollScript(rows: number, rowsPerSecond: number): string {
  return `
(async () => {
  const scroller = document.querySelector('[data-testid="review-grid"]');
  if (!scroller) throw new Error('no review grid on the page');
  const rowEls = [...scroller.querySelectorAll('.grid-row')];
  const tops = rowEls
    .map((el) => Number(/translateY\\(([\\d.]+)px\\)/.exec(el.style.transform)?.[1]))
    .filter((v) => Number.isFinite(v))
    .sort((a, b) => a - b);
  const rowHeight = tops.length > 1 ? tops[1] - tops[0] : scroller.querySelector('[data-testid="thumb"]').offsetHeight + 10;
  const target = Math.min(scroller.scrollHeight - scroller.clientHeight, rowHeight * ${rows});
  const pxPerMs = (rowHeight * ${rowsPerSecond}) / 1000;
  const frames = [];
  let placeholderFrames = 0;
  scroller.scrollTop = 0;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const started = performance.now();
  await new Promise((resolve) => {
    let last = null;
    function frame(now) {
      if (last !== null) frames.push(now - last);
      last = now;
      if (scroller.querySelector('.thumb--loading')) placeholderFrames++;
      if (scroller.scrollTop >= target - 1) return resolve();
      scroller.scrollTop = Math.min(target, (now - started) * pxPerMs);
      requestAnimationFrame(frame);
    }
    requestAnimationFrame(frame);
  });
  return {
    frames,
    placeholderFrames,
    rowHeight,
    rowsScrolled: scroller.scrollTop / rowHeight,
    seconds: (performance.now() - started) / 1000,
  };
})()
`;
}
