// Officer mode (?view=officer) and the briefing for print (?view=briefing), for council
// finance officers: the full MTFS table in £'000 (the same lines, labels and rounding as the
// CLI's `mtfs` table), each reserve's movements, the options chosen, two sets of choices
// side by side, the plan against what happened (outturn.js), downloads (CSV of the table as `mtfs --format csv` writes it; JSON of the
// full result) and an A4 briefing with the charts, assumptions and sources.
//
// Loaded only when asked for (app.js); reads the page's store and makes no engine call of
// its own but the list of sources (sources.js) and the outturn (outturn.js), both through
// the second module (engine.js).
import { el } from "../../ui/dom.js";
import { describeChoices } from "../../core/words.js";
import { slug } from "../../core/format.js";
import { download } from "../../ui/download.js";
import { fullResult } from "./downloads.js";
import { assumptions, figuresOf } from "./sources.js";
import { csv } from "./statement.js";
import { ROUNDING, choicesTable, comparisonTable, inWords, mtfsTable, reservesTable } from "./tables.js";
import { briefingView } from "./briefing.js";
import { outturnOf, outturnPart } from "./outturn.js";
import { address } from "./address.js";
import { siteUrl } from "../../core/site.js";

export { csv, difference, fromPence, groupThousands, pence, statement, thousands } from "./statement.js";
export { fullResult } from "./downloads.js";
export { groupFigures } from "./sources.js";


function stylesheet() {
  const href = siteUrl("views/officer/officer.css");
  if (!document.querySelector(`link[href="${href}"]`)) document.head.append(el("link", { rel: "stylesheet", href }));
}

const part = (id, heading, ...children) =>
  el("section", { class: "officer-part", "aria-labelledby": id }, el("h3", { id }, heading), ...children);

/** The officer view's parts, built once; their contents are replaced as the choices change. */
function layout() {
  const button = (text, secondary = false) => el("button", { type: "button", class: `button${secondary ? " button--secondary" : ""}` }, text);
  const v = {
    back: el("a", { href: address(null, location.hash) }, "Back to the main view"),
    toBriefing: el("a", { href: address("briefing", location.hash), class: "button officer-button" }, "Briefing for print"),
    status: el("p", { class: "officer-status", role: "status" }),
    csvButton: button("Download the table (CSV)"),
    jsonButton: button("Download the full result (JSON)", true),
    table: el("div", { id: "officer-table" }),
    warnings: el("div"),
    choices: el("div", { id: "officer-choices" }),
    reserves: el("div", { id: "officer-reserves" }),
    compare: el("div", { id: "officer-compare" }),
    keep: button("Keep these choices as scenario A"),
    resetA: button("Set scenario A back to the council's plan", true),
    compareStatus: el("p", { class: "officer-status", role: "status" }),
    sources: el("div", { id: "officer-sources" }, el("p", {}, "Loading the assumptions and sources…")),
    outturn: el("div", { id: "officer-outturn" }, el("p", {}, "Loading what happened to the council's plan…")),
  };
  v.section = el(
    "section",
    { id: "officer", class: "officer", "aria-labelledby": "officer-heading" },
    el("h2", { id: "officer-heading", class: "heading-m", tabindex: "-1" }, "Officer view"),
    el("p", {}, "The full tables in £'000, each reserve's movements, two sets of choices side by side, downloads and a briefing to print. They follow the choices on this page."),
    el("p", { class: "officer-nav" }, v.back, " ", v.toBriefing, " ", el("a", { href: "analyse.html", id: "analyse-link" }, "Analyse consultation responses")),
    part(
      "officer-downloads-heading",
      "Downloads",
      el("p", { class: "hint" }, "The table as a spreadsheet (CSV, in pounds and pence, the same as the command-line calculator's CSV), or the full result with the choices behind it (JSON). Both are made on your computer."),
      el("div", { class: "officer-buttons" }, v.csvButton, v.jsonButton),
      v.status,
    ),
    part("officer-table-heading", "The budget in full", v.table, v.warnings),
    part("officer-choices-heading", "The options chosen", v.choices),
    part("officer-reserves-heading", "Each reserve, year by year", el("p", {}, "Money added is shown plain; money taken out is in brackets, so each year's column adds up to the balance at its end."), v.reserves),
    part(
      "officer-compare-heading",
      "Compare two sets of choices",
      el("p", {}, "Scenario A is the council's plan until you keep a set of choices as A. Scenario B is always the choices now set on this page. Differences are worked out exactly, to the penny, then rounded."),
      el("div", { class: "officer-buttons" }, v.keep, v.resetA),
      v.compareStatus,
      v.compare,
    ),
    part("outturn-heading", "The plan against what happened", v.outturn),
    v.sources,
  );
  return v;
}

/** At the top of the page: a banner saying where the officer's tables are, and a button to them. */
function banner(section) {
  const heading = section.querySelector("h2");
  const go = el("button", { type: "button", class: "button officer-button" }, "Go to the full tables, comparison and downloads");
  go.addEventListener("click", () => {
    heading.scrollIntoView({ block: "start" });
    heading.focus({ preventScroll: true });
  });
  document.getElementById("status").before(
    el("div", { class: "officer-banner" }, el("p", {}, el("strong", {}, "Officer view."), " The calculator with its full tables in £'000, a comparison of two sets of choices, downloads and a briefing to print."), go),
  );
  // The main page's link here is not needed in officer view.
  document.getElementById("officer-link")?.parentElement?.setAttribute("hidden", "");
}

const say = (node, text) => {
  node.textContent = "";
  requestAnimationFrame(() => (node.textContent = text));
};

