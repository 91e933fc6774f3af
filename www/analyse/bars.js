// Accessible charts of shares of responses: horizontal SVG bars, one a row, each labelled
// in words with its share (so nothing is read from colour or length alone), drawn at the
// width they are shown at so their words stay readable on a phone; and a table with the
// same figures after each chart (or after a set of charts), as on the rest of the site.
import { chartRoot } from "../ui/charts/frame.js";
import { el, svg } from "../ui/dom.js";
import { pixels } from "../core/format.js";

const FONT = 14; // px, the labels
const CHAR = 7.2; // px, a label character's average width at that size
const LINE = 18;
const BAR = 18;
const VALUE_CHAR = 8; // px, a bold figure's width at that size, generously

/** Splits `text` into lines of at most `chars` characters, at spaces where it can. */
export function wrap(text, chars) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = "";
    }
    line = line ? `${line} ${word}` : word;
    while (line.length > chars) {
      lines.push(line.slice(0, chars));
      line = line.slice(chars);
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A figure with a horizontal bar chart of shares: `rows` [{ label, pct, text }] (pct the
 * engine's "22.68"; text what the bar says, e.g. "22.68% (1,095)"). `title` describes the
 * chart for assistive technology; the figures are in the table that follows.
 */
export function barChart({ id, caption, title, rows, width }) {
  const chars = Math.max(12, Math.floor((width - 4) / CHAR));
  const plot = width - 2;
  const laid = rows.map((row) => ({ ...row, lines: wrap(row.label, chars) }));
  const height = laid.reduce((h, r) => h + r.lines.length * LINE + BAR + 14, 6);
  const root = chartRoot(width, height, id, title);
  root.classList.add("analyse-chart");
  let y = 4;
  for (const row of laid) {
    const label = svg("text", { x: 0, y: y + FONT, class: "analyse-chart__label" });
    row.lines.forEach((line, i) => label.append(svg("tspan", { x: 0, dy: i === 0 ? 0 : LINE }, line)));
    y += row.lines.length * LINE + 2;
    const length = Math.max(0, Math.min(100, pixels(row.pct))) * (plot / 100);
    // The share inside a bar long enough to hold it, else just after the bar.
    const inside = length > row.text.length * VALUE_CHAR + 12;
    const value = inside
      ? { x: length - 6, "text-anchor": "end", class: "analyse-chart__value analyse-chart__value--inside" }
      : { x: length + 6, class: "analyse-chart__value" };
    root.append(
      label,
      svg("rect", { x: 0, y, width: plot, height: BAR, class: "analyse-chart__track" }),
      svg("rect", { x: 0, y, width: length, height: BAR, class: "analyse-chart__bar" }),
      svg("text", { ...value, y: y + BAR - 4 }, row.text),
    );
    y += BAR + 12;
  }
  return el("figure", { class: "figure-chart analyse-figure" }, el("figcaption", { class: "figure-chart__caption" }, caption), root);
}

/** "Keep these services 77.32%, Make the savings 22.68%": a chart's rows in words, for its title. */
export const inWords = (rows) => rows.map((r) => `${r.label} ${r.pct}%`).join(", ");

/**
 * A table in a scrollable region a keyboard can reach: `head` the column headings (the
 * first heads the rows), `rows` [[row heading, ...cells]]; cells after the first are
 * figures, aligned right.
 */
export function table({ id, caption, head, rows, className = "" }) {
  return el(
    "div",
    { class: "table-wrap", role: "region", "aria-labelledby": `${id}-caption`, tabindex: "0" },
    el(
      "table",
      { class: `table analyse-table ${className}`.trim(), id },
      el("caption", { id: `${id}-caption` }, caption),
      el("thead", {}, el("tr", {}, ...head.map((h, i) => el("th", { scope: "col", class: i === 0 ? undefined : "num" }, h)))),
      el(
        "tbody",
        {},
        ...rows.map(([first, ...cells]) =>
          el("tr", {}, el("th", { scope: "row" }, first), ...cells.map((c) => el("td", { class: "num" }, c))),
        ),
      ),
    ),
  );
}
