// One of the council's options as a radio group: its title (the group's name), what it is,
// the limits the council must keep, and each level with its consequence and its £ effect
// on the gap per year. A view (lobbying, reorganisation) is its question with agree,
// disagree or no view. Native radios: arrow keys move between levels, and each level's
// label is a large touch target.
import { el } from "../../ui/dom.js";
import { effectWords, setsWords } from "../../core/options.js";
import { inLang, lang, langOf, tr } from "../../core/language.js";

const idOf = (option, level) => `option-${option.id}--${level.id}`;

/** The fieldset for `option` (from calculator.options()); `years` label its effects. */
export function optionGroup(option, years, data) {
  const view = option.theme === "views";
  const about = `option-${option.id}-about`;
  const details = [];
  if (!view || option.question) details.push(el("p", { class: "option__description", lang: langOf(option, "description") }, inLang(option, "description")));
  if (option.constraints.length > 0) {
    details.push(
      el(
        "div",
        { class: "option__limits" },
        el("p", { class: "option__limits-title" }, option.constraints.length === 1 ? tr("A limit the council must keep") : tr("Limits the council must keep")),
        el("ul", {}, ...option.constraints.map((c) => el("li", { lang: lang === "cy" ? "en" : undefined }, c))),
      ),
    );
  }
  const radios = option.levels.map((level) => {
    const id = idOf(option, level);
    const effect = effectWords(years, level.effect) || setsWords(level.sets, data);
    const plan = level.id === option.plan_level && !view;
    // [text, lang]: the consequence is the data's words (English unless it gives Welsh).
    const hint = [view ? null : [inLang(level, "consequence"), langOf(level, "consequence")], effect ? [effect] : view ? null : [tr("No change to the gap.")]].filter((h) => h?.[0]);
    const input = el("input", {
      class: "radio__input",
      type: "radio",
      name: `option-${option.id}`,
      id,
      value: level.id,
      "data-option": option.id,
      "aria-describedby": hint.length ? `${id}-hint` : undefined,
    });
    return el(
      "div",
      { class: "radio" },
      input,
      el("label", { class: "radio__label", for: id }, el("span", { lang: langOf(level, "label") }, inLang(level, "label")), plan ? el("span", { class: "radio__tag" }, ` ${tr("(the council's plan)")}`) : ""),
      hint.length
        ? el("div", { class: "radio__hint", id: `${id}-hint` }, ...hint.map(([text, textLang], i) => el("p", { class: i === 0 && hint.length > 1 ? undefined : "radio__effect", lang: textLang }, text)))
        : "",
    );
  });
  return el(
    "fieldset",
    { class: `option option--${option.theme}`, id: `option-${option.id}`, "aria-describedby": details.length ? about : undefined },
    el("legend", { class: "option__title", lang: langOf(option, view && option.question ? "question" : "title") }, inLang(option, view && option.question ? "question" : "title")),
    details.length ? el("div", { id: about }, ...details) : "",
    el("div", { class: "radios" }, ...radios),
  );
}

/** Checks the radio of each option's chosen level (without moving focus). */
export function showChoices(root, optionList, choices) {
  for (const option of optionList.options) {
    const level = choices[option.id] ?? option.plan_level;
    const input = root.querySelector(`#${CSS.escape(`option-${option.id}--${level}`)}`);
    if (input && !input.checked) input.checked = true;
    input?.closest("fieldset").classList.toggle("option--changed", level !== option.plan_level);
  }
}
