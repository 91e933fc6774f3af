// The page's boot: loads the engine (WebAssembly) and the council's data side by side,
// makes the store, mounts the components (one per `data-module` root in index.html), follows
// the address, and loads the views kept out of a first visit when they are asked for.
//
// The flow is one way: an input → core/actions.js → core/engine.js evaluate (the one
// engine call) → store.set → each component renders its own part.
import { Problem, load } from "./core/engine.js";
import { chosenLanguage, tr } from "./core/language.js";
import * as actions from "./core/actions.js";
import { createStore } from "./core/store.js";
import { followAddress } from "./ui/address.js";
import { mount } from "./ui/mount.js";
import { errorSummary } from "./ui/notices.js";
import { createScheduler } from "./ui/schedule.js";
import { About, Lede } from "./components/about/about.js";
import { Announcer } from "./components/announcer/announcer.js";
import { BudgetBuilder } from "./components/budget-builder/budget-builder.js";
import { Headline } from "./components/headline/headline.js";
import { LeverForm } from "./components/lever-form/lever-form.js";
import { OwnData } from "./components/own-data/own-data.js";
import { PrintChoices } from "./components/print-choices/print-choices.js";
import { BudgetSection, GapSection, ReservesSection, TaxSection } from "./components/sections/sections.js";
import { ShareLink } from "./components/share-link/share-link.js";
import { Status } from "./components/status/status.js";
import { Ticker } from "./components/ticker/ticker.js";
import { Warnings } from "./components/warnings/warnings.js";

const REGISTRY = Object.fromEntries(
  [About, Announcer, BudgetBuilder, BudgetSection, GapSection, Headline, Lede, LeverForm, OwnData, PrintChoices, ReservesSection, ShareLink, Status, TaxSection, Ticker, Warnings].map(
    (Component) => [Component.moduleName, Component],
  ),
);

const $ = (id) => document.getElementById(id);
/** The address's query: which layout and views the page shows (see loadViews). */
const params = new URLSearchParams(location.search);
const embedded = params.get("embed") === "1";

/** For the benchmark and the tests: timings, the store, and `settled()` once charts and tables show the latest input. */
globalThis.mtfsPage = { timings: actions.timings, settled: () => Promise.resolve() };

function showProblem(problem) {
  const summary = errorSummary(problem);
  $("app").hidden = true;
  $("status").replaceChildren(summary);
  summary.focus();
}

const unexpected = (error) =>
  new Problem(tr("Something went wrong"), tr("The calculator stopped with an error: {problem}", { problem: error.message }), tr("Reload the page. If it happens again, please tell us what you did."));
const report = (error) => showProblem(error instanceof Problem ? error : unexpected(error));

/**
 * Views kept out of the first visit's weight and loaded only when asked for: the
 * consultation embed (?embed=1), officer mode (?view=officer or ?view=briefing), Easy Read
 * and the paper form (?view=easy-read, ?view=paper-form), and risk
 * and goal seek once their section comes near the screen. Each exports `start(params, store)`.
 * Each import() names its file as written, so the bundler (scripts/build-web.sh) sees it.
 */
function loadViews(store) {
  const open = (loading) => loading.then((view) => view.start(params, store)).catch(report);
  if (embedded) open(import("./views/embed/index.js"));
  const view = params.get("view");
  if (view === "officer" || view === "briefing") open(import("./views/officer/index.js"));
  if (view === "easy-read" || view === "paper-form") open(import("./views/easy-read/index.js"));
  if (view === "accessibility") open(import("./views/accessibility/index.js"));
  // The council's own look, loaded only for data that has one (and not with &brand=0).
  if (params.get("brand") !== "0") {
    let asked = false;
    store.subscribe((state) => {
      if (asked || !state?.data?.branding) return;
      asked = true;
      open(import("./views/branding/index.js"));
    });
  }
  const risk = $("risk");
  if (risk && !embedded && !["easy-read", "paper-form", "accessibility"].includes(view)) {
    new IntersectionObserver(
      (entries, observer) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        open(import("./views/insight/index.js"));
      },
      { rootMargin: "200px" },
    ).observe(risk);
  }
}

