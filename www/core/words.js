// Sentences' small words, the one copy: lists of years, money "to spare", weekly changes,
// yes/no, each lever's value in words and the choices in words. No DOM: runs under Node.
import { isNegative, isZero, magnitude, money, moneyWords } from "./format.js";

/** "2020/21", "2020/21 and 2021/22", "2020/21, 2021/22 and 2022/23". */
export function list(items) {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Money in £m for a sentence, "£3.0m to spare" below zero (a surplus). */
export function gapWords(text) {
  return isNegative(text) ? `${moneyWords(magnitude(text))} to spare` : moneyWords(text);
}

/** "£4.30 a week more", "£0.50 a week less", "no change a week". */
export function weekly(text) {
  if (isZero(text)) return "no change a week";
  return `${money(magnitude(text))} a week ${isNegative(text) ? "less" : "more"}`;
}

export const yesNo = (b) => (b ? "Yes" : "No");

/** A lever's value in words, by the kind of value it holds (core/levers.js `words`). */
export function valueWords(spec, value) {
  switch (spec.words) {
    case "pp":
      return `${value} percentage points`;
    case "growth":
      return `${value}% of the plan's growth`;
    case "years":
      return value === "1" ? "1 year" : `${value} years`;
    case "millions":
      return `£${value} million`;
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
  out.push([`Use reserves to fill gaps: ${usesReserves ? "yes" : "no"}`, !usesReserves]);
  for (const option of optionList?.options ?? []) {
    const level = option.levels.find((l) => l.id === levelOf(option, choices)) ?? option.levels[0];
    out.push([`${option.question ?? option.title}: ${level.label}`, level.id !== option.plan_level]);
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
  let but = ", but";
  if (s.first_unfunded_year) {
    const y = p.years.find((x) => x.year === s.first_unfunded_year);
    text = reservesUsed
      ? `In ${y.year} the money the council has set aside to bridge budget gaps would run out, leaving ${moneyWords(y.unfunded)} unfunded: the council would need further savings, other reserves or new one-off money`
      : `Without using its reserves, ${moneyWords(y.unfunded)} of the budget in ${y.year} would not be funded: the council would need further savings or income, or to use its reserves`;
    but = ", and";
  } else if (s.first_below_minimum_year) {
    text = `The council could balance its budget every year to ${finalYear}, but its reserves would fall below the safe minimum in ${s.first_below_minimum_year}`;
    but = ", and";
  } else {
    text = `The council could balance its budget every year to ${finalYear} and keep its reserves above the safe minimum`;
  }
  if (s.referendum_years.length > 0) {
    text += `${but} the council tax rise in ${list(s.referendum_years)} would need a local referendum`;
  }
  return `${text}.`;
}

/** What the live region says once the results settle: the sentence and the headline figures. */
export function announcement(p, reservesUsed) {
  const last = p.years[p.years.length - 1];
  return `${headlineSentence(p, reservesUsed)} In ${last.year}: gap to fill ${gapWords(last.total_gap)}; ${
    reservesUsed && p.summary.first_unfunded_year ? `the money set aside to bridge gaps runs out in ${p.summary.first_unfunded_year}` : `reserves ${moneyWords(last.total_reserves)}`
  }; Band D ${money(last.band_d)}.`;
}

/** "Transformation to 2021 savings" from a programme's name, without doubling a name
 *  that already ends in "savings" ("Efficiency savings", not "Efficiency savings savings"). */
export const savingsOf = (name) => (/\bsavings$/i.test(name.trim()) ? name.trim() : `${name} savings`);
