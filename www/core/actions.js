// Every change to the page's choices, as functions of the store: each works out the new
// choices, asks the engine once (core/engine.js evaluate) and sets the state in one step,
// so every component renders a consistent state. Components and views change the state
// only through these. No DOM.
import { EngineFailure, EngineNotReady, MAX_LINK, evaluate, planOf, problemsOf } from "./engine.js";
import { leverCatalogue } from "./levers.js";
import { overrides, withWelsh } from "./options.js";
import { FIELD_WORDS, fromScenario, toScenario } from "./scenario.js";
import { valueWords } from "./words.js";
import { tr } from "./language.js";

/** How long input must pause before the results count as settled (announced, sent to a host). */
export const SETTLE_MS = 1000;

/** For the benchmark: each change's engine time and its handling time, to the end of every render. */
export const timings = [];

let settleTimer = 0;
function scheduleSettle(store, delay) {
  clearTimeout(settleTimer);
  settleTimer = setTimeout(() => store.set({ settled: true }), delay);
}
/** Stops the settle timer (another council's data replaces this one). */
export const stop = () => clearTimeout(settleTimer);

/** The levers' refusals placed beside them: each refused lever back at its last good value. */
function place(problems, inputs, state) {
  const byPath = new Map(state.catalogue.flatMap((spec) => spec.paths.map((p) => [p, spec])));
  const values = new Map(inputs.values);
  const errors = new Map(inputs.errors);
  for (const p of problems) {
    const spec = byPath.get(p.path);
    if (!spec) return null;
    const good = state.values.get(spec.link) ?? spec.plan;
    if (good === spec.plan) values.delete(spec.link);
    else values.set(spec.link, good);
    if (!errors.has(spec.link)) errors.set(spec.link, tr("{lever}: {problem}. The results use {value} until you change it.", { lever: spec.label, problem: p.message, value: valueWords(spec, good) }));
  }
  return { values, errors };
}

/** The engine failed (it restarts itself): the state keeps the results on screen, and says so. */
function engineFailed(store, failure) {
  store.set({ change: { kind: "restore" }, notice: { kind: "engine", running: null } });
  failure.restarted.then((running) => store.set({ notice: { kind: "engine", running } }));
  return failure.message;
}

/** The entries of `next` that differ from `state`: a patch names only what changed, so a
 *  listener can skip the rest (the builder's radios on a slider move, say). */
const changedFrom = (state, next) => Object.fromEntries(Object.entries(next).filter(([key, value]) => state[key] !== value));

/**
 * Works out `inputs` (values, usesReserves, choices, errors) and sets the state. On input, a
 * lever the engine refuses goes back to its last good value, with its error; any other
 * refusal throws the engine's Problems. An engine failure leaves the state as it was and returns its words.
 */
function commit(store, inputs, change) {
  const start = performance.now();
  const state = store.get();
  let next = { values: state.values, usesReserves: state.usesReserves, choices: state.choices, errors: state.errors, ...inputs };
  let result;
  try {
    try {
      result = evaluate(state.calculator, { ...state, ...next });
    } catch (error) {
      const problems = change.kind === "input" && problemsOf(error);
      const placed = problems && place(problems, next, state);
      if (!placed) throw error;
      next = { ...next, ...placed };
      result = evaluate(state.calculator, { ...state, ...next });
    }
  } catch (error) {
    if (error instanceof EngineFailure) return engineFailed(store, error);
    if (error instanceof EngineNotReady) return waitForEngine(store, next, change, error.ready);
    throw error;
  }
  const forced = overrides(state.optionList, next.choices, state.catalogue);
  const clear = change.kind === "link" || change.kind === "apply" ? { notice: null } : {};
  store.set({ ...changedFrom(state, next), ...result, reservesUsed: forced.usesReserves ?? next.usesReserves, change, settled: false, ...clear });
  scheduleSettle(store, change.kind === "input" ? SETTLE_MS : 0);
  timings.push({ engineMicros: state.calculator.lastProjectMicros, updateMs: performance.now() - start });
  if (timings.length > 2000) timings.splice(0, 1000);
  return null;
}

let waiting = null;
/**
 * The first screen was drawn before the engine loaded (core/engine.js, deferredEngine) and
 * a choice came before it ran: the choices are kept in the state now (the controls show
 * them), and worked out once the engine runs, so no input is lost. A failure to load is
 * reported by the page (app.js), not here.
 */
function waitForEngine(store, next, change, ready) {
  store.set({ ...next, change });
  waiting ??= ready.then(
    () => {
      waiting = null;
      commit(store, {}, store.get().change);
    },
    () => (waiting = null),
  );
  return null;
}
/** Settles once any choice made before the engine loaded has been worked out. */
export const engineWork = () => waiting ?? Promise.resolve();

/** The inputs of the council's plan. */
export const planInputs = () => ({ values: new Map(), usesReserves: true, choices: {}, errors: new Map() });

/** A lever moved or typed in (`box`: typed in its number box): its link key and value (a decimal string). */
export function setLever(store, link, value, box = false) {
  const state = store.get();
  const spec = state.catalogue.find((s) => s.link === link);
  const values = new Map(state.values);
  if (value === spec.plan) values.delete(link);
  else values.set(link, value);
  // Moving a lever clears its own error; with none, the errors stay the same map (not a change).
  let errors = state.errors;
  if (errors.has(link)) {
    errors = new Map(errors);
    errors.delete(link);
  }
  return commit(store, { values, errors }, { kind: "input", link, box });
}

