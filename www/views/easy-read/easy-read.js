// The Easy Read view of the council's options (?view=easy-read): short sentences, one idea
// each, larger type, more space, a picture beside each idea. Every fact (the council's name,
// each option's title, question, choices, consequences and £ effects) comes from the engine's
// calculator.options(); the words added here only frame them.
import { el } from "../../ui/dom.js";
import { THEMES, setsWords } from "../../core/options.js";
import { paperCodes, simpleEffect } from "../../core/paper.js";
import { icon } from "./icons.js";
import { N_, inLang, langOf, tr } from "../../core/language.js";

/** Easy Read's theme headings: what each group of choices is about, in plain words. */
const THEME_WORDS = {
  services: N_("Services the council gives"),
  charges: N_("Charges: money people pay to use a service"),
  income: N_("Money the council earns"),
  council_tax: N_("Council tax"),
  reserves: N_("Reserves: money the council has saved"),
  views: N_("What do you think?"),
};

/** One idea: a picture and a few short sentences beside it. */
const idea = (picture, ...sentences) => el("div", { class: "er-idea" }, icon(picture), el("div", { class: "er-idea__text" }, ...sentences.map((s) => (typeof s === "string" ? el("p", {}, s) : s))));

function levelItem(option, level, years, data) {
  const view = option.theme === "views";
  const money = simpleEffect(years, level.effect);
  const sets = money ? "" : setsWords(level.sets, data);
  const plan = level.id === option.plan_level && !view;
  const moneyLine = money
    ? el("p", { class: "er-money" }, money)
    : sets
      ? el("p", { class: "er-money" }, sets)
      : view
        ? ""
        : el("p", { class: "er-money" }, tr("No change to the council's money."));
  const picture = view ? "views" : level.effect?.find((e) => Number(e) !== 0)?.startsWith("-") ? "costs" : money ? "saves" : "choices";
  return el(
    "li",
    { class: "er-level" },
    icon(picture),
    el(
      "div",
      { class: "er-level__text" },
      el("p", { class: "er-level__label", lang: langOf(level, "label") }, inLang(level, "label")),
      view || !level.consequence ? "" : el("p", { lang: langOf(level, "consequence") }, inLang(level, "consequence")),
      moneyLine,
      plan ? el("p", { class: "er-plan" }, tr("This is what the council plans to do now.")) : "",
    ),
  );
}

function optionSection(entry, years, data) {
  const { option, number } = entry;
  const view = option.theme === "views";
  const id = `er-option-${option.id}`;
  const title = inLang(option, "title");
  return el(
    "section",
    { class: "er-option", id, "aria-labelledby": `${id}-title` },
    el("h3", { class: "er-option__title", id: `${id}-title` }, `${number}. `, el("span", { lang: langOf(option, "title") }, title)),
    view
      ? idea(
          "views",
          tr("The council asks you:"),
          el("p", { class: "er-question", lang: langOf(option, option.question ? "question" : "title") }, inLang(option, option.question ? "question" : "title")),
          tr("You can agree or disagree."),
          tr("You do not have to answer."),
        )
      : idea("choices", tr("There are {n} choices.", { n: option.levels.length }), tr("You can pick one.")),
    el("ul", { class: "er-levels", "aria-label": view ? tr("Answers to question {number}", { number }) : tr("Choices for {number}. {title}", { number, title }) }, ...option.levels.map((level) => levelItem(option, level, years, data))),
  );
}

/** When and where to send an answer, where the data says (consultation.closing_date, return_address). */
function returnIdeas({ closing_date: date, return_address: address }) {
  const ideas = [];
  if (date) ideas.push(idea("plan", tr("Tell the council what you think by:"), el("p", { class: "er-question" }, date)));
  if (address) ideas.push(idea("paper", tr("Send your paper form to:"), el("p", { class: "er-question" }, address)));
  return ideas;
}

/** The view's article, for `state` (its optionList and data). */
export function easyRead(state, links) {
  const optionList = state.optionList;
  const years = optionList.years;
  const entries = paperCodes(optionList);
  const council = optionList.council;
  const themes = THEMES.map(([theme]) => [theme, entries.filter((e) => e.option.theme === theme)]).filter(([, list]) => list.length > 0);
  const others = entries.filter((e) => !THEMES.some(([theme]) => theme === e.option.theme));
  if (others.length) themes.push(["other", others]);
  const printButton = el("button", { type: "button", class: "button er-print" }, tr("Print this page"));
  printButton.addEventListener("click", () => window.print());
  return el(
    "article",
    { id: "easy-read", class: "easy-read", "aria-labelledby": "easy-read-title" },
    el(
      "nav",
      { class: "er-tools", "aria-label": tr("Other ways to take part") },
      el("ul", {}, el("li", {}, el("a", { href: links.main }, tr("Back to the calculator"))), el("li", {}, el("a", { href: links.paper }, tr("Paper form to print")))),
      printButton,
    ),
    el("h1", { id: "easy-read-title", tabindex: "-1" }, tr("Your council's budget: Easy Read")),
    el(
      "section",
      { class: "er-intro", "aria-labelledby": "er-about" },
      el("h2", { id: "er-about" }, tr("What this is about")),
      idea("council", tr("This is about {council}.", { council }), tr("We call it the council.")),
      idea(
        "money",
        tr("The council plans how to spend its money."),
        tr("It plans for the years {from} to {to}.", { from: years[0], to: years[years.length - 1] }),
        tr("It must not spend more money than it has."),
      ),
      idea("choices", tr("The council has {n} things to ask you about.", { n: entries.length }), tr("Some are choices about money."), tr("Some are questions about what you think.")),
      idea("views", tr("The council wants to know what you think.")),
    ),
    el(
      "section",
      { class: "er-words", "aria-labelledby": "er-words" },
      el("h2", { id: "er-words" }, tr("Words on this page")),
      idea("saves", el("p", {}, el("strong", {}, tr("Saves money")), " ", tr("means the council spends less, or gets more money."))),
      idea("costs", el("p", {}, el("strong", {}, tr("Costs money")), " ", tr("means the council spends more, or gets less money."))),
      idea("plan", el("p", {}, el("strong", {}, tr("What the council plans to do now")), " ", tr("is the choice the council has already planned."))),
    ),
    ...themes.map(([theme, list]) =>
      el(
        "section",
        { class: "er-theme", "aria-labelledby": `er-theme-${theme}` },
        el("h2", { class: "er-theme__title", id: `er-theme-${theme}` }, icon(theme === "other" ? "choices" : theme, "er-icon er-icon--heading"), tr(THEME_WORDS[theme] ?? "Other choices")),
        ...list.map((entry) => optionSection(entry, years, state.data)),
      ),
    ),
    el(
      "section",
      { class: "er-next", "aria-labelledby": "er-next" },
      el("h2", { id: "er-next" }, tr("How to tell the council what you think")),
      idea("computer", tr("You can use the calculator on this website."), el("p", {}, el("a", { href: links.main }, tr("Go to the calculator")))),
      idea(
        "paper",
        tr("You can fill in a paper form."),
        tr("You can print it here, or ask the council for one."),
        el("p", {}, el("a", { href: links.paper }, tr("Get the paper form to print"))),
      ),
      ...returnIdeas(optionList),
    ),
  );
}
