// Two accessible SVG bar charts drawn from the engine's result: the gap by year (budget gap
// and savings shortfall stacked) and total reserves by year against the safe minimum.
// Each is an image with a text description; the figures are in the table beside it.
// Figures become floats here only to place bars (`pixels`); every number a person reads
// is the engine's own string, formatted.
import { el, svg } from "./dom.js";
import { moneyMillions, pixels } from "./format.js";

const HEIGHT = 260;
const MARGIN = { top: 28, right: 8, bottom: 34, left: 52 };
const MILLION = 1e6;

/** 1, 2 or 5 × 10ⁿ: a tick step giving about `count` intervals over `range`. */
function niceStep(range, count) {
  const raw = range / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const n = raw / magnitude;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * magnitude;
}

/** A linear scale over £m values (always with zero) onto [from, to], with round ticks. */
export function scale(values, from, to, intervals = 4) {
  let lo = Math.min(0, ...values);
  let hi = Math.max(0, ...values);
  if (hi - lo < 1) hi = lo + 1;
  const step = niceStep(hi - lo, intervals);
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  const at = (v) => from + ((v - lo) / (hi - lo)) * (to - from);
  const ticks = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Math.round(v / step) * step);
  return { at, ticks };
}

const tickFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });
export const tickLabel = (v) => `${v < 0 ? "-" : ""}£${tickFormat.format(Math.abs(v))}m`;

