// When the charts and tables are drawn. The headline answers an input within its frame
// (its components render at once); the parts registered here are drawn just after that
// frame if they are in sight (or nearly), and otherwise once inputs pause (PAUSE) and the
// browser is idle, within half a second more, or at once when they come into sight, are
// printed, or `settled()` is awaited. A held key or a dragged slider sends an input every
// frame or two: drawing the parts out of sight between them delayed the next input's frame. Drawing every part after every input slowed the next frames on a 2-core machine
// (README, "Speed"); drawing them a frame later still, in the next frame's rAF, was slower.

// Safari has no requestIdleCallback: a short timer stands in for it there.
const requestIdle =
  globalThis.requestIdleCallback ?? ((callback) => setTimeout(() => callback({ didTimeout: true, timeRemaining: () => 0 }), 100));

/** Milliseconds without an input before parts out of sight are drawn. */
const PAUSE = 400;

/**
 * The registered parts and the state and width they are drawn at: draws a part when it
 * can, and the stale ones when the browser is idle (within half a second).
 */
function createParts() {
  const list = [];
  let state = null;
  let width = 0;
  let idle = 0;
  let quietFrom = 0; // performance.now() after which inputs have paused

  function draw(part) {
    if (width === 0 || !state) return; // not laid out yet: the resize observer draws everything
    part.draw(state, width);
    part.stale = false;
  }
  const flush = () => {
    for (const part of list) if (part.stale) draw(part);
  };
  function drawStale(deadline) {
    idle = 0;
    for (const part of list) {
      if (performance.now() < quietFrom) break; // an input came: wait for the next pause
      if (part.stale && (deadline.didTimeout || deadline.timeRemaining() > 3)) draw(part);
    }
    whenIdle();
  }
  function whenIdle() {
    if (idle || !list.some((x) => x.stale)) return;
    const wait = quietFrom - performance.now();
    if (wait > 0) idle = setTimeout(() => ((idle = 0), whenIdle()), wait);
    else idle = requestIdle(drawStale, { timeout: 500 });
  }
  return {
    list,
    draw,
    flush,
    whenIdle,
    /** An input: parts out of sight wait until inputs pause. */
    input: () => (quietFrom = performance.now() + PAUSE),
    setState: (next) => (state = next),
    /**
     * A new width: the parts in sight are drawn at it now, and the rest when the browser is
     * idle (at the page's first layout, drawing every chart at once was one long task on a
     * phone, README "Speed"). The first width comes before the parts know what is in sight:
     * then the sight observer draws them, in a task of its own.
     */
    setWidth(next) {
      width = next;
      for (const part of list) if (part.chart) part.stale = true;
      for (const part of list) if (part.stale && part.inSight) draw(part);
      whenIdle();
    },
  };
}

/** Calls `onWidth` with the sizer's width (at least 260 px) whenever it changes. */
function watchWidth(sizer, onWidth) {
  let width = 0;
  const observer = new ResizeObserver(([entry]) => {
    const next = Math.max(260, Math.floor(entry.contentRect.width));
    if (next !== width) onWidth((width = next));
  });
  observer.observe(sizer);
  return observer;
}

/** Keeps each part's `inSight` (300 px of margin) and draws a stale part as it comes into sight. */
function watchSight(parts) {
  return new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const part = parts.list.find((x) => x.box === entry.target);
        part.inSight = entry.isIntersecting;
        if (part.inSight && part.stale) parts.draw(part);
      }
    },
    { rootMargin: "300px 0px" },
  );
}

/**
 * A scheduler for parts { box, draw(state, width) }. Charts are drawn at the width `sizer`
 * has, so their text stays the page's size: the width comes from a ResizeObserver, never
 * read while drawing (that would force a layout on every input).
 */
export function createScheduler(sizer) {
  const parts = createParts();
  const restTimes = [];
  const resize = watchWidth(sizer, parts.setWidth);
  const sight = watchSight(parts);

  /** Draws the parts in sight now, and the rest when the browser is idle. */
  function renderRest() {
    const start = performance.now();
    for (const part of parts.list) part.stale = true;
    for (const part of parts.list) if (part.inSight) parts.draw(part);
    parts.whenIdle();
    restTimes.push(performance.now() - start);
    if (restTimes.length > 2000) restTimes.splice(0, 1000);
  }

  let later = null;
  addEventListener("beforeprint", parts.flush);
  return {
    restTimes,
    /** A part to draw: `chart` parts are drawn again when the width changes. */
    register(part) {
      parts.list.push({ ...part, inSight: false, stale: true });
      sight.observe(part.box);
    },
    /** After an input: the parts in sight just after the next frame (several inputs within a frame draw them once). */
    renderSoon(next) {
      parts.setState(next);
      parts.input();
      later ??= new Promise((resolve) =>
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
      parts.setState(next);
      renderRest();
    },
    flush: parts.flush,
    /** Resolves when every part shows the latest state. */
    settled: async () => {
      await later;
      parts.flush();
    },
    stop() {
      resize.disconnect();
      sight.disconnect();
      removeEventListener("beforeprint", parts.flush);
    },
  };
}
