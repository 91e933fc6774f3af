// The engine (WebAssembly) and the council's data: loading them, keeping the engine
// running when it fails, and `evaluate`, the one place the page asks the engine for a
// projection (and the link that goes with it). No DOM.
import { toScenario } from "./scenario.js";
import { tr } from "./language.js";
import { siteUrl } from "./site.js";
import { nextTask } from "./tasks.js";

export const DATA_URL = "data/hampshire.json";
/** The longest fragment the page reads: a link holds only the choices that differ from the plan. */
export const MAX_LINK = 2000;

/** Something went wrong before the plan could be shown: say what, and what to do. */
export class Problem extends Error {
  constructor(title, what, todo, details = []) {
    super(what);
    Object.assign(this, { title, what, todo, details });
  }
}

/** An engine call that could not be made, because the engine failed (see keepRunning). */
export class EngineFailure extends Error {
  constructor(restarted) {
    super(tr("The calculator hit a problem it could not recover from on its own, and is restarting. Try again in a moment."));
    this.name = "EngineFailure";
    /** Resolves to true once a fresh engine runs, or false if none could be started. */
    this.restarted = restarted;
  }
}

/**
 * The engine, kept running. The browser build aborts on a panic (a bug in the engine): the
 * call throws a WebAssembly.RuntimeError, and that instance's memory can no longer be
 * trusted. Every engine call goes through `call`, which then throws EngineFailure and
 * starts a fresh instance of the same compiled module (a fresh copy of the glue, and its
 * init); each Calculator is made again from its data there, at its next call. Calls made
 * meanwhile, or after a restart that failed, throw EngineFailure too.
 */
function keepRunning(glue, module) {
  const keeper = instanceKeeper(glue, module);
  /** Speaks Welsh (the catalogue, core/language.js) in this instance and after a restart. */
  const useCatalogue = (catalogue) => {
    keeper.catalogue = catalogue;
    keeper.current.useCatalogue(Object.keys(catalogue), Object.values(catalogue));
  };
  return { Calculator: calculatorClass(keeper), useCatalogue };
}

/**
 * The running instance (`current`, its `generation` and the calculators `made` in it), and
 * `call`, which runs an engine call there and, on a trap, starts a fresh instance.
 */
function instanceKeeper(glue, module) {
  const keeper = { current: glue, generation: 0, failure: null, made: new Set() };
  const restart = async () => {
    try {
      const fresh = await import(siteUrl(`pkg/mtfs.js?restart=${keeper.generation + 1}`));
      await fresh.default({ module_or_path: module });
      if (keeper.catalogue) fresh.useCatalogue(Object.keys(keeper.catalogue), Object.values(keeper.catalogue));
      for (const inner of keeper.made) {
        try {
          inner.free();
        } catch {
          // The failed instance is dropped whole.
        }
      }
      Object.assign(keeper, { current: fresh, made: new Set(), failure: null, generation: keeper.generation + 1 });
      return true;
    } catch {
      return false;
    }
  };
  keeper.call = (work) => {
    if (keeper.failure) throw keeper.failure;
    try {
      return work();
    } catch (error) {
      if (!(error instanceof WebAssembly.RuntimeError)) throw error;
      keeper.failure = new EngineFailure(restart());
      throw keeper.failure;
    }
  };
  return keeper;
}

