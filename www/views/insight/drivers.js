// "What drives the gap": a waterfall for the chosen year, from last year's gap to this
// year's and then to what is left unfunded, and how far the final year's reserves move
// across each lever's plausible range, largest first. Each chart has its table.
import { el } from "../../ui/dom.js";
import { tr } from "../../core/language.js";
import { isPositive, millions, moneyMillions } from "../../core/format.js";
import { legend, m, rowChart, table } from "./charts.js";
import { BAR_WORDS, rangeWords, signed } from "./words.js";

/** The waterfall's bars for a year: last year's gap, the steps to this year's, then to what is unfunded. */
function waterfallRows(w) {
  const rows = [];
  let at = m(w.previous_gap);
  const total = (label, amount) => rows.push({ label, value: moneyMillions(amount), from: 0, to: m(amount), cls: "rows__total", pounds: amount, total: true });
  const step = ({ id, amount }) => {
    const to = at + m(amount);
    rows.push({ label: BAR_WORDS[id] ? tr(BAR_WORDS[id]) : id, value: signed(amount), from: at, to, cls: isPositive(amount) ? "rows__up" : "rows__down", pounds: amount });
    at = to;
  };
  total(tr("Last year's gap still to fill"), w.previous_gap);
  w.to_gap.forEach(step);
  total(tr("The gap in {year}", { year: w.year }), w.gap);
  at = m(w.gap);
  w.to_unfunded.forEach(step);
  total(tr("Left with nothing to pay for it"), w.unfunded);
  return rows;
}

function waterfallFigure(w, rows, width) {
  return el(
    "figure",
    { class: "figure-chart" },
    el("figcaption", { class: "figure-chart__caption" }, tr("From last year's gap to {year}'s, £ million", { year: w.year })),
    rowChart("waterfall", tr("Waterfall chart for {year}: {figures}. The table after the chart gives the figures.", { year: w.year, figures: rows.map((r) => `${r.label} ${r.value}`).join(", ") }), rows, width || 600, null),
    legend([
      ["legend__swatch--up", tr("Raises the gap")],
      ["legend__swatch--down", tr("Lowers the gap")],
      ["legend__swatch--total", tr("A total")],
    ]),
  );
}

function waterfallTableOf(w, rows) {
  return [
    table(
      "waterfall-table",
      tr("What drove the gap in {year}, £ million", { year: w.year }),
      ["", tr("£ million")],
      rows.map((r) => ({ cells: [r.label, r.total ? millions(r.pounds) : signed(r.pounds).replace(/£|m$/g, "")], cls: r.total ? "total" : undefined, pounds: [r.pounds] })),
    ),
    el("p", { class: "hint" }, tr("Figures may not add up exactly because each is rounded on its own.")),
  ];
}

/** How far the final year's reserves move across each lever's range, against the safe minimum. */
function sensitivityFigure(s, minimum, width) {
  const rows = s.levers.map((l) => ({ label: l.label, value: tr("swing {amount}", { amount: moneyMillions(l.swing) }), from: m(l.low.total_reserves), to: m(l.high.total_reserves), mark: m(s.total_reserves), cls: "rows__range" }));
  const title = tr("Chart of how far reserves at the end of {year} move across each choice's range, now {amount}: {figures}. The table after the chart gives the figures.", {
    year: s.year,
    amount: moneyMillions(s.total_reserves),
    figures: s.levers.map((l) => `${l.label} ${moneyMillions(l.swing)}`).join(", "),
  });
  return el(
    "figure",
    { class: "figure-chart" },
    el("figcaption", { class: "figure-chart__caption" }, tr("Reserves at the end of {year} across each choice's range, £ million", { year: s.year })),
    rowChart("sensitivity", title, rows, width || 600, minimum === undefined ? null : m(minimum)),
    legend([
      ["legend__swatch--range", tr("Reserves from one end of the range to the other")],
      ["legend__swatch--mark", tr("Your choices: {amount}", { amount: moneyMillions(s.total_reserves) })],
      ...(minimum === undefined ? [] : [["legend__swatch--minimum", tr("Safe minimum: {amount}", { amount: moneyMillions(minimum) })]]),
    ]),
  );
}

/** Choices ranked by the larger of their swings in reserves and in what is left unfunded. */
function sensitivityTableOf(s) {
  return table(
    "sensitivity-table",
    tr("Reserves at the end of {year} at each end of each choice's range, £ million", { year: s.year }),
    [tr("Choice"), tr("Range"), tr("Reserves at the low end"), tr("At the high end"), tr("Swing in reserves"), tr("Left unfunded at the end, low end"), tr("High end"), tr("Swing in unfunded")],
    s.levers.map((l) => ({
      cells: [l.label, rangeWords(l), millions(l.low.total_reserves), millions(l.high.total_reserves), millions(l.swing), millions(l.low.unfunded), millions(l.high.unfunded), millions(l.unfunded_swing)],
    })),
  );
}

/** Keeps the year picker's options to the waterfall's years; returns the year to show. */
function pickYear(yearPicker, years, picked) {
  if (yearPicker.options.length !== years.length || [...yearPicker.options].some((o, i) => o.value !== years[i])) {
    yearPicker.replaceChildren(...years.map((y) => el("option", { value: y }, y)));
  }
  const year = years.includes(picked) ? picked : years[0];
  yearPicker.value = year;
  return year;
}

export function createDrivers({ yearPicker, waterfallBox, waterfallTable, sensitivityBox, sensitivityTable }) {
  let quick = null;
  let state = null;
  let width = 0;
  let pickedYear = null;

  function drawWaterfall() {
    const w = quick.drivers.waterfalls.find((x) => x.year === pickedYear);
    const rows = waterfallRows(w);
    waterfallBox.replaceChildren(waterfallFigure(w, rows, width));
    waterfallTable.replaceChildren(...waterfallTableOf(w, rows));
  }

  function drawSensitivity() {
    const s = quick.drivers.sensitivity;
    const minimum = state.projection.years.find((y) => y.year === s.year)?.reserves_minimum;
    sensitivityBox.replaceChildren(sensitivityFigure(s, minimum, width));
    sensitivityTable.replaceChildren(sensitivityTableOf(s));
  }

  yearPicker.addEventListener("change", () => {
    pickedYear = yearPicker.value;
    drawWaterfall();
  });
  return {
    /** Draws both for the latest answer (`quick`: { drivers }) at a width. */
    draw(answer, next, w) {
      [quick, state, width] = [answer, next, w];
      pickedYear = pickYear(yearPicker, quick.drivers.waterfalls.map((x) => x.year), pickedYear);
      drawWaterfall();
      drawSensitivity();
    },
    clear() {
      for (const box of [waterfallBox, waterfallTable, sensitivityBox, sensitivityTable]) box.replaceChildren();
    },
  };
}
