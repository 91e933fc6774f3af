// The reserves chart: total reserves at the end of each year, with the safe minimum marked
// as a dashed line and a year below it hatched. An image with a text description; the
// figures are in the table beside it.
import { el, svg } from "../dom.js";
import { moneyMillions, pixels } from "../../core/format.js";
import { HEIGHT, MILLION, chartRoot, frame, legend, patterns, rect, valueLabel } from "./frame.js";
import { tr } from "../../core/language.js";

/** The reserves chart: total reserves each year, with the safe minimum marked. */
export function reservesChart(projection, width) {
  const years = projection.years.map((y) => y.year);
  const totals = projection.years.map((y) => pixels(y.total_reserves) / MILLION);
  const minimums = projection.years.map((y) => pixels(y.reserves_minimum) / MILLION);
  const root = chartRoot(
    width,
    HEIGHT,
    "reserves-chart",
    tr("Bar chart of total reserves at the end of each year, with the safe minimum marked: {figures}. The table after the chart gives the figures.", {
      figures: projection.years.map((y) => `${y.year} ${moneyMillions(y.total_reserves)}${y.below_minimum ? tr(", below the minimum") : ""}`).join("; "),
    }),
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
    el("figcaption", { class: "figure-chart__caption" }, tr("Total reserves at the end of each year, £ million")),
    root,
    legend([
      ["legend__swatch--reserves", tr("Reserves")],
      ["legend__swatch--low", tr("Reserves below the safe minimum")],
      ["legend__swatch--minimum", tr("Safe minimum")],
    ]),
  );
}
