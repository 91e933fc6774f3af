// When the council asks for a budget that balances (consultation.require_balance) and the
// resident's does not: "Suggest what would balance it" asks the goal seek (the second
// engine module, in a worker, loaded only then) which of the council's options would each,
// on its own, keep every year safe, and what council tax rise or extra saving would.
// Each suggestion can be chosen in one click, then changed or undone like any choice.
import { el } from "../../ui/dom.js";
import { moneyWords } from "../../core/format.js";
import { applyScenario } from "../../core/actions.js";

export function createSuggestions(store) {
  const button = el("button", { type: "button", class: "button button--secondary", id: "builder-suggest-button" }, "Suggest what would balance it");
  const answer = el("div", { class: "builder__answer", id: "builder-suggestions", tabindex: "-1", role: "region", "aria-label": "Suggestions" });
  const element = el("div", { class: "builder__suggest", id: "builder-suggest", hidden: "" }, button, answer);
  answer.hidden = true;
  let shownFor = null;

  const choose = (change, said) => {
    const problem = applyScenario(store, change, { said });
    if (problem) answer.replaceChildren(el("p", { class: "error-text" }, `The suggestion could not be used: ${problem}`));
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
    const title = (id) => optionList.options.find((o) => o.id === id)?.title ?? id;
    const safe = goal.options.filter((o) => o.safe);
    const closest = safe.length ? safe : [...goal.options].sort((a, b) => Number(a.unfunded) - Number(b.unfunded)).slice(0, 3);
    const intro = safe.length
      ? "Each of these options, on its own, would keep every year balanced with reserves at or above the safe minimum, if every saving is delivered as planned:"
      : "No one option balances the budget on its own. These come closest:";
    const options = closest.map((o) =>
      item(
        `“${o.label}” for ${title(o.option)}${o.safe ? "" : `: ${moneyWords(o.unfunded)} would still not be funded over the years`}.`,
        `Choose “${o.label}”`,
        o.change,
        `Showing your choice “${o.label}”. `,
      ),
    );
    const tax = goal.council_tax;
    const saving = goal.savings.find((s) => s.change);
    answer.replaceChildren(
      el("p", {}, intro),
      el("ul", { class: "builder__suggestions" }, ...options),
      el("p", {}, "Or a choice among the other levers:"),
      el(
        "ul",
        { class: "builder__suggestions" },
        item(tax.message, "Use this council tax rise", tax.change?.core_pct ? tax.change : null, "Showing the suggested council tax rise. "),
        ...(saving ? [item(saving.message, `Use savings from ${saving.from_year}`, saving.change, `Showing the suggested extra savings from ${saving.from_year}. `)] : []),
      ),
    );
  }

  button.addEventListener("click", async () => {
    const state = store.get();
    answer.hidden = false;
    answer.replaceChildren(el("p", { role: "status" }, "Working out what would balance it…"));
    try {
      const { askGoal } = await import("../../views/insight/goal-client.js");
      const goal = await askGoal(state.data, state.scenario);
      if (store.get().scenario !== state.scenario) return;
      shownFor = state.scenario;
      show(goal, state.optionList);
    } catch (error) {
      answer.replaceChildren(el("p", { class: "error-text" }, `The suggestions could not be worked out: ${error.message}`));
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
