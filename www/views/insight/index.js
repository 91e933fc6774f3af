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
import { loadOutturn } from "../../core/outturn.js";
import { speak } from "./worker-language.js";
import { N_, tr } from "../../core/language.js";
import { siteUrl } from "../../core/site.js";

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
  const runway = el("div", { id: "runway" });
  const method = el("p", { class: "hint", id: "risk-method" });
  const riskPart = el("div", { class: "insight__part", id: "risk-part", "aria-busy": "true" }, sentence, note, fanBox, riskTable, runway, method);
  const fared = el("div", { class: "insight__part", id: "plan-fared", hidden: "" });
  const goal = el("div", { class: "insight__part", id: "goal" });
  const applied = el("div", { class: "insight__applied", id: "goal-applied", tabindex: "-1", hidden: "" });
  const yearPicker = el("select", { class: "select", id: "waterfall-year" });
  const waterfallBox = el("div", { class: "chart-box", id: "waterfall-chart" });
  const waterfallTable = el("div", { id: "waterfall-table-box" });
  const sensitivityBox = el("div", { class: "chart-box", id: "sensitivity-chart" });
  const sensitivityTable = el("div", { id: "sensitivity-table-box" });
  section.append(
    status,
    el("h3", { class: "heading-s insight__heading" }, tr("The chance reserves fall too low")),
    riskPart,
    fared,
    el("h3", { class: "heading-s insight__heading", id: "goal-heading", tabindex: "-1" }, tr("What would keep the budget safe")),
    el(
      "p",
      {},
      tr("Safe means every year's budget balances and reserves stay at or above the safe minimum, with every saving delivered as planned. Each suggestion changes your choices, which you can then adjust, undo, or share."),
    ),
    applied,
    goal,
    el("h3", { class: "heading-s insight__heading" }, tr("What drives the gap")),
    el("p", {}, tr("How the year's gap grew or shrank from the year before: each bar raises it (to the right) or lowers it (to the left), then what reserves covered.")),
    el("div", { class: "band-picker" }, el("label", { class: "band-picker__label", for: "waterfall-year" }, tr("Year")), yearPicker),
    waterfallBox,
    waterfallTable,
    el("h3", { class: "heading-s insight__heading" }, tr("Which changes matter most")),
    el(
      "p",
      { id: "sensitivity-intro" },
      tr("How far reserves at the end of the plan would move if each choice went from one end of its plausible range to the other, everything else as you set it. Largest first. Once reserves run out they cannot fall further, so the table also gives what would be left unfunded."),
    ),
    sensitivityBox,
    sensitivityTable,
  );
  return { status, sentence, note, fanBox, riskTable, runway, method, riskPart, fared, goal, applied, yearPicker, waterfallBox, waterfallTable, sensitivityBox, sensitivityTable };
}

const CANNOT_START = N_(
  "The risk figures could not be worked out: this browser would not start the part of the calculator that does it. The rest of the page still works. Try reloading, or an up-to-date version of Firefox, Chrome, Edge or Safari.",
);

/**
 * The section's jobs: one per settled set of choices, sent to the worker while the section
 * is near the screen; answers to older jobs are dropped.
 */
class Insight {
  constructor(section, store) {
    this.v = layout(section);
    this.risk = createRisk(this.v);
    this.goal = createGoal(this.v, store);
    this.drivers = createDrivers(this.v);
    Object.assign(this, { state: null, width: 0, quick: null, simulation: null, failed: null });
    Object.assign(this, { jobId: 0, outstanding: 0, timer: 0, sentData: null, lastKey: null, job: null, stale: false, visible: false });
    // For the tests and measurements: each run's times, and settled() once the latest answer is shown.
    this.waiters = [];
    this.runs = [];
    globalThis.mtfsInsight = { runs: this.runs, dropped: 0, settled: () => (this.idle() ? Promise.resolve() : new Promise((r) => this.waiters.push(r))) };
    this.worker = this.startWorker();
  }

  idle() {
    return !this.timer && !this.outstanding && !this.stale;
  }

  wake() {
    if (!this.idle()) return;
    for (const resolve of this.waiters) resolve();
    this.waiters = [];
  }

  working(on) {
    this.v.riskPart.setAttribute("aria-busy", String(on));
    this.v.riskPart.classList.toggle("insight__part--working", on);
    // Said only where the person is: not on every move of a control elsewhere on the page.
    setText(this.v.status, on && this.visible ? tr("Working out the chances for these choices…") : "");
  }

  fail(message) {
    this.failed = message;
    clearTimeout(this.timer);
    Object.assign(this, { timer: 0, outstanding: 0, stale: false });
    this.working(false);
    this.v.riskPart.replaceChildren(el("p", { class: "error-text", id: "risk-error" }, message));
    this.wake();
  }

  /** The worker, started now and again after its engine fails (a trap: see onAnswer). */
  startWorker() {
    let started;
    try {
      started = new Worker(siteUrl("views/insight/worker.js"), { type: "module" });
      speak(started);
    } catch {
      this.fail(tr(CANNOT_START));
      return null;
    }
    started.addEventListener("error", (event) => {
      event.preventDefault();
      this.fail(tr(CANNOT_START));
    });
    started.addEventListener("message", (event) => this.onAnswer(event.data));
    return started;
  }

  /** New choices: a job once they rest, if the section is near the screen. */
  schedule(next) {
    this.state = next;
    if (this.failed) return;
    const key = JSON.stringify(next.scenario);
    if (next.data === this.sentData && key === this.lastKey) return;
    this.lastKey = key;
    this.stale = true;
    this.working(true);
    clearTimeout(this.timer);
    this.timer = 0;
    // Out of sight, the work waits until the section is near the screen again.
    if (this.visible) this.timer = setTimeout(() => this.send(), this.sentData === null ? 0 : DEBOUNCE_MS);
  }