/**
 * The language: ?lang=, else the browser's (core/language.js). Welsh (ui/welsh.js, with its
 * catalogue) is fetched only then, beside the engine, and puts the page's own words into
 * Welsh before the components draw. The switch keeps the rest of the address, fragment too.
 */
function startLanguage() {
  const code = chosenLanguage(params);
  const link = $("lang-switch");
  if (link) {
    const other = code === "cy" ? "en" : "cy";
    if (code === "cy") Object.assign(link, { textContent: "English", lang: "en", hreflang: "en" });
    const follow = () => {
      const url = new URL(location.href);
      url.searchParams.set("lang", other);
      link.href = url.href;
    };
    for (const type of ["click", "focus", "pointerenter"]) link.addEventListener(type, follow);
  }
  if (code !== "cy") return null;
  return import("./ui/welsh.js").then(async ({ loadWelsh, translateStatic }) => {
    const catalogue = await loadWelsh();
    if (catalogue) {
      document.documentElement.lang = "cy";
      translateStatic(document, catalogue);
    }
    return catalogue;
  });
}

/**
 * The page's own council, its plan and nothing else asked for (no link, no ?view, not
 * embedded): the first screen is drawn from answers worked out when the site was built,
 * and the engine loads when the resident starts to use the calculator or the browser is
 * idle, whichever comes first (core/engine.js, deferredEngine). Anything else needs the
 * engine at once, Welsh too: the answers' sentences are the engine's English.
 */
const firstScreen = !embedded && !params.has("view") && location.hash.length <= 1 && chosenLanguage(params) !== "cy";

/** Starts the engine on the first pointer, key or focus in the calculator, or when the browser is idle after the first screen. */
function startEngineSoon(deferred) {
  const app = $("app");
  const kinds = ["pointerdown", "focusin", "keydown"];
  const start = () => {
    for (const kind of kinds) app.removeEventListener(kind, start);
    deferred.start().catch(report);
  };
  for (const kind of kinds) app.addEventListener(kind, start, { passive: true });
  const idle = () => (globalThis.requestIdleCallback ? requestIdleCallback(start, { timeout: 2000 }) : setTimeout(start, 200));
  if (document.readyState === "complete") idle();
  else addEventListener("load", idle, { once: true });
}

async function main() {
  try {
    const welsh = startLanguage();
    const loading = load({ firstScreen });
    loading.catch(() => {}); // reported below, once the words are in the page's language
    const catalogue = await welsh;
    const { engine, data, calculator, deferred } = await loading;
    if (catalogue) engine.useCatalogue(catalogue);
    const store = createStore();
    actions.useData(store, data, calculator, null);
    const scheduler = createScheduler($("results"));
    // Charts and tables follow the headline: just after the frame that answers an input.
    store.subscribe((state, patch) => {
      if (!patch.projection && !patch.band) return;
      if (state.change?.kind === "input") scheduler.renderSoon(state);
      else scheduler.render(state);
    });
    const context = { store, scheduler, engine, home: { data, calculator }, onError: report };
    // What a phone shows first (the builder and the headline) now; the levers and the
    // results below them each in a task of its own (ui/mount.js).
    const { mounted } = mount(REGISTRY, document, context, report, (root) => !root.closest("#controls, #results"));
    // `engine()` (tests, bench) starts the engine if it is not running yet, and resolves once it runs.
    const settled = () => mounted.then(actions.engineWork).then(scheduler.settled);
    const engineLive = () => engine.ready().then(() => undefined);
    Object.assign(globalThis.mtfsPage, { store, settled, engine: engineLive, firstScreen: deferred?.answers ?? null, restTimes: scheduler.restTimes, apply: (fragment) => actions.applyLink(store, fragment, { kind: "apply" }) });
    const address = followAddress(store, { embedded });
    $("status").replaceChildren();
    $("app").hidden = false;
    address.start();
    $("link-notice")?.focus();
    performance.mark("mtfs:first-result");
    await mounted;
    performance.mark("mtfs:mounted"); // every component listens (tests wait for it)
    loadViews(store);
    if (deferred) startEngineSoon(deferred);
  } catch (error) {
    report(error);
  }
}

main();
