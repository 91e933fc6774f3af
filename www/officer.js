// Officer mode (?view=officer) and the briefing for print (?view=briefing), for council
// finance officers: the full MTFS table in £'000 (the same lines, labels and rounding as the
// CLI's `mtfs` table, src/bin/mtfs.rs), each reserve's movements, two sets of choices side
// by side, downloads (CSV of the table as `mtfs --format csv` writes it; JSON of the full
// result) and an A4 briefing with the charts, assumptions and sources.
//
// Loaded only when asked for (app.js); reads the page through session.js. Every figure is
// the engine's decimal string: rounding to £'000 and the differences between two scenarios
// are done exactly, on whole pence held as BigInt, never as floats.
import { el } from "./dom.js";
import { subscribe } from "./session.js";
import { gapChart, reservesChart } from "./charts.js";
import { isNegative, isZero, magnitude, money, moneyWords } from "./format.js";

// ---------------------------------------------------------------------------------------
// Exact money: the engine's strings ("421336000.00", "-0.00") as whole pence.

/** Pounds (a decimal string with at most two places) as whole pence: "-12.3" → -1230n. */
export function pence(text) {
  const match = /^([-+]?)(\d+)(?:\.(\d{0,2}))?$/.exec(String(text).trim());
  if (!match) throw new Error(`not an amount in pounds and pence: ${JSON.stringify(text)}`);
  const value = BigInt(match[2]) * 100n + BigInt((match[3] ?? "").padEnd(2, "0"));
  return match[1] === "-" ? -value : value;
}

/** Whole pence as pounds: -123456n → "-1234.56". */
export function fromPence(p) {
  const size = p < 0n ? -p : p;
  return `${p < 0n ? "-" : ""}${size / 100n}.${String(size % 100n).padStart(2, "0")}`;
}

/** b − a, exactly: ("10.00", "12.50") → "-2.50". */
export const difference = (b, a) => fromPence(pence(b) - pence(a));

/** The negative of a decimal string as Rust writes it: "0.00" → "-0.00", "-5.00" → "5.00". */
const negate = (text) => (text.startsWith("-") ? text.slice(1) : `-${text}`);

