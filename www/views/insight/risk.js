// "The chance reserves fall too low": the simulation's headline sentences (the engine's
// words, calculator.riskWords, worked out in the worker), what the simulation varies, the
// fan chart of reserves across the simulated futures and its table, and the reserves
// runway: how many years the money set aside to bridge gaps lasts, in words and a table.
import { el, setText } from "../../ui/dom.js";
import { millions } from "../../core/format.js";
import { fanChart, table } from "./charts.js";
import { count, drivesNote } from "./words.js";
import { N_, tr } from "../../core/language.js";

/** What the simulation varies, from the data set's risk section. */
function noteParts(sim, data) {
  const last = sim.years[sim.years.length - 1];
  const [intro, items, odds] = drivesNote(data);
  return [
    el(
      "p",
      {},
      tr("These are not forecasts: they show how much the plan depends on savings that are not yet secured, and on costs, if nothing else changes."),
    ),
    ...(last.unbalanced_by.paths > last.below_minimum_by.paths
      ? [
          el(
            "p",
            {},
            tr("The money set aside to bridge gaps can run out while total reserves are still above the minimum: the rest of the reserves is set aside for other purposes."),
          ),
        ]
      : []),
    ...(intro ? [el("p", {}, intro), el("ul", {}, ...items.map((i) => el("li", {}, i))), el("p", {}, odds)] : []),
  ];
}

/** The fan chart's table: reserves across the futures, and the chances by each year. */
function reservesTable(sim) {
  const years = sim.years;
  const pcts = (pick) => years.map((y) => `${pick(y).pct}%`);
  return table("risk-table", tr("Total reserves at the end of each year in the simulated futures, £ million"), ["", ...years.map((y) => y.year)], [
    { cells: [tr("1 in 20 futures are lower than"), ...years.map((y) => millions(y.total_reserves.p5))] },
    { cells: [tr("1 in 4 futures are lower than"), ...years.map((y) => millions(y.total_reserves.p25))] },
    { cells: [tr("The middle future"), ...years.map((y) => millions(y.total_reserves.p50))], cls: "total" },
    { cells: [tr("1 in 4 futures are higher than"), ...years.map((y) => millions(y.total_reserves.p75))] },
    { cells: [tr("1 in 20 futures are higher than"), ...years.map((y) => millions(y.total_reserves.p95))] },
    { cells: [tr("Your choices, every saving delivered as planned"), ...years.map((y) => millions(y.scenario.total_reserves))] },
    { cells: [tr("Safe minimum"), ...years.map((y) => millions(y.scenario.reserves_minimum))] },
    { cells: [tr("Chance reserves are below the minimum by this year"), ...pcts((y) => y.below_minimum_by)] },
    { cells: [tr(RUNS_OUT_ROW), ...pcts((y) => y.unbalanced_by)] },
  ]);
}

/** The risk table's row for the bridging money (never "the budget cannot be balanced"). */
export const RUNS_OUT_ROW = N_("Chance the money set aside to bridge gaps has run out by this year");

/**
 * The runway as a table: per year, the share of futures in which the bridging money first
 * runs out that year and by the end of it; then those in which it lasts the whole plan.
 */
export function runwayTable(sim, id) {
  const years = sim.years;
  const last = years[years.length - 1].year;
  const rows = years.map((y, t) => ({
    cells: [tr("{year} (year {n})", { year: y.year, n: t + 1 }), `${sim.runway.runs_out[t].pct}%`, `${y.unbalanced_by.pct}%`],
  }));
  rows.push({ cells: [tr("Lasts beyond {year}", { year: last }), `${sim.runway.lasts.pct}%`, "–"], cls: "total" });
  return table(id, tr("How many years the money set aside to bridge gaps lasts: share of the simulated futures"), [tr("Year"), tr("It runs out in this year"), tr("It has run out by the end of this year")], rows);
}

/** The runway's words and table, and what a council does when the money runs out. */
export function runwayParts(sim, words, id) {
  return [
    el("p", { id: `${id}-words` }, [...words.runway, words.runway_plan].join(" ")),
    runwayTable(sim, `${id}-table`),
    el("p", { class: "insight__what-then", id: `${id}-what-then` }, words.what_then),
  ];
}

export function createRisk({ riskPart, sentence, note, fanBox, riskTable, runway, method }) {
  function draw(sim, words, state, width) {
    if (!riskPart.contains(sentence)) riskPart.replaceChildren(sentence, note, fanBox, riskTable, runway, method);
    sentence.replaceChildren(el("strong", {}, words.below_minimum), " ", words.runs_out);
    note.replaceChildren(...noteParts(sim, state.data));
    fanBox.replaceChildren(fanChart(sim, width || 600));
    riskTable.replaceChildren(reservesTable(sim));
    runway.replaceChildren(
      el("h3", { class: "heading-s insight__heading", id: "runway-heading" }, tr("How long the money set aside to bridge gaps lasts")),
      ...runwayParts(sim, words, "runway"),
    );
    setText(
      method,
      tr("Worked out from {paths} simulated futures. Each starts from the same seed ({seed}), so the same choices always give the same figures. “1 in 20 futures are lower than” means 5% of the futures end the year with less in reserves than that.", {
        paths: count.format(sim.paths),
        seed: sim.seed,
      }),
    );
  }
  return { draw };
}
