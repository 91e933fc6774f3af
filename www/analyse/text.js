// Words and numbers for the analysis page, from the analysis's own strings: percentages
// as the engine wrote them ("33.33"), money through format.js (exact, from the string).
import { isNegative, magnitude, moneyWords } from "../core/format.js";

const whole = new Intl.NumberFormat("en-GB");

/** 4828 → "4,828". */
export const count = (n) => whole.format(n);

/** "1 row", "2 rows". */
export const plural = (n, one, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** A share as the engine gives it: { count, pct } → "22.68% (1,095)". */
export const share = (s) => `${s.pct}% (${count(s.count)})`;

/** A reason from the engine as a sentence: a capital first letter and a full stop. */
export function sentence(text) {
  const t = text.trim();
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** A gap in words: "£40.5m", "£32,859 to spare" below zero. */
export const gapWords = (text) => (isNegative(text) ? `${moneyWords(magnitude(text))} to spare` : moneyWords(text));

/** "a, b and c". */
export const list = (items) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`);

/** Today as "3 December 2026". */
export const today = (date = new Date()) => date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });

/** Lets the page answer (draw, take input) before the next step. */
export const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
