// "How likely is the plan to hold?": risk (a seeded Monte Carlo of savings delivery,
// inflation and demand: risk.js), goal seek (what would keep every year safe, as
// suggestions to apply with one click: goal.js) and what drives the gap (drivers.js).
//
// Loaded by app.js when the <section id="risk"> comes near the screen. The insight engine
// (pkg/mtfs_insight.js) runs in a module worker (worker.js), so the simulation never holds
// up the page; this module sends it each settled set of choices and draws what it answers.
// It reads the page's store and changes choices only through core/actions.js.
import { el, setText } from "../../ui/dom.js";
import { createDrivers } from "./drivers.js";
import { createGoal } from "./goal.js";
import { createRisk } from "./risk.js";
import { riskSentences } from "./words.js";

export { chanceWords, riskSentences } from "./words.js";

/** Simulated futures per run, and the seed that makes the same choices give the same figures. */
const PATHS = 10000;
const SEED = 42;
/** How long the choices must rest before the engine is asked again. */
const DEBOUNCE_MS = 250;

/** The section's parts, built once; their contents are replaced as answers arrive. */
function layout(section) {
  const status = el("p", { class: "insight__status", id: "risk-status", role: "status" });
  const sentence = el("p", { class: "sentence insight__sentence", id: "risk-sentence" });
  const note = el("div", { class: "insight__note", id: "risk-note" });
  const fanBox = el("div", { class: "chart-box", id: "fan-chart" });
  const riskTable = el("div", { id: "risk-table-box" });
  const method = el("p", { class: "hint", id: "risk-method" });
  const riskPart = el("div", { class: "insight__part", id: "risk-part", "aria-busy": "true" }, sentence, note, fanBox, riskTable, method);
  const goal = el("div", { class: "insight__part", id: "goal" });
  const applied = el("div", { class: "insight__applied", id: "goal-applied", tabindex: "-1", hidden: "" });
  const yearPicker = el("select", { class: "select", id: "waterfall-year" });
  const waterfallBox = el("div", { class: "chart-box", id: "waterfall-chart" });
  const waterfallTable = el("div", { id: "waterfall-table-box" });
  const sensitivityBox = el("div", { class: "chart-box", id: "sensitivity-chart" });
  const sensitivityTable = el("div", { id: "sensitivity-table-box" });
  section.append(
    status,
    el("h3", { class: "heading-s insight__heading" }, "The chance reserves fall too low"),
    riskPart,
    el("h3", { class: "heading-s insight__heading", id: "goal-heading", tabindex: "-1" }, "What would keep the budget safe"),
    el(
      "p",
      {},
      "Safe means every year's budget balances and reserves stay at or above the safe minimum, with every saving delivered as planned. Each suggestion changes your choices, which you can then adjust, undo, or share.",
    ),
    applied,
    goal,
    el("h3", { class: "heading-s insight__heading" }, "What drives the gap"),
    el("p", {}, "How the year's gap grew or shrank from the year before: each bar raises it (to the right) or lowers it (to the left), then what reserves covered."),
    el("div", { class: "band-picker" }, el("label", { class: "band-picker__label", for: "waterfall-year" }, "Year"), yearPicker),
    waterfallBox,
    waterfallTable,
    el("h3", { class: "heading-s insight__heading" }, "Which changes matter most"),
    el(
      "p",
      { id: "sensitivity-intro" },
      "How far reserves at the end of the plan would move if each choice went from one end of its plausible range to the other, everything else as you set it. Largest first. Once reserves run out they cannot fall further, so the table also gives what would be left unfunded.",
    ),
    sensitivityBox,
    sensitivityTable,
  );
  return { status, sentence, note, fanBox, riskTable, method, riskPart, goal, applied, yearPicker, waterfallBox, waterfallTable, sensitivityBox, sensitivityTable };
}

