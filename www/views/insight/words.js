// The risk section's words, in Node too: what the simulation varies, each waterfall bar
// and each lever's range, in words. No DOM. The sentences built from the simulation's
// figures (the chances, the runway) are the engine's: calculator.riskWords.
import { isPositive, isZero, moneyMillions, shiftRight } from "../../core/format.js";
import { list } from "../../core/words.js";

export const count = new Intl.NumberFormat("en-GB");

/** "+£30.1m" for a rise, "-£80.0m" for a fall, as the waterfall's bars are read. */
export function signed(text) {
  const m = moneyMillions(text);
  return isPositive(text) && m !== "£0.0m" ? `+${m}` : m;
}

const RATING_ORDER = ["blue", "green", "amber", "red"];
const figureText = (f) => (f && typeof f === "object" ? String(f.value) : f === undefined ? "" : String(f));

/** What the simulation varies, in words, from the data set's risk section. */
export function drivesNote(data) {
  const risk = data.risk;
  if (!risk) return [];
  const items = [];
  for (const programme of data.programmes ?? []) {
    const rated = RATING_ORDER.filter((r) => programme.lines.some((line) => line.rag?.[r] && !isZero(figureText(line.rag[r]))));
    const unrated = risk.unrated?.[programme.id]?.rating;
    if (rated.length > 0) {
      items.push(`${programme.name}: the council's papers rate the savings still to come ${list(rated)}${unrated ? `, and any not rated are taken as ${unrated}` : ""}.`);
    } else if (unrated) {
      items.push(`${programme.name}: no rating is published, so its savings are taken as ${unrated} as a whole.`);
    }
  }
  const slip = figureText(risk.slip_years);
  const odds = RATING_ORDER.filter((r) => risk.ratings?.[r] && figureText(risk.ratings[r].delivery_pct) !== "100")
    .reverse()
    .map((r) => `${r}, ${figureText(risk.ratings[r].delivery_pct)}% delivered and a ${figureText(risk.ratings[r].slip_pct)}% chance of running late`);
  const ranges = [];
  if (risk.inflation_adjust_pp) {
    ranges.push(`inflation from ${figureText(risk.inflation_adjust_pp.low)} to ${figureText(risk.inflation_adjust_pp.high)} points a year either side of the plan's`);
  }
  for (const [group, range] of Object.entries(risk.growth_factor ?? {})) {
    ranges.push(`${group.replace(/_/g, " ")} demand growing by ${shiftRight(figureText(range.low), 2)}% to ${shiftRight(figureText(range.high), 2)}% of the plan's growth`);
  }
  return [
    "Each simulated future differs in how much of each savings programme is delivered, and when. The council rates savings blue (secured), green (on track), amber or red (at serious risk):",
    items,
    `${odds.length ? `Each saving is assumed delivered as its rating suggests (${odds.join("; ")}), a programme that runs late arriving ${slip === "1" ? "a year" : `${slip} years`} later. ` : ""}${
      ranges.length ? `Costs vary too: ${list(ranges)}.` : ""
    } The data file gives the reason for each of these figures.`,
  ];
}

/** What each waterfall bar is, in words. */
export const BAR_WORDS = {
  inflation: "Inflation on pay and prices",
  demand_growth: "More demand for services",
  other_spending: "Other spending changes",
  savings_removed: "Savings taken out of budgets",
  options_chosen: "The options chosen",
  council_tax: "More council tax",
  other_funding: "Government and other funding",
  savings_shortfall: "Savings running late (below zero: early)",
  reserves_used: "Reserves used",
  surplus_not_used: "Surplus not put in reserves",
};

/** A choice's plausible range, in words: "0% to 1.99%". */
export function rangeWords(lever) {
  const [lo, hi] = [lever.low.value, lever.high.value];
  const kind = lever.lever.split(".")[0];
  if (kind === "core_pct") return `${lo}% to ${hi}% a year (the referendum limit)`;
  if (kind === "inflation_adjust_pp") return `${lo} to ${hi} points a year`;
  if (kind === "growth_factor") return `${shiftRight(lo, 2)}% to ${shiftRight(hi, 2)}% of the plan's growth`;
  if (kind === "delivery_pct") return `${lo}% to ${hi}% delivered`;
  if (kind === "delay_years") return `${lo} to ${hi} ${hi === "1" ? "year" : "years"} late`;
  return `${lo} to ${hi}`;
}

