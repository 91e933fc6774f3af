// The engine's scenario (www/pkg/mtfs.d.ts, Scenario) from the page's choices, and back:
// each lever's `target` (core/levers.js) says where its value goes. Values stay decimal
// strings; only the point moves (a percentage to a factor, £ million to pounds). No DOM.
import { millionsToPounds, percentToFactor, poundsToMillions, shiftRight, trimZeros } from "./format.js";
import { N_ } from "./language.js";

/**
 * One of the scenario's maps, made on first use. Its keys come from the data file (a
 * programme's id, say), so it has no prototype: "__proto__" is then a key like any other.
 */
const keyed = (s, field) => (s[field] ??= Object.create(null));

/** A lever's value as the engine takes it. */
function toEngine(convert, value) {
  if (convert === "factor") return percentToFactor(value);
  if (convert === "millions") return millionsToPounds(value);
  if (convert === "whole") return Number(value); // whole years, checked before (a JSON number)
  return value;
}

/** An engine value as the lever shows it. */
function fromEngine(convert, value) {
  if (convert === "factor") return trimZeros(shiftRight(String(value), 2));
  if (convert === "millions") return poundsToMillions(String(value));
  return String(value);
}

/**
 * The scenario for a set of choices: `values` maps a lever's link key to its value (a lever
 * not named is at its plan value); `choices` maps an option's id to its level's id.
 */
export function toScenario(catalogue, values, usesReserves, choices = {}) {
  const s = {};
  for (const spec of catalogue) {
    const value = values.get(spec.link) ?? spec.plan;
    const { field, key, convert, years, kinds } = spec.target;
    if (kinds) s[field] = Object.fromEntries(kinds.map((k) => [k, Object.fromEntries(years.map((y) => [y, value]))]));
    else if (years) s[field] = Object.fromEntries(years.map((y) => [y, value]));
    else keyed(s, field)[key] = toEngine(convert, value);
  }
  s.use_reserves = usesReserves;
  const chosen = Object.entries(choices);
  if (chosen.length > 0) s.choices = Object.fromEntries(chosen);
  return s;
}

/** The one value every named year holds (every kind's, for funding), or null if they differ. */
function uniform(map, years, kinds) {
  const values = (kinds ?? [null]).flatMap((k) => years.map((y) => (k ? map[k]?.[y] : map[y])));
  const named = values.filter((v) => v !== undefined);
  if (named.length === 0) return undefined;
  return named.length === values.length && named.every((v) => v === named[0]) ? String(named[0]) : null;
}

/** The scenario's fields the levers hold. */
const LEVER_FIELDS = ["core_pct", "asc_pct", "inflation_adjust_pp", "growth_factor", "delivery_pct", "delay_years", "extra_savings", "funding_change_pct"];

/**
 * The page's choices for an engine scenario (a link's, say): { values: Map(link → value),
 * usesReserves, choices, unshown: [field] }. `unshown` names what the levers cannot show
 * (a rise in tax base growth, say, or inflation that differs by year).
 */
export function fromScenario(catalogue, scenario) {
  const values = new Map();
  const unshown = new Set();
  const used = new Map(); // field → keys the levers read
  for (const spec of catalogue) {
    const { field, key, convert, years, kinds } = spec.target;
    const map = scenario[field];
    if (!used.has(field)) used.set(field, new Set());
    if (!map) continue;
    if (years) {
      const value = uniform(map, years, kinds);
      if (value === null) unshown.add(field);
      else if (value !== undefined) values.set(spec.link, value);
      for (const k of kinds ?? []) used.get(field).add(k);
      if (!kinds) for (const y of years) used.get(field).add(y);
    } else {
      used.get(field).add(key);
      if (Object.hasOwn(map, key)) values.set(spec.link, fromEngine(convert, map[key]));
    }
  }
  for (const [field, map] of Object.entries(scenario)) {
    if (field === "use_reserves" || field === "choices" || map === null || map === undefined) continue;
    const known = LEVER_FIELDS.includes(field) ? used.get(field) : null;
    if (!known || Object.keys(map).some((k) => !known.has(k))) unshown.add(field);
  }
  return { values, usesReserves: scenario.use_reserves ?? true, choices: { ...(scenario.choices ?? {}) }, unshown: [...unshown] };
}

/** What the page cannot show, in words, for a link it cannot open. */
export const FIELD_WORDS = {
  tax_base_growth_pct: N_("growth in the number of homes paying council tax"),
  inflation_adjust_pp: N_("extra inflation that differs from year to year"),
  funding_change_pct: N_("changes in funding that differ from year to year or between kinds of funding"),
  extra_spend: N_("extra spending"),
};
