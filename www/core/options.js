// The council's options (calculator.options()) in words, and what a projection says about
// balancing the budget: what is still to find, and whether reserves are filling a gap that
// comes back. Only comparisons and wording: every figure is the engine's. No DOM.
import { isNegative, isPositive, isZero, magnitude, moneyShort, moneyWords } from "./format.js";
import { fromScenario } from "./scenario.js";
import { levelOf, list, savingsOf } from "./words.js";
import { N_, tr } from "./language.js";

/** The themes, in the order the page shows them, with their headings (English: `tr` them where shown). */
export const THEMES = [
  ["services", N_("Services")],
  ["charges", N_("Charges")],
  ["income", N_("Income")],
  ["council_tax", N_("Council tax")],
  ["reserves", N_("Reserves")],
  ["views", N_("Your views")],
];

/** The engine's options with the data's Welsh words (`cy`) beside them: the engine reads past them. */
export function withWelsh(optionList, data) {
  const given = new Map((data.options ?? []).map((o) => [o.id, o]));
  const options = optionList.options.map((o) => {
    const d = given.get(o.id);
    if (!d?.cy && !d?.levels?.some((l) => l.cy)) return o;
    return { ...o, cy: d.cy, levels: o.levels.map((l) => ({ ...l, cy: d.levels.find((x) => x.id === l.id)?.cy })) };
  });
  return { ...optionList, options };
}

/** A level's effect on the gap per year, in words: "Lowers the gap by £5.3m a year from 2021/22". */
export function effectWords(years, effect) {
  const runs = [];
  effect.forEach((amount, t) => {
    if (isZero(amount)) return;
    const last = runs[runs.length - 1];
    if (last && last.to === t - 1 && last.amount === amount) last.to = t;
    else runs.push({ from: t, to: t, amount });
  });
  if (runs.length === 0) return "";
  const end = years.length - 1;
  const part = ({ from, to, amount }) => {
    const m = moneyShort(magnitude(amount));
    const args = { amount: m, from: years[from], to: years[to] };
    if (from === to) return tr("{amount} in {from}", args);
    if (to < end) return tr("{amount} a year from {from} to {to}", args);
    return from === 0 ? tr("{amount} a year", args) : tr("{amount} a year from {from}", args);
  };
  const lowers = runs.filter((r) => !isNegative(r.amount));
  const raises = runs.filter((r) => isNegative(r.amount));
  const args = { lowers: list(lowers.map(part)), raises: list(raises.map(part)) };
  if (raises.length === 0) return tr("Lowers the gap by {lowers}.", args);
  if (lowers.length === 0) return tr("Adds {raises} to the gap.", args);
  return tr("Lowers the gap by {lowers}; adds {raises} to it.", args);
}

/** What a level sets instead of an effect (a council tax rise, reserves), in words. */
export function setsWords(sets, data) {
  if (!sets) return "";
  const out = [];
  const rates = (map, what) => {
    const values = Object.values(map ?? {});
    if (values.length === 0) return;
    const each = values.every((v) => v === values[0]);
    const rate = each ? values[0] : Object.entries(map).map(([y, v]) => tr("{rate}% in {year}", { rate: v, year: y })).join(", ");
    out.push(what(each, rate));
  };
  rates(sets.core_pct, (each, rate) => tr(each ? "a core council tax rise of {rate}% each year" : "a core council tax rise of {rate}", { rate }));
  rates(sets.asc_pct, (each, rate) => tr(each ? "an adult social care precept of {rate}% each year" : "an adult social care precept of {rate}", { rate }));
  for (const [id, years] of Object.entries(sets.delay_years ?? {})) {
    const name = data.programmes?.find((p) => p.id === id)?.name ?? id;
    out.push(years === 1 ? tr("{savings} a year later", { savings: savingsOf(name) }) : tr("{savings} {n} years later", { savings: savingsOf(name), n: years }));
  }
  if (sets.use_reserves === false) out.push(tr("no reserves used to fill gaps"));
  if (out.length === 0) return "";
  return tr("Sets {what}.", { what: list(out) });
}

/**
 * The levers an option's chosen level sets in the engine, over the resident's own: { values:
 * Map(link → value), usesReserves (or undefined), by: Map(link | "reserves" → option and level) }.
 * A level's scenario replaces each lever it names whole (docs/model-notes.md, "Options").
 */
