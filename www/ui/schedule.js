// When the parts of the page that follow the engine are drawn. The lever's own feedback
// (its slider and box) is drawn by its component at once. Two kinds of part register here:
//   - answers (the headline, the builder's running total): drawn in the task of the change,
//     so in the frame that answers it; after an input (a slider, a box, a choice), only
//     while in sight, as inputs come in streams;
//   - charts and tables: drawn just after that frame, while in sight or nearly (300 px).
// A part out of sight is drawn once inputs pause (PAUSE) and the browser is idle, within
// half a second more, or at once when it comes into sight, is printed, or `settled()` is
// awaited. A held key or a dragged slider sends an input every frame or two: drawing the
// parts out of sight between them delayed the next input's frame. Drawing every part after
// every input slowed the next frames on a 2-core machine (README, "Speed"); drawing them a
// frame later still, in the next frame's rAF, was slower.

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
    // Charts and tables wait for the first width (the resize observer then draws them);
    // an answer needs none.
    if (!state || (width === 0 && !part.answer)) return;
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
    /** The answers in sight now (all of them with `all`); the others marked to draw later. */
    answer(all = false) {
      for (const part of list) {
        if (!part.answer) continue;
        part.stale = true;
        if (all || part.inSight) draw(part);
      }
      whenIdle();
    },
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

/** Keeps each part's `inSight` (within `margin` of the screen) and draws a stale part as it comes into sight. */
function watchSight(parts, margin) {
  return new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const part = parts.list.find((x) => x.box === entry.target);
        if (!part) continue; // stopped since
        part.inSight = entry.isIntersecting;
        if (part.inSight && part.stale) parts.draw(part);
      }
    },
    { rootMargin: margin },
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
  // Charts and tables are drawn 300 px before they come into sight, as they take a while;
  // answers are a few lines of text, drawn as they come into sight.
  const sight = { chart: watchSight(parts, "300px 0px"), answer: watchSight(parts, "0px") };
  const observerOf = (part) => (part.answer ? sight.answer : sight.chart);

  /** Draws the charts and tables in sight now, and the rest when the browser is idle. */
  function renderRest() {
    const start = performance.now();
    const rest = parts.list.filter((part) => !part.answer);
    for (const part of rest) part.stale = true;
    for (const part of rest) if (part.inSight) parts.draw(part);
    parts.whenIdle();
    restTimes.push(performance.now() - start);
    if (restTimes.length > 2000) restTimes.splice(0, 1000);
  }

  let later = null;
  addEventListener("beforeprint", parts.flush);
  return {
    restTimes,
    /**
     * A part { box, draw(state, width) } to draw: `chart` parts are drawn again when the
     * width changes; `answer` parts in the change's own task, and at once here (an answer is
     * taken to be in sight until the sight observer says otherwise, so the first screen has
     * it). Returns a function that stops drawing the part.
     */
    register(part) {
      const entry = { ...part, inSight: Boolean(part.answer), stale: true };
      parts.list.push(entry);
      observerOf(part).observe(part.box);
      if (entry.answer) parts.draw(entry);
      return () => {
        parts.list.splice(parts.list.indexOf(entry), 1);
        observerOf(part).unobserve(part.box);
      };
    },
    /** After an input: the answers now, the charts and tables in sight just after the next frame (several inputs within a frame draw them once). */
    renderSoon(next) {
      parts.setState(next);
      parts.input();
      parts.answer();
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
    /** At once (the first result, a link, a reset, another data set): every answer, in sight or not, and the charts and tables in sight. */
    render(next) {
      parts.setState(next);
      parts.answer(true);
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
      sight.chart.disconnect();
      sight.answer.disconnect();
      removeEventListener("beforeprint", parts.flush);
    },
  };
}