  seen(visible) {
    this.visible = visible;
    if (visible && this.stale && !this.timer && !this.failed) {
      this.working(true);
      this.timer = setTimeout(() => this.send(), 0);
    }
  }

  send() {
    const { state } = this;
    Object.assign(this, { timer: 0, stale: false });
    const id = ++this.jobId;
    const message = { id, scenario: state.scenario, paths: PATHS, seed: SEED };
    if (state.data !== this.sentData || !this.worker) {
      // A new worker (after a failure) needs the data set too.
      message.data = state.data;
      this.sentData = state.data;
    }
    this.outstanding = id;
    this.job = { id, posted: performance.now(), frames: 0, longestGap: 0 };
    this.watchFrames(this.job);
    this.worker ??= this.startWorker();
    if (!this.worker) return this.fail(tr(CANNOT_START));
    this.worker.postMessage(message);
  }

  /** Counts the page's frames while the worker works: the page keeps drawing meanwhile. */
  watchFrames(watched) {
    let last = performance.now();
    const frame = (now) => {
      if (this.job !== watched || this.outstanding !== watched.id) return;
      watched.frames += 1;
      watched.longestGap = Math.max(watched.longestGap, now - last);
      last = now;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }

  onAnswer(answer) {
    if (answer.kind === "outturn") return this.showFared(answer);
    if (this.failed) return;
    if (answer.trap) {
      // The worker's engine failed and cannot be trusted again: a new worker takes the next request.
      this.worker.terminate();
      this.worker = null;
    }
    if (answer.id === this.outstanding && answer.kind !== "quick") this.outstanding = 0;
    if (answer.id !== this.jobId || this.timer || this.stale) {
      globalThis.mtfsInsight.dropped += 1;
      return this.wake();
    }
    if (answer.kind === "quick") {
      this.quick = { goal: answer.goal, drivers: answer.drivers };
      this.goal.draw(this.quick.goal, this.state);
      this.drivers.draw(this.quick, this.state, this.width);
      return;
    }
    this.working(false);
    if (answer.kind === "risk") this.showRisk(answer);
    else this.showError(answer);
    this.wake();
  }

  showRisk(answer) {
    const rerun = this.simulation !== null;
    this.simulation = answer.simulation;
    this.words = answer.words;
    this.risk.draw(this.simulation, this.words, this.state, this.width);
    // After "Working out…", a screen reader hears the new chance (not on the first
    // answer, which arrives as the person scrolls to the section and reads it).
    if (rerun && this.visible) {
      this.v.status.replaceChildren(el("span", { class: "visually-hidden" }, tr("Worked out: {chance}", { chance: this.words.below_minimum })));
    }
    const job = this.job;
    this.runs.push({ id: answer.id, workerMs: answer.ms, shownMs: performance.now() - job.posted, frames: job.frames, longestFrameGapMs: job.longestGap });
  }

  /** The council's own plan: ask the worker how it fared, if there is a record of what happened. */
  async askFared(state) {
    this.v.fared.hidden = true;
    const record = await loadOutturn(state).catch(() => null);
    if (record && this.worker && !this.failed) this.worker.postMessage({ kind: "outturn", data: state.data, record });
  }

  /** How the council's plan fared, for residents: the engine's sentence and paragraph. */
  showFared(answer) {
    const { fared } = this.v;
    if (answer.error || this.state?.ownFile) {
      fared.hidden = true;
      return;
    }
    fared.replaceChildren(
      el("h3", { class: "heading-s insight__heading", id: "fared-heading" }, tr("How the council's plan fared")),
      el("p", { id: "fared-headline" }, el("strong", {}, answer.headline)),
      el("p", { id: "fared-summary" }, answer.summary),
      el("p", {}, tr("The officer view shows the plan against what happened, year by year, with a source for every figure: "), el("a", { href: `${location.pathname}?view=officer${this.state?.fragment ?? ""}`, id: "fared-link" }, tr("the plan against what happened")), "."),
    );
    fared.hidden = false;
  }

  /** A data set without a risk section, say: the goal seek and drivers may still stand. */
  showError(answer) {
    this.simulation = null;
    const text = answer.trap
      ? tr("The calculator could not work these figures out: it hit a problem it could not recover from on its own. It will start again when you next change a choice.")
      : tr("The calculator could not work these figures out: {problem}", { problem: answer.message });
    this.v.riskPart.replaceChildren(el("p", { class: "error-text", id: "risk-error" }, text));
    if (answer.stage === "quick") {
      this.quick = null;
      this.goal.fail(text);
      this.drivers.clear();
    }
  }

  /** Charts are drawn at the width the section has. */
  resized(width) {
    if (width === this.width) return;
    this.width = width;
    if (this.simulation) this.risk.draw(this.simulation, this.words, this.state, width);
    if (this.quick) this.drivers.draw(this.quick, this.state, width);
  }
}

export function start(params, store) {
  const section = document.getElementById("risk");
  if (!section || section.dataset.started) return;
  section.dataset.started = "1";
  document.head.append(el("link", { rel: "stylesheet", href: siteUrl("views/insight/insight.css") }));
  const insight = new Insight(section, store);
  if (insight.failed) return;
  new IntersectionObserver(([entry]) => insight.seen(entry.isIntersecting), { rootMargin: "200px" }).observe(section);
  new ResizeObserver(([entry]) => insight.resized(Math.max(260, Math.floor(entry.contentRect.width)))).observe(section);
  store.subscribe((next, patch) => {
    if (patch.data) insight.askFared(next);
    if (patch.scenario || patch.data) insight.schedule(next);
  });
}