/** A value the page refuses before the engine sees it (a box left empty, a part-year delay). */
export function refuseLever(store, link, problem) {
  const state = store.get();
  const spec = state.catalogue.find((s) => s.link === link);
  const good = state.values.get(link) ?? spec.plan;
  const errors = new Map(state.errors).set(link, tr("{lever}: {problem}. The results use {value} until you change it.", { lever: spec.label, problem, value: valueWords(spec, good) }));
  store.set({ errors, change: { kind: "refused", link, box: true } });
}

export const setUsesReserves = (store, on) => commit(store, { usesReserves: on }, { kind: "input", link: "r" });

/** One of the council's options set to a level (its plan level takes it out of the choices). */
export function setChoice(store, option, level) {
  const state = store.get();
  const plan = state.optionList.options.find((o) => o.id === option)?.plan_level;
  const choices = { ...state.choices };
  if (level === plan) delete choices[option];
  else choices[option] = level;
  return commit(store, { choices }, { kind: "input", option });
}

/** Back to the council's plan: every lever, reserves and every option. */
export const reset = (store) => commit(store, planInputs(), { kind: "reset", said: `${tr("Back to the council's plan.")} ` });

export const setBand = (store, band) => store.set({ band, change: { kind: "band" } });

/** The engine's refusals, in words, naming each lever by its label. */
function refusalWords(state, problems) {
  const label = (path) => state.catalogue.find((s) => s.paths.includes(path))?.label ?? path;
  return [...new Set(problems.map((p) => `${label(p.path)}: ${p.message}.`))].join(" ");
}

/** Sets the choices an engine scenario holds; returns null, or why it could not (plain English). */
function applyInputs(store, inputs, change) {
  try {
    return commit(store, { ...inputs, errors: new Map() }, change);
  } catch (error) {
    const problems = problemsOf(error);
    if (!problems) throw error;
    return `${tr("Some of its choices are ones the calculator cannot use.")} ${refusalWords(store.get(), problems)}`;
  }
}

/**
 * Shows the choices in a link's fragment ("#s2.…", "#s1.…" or "" for the plan): `kind` is
 * "link" (the address) or "apply" (another view, the embedding page). Returns null, or why
 * the link cannot be used, in plain English; the choices are then unchanged.
 */
export function applyLink(store, fragment, { kind = "link", said } = {}) {
  const length = fragment.startsWith("#") ? fragment.length - 1 : fragment.length;
  if (length > MAX_LINK) {
    return tr("The link is too long to be one of this calculator's: it has {length} characters after the #, and the calculator's links have at most {most}.", {
      length: length.toLocaleString("en-GB"),
      most: MAX_LINK.toLocaleString("en-GB"),
    });
  }
  const state = store.get();
  let scenario;
  try {
    scenario = state.calculator.scenarioFromLink(fragment);
  } catch (error) {
    if (error instanceof EngineFailure) return engineFailed(store, error);
    if (error instanceof EngineNotReady) {
      // A link opened before the engine loaded: shown (or refused) once it runs.
      error.ready.then(() => {
        const reason = applyLink(store, fragment, { kind, said });
        if (reason) refuseLink(store, reason);
      }, () => {});
      return null;
    }
    const problems = problemsOf(error);
    if (!problems) throw error;
    return problems[0].message;
  }
  const read = fromScenario(state.catalogue, scenario);
  if (read.unshown.length > 0) {
    return tr("It holds choices this page cannot show: {choices}.", { choices: read.unshown.map((f) => tr(FIELD_WORDS[f] ?? f)).join(", ") });
  }
  const empty = fragment.replace(/^#/, "") === "";
  const words = said ?? `${tr(kind === "link" ? (empty ? "Back to the council's plan." : "Showing the choices from the link.") : "Showing the new choices.")} `;
  return applyInputs(store, { values: read.values, usesReserves: read.usesReserves, choices: read.choices }, { kind, said: words });
}

/**
 * Sets some choices from an engine scenario (a goal-seek suggestion: a council tax rise,
 * extra savings or an option's level), keeping the others. Returns null or why not.
 */
export function applyScenario(store, scenario, { said } = {}) {
  const state = store.get();
  const read = fromScenario(state.catalogue, scenario);
  if (read.unshown.length > 0) return tr("It sets choices this page cannot show: {choices}.", { choices: read.unshown.map((f) => tr(FIELD_WORDS[f] ?? f)).join(", ") });
  const values = new Map([...state.values, ...read.values]);
  const choices = { ...state.choices, ...read.choices };
  const usesReserves = typeof scenario.use_reserves === "boolean" ? scenario.use_reserves : state.usesReserves;
  return applyInputs(store, { values, usesReserves, choices }, { kind: "apply", said: said ?? `${tr("Showing the new choices.")} ` });
}

/** A link that cannot be used: the plan instead, and the notice saying why. */
export function refuseLink(store, reason) {
  commit(store, planInputs(), { kind: "refused" });
  store.set({ notice: { kind: "link", reason } });
}

/**
 * A council's data set and its engine become the page's (the page's own, or a file of the
 * resident's: `ownFile` names it), every choice at that council's plan.
 */
export function useData(store, data, calculator, ownFile) {
  stop();
  const plan = planOf(calculator);
  const catalogue = leverCatalogue(data, plan);
  const inputs = planInputs();
  store.set({
    data,
    calculator,
    plan,
    catalogue,
    optionList: withWelsh(calculator.options(), data),
    ownFile,
    ...inputs,
    scenario: toScenario(catalogue, inputs.values, true),
    projection: plan,
    fragment: "",
    reservesUsed: true,
    band: store.get()?.band ?? "D",
    change: { kind: "data" },
    notice: null,
    settled: true,
  });
}
