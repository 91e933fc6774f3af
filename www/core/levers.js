// The levers a resident can move (model.md §4), as data built from the council's data set
// and its plan: each with its label, unit, range, plan value, hint, and where it goes in
// the engine's scenario (`target`). No DOM: components/lever-form draws them, and
// core/scenario.js turns their values into the engine's scenario and back.
import { isZero, moneyMillions, slug } from "./format.js";
import { list, savingsOf } from "./words.js";
import { tr } from "./language.js";

/** Funding kinds the "government funding" lever changes. */
export const GOVERNMENT_KINDS = ["government_grant", "business_rates"];

/** "2020/21" → "2020", for a link's short keys; any other label, its letters and digits. */
export const yearCode = (year) => (/^\d{4}\/\d{2}$/.test(year) ? year.slice(0, 4) : slug(year));
const figure = (f) => (f && typeof f === "object" ? String(f.value) : f === undefined ? undefined : String(f));
const pct = (v) => `${v}%`;

/** The limit on a year's rise, in words: England's referendum limit, Scotland's cap, or
 *  nothing (Wales has neither). */
export function limitWords(limit, cap) {
  if (!limit) return cap === undefined ? "" : tr("The government caps the rise at {cap} this year: a higher rise cannot be set.", { cap: pct(cap) });
  return limit.dispensation
    ? tr("The government agreed a limit of {total} in all for this year: a rise of {total} or more needs a local referendum.", { total: pct(limit.total_pct) })
    : tr("A core rise of {core} or more, or a rise of {total} or more in all, needs a local referendum.", { core: pct(limit.core_pct), total: pct(limit.total_pct) });
}

function taxLevers(years, plan) {
  // The adult social care precept is England's (plan.nation is absent for England).
  const england = !plan.nation || plan.nation === "england";
  return years.flatMap((year, t) => {
    const y = plan.years[t];
    const limit = y.referendum_limit;
    const cap = y.rise_cap_pct;
    const planWords = england ? tr("{core} core and {asc} for adult social care", { core: pct(y.core_pct), asc: pct(y.asc_pct) }) : pct(y.core_pct);
    const group = { id: `year-${slug(year)}`, legend: year, year, hint: `${tr("The council's plan: {plan}.", { plan: planWords })} ${limitWords(limit, cap)}`.trim() };
    const rate = { unit: "%", unitWords: tr("per cent"), min: "0", max: "6", step: "0.005", section: "tax", group, words: "pct" };
    // The core lever's top: Scotland's cap; else the nation's range (the rules file),
    // raised to the year's referendum limit where that is higher (a dispensation).
    const top = plan.rise_lever_max_pct ?? rate.max;
    const coreMax = cap !== undefined ? cap : limit && Number(limit.total_pct) > Number(top) ? limit.total_pct : top;
    const core = {
      ...rate,
      max: coreMax,
      key: `core:${year}`,
      link: `c${yearCode(year)}`,
      paths: [`core_pct.${year}`],
      target: { field: "core_pct", key: year },
      label: england ? tr("Core council tax rise in {year}", { year }) : tr("Council tax rise in {year}", { year }),
      plan: y.core_pct,
      mark: limit?.core_pct ? { value: limit.core_pct, text: tr("limit {limit}", { limit: pct(limit.core_pct) }) } : null,
      hint: limit?.core_pct ? tr("Referendum limit: {limit}.", { limit: pct(limit.core_pct) }) : cap !== undefined ? tr("The government's cap: {cap}.", { cap: pct(cap) }) : "",
    };
    if (!england) return [core];
    return [
      core,
      {
        ...rate,
        key: `asc:${year}`,
        link: `a${yearCode(year)}`,
        paths: [`asc_pct.${year}`],
        target: { field: "asc_pct", key: year },
        label: tr("Adult social care precept in {year}", { year }),
        plan: y.asc_pct,
        mark: limit?.asc_pct ? { value: limit.asc_pct, text: tr("allowed {limit}", { limit: pct(limit.asc_pct) }) } : null,
        hint: limit?.asc_pct ? tr("Allowed on top of the core limit: {limit}.", { limit: pct(limit.asc_pct) }) : "",
      },
    ];
  });
}

function costLevers(data, years) {
  const out = [];
  const groups = [...new Set(data.services.map((s) => s.growth_group).filter(Boolean))];
  for (const group of groups) {
    const names = data.services.filter((s) => s.growth_group === group).map((s) => s.name);
    const words = group === "social_care" ? tr("social care") : group.replace(/_/g, " ");
    out.push({
      key: `growth:${group}`,
      link: `g${slug(group)}`,
      paths: [`growth_factor.${group}`],
      target: { field: "growth_factor", key: group, convert: "factor" },
      section: "costs",
      label: tr("{Group} demand growth", { Group: `${words[0].toUpperCase()}${words.slice(1)}` }),
      unit: "%",
      unitWords: tr("per cent of the plan's growth"),
      min: "0",
      max: "300",
      step: "5",
      numberStep: "1",
      numberMin: "0",
      plan: "100",
      hint: tr("How much the cost of {group} grows each year (more people needing care, more complex needs), as a share of the growth in the council's plan for {services}. 100% is the plan; 200% is twice as much growth.", { group: words, services: list(names) }),
      words: "growth",
    });
  }
  // The plan's most common inflation rate, to explain what "1 point" means.
  const rates = data.services.flatMap((s) => years.map((y) => figure(s.inflation_pct?.[y]))).filter(Boolean);
  const counts = new Map();
  for (const r of rates) counts.set(r, (counts.get(r) ?? 0) + 1);
  const usual = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  out.push({
    key: "inflation",
    link: "i",
    paths: years.map((y) => `inflation_adjust_pp.${y}`),
    target: { field: "inflation_adjust_pp", years },
    section: "costs",
    label: tr("Extra inflation on all costs"),
    unit: tr("points"),
    unitWords: tr("percentage points a year"),
    min: "-3",
    max: "6",
    step: "0.1",
    plan: "0",
    hint: usual
      ? tr(
          counts.size === 1
            ? "Percentage points added to each year's inflation, on all spending: the council's plan assumes {rate} a year, and 1 here means one point more than that. Use a minus sign for lower inflation."
            : "Percentage points added to each year's inflation, on all spending: the council's plan mostly assumes {rate} a year, and 1 here means one point more than that. Use a minus sign for lower inflation.",
          { rate: pct(usual) },
        )
      : tr("Percentage points added to each year's inflation, on all spending. Use a minus sign for lower inflation."),
    words: "pp",
  });
  return out;
}