/** The page's Calculator: the engine's, made again in a fresh instance after a restart. */
function calculatorClass(keeper) {
  const call = (work) => keeper.call(work);
  return class Calculator {
    #data;
    #inner = null;
    #generation = -1;
    #plan = null; // the plan's projection, kept: a page can show the plan with the engine down
    #options = null;
    constructor(data) {
      this.#data = data;
      this.#engine();
    }
    /** This calculator in the running instance. */
    #engine() {
      if (this.#generation !== keeper.generation) {
        this.#inner = call(() => new keeper.current.Calculator(this.#data));
        keeper.made.add(this.#inner);
        this.#generation = keeper.generation;
      }
      return this.#inner;
    }
    project(scenario) {
      if (scenario === null && this.#plan) return this.#plan;
      const inner = this.#engine();
      const projection = call(() => inner.project(scenario));
      if (scenario === null) this.#plan = projection;
      return projection;
    }
    /** The projection without each year's lines (see `withLines`). */
    projectView(scenario) {
      const inner = this.#engine();
      return call(() => inner.projectView(scenario));
    }
    /** A lever move's one call: the view and the link, `{ view, link }` (link null when no link can hold it). */
    viewAndLink(scenario) {
      const inner = this.#engine();
      return call(() => inner.viewAndLink(scenario));
    }
    /** The council's options (kept, like the plan: they never change for a data set). */
    options() {
      if (!this.#options) {
        const inner = this.#engine();
        this.#options = call(() => inner.options());
      }
      return this.#options;
    }
    link(scenario) {
      const inner = this.#engine();
      return call(() => inner.link(scenario));
    }
    scenarioFromLink(fragment) {
      const inner = this.#engine();
      return call(() => inner.scenarioFromLink(fragment));
    }
    get lastProjectMicros() {
      return this.#inner.lastProjectMicros;
    }
  };
}

/** The engine compiled, kept for a restart (keepRunning). */
async function compileEngine() {
  // index.html preloads this file (and the data). WebKit does not hand a preload to fetch():
  // it fetches both a second time on the full page, though not in the sandboxed embed
  // (docs/embed.md, "Safari and the page's own origin").
  const url = new URL(siteUrl("pkg/mtfs_bg.wasm"));
  try {
    return await WebAssembly.compileStreaming(fetch(url));
  } catch {
    // A server that sends .wasm with another type: compile from the bytes.
    const response = await fetch(url);
    if (!response.ok) throw new Error(`the server answered ${response.status} for ${url.pathname}`);
    return WebAssembly.compile(await response.arrayBuffer());
  }
}

/** Checked before anything is drawn: the first screen must not promise what cannot run. */
function needWebAssembly() {
  if (typeof WebAssembly !== "object") {
    throw new Problem(
      tr("Your browser cannot run this calculator"),
      tr("The calculator needs WebAssembly, which this browser does not have or has switched off."),
      tr("Try an up-to-date version of Firefox, Chrome, Edge or Safari. On a work computer, ask your IT team whether WebAssembly is blocked."),
    );
  }
}

async function loadEngine() {
  needWebAssembly();
  try {
    const [glue, module] = await Promise.all([import(siteUrl("pkg/mtfs.js")), compileEngine()]);
    await glue.default({ module_or_path: module });
    return keepRunning(glue, module);
  } catch (error) {
    throw new Problem(
      tr("The calculator could not start"),
      tr("Its program did not load or would not run in this browser ({problem}).", { problem: error.message }),
      tr("Reload the page. If that does not help, try an up-to-date version of Firefox, Chrome, Edge or Safari."),
    );
  }
}

/**
 * A fetch index.html's head started at once (`mtfsEarly`: the data and the first screen's
 * answers start before the page's modules have loaded, without a <link rel="preload">,
 * which WebKit does not hand to fetch() and so fetched twice), or a fresh one.
 */
function early(name, url) {
  const started = globalThis.mtfsEarly?.[name];
  if (started) {
    delete globalThis.mtfsEarly[name]; // a body can be read once
    return started;
  }
  return fetch(url);
}

/** The data set, and its bytes (for the first screen's digest). */
async function loadData() {
  try {
    const response = await early("data", DATA_URL);
    if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
    const bytes = await response.arrayBuffer();
    return { dataSet: JSON.parse(new TextDecoder().decode(bytes)), bytes };
  } catch (error) {
    throw new Problem(
      tr("The council's figures could not be loaded"),
      tr("The data file {file} could not be read: {problem}.", { file: DATA_URL, problem: error.message }),
      tr("Check your connection and reload the page."),
    );
  }
}

/**
 * The engine, the data and a calculator: `{ engine, data, calculator, deferred }`. With
 * `firstScreen` (the page's own council, its plan, no link), the first screen's answers
 * (`mtfs first-screen`, built with the site) stand in for the engine until it is needed:
 * then `deferred.start()` loads it (see firstScreen), and `engine.ready()` resolves to it.
 */
export async function load({ firstScreen = false } = {}) {
  needWebAssembly();
  // The engine and the data download side by side.
  const data = loadData();
  data.catch(() => {}); // reported below, after the engine's own problems
  if (firstScreen) {
    const answers = await firstScreenAnswers();
    const { dataSet, bytes } = await data;
    if (answers && (await sameBytes(bytes, answers.data_sha256))) {
      performance.mark("mtfs:data-loaded");
      return deferredEngine(dataSet, answers.answers);
    }
  }
  const engine = await loadEngine();
  performance.mark("mtfs:engine-ready");
  const { dataSet } = await data;
  performance.mark("mtfs:data-loaded");
  const calculator = calculatorFor(engine, dataSet);
  return { engine: { ...engine, ready: async () => engine }, data: dataSet, calculator, deferred: null };
}

/** The engine's Calculator for the page's data set, or the Problem with its mistakes. */
function calculatorFor(engine, dataSet) {
  try {
    return new engine.Calculator(dataSet);
  } catch (error) {
    throw new Problem(
      tr("There is a problem with the council's figures"),
      tr("The data file {file} has mistakes, so the calculator cannot use it.", { file: DATA_URL }),
      tr("If you look after this page, correct each field listed below (docs/data-format.md describes the format) and reload. Otherwise, please try again later."),
      (error.problems ?? [{ path: "", message: error.message }]).map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)),
    );
  }
}

export const FIRST_SCREEN_URL = "data/hampshire.first.json";

/** The first screen's answers, or null (none built, or unreadable: the engine loads at once). */
async function firstScreenAnswers() {
  try {
    const response = await early("first", FIRST_SCREEN_URL);
    const answers = response.ok ? await response.json() : null;
    return answers?.answers?.format === "mtfs-first-screen/1" ? answers : null;
  } catch {
    return null;
  }
}

