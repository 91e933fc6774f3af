// The risk section's charts and tables: the fan chart of reserves across the simulated
// futures, and horizontal bar rows (a waterfall, or each lever's range). Images named by
// their titles; the figures are in the tables beside them.
import { chartRoot, gridLines, scale, tickLabel } from "../../ui/charts/frame.js";
import { el, svg } from "../../ui/dom.js";
import { moneyMillions, pixels } from "../../core/format.js";
import { count } from "./words.js";
import { tr } from "../../core/language.js";

const MILLION = 1e6;
export const m = (text) => pixels(text) / MILLION;

/** A table with a caption, in a scrollable region a keyboard can reach. */
export function table(id, caption, head, rows) {
  const t = el(
    "table",
    { class: "table", id },
    el("caption", { id: `${id}-caption` }, caption),
    el("thead", {}, el("tr", {}, ...head.map((h, i) => el("th", { scope: "col", class: i === 0 || h === tr("Range") ? undefined : "num" }, h)))),
    el(
      "tbody",
      {},
      ...rows.map(({ cells, cls, pounds }) =>
        el(
          "tr",
          { class: cls },
          el("th", { scope: "row" }, cells[0]),
          ...cells.slice(1).map((c, i) => el("td", { class: head[i + 1] === tr("Range") ? undefined : "num", "data-pounds": pounds?.[i] }, c)),
        ),
      ),
    ),
  );
  return el("div", { class: "table-wrap", role: "region", "aria-labelledby": `${id}-caption`, tabindex: "0" }, t);
}

export function legend(items) {
  return el(
    "ul",
    { class: "legend" },
    ...items.map(([cls, text]) => el("li", { class: "legend__item" }, el("span", { class: `legend__swatch ${cls}`, "aria-hidden": "true" }), text)),
  );
}


/** The fan chart: total reserves across the simulated futures, the choices' own line and the minimum. */
export function fanChart(simulation, width) {
  const years = simulation.years;
  const height = 280;
  const plot = { left: 56, right: width - 12, top: 16, bottom: height - 34 };
  const values = years.flatMap((y) => [m(y.total_reserves.p5), m(y.total_reserves.p95), m(y.scenario.total_reserves), m(y.scenario.reserves_minimum)]);
  const { at: yAt, ticks } = scale(values, plot.bottom, plot.top);
  const slot = (plot.right - plot.left) / years.length;
  const x = (i) => plot.left + slot * i + slot / 2;
  const line = (pick) => years.map((y, i) => `${x(i).toFixed(1)},${yAt(m(pick(y))).toFixed(1)}`).join(" ");
  const band = (lo, hi) =>
    [...years.map((y, i) => `${x(i).toFixed(1)},${yAt(m(hi(y))).toFixed(1)}`), ...years.map((y, i) => `${x(i).toFixed(1)},${yAt(m(lo(y))).toFixed(1)}`).reverse()].join(" ");
  const root = chartRoot(
    width,
    height,
    "fan",
    tr("Fan chart of total reserves at the end of each year in {paths} simulated futures. Middle future: {figures}. The table after the chart gives the figures.", {
      paths: count.format(simulation.paths),
      figures: years.map((y) => `${y.year} ${moneyMillions(y.total_reserves.p50)}`).join(", "),
    }),
  );
  root.classList.toggle("chart--narrow", slot < 80);
  root.append(gridLines(plot, yAt, ticks));
  years.forEach((y, i) => root.append(svg("text", { x: x(i), y: plot.bottom + 22, class: "chart__year", "text-anchor": "middle" }, y.year)));
  root.append(
    svg("polygon", { points: band((y) => y.total_reserves.p5, (y) => y.total_reserves.p95), class: "fan__outer" }),
    svg("polygon", { points: band((y) => y.total_reserves.p25, (y) => y.total_reserves.p75), class: "fan__inner" }),
    svg("polyline", { points: line((y) => y.scenario.reserves_minimum), class: "chart__minimum-halo fan__line" }),
    svg("polyline", { points: line((y) => y.scenario.reserves_minimum), class: "chart__minimum fan__line" }),
    svg("polyline", { points: line((y) => y.total_reserves.p50), class: "fan__median fan__line" }),
    svg("polyline", { points: line((y) => y.scenario.total_reserves), class: "fan__scenario fan__line" }),
    ...years.map((y, i) => svg("circle", { cx: x(i), cy: yAt(m(y.scenario.total_reserves)), r: 5, class: "fan__point" })),
  );
  return el(
    "figure",
    { class: "figure-chart" },
    el("figcaption", { class: "figure-chart__caption" }, tr("Total reserves at the end of each year in the simulated futures, £ million")),
    root,
    legend([
      ["legend__swatch--outer", tr("9 in 10 futures fall in the light band")],
      ["legend__swatch--inner", tr("The middle half fall in the dark band")],
      ["legend__swatch--median", tr("The middle future")],
      ["legend__swatch--scenario", tr("Your choices, every saving delivered as planned")],
      ["legend__swatch--minimum", tr("Safe minimum")],
    ]),
  );
}

/**
 * Horizontal bars, one row each with its words above: a waterfall (bars from `from` to
 * `to`) or a range. `rows`: { label, value, from, to, cls, mark? } in £m; `line`: a
 * dashed vertical line (the safe minimum) in £m, or null.
 */
export function rowChart(id, title, rows, width, line) {
  // Narrow (a phone, or zoomed in): the figure goes on a line of its own under the words.
  const narrow = width < 520;
  const rowHeight = narrow ? 70 : 52;
  const barTop = narrow ? 42 : 24;
  const height = rows.length * rowHeight + 26;
  const plot = { left: 8, right: width - 8 };
  const values = rows.flatMap((r) => [r.from, r.to, ...(r.mark === undefined ? [] : [r.mark])]).concat(line ?? []);
  const { at, ticks } = scale(values, plot.left, plot.right, width < 420 ? 3 : 5);
  const root = chartRoot(width, height, id, title);
  const axis = rows.length * rowHeight;
  for (const t of ticks) {
    root.append(
      svg("line", { x1: at(t), x2: at(t), y1: 0, y2: axis, class: t === 0 ? "chart__zero" : "chart__gridline" }),
      svg("text", { x: at(t), y: axis + 18, class: "chart__tick", "text-anchor": t === ticks[0] ? "start" : t === ticks[ticks.length - 1] ? "end" : "middle" }, tickLabel(t)),
    );
  }
  rows.forEach((r, i) => {
    const top = i * rowHeight;
    const x0 = at(Math.min(r.from, r.to));
    const x1 = at(Math.max(r.from, r.to));
    const value = svg("tspan", { class: "chart__label-value" }, r.value);
    if (narrow) {
      value.setAttribute("x", plot.left);
      value.setAttribute("dy", "18");
    }
    root.append(
      svg("text", { x: plot.left, y: top + 16, class: "chart__label" }, `${r.label}: `, value),
      svg("rect", { x: x0, y: top + barTop, width: Math.max(2, x1 - x0), height: 20, class: `bar ${r.cls}` }),
    );
    if (r.mark !== undefined) root.append(svg("line", { x1: at(r.mark), x2: at(r.mark), y1: top + barTop - 4, y2: top + barTop + 24, class: "rows__mark" }));
  });
  if (line !== null && line !== undefined) {
    root.append(svg("line", { x1: at(line), x2: at(line), y1: 0, y2: axis, class: "chart__minimum" }));
  }
  return root;
}

