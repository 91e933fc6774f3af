// When the charts and tables are drawn. The headline answers an input within its frame
// (its components render at once); the parts registered here are drawn just after that
// frame if they are in sight (or nearly), and otherwise when the browser is idle, within
// half a second, or at once when they come into sight, are printed, or `settled()` is
// awaited. Drawing every part after every input slowed the next frames on a 2-core machine
// (README, "Speed"); drawing them a frame later still, in the next frame's rAF, was slower.

/**
 * A scheduler for parts { box, draw(state, width) }. Charts are drawn at the width `sizer`
 * has, so their text stays the page's size: the width comes from a ResizeObserver, never
 * read while drawing (that would force a layout on every input).
 */
export function createScheduler(sizer) {
  const parts = [];
  let state = null;
  let width = 0;
  const restTimes = [];

  function drawPart(part) {
    if (width === 0 || !state) return; // not laid out yet: the resize observer draws everything
    part.draw(state, width);
    part.stale = false;
  }
  const flush = () => {
    for (const part of parts) if (part.stale) drawPart(part);
  };

  const resize = new ResizeObserver(([entry]) => {
    const w = Math.max(260, Math.floor(entry.contentRect.width));
    if (w === width) return;
    width = w;
    for (const part of parts) if (part.chart) drawPart(part);
    flush();
  });
  resize.observe(sizer);

  const sight = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const part = parts.find((x) => x.box === entry.target);
        part.inSight = entry.isIntersecting;
        if (part.inSight && part.stale) drawPart(part);
      }
    },
    { rootMargin: "300px 0px" },
  );

  // Safari has no requestIdleCallback: a short timer stands in for it there.
  const requestIdle =
    globalThis.requestIdleCallback ?? ((callback) => setTimeout(() => callback({ didTimeout: true, timeRemaining: () => 0 }), 100));
  let idle = 0;
  function drawStale(deadline) {
    idle = 0;
    for (const part of parts) {
      if (part.stale && (deadline.didTimeout || deadline.timeRemaining() > 3)) drawPart(part);
    }
    if (parts.some((x) => x.stale)) idle = requestIdle(drawStale, { timeout: 500 });
  }

  /** Draws the parts in sight now, and the rest when the browser is idle. */
  function renderRest() {
    const start = performance.now();
    for (const part of parts) part.stale = true;
    for (const part of parts) if (part.inSight) drawPart(part);
    if (!idle && parts.some((x) => x.stale)) idle = requestIdle(drawStale, { timeout: 500 });
    restTimes.push(performance.now() - start);
    if (restTimes.length > 2000) restTimes.splice(0, 1000);
  }

  let later = null;
  addEventListener("beforeprint", flush);
  return {
    restTimes,
    /** A part to draw: `chart` parts are drawn again when the width changes. */
    register(part) {
      parts.push({ ...part, inSight: false, stale: true });
      sight.observe(part.box);
    },
    /** After an input: the parts in sight just after the next frame (several inputs within a frame draw them once). */
    renderSoon(next) {
      state = next;
      if (later) return;
      later = new Promise((resolve) =>
        requestAnimationFrame(() =>
          setTimeout(() => {
            later = null;
            renderRest();
            resolve();
          }),
        ),
      );
    },
    /** At once (the first result, a link, a reset). */
    render(next) {
      state = next;
      renderRest();
    },
    flush,
    /** Resolves when every part shows the latest state. */
    settled: async () => {
      await later;
      flush();
    },
    stop() {
      resize.disconnect();
      sight.disconnect();
      removeEventListener("beforeprint", flush);
    },
  };
}
