// "The residents' budget": the most-chosen level of each option and the median council
// tax rises, run through the engine as one budget, with its link to open in the
// calculator, and its gap and reserves each year.
import { el } from "../ui/dom.js";
import { money } from "../core/format.js";
import { table } from "./bars.js";
import { gapWords } from "./text.js";

/** The budget's choices in words: options changed from the plan, and the rises. */
function choicesInWords(a) {
  const b = a.residents_budget;
  const options = [...a.all.options, ...a.all.views];
  const changed = Object.entries(b.scenario.choices ?? {}).map(([id, level]) => {
    const o = options.find((x) => x.option === id);
    const label = o?.levels.find((l) => l.level === level)?.label ?? level;
    return `${o?.title ?? id}: ${label}.`;
  });
  const rises = (map, name) => (map ? `${name}: ${a.years.map((y) => `${y} ${map[y] ?? "–"}%`).join(", ")}.` : null);
  return [
    ...(changed.length ? changed : ["Every option at the council's plan: the level most chosen for each was the plan's."]),
    rises(b.scenario.core_pct, "Core council tax rise (the median chosen)"),
    rises(b.scenario.asc_pct, "Adult social care precept (the median chosen)"),
  ].filter(Boolean);
}

/** Where to open the budget: the calculator with its link, for Hampshire's data only. */
function opening(result) {
  const b = result.analysis.residents_budget;
  if (result.dataName) {
    return el(
      "p",
      { class: "analyse-link" },
      `Its link is `,
      el("code", {}, b.link || "(none: the council's plan)"),
      `. The calculator's links open with Hampshire's data, so to see this budget, open the calculator, choose ${result.dataName} under “Use your own council's data”, and set these choices.`,
    );
  }
  const href = `index.html${b.link}`;
  return el(
    "p",
    { class: "analyse-link" },
    el("a", { href, id: "budget-link" }, b.link ? "Open the residents' budget in the calculator" : "Open the council's plan in the calculator"),
    b.link ? el("span", { class: "analyse-link__text analyse-screen-only" }, ` (link: ${b.link})`) : "",
    el("span", { class: "print-only" }, `To see it in the calculator, open ${new URL(href, location.href).href}`),
  );
}

export function budgetSection(result) {
  const a = result.analysis;
  const b = a.residents_budget;
  const heading = el("h2", { id: "budget-heading", class: "heading-m" }, "The residents' budget");
  const node = el("section", { class: "analyse-section", id: "budget", "aria-labelledby": "budget-heading" }, heading);
  if (b.years.length === 0) {
    node.append(el("p", {}, "No response could be used, so there is no residents' budget."));
    return node;
  }
  const last = b.years[b.years.length - 1];
  node.append(
    el("p", {}, "The level of each option chosen most often (where the plan's level ties, the plan's) and the median council tax rises, worked out by the calculator as one budget, from all the responses used."),
    el("ul", { id: "budget-choices" }, ...choicesInWords(a).map((t) => el("li", {}, t))),
    opening(result),
    el("p", {}, b.years.every((y) => y.balanced) ? `It balances every year, leaving ${gapWords(last.total_reserves)} in reserves at the end of ${last.year}.` : `It does not balance every year: ${b.years.filter((y) => !y.balanced).map((y) => `${y.year} leaves ${gapWords(y.unfunded)} unfunded`).join("; ")}.`),
    table({
      id: "budget-table",
      caption: "The residents' budget, by year, £",
      head: ["Year", "Gap (below zero: to spare)", "Total reserves", "Unfunded", "Balances"],
      rows: b.years.map((y) => [y.year, money(y.gap), money(y.total_reserves), money(y.unfunded), y.balanced ? "Yes" : "No"]),
    }),
  );
  return node;
}
