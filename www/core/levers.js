// The levers a resident can move (model.md §4), as data built from the council's data set
// and its plan: each with its label, unit, range, plan value, hint, and where it goes in
// the engine's scenario (`target`). No DOM: components/lever-form draws them, and
// core/scenario.js turns their values into the engine's scenario and back.
import { isZero, moneyMillions } from "./format.js";
import { list, savingsOf } from "./words.js";

/** Funding kinds the "government funding" lever changes. */
export const GOVERNMENT_KINDS = ["government_grant", "business_rates"];

export const slug = (text) => text.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase();
/** "2020/21" → "2020", for a link's short keys; any other label, its letters and digits. */
export const yearCode = (year) => (/^\d{4}\/\d{2}$/.test(year) ? year.slice(0, 4) : slug(year));
const figure = (f) => (f && typeof f === "object" ? String(f.value) : f === undefined ? undefined : String(f));
const pct = (v) => `${v}%`;

/** The limit on a year's rise, in words: England's referendum limit, Scotland's cap, or
 *  nothing (Wales has neither). */
export function limitWords(limit, cap) {
  if (!limit) return cap === undefined ? "" : `The government caps the rise at ${pct(cap)} this year: a higher rise cannot be set.`;
  return limit.dispensation
    ? `The government agreed a limit of ${pct(limit.total_pct)} in all for this year: a rise of ${pct(limit.total_pct)} or more needs a local referendum.`
    : `A core rise of ${pct(limit.core_pct)} or more, or a rise of ${pct(limit.total_pct)} or more in all, needs a local referendum.`;
}

function taxLevers(years, plan) {
  // The adult social care precept is England's (plan.nation is absent for England).
  const england = !plan.nation || plan.nation === "england";
  return years.flatMap((year, t) => {
    const y = plan.years[t];
    const limit = y.referendum_limit;
    const cap = y.rise_cap_pct;
    const planWords = england ? `${pct(y.core_pct)} core and ${pct(y.asc_pct)} for adult social care` : pct(y.core_pct);
    const group = { id: `year-${slug(year)}`, legend: year, year, hint: `The council's plan: ${planWords}. ${limitWords(limit, cap)}`.trim() };
    const rate = { unit: "%", unitWords: "per cent", min: "0", max: "6", step: "0.005", section: "tax", group, words: "pct" };
    const core = {
      ...rate,
      ...(cap !== undefined ? { max: cap } : {}),
      key: `core:${year}`,
      link: `c${yearCode(year)}`,
      paths: [`core_pct.${year}`],
      target: { field: "core_pct", key: year },
      label: england ? `Core council tax rise in ${year}` : `Council tax rise in ${year}`,
      plan: y.core_pct,
      mark: limit?.core_pct ? { value: limit.core_pct, text: `limit ${pct(limit.core_pct)}` } : null,
      hint: limit?.core_pct ? `Referendum limit: ${pct(limit.core_pct)}.` : cap !== undefined ? `The government's cap: ${pct(cap)}.` : "",
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
        label: `Adult social care precept in ${year}`,
        plan: y.asc_pct,
        mark: limit?.asc_pct ? { value: limit.asc_pct, text: `allowed ${pct(limit.asc_pct)}` } : null,
        hint: limit?.asc_pct ? `Allowed on top of the core limit: ${pct(limit.asc_pct)}.` : "",
      },
    ];
  });
}

