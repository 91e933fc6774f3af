// "The chance reserves fall too low": the simulation's headline sentences, what they mean
// and what the simulation varies, the fan chart of reserves across the simulated futures
// and its table.
import { el, setText } from "../../ui/dom.js";
import { millions } from "../../core/format.js";
import { fanChart, table } from "./charts.js";
import { count, drivesNote, riskSentences } from "./words.js";

export function createRisk({ riskPart, sentence, note, fanBox, riskTable, method }) {
  function draw(sim, state, width) {
    const years = sim.years;
    if (!riskPart.contains(sentence)) riskPart.replaceChildren(sentence, note, fanBox, riskTable, method);
    const [below, unbalanced] = riskSentences(sim, state.reservesUsed);
    const last = years[years.length - 1];
    sentence.replaceChildren(el("strong", {}, below), " ", unbalanced);
    const [intro, items, odds] = drivesNote(state.data);
    note.replaceChildren(
      el(
        "p",
        {},
        "This does not mean the council would run out of money: it would have to find more savings or income, or spend less, to stay safe. It shows how much the plan depends on savings that are not yet secured, and on costs.",
      ),
      ...(last.unbalanced_by.paths > last.below_minimum_by.paths
        ? [
            el(
              "p",
              {},
              "A budget can fail to balance while total reserves are still above the minimum: part of the reserves is set aside for other purposes and cannot be spent on a gap.",
            ),
          ]
        : []),
      ...(intro ? [el("p", {}, intro), el("ul", {}, ...items.map((i) => el("li", {}, i))), el("p", {}, odds)] : []),
    );
    fanBox.replaceChildren(fanChart(sim, width || 600));
    const pcts = (pick) => years.map((y) => `${pick(y).pct}%`);
    riskTable.replaceChildren(
      table("risk-table", "Total reserves at the end of each year in the simulated futures, £ million", ["", ...years.map((y) => y.year)], [
        { cells: ["1 in 20 futures are lower than", ...years.map((y) => millions(y.total_reserves.p5))] },
        { cells: ["1 in 4 futures are lower than", ...years.map((y) => millions(y.total_reserves.p25))] },
        { cells: ["The middle future", ...years.map((y) => millions(y.total_reserves.p50))], cls: "total" },
        { cells: ["1 in 4 futures are higher than", ...years.map((y) => millions(y.total_reserves.p75))] },
        { cells: ["1 in 20 futures are higher than", ...years.map((y) => millions(y.total_reserves.p95))] },
        { cells: ["Your choices, every saving delivered as planned", ...years.map((y) => millions(y.scenario.total_reserves))] },
        { cells: ["Safe minimum", ...years.map((y) => millions(y.scenario.reserves_minimum))] },
        { cells: ["Chance reserves are below the minimum by this year", ...pcts((y) => y.below_minimum_by)] },
        { cells: ["Chance the budget cannot be balanced by this year", ...pcts((y) => y.unbalanced_by)] },
      ]),
    );
    setText(
      method,
      `Worked out from ${count.format(sim.paths)} simulated futures. Each starts from the same seed (${sim.seed}), so the same choices always give the same figures. "1 in 20 futures are lower than" means 5% of the futures end the year with less in reserves than that.`,
    );
  }
  return { draw };
}
