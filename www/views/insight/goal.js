// "What would keep the budget safe": the goal seek's answers as suggestions (the smallest
// council tax rise, extra savings from a year, and which of the council's options would
// each, on its own, keep every year safe), each applied in one click through the page's
// own choices (core/actions.js), with Undo.
import { el } from "../../ui/dom.js";
import { tr } from "../../core/language.js";
import { moneyMillions } from "../../core/format.js";
import { applyLink, applyScenario } from "../../core/actions.js";

const block = (id, title, ...children) => el("div", { class: "suggestion", id }, el("h4", { class: "suggestion__title" }, title), ...children);

function useButton(id, text, describedBy, onClick, primary = false) {
  const button = el("button", { type: "button", class: `button${primary ? "" : " button--secondary"}`, id, "aria-describedby": describedBy }, text);
  button.addEventListener("click", onClick);
  return button;
}

/** The smallest council tax rise. `use(change, said, what)` applies a suggestion. */
function taxBlock(tax, use) {
  const box = block("goal-tax", tr("Council tax"), el("p", { id: "goal-tax-text" }, tax.message));
  if (tax.change?.core_pct) {
    box.append(useButton("goal-tax-use", tr("Use this council tax rise"), "goal-tax-text", () => use(tax.change, tr("Showing the suggested council tax rise. "), tr("the suggested council tax rise")), true));
  }
  return box;
}

/** The smallest extra saving from each year. */
function savingsBlock(savings, use) {
  const items = savings.map((s, i) => {
    const item = el("li", {}, el("p", { id: `goal-saving-${i}-text` }, s.message));
    if (s.change?.extra_savings) {
      const what = tr("extra savings of {amount} a year from {year}", { amount: moneyMillions(s.amount), year: s.from_year });
      item.append(useButton(`goal-saving-${i}-use`, tr("Use savings from {year}", { year: s.from_year }), `goal-saving-${i}-text`, () => use(s.change, tr("Showing the suggested extra savings from {year}. ", { year: s.from_year }), what)));
    }
    return item;
  });
  return block("goal-savings", tr("Extra savings"), el("p", {}, tr("Or extra savings every year from a given year, on top of the plan:")), el("ul", { class: "suggestion__list" }, ...items));
}

/** Which options would, each on its own, keep every year safe (views are left out). */
function optionsBlock(options, optionList, use) {
  const safe = options.filter((o) => o.safe);
  const title = (id) => optionList?.options.find((o) => o.id === id)?.title ?? id;
  if (safe.length === 0) {
    return block("goal-options", tr("The council's options"), el("p", {}, tr("None of the council's options would, on its own, keep every year safe.")));
  }
  const items = safe.map((o, i) => {
    const item = el("li", {}, el("p", { id: `goal-option-${i}-text` }, `${title(o.option)}: “${o.label}”.`));
    item.append(useButton(`goal-option-${i}-use`, tr("Choose “{option}”", { option: o.label }), `goal-option-${i}-text`, () => use(o.change, tr("Showing your choice “{option}”. ", { option: o.label }), tr("the option “{option}”", { option: o.label }))));
    return item;
  });
  return block("goal-options", tr("The council's options"), el("p", {}, tr("Each of these would, on its own, keep every year safe:")), el("ul", { class: "suggestion__list" }, ...items));
}

/** The verdict: already safe, or the first year that is not. */
function verdict(g) {
  return g.already_safe
    ? tr("Your choices already keep every year's budget balanced and reserves at or above the safe minimum, if every saving is delivered as planned. No change is needed.")
    : tr("With your choices, {year} is the first year that is not safe: the money set aside to bridge gaps runs out, or reserves fall below the safe minimum.", { year: g.first_unsafe_year });
}

export function createGoal({ goal, applied }, store) {
  let undo = null;

  function undoButton() {
    const button = el("button", { type: "button", class: "button button--secondary", id: "goal-undo" }, tr("Undo"));
    button.addEventListener("click", () => {
      const failed = applyLink(store, undo, { kind: "apply", said: tr("Your choices are as they were. ") });
      if (failed) {
        applied.replaceChildren(el("p", { class: "error-text" }, tr("The suggestion could not be undone: {problem}", { problem: failed })));
        return;
      }
      applied.hidden = true;
      applied.replaceChildren();
      document.getElementById("goal-heading")?.focus();
    });
    return button;
  }

  /** Applies a suggestion's change to the page's choices, with Undo. */
  function use(change, said, what) {
    const before = store.get().fragment ?? "";
    const problem = applyScenario(store, change, { said });
    applied.hidden = false;
    if (problem) {
      applied.replaceChildren(el("p", { class: "error-text" }, tr("The suggestion could not be used: {problem}", { problem })));
      applied.focus();
      return;
    }
    undo = before;
    applied.replaceChildren(el("p", {}, tr("Your choices now use {what}. The figures above and below show the result.", { what })), undoButton());
    applied.focus();
  }

  return {
    /** Draws the goal seek's answer for the page's state. */
    draw(g, state) {
      const parts = [el("p", { class: "insight__verdict", id: "goal-verdict" }, verdict(g)), taxBlock(g.council_tax, use)];
      if (!g.already_safe) {
        parts.push(savingsBlock(g.savings, use));
        if (g.options?.length) parts.push(optionsBlock(g.options, state.optionList, use));
      }
      goal.replaceChildren(...parts);
    },
    fail(text) {
      goal.replaceChildren(el("p", { class: "error-text" }, text));
    },
  };
}
