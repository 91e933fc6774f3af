// The choices a resident can change (model.md §4 levers), built from the council's data
// set: each a labelled slider paired with a number box, both usable by keyboard. This
// module keeps the choices as the decimal strings people typed and turns them into the
// engine's scenario; it does no budget arithmetic.
import { el } from "./dom.js";
import { isZero, moneyMillions, percentToFactor } from "./format.js";

/** Funding kinds the "government funding" choice changes. */
const GOVERNMENT_KINDS = ["government_grant", "business_rates"];

const slug = (text) => text.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase();
/** "2020/21" → "2020", for a link's short keys; any other label, its letters and digits. */
export const yearCode = (year) => (/^\d{4}\/\d{2}$/.test(year) ? year.slice(0, 4) : slug(year));
/**
 * One of the scenario's maps, made on first use. Its keys come from the data file (a
 * programme's id, say), so it has no prototype: "__proto__" is then a key like any other.
 */
const keyed = (s, field) => (s[field] ??= Object.create(null));
const figure = (f) => (f && typeof f === "object" ? String(f.value) : f === undefined ? undefined : String(f));

/** "Adults' Health and Care", "Children's Services" and "ETE" → "A, B and C". */
function list(items) {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * The levers for a data set, with the council's plan (its projection) for hints.
 * `onInput(lever)` runs after every change a person makes.
 */
export function buildLevers(form, data, plan, onInput) {
  const years = data.years;
  const finalYear = years[years.length - 1];
  const levers = new Map(); // key → lever
  const pathToKey = new Map(); // engine problem path → lever key
  const yearNotices = new Map(); // year → { notice, fieldset }
  let useReserves;

  /** One slider + number box. */
  function lever(spec) {
    const id = slug(spec.key);
    const ids = { label: `${id}-label`, hint: `${id}-hint`, error: `${id}-error`, range: `${id}-slider`, number: `${id}-input` };
    const range = el("input", {
      type: "range",
      id: ids.range,
      class: "lever__slider",
      min: spec.min,
      max: spec.max,
      step: spec.step,
      "aria-labelledby": ids.label,
      "aria-describedby": ids.hint,
      "data-key": spec.key,
    });
    const number = el("input", {
      type: "number",
      id: ids.number,
      class: "lever__number",
      // A phone's decimal keypad has no minus sign: only where a value cannot be negative.
      inputmode: Number(spec.min) < 0 ? undefined : "decimal",
      step: spec.numberStep ?? spec.step,
      "aria-describedby": ids.hint,
      "data-key": spec.key,
      autocomplete: "off",
    });
    if (spec.numberMin !== undefined) number.min = spec.numberMin;
    if (spec.numberMax !== undefined) number.max = spec.numberMax;
    // The mark is drawn under the slider, so the thumb passes over it.
    const mark = el("span", { class: "lever__mark", "aria-hidden": "true" }, el("span", { class: "lever__mark-text" }));
    const track = el("div", { class: "lever__track" }, mark, range);
    const error = el("p", { class: "error-message", id: ids.error, hidden: "" });
    const group = el(
      "div",
      { class: "lever", id: `${id}-group` },
      el("label", { class: "lever__label", id: ids.label, for: ids.number }, spec.label, el("span", { class: "visually-hidden" }, `, ${spec.unitWords}`)),
      el("p", { class: "hint", id: ids.hint }, spec.hint ?? ""),
      error,
      el(
        "div",
        { class: "lever__inputs" },
        track,
        el("div", { class: "lever__box" }, number, el("span", { class: "lever__unit", "aria-hidden": "true" }, spec.unit)),
      ),
    );
    const item = { ...spec, range, number, error, group, mark, value: spec.plan, good: spec.plan, ids };
    levers.set(spec.key, item);
    for (const path of spec.paths) pathToKey.set(path, spec.key);
    setMark(item, spec.mark);
    show(item, spec.plan);
    return group;
  }

  /** Puts a lever's value in both inputs; the slider shows it as near as its steps allow. */
  function show(item, value, except) {
    item.value = value;
    if (except !== item.range) item.range.value = value;
    if (except !== item.number) item.number.value = value;
    item.range.setAttribute("aria-valuetext", item.valueText(value));
  }

  /** Marks a value on the slider's track (a referendum limit) with a short label. */
  function setMark(item, mark) {
    if (!mark) {
      item.mark.hidden = true;
      return;
    }
    // Geometry only: where on the track the mark sits.
    const at = (Number(mark.value) - Number(item.min)) / (Number(item.max) - Number(item.min));
    item.mark.hidden = !(at >= 0 && at <= 1);
    item.mark.style.setProperty("--at", String(Math.min(1, Math.max(0, at))));
    item.mark.firstChild.textContent = mark.text;
  }

  const pct = (v) => `${v}%`;

  // Council tax, one group a year.
  const taxSection = el("fieldset", { class: "choices" }, el("legend", { class: "choices__legend" }, el("h3", {}, "Council tax")));
  taxSection.append(
    el(
      "p",
      { class: "hint" },
      "The council sets a rise each year in two parts: core council tax, and the adult social care precept, which can only be spent on adult social care. A rise at or above the year's limit needs a local referendum, as the law requires.",
    ),
  );
  years.forEach((year, t) => {
    const y = plan.years[t];
    const limit = y.referendum_limit;
    const limitText = limit.dispensation
      ? `The government agreed a limit of ${pct(limit.total_pct)} in all for this year: a rise of ${pct(limit.total_pct)} or more needs a local referendum.`
      : `A core rise of ${pct(limit.core_pct)} or more, or a rise of ${pct(limit.total_pct)} or more in all, needs a local referendum.`;
    const notice = el("div", { class: "notice", hidden: "" });
    const fieldset = el(
      "fieldset",
      { class: "year", id: `year-${slug(year)}` },
      el("legend", { class: "year__legend" }, year),
      el(
        "p",
        { class: "hint" },
        `The council's plan: ${pct(y.core_pct)} core and ${pct(y.asc_pct)} for adult social care. ${limitText}`,
      ),
      lever({
        key: `core:${year}`,
        link: `c${yearCode(year)}`,
        paths: [`core_pct.${year}`],
        label: `Core council tax rise in ${year}`,
        unit: "%",
        unitWords: "per cent",
        min: "0",
        max: "6",
        step: "0.005",
        plan: y.core_pct,
        mark: limit.core_pct ? { value: limit.core_pct, text: `limit ${pct(limit.core_pct)}` } : null,
        hint: limit.core_pct ? `Referendum limit: ${pct(limit.core_pct)}.` : "",
        valueText: pct,
        scenario: (s, v) => (keyed(s, "core_pct")[year] = v),
      }),
      lever({
        key: `asc:${year}`,
        link: `a${yearCode(year)}`,
        paths: [`asc_pct.${year}`],
        label: `Adult social care precept in ${year}`,
        unit: "%",
        unitWords: "per cent",
        min: "0",
        max: "6",
        step: "0.005",
        plan: y.asc_pct,
        mark: limit.asc_pct ? { value: limit.asc_pct, text: `allowed ${pct(limit.asc_pct)}` } : null,
        hint: limit.asc_pct ? `Allowed on top of the core limit: ${pct(limit.asc_pct)}.` : "",
        valueText: pct,
        scenario: (s, v) => (keyed(s, "asc_pct")[year] = v),
      }),
      notice,
    );
    yearNotices.set(year, { notice, fieldset, limitText });
    taxSection.append(fieldset);
  });

  // Costs: demand growth by growth group, and inflation.
  const costs = el("fieldset", { class: "choices" }, el("legend", { class: "choices__legend" }, el("h3", {}, "Costs")));
  const groups = [...new Set(data.services.map((s) => s.growth_group).filter(Boolean))];
  for (const group of groups) {
    const names = data.services.filter((s) => s.growth_group === group).map((s) => s.name);
    const words = group === "social_care" ? "social care" : group.replace(/_/g, " ");
    costs.append(
      lever({
        key: `growth:${group}`,
        link: `g${slug(group)}`,
        paths: [`growth_factor.${group}`],
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
        valueText: (v) => `${v}% of the plan's growth`,
        scenario: (s, v) => (keyed(s, "growth_factor")[group] = percentToFactor(v)),
      }),
    );
  }
  // The plan's most common inflation rate, to explain what "1 point" means.
  const rates = data.services.flatMap((s) => years.map((y) => figure(s.inflation_pct?.[y]))).filter(Boolean);
  const counts = new Map();
  for (const r of rates) counts.set(r, (counts.get(r) ?? 0) + 1);
  const usual = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  costs.append(
    lever({
      key: "inflation",
      link: "i",
      paths: years.map((y) => `inflation_adjust_pp.${y}`),
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
      valueText: (v) => `${v} percentage points`,
      scenario: (s, v) => {
        s.inflation_adjust_pp = Object.fromEntries(years.map((y) => [y, v]));
      },
    }),
  );

  // Savings programmes: delivery and delay.
  const savings = el("fieldset", { class: "choices" }, el("legend", { class: "choices__legend" }, el("h3", {}, "Savings")));
  savings.append(
    el(
      "p",
      { class: "hint" },
      "The plan takes savings out of budgets when they are due. Savings that are late, or not made at all, leave a gap the council must fill from its reserves.",
    ),
  );
  for (const [p, programme] of (data.programmes ?? []).entries()) {
    const target = plan.years[plan.years.length - 1].programmes[p]?.target;
    savings.append(
      el(
        "fieldset",
        { class: "programme", id: `programme-${slug(programme.id)}` },
        el("legend", { class: "year__legend" }, programme.name),
        target && !isZero(target)
          ? el("p", { class: "hint" }, `Savings target: ${moneyMillions(target)} a year by ${finalYear}.`)
          : "",
        lever({
          key: `delivery:${programme.id}`,
          link: `d${slug(programme.id)}`,
          paths: [`delivery_pct.${programme.id}`],
          label: `Share of the remaining ${programme.name} savings delivered`,
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
          valueText: (v) => `${v}%`,
          scenario: (s, v) => (keyed(s, "delivery_pct")[programme.id] = v),
        }),
        lever({
          key: `delay:${programme.id}`,
          link: `l${slug(programme.id)}`,
          paths: [`delay_years.${programme.id}`],
          label: `Delay to ${programme.name} savings`,
          unit: "years",
          unitWords: "",
          min: "0",
          max: "5",
          step: "1",
          numberMin: "0",
          numberMax: "5",
          plan: "0",
          hint: "Whole years later than planned.",
          check: (v) => (/^\s*[0-5]\s*$/.test(v) ? null : "Enter a whole number of years from 0 to 5"),
          valueText: (v) => (v === "1" ? "1 year" : `${v} years`),
          // The engine takes whole years as a JSON number (checked above).
          scenario: (s, v) => (keyed(s, "delay_years")[programme.id] = Number(v)),
        }),
      ),
    );
  }

  // Extra savings a person proposes, on top of the plan (set by a goal-seek suggestion too).
  const extra = el("fieldset", { class: "programme", id: "extra-savings" }, el("legend", { class: "year__legend" }, "Extra savings each year, on top of the plan"));
  for (const year of years) {
    extra.append(
      lever({
        key: `extra:${year}`,
        link: `x${yearCode(year)}`,
        paths: [`extra_savings.${year}`],
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
        valueText: (v) => `£${v} million`,
        // £ million to pounds, moving the point six places (no float).
        scenario: (s, v) => {
          const [whole, part = ""] = v.split(".");
          keyed(s, "extra_savings")[year] = `${`${whole}${part.padEnd(6, "0").slice(0, 6)}`.replace(/^(-?)0+(?=\d)/, "$1")}.${part.slice(6) || "0"}`;
        },
      }),
    );
  }
  savings.append(extra);

  // Funding and reserves.
  const funding = el("fieldset", { class: "choices" }, el("legend", { class: "choices__legend" }, el("h3", {}, "Funding and reserves")));
  const kinds = GOVERNMENT_KINDS.filter((k) => (data.funding ?? []).some((f) => f.kind === k));
  if (kinds.length > 0) {
    const names = (data.funding ?? []).filter((f) => kinds.includes(f.kind)).map((f) => f.name);
    funding.append(
      lever({
        key: "funding",
        link: "f",
        paths: kinds.flatMap((k) => years.map((y) => `funding_change_pct.${k}.${y}`)),
        label: "Change in government funding",
        unit: "%",
        unitWords: "per cent",
        min: "-50",
        max: "50",
        step: "1",
        numberMin: "-99",
        plan: "0",
        hint: `A cut (with a minus sign) or a rise in every year, to: ${list(names.map((n) => n.replace(/\s*\(.*\)$/, "")))}. It does not change council tax.`,
        valueText: (v) => `${v}%`,
        scenario: (s, v) => {
          s.funding_change_pct = Object.fromEntries(kinds.map((k) => [k, Object.fromEntries(years.map((y) => [y, v]))]));
        },
      }),
    );
  }
  const reservesBox = el("input", { type: "checkbox", id: "use-reserves", class: "checkbox__input", checked: "", "aria-describedby": "use-reserves-hint" });
  funding.append(
    el(
      "div",
      { class: "checkbox" },
      reservesBox,
      el("label", { for: "use-reserves", class: "checkbox__label" }, "Use reserves to fill gaps"),
      el(
        "p",
        { class: "hint checkbox__hint", id: "use-reserves-hint" },
        "Untick to see each year's gap without any help from reserves: it would have to be met by savings or income in the same year.",
      ),
    ),
  );
  useReserves = reservesBox;

  const reset = el("button", { type: "button", class: "button button--secondary", id: "reset" }, "Back to the council's plan");
  form.replaceChildren(taxSection, costs, savings, funding, el("div", { class: "form-actions" }, reset));

  // Every change a person makes, by slider, box or tick.
  form.addEventListener("input", (event) => {
    const target = event.target;
    if (target === useReserves) return onInput(null);
    const item = levers.get(target.dataset.key);
    if (!item) return;
    if (target === item.number) {
      // A box being typed in may hold nothing usable yet ("", "-"): wait for more.
      if (target.value === "" || target.validity.badInput) return;
      const problem = item.check?.(target.value);
      if (problem) return refuse(item, problem);
      show(item, target.value.trim(), item.number);
    } else {
      show(item, target.value, item.range);
    }
    setError(item, null);
    onInput(item);
  });
  // When a person leaves a box that holds no number, say so.
  form.addEventListener("change", (event) => {
    const item = levers.get(event.target.dataset?.key);
    if (item && event.target === item.number && (item.number.value === "" || item.number.validity.badInput)) {
      refuse(item, `Enter a number for ${item.label.toLowerCase()}, like ${item.plan}`);
    }
  });
  reset.addEventListener("click", () => {
    for (const item of levers.values()) {
      show(item, item.plan);
      item.good = item.plan;
      setError(item, null);
    }
    useReserves.checked = true;
    onInput(undefined, { reset: true });
  });

  /**
   * A value that cannot be used: say why beside its box, and go on with the last value that
   * worked (the box keeps what was typed, so it can be corrected).
   */
  function refuse(item, problem) {
    item.value = item.good;
    item.range.value = item.good;
    item.range.setAttribute("aria-valuetext", item.valueText(item.good));
    setError(item, `${item.label}: ${problem}. The results use ${item.valueText(item.good)} until you change it.`);
  }

  function setError(item, message) {
    item.error.hidden = !message;
    item.error.replaceChildren(...(message ? [el("span", { class: "visually-hidden" }, "Error: "), message] : []));
    item.group.classList.toggle("lever--error", Boolean(message));
    if (message) {
      item.number.setAttribute("aria-invalid", "true");
      item.number.setAttribute("aria-describedby", `${item.ids.error} ${item.ids.hint}`);
    } else {
      item.number.removeAttribute("aria-invalid");
      item.number.setAttribute("aria-describedby", item.ids.hint);
    }
  }

  return {
    /** The engine's scenario for the current choices. */
    scenario() {
      const s = {};
      for (const item of levers.values()) item.scenario(s, item.value);
      s.use_reserves = useReserves.checked;
      return s;
    },
    usesReserves: () => useReserves.checked,
    /** The name of the choice an engine problem's path belongs to, if any. */
    labelFor: (path) => levers.get(pathToKey.get(path))?.label,
    /** Every choice, for a scenario link: its short key, value, plan value and limits. */
    choices: () =>
      [...levers.values()].map((item) => ({
        key: item.key,
        link: item.link,
        label: item.label,
        value: item.value,
        plan: item.plan,
        min: item.numberMin,
        max: item.numberMax,
        check: item.check,
      })),
    /**
     * Sets every choice at once (from a scenario link): `values` maps short keys to values;
     * a choice not named goes back to the plan. The caller recomputes.
     */
    restore(values, reserves) {
      for (const item of levers.values()) {
        const value = values.get(item.link) ?? item.plan;
        show(item, value);
        item.good = value;
        setError(item, null);
      }
      useReserves.checked = reserves;
    },
    /**
     * Shows the engine's problems beside their choices, putting those choices back to their
     * last good values; returns the problems it could not place.
     */
    refuse(problems) {
      const unplaced = [];
      const refused = new Set();
      for (const p of problems) {
        const item = levers.get(pathToKey.get(p.path));
        if (!item) unplaced.push(p);
        else if (!refused.has(item)) {
          refused.add(item);
          refuse(item, p.message);
        }
      }
      return unplaced;
    },
    /** The engine accepted the choices: they are the good values to fall back on. */
    accept() {
      for (const item of levers.values()) item.good = item.value;
    },
    /** Shows, in each year's group, whether its rise would need a referendum. */
    update(projection) {
      for (const y of projection.years) {
        const entry = yearNotices.get(y.year);
        if (!entry) continue;
        const needed = y.referendum;
        if (entry.notice.hidden === !needed) continue;
        entry.notice.hidden = !needed;
        entry.fieldset.classList.toggle("year--warning", needed);
        entry.notice.replaceChildren(
          ...(needed
            ? [
                el("span", { class: "notice__icon", "aria-hidden": "true" }, "!"),
                el(
                  "strong",
                  { class: "notice__text" },
                  el("span", { class: "visually-hidden" }, "Warning: "),
                  `This rise would need a local referendum in ${y.year}. `,
                  entry.limitText,
                ),
              ]
            : []),
        );
      }
    },
    /** The choices in words, marking those that differ from the plan (for print). */
    describe() {
      const out = [];
      for (const item of levers.values()) {
        const changed = item.value !== item.plan;
        out.push([`${item.label}: ${item.valueText(item.value)}`, changed]);
      }
      out.push([`Use reserves to fill gaps: ${useReserves.checked ? "yes" : "no"}`, !useReserves.checked]);
      return out;
    },
  };
}
