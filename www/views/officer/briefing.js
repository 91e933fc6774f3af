// The briefing for print (?view=briefing): an A4 document for members, with the scenario in
// words and the options chosen, the headline figures and warnings, the gap and reserves
// charts, the full table, each reserve's movements, the chances and the reserves runway
// (briefing-risk.js), and the assumptions and sources.
import { el } from "../../ui/dom.js";
import { gapChart } from "../../ui/charts/gap.js";
import { reservesChart } from "../../ui/charts/reserves.js";
import { isNegative, isZero, magnitude, money, moneyWords } from "../../core/format.js";
import { describeChoices } from "../../core/words.js";
import { assumptions, figuresOf } from "./sources.js";
import { ROUNDING, choicesTable, inWords, mtfsTable, reservesTable } from "./tables.js";
import { address } from "./address.js";
import { createBriefingRisk } from "./briefing-risk.js";

/** Money in words, "£3.0m to spare" below zero (a surplus). */
const spare = (text) => (isNegative(text) ? `${moneyWords(magnitude(text))} to spare` : moneyWords(text));

/** "£1.23 a week more than in 2019/20" for a Band D home. */
function weeklyWords(text, baseYear) {
  if (isZero(text)) return `The same each week as in ${baseYear}.`;
  return `${money(magnitude(text))} a week ${isNegative(text) ? "less" : "more"} than in ${baseYear}.`;
}

const today = (date = new Date()) => date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });

/** A copy of a page chart with ids of its own, so it can sit beside the page's. */
function ownIds(figure, prefix) {
  for (const node of figure.querySelectorAll("[id]")) node.id = `${prefix}-${node.id}`;
  for (const node of figure.querySelectorAll("[aria-labelledby]")) node.setAttribute("aria-labelledby", `${prefix}-${node.getAttribute("aria-labelledby")}`);
  for (const node of figure.querySelectorAll("[fill^='url(#']")) node.setAttribute("fill", node.getAttribute("fill").replace("url(#", `url(#${prefix}-`));
  const svg = figure.querySelector("svg");
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  return figure;
}


/** The briefing's parts, built once into the page. */
function layout() {
  const printButton = el("button", { type: "button", class: "button" }, "Print");
  const backOfficer = el("a", { href: address("officer", location.hash) }, "Back to the officer view");
  const title = el("h1", { class: "briefing__title" }, "Budget briefing");
  const meta = el("p", { class: "briefing__meta" });
  const about = el("p", { class: "briefing__about" });
  const scenario = el("div");
  const headline = el("div");
  const charts = el("div", { class: "briefing__charts" });
  const table = el("div");
  const reserves = el("div");
  const risk = el("div", { id: "briefing-risk" }, el("p", {}, "Working out the chances…"));
  const sources = el("div", {}, el("p", {}, "Loading the assumptions and sources…"));
  const linkNote = el("p", { class: "briefing__link" });
  const part = (id, heading, ...children) =>
    el("section", { class: "briefing__part", "aria-labelledby": id }, el("h2", { id, class: "heading-m" }, heading), ...children);
  const article = el(
    "article",
    { id: "briefing", class: "briefing", "aria-labelledby": "briefing-title" },
    el(
      "div",
      { class: "briefing__tools" },
      printButton,
      el("p", { class: "briefing__tip" }, "Prints on A4. In the print window, choose “Save as PDF” to keep a copy."),
      el("p", {}, backOfficer),
    ),
    el("header", { class: "briefing__head" }, el("p", { class: "briefing__kicker" }, "Briefing for members"), title, meta, about),
    part("briefing-scenario-heading", "The scenario", scenario),
    part("briefing-headline-heading", "Headline figures", headline),
    part("briefing-charts-heading", "The gap and the reserves", charts),
    part("briefing-table-heading", "The budget in full", table),
    part("briefing-reserves-heading", "Each reserve, year by year", reserves),
    part("briefing-risk-heading", "How long the money set aside to bridge gaps lasts", risk),
    sources,
    el(
      "footer",
      { class: "briefing__foot" },
      el(
        "p",
        {},
        "Made with the council budget calculator. It works every figure out exactly, to the penny, and shows it rounded. It is a model of the council's plan, not the council's own forecast: it cannot know what the council would really decide.",
      ),
      linkNote,
    ),
  );
  title.id = "briefing-title";
  document.getElementById("main").prepend(article);
  return { printButton, backOfficer, title, meta, about, scenario, headline, charts, table, reserves, risk, sources, linkNote };
}