function savingsLevers(data, plan, years) {
  const out = [];
  const finalYear = years[years.length - 1];
  for (const [p, programme] of (data.programmes ?? []).entries()) {
    const target = plan.years[plan.years.length - 1].programmes[p]?.target;
    const group = { id: `programme-${slug(programme.id)}`, legend: programme.name, hint: target && !isZero(target) ? tr("Savings target: {amount} a year by {year}.", { amount: moneyMillions(target), year: finalYear }) : "" };
    out.push(
      {
        key: `delivery:${programme.id}`,
        link: `d${slug(programme.id)}`,
        paths: [`delivery_pct.${programme.id}`],
        target: { field: "delivery_pct", key: programme.id },
        section: "savings",
        group,
        label: tr("Share of the remaining {savings} delivered", { savings: savingsOf(programme.name) }),
        unit: "%",
        unitWords: tr("per cent"),
        min: "0",
        max: "100",
        step: "5",
        numberStep: "1",
        numberMin: "0",
        numberMax: "200",
        plan: "100",
        hint: tr("Of the savings still to be made. 100% is the plan."),
        words: "pct",
      },
      {
        key: `delay:${programme.id}`,
        link: `l${slug(programme.id)}`,
        paths: [`delay_years.${programme.id}`],
        target: { field: "delay_years", key: programme.id, convert: "whole" },
        section: "savings",
        group,
        label: tr("Delay to {savings}", { savings: savingsOf(programme.name) }),
        unit: tr("years"),
        unitWords: "",
        min: "0",
        max: "5",
        step: "1",
        numberMin: "0",
        numberMax: "5",
        plan: "0",
        hint: tr("Whole years later than planned."),
        whole: true,
        words: "years",
      },
    );
  }
  const extra = { id: "extra-savings", legend: tr("Extra savings each year, on top of the plan"), hint: "" };
  for (const year of years) {
    out.push({
      key: `extra:${year}`,
      link: `x${yearCode(year)}`,
      paths: [`extra_savings.${year}`],
      target: { field: "extra_savings", key: year, convert: "millions" },
      section: "savings",
      group: extra,
      label: tr("Extra savings in {year}", { year }),
      unit: "£m",
      unitWords: tr("million pounds"),
      min: "0",
      max: "100",
      step: "1",
      numberStep: "0.001",
      numberMin: "0",
      plan: "0",
      hint: tr("Millions of pounds saved that year beyond the plan. A saving that carries on counts in every year."),
      words: "millions",
    });
  }
  return out;
}

function fundingLevers(data, years) {
  const kinds = GOVERNMENT_KINDS.filter((k) => (data.funding ?? []).some((f) => f.kind === k));
  if (kinds.length === 0) return [];
  const names = (data.funding ?? []).filter((f) => kinds.includes(f.kind)).map((f) => f.name);
  return [
    {
      key: "funding",
      link: "f",
      paths: kinds.flatMap((k) => years.map((y) => `funding_change_pct.${k}.${y}`)),
      target: { field: "funding_change_pct", kinds, years },
      section: "funding",
      label: tr("Change in government funding"),
      unit: "%",
      unitWords: tr("per cent"),
      min: "-50",
      max: "50",
      step: "1",
      numberMin: "-99",
      plan: "0",
      hint: tr("A cut (with a minus sign) or a rise in every year, to: {funding}. It does not change council tax.", { funding: list(names.map((n) => n.replace(/\s*\(.*\)$/, ""))) }),
      words: "pct",
    },
  ];
}

/** The sections the levers are grouped in, in order, with their headings (in the language spoken). */
export const sections = () => [
  {
    id: "tax",
    legend: tr("Council tax"),
    hint: tr("The council sets a rise each year in two parts: core council tax, and the adult social care precept, which can only be spent on adult social care. A rise at or above the year's limit needs a local referendum, as the law requires."),
    // Said instead where the council's nation has no adult social care precept or referendum.
    hintByNation: {
      wales: tr("The council sets the rise each year. Wales has no council tax referendums."),
      scotland: tr("The council sets the rise each year, up to any cap the Scottish Government sets for that year."),
    },
  },
  { id: "costs", legend: tr("Costs") },
  { id: "savings", legend: tr("Savings"), hint: tr("The plan takes savings out of budgets when they are due. Savings that are late, or not made at all, leave a gap the council must fill from its reserves.") },
  { id: "funding", legend: tr("Funding and reserves") },
];

/** Every lever for a data set, with the council's plan (its projection) for plan values and hints. */
export function leverCatalogue(data, plan) {
  const years = data.years;
  return [...taxLevers(years, plan), ...costLevers(data, years), ...savingsLevers(data, plan, years), ...fundingLevers(data, years)];
}
