// The page: loads the engine (WebAssembly) and a council's data set, then shows the
// council's own plan. All budget arithmetic happens in the engine; this module only
// fetches, calls `calculator.project(scenario)` and writes the result into the page.
//
// The levers (the full calculator) will call `show(calculator.project(scenario))` again
// on every input; everything a projection changes is drawn by `show`.

import { millions, money, moneyMillions, percent } from "./format.js";

const DATA_URL = "data/hampshire.json";

const $ = (id) => document.getElementById(id);

/** A DOM element: el("td", { class: "num" }, "421.3"). */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** Something went wrong before the plan could be shown: say what, and what to do. */
class Problem extends Error {
  constructor(title, what, todo, details = []) {
    super(what);
    Object.assign(this, { title, what, todo, details });
  }
}

async function load() {
  if (typeof WebAssembly !== "object") {
    throw new Problem(
      "Your browser cannot run this calculator",
      "The calculator needs WebAssembly, which this browser does not have or has switched off.",
      "Try an up-to-date version of Firefox, Chrome, Edge or Safari. On a work computer, ask your IT team whether WebAssembly is blocked.",
    );
  }
  let engine;
  try {
    engine = await import("./pkg/mtfs.js");
    await engine.default();
  } catch (error) {
    throw new Problem(
      "The calculator could not start",
      `Its program did not load or would not run in this browser (${error.message}).`,
      "Reload the page. If that does not help, try an up-to-date version of Firefox, Chrome, Edge or Safari.",
    );
  }

  let data;
  try {
    const response = await fetch(DATA_URL);
    if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
    data = await response.json();
  } catch (error) {
    throw new Problem(
      "The council's figures could not be loaded",
      `The data file ${DATA_URL} could not be read: ${error.message}.`,
      "Check your connection and reload the page.",
    );
  }

  try {
    return { data, calculator: new engine.Calculator(data) };
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
  $("status").replaceChildren(summary);
  summary.focus();
}

/** The MTFS table's rows: [group, [[label, field of a year's result, class?], ...]]. */
const BUDGET_ROWS = [
  [
    "Spending",
    [
      ["Spending before savings", "spend"],
      ["Savings taken out of budgets", "removed_savings"],
      ["Net budget", "net_requirement", "total"],
    ],
  ],
  [
    "Funding",
    [
      ["Council tax", "council_tax"],
      ["Grants, business rates and other funding", "other_funding"],
      ["Total funding", "funding", "total"],
    ],
  ],
  [
    "Gap and reserves",
    [
      ["Budget gap (minus: surplus)", "gap"],
      ["Savings not yet delivered (minus: ahead of plan)", "shortfall"],
      ["Reserves at the end of the year", "total_reserves"],
      ["Safe minimum for reserves", "reserves_minimum"],
      ["Not funded, even after using reserves", "unfunded", "total"],
    ],
  ],
];

function budgetTable(projection) {
  const { years } = projection;
  const span = `${years[0].year} to ${years[years.length - 1].year}`;
  return el(
    "table",
    { class: "table" },
    el("caption", { id: "budget-caption" }, `${projection.council}'s budget, ${span}, £ million`),
    el("thead", {}, el("tr", {}, el("td"), ...years.map((y) => el("th", { scope: "col", class: "num" }, y.year)))),
    ...BUDGET_ROWS.map(([group, rows]) =>
      el(
        "tbody",
        {},
        el("tr", { class: "section" }, el("th", { scope: "rowgroup", colspan: String(years.length + 1) }, group)),
        ...rows.map(([label, field, kind]) =>
          el(
            "tr",
            kind ? { class: kind } : {},
            el("th", { scope: "row" }, label),
            ...years.map((y) => el("td", { class: "num" }, millions(y[field]))),
          ),
        ),
      ),
    ),
  );
}

function councilTaxTable(projection) {
  return el(
    "table",
    { class: "table" },
    el("caption", { id: "tax-caption" }, "Band D council tax for the year"),
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        el("th", { scope: "col" }, "Year"),
        el("th", { scope: "col", class: "num" }, "Band D"),
        el("th", { scope: "col", class: "num" }, "Change"),
        el("th", { scope: "col" }, "Rise"),
        el("th", { scope: "col" }, "Referendum needed"),
      ),
    ),
    el(
      "tbody",
      {},
      ...projection.years.map((y) =>
        el(
          "tr",
          {},
          el("th", { scope: "row" }, y.year),
          el("td", { class: "num" }, money(y.band_d)),
          el("td", { class: "num" }, money(y.band_d_change)),
          el("td", {}, `${percent(y.core_pct)} plus ${percent(y.asc_pct)} for adult social care`),
          el("td", {}, y.referendum ? "Yes" : "No"),
        ),
      ),
    ),
  );
}

/** A table that scrolls sideways on a narrow screen, and can be scrolled by keyboard. */
function scrollable(table) {
  const caption = table.querySelector("caption");
  return el("div", { class: "table-wrap", role: "region", "aria-labelledby": caption.id, tabindex: "0" }, table);
}

function summary(projection) {
  const { summary: s, years } = projection;
  const warnings = s.warnings.length
    ? el("ul", { class: "warnings" }, ...s.warnings.map((w) => el("li", {}, w)))
    : el("p", {}, "No warnings: the budget balances every year using the planned reserves.");
  return [
    el(
      "ul",
      { class: "facts" },
      el("li", {}, `Budget gap over the ${years.length} years: ${moneyMillions(s.cumulative_gap)}.`),
      el(
        "li",
        {},
        `Reserves are lowest at the end of ${s.lowest_total_reserves_year}: ${moneyMillions(s.lowest_total_reserves)}.`,
      ),
      el("li", {}, `Band D council tax in ${years[years.length - 1].year}: ${money(s.final_band_d)}.`),
    ),
    el("h3", { class: "heading-s" }, "Warnings"),
    warnings,
  ];
}

/** Draws everything a projection determines. */
function show(projection) {
  $("summary").replaceChildren(...summary(projection));
  $("council-tax").replaceChildren(scrollable(councilTaxTable(projection)));
  $("budget").replaceChildren(scrollable(budgetTable(projection)));
}

async function main() {
  try {
    const { data, calculator } = await load();
    $("council").textContent = `${data.council}: the council's own plan from ${data.base_year}.`;
    if (data.description) $("about").textContent = data.description;
    show(calculator.project(null));
    $("status").replaceChildren();
    $("results").hidden = false;
  } catch (error) {
    showProblem(
      error instanceof Problem
        ? error
        : new Problem(
            "Something went wrong",
            `The calculator stopped with an error: ${error.message}`,
            "Reload the page. If it happens again, please tell us what you did.",
          ),
    );
  }
}

main();