/** The headline figures and warnings for a projection. */
function headlineFigures(p) {
  const years = p.years.map((y) => y.year);
  const first = years[0];
  const last = years[years.length - 1];
  const final = p.years[p.years.length - 1];
  const sm = p.summary;
  const fig = (term, value, detail) => el("div", { class: "briefing__figure" }, el("dt", {}, term), el("dd", { class: "briefing__value" }, value), detail ? el("dd", {}, detail) : null);
  return [
    el(
      "dl",
      { class: "briefing__figures" },
      fig(
        `Gap to fill in ${last}`,
        spare(final.total_gap),
        `Budget gap ${spare(final.gap)}; ${isNegative(final.shortfall) ? `savings delivered early ${moneyWords(magnitude(final.shortfall))}` : `savings not delivered ${moneyWords(final.shortfall)}`}.`,
      ),
      fig(`Budget gaps added up, ${first} to ${last}`, moneyWords(sm.cumulative_gap)),
      fig(`Reserves at the end of ${last}`, moneyWords(final.total_reserves), `Safe minimum ${moneyWords(final.reserves_minimum)}; lowest ${moneyWords(sm.lowest_total_reserves)} in ${sm.lowest_total_reserves_year}.`),
      fig(
        "Money set aside to bridge gaps runs out",
        sm.first_unfunded_year ? `In ${sm.first_unfunded_year}` : `No: it lasts to ${last}`,
        sm.first_below_minimum_year ? `Reserves below the safe minimum from ${sm.first_below_minimum_year}.` : "Reserves stay at or above the safe minimum.",
      ),
      fig(`Band D council tax in ${last}`, money(sm.final_band_d), weeklyWords(sm.weekly_change_since_base.D, p.base_year)),
      fig("Local referendum needed", sm.referendum_years.length ? sm.referendum_years.join(", ") : "No"),
    ),
    sm.warnings.length ? el("div", { class: "briefing__warnings" }, el("h3", {}, "Warnings"), el("ul", {}, ...sm.warnings.map((w) => el("li", {}, w)))) : el("p", {}, "No warnings: the budget balances every year using the planned reserves."),
  ];
}

/** The briefing's text, charts and tables for a settled state. */
function draw(v, s) {
  const p = s.projection;
  const years = p.years.map((y) => y.year);
  const [first, last] = [years[0], years[years.length - 1]];
  document.title = `Budget briefing: ${p.council}, ${today()}`;
  v.title.textContent = `${p.council}: budget scenario, ${first} to ${last}`;
  v.meta.textContent = `Prepared on ${today()}${s.ownFile ? `, from the data file ${s.ownFile}` : ""}. Money in £'000 unless stated.`;
  v.about.textContent = s.data.description ?? "";
  const words = describeChoices(s);
  v.scenario.replaceChildren(
    ...inWords(words),
    el("h3", { class: "briefing__subhead" }, "The options chosen"),
    choicesTable(p, "briefing-choices-table"),
    el("h3", { class: "briefing__subhead" }, "Every choice in this scenario"),
    el("ul", { class: "briefing__choices" }, ...words.map(([t, differs]) => el("li", differs ? { class: "briefing__changed" } : {}, t, differs ? " (changed)" : ""))),
  );
  v.headline.replaceChildren(...headlineFigures(p));
  v.charts.replaceChildren(ownIds(gapChart(p, 520), "briefing"), ownIds(reservesChart(p, 520), "briefing"));
  v.table.replaceChildren(mtfsTable(p, "briefing-mtfs", `${p.council}: medium-term financial strategy, £'000`), el("p", { class: "officer-note" }, ROUNDING));
  v.reserves.replaceChildren(
    el("p", {}, "Money added is shown plain; money taken out is in brackets, so each year's column adds up to the balance at its end."),
    reservesTable(p, "briefing-reserve-moves", "Movements in each reserve, £'000"),
  );
  const link = `${location.origin}${address(null, s.fragment)}`;
  v.linkNote.replaceChildren(...(s.ownFile ? [] : ["To see this scenario in the calculator, open ", el("a", { href: link }, link), "."]));
  v.backOfficer.href = address("officer", s.ownFile ? "" : s.fragment);
}

/** The briefing, following the page's choices once they settle. */
export function briefingView(store) {
  document.documentElement.classList.add("briefing-mode");
  const v = layout();
  // Printing waits for the list of sources and the chances, which come from the second module.
  let sourcesReady = Promise.resolve();
  let riskReady = Promise.resolve();
  v.printButton.addEventListener("click", () => Promise.allSettled([sourcesReady, riskReady]).finally(() => print()));
  const risk = createBriefingRisk(v.risk);
  let asked = null;
  let calculator = null;
  let shown = null;
  store.subscribe((s) => {
    if (!s.settled && shown) return;
    shown = s;
    draw(v, s);
    const key = JSON.stringify(s.scenario);
    if (s.calculator !== calculator || key !== asked) {
      asked = key;
      riskReady = risk.ask(s);
    }
    if (s.calculator !== calculator) {
      calculator = s.calculator;
      sourcesReady = figuresOf(s.data).then(
        (figures) => {
          if (calculator === s.calculator) v.sources.replaceChildren(assumptions(s.data, figures, { heading: "h2", subheading: "h3", idPrefix: "briefing" }));
        },
        (error) => v.sources.replaceChildren(el("p", { class: "error-text" }, `The assumptions and sources could not be listed: ${error.message}`)),
      );
    }
  });
}
