// The figures for one set of responses (all, or one group), section by section: each
// option's levels, council tax, reserves and balancing the budget, and the views. Each
// function returns the nodes of one section, drawn at `width`; every chart has a table.
import { el } from "../ui/dom.js";
import { money } from "../core/format.js";
import { barChart, inWords, table } from "./bars.js";
import { count, gapWords, share } from "./text.js";

const section = (id, heading, ...children) =>
  el("section", { class: "analyse-section", "aria-labelledby": id }, el("h3", { id }, heading), ...children);

/** A caption naming its option to screen readers (who may reach the table on its own), shorter on screen. */
const named = (title, text) => el("span", {}, el("span", { class: "visually-hidden" }, `${title}: `), text);

/** The widest a chart of shares is drawn: wider bars say nothing more, and on paper two fit side by side. */
const CHART_MAX = 400;
const chartWidth = (width) => Math.min(width, CHART_MAX);

/** "(the plan)" after the plan's level, so it is told apart in words. */
const levelLabel = (level, plan) => (level.level === plan ? `${level.label} (the plan)` : level.label);

/** One option (or view): who chose each level, with its chart, its table and its effect on the gap. */
export function optionPart(o, { years, plans, width, prefix, isView }) {
  const id = `${prefix}-${o.option}`;
  const plan = plans.get(o.option);
  const rows = o.levels.map((l) => ({ label: levelLabel(l, plan), pct: l.responses.pct, text: share(l.responses) }));
  const changed = isView
    ? `${share(o.changed)} gave a view.`
    : `${share(o.changed)} chose a level other than the plan's.`;
  const parts = [
    el("h4", { id: `${id}-heading` }, o.title),
    el("p", { class: "analyse-changed" }, changed),
    barChart({ id: `${id}-chart`, caption: named(o.title, "Share of responses choosing each level"), title: `Bar chart of the share of responses choosing each level: ${inWords(rows)}. The table after the chart gives the figures.`, rows, width: chartWidth(width) }),
    table({
      id: `${id}-levels`,
      caption: named(o.title, "Responses by level"),
      head: ["Level", "Responses", "Share"],
      rows: o.levels.map((l) => [levelLabel(l, plan), count(l.responses.count), `${l.responses.pct}%`]),
      className: "analyse-levels",
    }),
  ];
  if (!isView) {
    parts.push(
      table({
        id: `${id}-effect`,
        caption: named(o.title, "What the chosen levels take off the gap, £ (below zero: they add to it)"),
        head: ["Year", "Mean", "Median"],
        rows: years.map((y, i) => [y, money(o.mean_effect[i]), money(o.median_effect[i])]),
      }),
    );
  }
  return el("article", { class: "analyse-option", "aria-labelledby": `${id}-heading`, id }, ...parts);
}

/** The options section with its introduction; the options are added to it one a step. */
export function optionsSection(prefix, summary) {
  return section(
    `${prefix}-options-heading`,
    "The council's options",
    el("p", {}, `For each option, the share of the ${count(summary.responses)} responses choosing each level, the share changing it from the council's plan, and the mean and median effect of the levels chosen on the gap each year (what they take off it).`),
  );
}

/** Rises chosen in each year, as small charts side by side and one table. */
function rises(s, { prefix, width, kind, name }) {
  const all = [...new Set(s.years.flatMap((y) => y[kind].map((r) => r.pct)))].sort((a, b) => Number(a) - Number(b));
  const narrow = chartWidth(width < 700 ? width : Math.floor((width - 30) / 2));
  const charts = s.years.map((y) => {
    const rows = y[kind].map((r) => ({ label: `${r.pct}%`, pct: r.responses.pct, text: share(r.responses) }));
    return barChart({ id: `${prefix}-${kind}-${y.year.replace("/", "-")}`, caption: y.year, title: `Bar chart of the ${name} rise chosen for ${y.year}, by share of responses: ${inWords(rows)}. The table after the charts gives the figures.`, rows, width: narrow });
  });
  const cell = (y, pct) => {
    const r = y[kind].find((x) => x.pct === pct);
    return r ? share(r.responses) : "–";
  };
  return [
    el("h4", {}, `The ${name} rise chosen`),
    el("div", { class: "analyse-multiples" }, ...charts),
    table({
      id: `${prefix}-${kind}-table`,
      caption: `Responses by the ${name} rise chosen, each year (share and number)`,
      head: ["Rise", ...s.years.map((y) => y.year)],
      rows: all.map((pct) => [`${pct}%`, ...s.years.map((y) => cell(y, pct))]),
    }),
  ];
}

/** Council tax: median rises, referendums, and the spread of rises chosen. */
export function councilTax(s, { prefix, width }) {
  const median = (text) => (text === null ? "–" : `${text}%`);
  const referendum = s.years.map((y) => ({ label: y.year, pct: y.referendum.pct, text: share(y.referendum) }));
  return section(
    `${prefix}-tax-heading`,
    "Council tax",
    el("p", {}, "The rise each response chose for each year: the core rise and the adult social care precept, and how many chose a rise that would need a local referendum."),
    table({
      id: `${prefix}-tax-table`,
      caption: "Council tax rises chosen, by year",
      head: ["Year", "Median core rise", "Median adult social care rise", "Would need a referendum"],
      rows: s.years.map((y) => [y.year, median(y.median_core_pct), median(y.median_asc_pct), share(y.referendum)]),
    }),
    barChart({ id: `${prefix}-referendum-chart`, caption: "Responses choosing a rise that would need a referendum", title: `Bar chart of the share of responses whose rise would need a referendum: ${inWords(referendum)}. The table above gives the figures.`, rows: referendum, width: chartWidth(width) }),
    ...rises(s, { prefix, width, kind: "core_pct", name: "core council tax" }),
    ...rises(s, { prefix, width, kind: "asc_pct", name: "adult social care precept" }),
  );
}

/** Reserves used, and how many budgets balance each year with what gap is left. */
export function reservesAndBalance(s, { prefix, width }) {
  const r = s.reserves;
  const balanced = s.years.map((y) => ({ label: y.year, pct: y.balanced.pct, text: share(y.balanced) }));
  return section(
    `${prefix}-reserves-heading`,
    "Reserves and balancing the budget",
    el(
      "p",
      { id: `${prefix}-reserves-words` },
      `${share(r.using)} of the responses draw on reserves in some year (the plan's own use of reserves counts).`,
      r.median_drawn === null ? "" : ` Among them, the median drawn over the years is ${gapWords(r.median_drawn)} (${money(r.median_drawn)}).`,
    ),
    el("p", {}, "A response's budget balances in a year when nothing is left unfunded once its reserves are used. The gap left is the gap after the response's choices, before reserves."),
    barChart({ id: `${prefix}-balanced-chart`, caption: "Responses whose budget balances, by year", title: `Bar chart of the share of responses whose budget balances each year: ${inWords(balanced)}. The table after the chart gives the figures.`, rows: balanced, width: chartWidth(width) }),
    table({
      id: `${prefix}-balance-table`,
      caption: "Balancing the budget, by year",
      head: ["Year", "Responses that balance", "Median gap left, £ (below zero: to spare)"],
      rows: s.years.map((y) => [y.year, share(y.balanced), y.median_gap === null ? "–" : money(y.median_gap)]),
    }),
  );
}

/** The views section (agree, disagree, no view); the questions are added one a step. */
export function viewsSection(prefix, summary) {
  return section(
    `${prefix}-views-heading`,
    "Views",
    el("p", {}, `Questions of opinion, with no effect on the budget: how many of the ${count(summary.responses)} responses agreed, disagreed or gave no view.`),
  );
}