export function overrides(optionList, choices, catalogue) {
  const values = new Map();
  const by = new Map();
  let usesReserves;
  for (const option of optionList?.options ?? []) {
    const level = option.levels.find((l) => l.id === levelOf(option, choices));
    if (!level?.sets || level.id === option.plan_level) continue;
    const own = fromScenario(catalogue, level.sets).values;
    const fields = new Set(Object.entries(level.sets).filter(([, v]) => v && typeof v === "object" && Object.keys(v).length > 0).map(([f]) => f));
    const cause = { option, level, plan: option.levels.find((l) => l.id === option.plan_level) };
    for (const spec of catalogue) {
      if (!fields.has(spec.target.field)) continue;
      values.set(spec.link, own.get(spec.link) ?? spec.plan);
      by.set(spec.link, cause);
    }
    if (typeof level.sets.use_reserves === "boolean") {
      usesReserves = level.sets.use_reserves;
      by.set("reserves", cause);
    }
  }
  return { values, usesReserves, by };
}

/** "£15.9m in 2020/21 and £19.1m in 2021/22" for the years whose amount `pick` finds above zero. */
function amounts(years, pick) {
  return list(years.filter((y) => isPositive(pick(y))).map((y) => tr("{amount} in {year}", { amount: moneyWords(pick(y)), year: y.year })));
}

/**
 * What is left unfunded, year by year. A deficit is carried into the next year until it is
 * paid (the engine's deficit_brought_forward), so a later year's amount includes it: such a
 * year reads "by the end of", not as a new sum to add up.
 */
function stillToFind(years) {
  const carried = (y) => y.deficit_brought_forward !== undefined && isPositive(y.deficit_brought_forward);
  const owed = years.filter((y) => isPositive(y.unfunded));
  const words = list(owed.map((y) => tr(carried(y) ? "{amount} by the end of {year}" : "{amount} in {year}", { amount: moneyWords(y.unfunded), year: y.year })));
  return owed.some(carried) ? tr("{list} (a deficit is carried into the next year until it is paid)", { list: words }) : words;
}

/**
 * Balancing the budget as the engine defines it: nothing left unfunded in any year, with
 * reserves as chosen. { balanced, stillToFind: words, beforeReserves: words }.
 */
export function balance(projection) {
  const years = projection.years;
  const balanced = !years.some((y) => isPositive(y.unfunded));
  return {
    balanced,
    stillToFind: stillToFind(years),
    beforeReserves: amounts(years, (y) => y.total_gap),
    firstUnfunded: projection.summary.first_unfunded_year,
  };
}

/**
 * Whether reserves are filling gaps (with reserves used): the years where reserves meet the
 * whole gap, whether that gap comes back (in the next year, or after the last), and the
 * chosen levels paid from a reserve. Null when reserves fill no gap and pay for no choice.
 */
export function reservesFilling(projection, reservesUsed, optionList) {
  const years = projection.years;
  const covered = reservesUsed ? years.map((y, t) => [y, t]).filter(([y]) => isPositive(y.total_gap) && !isPositive(y.unfunded)) : [];
  const fromReserve = new Map();
  for (const option of optionList?.options ?? []) for (const level of option.levels) if (level.from_reserve) fromReserve.set(`${option.id}/${level.id}`, level);
  const oneOff = (projection.choices ?? []).filter((c) => fromReserve.has(`${c.option}/${c.level}`) && c.effect.some((e) => !isZero(e)));
  if (covered.length === 0 && oneOff.length === 0) return null;
  const last = years.length - 1;
  const recurs = covered.some(([, t]) => t === last || isPositive(years[t + 1].total_gap));
  return {
    years: covered.map(([y]) => ({ year: y.year, amount: y.total_gap })),
    words: list(covered.map(([y]) => tr("{amount} in {year}", { amount: moneyWords(y.total_gap), year: y.year }))),
    recurs,
    openAtEnd: covered.some(([, t]) => t === last) ? years[last].year : null,
    oneOff: oneOff.map((c) => ({ title: c.title, label: c.label, words: amounts(years.map((y, t) => ({ year: y.year, e: c.effect[t] })), (y) => y.e) })),
  };
}

/** The builder's verdict in one sentence: balanced (as the engine defines it), or what is still to find. */
export function balanceSentence(projection, reservesUsed, requireBalance) {
  const { balanced, stillToFind } = balance(projection);
  const last = projection.years[projection.years.length - 1].year;
  if (balanced) {
    const filling = reservesFilling(projection, reservesUsed, null);
    return tr(filling?.years.length ? "Your budget balances every year to {last}, with reserves filling gaps." : "Your budget balances every year to {last}.", { last });
  }
  const ask = requireBalance ? `${tr("The council asks for a budget that balances.")} ` : "";
  return ask + tr(reservesUsed ? "Still to find: {amount}, even after using reserves." : "Still to find: {amount}, with no reserves used.", { amount: stillToFind });
}
