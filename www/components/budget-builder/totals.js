// The builder's running total: whether the budget balances (nothing left unfunded in any
// year, with reserves as chosen) or what is still to find, year by year; the gap before
// reserves beside it, honestly; and a warning when reserves are filling a gap that comes back.
import { el, setText } from "../../ui/dom.js";
import { yearTable } from "../../ui/year-table.js";
import { millions } from "../../core/format.js";
import { balanceSentence, reservesFilling } from "../../core/options.js";
import { tr } from "../../core/language.js";

/** The warning's words: how much reserves fill, in which years, and that it comes back. */
function warningParts(filling) {
  const parts = [];
  if (filling.years.length > 0) {
    parts.push(
      tr("Reserves fill a gap of {gap}. Reserves are one-off money: they can be spent only once.", { gap: filling.words }),
      filling.recurs
        ? filling.openAtEnd
          ? tr("The gap comes back each year until savings, income or council tax close it, and in {year} it is still open, so it would come back after that year with less in reserves to meet it.", { year: filling.openAtEnd })
          : tr("The gap comes back each year until savings, income or council tax close it.")
        : tr("This gap does not come back: the year after, the budget balances without reserves."),
    );
  }
  for (const c of filling.oneOff) parts.push(tr("Your choice “{level}” ({option}) pays {amount} from reserves, once.", { level: c.label, option: c.title, amount: c.words }));
  return parts;
}

export function createTotals(state) {
  const years = state.plan.years.map((y) => y.year);
  const planYears = new Map(state.plan.years.map((y) => [y.year, y]));
  const status = el("p", { class: "builder__status", id: "builder-status" });
  const warning = el("div", { class: "builder__warning", id: "builder-reserves", hidden: "" });
  const table = yearTable({
    id: "builder-table",
    caption: tr("The gap year by year, £ million"),
    years,
    rows: [
      [tr("Gap before reserves in the council's plan (minus: to spare)"), (y) => millions(planYears.get(y.year).total_gap)],
      [tr("Gap before reserves with your choices"), (y) => millions(y.total_gap)],
      [tr("Still to find after reserves"), (y) => millions(y.unfunded), "total"],
    ],
  });
  const element = el(
    "div",
    { class: "builder__totals", id: "builder-totals" },
    el("h3", { class: "heading-s", id: "builder-totals-heading" }, tr("Still to find")),
    status,
    warning,
    table.element,
  );
  let warned = null;
  return {
    element,
    render({ projection, reservesUsed, optionList, data }) {
      const require = Boolean(data.consultation?.require_balance);
      setText(status, balanceSentence(projection, reservesUsed, require));
      const balanced = !projection.summary.first_unfunded_year;
      status.classList.toggle("builder__status--balanced", balanced);
      element.classList.toggle("builder__totals--balanced", balanced);
      const filling = reservesFilling(projection, reservesUsed, optionList);
      const key = JSON.stringify(filling);
      if (key !== warned) {
        warned = key;
        warning.hidden = !filling;
        const title = tr(filling?.years.length ? (filling.recurs ? "Reserves are filling a gap that comes back" : "Reserves are filling a gap") : "Reserves pay for a choice");
        warning.replaceChildren(
          ...(filling
            ? [el("p", { class: "builder__warning-title" }, el("span", { class: "visually-hidden" }, `${tr("Warning:")} `), title), ...warningParts(filling).map((t) => el("p", {}, t))]
            : []),
        );
      }
      table.update(projection, {});
    },
  };
}
