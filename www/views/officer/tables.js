// Officer view's tables: the full MTFS table in £'000, each reserve's movements, the options
// chosen, and two scenarios side by side.
import { el } from "../../ui/dom.js";
import { difference, groupThousands, negate, pence, shown, statement, thousands } from "./statement.js";

/** A table with one column per year; `sections` are [heading | null, rows], each row { label, cells, total, indent }. */
function yearTable({ id, caption, years, sections, className = "" }) {
  return el(
    "div",
    { class: "table-wrap officer-table-wrap", role: "region", "aria-labelledby": `${id}-caption`, tabindex: "0" },
    el(
      "table",
      { class: `table officer-table ${className}`, id },
      el("caption", { id: `${id}-caption` }, caption),
      el("thead", {}, el("tr", {}, el("td"), ...years.map((y) => el("th", { scope: "col", class: "num" }, y)))),
      ...sections.map(([heading, rows]) =>
        el(
          "tbody",
          {},
          heading ? el("tr", { class: "section" }, el("th", { scope: "rowgroup", colspan: String(years.length + 1) }, heading)) : null,
          ...rows.map((r) =>
            el(
              "tr",
              { class: [r.total ? "total" : "", r.indent ? "officer-indent" : ""].join(" ").trim() || undefined },
              el("th", { scope: "row" }, r.label),
              ...r.cells.map((c) => el("td", { class: "num" }, c)),
            ),
          ),
        ),
      ),
    ),
  );
}

/** The full MTFS table in £'000, as the CLI prints it. */
export function mtfsTable(p, id, caption) {
  const sections = [];
  let current = [null, []];
  sections.push(current);
  for (const row of statement(p)) {
    if (row.kind === "heading") {
      current = [row.label, []];
      sections.push(current);
    } else {
      current[1].push({ label: row.label, cells: row.values.map((v) => shown(row, v)), total: !row.indent, indent: row.indent });
    }
  }
  return yearTable({ id, caption, years: p.years.map((y) => y.year), sections: sections.filter((s) => s[1].length > 0 || s[0]) });
}

export const ROUNDING = "£'000. Figures may not sum due to rounding. A dash (-) means nil; figures in brackets are below zero. Band D is in pounds and pence.";

/** Each reserve's movements: opening, planned in and out, drawn, added, closing. */
export function reservesTable(p, id, caption) {
  const sections = p.years[0].reserves.map((r, i) => {
    const line = (label, f, total = false) => ({ label, cells: p.years.map((y) => thousands(f(y.reserves[i]))), total });
    return [
      r.name,
      [
        line("Balance at the start of the year", (x) => x.opening),
        line("Planned additions", (x) => x.planned_in),
        line("Planned use", (x) => negate(x.planned_out)),
        line("Drawn to fill gaps and cover savings not delivered", (x) => negate(x.draw)),
        line("Added from savings delivered early or a surplus", (x) => x.credit),
        line("Balance at the end of the year", (x) => x.closing, true),
      ],
    ];
  });
  return yearTable({ id, caption, years: p.years.map((y) => y.year), sections });
}

// Comparison: scenario A (kept; the council's plan at first) against B (the choices now).

const KEY_LINES = [
  ["Net budget requirement", (y) => y.net_requirement],
  ["Council tax income", (y) => y.council_tax],
  ["Total funding", (y) => y.funding],
  ["Budget gap (surplus)", (y) => y.gap],
  ["Savings shortfall (early achievement)", (y) => y.shortfall],
  ["Total reserves at year end", (y) => y.total_reserves],
  ["Unfunded after reserves", (y) => y.unfunded],
];

export function comparisonTable(a, b, id) {
  const years = b.projection.years.map((y) => y.year);
  const chosen = [a, b].some((s) => s.projection.years.some((y) => pence(y.chosen_options) !== 0n));
  const lines = chosen ? [KEY_LINES[0], ["Options chosen (lower the net budget by)", (y) => y.chosen_options], ...KEY_LINES.slice(1)] : KEY_LINES;
  const sections = lines.map(([label, f]) => [
    label,
    [
      { label: "A", cells: a.projection.years.map((y) => thousands(f(y))) },
      { label: "B", cells: b.projection.years.map((y) => thousands(f(y))) },
      { label: "Difference, B − A", cells: b.projection.years.map((y, i) => thousands(difference(f(y), f(a.projection.years[i])))), total: true },
    ],
  ]);
  sections.splice(chosen ? 3 : 2, 0, [
    "Band D council tax (£)",
    [
      { label: "A", cells: a.projection.years.map((y) => groupThousands(y.band_d)) },
      { label: "B", cells: b.projection.years.map((y) => groupThousands(y.band_d)) },
      { label: "Difference, B − A", cells: b.projection.years.map((y, i) => groupThousands(difference(y.band_d, a.projection.years[i].band_d))), total: true },
    ],
  ]);
  sections.push([
    "Referendum needed",
    [
      { label: "A", cells: a.projection.years.map((y) => (y.referendum ? "yes" : "no")) },
      { label: "B", cells: b.projection.years.map((y) => (y.referendum ? "yes" : "no")) },
    ],
  ]);
  return yearTable({
    id,
    caption: "Scenario A and scenario B, key lines, £'000 (Band D in pounds and pence)",
    years,
    sections,
    className: "officer-compare",
  });
}

/** A scenario's choices in words: those that differ from the plan, or "the council's plan". */
export function inWords(words) {
  const changed = words.filter(([, differs]) => differs).map(([text]) => text);
  if (changed.length === 0) return [el("p", {}, "The council's plan: every choice as the council set it.")];
  return [
    el("p", {}, `The council's plan with ${changed.length === 1 ? "one choice" : `${changed.length} choices`} changed:`),
    el("ul", {}, ...changed.map((t) => el("li", {}, t))),
  ];
}


/** The options chosen (away from the plan), each with its effect on the gap per year, £'000. */
export function choicesTable(p, id) {
  if (!p.choices?.length) return el("p", { id }, "Every one of the council's options is as in its plan.");
  return yearTable({
    id,
    caption: "The options chosen: how much each lowers the budget gap, £'000 (in brackets: raises it)",
    years: p.years.map((y) => y.year),
    sections: [[null, p.choices.map((c) => ({ label: `${c.title}: ${c.label}`, cells: c.effect.map(thousands) }))]],
  });
}
