// The warning panel under the headline: the engine's warnings, each with what it means (an
// unfunded gap, reserves below the minimum, a referendum). Redrawn only when they change.
import { el } from "../../ui/dom.js";
import { tr } from "../../core/language.js";

const EXPLAIN = {
  unfunded: () => [
    tr("What an unfunded gap means."),
    tr("By law a council must set a balanced budget. If it cannot, its chief finance officer must issue a ‘section 114 notice’: all new spending stops, except to protect vulnerable people and to meet the council's legal duties, until councillors agree how to balance the budget, usually by cutting services."),
  ],
  minimum: () => [
    tr("Why the minimum matters."),
    tr("Below its safe minimum, the council would have little left for emergencies, such as a flood, or for costs that come in higher than planned."),
  ],
  referendum: () => [
    tr("What a referendum means."),
    tr("Everyone on the electoral register would vote on the rise. If most voted no, the council would have to set a lower rise, and pay for the vote."),
  ],
};

export class Warnings {
  static moduleName = "warnings";

  constructor(root, { store }) {
    this.root = root;
    this.shown = null;
    this.off = store.subscribe((state, patch) => patch.projection && this.render(state));
  }

  render({ projection, reservesUsed }) {
    const s = projection.summary;
    const key = JSON.stringify([s.warnings, reservesUsed]);
    if (key === this.shown) return;
    this.shown = key;
    if (s.warnings.length === 0) return this.root.replaceChildren();
    const explain = [
      s.first_unfunded_year && EXPLAIN.unfunded,
      s.first_below_minimum_year && EXPLAIN.minimum,
      s.referendum_years.length > 0 && EXPLAIN.referendum,
    ]
      .filter(Boolean)
      .map((explanation) => explanation());
    this.root.replaceChildren(
      el(
        "div",
        { class: "warning-panel" },
        el("h3", { class: "heading-s" }, s.warnings.length === 1 ? tr("Warning") : tr("Warnings")),
        el("ul", { class: "warnings" }, ...s.warnings.map((w) => el("li", {}, w))),
        ...explain.map(([title, text]) => el("p", {}, el("strong", {}, title), " ", text)),
      ),
    );
  }

  destroy() {
    this.off();
  }
}