/** A scenario for the comparison: its projection and its choices in words. */
const scenarioOf = (s, plan = false) =>
  plan ? { projection: s.plan, words: describeChoices(s).map(([t]) => [t, false]), plan: true } : { projection: s.projection, words: describeChoices(s), plan: false };

/** The view on the page: title, layout, banner. */
function mount() {
  document.title = "Officer view: council budget calculator";
  document.documentElement.classList.add("officer-mode");
  const v = layout();
  document.getElementById("results").prepend(v.section);
  banner(v.section);
  return v;
}

/**
 * Officer view's state: the page's state shown in the tables, scenario A, and the engine
 * the sources and the outturn were listed for.
 */
class OfficerView {
  constructor(store) {
    this.store = store;
    this.v = mount();
    Object.assign(this, { state: null, a: null, calculator: null });
    store.subscribe((s) => this.follow(s));
    this.wireCompare();
    this.wireDownloads();
  }

  renderCompare() {
    const { v, a } = this;
    const b = scenarioOf(this.state);
    v.compare.replaceChildren(
      el(
        "div",
        { class: "officer-scenarios" },
        el("div", { class: "officer-scenario" }, el("h4", {}, "Scenario A"), ...(a.plan ? [el("p", {}, "The council's plan: every choice as the council set it.")] : inWords(a.words))),
        el("div", { class: "officer-scenario" }, el("h4", {}, "Scenario B: the choices now set"), ...inWords(b.words)),
      ),
      comparisonTable(a, b, "officer-compare-table"),
    );
  }

  render() {
    const { v } = this;
    const p = this.state.projection;
    const years = p.years.map((y) => y.year);
    v.table.replaceChildren(mtfsTable(p, "officer-mtfs", `${p.council}: medium-term financial strategy, ${years[0]} to ${years[years.length - 1]}, £'000`), el("p", { class: "officer-note" }, ROUNDING));
    v.warnings.replaceChildren(
      ...(p.summary.warnings.length
        ? [el("h4", {}, "Warnings"), el("ul", {}, ...p.summary.warnings.map((w) => el("li", {}, w)))]
        : [el("p", {}, "No warnings: the budget balances every year using the planned reserves.")]),
    );
    v.choices.replaceChildren(choicesTable(p, "officer-choices-table"));
    v.reserves.replaceChildren(reservesTable(p, "officer-reserve-moves", "Movements in each reserve, £'000"));
    this.renderCompare();
  }

  async renderSources(s) {
    try {
      const figures = await figuresOf(s.data);
      if (this.calculator !== s.calculator) return;
      this.v.sources.replaceChildren(assumptions(s.data, figures, { heading: "h3", subheading: "h4", idPrefix: "officer", collapsed: true }));
    } catch (error) {
      this.v.sources.replaceChildren(el("p", { class: "error-text" }, `The assumptions and sources could not be listed: ${error.message}`));
    }
  }

  async renderOutturn(s) {
    const box = this.v.outturn;
    try {
      const view = await outturnOf(s);
      if (this.calculator !== s.calculator) return;
      box.replaceChildren(...(view ? outturnPart(view, "outturn") : [el("p", {}, "There is no record of what happened to this council's plan.")]));
    } catch (error) {
      box.replaceChildren(el("p", { class: "error-text" }, `What happened to the plan could not be shown: ${error.message}`));
    }
  }

  /** A new state: links always; the tables once the results settle, or for new data. */
  follow(s) {
    // Downloads, "keep as A" and the links always take the latest choices; the tables are
    // redrawn once the results settle, not at every step of a moving slider.
    const { v } = this;
    const fragment = s.ownFile ? "" : s.fragment;
    v.back.href = address(null, fragment);
    v.toBriefing.href = address("briefing", fragment);
    v.toBriefing.hidden = Boolean(s.ownFile);
    const newData = s.calculator !== this.calculator;
    if (!newData && !s.settled && this.state) return;
    this.state = s;
    if (newData) {
      this.calculator = s.calculator;
      this.a = scenarioOf(s, true);
      this.renderSources(s);
      this.renderOutturn(s);
    }
    this.render();
  }

  /** A button's handler, on the latest choices (a button pressed before the results settled). */
  on(button, handler) {
    button.addEventListener("click", () => {
      if (this.state !== this.store.get()) {
        this.state = this.store.get();
        this.render();
      }
      handler();
    });
  }

  wireCompare() {
    const { v } = this;
    this.on(v.keep, () => {
      this.a = scenarioOf(this.state);
      this.renderCompare();
      say(v.compareStatus, "Scenario A is now these choices. Change the choices to see scenario B beside it.");
    });
    this.on(v.resetA, () => {
      this.a = scenarioOf(this.state, true);
      this.renderCompare();
      say(v.compareStatus, "Scenario A is the council's plan again.");
    });
  }

  wireDownloads() {
    const { v } = this;
    const stamp = () => new Date().toISOString().slice(0, 10);
    const name = (ext) => `mtfs-${slug(this.state.data.council)}-${stamp()}.${ext}`;
    this.on(v.csvButton, () => {
      const file = name("csv");
      // With a byte order mark, so spreadsheet programs read "£" as UTF-8.
      download(file, "text/csv;charset=utf-8", `\uFEFF${csv(this.state.projection)}`);
      say(v.status, `Downloaded ${file}.`);
    });
    this.on(v.jsonButton, () => {
      const file = name("json");
      download(file, "application/json", `${JSON.stringify(fullResult(this.state), null, 2)}\n`);
      say(v.status, `Downloaded ${file}.`);
    });
  }
}

/** Officer view, or the briefing, from the address's `view`. */
export function start(params, store) {
  stylesheet();
  if (params.get("view") === "briefing") briefingView(store);
  else new OfficerView(store);
}
