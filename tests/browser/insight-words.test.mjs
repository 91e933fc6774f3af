// The insight view's words, in Node (no browser): what the simulation varies, and each
// lever's range.
import { test } from "node:test";
import assert from "node:assert/strict";
import { drivesNote, rangeWords } from "../../www/views/insight/words.js";

const line = (rag) => ({ service: "adults", rag });
const data = (rag) => ({
  programmes: [{ id: "p", name: "Programme", lines: [line(rag)] }],
  risk: { slip_years: "1", ratings: {} },
});

// Regression (issue 14): the page said "the council's papers rate" the savings even when
// the file marks every rating as an assumption.
test("ratings the file marks as assumptions are called assumed, not the council's", () => {
  const assumed = drivesNote(data({ green: { value: "900000", assumption: "Invented" }, amber: { value: "600000", assumption: "Invented" } }))[1][0];
  assert.match(assumed, /taken as green and amber; the data file marks these ratings as assumptions/);
  assert.doesNotMatch(assumed, /council's papers rate/);
  const sourced = drivesNote(data({ green: { value: "900000", source: "Savings report, p. 4" } }))[1][0];
  assert.match(sourced, /the council's papers rate the savings still to come green/);
  const mixed = drivesNote(data({ green: { value: "1", source: "p. 4" }, red: { value: "1", assumption: "guess" } }))[1][0];
  assert.match(mixed, /some by the council's papers and some assumed/);
});

// Regression (issue 14): the council tax range showed the first year's limit only.
test("a council tax range whose years' limits differ gives each year's", () => {
  const lever = { lever: "core_pct", low: { value: "0" }, high: { value: "1.99/2.99" } };
  assert.equal(rangeWords(lever), "0% to 1.99%, 2.99% in turn (the referendum limit)");
  assert.equal(rangeWords({ ...lever, high: { value: "1.99" } }), "0% to 1.99% a year (the referendum limit)");
});
