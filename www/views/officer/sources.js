// Assumptions and sources: every figure of the data set (Calculator.figures(), in the second
// wasm module) with its source, the working that derives it, or the assumption and why,
// grouped by service, savings programme, council tax, funding, reserves, limits and risk.
import { el } from "../../ui/dom.js";
import { groupThousands } from "./statement.js";
import { withInsight } from "./engine.js";


const FIELDS = {
  base: ["Net budget in the base year", "£"],
  inflation_pct: ["Inflation", "%"],
  growth: ["Growth for demand and new investment (recurring)", "£"],
  base_change: ["Transfers and grant changes (recurring)", "£"],
  one_off: ["One-off amounts (that year only)", "£"],
  target: ["Savings target, cumulative", "£"],
  plan: ["Savings expected to be delivered, cumulative", "£"],
  band_d: ["Band D in the base year", "£"],
  tax_base: ["Tax base (Band D equivalent homes)", ""],
  tax_base_growth_pct: ["Tax base growth", "%"],
  collection_fund: ["Collection fund surplus (deficit below zero)", "£"],
  core_pct: ["Core council tax rise", "%"],
  asc_pct: ["Adult social care precept", "%"],
  amount: ["Amount", "£"],
  opening: ["Balance at the start", "£"],
  floor: ["Lowest balance allowed", "£"],
  planned_in: ["Planned additions", "£"],
  planned_out: ["Planned use", "£"],
  core_limit_pct: ["Referendum limit for the core rise", "%"],
  asc_limit_pct: ["Referendum limit for the adult social care precept", "%"],
  dispensation_pct: ["Agreed limit for the total rise", "%"],
  delivery_pct: ["chance of being delivered", "%"],
  slip_pct: ["chance of running late", "%"],
  slip_years: ["Years a late saving is late by", ""],
  part_size: ["Largest part a saving is split into", "£"],
};

const KINDS = [
  ["source", "Source"],
  ["derived", "Derived"],
  ["assumption", "Assumption"],
];

/** Where a figure sits, in words: { group, label, unit, year }. */
function describePath(path, data) {
  let rest = path;
  let year = null;
  const yearMatch = /^(.*)\.(\d{4}\/\d{2})$/.exec(path);
  if (yearMatch) [, rest, year] = yearMatch;
  const field = (name) => FIELDS[name] ?? [name.replaceAll("_", " "), ""];
  let m;
  if ((m = /^services\[(\d+)\]\.(\w+)$/.exec(rest))) {
    const [label, unit] = field(m[2]);
    return { group: data.services[m[1]]?.name ?? `Service ${m[1]}`, label, unit, year };
  }
  if ((m = /^programmes\[(\d+)\]\.lines\[(\d+)\]\.(\w+)(?:\.(\w+))?$/.exec(rest))) {
    const programme = data.programmes[m[1]];
    const line = programme?.lines[m[2]];
    const service = data.services.find((s) => s.id === line?.service)?.name ?? line?.service;
    const [label, unit] = m[3] === "rag" ? [`Still to deliver, rated ${m[4]}`, "£"] : field(m[3]);
    return { group: `Savings: ${programme?.name ?? m[1]}`, label: `${service}: ${label}`, unit, year };
  }
  if ((m = /^council_tax\.(\w+)$/.exec(rest))) return { group: "Council tax", ...pair(field(m[1])), year };
  if ((m = /^funding\[(\d+)\]\.amount$/.exec(rest))) return { group: "Other funding", label: data.funding[m[1]]?.name ?? rest, unit: "£", year };
  if ((m = /^reserves\[(\d+)\]\.(\w+)$/.exec(rest))) {
    const [label, unit] = field(m[2]);
    return { group: "Reserves", label: `${data.reserves[m[1]]?.name ?? m[1]}: ${label}`, unit, year };
  }
  if (rest === "reserves_minimum.amount") return { group: "Reserves", label: "Safe minimum of total reserves", unit: "£", year };
  if (rest === "reserves_minimum.pct_of_net_requirement")
    return { group: "Reserves", label: "Safe minimum of total reserves, as a share of the net budget requirement", unit: "%", year };
  if ((m = /^referendum\.(\w+)$/.exec(rest))) return { group: "Council tax referendum limits", ...pair(field(m[1])), year };
  if ((m = /^risk\.ratings\.(\w+)\.(\w+)$/.exec(rest))) {
    const [label, unit] = field(m[2]);
    return { group: "Risk to savings delivery", label: `Savings rated ${m[1]}: ${label}`, unit, year };
  }
  if ((m = /^risk\.(inflation_adjust_pp|growth_factor\.(\w+))\.(low|high)$/.exec(rest))) {
    const what = m[2] ? `Growth for ${m[2].replaceAll("_", " ")}, as a share of the plan` : "Change to inflation, percentage points";
    return { group: "Risk to savings delivery", label: `${what}: ${m[3]}est plausible`, unit: m[2] ? "%" : "", year };
  }
  if ((m = /^risk\.(\w+)$/.exec(rest))) return { group: "Risk to savings delivery", ...pair(field(m[1])), year };
  return { group: "Other figures", label: rest, unit: "", year };
}
const pair = ([label, unit]) => ({ label, unit });

