// The page's core (www/core/), in Node: no DOM, no engine. The levers as data and the
// scenario both ways; the options' effects in words; balance and reserves filling gaps as
// the builder says them; the levers an option's level sets. The figures are made up, small
// and exact; the browser tests check the same against the engine's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { leverCatalogue } from "../../www/core/levers.js";
import { fromScenario, toScenario } from "../../www/core/scenario.js";
import { balance, balanceSentence, effectWords, overrides, reservesFilling, setsWords } from "../../www/core/options.js";
import { describeChoices } from "../../www/core/words.js";
import { createStore } from "../../www/core/store.js";

const YEARS = ["2020/21", "2021/22"];
const DATA = {
  years: YEARS,
  services: [
    { name: "Adults", growth_group: "social_care", inflation_pct: { "2020/21": "2", "2021/22": "2" } },
    { name: "Roads", inflation_pct: { "2020/21": "2", "2021/22": "2" } },
  ],
  programmes: [{ id: "__proto__", name: "Tt2019" }],
  funding: [{ kind: "government_grant", name: "Grant" }],
};
const limit = { core_pct: "2", asc_pct: "2", total_pct: "4", dispensation: false };
const PLAN = {
  years: YEARS.map((year) => ({ year, core_pct: "1.99", asc_pct: "2", referendum_limit: limit, programmes: [{ target: "1000000.00" }] })),
};
const catalogue = leverCatalogue(DATA, PLAN);

test("the levers: council tax by year, growth, inflation, delivery and delay, extra savings, funding", () => {
  assert.deepEqual(
    catalogue.map((c) => c.link),
    ["c2020", "a2020", "c2021", "a2021", "gsocial-care", "i", "dproto", "lproto", "x2020", "x2021", "f"],
  );
});

test("a scenario from the levers and back, with options; a programme called __proto__ is a key like any other", () => {
  const values = new Map([
    ["c2020", "2.5"],
    ["gsocial-care", "150"],
    ["i", "0.5"],
    ["dproto", "80"],
    ["lproto", "1"],
    ["x2021", "53.69"],
    ["f", "-10"],
  ]);
  const s = toScenario(catalogue, values, false, { roads: "cut" });
  assert.equal(s.core_pct["2020/21"], "2.5");
  assert.equal(s.growth_factor.social_care, "1.50");
  assert.deepEqual(s.inflation_adjust_pp, { "2020/21": "0.5", "2021/22": "0.5" });
  assert.equal(Object.getPrototypeOf(s.delivery_pct), null);
  assert.equal(s.delivery_pct.__proto__, "80");
  assert.equal(s.delay_years.__proto__, 1);
  assert.equal(s.extra_savings["2021/22"], "53690000.0");
  assert.deepEqual(s.funding_change_pct, { government_grant: { "2020/21": "-10", "2021/22": "-10" } });
  assert.equal(s.use_reserves, false);
  assert.deepEqual(s.choices, { roads: "cut" });
  assert.equal("polluted" in {}, false);
  // Back, as the engine writes a link's scenario (normalised decimals).
  const read = fromScenario(catalogue, { ...JSON.parse(JSON.stringify(s)), growth_factor: { social_care: "1.5" }, extra_savings: { "2021/22": "53690000" } });
  assert.deepEqual(read.unshown, []);
  assert.equal(read.usesReserves, false);
  assert.deepEqual(read.choices, { roads: "cut" });
  for (const [link, value] of values) assert.equal(read.values.get(link), value, link);
});

test("what the levers cannot show is named: inflation that differs by year, tax base growth, extra spending", () => {
  assert.deepEqual(fromScenario(catalogue, { inflation_adjust_pp: { "2020/21": "1", "2021/22": "2" } }).unshown, ["inflation_adjust_pp"]);
  assert.deepEqual(fromScenario(catalogue, { tax_base_growth_pct: { "2020/21": "1" } }).unshown, ["tax_base_growth_pct"]);
  assert.deepEqual(fromScenario(catalogue, { extra_spend: { "2020/21": "1" }, core_pct: {} }).unshown, ["extra_spend"]);
  assert.deepEqual(fromScenario(catalogue, { core_pct: { "2020/21": "3" }, use_reserves: null, choices: {} }).unshown, []);
});

