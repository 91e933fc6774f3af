// The four results sections under the headline: the gap and the reserves (each a chart and
// its table), council tax (every band), and the budget in full. Each builds its tables for
// the council's plan, then draws when ui/schedule.js says: in sight just after the frame
// that answers an input, otherwise when the browser is idle.
import { el, setText } from "../../ui/dom.js";
import { yearTable } from "../../ui/year-table.js";
import { gapChart } from "../../ui/charts/gap.js";
import { reservesChart } from "../../ui/charts/reserves.js";
import { millions, money, percent } from "../../core/format.js";
import { yesNo } from "../../core/words.js";
import { bandsOf } from "../headline/headline.js";
import { tr } from "../../core/language.js";

/** A section that builds its tables for each council's plan and registers its drawing. */
class Section {
  constructor(root, { store, scheduler }, chart = false) {
    this.root = root;
    this.plan = null;
    this.off = store.subscribe((state, patch) => patch.plan && this.ready(state));
    scheduler.register({ box: root, chart, draw: (state, width) => this.ready(state).draw(state, width) });
  }

  /** The section with its tables built for the state's council (drawing may come first). */
  ready(state) {
    if (this.plan !== state.plan) {
      this.plan = state.plan;
      this.build(state);
    }
    return this;
  }

  destroy() {
    this.off();
  }
}

const ctxOf = (state) => ({ band: state.band });

export class GapSection extends Section {
  static moduleName = "gap-section";

  constructor(root, context) {
    super(root, context, true);
  }

  build({ plan }) {
    this.table = yearTable({
      id: "gap-table",
      caption: tr("The gap each year, £ million"),
      years: plan.years.map((y) => y.year),
      rows: [
        [tr("Budget gap (minus: a surplus)"), (y) => millions(y.gap)],
        [tr("Savings not delivered (minus: delivered early)"), (y) => millions(y.shortfall)],
        [tr("Gap to fill from reserves"), (y) => millions(y.total_gap), "total"],
        [tr("Not funded, even after using reserves"), (y) => millions(y.unfunded)],
      ],
    });
    this.chart = el("div", { class: "chart-box" });
    this.root.replaceChildren(this.chart, this.table.element);
  }

  draw(state, width) {
    this.chart.replaceChildren(gapChart(state.projection, width));
    this.table.update(state.projection, ctxOf(state));
  }
}

export class ReservesSection extends Section {
  static moduleName = "reserves-section";

  constructor(root, context) {
    super(root, context, true);
  }

  build({ plan }) {
    this.table = yearTable({
      id: "reserves-table",
      caption: tr("Reserves at the end of each year, £ million"),
      years: plan.years.map((y) => y.year),
      rows: [
        ...plan.years[0].reserves.map((r, i) => [r.name, (y) => millions(y.reserves[i].closing)]),
        [tr("Total reserves"), (y) => millions(y.total_reserves), "total"],
        [tr("Safe minimum"), (y) => millions(y.reserves_minimum)],
        [tr("Below the safe minimum"), (y) => yesNo(y.below_minimum)],
      ],
    });
    this.chart = el("div", { class: "chart-box" });
    this.root.replaceChildren(this.chart, this.table.element);
  }

  draw(state, width) {
    this.chart.replaceChildren(reservesChart(state.projection, width));
    this.table.update(state.projection, ctxOf(state));
  }
}

export class TaxSection extends Section {
  static moduleName = "tax-section";

