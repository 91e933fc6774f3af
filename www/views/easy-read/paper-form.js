// The paper response form (?view=paper-form), for libraries and people without the internet:
// each of the council's options (calculator.options()) with its choices as tick boxes and a
// short code for each (core/paper.js), the views questions, space for comments, how to return
// it, and a box for the council's use. Printed on A4: nothing to press shows in print, and no
// question is split across two pages. An officer types the ticked codes into the analysis page.
import { el } from "../../ui/dom.js";
import { THEMES, effectWords, setsWords } from "../../core/options.js";
import { paperCodes } from "../../core/paper.js";
import { N_, inLang, langOf, tr } from "../../core/language.js";

const THEME_WORDS = Object.fromEntries(THEMES);

/** The return details' words (the closing date and address come from the data). */
// Functions, not strings: each is worded in the page's language when the form is drawn.
const RETURN_WORDS = {
  before: (date) => tr("Please send it by {date}.", { date }),
  beforeUnknown: () => tr("Please send it before the consultation closes."),
  address: () => tr("Address:"),
  closing: () => tr("Closing date:"),
};

/** A labelled line: the data's value printed on it, or left blank to write on. */
const filled = (label, value) =>
  value ? el("p", { class: "paper-field paper-field--filled" }, el("span", {}, label), " ", el("strong", {}, value)) : el("p", { class: "paper-field" }, el("span", {}, label), el("span", { class: "paper-field__space", "aria-hidden": "true" }));

/** A tick box drawn on paper: nothing to press on screen, so screen readers skip it. */
const box = () => el("span", { class: "paper-box", "aria-hidden": "true" });

/** Ruled lines to write on, `count` of them. */
const lines = (count) => el("div", { class: "paper-lines", "aria-hidden": "true" }, ...Array.from({ length: count }, () => el("span", { class: "paper-line" })));

function choiceRow(option, level, code, years, data) {
  const view = option.theme === "views";
  const effect = view ? "" : effectWords(years, level.effect) || setsWords(level.sets, data) || tr("No change to the gap.");
  const plan = level.id === option.plan_level && !view;
  return el(
    "li",
    { class: "paper-choice" },
    box(),
    el(
      "div",
      { class: "paper-choice__text" },
      el("p", { class: "paper-choice__label" }, el("span", { lang: langOf(level, "label") }, inLang(level, "label")), plan ? ` ${tr("(the council's plan)")}` : ""),
      view || !level.consequence ? "" : el("p", { class: "paper-choice__consequence", lang: langOf(level, "consequence") }, inLang(level, "consequence")),
      effect ? el("p", { class: "paper-choice__effect" }, effect) : "",
    ),
    el("p", { class: "paper-code" }, el("span", { class: "paper-code__word" }, `${tr("Code")} `), code),
  );
}

function question({ option, number, levels }, years, data) {
  const view = option.theme === "views";
  const id = `paper-q-${option.id}`;
  return el(
    "section",
    { class: "paper-q", id, "aria-labelledby": `${id}-title` },
    el(
      "h3",
      { class: "paper-q__title", id: `${id}-title` },
      `${tr("Question {number}:", { number })} `,
      el("span", { lang: langOf(option, view && option.question ? "question" : "title") }, inLang(option, view && option.question ? "question" : "title")),
    ),
    view ? "" : el("p", { class: "paper-q__about", lang: langOf(option, "description") }, inLang(option, "description")),
    el("p", { class: "paper-q__ask" }, tr(view ? "Tick one box, or leave them all blank if you have no view." : "Tick one box. If you leave them all blank, we count the council's plan.")),
    el("ul", { class: "paper-choices", "aria-label": tr("Question {number}: the boxes to tick", { number }) }, ...levels.map(({ level, code }) => choiceRow(option, level, code, years, data))),
  );
}

