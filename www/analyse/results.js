// The results: what was analysed and how, the headline counts, downloads, the groups,
// the figures for all responses or one group, the residents' budget, and every row that
// could not be used. Drawn a part at a time, each in its own task, so the page answers
// while a large analysis is drawn (no task near 50 ms); a newer result stops an older draw.
import { el } from "../ui/dom.js";
import { budgetSection } from "./budget.js";
import { downloadsPart } from "./downloads.js";
import { groupsSection, summaryFor } from "./groups.js";
import { refusedSection } from "./refused.js";
import { councilTax, optionPart, optionsSection, reservesAndBalance, viewsSection } from "./summary.js";
import { count, nextTask, plural, today } from "./text.js";

/** How the links were found, the council's data, the grouping and the threshold, in words. */
function settingsWords(result) {
  const a = result.analysis;
  const s = a.settings;
  const links =
    result.kind !== "csv"
      ? "Each item's fragment (or link) was read."
      : s.column
        ? `The links were read from the column “${s.column}”.`
        : `The links were read from the column the calculator found${result.detectedLink ? ", “" + result.detectedLink + "”" : ""}.`;
  const data = result.dataName ? `with the data file ${result.dataName} (${a.council})` : `with ${a.council}'s data, the calculator's own`;
  const groups = s.group ? ` Grouped by “${s.group}”; groups with fewer than ${plural(s.min_group, "response")} are not shown on their own.` : ` Not grouped (the smallest group shown would be ${s.min_group}).`;
  return `${result.fileName}, worked out ${data} on ${today(result.made)}. ${links}${groups}`;
}

function head(result) {
  const a = result.analysis;
  const figure = (term, value, id) => el("div", { class: "figure" }, el("dt", { class: "figure__term" }, term), el("dd", { class: "figure__value", id }, value));
  return [
    el(
      "header",
      { class: "print-only analyse-print-head" },
      el("p", { class: "briefing__kicker" }, "Consultation responses: summary for officers"),
      el("p", { class: "analyse-print-title" }, `${a.council}: what ${plural(a.valid, "response")} chose`),
      el("p", { class: "briefing__meta" }, `Prepared on ${today(result.made)}.`),
    ),
    el("h2", { id: "results-heading", class: "heading-m", tabindex: "-1" }, "Results"),
    el("p", { id: "results-about" }, settingsWords(result)),
    el(
      "dl",
      { class: "figures analyse-counts" },
      figure(result.kind === "csv" ? "Rows read (not counting the header)" : "Items read", count(a.rows), "count-rows"),
      figure("Responses used", count(a.valid), "count-valid"),
      figure("Could not be used", count(a.refused.length), "count-refused"),
    ),
    a.refused.length ? el("p", { class: "analyse-to-refused" }, el("a", { href: "#refused" }, `Every row that could not be used, with the reason`), ".") : null,
    downloadsPart(result),
  ].filter(Boolean);
}

/** The steps drawing one summary's figures into `node`, for all responses or a group. */
function viewSteps(node, result, view, measure) {
  const a = result.analysis;
  const s = summaryFor(a, view);
  const prefix = view === "all" ? "all" : `g${a.groups.findIndex((g) => g.name === view)}`;
  const plans = new Map(result.options.map((o) => [o.id, o.plan_level]));
  const context = { years: a.years, plans, prefix, width: 960 };
  const options = optionsSection(prefix, s);
  const views = viewsSection(prefix, s);
  const title = view === "all" ? `Figures for all ${plural(s.responses, "response")}` : `Figures for the group “${view}” (${plural(s.responses, "response")})`;
  const first = () => {
    node.replaceChildren(el("h2", { class: "heading-m analyse-view-heading", id: `${prefix}-heading` }, title));
    context.width = measure();
    node.append(s.responses ? options : el("p", {}, "No response could be used, so there are no figures."));
  };
  if (!s.responses) return [first];
  return [
    first,
    ...s.options.map((o) => () => options.append(optionPart(o, context))),
    () => node.append(councilTax(s, context)),
    () => node.append(reservesAndBalance(s, context)),
    ...(s.views.length ? [() => node.append(views), ...s.views.map((o) => () => views.append(optionPart(o, { ...context, isView: true })))] : []),
  ];
}

/** Builds the results section into `root`; returns { render(state, prev), settled() }. */
export function createResults(root, actions) {
  const section = el("section", { id: "analyse-results", class: "analyse-results", "aria-labelledby": "results-heading", hidden: "" });
  root.append(section);
  let drawing = Promise.resolve();
  let current = null; // the draw under way: a newer one ends it
  let refused = null;
  let viewNode = el("div");
  const measure = () => Math.max(280, Math.min(960, viewNode.clientWidth || 960));

  async function draw(steps) {
    const token = {};
    current = token;
    for (const step of steps) {
      if (current !== token) return false;
      step();
      await nextTask();
    }
    return current === token;
  }

  async function drawAll(state) {
    const result = state.result;
    refused = null;
    section.hidden = !result;
    if (!result) {
      current = null;
      section.replaceChildren();
      return;
    }
    const a = result.analysis;
    viewNode = el("div", { id: "analyse-view" });
    const done = await draw([
      () => section.replaceChildren(...head(result)),
      () => section.append(...(a.settings.group ? [groupsSection(result, state.view, actions)] : []), viewNode),
      ...viewSteps(viewNode, result, state.view, measure),
      () => section.append(budgetSection(result)),
      () => {
        refused = refusedSection(result, actions);
        section.append(refused.node);
        refused.show(state.refusedPage);
      },
    ]);
    if (done) shown(section);
  }

  return {
    render(state, prev) {
      if (state.result !== prev?.result) drawing = drawAll(state);
      else if (state.view !== prev?.view && state.result) drawing = draw(viewSteps(viewNode, state.result, state.view, measure));
      if (state.refusedPage !== prev?.refusedPage) refused?.show(state.refusedPage);
    },
    settled: () => drawing,
  };
}

/** The results are all drawn: the reader is taken to them, and the time is recorded. */
function shown(section) {
  section.querySelector("#results-heading")?.focus();
  performance.mark("mtfs:analyse-shown");
  if (performance.getEntriesByName("mtfs:analyse-start", "mark").length) performance.measure("mtfs:analyse", "mtfs:analyse-start", "mtfs:analyse-shown");
}