/** Hatching patterns, so no series is told apart by colour alone. */
function patterns(id) {
  return svg(
    "defs",
    {},
    svg(
      "pattern",
      { id: `${id}-hatch`, width: 8, height: 8, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
      svg("rect", { width: 8, height: 8, class: "pattern__ground" }),
      svg("line", { x1: 0, y1: 0, x2: 0, y2: 8, class: "pattern__line" }),
    ),
    svg(
      "pattern",
      { id: `${id}-cross`, width: 8, height: 8, patternUnits: "userSpaceOnUse" },
      svg("rect", { width: 8, height: 8, class: "pattern__ground pattern__ground--low" }),
      svg("path", { d: "M0,0 L8,8 M8,0 L0,8", class: "pattern__line" }),
    ),
  );
}

/** Horizontal gridlines at each tick, labelled in £m on the left; the zero line stands out. */
export function gridLines(plot, y, ticks) {
  const grid = svg("g", { class: "chart__grid" });
  for (const t of ticks) {
    grid.append(
      svg("line", { x1: plot.left, x2: plot.right, y1: y(t), y2: y(t), class: t === 0 ? "chart__zero" : "chart__gridline" }),
      svg("text", { x: plot.left - 6, y: y(t), class: "chart__tick", "text-anchor": "end", "dominant-baseline": "middle" }, tickLabel(t)),
    );
  }
  return grid;
}

/** An SVG chart: an image to assistive technology, named by its `<title>` (`title`). */
export function chartRoot(width, height, id, title) {
  const root = svg("svg", { class: "chart", viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-labelledby": `${id}-title` });
  root.append(svg("title", { id: `${id}-title` }, title));
  return root;
}

/** Axes, gridlines and year labels; returns the plot's geometry. */
function frame(root, width, years, values) {
  const plot = { left: MARGIN.left, right: width - MARGIN.right, top: MARGIN.top, bottom: HEIGHT - MARGIN.bottom };
  const { at: y, ticks } = scale(values, plot.bottom, plot.top);
  root.append(gridLines(plot, y, ticks));
  const slot = (plot.right - plot.left) / years.length;
  // Smaller words where the bars are narrow (a phone, or zoomed in).
  if (slot < 80) root.classList.add("chart--narrow");
  const bar = Math.min(72, slot * 0.6);
  const x = (i) => plot.left + slot * i + (slot - bar) / 2;
  years.forEach((year, i) => {
    root.append(
      svg("text", { x: plot.left + slot * i + slot / 2, y: plot.bottom + 22, class: "chart__year", "text-anchor": "middle" }, year),
    );
  });
  return { plot, y, x, bar, slot };
}

function rect(x, y0, y1, width, cls, fill) {
  const top = Math.min(y0, y1);
  return svg("rect", { x, y: top, width, height: Math.max(0, Math.abs(y1 - y0)), class: cls, fill });
}

/** A bar's value label, above a bar that rises or below one that falls. */
function valueLabel(cx, yEnd, up, text) {
  return svg(
    "text",
    { x: cx, y: up ? yEnd - 6 : yEnd + 16, class: "chart__value", "text-anchor": "middle" },
    text,
  );
}

function legend(items) {
  return el(
    "ul",
    { class: "legend" },
    ...items.map(([cls, text]) =>
      el(
        "li",
        { class: "legend__item" },
        el("span", { class: `legend__swatch ${cls}`, "aria-hidden": "true" }),
        text,
      ),
    ),
  );
}

/** The gap chart: budget gap and savings shortfall stacked, above or below zero. */
export function gapChart(projection, width) {
  const years = projection.years.map((y) => y.year);
  const gaps = projection.years.map((y) => pixels(y.gap) / MILLION);
  const shortfalls = projection.years.map((y) => pixels(y.shortfall) / MILLION);
  const ends = gaps.map((g, i) => [Math.max(0, g) + Math.max(0, shortfalls[i]), Math.min(0, g) + Math.min(0, shortfalls[i])]);
  const root = chartRoot(
    width,
    HEIGHT,
    "gap-chart",
    `Bar chart of the gap each year, split into budget gap and savings not delivered: ${projection.years
      .map((y) => `${y.year} ${moneyMillions(y.total_gap)}`)
      .join(", ")}. The table after the chart gives the figures.`,
  );
  root.append(patterns("gap"));
  const { y, x, bar } = frame(root, width, years, ends.flat());
  projection.years.forEach((year, i) => {
    // Stack each part from zero: rises on top of rises, falls below falls.
    let up = 0;
    let down = 0;
    const parts = [
      [gaps[i], "bar bar--gap", undefined],
      [shortfalls[i], "bar bar--shortfall", "url(#gap-hatch)"],
    ];
    for (const [value, cls, fill] of parts) {
      if (value >= 0) {
        root.append(rect(x(i), y(up), y(up + value), bar, cls, fill));
        up += value;
      } else {
        root.append(rect(x(i), y(down), y(down + value), bar, cls, fill));
        down += value;
      }
    }
    const rising = !(up === 0 && down < 0);
    root.append(valueLabel(x(i) + bar / 2, y(rising ? up : down), rising, moneyMillions(year.total_gap)));
  });
  return el(
    "figure",
    { class: "figure-chart" },
    el("figcaption", { class: "figure-chart__caption" }, "The gap each year, £ million"),
    root,
    legend([
      ["legend__swatch--gap", "Budget gap (below zero: a surplus)"],
      ["legend__swatch--shortfall", "Savings not delivered (below zero: delivered early)"],
      ["legend__swatch--none", "The figure on each bar is the gap to fill: the two added together"],
    ]),
  );
}

/** The reserves chart: total reserves each year, with the safe minimum marked. */
export function reservesChart(projection, width) {
  const years = projection.years.map((y) => y.year);
  const totals = projection.years.map((y) => pixels(y.total_reserves) / MILLION);
  const minimums = projection.years.map((y) => pixels(y.reserves_minimum) / MILLION);
  const root = chartRoot(
    width,
    HEIGHT,
    "reserves-chart",
    `Bar chart of total reserves at the end of each year, with the safe minimum marked: ${projection.years
      .map((y) => `${y.year} ${moneyMillions(y.total_reserves)}${y.below_minimum ? ", below the minimum" : ""}`)
      .join("; ")}. The table after the chart gives the figures.`,
  );
  root.append(patterns("reserves"));
  const { y, x, bar, slot } = frame(root, width, years, [...totals, ...minimums]);
  projection.years.forEach((year, i) => {
    const low = year.below_minimum;
    root.append(
      rect(x(i), y(0), y(totals[i]), bar, low ? "bar bar--low" : "bar bar--reserves", low ? "url(#reserves-cross)" : undefined),
    );
    // The minimum: a dashed line across the year's slot.
    const left = x(i) - (slot - bar) / 4;
    const line = { x1: left, x2: left + bar + (slot - bar) / 2, y1: y(minimums[i]), y2: y(minimums[i]) };
    root.append(svg("line", { ...line, class: "chart__minimum-halo" }), svg("line", { ...line, class: "chart__minimum" }));
    const rising = totals[i] >= 0;
    const labelY = rising ? Math.min(y(totals[i]), y(minimums[i])) : y(totals[i]);
    root.append(valueLabel(x(i) + bar / 2, labelY, rising, moneyMillions(year.total_reserves)));
  });
  return el(
    "figure",
    { class: "figure-chart" },
    el("figcaption", { class: "figure-chart__caption" }, "Total reserves at the end of each year, £ million"),
    root,
    legend([
      ["legend__swatch--reserves", "Reserves"],
      ["legend__swatch--low", "Reserves below the safe minimum"],
      ["legend__swatch--minimum", "Safe minimum"],
    ]),
  );
}
