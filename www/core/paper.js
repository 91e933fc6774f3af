// The paper response form's codes, and the Easy Read wording of a level's £ effect. Shared by
// the Easy Read view and the paper form (views/easy-read/) and by the analysis page, where an
// officer types in a paper response (analyse/paper.js). No DOM.
//
// Codes: the council's options are numbered 1, 2, 3… in the order the page shows them
// (by theme, as core/options.js THEMES, then as in the data file), and each option's levels
// lettered A, B, C… in the data file's order: "3B" is the third option's second level. The
// same options list (calculator.options()) always gives the same codes.
import { isNegative, isZero, magnitude, moneyWords } from "./format.js";
import { THEMES } from "./options.js";
import { tr } from "./language.js";

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** The options in the page's order, each with its number and each level with its code. */
export function paperCodes(optionList) {
  const options = optionList?.options ?? [];
  const ordered = THEMES.flatMap(([theme]) => options.filter((o) => o.theme === theme));
  // An option of a theme the page does not know still gets a number, at the end.
  for (const o of options) if (!ordered.includes(o)) ordered.push(o);
  return ordered.map((option, i) => ({
    option,
    number: i + 1,
    levels: option.levels.map((level, j) => ({ level, code: `${i + 1}${LETTERS[j] ?? `-${j + 1}`}` })),
  }));
}

/**
 * The choices written as codes ("1B 3a, 7C"), read against the options: { choices: {option id:
 * level id}, problems: [sentence] }. An option not given is left at the council's plan, as an
 * online response leaves it. Two answers to one option, or a code the form does not have, is a
 * problem, named in plain words.
 */
export function readCodes(text, optionList) {
  const byCode = new Map();
  for (const entry of paperCodes(optionList)) for (const { level, code } of entry.levels) byCode.set(code, { entry, level });
  const choices = {};
  const given = new Map();
  const problems = [];
  for (const raw of String(text).split(/[\s,;]+/).filter(Boolean)) {
    const code = raw.toUpperCase();
    const found = byCode.get(code);
    if (!found) {
      problems.push(tr("There is no choice with the code {code} on this council's form.", { code: raw }));
      continue;
    }
    const { entry, level } = found;
    const before = given.get(entry.option.id);
    if (before && before !== code) {
      problems.push(tr("Question {number} has two answers, {before} and {code}: give one, or none if the person's answer is not clear.", { number: entry.number, before, code }));
      continue;
    }
    given.set(entry.option.id, code);
    choices[entry.option.id] = level.id;
  }
  return { choices, problems };
}

/** The codes of a set of choices (option id → level id), in the form's order. */
export function codesOf(choices, optionList) {
  const out = [];
  for (const entry of paperCodes(optionList)) {
    const chosen = choices[entry.option.id];
    const hit = entry.levels.find(({ level }) => level.id === chosen);
    if (hit) out.push(hit.code);
  }
  return out;
}

/** "£5.3m" → "£5.3 million"; "£5.0m" → "£5 million"; below £1m as it is ("£400,000"). */
export function simpleMoney(text) {
  const words = moneyWords(magnitude(text));
  const m = /^£([\d,]+)(?:\.(\d))?m$/.exec(words);
  if (!m) return words;
  return `£${m[1]}${m[2] && m[2] !== "0" ? `.${m[2]}` : ""} million`;
}

/**
 * A level's effect on the council's money, in simple words, from the engine's effect per year
 * (pounds a year by which it lowers the gap): "Saves about £5.3 million a year from 2021/22."
 * Empty when it changes nothing.
 */
export function simpleEffect(years, effect) {
  const nonZero = (effect ?? []).map((amount, t) => ({ amount, t })).filter(({ amount }) => !isZero(amount));
  if (nonZero.length === 0) return "";
  const costs = (amount) => isNegative(amount);
  const same = nonZero.every(({ amount }) => amount === nonZero[0].amount);
  const last = effect.length - 1;
  const contiguous = nonZero.every(({ t }, i) => i === 0 || t === nonZero[i - 1].t + 1);
  if (same && contiguous && nonZero[nonZero.length - 1].t === last) {
    const { amount, t } = nonZero[0];
    const args = { amount: simpleMoney(amount), year: years[t] };
    if (t === 0) return tr(costs(amount) ? "Costs about {amount} a year." : "Saves about {amount} a year.", args);
    return tr(costs(amount) ? "Costs about {amount} a year from {year}." : "Saves about {amount} a year from {year}.", args);
  }
  if (nonZero.length === 1) {
    const { amount, t } = nonZero[0];
    return tr(costs(amount) ? "Costs about {amount}, in {year} only." : "Saves about {amount}, in {year} only.", { amount: simpleMoney(amount), year: years[t] });
  }
  const parts = nonZero.map(({ amount, t }) => tr(costs(amount) ? "costs about {amount} in {year}" : "saves about {amount} in {year}", { amount: simpleMoney(amount), year: years[t] }));
  const sentence = parts.length > 1 ? tr("{items} and {last}", { items: parts.slice(0, -1).join(", "), last: parts[parts.length - 1] }) : parts[0];
  return `${sentence[0].toUpperCase()}${sentence.slice(1)}.`;
}
