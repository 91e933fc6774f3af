// The page's number formatting, in Node: decimal strings in, words out, with no float
// arithmetic on money (Intl.NumberFormat formats the string itself).
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  isNegative, isPositive, isZero, magnitude, millions, money, moneyMillions, moneyWords, percentToFactor, shiftPoint,
} from "../../www/core/format.js";

test("money is formatted from the string, to the penny, half away from zero", () => {
  assert.equal(money("1286.28"), "£1,286.28");
  assert.equal(money("-49.41"), "-£49.41");
  // A float would make these 1.00 and 0.00 (0.995 and 0.005 are not exact in binary).
  assert.equal(money("0.995"), "£1.00");
  assert.equal(money("0.005"), "£0.01");
  assert.equal(money("90071992547409.93"), "£90,071,992,547,409.93");
});

test("millions for tables and sentences", () => {
  assert.equal(millions("421336000.00"), "421.3");
  assert.equal(millions("-24148000.00"), "-24.1");
  assert.equal(millions("-0.00"), "0.0");
  assert.equal(millions("49999.99"), "0.0");
  assert.equal(millions("50000.00"), "0.1");
  assert.equal(moneyMillions("12449999.99"), "£12.4m");
  assert.equal(moneyMillions("-6756000.00"), "-£6.8m");
});

test("money in words: £m from a million, whole pounds below", () => {
  assert.equal(moneyWords("142500000.00"), "£142.5m");
  assert.equal(moneyWords("1000000.00"), "£1.0m");
  assert.equal(moneyWords("412000.00"), "£412,000");
  assert.equal(moneyWords("37412.50"), "£37,413");
  assert.equal(moneyWords("-37412.49"), "-£37,412");
  assert.equal(moneyWords("0.00"), "£0");
  assert.equal(moneyWords("-0.00"), "£0");
});

test("signs of decimal strings", () => {
  for (const zero of ["0", "0.00", "-0.00", "+0", ".0"]) assert.equal(isZero(zero), true, zero);
  assert.equal(isNegative("-0.01"), true);
  assert.equal(isNegative("-0.00"), false);
  assert.equal(isPositive("0.01"), true);
  assert.equal(isPositive("0.00"), false);
  assert.equal(magnitude("-6.80"), "6.80");
});

test("percentages become multipliers exactly, by moving the point", () => {
  assert.equal(percentToFactor("100"), "1.00");
  assert.equal(percentToFactor("150"), "1.50");
  assert.equal(percentToFactor("5"), "0.05");
  assert.equal(percentToFactor("0"), "0.00");
  assert.equal(percentToFactor("12.5"), "0.125");
  assert.equal(shiftPoint("421336000.00", 6), "421.33600000");
  assert.throws(() => shiftPoint("1e5", 2), /not a decimal string/);
});