function costLevers(data, years) {
  const out = [];
  const groups = [...new Set(data.services.map((s) => s.growth_group).filter(Boolean))];
  for (const group of groups) {
    const names = data.services.filter((s) => s.growth_group === group).map((s) => s.name);
    const words = group === "social_care" ? "social care" : group.replace(/_/g, " ");
    out.push({
      key: `growth:${group}`,
      link: `g${slug(group)}`,
      paths: [`growth_factor.${group}`],
      target: { field: "growth_factor", key: group, convert: "factor" },
      section: "costs",
      label: `${words[0].toUpperCase()}${words.slice(1)} demand growth`,
      unit: "%",
      unitWords: "per cent of the plan's growth",
      min: "0",
      max: "300",
      step: "5",
      numberStep: "1",
      numberMin: "0",
      plan: "100",
      hint: `How much the cost of ${words} grows each year (more people needing care, more complex needs), as a share of the growth in the council's plan for ${list(names)}. 100% is the plan; 200% is twice as much growth.`,
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
    label: "Extra inflation on all costs",
    unit: "points",
    unitWords: "percentage points a year",
    min: "-3",
    max: "6",
    step: "0.1",
    plan: "0",
    hint: `Percentage points added to each year's inflation, on all spending${
      usual ? `: the council's plan ${counts.size === 1 ? "assumes" : "mostly assumes"} ${pct(usual)} a year, and 1 here means one point more than that` : ""
    }. Use a minus sign for lower inflation.`,
    words: "pp",
  });
  return out;
}

function savingsLevers(data, plan, years) {
  const out = [];
  const finalYear = years[years.length - 1];
  for (const [p, programme] of (data.programmes ?? []).entries()) {
    const target = plan.years[plan.years.length - 1].programmes[p]?.target;
    const group = { id: `programme-${slug(programme.id)}`, legend: programme.name, hint: target && !isZero(target) ? `Savings target: ${moneyMillions(target)} a year by ${finalYear}.` : "" };
    out.push(
      {
        key: `delivery:${programme.id}`,
        link: `d${slug(programme.id)}`,
        paths: [`delivery_pct.${programme.id}`],
        target: { field: "delivery_pct", key: programme.id },
        section: "savings",
        group,
        label: `Share of the remaining ${savingsOf(programme.name)} delivered`,
        unit: "%",
        unitWords: "per cent",
        min: "0",
        max: "100",
        step: "5",
        numberStep: "1",
        numberMin: "0",
        numberMax: "200",
        plan: "100",
        hint: "Of the savings still to be made. 100% is the plan.",
        words: "pct",
      },
      {
        key: `delay:${programme.id}`,
        link: `l${slug(programme.id)}`,
        paths: [`delay_years.${programme.id}`],
        target: { field: "delay_years", key: programme.id, convert: "whole" },
        section: "savings",
        group,
        label: `Delay to ${savingsOf(programme.name)}`,
        unit: "years",
        unitWords: "",
        min: "0",
        max: "5",
        step: "1",
        numberMin: "0",
        numberMax: "5",
        plan: "0",
        hint: "Whole years later than planned.",
        whole: true,
        words: "years",
      },
    );
  }
  const extra = { id: "extra-savings", legend: "Extra savings each year, on top of the plan", hint: "" };
  for (const year of years) {
    out.push({
      key: `extra:${year}`,
      link: `x${yearCode(year)}`,
      paths: [`extra_savings.${year}`],
      target: { field: "extra_savings", key: year, convert: "millions" },
      section: "savings",
      group: extra,
      label: `Extra savings in ${year}`,
      unit: "£m",
      unitWords: "million pounds",
      min: "0",
      max: "100",
      step: "1",
      numberStep: "0.001",
      numberMin: "0",
      plan: "0",
      hint: "Millions of pounds saved that year beyond the plan. A saving that carries on counts in every year.",
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
      label: "Change in government funding",
      unit: "%",
      unitWords: "per cent",
      min: "-50",
      max: "50",
      step: "1",
      numberMin: "-99",
      plan: "0",
      hint: `A cut (with a minus sign) or a rise in every year, to: ${list(names.map((n) => n.replace(/\s*\(.*\)$/, "")))}. It does not change council tax.`,
      words: "pct",
    },
  ];
}

/** The sections the levers are grouped in, in order, with their headings. */
export const SECTIONS = [
  {
    id: "tax",
    legend: "Council tax",
    hint: "The council sets a rise each year in two parts: core council tax, and the adult social care precept, which can only be spent on adult social care. A rise at or above the year's limit needs a local referendum, as the law requires.",
    // Said instead where the council's nation has no adult social care precept or referendum.
    hintByNation: {
      wales: "The council sets the rise each year. Wales has no council tax referendums.",
      scotland: "The council sets the rise each year, up to any cap the Scottish Government sets for that year.",
    },
  },
  { id: "costs", legend: "Costs" },
  { id: "savings", legend: "Savings", hint: "The plan takes savings out of budgets when they are due. Savings that are late, or not made at all, leave a gap the council must fill from its reserves." },
  { id: "funding", legend: "Funding and reserves" },
];

/** Every lever for a data set, with the council's plan (its projection) for plan values and hints. */
export function leverCatalogue(data, plan) {
  const years = data.years;
  return [...taxLevers(years, plan), ...costLevers(data, years), ...savingsLevers(data, plan, years), ...fundingLevers(data, years)];
}
