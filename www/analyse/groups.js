// The groups: which are shown and how many were held back as too small, the main figures
// of each side by side, and the choice of whose figures the page shows below.
import { el } from "../ui/dom.js";
import { table } from "./bars.js";
import { count, plural, share } from "./text.js";

/** The summary the page shows: all responses, or the named group's. */
export function summaryFor(analysis, view) {
  if (view === "all") return analysis.all;
  return analysis.groups.find((g) => g.name === view)?.summary ?? analysis.all;
}

/** Words for the groups held back: "2 groups with fewer than 10 responses (14 in all) are not shown…". */
export function heldBack(a) {
  const n = a.small_groups;
  const min = a.settings.min_group;
  if (n === 0) return `No group has fewer than ${plural(min, "response")}, so every group is shown.`;
  return `${plural(n, "group")} with fewer than ${plural(min, "response")} (${plural(a.small_group_responses, "response")} in all) ${n === 1 ? "is" : "are"} not shown on ${n === 1 ? "its" : "their"} own, so nobody can be picked out; ${n === 1 ? "its" : "their"} responses count in the figures for all responses.`;
}

export function groupsSection(result, view, actions) {
  const a = result.analysis;
  const node = el(
    "section",
    { class: "analyse-section", id: "groups", "aria-labelledby": "groups-heading" },
    el("h3", { id: "groups-heading" }, `Groups by “${a.settings.group}”`),
    el("p", { id: "groups-shown" }, a.groups.length ? `${plural(a.groups.length, "group")} shown.` : "No group is large enough to show on its own."),
    el("p", { id: "groups-held-back" }, heldBack(a)),
  );
  if (a.groups.length === 0) return node;
  const [first, last] = [a.years[0], a.years[a.years.length - 1]];
  node.append(
    table({
      id: "groups-table",
      caption: "The groups side by side (share of each group's responses, and number)",
      head: ["Group", "Responses", `Would need a referendum in ${first}`, "Draw on reserves", `Balance in ${last}`],
      rows: [["All responses", a.all], ...a.groups.map((g) => [g.name, g.summary])].map(([name, s]) => [
        name,
        count(s.responses),
        share(s.years[0].referendum),
        share(s.reserves.using),
        share(s.years[s.years.length - 1].balanced),
      ]),
    }),
  );
  const select = el(
    "select",
    { class: "select", id: "view-select" },
    el("option", { value: "all" }, `All responses (${count(a.all.responses)})`),
    ...a.groups.map((g) => el("option", { value: g.name }, `${g.name} (${count(g.summary.responses)})`)),
  );
  select.value = view;
  select.addEventListener("change", () => actions.setView(select.value));
  node.append(el("div", { class: "analyse-field analyse-view-picker" }, el("label", { class: "lever__label", for: "view-select" }, "Show the figures below for"), select));
  return node;
}
