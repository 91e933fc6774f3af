// The page: loads the engine (WebAssembly) and a council's data set, shows the council's
// own plan, then recomputes everything on every input. All budget arithmetic happens in
// the engine: this module fetches, calls `calculator.project(scenario)` once per input
// event and hands the result to the results module.
import { el } from "./dom.js";
import { buildLevers } from "./levers.js";
import { buildResults } from "./results.js";
import { LinkProblem, decode, encode } from "./link.js";
import { publish } from "./session.js";

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

/** An engine call that could not be made, because the engine failed (see keepRunning). */
class EngineFailure extends Error {
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
  let current = glue;
  let generation = 0;
  let failure = null;
  let made = new Set(); // the running instance's calculators, let go when it is replaced
  const restart = async () => {
    try {
      const fresh = await import(`./pkg/mtfs.js?restart=${generation + 1}`);
      await fresh.default({ module_or_path: module });
      for (const inner of made) {
        try {
          inner.free();
        } catch {
          // The failed instance is dropped whole.
        }
      }
      [current, made, failure] = [fresh, new Set(), null];
      generation += 1;
      return true;
    } catch {
      return false;
    }
  };
  const call = (work) => {
    if (failure) throw failure;
    try {
      return work();
    } catch (error) {
      if (!(error instanceof WebAssembly.RuntimeError)) throw error;
      failure = new EngineFailure(restart());
      throw failure;
    }
  };
  class Calculator {
    #data;
    #inner = null;
    #generation = -1;
    #plan = null; // the plan's projection, kept: a page can show the plan with the engine down
    constructor(data) {
      this.#data = data;
      this.#engine();
    }
    /** This calculator in the running instance. */
    #engine() {
      if (this.#generation !== generation) {
        this.#inner = call(() => new current.Calculator(this.#data));
        made.add(this.#inner);
        this.#generation = generation;
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
    get lastProjectMicros() {
      return this.#inner.lastProjectMicros;
    }
  }
  return { Calculator };
}

/** The engine compiled, kept for a restart (keepRunning). */
async function compileEngine() {
  const url = new URL("pkg/mtfs_bg.wasm", import.meta.url);
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
    const [glue, module] = await Promise.all([import("./pkg/mtfs.js"), compileEngine()]);
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

async function load() {
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

/** Said when the engine failed and has restarted itself (keepRunning), or could not. */
function engineNotice(running, ownFile) {
  const then = running
    ? "It could not recover from it on its own, so it has restarted. Your choices are kept, except the last change you made, which has been put back: the results shown are for the choices shown."
    : `It could not recover from it on its own, and could not restart. The results shown are for the choices shown, but it cannot work out new ones. Reload the page to carry on${
        ownFile ? ", then choose your data file again" : ": the address keeps your choices"
      }.`;
  return el(
    "div",
    { class: "link-notice", id: "engine-notice", "aria-labelledby": "engine-notice-title" },
    el("h2", { class: "link-notice__title", id: "engine-notice-title" }, "The calculator hit a problem"),
    el("p", {}, then),
  );
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

/** The choices now set, for levers.restore. */
const snapshot = (levers) => ({ values: new Map(levers.choices().map((c) => [c.link, c.value])), usesReserves: levers.usesReserves() });

/** The projection of the choices now set. */
function project(calculator, levers) {
  try {
    return calculator.project(levers.scenario());
  } catch (error) {
    // A choice the engine refuses is explained beside its box and set back to its last
    // good value; the rest still count.
    if (!error.problems || levers.refuse(error.problems).length > 0) throw error;
    return calculator.project(levers.scenario());
  }
}

/**
 * Shows a council's data set: builds its choices and results and starts answering input.
 * `ownFile` names a data file from the person's computer (null for the page's own data):
 * while one is in use, no scenario links are written or read, since a link would claim to
 * be about the page's own council.
 */
function start(data, calculator, ownFile) {
  let page;
  {
    const plan = calculator.project(null);
    $("council").textContent = `${data.council}: the council's plan from ${data.years[0]} to ${
      data.years[data.years.length - 1]
    }. Change the choices to see what would happen to the budget gap, the reserves and your council tax bill.`;
    $("about").textContent = data.description ?? "";

    let settle;
    const announce = (text) => {
      // Cleared first, so the same words are read again.
      $("announce").textContent = "";
      requestAnimationFrame(() => ($("announce").textContent = text));
    };

    // Scenario links (link.js). While a control moves, the address is replaced in place; the
    // first change after the results settle adds a history entry, so Back and Forward step
    // between settled sets of choices, not every slider position.
    let pushNext = true;
    let shownHash = location.hash;
    // Built from the address's parts: reading the whole of a long one costs milliseconds.
    const address = (hash) => `${location.protocol}//${location.host}${location.pathname}${location.search}${hash}`;
    // Chromium ignores (and complains about) more than a few hundred address changes in ten
    // seconds, so while a key is held the replacements are at most one every 150 ms.
    let linkTimer = 0;
    const writeLink = (mode) => {
      clearTimeout(linkTimer);
      linkTimer = 0;
      if (ownFile) return;
      const hash = encode(levers.choices(), levers.usesReserves());
      if (hash === location.hash) return;
      // An empty fragment is written as none at all: the page's own address is the plan.
      setAddress(address(hash), mode === "push");
      shownHash = location.hash;
      if (mode === "push") pushNext = false;
    };

    /** Tells the views that load on demand (session.js) what the page now shows. */
    const share = (projection, settled) =>
      publish({
        data,
        calculator,
        scenario: levers.scenario(),
        projection,
        plan,
        fragment: encode(levers.choices(), levers.usesReserves()),
        choices: levers.choices(),
        describe: levers.describe,
        usesReserves: levers.usesReserves(),
        settled,
        ownFile,
        apply,
      });

    let shown = null; // the choices whose results are on screen (snapshot)

    /** The engine failed (it restarts itself): put back the choices whose results are on screen, and say so. */
    const engineFailed = (failure) => {
      if (shown) levers.restore(shown.values, shown.usesReserves);
      writeLink("replace");
      failure.restarted.then((running) => $("status").replaceChildren(engineNotice(running, ownFile)));
    };

    const update = (lever, { reset = false, restored = false, link = pushNext ? "push" : "replace", opening } = {}) => {
      const start = performance.now();
      let projection;
      try {
        projection = project(calculator, levers);
      } catch (error) {
        if (error instanceof EngineFailure) return engineFailed(error);
        throw error;
      }
      levers.accept();
      shown = snapshot(levers);
      if (link === "push" || reset || restored) writeLink(link);
      else linkTimer ||= setTimeout(() => writeLink("replace"), 150);
      levers.update(projection);
      page.renderSoon(projection, { usesReserves: levers.usesReserves() });
      share(projection, false);
      timings.push({ engineMicros: calculator.lastProjectMicros, updateMs: performance.now() - start });
      if (timings.length > 2000) timings.splice(0, 1000);
      clearTimeout(settle);
      settle = setTimeout(() => {
        if (linkTimer) writeLink("replace");
        pushNext = true;
        page.choices();
        share(projection, true);
        const said = opening ?? (restored ? "Showing the choices from the link. " : reset ? "Back to the council's plan. " : "");
        announce(`${said}${page.announcement(projection)}`);
      }, reset || restored ? 0 : SETTLE_MS);
    };

    // A fresh form each time, so the last council's listeners go with the old one.
    const form = $("levers").cloneNode(false);
    $("levers").replaceWith(form);
    const levers = buildLevers(form, data, plan, (lever, options) => {
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
    shown = snapshot(levers);
    page.render(plan, { usesReserves: true });
    page.choices();
    share(plan, true);

    /** A link that cannot be used: say why, and show the plan. */
    const refuseLink = (reason) => {
      levers.restore(new Map(), true);
      setAddress(address(""));
      shownHash = "";
      const notice = el(
        "div",
        { class: "link-notice", id: "link-notice", tabindex: "-1", "aria-labelledby": "link-notice-title" },
        el("h2", { class: "link-notice__title", id: "link-notice-title" }, "The link to a set of choices could not be used"),
        el("p", {}, reason),
        el("p", {}, "The calculator is showing the council's plan instead. You can make your own choices below, or ask whoever sent the link to copy it again."),
      );
      $("status").replaceChildren(notice);
      update(undefined, { reset: true, link: "replace" });
    };
    /** Shows the choices in the address's fragment (on load, Back, Forward or an edited address). */
    const showLink = (hash) => {
      clearTimeout(linkTimer);
      linkTimer = 0;
      shownHash = hash;
      let state;
      try {
        state = decode(hash, levers.choices());
      } catch (error) {
        if (error instanceof LinkProblem) return refuseLink(error.message);
        throw error;
      }
      levers.restore(state?.values ?? new Map(), state?.usesReserves ?? true);
      try {
        // The engine checks the choices too; its objections mean the link cannot be used.
        calculator.project(levers.scenario());
      } catch (error) {
        if (error instanceof EngineFailure) return engineFailed(error);
        if (!error.problems) throw error;
        return refuseLink(
          `Some of its choices are ones the calculator cannot use. ${[
            ...new Set(error.problems.map((p) => `${levers.labelFor(p.path) ?? p.path}: ${p.message}.`)),
          ].join(" ")}`,
        );
      }
      $("status").replaceChildren();
      update(undefined, { restored: state !== null, reset: state === null, link: "replace" });
    };
    /**
     * Sets choices for another view (a goal-seek suggestion, the embedding page): a link
     * fragment, or { values, usesReserves, keepOthers }. Returns null, or why it could not.
     */
    function apply(change) {
      let state;
      if (typeof change === "string") {
        try {
          state = decode(change, levers.choices()) ?? { values: new Map(), usesReserves: true };
        } catch (error) {
          if (error instanceof LinkProblem) return error.message;
          throw error;
        }
      } else {
        const values = change.keepOthers
          ? new Map(levers.choices().filter((c) => c.value !== c.plan).map((c) => [c.link, c.value]))
          : new Map();
        const known = new Set(levers.choices().map((c) => c.link));
        for (const [key, value] of change.values ?? []) {
          if (!known.has(key)) return `There is no choice called "${key}" for this council.`;
          values.set(key, value);
        }
        state = { values, usesReserves: change.usesReserves ?? (change.keepOthers ? levers.usesReserves() : true) };
      }
      const before = snapshot(levers);
      levers.restore(state.values, state.usesReserves);
      try {
        calculator.project(levers.scenario());
      } catch (error) {
        levers.restore(before.values, before.usesReserves);
        if (error instanceof EngineFailure) engineFailed(error);
        if (!error.problems) throw error;
        return [...new Set(error.problems.map((p) => `${levers.labelFor(p.path) ?? p.path}: ${p.message}.`))].join(" ");
      }
      $("status").replaceChildren();
      update(undefined, { restored: true, link: "push", opening: change.said ?? "Showing the new choices. " });
      return null;
    }

    const onAddress = () => {
      // The fragment is read once: a long one costs milliseconds at each read.
      const hash = location.hash;
      if (ownFile || hash === shownHash) return;
      try {
        showLink(hash);
      } catch (error) {
        showProblem(unexpected(error));
      }
    };
    if (ownFile) {
      // The address must not keep choices that were made for the page's own council.
      if (location.hash !== "") setAddress(address(""));
      shownHash = "";
    } else if (location.hash !== "") {
      showLink(location.hash);
      $("link-notice")?.focus();
    }

    // "Copy link to these choices", with a box to copy from where the browser refuses.
    const shareStatus = (text) => {
      $("share-status").textContent = "";
      requestAnimationFrame(() => ($("share-status").textContent = text));
    };
    const copy = async () => {
      const url = address(encode(levers.choices(), levers.usesReserves()));
      $("share-url").value = url;
      try {
        await navigator.clipboard.writeText(url);
        $("share-box").hidden = true;
        shareStatus("Link copied. Paste it into an email or message to share these choices.");
      } catch {
        $("share-box").hidden = false;
        $("share-url").focus();
        $("share-url").select();
        shareStatus("Your browser did not let the page copy the link. It is in the box above, selected: press Ctrl and C (or Command and C on a Mac) to copy it.");
      }
    };
    $("copy-link").hidden = Boolean(ownFile);
    $("share-box").hidden = true;
    $("share-status").textContent = "";
    $("share-hint").textContent = ownFile
      ? "Links to choices are not available while you use your own data file: a link could only show the page's own council's figures."
      : "The link holds your choices in the address itself. Nothing is sent or stored anywhere, and it says nothing about you.";
    return {
      onAddress,
      copy,
      choices: () => page.choices(),
      stop: () => {
        clearTimeout(settle);
        clearTimeout(linkTimer);
        page.stop();
      },
    };
  }
}

/**
 * "Use your own council's data": a file chosen or dropped is read on the person's computer
 * (own-data.js), checked by the engine, and replaces the page's own data until they go back.
 * `change(data, calculator, fileName)` shows a data set; `change(null)`, the page's own.
 */
function ownData(engine, home, change) {
  const input = $("data-file");
  const zone = $("drop-zone");
  const errors = $("own-data-errors");
  const status = $("own-data-status");
  const back = $("use-default");
  const note = $("data-link").parentElement; // "Where each figure comes from…"
  const homeNote = [...note.childNodes];
  let council = home.council;
  back.textContent = `Use ${home.council}'s data again`;
  const say = (text) => {
    status.textContent = "";
    requestAnimationFrame(() => (status.textContent = text));
  };
  async function read(file) {
    errors.replaceChildren();
    if (!file) return;
    // Reading and checking a file is loaded only when someone chooses one.
    const own = await import("./own-data.js");
    const result = await own.readDataFile(file, engine);
    if (result.problems) {
      status.textContent = "";
      const summary = own.problemSummary(file.name, council, result.problems);
      errors.replaceChildren(summary);
      summary.focus();
      return;
    }
    const { data, calculator } = result;
    council = data.council;
    change(data, calculator, file.name);
    back.hidden = false;
    note.replaceChildren(`Where each figure comes from is written in your data file, ${file.name}, beside the figure.`);
    say(`The calculator now shows ${data.council}'s plan, from ${file.name}. Your choices start at that plan.`);
  }
  input.addEventListener("change", () => read(input.files[0]).catch((error) => showProblem(unexpected(error))));
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("drop--over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("drop--over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("drop--over");
    read(event.dataTransfer.files[0]).catch((error) => showProblem(unexpected(error)));
  });
  back.addEventListener("click", () => {
    council = home.council;
    change(null);
    errors.replaceChildren();
    back.hidden = true;
    input.value = "";
    note.replaceChildren(...homeNote);
    input.focus();
    say(`The calculator shows ${home.council}'s plan again.`);
  });
}

/** The address's query: which layout and views the page shows (see loadViews). */
const params = new URLSearchParams(location.search);

/**
 * Writes the address. Embedded, it never adds a history entry (that would take over the
 * host page's Back button); a browser that refuses (a sandboxed iframe) is left as it is.
 */
function setAddress(url, push) {
  try {
    history[push && params.get("embed") !== "1" ? "pushState" : "replaceState"](null, "", url);
  } catch {
    // The choices still work; only the address does not show them.
  }
}

/**
 * Views kept out of the first visit's weight and loaded only when asked for: the
 * consultation embed (?embed=1), officer mode (?view=officer or ?view=briefing), and risk
 * and goal seek once their section comes near the screen. Each module exports
 * `start(params)` and reads the page through session.js.
 */
function loadViews() {
  const load = (module) =>
    import(module).then((view) => view.start(params)).catch((error) => showProblem(unexpected(error)));
  if (params.get("embed") === "1") load("./embed.js");
  const view = params.get("view");
  if (view === "officer" || view === "briefing") load("./officer.js");
  const risk = $("risk");
  if (risk && params.get("embed") !== "1") {
    new IntersectionObserver(
      (entries, observer) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        load("./insight.js");
      },
      { rootMargin: "200px" },
    ).observe(risk);
  }
}

async function main() {
  try {
    const { engine, data, calculator } = await load();
    let session = start(data, calculator, null);
    addEventListener("popstate", () => session.onAddress());
    addEventListener("hashchange", () => session.onAddress());
    addEventListener("beforeprint", () => session.choices());
    $("copy-link").addEventListener("click", () => session.copy());
    // The officer view opens with the same choices: its link takes the address's fragment.
    const officer = $("officer-link");
    for (const type of ["click", "auxclick", "contextmenu"]) officer.addEventListener(type, () => (officer.hash = location.hash));
    watchHeadline();
    loadViews();
    ownData(engine, data, (ownData, ownCalculator, name) => {
      session.stop();
      session = ownData ? start(ownData, ownCalculator, name) : start(data, calculator, null);
    });
    performance.mark("mtfs:first-result");
  } catch (error) {
    showProblem(error instanceof Problem ? error : unexpected(error));
  }
}

main();
