// "What drives the gap": a waterfall for the chosen year, from last year's gap to this
// year's and then to what is left unfunded, and how far the final year's reserves move
// across each lever's plausible range, largest first. Each chart has its table.
import { el } from "../../ui/dom.js";
import { isPositive, millions, moneyMillions } from "../../core/format.js";
import { legend, m, rowChart, table } from "./charts.js";
import { BAR_WORDS, rangeWords, signed } from "./words.js";

export function createDrivers({ yearPicker, waterfallBox, waterfallTable, sensitivityBox, sensitivityTable }) {
  let quick = null;
  let state = null;
  let width = 0;
  let pickedYear = null;
  yearPicker.addEventListener("change", () => {
    pickedYear = yearPicker.value;
    drawWaterfall();
  });
  /** Draws both for the latest answer (`quick`: { drivers }) at a width. */
  function drawDrivers() {
    const years = quick.drivers.waterfalls.map((w) => w.year);
    if (yearPicker.options.length !== years.length || [...yearPicker.options].some((o, i) => o.value !== years[i])) {
      yearPicker.replaceChildren(...years.map((y) => el("option", { value: y }, y)));
    }
    if (!years.includes(pickedYear)) pickedYear = years[0];
    yearPicker.value = pickedYear;
    drawWaterfall();
    drawSensitivity();
  }

  function drawWaterfall() {
    const w = quick.drivers.waterfalls.find((x) => x.year === pickedYear);
    const rows = [];
    let at = m(w.previous_gap);
    const total = (label, amount) => rows.push({ label, value: moneyMillions(amount), from: 0, to: m(amount), cls: "rows__total", pounds: amount, total: true });
    const step = ({ id, amount }) => {
      const to = at + m(amount);
      rows.push({ label: BAR_WORDS[id] ?? id, value: signed(amount), from: at, to, cls: isPositive(amount) ? "rows__up" : "rows__down", pounds: amount });
      at = to;
    };
    total("Last year's gap still to fill", w.previous_gap);
    w.to_gap.forEach(step);
    total(`The gap in ${w.year}`, w.gap);
    at = m(w.gap);
    w.to_unfunded.forEach(step);
    total("Left with nothing to pay for it", w.unfunded);
    waterfallBox.replaceChildren(
      el(
        "figure",
        { class: "figure-chart" },
        el("figcaption", { class: "figure-chart__caption" }, `From last year's gap to ${w.year}'s, £ million`),
        rowChart(
          "waterfall",
          `Waterfall chart for ${w.year}: ${rows.map((r) => `${r.label} ${r.value}`).join(", ")}. The table after the chart gives the figures.`,
          rows,
          width || 600,
          null,
        ),
        legend([
          ["legend__swatch--up", "Raises the gap"],
          ["legend__swatch--down", "Lowers the gap"],
          ["legend__swatch--total", "A total"],
        ]),
      ),
    );
    waterfallTable.replaceChildren(
      table(
        "waterfall-table",
        `What drove the gap in ${w.year}, £ million`,
        ["", "£ million"],
        rows.map((r) => ({ cells: [r.label, r.total ? millions(r.pounds) : signed(r.pounds).replace(/£|m$/g, "")], cls: r.total ? "total" : undefined, pounds: [r.pounds] })),
      ),
      el("p", { class: "hint" }, "Figures may not add up exactly because each is rounded on its own."),
    );
  }

  function drawSensitivity() {
    const s = quick.drivers.sensitivity;
    const minimum = state.projection.years.find((y) => y.year === s.year)?.reserves_minimum;
    const rows = s.levers.map((l) => {
      const lo = m(l.low.total_reserves);
      const hi = m(l.high.total_reserves);
      return { label: l.label, value: `swing ${moneyMillions(l.swing)}`, from: lo, to: hi, mark: m(s.total_reserves), cls: "rows__range" };
    });
    sensitivityBox.replaceChildren(
      el(
        "figure",
        { class: "figure-chart" },
        el("figcaption", { class: "figure-chart__caption" }, `Reserves at the end of ${s.year} across each choice's range, £ million`),
        rowChart(
          "sensitivity",
          `Chart of how far reserves at the end of ${s.year} move across each choice's range, now ${moneyMillions(s.total_reserves)}: ${s.levers
            .map((l) => `${l.label} ${moneyMillions(l.swing)}`)
            .join(", ")}. The table after the chart gives the figures.`,
          rows,
          width || 600,
          minimum === undefined ? null : m(minimum),
        ),
        legend([
          ["legend__swatch--range", "Reserves from one end of the range to the other"],
          ["legend__swatch--mark", `Your choices: ${moneyMillions(s.total_reserves)}`],
          ...(minimum === undefined ? [] : [["legend__swatch--minimum", `Safe minimum: ${moneyMillions(minimum)}`]]),
        ]),
      ),
    );
    sensitivityTable.replaceChildren(
      table(
        "sensitivity-table",
        `Reserves at the end of ${s.year} at each end of each choice's range, £ million`,
        ["Choice", "Range", "Reserves at the low end", "At the high end", "Swing", "Left unfunded over all years, low end", "High end"],
        s.levers.map((l) => ({
          cells: [
            l.label,
            rangeWords(l),
            millions(l.low.total_reserves),
            millions(l.high.total_reserves),
            millions(l.swing),
            millions(l.low.unfunded),
            millions(l.high.unfunded),
          ],
        })),
      ),
    );
  }
  return {
    draw(answer, next, w) {
      [quick, state, width] = [answer, next, w];
      drawDrivers();
    },
    clear() {
      for (const box of [waterfallBox, waterfallTable, sensitivityBox, sensitivityTable]) box.replaceChildren();
    },
  };
}