/** The form's article, for `state` (its optionList and data). */
export function paperForm(state, links) {
  const optionList = state.optionList;
  const years = optionList.years;
  const entries = paperCodes(optionList);
  const council = optionList.council;
  const printButton = el("button", { type: "button", class: "button" }, tr("Print the form"));
  printButton.addEventListener("click", () => window.print());
  const themes = THEMES.map(([theme, words]) => [theme, words, entries.filter((e) => e.option.theme === theme)]);
  const others = entries.filter((e) => !THEMES.some(([theme]) => theme === e.option.theme));
  if (others.length) themes.push(["other", N_("Other choices"), others]);
  const field = (label) => el("p", { class: "paper-field" }, el("span", {}, label), el("span", { class: "paper-field__space", "aria-hidden": "true" }));
  return el(
    "article",
    { id: "paper-form", class: "paper", "aria-labelledby": "paper-title" },
    el(
      "div",
      { class: "paper-tools" },
      printButton,
      el("p", {}, tr("Prints on A4 paper. In the print window, choose “Save as PDF” to keep a copy.")),
      el("ul", {}, el("li", {}, el("a", { href: links.main }, tr("Back to the calculator"))), el("li", {}, el("a", { href: links.easyRead }, tr("Easy Read version")))),
    ),
    el("p", { class: "paper-kicker" }, council),
    el("h1", { id: "paper-title", tabindex: "-1" }, tr("Budget consultation: paper response form")),
    el("p", { class: "paper-lede" }, tr("Tell the council what you think about its budget for {from} to {to}. You can answer as many or as few questions as you like.", { from: years[0], to: years[years.length - 1] })),
    el(
      "section",
      { class: "paper-how", "aria-labelledby": "paper-how" },
      el("h2", { id: "paper-how" }, tr("How to fill in this form")),
      el(
        "ul",
        {},
        el("li", {}, tr("Use a black or blue pen.")),
        el("li", {}, tr("For each question, tick one box.")),
        el("li", {}, tr("If you do not want to answer a question, leave it blank.")),
        el("li", {}, tr("Each box has a short code, such as 1A. The council types the codes you tick into the same count as the answers given online.")),
        el("li", {}, tr("The money each choice saves or costs is its effect on the budget gap: the money the council still needs to find each year.")),
      ),
    ),
    ...themes
      .filter(([, , list]) => list.length > 0)
      .map(([theme, words, list]) =>
        el(
          "section",
          { class: "paper-theme", "aria-labelledby": `paper-theme-${theme}` },
          el("h2", { id: `paper-theme-${theme}` }, tr(words)),
          theme === "views" ? el("p", {}, tr("These questions change no figure: your answers go with your choices.")) : "",
          ...list.map((entry) => question(entry, years, state.data)),
        ),
      ),
    el(
      "section",
      { class: "paper-comments", "aria-labelledby": "paper-comments" },
      el("h2", { id: "paper-comments" }, tr("Anything else you want to tell us")),
      el("p", {}, tr("Write here. You can add more sheets of paper.")),
      lines(10),
    ),
    el(
      "section",
      { class: "paper-return", "aria-labelledby": "paper-return" },
      el("h2", { id: "paper-return" }, tr("How to give us this form")),
      el(
        "ul",
        {},
        el("li", {}, tr("Hand it in where you got it, such as your local library.")),
        el("li", {}, tr("Or post it to the council, to the address below.")),
        el("li", {}, optionList.closing_date ? RETURN_WORDS.before(optionList.closing_date) : RETURN_WORDS.beforeUnknown()),
      ),
      filled(RETURN_WORDS.address(), optionList.return_address),
      filled(RETURN_WORDS.closing(), optionList.closing_date),
      el("p", {}, tr("Your answers are counted with everyone else's.")),
    ),
    el(
      "section",
      { class: "paper-office", "aria-labelledby": "paper-office" },
      el("h2", { id: "paper-office" }, tr("For the council's use")),
      field(tr("Reference number:")),
      field(tr("Typed in by:")),
      field(tr("Date:")),
      el(
        "p",
        { class: "paper-foot" },
        tr("Codes for {council}'s {n} questions, in the order of the council budget calculator. Type them into the calculator's response analysis (“Type in a paper response”).", { council, n: entries.length }),
      ),
    ),
  );
}
