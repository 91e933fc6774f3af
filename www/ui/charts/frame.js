// What the page's charts share: scales with round ticks, gridlines, the SVG root (an image
// named by its title), hatching patterns so no series is told apart by colour alone, bars,
// value labels and legends. Figures become floats only to place shapes (`pixels`); every
// number a person reads is the engine's own string, formatted.
import { el, svg } from "../dom.js";

export const HEIGHT = 260;
const MARGIN = { top: 28, right: 8, bottom: 34, left: 52 };
export const MILLION = 1e6;

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
export function patterns(id) {
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
export function frame(root, width, years, values) {
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

export function rect(x, y0, y1, width, cls, fill) {
  const top = Math.min(y0, y1);
  return svg("rect", { x, y: top, width, height: Math.max(0, Math.abs(y1 - y0)), class: cls, fill });
}

/** A bar's value label, above a bar that rises or below one that falls. */
export function valueLabel(cx, yEnd, up, text) {
  return svg(
    "text",
    { x: cx, y: up ? yEnd - 6 : yEnd + 16, class: "chart__value", "text-anchor": "middle" },
    text,
  );
}

export function legend(items) {
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