/** Thousands separators, as the CLI's group_thousands: "1286.28" → "1,286.28". */
export function groupThousands(digits) {
  const [whole, fraction] = String(digits).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/**
 * £'000 as the CLI writes it (and a council report): rounded half away from zero, with
 * separators, "-" for nil and brackets below zero: "-80000000.00" → "(80,000)".
 */
export function thousands(text) {
  const p = pence(text);
  const size = p < 0n ? -p : p;
  let k = size / 100000n;
  if ((size % 100000n) * 2n >= 100000n) k += 1n;
  if (k === 0n) return "-";
  const digits = groupThousands(String(k));
  return p < 0n ? `(${digits})` : digits;
}

// ---------------------------------------------------------------------------------------
// The MTFS statement: the CLI's rows, line for line (src/bin/mtfs.rs `rows`).

/** [{ kind: "heading" | "money" | "pounds" | "text", label, indent, values }] */
export function statement(p) {
  const first = p.years[0];
  const per = (f) => p.years.map(f);
  const money = (label, indent, f) => ({ kind: "money", label, indent, values: per(f) });
  const heading = (label) => ({ kind: "heading", label });
  const rows = [heading("Service budgets")];
  first.services.forEach((s, i) => rows.push(money(s.name, true, (y) => y.services[i].budget)));
  rows.push(
    money("Total spend", false, (y) => y.spend),
    money("Less savings removed from budgets", false, (y) => negate(y.removed_savings)),
    money("Net budget requirement", false, (y) => y.net_requirement),
    heading("Funding"),
    { kind: "text", label: "Council tax rise (core + adult social care)", indent: true, values: per((y) => `${y.core_pct}%+${y.asc_pct}%`) },
    { kind: "pounds", label: "Band D (£)", indent: true, values: per((y) => y.band_d) },
    money("Council tax", true, (y) => y.council_tax),
  );
  first.funding_streams.forEach((f, i) => rows.push(money(f.name, true, (y) => y.funding_streams[i].amount)));
  rows.push(
    money("Total funding", false, (y) => y.funding),
    money("Budget gap (surplus)", false, (y) => y.gap),
    heading("Savings shortfall (early achievement)"),
  );
  first.programmes.forEach((g, i) => rows.push(money(g.name, true, (y) => y.programmes[i].shortfall)));
  rows.push(heading("Reserves at year end"));
  first.reserves.forEach((r, i) => rows.push(money(r.name, true, (y) => y.reserves[i].closing)));
  rows.push(
    money("Total reserves", false, (y) => y.total_reserves),
    money("Safe minimum", false, (y) => y.reserves_minimum),
    money("Unfunded after reserves", false, (y) => y.unfunded),
    { kind: "text", label: "Referendum needed", indent: false, values: per((y) => (y.referendum ? "yes" : "no")) },
  );
  return rows;
}

/** A cell of the table: money in £'000, Band D in pounds and pence, words as they are. */
const shown = (row, value) => (row.kind === "money" ? thousands(value) : row.kind === "pounds" ? groupThousands(value) : value);

/** The same lines as `mtfs --format csv`: pounds to the penny, a header row of years. */
export function csv(p) {
  const quote = (s) => (/[,"\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const lines = [["line", ...p.years.map((y) => y.year)]];
  for (const row of statement(p)) if (row.kind !== "heading") lines.push([row.label.trim(), ...row.values]);
  return `${lines.map((cells) => cells.map(quote).join(",")).join("\n")}\n`;
}

/** A table with one column per year; `sections` are [heading | null, rows], each row { label, cells, total, indent }. */
function yearTable({ id, caption, years, sections, className = "" }) {
  return el(
    "div",
    { class: "table-wrap officer-table-wrap", role: "region", "aria-labelledby": `${id}-caption`, tabindex: "0" },
    el(
      "table",
      { class: `table officer-table ${className}`, id },
      el("caption", { id: `${id}-caption` }, caption),
      el("thead", {}, el("tr", {}, el("td"), ...years.map((y) => el("th", { scope: "col", class: "num" }, y)))),
      ...sections.map(([heading, rows]) =>
        el(
          "tbody",
          {},
          heading ? el("tr", { class: "section" }, el("th", { scope: "rowgroup", colspan: String(years.length + 1) }, heading)) : null,
          ...rows.map((r) =>
            el(
              "tr",
              { class: [r.total ? "total" : "", r.indent ? "officer-indent" : ""].join(" ").trim() || undefined },
              el("th", { scope: "row" }, r.label),
              ...r.cells.map((c) => el("td", { class: "num" }, c)),
            ),
          ),
        ),
      ),
    ),
  );
}

/** The full MTFS table in £'000, as the CLI prints it. */
function mtfsTable(p, id, caption) {
  const sections = [];
  let current = [null, []];
  sections.push(current);
  for (const row of statement(p)) {
    if (row.kind === "heading") {
      current = [row.label, []];
      sections.push(current);
    } else {
      current[1].push({ label: row.label, cells: row.values.map((v) => shown(row, v)), total: !row.indent, indent: row.indent });
    }
  }
  return yearTable({ id, caption, years: p.years.map((y) => y.year), sections: sections.filter((s) => s[1].length > 0 || s[0]) });
}

const ROUNDING = "£'000. Figures may not sum due to rounding. A dash (-) means nil; figures in brackets are below zero. Band D is in pounds and pence.";

/** Each reserve's movements: opening, planned in and out, drawn, added, closing. */
function reservesTable(p, id, caption) {
  const sections = p.years[0].reserves.map((r, i) => {
    const line = (label, f, total = false) => ({ label, cells: p.years.map((y) => thousands(f(y.reserves[i]))), total });
    return [
      r.name,
      [
        line("Balance at the start of the year", (x) => x.opening),
        line("Planned additions", (x) => x.planned_in),
        line("Planned use", (x) => negate(x.planned_out)),
        line("Drawn to fill gaps and cover savings not delivered", (x) => negate(x.draw)),
        line("Added from savings delivered early or a surplus", (x) => x.credit),
        line("Balance at the end of the year", (x) => x.closing, true),
      ],
    ];
  });
  return yearTable({ id, caption, years: p.years.map((y) => y.year), sections });
}

// ---------------------------------------------------------------------------------------
// Assumptions and sources: every figure of the data set (Calculator.figures(), in the
// second wasm module) with its source, the working that derives it, or the assumption.

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

let insight = null;
let restarts = 0;
/**
 * The second wasm module (it has `figures()`), loaded once. If its engine fails (a trap: a
 * bug, the build aborts on a panic), that instance cannot be trusted again: the next call
 * loads a fresh one.
 */
async function figuresOf(data) {
  insight ??= import(`./pkg/mtfs_insight.js${restarts ? `?restart=${restarts}` : ""}`).then(async (module) => {
    await module.default();
    return module;
  });
  const module = await insight;
  try {
    const calculator = new module.Calculator(data);
    try {
      return calculator.figures();
    } finally {
      calculator.free();
    }
  } catch (error) {
    if (!(error instanceof WebAssembly.RuntimeError)) throw error;
    [insight, restarts] = [null, restarts + 1];
    throw new Error("the calculator hit a problem it could not recover from on its own. It will start again when a data set is next chosen.");
  }
}

/** The assumptions and sources: documents cited, then every figure by group. */
function assumptions(data, figures, { heading, subheading, idPrefix, collapsed = false }) {
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

// ---------------------------------------------------------------------------------------
// Comparison: scenario A (kept; the council's plan at first) against B (the choices now).

const KEY_LINES = [
  ["Net budget requirement", (y) => y.net_requirement],
  ["Council tax income", (y) => y.council_tax],
  ["Total funding", (y) => y.funding],
  ["Budget gap (surplus)", (y) => y.gap],
  ["Savings shortfall (early achievement)", (y) => y.shortfall],
  ["Total reserves at year end", (y) => y.total_reserves],
  ["Unfunded after reserves", (y) => y.unfunded],
];

function comparisonTable(a, b, id) {
  const years = b.projection.years.map((y) => y.year);
  const sections = KEY_LINES.map(([label, f]) => [
    label,
    [
      { label: "A", cells: a.projection.years.map((y) => thousands(f(y))) },
      { label: "B", cells: b.projection.years.map((y) => thousands(f(y))) },
      { label: "Difference, B − A", cells: b.projection.years.map((y, i) => thousands(difference(f(y), f(a.projection.years[i])))), total: true },
    ],
  ]);
  sections.splice(2, 0, [
    "Band D council tax (£)",
    [
      { label: "A", cells: a.projection.years.map((y) => groupThousands(y.band_d)) },
      { label: "B", cells: b.projection.years.map((y) => groupThousands(y.band_d)) },
      { label: "Difference, B − A", cells: b.projection.years.map((y, i) => groupThousands(difference(y.band_d, a.projection.years[i].band_d))), total: true },
    ],
  ]);
  sections.push([
    "Referendum needed",
    [
      { label: "A", cells: a.projection.years.map((y) => (y.referendum ? "yes" : "no")) },
      { label: "B", cells: b.projection.years.map((y) => (y.referendum ? "yes" : "no")) },
    ],
  ]);
  return yearTable({
    id,
    caption: "Scenario A and scenario B, key lines, £'000 (Band D in pounds and pence)",
    years,
    sections,
    className: "officer-compare",
  });
}

/** A scenario's choices in words: those that differ from the plan, or "the council's plan". */
function inWords(words) {
  const changed = words.filter(([, differs]) => differs).map(([text]) => text);
  if (changed.length === 0) return [el("p", {}, "The council's plan: every choice as the council set it.")];
  return [
    el("p", {}, `The council's plan with ${changed.length === 1 ? "one choice" : `${changed.length} choices`} changed:`),
    el("ul", {}, ...changed.map((t) => el("li", {}, t))),
  ];
}

// ---------------------------------------------------------------------------------------
// Downloads.

function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: name, hidden: "" });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The full result for the JSON download. */
export function fullResult(state, made = new Date()) {
  return {
    format: "mtfs-officer-result/1",
    made: made.toISOString(),
    council: state.data.council,
    data_file: state.ownFile ?? "data/hampshire.json",
    base_year: state.data.base_year,
    years: state.data.years,
    scenario: state.scenario,
    scenario_in_words: state.describe().map(([text, differs]) => ({ choice: text, differs_from_plan: differs })),
    link_fragment: state.ownFile ? null : state.fragment,
    projection: state.projection,
  };
}

// ---------------------------------------------------------------------------------------
// The views.

/** Money in words, "£3.0m to spare" below zero (a surplus). */
const spare = (text) => (isNegative(text) ? `${moneyWords(magnitude(text))} to spare` : moneyWords(text));

/** "£1.23 a week more than in 2019/20" for a Band D home. */
function weeklyWords(text, baseYear) {
  if (isZero(text)) return `The same each week as in ${baseYear}.`;
  return `${money(magnitude(text))} a week ${isNegative(text) ? "less" : "more"} than in ${baseYear}.`;
}

const today = (date = new Date()) => date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });

