// The plan against what happened (officer view): the outturn record (data/*-outturn.json,
// docs/outturn.md) compared with the council's plan by the engine (the insight module's
// `outturn()`, the same comparison as `mtfs outturn --format json`): for residents, how the
// plan fared; then per year, each figure beside the plan's with the difference, a mark for
// how far it can be trusted and its source, and the difference explained in words; then how
// the forecast changed from one vintage of the plan to the next. A figure that was not
// published says so, never 0. Every word about a figure is the engine's (outturn::cells).
import { el } from "../../ui/dom.js";
import { loadOutturn } from "../../core/outturn.js";
import { withInsight } from "./engine.js";

/** The record compared with the plan, or null when the council has no record. */
export async function outturnOf(state) {
  const record = await loadOutturn(state);
  if (!record) return null;
  return withInsight(state.data, (calculator) => calculator.outturn(record));
}

const slug = (year) => year.replace(/\W+/g, "-");
const mark = (m, words) => el("span", { class: "outturn-mark" }, m, el("span", { class: "outturn-mark__words" }, ` ${words}`));

/** A figure's row: plan, what happened, difference, mark and source. */
function figureRow(figure, cells) {
  const plan = cells.plan ?? "not in the plan";
  const published = figure.outturn.value !== null;
  return el(
    "tr",
    { "data-id": figure.id },
    el("th", { scope: "row" }, figure.label),
    el(
      "td",
      { class: "num", "data-value": figure.plan ?? "" },
      plan,
    ),
    el(
      "td",
      { class: published ? "num" : "num outturn-missing", "data-value": published ? figure.outturn.value : "" },
      cells.outturn,
      !published && figure.outturn.reason ? el("span", { class: "outturn-known" }, figure.outturn.reason) : null,
    ),
    el("td", { class: "num", "data-value": figure.variance ?? "" }, cells.difference ?? "–"),
    el("td", {}, mark(cells.mark, cells.confidence)),
    el("td", { class: "outturn-source" }, figure.outturn.source),
  );
}

function flagRow(flag, cells) {
  return el(
    "tr",
    { "data-id": flag.id },
    el("th", { scope: "row" }, flag.label),
    el("td", { class: "num" }, cells.plan ?? "–"),
    el("td", { class: "num" }, cells.outturn),
    el("td", { class: "num" }, "–"),
    el("td", {}, mark(cells.mark, cells.confidence)),
    el("td", { class: "outturn-source" }, flag.outturn.source),
  );
}

/** One year's table: the plan against what happened. */
export function yearTable(year, cells, idPrefix) {
  const id = `${idPrefix}-${slug(year.year)}`;
  const caption = year.in_plan ? `${year.year}: the plan against what happened` : `${year.year}: what happened (after the plan's last year)`;
  return el(
    "div",
    { class: "table-wrap officer-table-wrap", role: "region", "aria-labelledby": `${id}-caption`, tabindex: "0" },
    el(
      "table",
      { class: "table officer-table outturn-table", id, "data-year": year.year },
      el("caption", { id: `${id}-caption` }, caption),
      el(
        "thead",
        {},
        el("tr", {}, ...["Figure", "Plan", "What happened", "Difference", "How sure", "Source"].map((h, i) => el("th", { scope: "col", class: i > 0 && i < 4 ? "num" : undefined }, h))),
      ),
      el("tbody", {}, ...year.figures.map((f, i) => figureRow(f, cells.figures[i]))),
      el("tbody", {}, ...year.flags.map((f, i) => flagRow(f, cells.flags[i]))),
    ),
  );
}

/** A list of sourced notes: "text [P] (source)". */
function notes(items, cls) {
  return el("ul", { class: cls }, ...items.map((n) => el("li", {}, n.text, " ", el("span", { class: "outturn-cite" }, `(${n.source})`))));
}

/** A year: its table, the difference explained, and what happened that year. */
function yearPart(year, cells, marks, idPrefix) {
  const parts = [el("h5", { class: "outturn-year" }, year.year), yearTable(year, cells, idPrefix)];
  if (year.explanation.length) {
    parts.push(el("p", { class: "outturn-lead" }, "Why it differed:"), el("ul", { class: "outturn-why", "data-year": year.year }, ...year.explanation.map((t) => el("li", {}, t))));
  }
  if (year.events.length) {
    const withMarks = year.events.map((e) => ({ text: `${e.text} ${marks[e.confidence] ?? ""}`.trim(), source: e.source }));
    parts.push(el("p", { class: "outturn-lead" }, "What happened that year:"), notes(withMarks, "outturn-events"));
  }
  return parts;
}

/** How the forecast changed: a bridge from each vintage of the plan to the next, with sources. */
export function bridges(vintages, gapForecasts) {
  const cite = (f) => (f ? f.source : "not stated");
  const parts = [
    el("h4", { id: "outturn-vintages-heading" }, "How the forecast changed"),
    el("p", {}, "The plan was revised as it went. Each step below is from one version of the plan (a vintage) to the next: what changed, and the papers that say so."),
  ];
  for (const b of vintages?.bridges ?? []) {
    parts.push(
      el("h5", { class: "outturn-bridge-heading" }, `${b.from_label} to ${b.to_label}`),
      el(
        "ul",
        { class: "outturn-bridge", "data-from": b.from, "data-to": b.to },
        ...b.changes.map((c) => el("li", { "data-measure": c.measure }, c.words, " ", el("span", { class: "outturn-cite" }, `(then: ${cite(c.from)}; now: ${cite(c.to)})`))),
      ),
      ...(b.revisions.length ? [el("p", { class: "outturn-lead" }, "Revisions the papers describe:"), notes(b.revisions, "outturn-revisions")] : []),
    );
  }
  if (gapForecasts?.steps.length) {
    parts.push(
      el("h5", { class: "outturn-bridge-heading" }, "Later forecasts of the gap"),
      el("ul", { class: "outturn-steps" }, ...gapForecasts.steps.map((s) => el("li", {}, s.words))),
      el("p", { class: "outturn-lead" }, "Sources:"),
      notes(gapForecasts.forecasts.map((f) => ({ text: f.label, source: f.amount.source })), "outturn-forecasts"),
    );
  }
  return parts;
}

/** The whole part: how the plan fared, the marks, each year, and the forecast bridges. */
export function outturnPart({ report, cells }, idPrefix) {
  const marks = Object.fromEntries(report.confidence_marks.map((m) => [m.confidence, m.mark]));
  const years = report.years.flatMap((y, i) => yearPart(y, cells.years[i], marks, idPrefix));
  const later = report.after_horizon.flatMap((y, i) => yearPart(y, cells.after_horizon[i], marks, idPrefix));
  return [
    el("p", {}, `The council's ${report.plan.vintage} plan beside what happened, year by year. Each figure has its source and a mark for how far it can be trusted. A figure that was not published says so: it is never shown as 0.`),
    el("p", { class: "outturn-headline", id: `${idPrefix}-headline` }, el("strong", {}, report.resident_headline)),
    el("p", { id: `${idPrefix}-summary` }, report.resident_summary),
    el("h4", {}, "How sure each figure is"),
    el("dl", { class: "outturn-marks" }, ...report.confidence_marks.flatMap((m) => [el("dt", {}, m.mark), el("dd", {}, m.meaning)])),
    el("h4", {}, "Year by year"),
    ...years,
    ...(later.length ? [el("h4", {}, "After the plan's last year"), ...later] : []),
    ...bridges(report.vintages, report.gap_forecasts),
  ];
}