test("a level's effect in words: recurring, ramped, one-off, costs, and mixed", () => {
  const years = ["2020/21", "2021/22", "2022/23", "2023/24"];
  assert.equal(effectWords(years, ["0.00", "5300000.00", "5300000.00", "5300000.00"]), "Lowers the gap by £5.3m a year from 2021/22.");
  assert.equal(effectWords(years, ["-4050000.00", "-4050000.00", "-4050000.00", "-4050000.00"]), "Adds £4.05m a year to the gap.");
  assert.equal(effectWords(years, ["0.00", "975000.00", "1950000.00", "1950000.00"]), "Lowers the gap by £975,000 in 2021/22 and £1.95m a year from 2022/23.");
  assert.equal(effectWords(years, ["0.00", "0.00", "0.00", "6756000.00"]), "Lowers the gap by £6.76m in 2023/24.");
  assert.equal(effectWords(years, ["100000.00", "100000.00", "0.00", "0.00"]), "Lowers the gap by £100,000 a year from 2020/21 to 2021/22.");
  assert.equal(effectWords(years, ["-500000.00", "250000.00", "250000.00", "250000.00"]), "Lowers the gap by £250,000 a year from 2021/22; adds £500,000 in 2020/21 to it.");
  assert.equal(effectWords(years, ["0.00", "0.00", "0.00", "0.00"]), "");
  assert.equal(setsWords({ core_pct: { "2020/21": "0", "2021/22": "0" }, use_reserves: false }, DATA), "Sets a core council tax rise of 0% each year and no reserves used to fill gaps.");
});

const year = (y, total_gap, unfunded) => ({ year: y, total_gap, unfunded });
const projection = (years, choices = []) => ({ years, choices, summary: { first_unfunded_year: years.find((y) => y.unfunded !== "0.00")?.year ?? null } });

test("balanced as the engine defines it: nothing unfunded in any year, with reserves as chosen", () => {
  const p = projection([year("2020/21", "15852000.00", "15852000.00"), year("2021/22", "-100.00", "0.00")]);
  assert.deepEqual(balance(p), { balanced: false, stillToFind: "£15.9m in 2020/21", beforeReserves: "£15.9m in 2020/21", firstUnfunded: "2020/21" });
  assert.equal(balanceSentence(p, false, true), "The council asks for a budget that balances. Still to find: £15.9m in 2020/21, with no reserves used.");
  assert.equal(balanceSentence(projection([year("2020/21", "-1.00", "0.00")]), true, false), "Your budget balances every year to 2020/21.");
});

test("reserves filling a gap: how much, which years, whether it comes back, and choices paid from a reserve", () => {
  const recurring = projection([year("2020/21", "15852000.00", "0.00"), year("2021/22", "19065000.00", "0.00"), year("2022/23", "0.00", "0.00")]);
  const f = reservesFilling(recurring, true, null);
  assert.equal(f.words, "£15.9m in 2020/21 and £19.1m in 2021/22");
  assert.equal(f.recurs, true);
  assert.equal(f.openAtEnd, null);
  const once = reservesFilling(projection([year("2020/21", "9427924.27", "0.00"), year("2021/22", "-2056792.97", "0.00")]), true, null);
  assert.equal(once.recurs, false);
  const atEnd = reservesFilling(projection([year("2020/21", "0.00", "0.00"), year("2021/22", "5.00", "0.00")]), true, null);
  assert.deepEqual([atEnd.recurs, atEnd.openAtEnd], [true, "2021/22"]);
  // With no reserves used, they fill nothing; a level paid from a reserve is still named.
  const options = { options: [{ id: "reserves", levels: [{ id: "release", from_reserve: "cash" }] }] };
  const chosen = projection([year("2020/21", "0.00", "0.00"), year("2021/22", "0.00", "0.00")], [{ option: "reserves", level: "release", title: "Using reserves", label: "Release", effect: ["0.00", "6756000.00"] }]);
  const paid = reservesFilling(chosen, false, options);
  assert.deepEqual(paid.years, []);
  assert.deepEqual(paid.oneOff, [{ title: "Using reserves", label: "Release", words: "£6.8m in 2021/22" }]);
  assert.equal(reservesFilling(projection([year("2020/21", "0.00", "0.00")]), true, options), null);
});

