// The council's options (calculator.options()) in words, and what a projection says about
// balancing the budget: what is still to find, and whether reserves are filling a gap that
// comes back. Only comparisons and wording: every figure is the engine's. No DOM.
import { isNegative, isPositive, isZero, magnitude, moneyShort, moneyWords } from "./format.js";
import { fromScenario } from "./scenario.js";
import { levelOf, list, savingsOf } from "./words.js";

/** The themes, in the order the page shows them, with their headings. */
export const THEMES = [
  ["services", "Services"],
  ["charges", "Charges"],
  ["income", "Income"],
  ["council_tax", "Council tax"],
  ["reserves", "Reserves"],
  ["views", "Your views"],
];

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
    if (from === to) return `${m} in ${years[from]}`;
    if (to < end) return `${m} a year from ${years[from]} to ${years[to]}`;
    return from === 0 ? `${m} a year` : `${m} a year from ${years[from]}`;
  };
  const lowers = runs.filter((r) => !isNegative(r.amount));
  const raises = runs.filter((r) => isNegative(r.amount));
  if (raises.length === 0) return `Lowers the gap by ${list(lowers.map(part))}.`;
  if (lowers.length === 0) return `Adds ${list(raises.map(part))} to the gap.`;
  return `Lowers the gap by ${list(lowers.map(part))}; adds ${list(raises.map(part))} to it.`;
}

/** What a level sets instead of an effect (a council tax rise, reserves), in words. */
export function setsWords(sets, data) {
  if (!sets) return "";
  const out = [];
  const rates = (map, what) => {
    const values = Object.values(map ?? {});
    if (values.length === 0) return;
    out.push(values.every((v) => v === values[0]) ? `${what} of ${values[0]}% each year` : `${what} of ${Object.entries(map).map(([y, v]) => `${v}% in ${y}`).join(", ")}`);
  };
  rates(sets.core_pct, "a core council tax rise");
  rates(sets.asc_pct, "an adult social care precept");
  for (const [id, years] of Object.entries(sets.delay_years ?? {})) {
    const name = data.programmes?.find((p) => p.id === id)?.name ?? id;
    out.push(`${savingsOf(name)} ${years === 1 ? "a year" : `${years} years`} later`);
  }
  if (sets.use_reserves === false) out.push("no reserves used to fill gaps");
  if (out.length === 0) return "";
  const text = list(out);
  return `Sets ${text}.`;
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
  return list(years.filter((y) => isPositive(pick(y))).map((y) => `${moneyWords(pick(y))} in ${y.year}`));
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
    stillToFind: amounts(years, (y) => y.unfunded),
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
    words: list(covered.map(([y]) => `${moneyWords(y.total_gap)} in ${y.year}`)),
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
    return `Your budget balances every year to ${last}${filling?.years.length ? ", with reserves filling gaps" : ""}.`;
  }
  const ask = requireBalance ? "The council asks for a budget that balances. " : "";
  return `${ask}Still to find: ${stillToFind}, ${reservesUsed ? "even after using reserves" : "with no reserves used"}.`;
}