const valueText = (value, unit) =>
  unit === "£" ? `£${groupThousands(String(value))}` : unit === "%" ? `${value}%` : groupThousands(String(value));

/**
 * The figures in groups, with a run of years that share one explanation shown once:
 * [{ group, rows: [{ label, years, values, kind, text }] }], and the count of each kind.
 */
export function groupFigures(figures, data) {
  const groups = new Map();
  const counts = { source: 0, derived: 0, assumption: 0 };
  for (const [path, figure] of figures) {
    const where = describePath(path, data);
    const [kind] = KINDS.find(([k]) => figure[k] !== undefined && figure[k] !== null) ?? ["assumption"];
    counts[kind] += 1;
    const text = figure[kind] ?? "";
    if (!groups.has(where.group)) groups.set(where.group, []);
    const rows = groups.get(where.group);
    const last = rows[rows.length - 1];
    const value = valueText(figure.value, where.unit);
    if (last && where.year && last.label === where.label && last.kind === kind && last.text === text && last.years.length > 0) {
      last.years.push(where.year);
      last.values.push(value);
    } else {
      rows.push({ label: where.label, years: where.year ? [where.year] : [], values: [value], kind, text });
    }
  }
  return { groups: [...groups].map(([group, rows]) => ({ group, rows })), counts, total: figures.length };
}

/** "3.6% each year from 2021/22 to 2023/24", "2020/21: £1; 2021/22: £2", "£385,455,000". */
function valuesText(row) {
  if (row.years.length === 0) return row.values[0];
  if (row.years.length === 1) return `${row.values[0]} in ${row.years[0]}`;
  if (row.values.every((v) => v === row.values[0])) return `${row.values[0]} each year, ${row.years[0]} to ${row.years[row.years.length - 1]}`;
  return row.years.map((y, i) => `${y}: ${row.values[i]}`).join("; ");
}

/** Every figure of the data set with its source (the insight module's `figures()`). */
export const figuresOf = (data) => withInsight(data, (calculator) => calculator.figures());

/** The assumptions and sources: documents cited, then every figure by group. */
export function assumptions(data, figures, { heading, subheading, idPrefix, collapsed = false }) {
  const { groups, counts, total } = groupFigures(figures, data);
  const box = el(
    "div",
    { class: "officer-sources" },
    el(
      "p",
      {},
      `The data set has ${total} figures. ${counts.source} come from a published source, ${counts.derived} are derived from other figures, and ${counts.assumption} are assumptions: chosen where the papers are silent, with the reason given.`,
    ),
  );
  if (data.documents?.length) {
    box.append(
      el(subheading, { class: "officer-sources__title" }, "Documents cited"),
      el(
        "ul",
        { class: "officer-documents" },
        ...data.documents.map((d) =>
          el("li", {}, el("strong", {}, d.id), ": ", d.href ? el("a", { href: d.href, rel: "noreferrer" }, d.title) : d.title),
        ),
      ),
    );
  }
  // In officer view the long list folds away; the briefing prints it in full.
  const list = collapsed ? el("details", { class: "officer-details" }, el("summary", {}, `Every figure, by group (${total})`)) : box;
  if (collapsed) box.append(list);
  groups.forEach(({ group, rows }, i) => {
    const id = `${idPrefix}-figures-${i}`;
    list.append(
      el(
        "div",
        { class: "table-wrap officer-table-wrap", role: "region", "aria-labelledby": `${id}-caption`, tabindex: "0" },
        el(
          "table",
          { class: "table officer-figures" },
          el("caption", { id: `${id}-caption` }, group),
          el(
            "thead",
            {},
            el(
              "tr",
              {},
              el("th", { scope: "col" }, "Figure"),
              el("th", { scope: "col" }, "Value"),
              el("th", { scope: "col" }, "Basis"),
              el("th", { scope: "col" }, "Where it comes from"),
            ),
          ),
          el(
            "tbody",
            {},
            ...rows.map((r) =>
              el(
                "tr",
                {},
                el("th", { scope: "row" }, r.label),
                el("td", { class: "officer-figures__value" }, valuesText(r)),
                el("td", { class: `officer-basis officer-basis--${r.kind}` }, KINDS.find(([k]) => k === r.kind)[1]),
                el("td", { class: "officer-figures__text" }, r.text),
              ),
            ),
          ),
        ),
      ),
    );
  });
  return el("section", { class: "officer-part", "aria-labelledby": `${idPrefix}-sources-heading` }, el(heading, { id: `${idPrefix}-sources-heading`, class: heading === "h2" ? "heading-m" : undefined }, "Assumptions and sources"), box);
}

