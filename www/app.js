// The page's boot: loads the engine (WebAssembly) and the council's data side by side,
// makes the store, mounts the components (one per `data-module` root in index.html), follows
// the address, and loads the views kept out of a first visit when they are asked for.
//
// The flow is one way: an input → core/actions.js → core/engine.js evaluate (the one
// engine call) → store.set → each component renders its own part.
import { Problem, load } from "./core/engine.js";
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
  new Problem("Something went wrong", `The calculator stopped with an error: ${error.message}`, "Reload the page. If it happens again, please tell us what you did.");
const report = (error) => showProblem(error instanceof Problem ? error : unexpected(error));

/**
 * Views kept out of the first visit's weight and loaded only when asked for: the
 * consultation embed (?embed=1), officer mode (?view=officer or ?view=briefing), Easy Read
 * and the paper form (?view=easy-read, ?view=paper-form), and risk
 * and goal seek once their section comes near the screen. Each exports `start(params, store)`.
 */
function loadViews(store) {
  const open = (module) => import(module).then((view) => view.start(params, store)).catch(report);
  if (embedded) open("./views/embed/index.js");
  const view = params.get("view");
  if (view === "officer" || view === "briefing") open("./views/officer/index.js");
  if (view === "easy-read" || view === "paper-form") open("./views/easy-read/index.js");
  const risk = $("risk");
  if (risk && !embedded && view !== "easy-read" && view !== "paper-form") {
    new IntersectionObserver(
      (entries, observer) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        open("./views/insight/index.js");
      },
      { rootMargin: "200px" },
    ).observe(risk);
  }
}

async function main() {
  try {
    const { engine, data, calculator } = await load();
    const store = createStore();
    actions.useData(store, data, calculator, null);
    const scheduler = createScheduler($("gap-chart"));
    // Charts and tables follow the headline: just after the frame that answers an input.
    store.subscribe((state, patch) => {
      if (!patch.projection && !patch.band) return;
      if (state.change?.kind === "input") scheduler.renderSoon(state);
      else scheduler.render(state);
    });
    Object.assign(globalThis.mtfsPage, { store, settled: scheduler.settled, restTimes: scheduler.restTimes, apply: (fragment) => actions.applyLink(store, fragment, { kind: "apply" }) });
    const context = { store, scheduler, engine, home: { data, calculator }, onError: report };
    mount(REGISTRY, document, context, report);
    const address = followAddress(store, { embedded });
    $("status").replaceChildren();
    $("app").hidden = false;
    address.start();
    $("link-notice")?.focus();
    loadViews(store);
    performance.mark("mtfs:first-result");
  } catch (error) {
    report(error);
  }
}

main();
