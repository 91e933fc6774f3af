// The page: loads the engine (WebAssembly) and a council's data set, shows the council's
// own plan, then recomputes everything on every input. All budget arithmetic happens in
// the engine: this module fetches, calls `calculator.project(scenario)` once per input
// event and hands the result to the results module.
import { el } from "./dom.js";
import { buildLevers } from "./levers.js";
import { buildResults } from "./results.js";

const DATA_URL = "data/hampshire.json";
/** How long input must pause before the live region reads the new results. */
const SETTLE_MS = 1000;

const $ = (id) => document.getElementById(id);

/**
 * For the benchmark and the tests: each update's engine time and handler time, and
 * `settled()`, which resolves once the charts and tables show the latest input.
 */
const timings = [];
globalThis.mtfsPage = { timings, settled: () => Promise.resolve() };

/** Something went wrong before the plan could be shown: say what, and what to do. */
class Problem extends Error {
  constructor(title, what, todo, details = []) {
    super(what);
    Object.assign(this, { title, what, todo, details });
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
    const engine = await import("./pkg/mtfs.js");
    await engine.default();
    return engine;
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

async function load() {
  // The engine and the data download side by side.
  const data = loadData();
  data.catch(() => {}); // reported below, after the engine's own problems
  const engine = await loadEngine();
  performance.mark("mtfs:engine-ready");
  const dataSet = await data;
  performance.mark("mtfs:data-loaded");
  try {
    return { data: dataSet, calculator: new engine.Calculator(dataSet) };
  } catch (error) {
    throw new Problem(
      "There is a problem with the council's figures",
      `The data file ${DATA_URL} has mistakes, so the calculator cannot use it.`,
      "If you look after this page, correct each field listed below (docs/data-format.md describes the format) and reload. Otherwise, please try again later.",
      (error.problems ?? [{ path: "", message: error.message }]).map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)),
    );
  }
}

function showProblem(problem) {
  const summary = el(
    "div",
    { class: "error-summary", role: "alert", tabindex: "-1", "aria-labelledby": "error-title" },
    el("h2", { id: "error-title", class: "error-summary__title" }, problem.title),
    el("p", {}, problem.what),
    el("p", {}, problem.todo),
  );
  if (problem.details.length > 0) {
    summary.append(el("ul", { class: "error-summary__list" }, ...problem.details.map((d) => el("li", {}, d))));
  }
  $("app").hidden = true;
  $("status").replaceChildren(summary);
  summary.focus();
}

const unexpected = (error) =>
  new Problem(
    "Something went wrong",
    `The calculator stopped with an error: ${error.message}`,
    "Reload the page. If it happens again, please tell us what you did.",
  );

/** Shows the compact figures at the foot of the screen only while the headline is out of sight. */
function watchHeadline() {
  const ticker = $("ticker");
  new IntersectionObserver(([entry]) => {
    ticker.hidden = entry.isIntersecting;
    document.documentElement.classList.toggle("has-ticker", !entry.isIntersecting);
  }).observe($("figures"));
}

async function main() {
  let page;
  try {
    const { data, calculator } = await load();
    const plan = calculator.project(null);
    $("council").textContent = `${data.council}: the council's plan from ${data.years[0]} to ${
      data.years[data.years.length - 1]
    }. Change the choices to see what would happen to the budget gap, the reserves and your council tax bill.`;
    if (data.description) $("about").textContent = data.description;

    let settle;
    const announce = (text) => {
      // Cleared first, so the same words are read again.
      $("announce").textContent = "";
      requestAnimationFrame(() => ($("announce").textContent = text));
    };

    const update = (lever, { reset = false } = {}) => {
      const start = performance.now();
      let projection;
      try {
        projection = calculator.project(levers.scenario());
      } catch (error) {
        // A choice the engine refuses is explained beside its box and set back to its last
        // good value; the rest still count.
        if (!error.problems || levers.refuse(error.problems).length > 0) throw error;
        projection = calculator.project(levers.scenario());
      }
      levers.accept();
      levers.update(projection);
      page.renderSoon(projection, { usesReserves: levers.usesReserves() });
      timings.push({ engineMicros: calculator.lastProjectMicros, updateMs: performance.now() - start });
      if (timings.length > 2000) timings.splice(0, 1000);
      clearTimeout(settle);
      settle = setTimeout(() => {
        page.choices();
        announce(`${reset ? "Back to the council's plan. " : ""}${page.announcement(projection)}`);
      }, reset ? 0 : SETTLE_MS);
    };

    const levers = buildLevers($("levers"), data, plan, (lever, options) => {
      try {
        update(lever, options);
      } catch (error) {
        showProblem(unexpected(error));
      }
    });
    page = buildResults({ data, plan, levers });
    globalThis.mtfsPage.settled = page.settled;
    globalThis.mtfsPage.restTimes = page.restTimes;
    $("status").replaceChildren();
    $("app").hidden = false;
    levers.update(plan);
    page.render(plan, { usesReserves: true });
    page.choices();
    watchHeadline();
    addEventListener("beforeprint", () => page.choices());
    performance.mark("mtfs:first-result");
  } catch (error) {
    showProblem(error instanceof Problem ? error : unexpected(error));
  }
}

main();
