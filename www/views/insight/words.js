// The risk section's words, in Node too: what the simulation varies, each waterfall bar
// and each lever's range, in words. No DOM. The sentences built from the simulation's
// figures (the chances, the runway) are the engine's: calculator.riskWords.
import { isPositive, isZero, moneyMillions, shiftRight } from "../../core/format.js";
import { list } from "../../core/words.js";
import { N_, inLang, tr } from "../../core/language.js";

export const count = new Intl.NumberFormat("en-GB");

/** "+£30.1m" for a rise, "-£80.0m" for a fall, as the waterfall's bars are read. */
export function signed(text) {
  const m = moneyMillions(text);
  return isPositive(text) && m !== "£0.0m" ? `+${m}` : m;
}

const RATING_ORDER = ["blue", "green", "amber", "red"];
/** A rating's name in words, in the language spoken. */
const RATING_WORDS = { blue: N_("blue"), green: N_("green"), amber: N_("amber"), red: N_("red") };
const rating = (r) => (RATING_WORDS[r] ? tr(RATING_WORDS[r]) : r);
const ratings = (rs) => list(rs.map(rating));

/** A demand group's name in words (a group the data files use has catalogue words). */
const GROUP_WORDS = { social_care: N_("social care") };
const groupWords = (g) => (GROUP_WORDS[g] ? tr(GROUP_WORDS[g]) : g.replace(/_/g, " "));

const figureText = (f) => (f && typeof f === "object" ? String(f.value) : f === undefined ? "" : String(f));

/** What the simulation varies, in words, from the data set's risk section. */
export function drivesNote(data) {
  const risk = data.risk;
  if (!risk) return [];
  const items = [];
  for (const programme of data.programmes ?? []) {
    const figures = programme.lines.flatMap((line) => RATING_ORDER.filter((r) => line.rag?.[r] && !isZero(figureText(line.rag[r]))).map((r) => [r, line.rag[r]]));
    const rated = RATING_ORDER.filter((r) => figures.some(([f]) => f === r));
    const unrated = risk.unrated?.[programme.id]?.rating;
    const name = inLang(programme, "name");
    // A rating the file marks as an assumption is not the council's: say so.
    const assumed = figures.filter(([, f]) => f && typeof f === "object" && f.assumption !== undefined).length;
    const rest = unrated ? tr(", and any not rated are taken as {rating}", { rating: rating(unrated) }) : "";
    if (rated.length > 0 && assumed === figures.length) {
      items.push(tr("{programme}: the savings still to come are taken as {ratings}; the data file marks these ratings as assumptions, not ratings from the council's papers, and says why{rest}.", { programme: name, ratings: ratings(rated), rest }));
    } else if (rated.length > 0 && assumed > 0) {
      items.push(tr("{programme}: the savings still to come are rated {ratings}, some by the council's papers and some assumed in the data file{rest}.", { programme: name, ratings: ratings(rated), rest }));
    } else if (rated.length > 0) {
      items.push(tr("{programme}: the council's papers rate the savings still to come {ratings}{rest}.", { programme: name, ratings: ratings(rated), rest }));
    } else if (unrated) {
      items.push(tr("{programme}: no rating is published, so its savings are taken as {rating} as a whole.", { programme: name, rating: rating(unrated) }));
    }
  }
  const slip = figureText(risk.slip_years);
  const odds = RATING_ORDER.filter((r) => risk.ratings?.[r] && figureText(risk.ratings[r].delivery_pct) !== "100")
    .reverse()
    .map((r) => tr("{rating}, {delivered}% delivered and a {late}% chance of running late", { rating: rating(r), delivered: figureText(risk.ratings[r].delivery_pct), late: figureText(risk.ratings[r].slip_pct) }));
  const ranges = [];
  if (risk.inflation_adjust_pp) {
    ranges.push(tr("inflation from {low} to {high} points a year either side of the plan's", { low: figureText(risk.inflation_adjust_pp.low), high: figureText(risk.inflation_adjust_pp.high) }));
  }
  for (const [group, range] of Object.entries(risk.growth_factor ?? {})) {
    ranges.push(tr("{group} demand growing by {low}% to {high}% of the plan's growth", { group: groupWords(group), low: shiftRight(figureText(range.low), 2), high: shiftRight(figureText(range.high), 2) }));
  }
  return [
    tr("Each simulated future differs in how much of each savings programme is delivered, and when. The council rates savings blue (secured), green (on track), amber or red (at serious risk):"),
    items,
    [
      odds.length ? tr(slip === "1" ? "Each saving is assumed delivered as its rating suggests ({odds}), a programme that runs late arriving a year later." : "Each saving is assumed delivered as its rating suggests ({odds}), a programme that runs late arriving {n} years later.", { odds: odds.join("; "), n: slip }) : "",
      ranges.length ? tr("Costs vary too: {ranges}.", { ranges: list(ranges) }) : "",
      tr("The data file gives the reason for each of these figures."),
    ]
      .filter(Boolean)
      .join(" "),
  ];
}

/** What each waterfall bar is, in words. */
export const BAR_WORDS = {
  inflation: N_("Inflation on pay and prices"),
  demand_growth: N_("More demand for services"),
  other_spending: N_("Other spending changes"),
  savings_removed: N_("Savings taken out of budgets"),
  options_chosen: N_("The options chosen"),
  council_tax: N_("More council tax"),
  other_funding: N_("Government and other funding"),
  savings_shortfall: N_("Savings running late (below zero: early)"),
  deficit_brought_forward: N_("Deficit carried from the year before"),
  reserves_used: N_("Reserves used"),
  surplus_not_used: N_("Surplus not put in reserves"),
};

/** A choice's plausible range, in words: "0% to 1.99%". */
export function rangeWords(lever) {
  const [lo, hi] = [lever.low.value, lever.high.value];
  const kind = lever.lever.split(".")[0];
  if (kind === "core_pct") {
    // Each year's own upper end, when the years' differ ("1.99/2.99"), in year order.
    const top = hi.includes("/") ? tr("{rises} in turn", { rises: hi.split("/").map((v) => `${v}%`).join(", ") }) : tr("{pct}% a year", { pct: hi });
    return tr("{low}% to {top} ({limit})", { low: lo, top, limit: lever.limit_words ?? tr("the referendum limit") });
  }
  if (kind === "inflation_adjust_pp") return tr("{low} to {high} points a year", { low: lo, high: hi });
  if (kind === "growth_factor") return tr("{low}% to {high}% of the plan's growth", { low: shiftRight(lo, 2), high: shiftRight(hi, 2) });
  if (kind === "delivery_pct") return tr("{low}% to {high}% delivered", { low: lo, high: hi });
  if (kind === "delay_years") return tr(hi === "1" ? "{low} to 1 year late" : "{low} to {n} years late", { low: lo, n: hi });
  return tr("{low} to {high}", { low: lo, high: hi });
}

