// Sentences' small words, the one copy: lists of years, money "to spare", weekly changes,
// yes/no, each lever's value in words and the choices in words. No DOM: runs under Node.
import { isNegative, isZero, magnitude, money, moneyWords } from "./format.js";
import { inLang, tr } from "./language.js";

/** "2020/21", "2020/21 and 2021/22", "2020/21, 2021/22 and 2022/23". */
export function list(items) {
  return items.length < 2 ? items.join("") : tr("{items} and {last}", { items: items.slice(0, -1).join(", "), last: items[items.length - 1] });
}

/** Money in £m for a sentence, "£3.0m to spare" below zero (a surplus). */
export function gapWords(text) {
  return isNegative(text) ? tr("{amount} to spare", { amount: moneyWords(magnitude(text)) }) : moneyWords(text);
}

/** "£4.30 a week more", "£0.50 a week less", "no change a week". */
export function weekly(text) {
  if (isZero(text)) return tr("no change a week");
  return tr(isNegative(text) ? "{amount} a week less" : "{amount} a week more", { amount: money(magnitude(text)) });
}

export const yesNo = (b) => (b ? tr("Yes") : tr("No"));

/** A lever's value in words, by the kind of value it holds (core/levers.js `words`). */
export function valueWords(spec, value) {
  switch (spec.words) {
    case "pp":
      return tr("{value} percentage points", { value });
    case "growth":
      return tr("{value}% of the plan's growth", { value });
    case "years":
      return value === "1" ? tr("1 year") : tr("{n} years", { n: value });
    case "millions":
      return tr("£{value} million", { value });
    default:
      return `${value}%`;
  }
}

/** The level chosen for each option: the state's choice, or the option's plan level. */
export const levelOf = (option, choices) => choices[option.id] ?? option.plan_level;

/**
 * Every choice in words, marking those that differ from the plan: the levers, reserves,
 * then the council's options (views included): [[text, changed], …].
 */
export function describeChoices({ catalogue, values, usesReserves, optionList, choices }) {
  const out = catalogue.map((spec) => {
    const value = values.get(spec.link) ?? spec.plan;
    return [`${spec.label}: ${valueWords(spec, value)}`, value !== spec.plan];
  });
  out.push([tr(usesReserves ? "Use reserves to fill gaps: yes" : "Use reserves to fill gaps: no"), !usesReserves]);
  for (const option of optionList?.options ?? []) {
    const level = option.levels.find((l) => l.id === levelOf(option, choices)) ?? option.levels[0];
    out.push([`${inLang(option, option.question ? "question" : "title")}: ${inLang(level, "label")}`, level.id !== option.plan_level]);
  }
  return out;
}

/**
 * One plain-English sentence: whether the money set aside to bridge gaps lasts, reserves
 * stay above the safe minimum, and a referendum is needed. When the bridging money runs
 * out the council would need more money from elsewhere: it does not mean the budget
 * "cannot be balanced" (views/embed/protocol.js, RUNS_OUT_NOTE).
 */
export function headlineSentence(p, reservesUsed) {
  const s = p.summary;
  const finalYear = p.years[p.years.length - 1].year;
  let text;
  let but = true; // ", but" a referendum; after bad news, ", and"
  if (s.first_unfunded_year) {
    const y = p.years.find((x) => x.year === s.first_unfunded_year);
    const args = { year: y.year, amount: moneyWords(y.unfunded) };
    text = reservesUsed
      ? tr("In {year} the money the council has set aside to bridge budget gaps would run out, leaving {amount} unfunded: the council would need further savings, other reserves or new one-off money", args)
      : tr("Without using its reserves, {amount} of the budget in {year} would not be funded: the council would need further savings or income, or to use its reserves", args);
    but = false;
  } else if (s.first_below_minimum_year) {
    text = tr("The council could balance its budget every year to {last}, but its reserves would fall below the safe minimum in {year}", { last: finalYear, year: s.first_below_minimum_year });
    but = false;
  } else {
    text = tr("The council could balance its budget every year to {last} and keep its reserves above the safe minimum", { last: finalYear });
  }
  if (s.referendum_years.length > 0) {
    const years = list(s.referendum_years);
    text += but ? tr(", but the council tax rise in {years} would need a local referendum", { years }) : tr(", and the council tax rise in {years} would need a local referendum", { years });
  }
  return `${text}.`;
}

/** What the live region says once the results settle: the sentence and the headline figures. */
export function announcement(p, reservesUsed) {
  const last = p.years[p.years.length - 1];
  const reserves =
    reservesUsed && p.summary.first_unfunded_year
      ? tr("the money set aside to bridge gaps runs out in {year}", { year: p.summary.first_unfunded_year })
      : tr("reserves {amount}", { amount: moneyWords(last.total_reserves) });
  return `${headlineSentence(p, reservesUsed)} ${tr("In {year}: gap to fill {gap}; {reserves}; Band D {bandD}.", { year: last.year, gap: gapWords(last.total_gap), reserves, bandD: money(last.band_d) })}`;
}

/** "Transformation to 2021 savings" from a programme's name, without doubling a name
 *  that already ends in "savings" ("Efficiency savings", not "Efficiency savings savings"). */
export const savingsOf = (name) => (/\bsavings$/i.test(name.trim()) ? name.trim() : tr("{name} savings", { name }));
