// The engine (WebAssembly) and the council's data: loading them, keeping the engine
// running when it fails, and `evaluate`, the one place the page asks the engine for a
// projection (and the link that goes with it). No DOM.
import { toScenario } from "./scenario.js";

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
    super("The calculator hit a problem it could not recover from on its own, and is restarting. Try again in a moment.");
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
  return { Calculator: calculatorClass(instanceKeeper(glue, module)) };
}

/**
 * The running instance (`current`, its `generation` and the calculators `made` in it), and
 * `call`, which runs an engine call there and, on a trap, starts a fresh instance.
 */
function instanceKeeper(glue, module) {
  const keeper = { current: glue, generation: 0, failure: null, made: new Set() };
  const restart = async () => {
    try {
      const fresh = await import(`../pkg/mtfs.js?restart=${keeper.generation + 1}`);
      await fresh.default({ module_or_path: module });
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
  const url = new URL("../pkg/mtfs_bg.wasm", import.meta.url);
  try {
    return await WebAssembly.compileStreaming(fetch(url));
  } catch {
    // A server that sends .wasm with another type: compile from the bytes.
    const response = await fetch(url);
    if (!response.ok) throw new Error(`the server answered ${response.status} for ${url.pathname}`);
    return WebAssembly.compile(await response.arrayBuffer());
  }
}

async function loadEngine() {
  if (typeof WebAssembly !== "object") {
    throw new Problem(
      "Your browser cannot run this calculator",
      "The calculator needs WebAssembly, which this browser does not have or has switched off.",
      "Try an up-to-date version of Firefox, Chrome, Edge or Safari. On a work computer, ask your IT team whether WebAssembly is blocked.",
    );
  }
  try {
    const [glue, module] = await Promise.all([import("../pkg/mtfs.js"), compileEngine()]);
    await glue.default({ module_or_path: module });
    return keepRunning(glue, module);
  } catch (error) {
    throw new Problem(
      "The calculator could not start",
      `Its program did not load or would not run in this browser (${error.message}).`,
      "Reload the page. If that does not help, try an up-to-date version of Firefox, Chrome, Edge or Safari.",
    );
  }
}

async function loadData() {
  try {
    const response = await fetch(DATA_URL);
    if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
    return await response.json();
  } catch (error) {
    throw new Problem(
      "The council's figures could not be loaded",
      `The data file ${DATA_URL} could not be read: ${error.message}.`,
      "Check your connection and reload the page.",
    );
  }
}

export async function load() {
  // The engine and the data download side by side.
  const data = loadData();
  data.catch(() => {}); // reported below, after the engine's own problems
  const engine = await loadEngine();
  performance.mark("mtfs:engine-ready");
  const dataSet = await data;
  performance.mark("mtfs:data-loaded");
  try {
    return { engine, data: dataSet, calculator: new engine.Calculator(dataSet) };
  } catch (error) {
    throw new Problem(
      "There is a problem with the council's figures",
      `The data file ${DATA_URL} has mistakes, so the calculator cannot use it.`,
      "If you look after this page, correct each field listed below (docs/data-format.md describes the format) and reload. Otherwise, please try again later.",
      (error.problems ?? [{ path: "", message: error.message }]).map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)),
    );
  }
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
  const projection = calculator.project(scenario);
  let fragment;
  try {
    fragment = calculator.link(scenario);
  } catch (error) {
    if (!problemsOf(error)) throw error;
    fragment = null;
  }
  return { scenario, projection, fragment };
}
