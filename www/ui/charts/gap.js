// The gap chart: each year's budget gap and savings shortfall stacked, above or below
// zero, with the gap to fill on each bar. An image with a text description; the figures
// are in the table beside it.
import { el } from "../dom.js";
import { moneyMillions, pixels } from "../../core/format.js";
import { HEIGHT, MILLION, chartRoot, frame, legend, patterns, rect, valueLabel } from "./frame.js";
import { tr } from "../../core/language.js";

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
    tr("Bar chart of the gap each year, split into budget gap and savings not delivered: {figures}. The table after the chart gives the figures.", {
      figures: projection.years.map((y) => `${y.year} ${moneyMillions(y.total_gap)}`).join(", "),
    }),
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
    el("figcaption", { class: "figure-chart__caption" }, tr("The gap each year, £ million")),
    root,
    legend([
      ["legend__swatch--gap", tr("Budget gap (below zero: a surplus)")],
      ["legend__swatch--shortfall", tr("Savings not delivered (below zero: delivered early)")],
      ["legend__swatch--none", tr("The figure on each bar is the gap to fill: the two added together")],
    ]),
  );
}

