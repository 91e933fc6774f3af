// The Easy Read view of the council's options (?view=easy-read): short sentences, one idea
// each, larger type, more space, a picture beside each idea. Every fact (the council's name,
// each option's title, question, choices, consequences and £ effects) comes from the engine's
// calculator.options(); the words added here only frame them.
import { el } from "../../ui/dom.js";
import { THEMES, setsWords } from "../../core/options.js";
import { paperCodes, simpleEffect } from "../../core/paper.js";
import { icon } from "./icons.js";

/** Easy Read's theme headings: what each group of choices is about, in plain words. */
const THEME_WORDS = {
  services: "Services the council gives",
  charges: "Charges: money people pay to use a service",
  income: "Money the council earns",
  council_tax: "Council tax",
  reserves: "Reserves: money the council has saved",
  views: "What do you think?",
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
        : el("p", { class: "er-money" }, "No change to the council's money.");
  const picture = view ? "views" : money.startsWith("Costs") ? "costs" : money ? "saves" : "choices";
  return el(
    "li",
    { class: "er-level" },
    icon(picture),
    el(
      "div",
      { class: "er-level__text" },
      el("p", { class: "er-level__label" }, level.label),
      view || !level.consequence ? "" : el("p", {}, level.consequence),
      moneyLine,
      plan ? el("p", { class: "er-plan" }, "This is what the council plans to do now.") : "",
    ),
  );
}

function optionSection(entry, years, data) {
  const { option, number } = entry;
  const view = option.theme === "views";
  const id = `er-option-${option.id}`;
  return el(
    "section",
    { class: "er-option", id, "aria-labelledby": `${id}-title` },
    el("h3", { class: "er-option__title", id: `${id}-title` }, `${number}. ${option.title}`),
    view
      ? idea("views", "The council asks you:", el("p", { class: "er-question" }, option.question ?? option.title), "You can agree or disagree.", "You do not have to answer.")
      : idea("choices", option.levels.length === 2 ? "There are 2 choices." : `There are ${option.levels.length} choices.`, "You can pick one."),
    el("ul", { class: "er-levels", "aria-label": view ? `Answers to question ${number}` : `Choices for ${number}. ${option.title}` }, ...option.levels.map((level) => levelItem(option, level, years, data))),
  );
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
  const printButton = el("button", { type: "button", class: "button er-print" }, "Print this page");
  printButton.addEventListener("click", () => window.print());
  return el(
    "article",
    { id: "easy-read", class: "easy-read", "aria-labelledby": "easy-read-title" },
    el(
      "nav",
      { class: "er-tools", "aria-label": "Other ways to take part" },
      el("ul", {}, el("li", {}, el("a", { href: links.main }, "Back to the calculator")), el("li", {}, el("a", { href: links.paper }, "Paper form to print"))),
      printButton,
    ),
    el("h1", { id: "easy-read-title", tabindex: "-1" }, "Your council's budget: Easy Read"),
    el(
      "section",
      { class: "er-intro", "aria-labelledby": "er-about" },
      el("h2", { id: "er-about" }, "What this is about"),
      idea("council", `This is about ${council}.`, "We call it the council."),
      idea("money", "The council plans how to spend its money.", "It plans for the years " + `${years[0]} to ${years[years.length - 1]}.`, "It must not spend more money than it has."),
      idea("choices", `The council has ${entries.length} things to ask you about.`, "Some are choices about money.", "Some are questions about what you think."),
      idea("views", "The council wants to know what you think."),
    ),
    el(
      "section",
      { class: "er-words", "aria-labelledby": "er-words" },
      el("h2", { id: "er-words" }, "Words on this page"),
      idea("saves", el("p", {}, el("strong", {}, "Saves money"), " means the council spends less, or gets more money.")),
      idea("costs", el("p", {}, el("strong", {}, "Costs money"), " means the council spends more, or gets less money.")),
      idea("plan", el("p", {}, el("strong", {}, "What the council plans to do now"), " is the choice the council has already planned.")),
    ),
    ...themes.map(([theme, list]) =>
      el(
        "section",
        { class: "er-theme", "aria-labelledby": `er-theme-${theme}` },
        el("h2", { class: "er-theme__title", id: `er-theme-${theme}` }, icon(theme === "other" ? "choices" : theme, "er-icon er-icon--heading"), THEME_WORDS[theme] ?? "Other choices"),
        ...list.map((entry) => optionSection(entry, years, state.data)),
      ),
    ),
    el(
      "section",
      { class: "er-next", "aria-labelledby": "er-next" },
      el("h2", { id: "er-next" }, "How to tell the council what you think"),
      idea("computer", "You can use the calculator on this website.", el("p", {}, el("a", { href: links.main }, "Go to the calculator"))),
      idea("paper", "You can fill in a paper form.", "You can print it here, or ask the council for one.", el("p", {}, el("a", { href: links.paper }, "Get the paper form to print"))),
    ),
  );
}