/**
 * Whether the data file is the one the answers were worked out from (its SHA-256): a file
 * edited without rebuilding the site must not be drawn from stale answers. Without
 * `crypto.subtle` (a page served over plain HTTP from another host) it cannot tell: false.
 */
async function sameBytes(bytes, digest) {
  try {
    const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    return [...hash].map((b) => b.toString(16).padStart(2, "0")).join("") === digest;
  } catch {
    return false;
  }
}

/** Thrown by an engine call made before the engine has loaded; `ready` settles once it has. */
export class EngineNotReady extends Error {
  constructor(ready) {
    super("The calculator is still loading.");
    this.name = "EngineNotReady";
    this.ready = ready;
  }
}

/**
 * The first screen without the engine. The calculator answers the plan and the options from
 * the answers `mtfs first-screen` wrote at build time (the engine's own, serialised: no rule
 * is worked out here), and every other call from the live engine once it runs; before then
 * such a call starts the engine loading and throws EngineNotReady (core/actions.js waits
 * for it, so no input is lost). Nothing is drawn again at the swap: the answers already
 * shown are the engine's (tests/browser/first-screen.test.mjs checks they are equal).
 */
function deferredEngine(dataSet, answers) {
  let started = null;
  let live = null;
  const start = () =>
    (started ??= loadEngine().then(async (engine) => {
      await nextTask(); // the data set is read and checked in a task of its own
      live = { engine, calculator: calculatorFor(engine, dataSet) };
      performance.mark("mtfs:engine-ready");
      return live;
    }));
  const whenLive = (work) => {
    if (live) return work(live.calculator);
    throw new EngineNotReady(start().then(() => true));
  };
  const calculator = {
    project: (scenario) => (scenario === null ? answers.plan : whenLive((c) => c.project(scenario))),
    projectView: (scenario) => (scenario === null ? answers.plan : whenLive((c) => c.projectView(scenario))),
    options: () => answers.options,
    link: (scenario) => whenLive((c) => c.link(scenario)),
    viewAndLink: (scenario) => whenLive((c) => c.viewAndLink(scenario)),
    scenarioFromLink: (fragment) => whenLive((c) => c.scenarioFromLink(fragment)),
    get lastProjectMicros() {
      return live ? live.calculator.lastProjectMicros : NaN;
    },
  };
  const engine = { ready: () => start().then(() => live.engine) };
  return { engine, data: dataSet, calculator, deferred: { start, answers, isLive: () => live !== null } };
}

/**
 * Each year's lines the view leaves out, by the field each comes just before in the
 * projection (fields that are always there: what comes after a line can be absent, a
 * deficit brought forward, say).
 */
const LINES = { spend: "services", funding: "funding_streams", shortfall: "programmes", total_reserves: "reserves" };

/**
 * The projection, from its view (`projectView`: what the headline, charts, warnings and
 * running total read, at under half the cost): each year's lines by service, funding stream,
 * programme and reserve, which only tables, downloads and the embed's message read, are
 * worked out by `full()` (the whole projection, once) when first read. They sit where the
 * projection has them, so the object reads, and serialises, as the projection itself
 * (src/engine/view.rs tests the same in Rust). A failure of the engine in `full()` throws
 * EngineFailure from the read, as any engine call does.
 */
function withLines(view, full) {
  if (!view.years.length || "services" in view.years[0]) return view; // already whole (the plan)
  let whole = null;
  const line = (i, name) => (whole ??= full()).years[i][name];
  view.years = view.years.map((year, i) => {
    const out = {};
    for (const [key, value] of Object.entries(year)) {
      const name = LINES[key];
      if (name) Object.defineProperty(out, name, { enumerable: true, get: () => line(i, name) });
      out[key] = value;
    }
    return out;
  });
  return view;
}

/** A problem the engine found with a scenario: its field's path and what is wrong. */
export const problemsOf = (error) => error?.problems ?? null;

/** The council's plan: the projection with no choice changed (kept by the calculator). */
export const planOf = (calculator) => calculator.project(null);

/**
 * The projection of a state's choices, and its link: { scenario, projection, fragment }.
 * Throws the engine's Problems (a value it refuses) or EngineFailure. `fragment` is null
 * when the choices cannot be written as a link (a value too long for one).
 */
export function evaluate(calculator, { catalogue, values, usesReserves, choices }) {
  const scenario = toScenario(catalogue, values, usesReserves, choices);
  // One engine call: the scenario crosses into the engine once, with only the levers moved
  // from the plan (the engine takes the plan for a lever not named), so it reads a short text,
  // not every lever (tests/browser/levers.test.mjs checks the answers are the same).
  const moved = toScenario(catalogue.filter((spec) => values.has(spec.link)), values, usesReserves, choices);
  const { view, link } = calculator.viewAndLink(moved);
  const projection = withLines(view, () => calculator.project(moved));
  return { scenario, projection, fragment: link };
}