/** Addresses of the three views, keeping the scenario's fragment. */
const address = (view, fragment) => `${location.pathname}${view ? `?view=${view}` : ""}${fragment}`;

function stylesheet() {
  if (!document.querySelector('link[href="officer.css"]')) document.head.append(el("link", { rel: "stylesheet", href: "officer.css" }));
}

/** A copy of a page chart with ids of its own, so it can sit beside the page's. */
function ownIds(figure, prefix) {
  for (const node of figure.querySelectorAll("[id]")) node.id = `${prefix}-${node.id}`;
  for (const node of figure.querySelectorAll("[aria-labelledby]")) node.setAttribute("aria-labelledby", `${prefix}-${node.getAttribute("aria-labelledby")}`);
  for (const node of figure.querySelectorAll("[fill^='url(#']")) node.setAttribute("fill", node.getAttribute("fill").replace("url(#", `url(#${prefix}-`));
  const svg = figure.querySelector("svg");
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  return figure;
}

function officerView() {
  document.title = "Officer view: council budget calculator";
  document.documentElement.classList.add("officer-mode");
  const back = el("a", { href: address(null, location.hash) }, "Back to the main view");
  const toBriefing = el("a", { href: address("briefing", location.hash), class: "button officer-button" }, "Briefing for print");
  const status = el("p", { class: "officer-status", role: "status" });
  const csvButton = el("button", { type: "button", class: "button" }, "Download the table (CSV)");
  const jsonButton = el("button", { type: "button", class: "button button--secondary" }, "Download the full result (JSON)");
  const table = el("div", { id: "officer-table" });
  const warnings = el("div");
  const reserves = el("div", { id: "officer-reserves" });
  const compare = el("div", { id: "officer-compare" });
  const keep = el("button", { type: "button", class: "button" }, "Keep these choices as scenario A");
  const resetA = el("button", { type: "button", class: "button button--secondary" }, "Set scenario A back to the council's plan");
  const compareStatus = el("p", { class: "officer-status", role: "status" });
  const sources = el("div", { id: "officer-sources" }, el("p", {}, "Loading the assumptions and sources…"));
  const section = el(
    "section",
    { id: "officer", class: "officer", "aria-labelledby": "officer-heading" },
    el("h2", { id: "officer-heading", class: "heading-m" }, "Officer view"),
    el(
      "p",
      {},
      "The full tables in £'000, each reserve's movements, two sets of choices side by side, downloads and a briefing to print. They follow the choices on this page.",
    ),
    el("p", { class: "officer-nav" }, back, " ", toBriefing, " ", el("a", { href: "analyse.html", id: "analyse-link" }, "Analyse consultation responses")),
    el(
      "section",
      { class: "officer-part", "aria-labelledby": "officer-downloads-heading" },
      el("h3", { id: "officer-downloads-heading" }, "Downloads"),
      el(
        "p",
        { class: "hint" },
        "The table as a spreadsheet (CSV, in pounds and pence, the same as the command-line calculator's CSV), or the full result with the choices behind it (JSON). Both are made on your computer.",
      ),
      el("div", { class: "officer-buttons" }, csvButton, jsonButton),
      status,
    ),
    el("section", { class: "officer-part", "aria-labelledby": "officer-table-heading" }, el("h3", { id: "officer-table-heading" }, "The budget in full"), table, warnings),
    el(
      "section",
      { class: "officer-part", "aria-labelledby": "officer-reserves-heading" },
      el("h3", { id: "officer-reserves-heading" }, "Each reserve, year by year"),
      el("p", {}, "Money added is shown plain; money taken out is in brackets, so each year's column adds up to the balance at its end."),
      reserves,
    ),
    el(
      "section",
      { class: "officer-part", "aria-labelledby": "officer-compare-heading" },
      el("h3", { id: "officer-compare-heading" }, "Compare two sets of choices"),
      el(
        "p",
        {},
        "Scenario A is the council's plan until you keep a set of choices as A. Scenario B is always the choices now set on this page. Differences are worked out exactly, to the penny, then rounded.",
      ),
      el("div", { class: "officer-buttons" }, keep, resetA),
      compareStatus,
      compare,
    ),
    sources,
  );
  const results = document.getElementById("results");
  results.prepend(section);
  // At the top of the page: where the officer's tables are (below the headline figures).
  const heading = section.querySelector("h2");
  heading.setAttribute("tabindex", "-1");
  const go = el("button", { type: "button", class: "button officer-button" }, "Go to the full tables, comparison and downloads");
  go.addEventListener("click", () => {
    heading.scrollIntoView({ block: "start" });
    heading.focus({ preventScroll: true });
  });
  document.getElementById("status").before(el("div", { class: "officer-banner" }, el("p", {}, el("strong", {}, "Officer view."), " The calculator with its full tables in £'000, a comparison of two sets of choices, downloads and a briefing to print."), go));
  // The main page's link here is not needed in officer view.
  document.getElementById("officer-link")?.parentElement?.setAttribute("hidden", "");

  let state = null; // shown in the tables
  let latest = null; // the page's choices now
  let a = null;
  let calculator = null;
  let sourcesFor = null;

  const say = (node, text) => {
    node.textContent = "";
    requestAnimationFrame(() => (node.textContent = text));
  };

  // The plan's projection comes with the page's state: the officer view makes no engine call of its own.
  const plan = (s) => ({ projection: s.plan, words: s.describe().map(([t]) => [t, false]), plan: true });

  function renderCompare() {
    const b = { projection: state.projection, words: state.describe() };
    compare.replaceChildren(
      el(
        "div",
        { class: "officer-scenarios" },
        el("div", { class: "officer-scenario" }, el("h4", {}, "Scenario A"), ...(a.plan ? [el("p", {}, "The council's plan: every choice as the council set it.")] : inWords(a.words))),
        el("div", { class: "officer-scenario" }, el("h4", {}, "Scenario B: the choices now set"), ...inWords(b.words)),
      ),
      comparisonTable(a, b, "officer-compare-table"),
    );
  }

  function render() {
    const p = state.projection;
    const years = p.years.map((y) => y.year);
    table.replaceChildren(
      mtfsTable(p, "officer-mtfs", `${p.council}: medium-term financial strategy, ${years[0]} to ${years[years.length - 1]}, £'000`),
      el("p", { class: "officer-note" }, ROUNDING),
    );
    warnings.replaceChildren(
      ...(p.summary.warnings.length
        ? [el("h4", {}, "Warnings"), el("ul", {}, ...p.summary.warnings.map((w) => el("li", {}, w)))]
        : [el("p", {}, "No warnings: the budget balances every year using the planned reserves.")]),
    );
    reserves.replaceChildren(reservesTable(p, "officer-reserve-moves", "Movements in each reserve, £'000"));
    renderCompare();
  }

  async function renderSources(s) {
    sourcesFor = s.calculator;
    try {
      const figures = await figuresOf(s.data);
      if (sourcesFor !== s.calculator) return;
      sources.replaceChildren(assumptions(s.data, figures, { heading: "h3", subheading: "h4", idPrefix: "officer", collapsed: true }));
    } catch (error) {
      sources.replaceChildren(el("p", { class: "error-text" }, `The assumptions and sources could not be listed: ${error.message}`));
    }
  }

  subscribe((s) => {
    // Downloads, "keep as A" and the links always take the latest choices; the tables are
    // redrawn once the results settle, not at every step of a moving slider.
    latest = s;
    back.href = address(null, s.ownFile ? "" : s.fragment);
    toBriefing.href = address("briefing", s.ownFile ? "" : s.fragment);
    toBriefing.hidden = Boolean(s.ownFile);
    const newData = s.calculator !== calculator;
    if (!newData && !s.settled && state) return;
    state = s;
    if (newData) {
      calculator = s.calculator;
      a = plan(s);
      renderSources(s);
    }
    render();
  });

  /** Shows the latest choices at once (a button pressed before the results settled). */
  const catchUp = () => {
    if (state !== latest) {
      state = latest;
      render();
    }
  };
  keep.addEventListener("click", () => {
    catchUp();
    a = { projection: state.projection, words: state.describe(), plan: false };
    renderCompare();
    say(compareStatus, "Scenario A is now these choices. Change the choices to see scenario B beside it.");
  });
  resetA.addEventListener("click", () => {
    catchUp();
    a = plan(state);
    renderCompare();
    say(compareStatus, "Scenario A is the council's plan again.");
  });
  const stamp = () => new Date().toISOString().slice(0, 10);
  csvButton.addEventListener("click", () => {
    catchUp();
    const name = `mtfs-${slug(state.data.council)}-${stamp()}.csv`;
    // With a byte order mark, so spreadsheet programs read "£" as UTF-8.
    download(name, "text/csv;charset=utf-8", `\uFEFF${csv(state.projection)}`);
    say(status, `Downloaded ${name}.`);
  });
  jsonButton.addEventListener("click", () => {
    catchUp();
    const name = `mtfs-${slug(state.data.council)}-${stamp()}.json`;
    download(name, "application/json", `${JSON.stringify(fullResult(state), null, 2)}\n`);
    say(status, `Downloaded ${name}.`);
  });
}

