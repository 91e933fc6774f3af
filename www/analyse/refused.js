// The rows that could not be used: every one, by number and reason. On screen, the count
// for each reason and every row in pages of PAGE; in print, each reason with all its row
// numbers, so the paper lists every row too.
import { el, setText } from "../ui/dom.js";
import { table } from "./bars.js";
import { count, plural, sentence } from "./text.js";

/** Refused rows shown a page at a time. */
export const PAGE = 50;

/** [{ reason, rows: [row numbers] }], the commonest reason first. */
export function byReason(refused) {
  const groups = new Map();
  for (const r of refused) {
    const reason = sentence(r.reason);
    if (!groups.has(reason)) groups.set(reason, []);
    groups.get(reason).push(r.row);
  }
  return [...groups].map(([reason, rows]) => ({ reason, rows })).sort((a, b) => b.rows.length - a.rows.length || (a.reason < b.reason ? -1 : 1));
}

const rowWord = (kind) => (kind === "csv" ? "row" : "item");

/** The section: returns { node, show(page) } — show draws one page of the list. */
export function refusedSection(result, actions) {
  const a = result.analysis;
  const word = rowWord(result.kind);
  const intro =
    a.refused.length === 0
      ? `Every one of the ${plural(a.rows, word)} could be used.`
      : `${count(a.refused.length)} of the ${plural(a.rows, word)} could not be used. Each is listed with its number${
          result.kind === "csv" ? " as a spreadsheet shows it (the header is row 1)" : " (the first item is 1)"
        } and the reason. They are in the downloads too.`;
  const node = el("section", { class: "analyse-section", id: "refused", "aria-labelledby": "refused-heading" }, el("h2", { id: "refused-heading", class: "heading-m" }, "Rows that could not be used"), el("p", { id: "refused-intro" }, intro));
  if (a.refused.length === 0) return { node, show() {} };
  const reasons = byReason(a.refused);
  node.append(
    table({ id: "refused-reasons", caption: "Rows that could not be used, by reason", head: ["Reason", "Rows"], rows: reasons.map((r) => [r.reason, count(r.rows.length)]), className: "analyse-reasons" }),
    printList(reasons, word),
  );
  const list = el("div", { id: "refused-list" });
  const status = el("p", { class: "analyse-pager__status", id: "refused-status", role: "status" });
  const previous = el("button", { type: "button", class: "button button--secondary", id: "refused-previous" }, `Previous ${PAGE}`);
  const next = el("button", { type: "button", class: "button button--secondary", id: "refused-next" }, `Next ${PAGE}`);
  const pages = Math.ceil(a.refused.length / PAGE);
  node.append(el("h3", { class: "analyse-screen-only" }, `Every ${word} that could not be used`), list, el("div", { class: "analyse-pager", hidden: pages === 1 ? "" : undefined }, previous, next, status));
  let page = 0;
  previous.addEventListener("click", () => actions.setRefusedPage(page - 1));
  next.addEventListener("click", () => actions.setRefusedPage(page + 1));
  return {
    node,
    show(wanted) {
      page = Math.max(0, Math.min(pages - 1, wanted));
      const from = page * PAGE;
      const rows = a.refused.slice(from, from + PAGE);
      const caption = pages === 1 ? `Every ${word} that could not be used` : `${word === "row" ? "Rows" : "Items"} that could not be used, ${count(from + 1)} to ${count(from + rows.length)} of ${count(a.refused.length)}`;
      list.replaceChildren(table({ id: "refused-table", caption, head: [word === "row" ? "Row" : "Item", "Reason"], rows: rows.map((r) => [String(r.row), sentence(r.reason)]), className: "analyse-refused analyse-screen-only" }));
      // A button that can no longer be pressed passes the focus to the other one.
      const focused = document.activeElement;
      previous.disabled = page === 0;
      next.disabled = page === pages - 1;
      if (focused?.disabled) (focused === previous ? next : previous).focus();
      setText(status, `Page ${page + 1} of ${pages}: showing ${count(from + 1)} to ${count(from + rows.length)} of the ${count(a.refused.length)} listed.`);
    },
  };
}

/** For print: each reason and every row number with it. */
function printList(reasons, word) {
  return el(
    "div",
    { class: "print-only analyse-print-refused" },
    el("h3", {}, `Every ${word} that could not be used, by reason`),
    el("dl", {}, ...reasons.flatMap((r) => [el("dt", {}, `${r.reason} (${plural(r.rows.length, word)})`), el("dd", {}, r.rows.join(", "))])),
  );
}