test("an option's level sets whole levers, over the resident's own; the last option wins", () => {
  const optionList = {
    options: [
      { id: "tax", title: "Council tax", plan_level: "max", levels: [{ id: "max", label: "The most allowed" }, { id: "freeze", label: "Freeze", sets: { core_pct: { "2020/21": "0", "2021/22": "0" }, asc_pct: {} } }] },
      { id: "reserves", title: "Reserves", plan_level: "plan", levels: [{ id: "plan", label: "As planned" }, { id: "none", label: "None", sets: { use_reserves: false } }] },
    ],
  };
  const none = overrides(optionList, {}, catalogue);
  assert.deepEqual([none.values.size, none.usesReserves], [0, undefined]);
  const set = overrides(optionList, { tax: "freeze", reserves: "none" }, catalogue);
  assert.deepEqual(Object.fromEntries(set.values), { c2020: "0", c2021: "0" });
  assert.equal(set.usesReserves, false);
  assert.equal(set.by.get("c2020").level.label, "Freeze");
  assert.equal(set.by.get("reserves").option.id, "reserves");
  // The choices in words: every lever, reserves, then every option with the level chosen.
  const words = describeChoices({ catalogue, values: new Map([["c2020", "3"]]), usesReserves: true, optionList, choices: { tax: "freeze" } });
  assert.deepEqual(words[0], ["Core council tax rise in 2020/21: 3%", true]);
  assert.deepEqual(words.slice(-2), [["Council tax: Freeze", true], ["Reserves: As planned", false]]);
});

test("the store: one state of data, set by patches, each listener told what changed", () => {
  const store = createStore({ a: 1 });
  const seen = [];
  const off = store.subscribe((state, patch) => seen.push([state.a, state.b, Object.keys(patch)]));
  store.set({ b: 2 });
  off();
  store.set({ a: 3 });
  assert.deepEqual(seen, [[1, undefined, ["a"]], [1, 2, ["b"]]]);
  assert.deepEqual(store.get(), { a: 3, b: 2 });
});

test("a programme whose name ends in savings is not called 'savings savings' (issue 14)", () => {
  const data = { ...DATA, programmes: [{ id: "eff", name: "Efficiency savings" }] };
  const labels = leverCatalogue(data, PLAN)
    .filter((l) => l.key.endsWith(":eff"))
    .map((l) => l.label);
  assert.deepEqual(labels, ["Share of the remaining Efficiency savings delivered", "Delay to Efficiency savings"]);
  assert.equal(setsWords({ delay_years: { eff: 1 } }, data), "Sets Efficiency savings a year later.");
});

test("a Welsh or Scottish council has one council tax lever a year, no referendum words, and Scotland's cap as the most (issue 14)", () => {
  const wales = { nation: "wales", years: YEARS.map((year) => ({ year, core_pct: "4.5", asc_pct: "0", referendum_limit: null, programmes: [{ target: "1000000.00" }] })) };
  const tax = leverCatalogue(DATA, wales).filter((l) => l.section === "tax");
  assert.deepEqual(tax.map((l) => l.label), ["Council tax rise in 2020/21", "Council tax rise in 2021/22"]);
  assert.ok(tax.every((l) => !/referendum|adult social care/i.test(`${l.hint} ${l.group.hint}`)), JSON.stringify(tax));
  // The lever's top is the nation's range from the rules file (Wales: 10%, no legal limit).
  assert.deepEqual(leverCatalogue(DATA, { ...wales, rise_lever_max_pct: "10" }).filter((l) => l.section === "tax").map((l) => l.max), ["10", "10"]);
  // In England a year whose limit is above the range (a dispensation) raises the top to it.
  const limit = (total) => ({ core_pct: null, asc_pct: null, total_pct: total, dispensation: true });
  const england = { rise_lever_max_pct: "6", years: YEARS.map((year, t) => ({ year, core_pct: "1.99", asc_pct: "2", referendum_limit: limit(t ? "4" : "14.99"), programmes: [{ target: "1000000.00" }] })) };
  assert.deepEqual(leverCatalogue(DATA, england).filter((l) => l.key.startsWith("core:")).map((l) => l.max), ["14.99", "6"]);
  const scotland = { nation: "scotland", years: wales.years.map((y) => ({ ...y, core_pct: "3", rise_cap_pct: "3" })) };
  const capped = leverCatalogue(DATA, scotland).filter((l) => l.section === "tax");
  assert.deepEqual(capped.map((l) => l.max), ["3", "3"]);
  assert.match(capped[0].group.hint, /caps the rise at 3%/);
});
