// When the council asks for a budget that balances (consultation.require_balance) and the
// resident's does not: "Suggest what would balance it" asks the goal seek (the second
// engine module, in a worker, loaded only then) which of the council's options would each,
// on its own, keep every year safe, and what council tax rise or extra saving would.
// Each suggestion can be chosen in one click, then changed or undone like any choice.
import { el } from "../../ui/dom.js";
import { moneyWords } from "../../core/format.js";
import { applyScenario } from "../../core/actions.js";
import { inLang, tr } from "../../core/language.js";

export function createSuggestions(store) {
  const button = el("button", { type: "button", class: "button button--secondary", id: "builder-suggest-button" }, tr("Suggest what would balance it"));
  const answer = el("div", { class: "builder__answer", id: "builder-suggestions", tabindex: "-1", role: "region", "aria-label": tr("Suggestions") });
  const element = el("div", { class: "builder__suggest", id: "builder-suggest", hidden: "" }, button, answer);
  answer.hidden = true;
  let shownFor = null;

  const choose = (change, said) => {
    const problem = applyScenario(store, change, { said });
    if (problem) answer.replaceChildren(el("p", { class: "error-text" }, tr("The suggestion could not be used: {problem}", { problem })));
  };
  const item = (text, label, change, said) => {
    const li = el("li", {}, el("p", {}, text));
    if (change) {
      const use = el("button", { type: "button", class: "button button--secondary" }, label);
      use.addEventListener("click", () => choose(change, said));
      li.append(use);
    }
    return li;
  };

  function show(goal, optionList) {
    const title = (id) => inLang(optionList.options.find((o) => o.id === id), "title") ?? id;
    const safe = goal.options.filter((o) => o.safe);
    const closest = safe.length ? safe : [...goal.options].sort((a, b) => Number(a.unfunded) - Number(b.unfunded)).slice(0, 3);
    const intro = safe.length
      ? tr("Each of these options, on its own, would keep every year balanced with reserves at or above the safe minimum, if every saving is delivered as planned:")
      : tr("No one option balances the budget on its own. These come closest:");
    const options = closest.map((o) =>
      item(
        o.safe
          ? tr("“{level}” for {option}.", { level: o.label, option: title(o.option) })
          : tr("“{level}” for {option}: {amount} would still be unfunded at the end.", { level: o.label, option: title(o.option), amount: moneyWords(o.unfunded) }),
        tr("Choose “{level}”", { level: o.label }),
        o.change,
        `${tr("Showing your choice “{level}”.", { level: o.label })} `,
      ),
    );
    const tax = goal.council_tax;
    const saving = goal.savings.find((s) => s.change);
    answer.replaceChildren(
      el("p", {}, intro),
      el("ul", { class: "builder__suggestions" }, ...options),
      el("p", {}, tr("Or a choice among the other levers:")),
      el(
        "ul",
        { class: "builder__suggestions" },
        item(tax.message, tr("Use this council tax rise"), tax.change?.core_pct ? tax.change : null, `${tr("Showing the suggested council tax rise.")} `),
        ...(saving
          ? [item(saving.message, tr("Use savings from {year}", { year: saving.from_year }), saving.change, `${tr("Showing the suggested extra savings from {year}.", { year: saving.from_year })} `)]
          : []),
      ),
    );
  }

  button.addEventListener("click", async () => {
    const state = store.get();
    answer.hidden = false;
    answer.replaceChildren(el("p", { role: "status" }, tr("Working out what would balance it…")));
    try {
      const { askGoal } = await import("../../views/insight/goal-client.js");
      const goal = await askGoal(state.data, state.scenario);
      if (store.get().scenario !== state.scenario) return;
      shownFor = state.scenario;
      show(goal, state.optionList);
    } catch (error) {
      answer.replaceChildren(el("p", { class: "error-text" }, tr("The suggestions could not be worked out: {problem}", { problem: error.message })));
    }
    answer.focus();
  });

  return {
    element,
    render(state) {
      const wanted = Boolean(state.data.consultation?.require_balance) && Boolean(state.projection.summary.first_unfunded_year);
      element.hidden = !wanted;
      if (shownFor !== state.scenario) {
        shownFor = null;
        answer.hidden = true;
        answer.replaceChildren();
      }
    },
  };
}
