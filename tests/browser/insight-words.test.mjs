// The risk sentence's words, in Node: counts of simulated futures rounded honestly, never
// "0 of 10" when some futures fail, nor "10 of 10" when some do not.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chanceWords, riskSentences } from "../../www/views/insight/words.js";

test("a chance is said in tenths, with 'about' unless exact, and the count beside it", () => {
  assert.equal(chanceWords(5405, 10000).words, "In about 5 of 10 simulated futures (5,405 of 10,000)");
  assert.equal(chanceWords(7000, 10000).words, "In 7 of 10 simulated futures (7,000 of 10,000)");
  assert.equal(chanceWords(6500, 10000).words, "In about 7 of 10 simulated futures (6,500 of 10,000)");
});

test("none, every one, and the ends are never rounded away", () => {
  assert.deepEqual(chanceWords(0, 10000), { none: true, words: "In none of the 10,000 simulated futures" });
  assert.deepEqual(chanceWords(10000, 10000), { words: "In every one of the 10,000 simulated futures" });
  assert.equal(chanceWords(1, 10000).words, "In fewer than 1 in 100 simulated futures (1 of 10,000)");
  assert.equal(chanceWords(100, 10000).words, "In fewer than 1 in 10 simulated futures (100 of 10,000)");
  assert.equal(chanceWords(499, 10000).words, "In fewer than 1 in 10 simulated futures (499 of 10,000)");
  assert.equal(chanceWords(500, 10000).words, "In about 1 of 10 simulated futures (500 of 10,000)");
  assert.equal(chanceWords(9500, 10000).words, "In more than 9 in 10 simulated futures (9,500 of 10,000)");
  assert.equal(chanceWords(9999, 10000).words, "In more than 99 in 100 simulated futures (9,999 of 10,000)");
});

test("the sentences read correctly when nothing goes wrong, and without reserves", () => {
  const chance = (paths) => ({ paths, pct: "" });
  const sim = (below, unbalanced) => ({
    paths: 10000,
    years: [{ year: "2023/24", below_minimum_by: chance(below), unbalanced_by: chance(unbalanced) }],
  });
  assert.deepEqual(riskSentences(sim(0, 0), true), [
    "In none of the 10,000 simulated futures do the council's reserves fall below the safe minimum, in any year up to 2023/24.",
    "In none of the 10,000 simulated futures is any of the budget left with nothing to pay for it, up to 2023/24.",
  ]);
  assert.deepEqual(riskSentences(sim(10000, 3000), false), [
    "In every one of the 10,000 simulated futures the council's reserves fall below the safe minimum by 2023/24.",
    "In 3 of 10 simulated futures (3,000 of 10,000) the budget cannot be balanced by 2023/24.",
  ]);
});