function briefingView() {
  document.documentElement.classList.add("briefing-mode");
  const printButton = el("button", { type: "button", class: "button" }, "Print");
  const backOfficer = el("a", { href: address("officer", location.hash) }, "Back to the officer view");
  const title = el("h1", { class: "briefing__title" }, "Budget briefing");
  const meta = el("p", { class: "briefing__meta" });
  const about = el("p", { class: "briefing__about" });
  const scenario = el("div");
  const headline = el("div");
  const charts = el("div", { class: "briefing__charts" });
  const table = el("div");
  const reserves = el("div");
  const sources = el("div", {}, el("p", {}, "Loading the assumptions and sources…"));
  const linkNote = el("p", { class: "briefing__link" });
  const part = (id, heading, ...children) =>
    el("section", { class: "briefing__part", "aria-labelledby": id }, el("h2", { id, class: "heading-m" }, heading), ...children);
  const article = el(
    "article",
    { id: "briefing", class: "briefing", "aria-labelledby": "briefing-title" },
    el(
      "div",
      { class: "briefing__tools" },
      printButton,
      el("p", { class: "briefing__tip" }, "Prints on A4. In the print window, choose “Save as PDF” to keep a copy."),
      el("p", {}, backOfficer),
    ),
    el("header", { class: "briefing__head" }, el("p", { class: "briefing__kicker" }, "Briefing for members"), title, meta, about),
    part("briefing-scenario-heading", "The scenario", scenario),
    part("briefing-headline-heading", "Headline figures", headline),
    part("briefing-charts-heading", "The gap and the reserves", charts),
    part("briefing-table-heading", "The budget in full", table),
    part("briefing-reserves-heading", "Each reserve, year by year", reserves),
    sources,
    el(
      "footer",
      { class: "briefing__foot" },
      el(
        "p",
        {},
        "Made with the council budget calculator. It works every figure out exactly, to the penny, and shows it rounded. It is a model of the council's plan, not the council's own forecast: it cannot know what the council would really decide.",
      ),
      linkNote,
    ),
  );
  title.id = "briefing-title";
  document.getElementById("main").prepend(article);
  // Printing waits for the list of sources, which comes from the second module.
  let sourcesReady = Promise.resolve();
  printButton.addEventListener("click", () => sourcesReady.finally(() => print()));

  let calculator = null;
  let shown = null;
  subscribe((s) => {
    if (!s.settled && shown) return;
    shown = s;
    const p = s.projection;
    const years = p.years.map((y) => y.year);
    const first = years[0];
    const last = years[years.length - 1];
    const final = p.years[p.years.length - 1];
    const sm = p.summary;
    document.title = `Budget briefing: ${p.council}, ${today()}`;
    title.textContent = `${p.council}: budget scenario, ${first} to ${last}`;
    meta.textContent = `Prepared on ${today()}${s.ownFile ? `, from the data file ${s.ownFile}` : ""}. Money in £'000 unless stated.`;
    about.textContent = s.data.description ?? "";
    scenario.replaceChildren(
      ...inWords(s.describe()),
      el("h3", { class: "briefing__subhead" }, "Every choice in this scenario"),
      el("ul", { class: "briefing__choices" }, ...s.describe().map(([t, differs]) => el("li", differs ? { class: "briefing__changed" } : {}, t, differs ? " (changed)" : ""))),
    );
    const fig = (term, value, detail) => el("div", { class: "briefing__figure" }, el("dt", {}, term), el("dd", { class: "briefing__value" }, value), detail ? el("dd", {}, detail) : null);
    headline.replaceChildren(
      el(
        "dl",
        { class: "briefing__figures" },
        fig(
          `Gap to fill in ${last}`,
          spare(final.total_gap),
          `Budget gap ${spare(final.gap)}; ${isNegative(final.shortfall) ? `savings delivered early ${moneyWords(magnitude(final.shortfall))}` : `savings not delivered ${moneyWords(final.shortfall)}`}.`,
        ),
        fig(`Budget gaps added up, ${first} to ${last}`, moneyWords(sm.cumulative_gap)),
        fig(`Reserves at the end of ${last}`, moneyWords(final.total_reserves), `Safe minimum ${moneyWords(final.reserves_minimum)}; lowest ${moneyWords(sm.lowest_total_reserves)} in ${sm.lowest_total_reserves_year}.`),
        fig("Unfunded after reserves", sm.first_unfunded_year ? `From ${sm.first_unfunded_year}` : "None", sm.first_below_minimum_year ? `Reserves below the safe minimum from ${sm.first_below_minimum_year}.` : "Reserves stay at or above the safe minimum."),
        fig(`Band D council tax in ${last}`, money(sm.final_band_d), weeklyWords(sm.weekly_change_since_base.D, p.base_year)),
        fig("Local referendum needed", sm.referendum_years.length ? sm.referendum_years.join(", ") : "No"),
      ),
      sm.warnings.length ? el("div", { class: "briefing__warnings" }, el("h3", {}, "Warnings"), el("ul", {}, ...sm.warnings.map((w) => el("li", {}, w)))) : el("p", {}, "No warnings: the budget balances every year using the planned reserves."),
    );
    charts.replaceChildren(ownIds(gapChart(p, 520), "briefing"), ownIds(reservesChart(p, 520), "briefing"));
    table.replaceChildren(mtfsTable(p, "briefing-mtfs", `${p.council}: medium-term financial strategy, £'000`), el("p", { class: "officer-note" }, ROUNDING));
    reserves.replaceChildren(
      el("p", {}, "Money added is shown plain; money taken out is in brackets, so each year's column adds up to the balance at its end."),
      reservesTable(p, "briefing-reserve-moves", "Movements in each reserve, £'000"),
    );
    const link = `${location.origin}${address(null, s.fragment)}`;
    linkNote.replaceChildren(...(s.ownFile ? [] : ["To see this scenario in the calculator, open ", el("a", { href: link }, link), "."]));
    backOfficer.href = address("officer", s.ownFile ? "" : s.fragment);
    if (s.calculator !== calculator) {
      calculator = s.calculator;
      sourcesReady = figuresOf(s.data).then(
        (figures) => {
          if (calculator === s.calculator) sources.replaceChildren(assumptions(s.data, figures, { heading: "h2", subheading: "h3", idPrefix: "briefing" }));
        },
        (error) => sources.replaceChildren(el("p", { class: "error-text" }, `The assumptions and sources could not be listed: ${error.message}`)),
      );
    }
  });
}

/** Officer view, or the briefing, from the address's `view`. */
export function start(params) {
  stylesheet();
  if (params.get("view") === "briefing") briefingView();
  else officerView();
}