  build({ plan }) {
    const years = plan.years.map((y) => y.year);
    // The council's nation's bands, and its rule on rises: the adult social care precept
    // and referendums are England's; Scotland caps the rise instead.
    this.letters = bandsOf(plan);
    const england = !plan.nation || plan.nation === "england";
    const capped = plan.years.some((y) => y.rise_cap_pct !== undefined);
    this.tax = yearTable({
      id: "tax-table",
      caption: tr("Council tax each year"),
      years,
      rows: [
        [tr(england ? "Core council tax rise" : "Council tax rise"), (y) => percent(y.core_pct)],
        ...(england ? [[tr("Adult social care precept"), (y) => percent(y.asc_pct)]] : []),
        ...(capped ? [[tr("Government's cap on the rise"), (y) => (y.rise_cap_pct === undefined ? tr("none") : percent(y.rise_cap_pct))]] : []),
        [tr("Band D, a year"), (y) => money(y.band_d), "total"],
        [tr("Band D, change on the year before"), (y) => money(y.band_d_change)],
        [(c) => tr("Band {band}, change a week on the year before", { band: c.band }), (y, c) => money(y.weekly_change[c.band] ?? y.weekly_change.D)],
        ...(england ? [[tr("Referendum needed"), (y) => yesNo(y.referendum)]] : []),
      ],
    });
    this.bands = yearTable({
      id: "bands-table",
      caption: tr("Council tax by band, £ a year"),
      years,
      rows: this.letters.map((b) => [(c) => tr(c.band === b ? "Band {band} (your band)" : "Band {band}", { band: b }), (y) => money(y.bands[b])]),
      firstHeader: tr("Band"),
      rowClass: "nowrap",
    });
    // Each band row is marked so the chosen one can be highlighted, with the weekly change
    // since the base year as a last column.
    this.sinceBase = [];
    this.bands.element.querySelectorAll("tbody tr").forEach((row, i) => {
      row.dataset.band = this.letters[i];
      const td = el("td", { class: "num" });
      this.sinceBase.push(td);
      row.append(td);
    });
    this.bands.element
      .querySelector("thead tr")
      .append(el("th", { scope: "col", class: "num wrap" }, tr("Change a week, {from} to {to}", { from: plan.base_year, to: years[years.length - 1] })));
    this.root.querySelector("#council-tax").replaceChildren(this.tax.element);
    this.root.querySelector("#bands").replaceChildren(this.bands.element);
  }

  draw(state) {
    const p = state.projection;
    this.tax.update(p, ctxOf(state));
    this.bands.update(p, ctxOf(state));
    this.sinceBase.forEach((td, i) => setText(td, money(p.summary.weekly_change_since_base[this.letters[i]])));
  }
}

export class BudgetSection extends Section {
  static moduleName = "budget-section";

  build({ plan, optionList }) {
    const years = plan.years.map((y) => y.year);
    const first = plan.years[0];
    const optionsRow = optionList?.options.length ? [[tr("Taken out by the options chosen"), (y) => millions(y.chosen_options)]] : [];
    this.table = yearTable({
      id: "budget-table",
      caption: tr("{council}'s budget, {from} to {to}, £ million", { council: plan.council, from: years[0], to: years[years.length - 1] }),
      years,
      rows: [
        tr("Spending"),
        ...first.services.map((s, i) => [s.name, (y) => millions(y.services[i].budget)]),
        [tr("Spending before savings"), (y) => millions(y.spend), "subtotal"],
        [tr("Savings taken out of budgets"), (y) => millions(y.removed_savings)],
        ...optionsRow,
        [tr("Net budget"), (y) => millions(y.net_requirement), "total"],
        tr("Funding"),
        [tr("Council tax"), (y) => millions(y.council_tax)],
        ...first.funding_streams.map((f, i) => [f.name, (y) => millions(y.funding_streams[i].amount)]),
        [tr("Total funding"), (y) => millions(y.funding), "total"],
        tr("Gap"),
        [tr("Budget gap (minus: a surplus)"), (y) => millions(y.gap)],
        ...first.programmes.map((p, i) => [tr("{programme}: savings not delivered (minus: early)", { programme: p.name }), (y) => millions(y.programmes[i].shortfall)]),
        [tr("Gap to fill from reserves"), (y) => millions(y.total_gap), "total"],
        tr("Reserves at the end of the year"),
        ...first.reserves.map((r, i) => [r.name, (y) => millions(y.reserves[i].closing)]),
        [tr("Total reserves"), (y) => millions(y.total_reserves), "total"],
        [tr("Safe minimum"), (y) => millions(y.reserves_minimum)],
        [tr("Not funded, even after using reserves"), (y) => millions(y.unfunded), "total"],
      ],
    });
    this.root.replaceChildren(this.table.element, el("p", { class: "hint" }, tr("Figures may not add up exactly because each is rounded on its own.")));
  }

  draw(state) {
    this.table.update(state.projection, ctxOf(state));
  }
}
