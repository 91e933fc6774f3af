// "Balance the budget": the council's own options (calculator.options()) by theme, each a
// radio group of its levels with their consequences and £ effects; the gap to close; and a
// running total of what is still to find, year by year. First on the page for residents
// and in the embed. Choosing a level goes to core/actions.js; the running total is an
// answer (ui/schedule.js): drawn in the frame that answers a change, though after an
// input made elsewhere on the page, with the total out of sight, once inputs pause.
import { el } from "../../ui/dom.js";
import { moneyWords } from "../../core/format.js";
import { THEMES, balance } from "../../core/options.js";
import { list } from "../../core/words.js";
import * as actions from "../../core/actions.js";
import { optionGroup, showChoices } from "./option.js";
import { createTotals } from "./totals.js";
import { tr } from "../../core/language.js";

/** "In the council's plan, the gap before reserves is £15.9m in 2020/21, …" */
function gapToClose(plan) {
  const { beforeReserves } = balance(plan);
  if (!beforeReserves) return tr("In the council's plan, every year balances before any reserves are used.");
  return tr("In the council's plan, the gap before reserves is {gap}. The plan fills it from reserves, which can be spent only once.", { gap: beforeReserves });
}

/** "Each 1% on council tax raises £6.4m in 2020/21, …" */
function onePoint(optionList) {
  const parts = optionList.council_tax_one_point.map((amount, t) => tr("{amount} in {year}", { amount: moneyWords(amount), year: optionList.years[t] }));
  return tr("Each 1% more on core council tax raises {amounts}.", { amounts: list(parts) });
}

export class BudgetBuilder {
  static moduleName = "budget-builder";

  constructor(root, { store, scheduler }) {
    this.root = root;
    this.store = store;
    this.scheduler = scheduler;
    this.aborts = new AbortController();
    root.addEventListener(
      "change",
      (event) => {
        const input = event.target;
        if (input.dataset.option) actions.setChoice(store, input.dataset.option, input.value);
      },
      { signal: this.aborts.signal },
    );
    root.addEventListener("click", (event) => event.target.id === "builder-reset" && actions.reset(store), { signal: this.aborts.signal });
    this.off = store.subscribe((state, patch) => this.render(state, patch));
  }

  /** The running total (and suggestions), registered as an answer drawn in `side`. */
  showTotals(side, plan) {
    this.stopTotals?.();
    this.stopTotals = this.scheduler.register({
      box: side,
      answer: true,
      draw: (state) => {
        // Another council's data comes to the scheduler before this builder is rebuilt for it.
        if (this.root.hidden || state.plan !== plan) return;
        this.totals.render(state);
        this.suggestions?.render(state);
      },
    });
  }

  build(state) {
    const { optionList, plan, data } = state;
    const heading = this.root.querySelector("h2");
    this.root.hidden = optionList.options.length === 0;
    const themes = THEMES.map(([theme, words]) => {
      const options = optionList.options.filter((o) => o.theme === theme);
      if (options.length === 0) return null;
      const extra =
        theme === "council_tax"
          ? [el("p", { class: "builder__note", id: "builder-one-point" }, onePoint(optionList))]
          : theme === "views"
            ? [el("p", { class: "builder__note" }, tr("These questions change no figure: your answers go with your choices."))]
            : [];
      return el(
        "section",
        { class: "theme", "aria-labelledby": `theme-${theme}` },
        el("h3", { class: "theme__heading", id: `theme-${theme}` }, tr(words)),
        ...extra,
        ...options.map((o) => optionGroup(o, optionList.years, data)),
      );
    });
    this.totals = createTotals(state);
    this.suggestions = null;
    this.options = el("div", { class: "builder__options", id: "builder-options" }, ...themes.filter(Boolean));
    const reset = el("button", { type: "button", class: "button button--secondary builder__reset", id: "builder-reset" }, tr("Start again from the council's plan"));
    const side = el("div", { class: "builder__side" }, this.totals.element, reset);
    this.root.replaceChildren(
      heading,
      el(
        "p",
        { class: "builder__intro" },
        tr("By law the council must set a balanced budget every year. Choose among the council's own options: what each would change, for whom, and what it would save or cost. The running total shows what is still to find."),
      ),
      el(
        "p",
        { class: "builder__other", id: "builder-other" },
        el("a", { href: "?view=easy-read" }, tr("Easy Read version of the options")),
        " · ",
        el("a", { href: "?view=paper-form" }, tr("Paper response form to print")),
      ),
      el("p", { class: "builder__gap", id: "builder-gap" }, gapToClose(plan)),
      el("div", { class: "builder__layout" }, this.options, side),
    );
    this.showTotals(side, plan);
    // Suggestions only where the council asks for a balanced budget: loaded only then.
    if (data.consultation?.require_balance) {
      const options = this.options;
      import("./suggestions.js").then(({ createSuggestions }) => {
        if (this.options !== options) return; // another council's data since
        this.suggestions = createSuggestions(this.store);
        side.insertBefore(this.suggestions.element, reset);
        this.suggestions.render(this.store.get());
      });
    }
  }

  render(state, patch) {
    if (patch.optionList) this.build(state);
    if (this.root.hidden) return;
    if (patch.choices || patch.optionList) showChoices(this.options, state.optionList, state.choices);
  }

  destroy() {
    this.off();
    this.stopTotals?.();
    this.aborts.abort();
  }
}