export function start(params, store) {
  const section = document.getElementById("risk");
  if (!section || section.dataset.started) return;
  section.dataset.started = "1";
  document.head.append(el("link", { rel: "stylesheet", href: new URL("insight.css", import.meta.url).href }));

  const v = layout(section);
  const { status, riskPart, goal, applied } = v;

  const risk = createRisk(v);
  const goalPart = createGoal({ goal, applied }, store);
  const drivers = createDrivers(v);
  const drawRisk = () => risk.draw(simulation, state, width);
  const drawGoal = () => goalPart.draw(quick.goal, state);
  const drawDrivers = () => drivers.draw(quick, state, width);

  let state = null;
  let width = 0;
  let quick = null; // { goal, drivers } for the latest choices
  let simulation = null;
  let failed = null;

  // Jobs: one per settled set of choices; answers to older jobs are dropped.
  let jobId = 0;
  let outstanding = 0; // the job id whose simulation is awaited, or 0
  let timer = 0;
  let sentData = null;
  let lastKey = null;
  let job = null; // { posted, frames, longestGap } for the latest job
  let stale = false; // the choices changed since the last job was sent
  let visible = false;

  // For the tests and measurements: each run's times, and settled() once the latest answer is shown.
  const runs = [];
  let waiters = [];
  const idle = () => !timer && !outstanding && !stale;
  const wake = () => {
    if (!idle()) return;
    for (const resolve of waiters) resolve();
    waiters = [];
  };
  globalThis.mtfsInsight = { runs, dropped: 0, settled: () => (idle() ? Promise.resolve() : new Promise((r) => waiters.push(r))) };

  const working = (on) => {
    riskPart.setAttribute("aria-busy", String(on));
    riskPart.classList.toggle("insight__part--working", on);
    // Said only where the person is: not on every move of a control elsewhere on the page.
    setText(status, on && visible ? "Working out the chances for these choices…" : "");
  };

  function fail(message) {
    failed = message;
    clearTimeout(timer);
    timer = 0;
    outstanding = 0;
    stale = false;
    working(false);
    riskPart.setAttribute("aria-busy", "false");
    riskPart.replaceChildren(el("p", { class: "error-text", id: "risk-error" }, message));
    wake();
  }

  const cannotStart =
    "The risk figures could not be worked out: this browser would not start the part of the calculator that does it. The rest of the page still works. Try reloading, or an up-to-date version of Firefox, Chrome, Edge or Safari.";
  /** The worker, started now and again after its engine fails (a trap: see onAnswer). */
  function startWorker() {
    let started;
    try {
      started = new Worker(new URL("worker.js", import.meta.url), { type: "module" });
    } catch {
      return null;
    }
    started.addEventListener("error", (event) => {
      event.preventDefault();
      fail(cannotStart);
    });
    started.addEventListener("message", onAnswer);
    return started;
  }
  let worker = startWorker();
  if (!worker) {
    fail(cannotStart);
    return;
  }

  function schedule(next) {
    state = next;
    if (failed) return;
    const key = JSON.stringify(next.scenario);
    if (next.data === sentData && key === lastKey) return;
    lastKey = key;
    stale = true;
    working(true);
    clearTimeout(timer);
    timer = 0;
    // Out of sight, the work waits until the section is near the screen again.
    if (visible) timer = setTimeout(send, sentData === null ? 0 : DEBOUNCE_MS);
  }
  new IntersectionObserver(
    ([entry]) => {
      visible = entry.isIntersecting;
      if (visible && stale && !timer && !failed) {
        working(true);
        timer = setTimeout(send, 0);
      }
    },
    { rootMargin: "200px" },
  ).observe(section);
  function send() {
    timer = 0;
    stale = false;
    const id = ++jobId;
    const message = { id, scenario: state.scenario, paths: PATHS, seed: SEED };
    if (state.data !== sentData || !worker) {
      // A new worker (after a failure) needs the data set too.
      message.data = state.data;
      sentData = state.data;
    }
    outstanding = id;
    job = { id, posted: performance.now(), frames: 0, longestGap: 0 };
    watchFrames(job);
    worker ??= startWorker();
    if (!worker) return fail(cannotStart);
    worker.postMessage(message);
  }
  /** Counts the page's frames while the worker works: the page keeps drawing meanwhile. */
  function watchFrames(watched) {
    let last = performance.now();
    const frame = (now) => {
      if (job !== watched || outstanding !== watched.id) return;
      watched.frames += 1;
      watched.longestGap = Math.max(watched.longestGap, now - last);
      last = now;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }

  function onAnswer({ data: answer }) {
    if (failed) return;
    if (answer.trap) {
      // The worker's engine failed and cannot be trusted again: a new worker takes the next request.
      worker.terminate();
      worker = null;
    }
    if (answer.id === outstanding && answer.kind !== "quick") outstanding = 0;
    if (answer.id !== jobId || timer || stale) {
      globalThis.mtfsInsight.dropped += 1;
      wake();
      return;
    }
    if (answer.kind === "quick") {
      quick = { goal: answer.goal, drivers: answer.drivers };
      drawGoal();
      drawDrivers();
      return;
    }
    working(false);
    if (answer.kind === "risk") {
      const rerun = simulation !== null;
      simulation = answer.simulation;
      drawRisk();
      // After "Working out…", a screen reader hears the new chance (not on the first
      // answer, which arrives as the person scrolls to the section and reads it).
      if (rerun && visible) {
        const [below] = riskSentences(simulation, state.reservesUsed);
        status.replaceChildren(el("span", { class: "visually-hidden" }, `Worked out: ${below}`));
      }
      runs.push({ id: answer.id, workerMs: answer.ms, shownMs: performance.now() - job.posted, frames: job.frames, longestFrameGapMs: job.longestGap });
    } else {
      // A data set without a risk section, say: the goal seek and drivers may still stand.
      simulation = null;
      const text = answer.trap
        ? "The calculator could not work these figures out: it hit a problem it could not recover from on its own. It will start again when you next change a choice."
        : `The calculator could not work these figures out: ${answer.message}`;
      riskPart.replaceChildren(el("p", { class: "error-text", id: "risk-error" }, text));
      if (answer.stage === "quick") {
        quick = null;
        goalPart.fail(text);
        drivers.clear();
      }
    }
    wake();
  }

  // Charts are drawn at the width the section has.
  new ResizeObserver(([entry]) => {
    const w = Math.max(260, Math.floor(entry.contentRect.width));
    if (w === width) return;
    width = w;
    if (simulation) drawRisk();
    if (quick) drawDrivers();
  }).observe(section);

  store.subscribe((next, patch) => (patch.scenario || patch.data) && schedule(next));
}
