// A table with one column per year, built once and then updated in place, so a table a
// person is reading (or a screen reader is in) stays where it is. In a scrollable region a
// keyboard can reach.
import { el, setText } from "./dom.js";

/**
 * `rows` are [label, value(yearResult, ctx), kind?] (a label may be a function of ctx), or a
 * group heading string. Returns { element, update(projection, ctx) }.
 */
export function yearTable({ id, caption, years, rows, firstHeader = "", rowClass = "" }) {
  const cells = [];
  const labels = [];
  const bodies = [];
  let body = null;
  for (const row of rows) {
    if (typeof row === "string") {
      body = el("tbody", {}, el("tr", { class: "section" }, el("th", { scope: "rowgroup", colspan: String(years.length + 1) }, row)));
      bodies.push(body);
      continue;
    }
    if (!body) {
      body = el("tbody");
      bodies.push(body);
    }
    const [label, value, kind] = row;
    const th = el("th", { scope: "row", ...(rowClass ? { class: rowClass } : {}) });
    const tds = years.map(() => el("td", { class: "num" }));
    const tr = el("tr", kind ? { class: kind } : {}, th, ...tds);
    body.append(tr);
    labels.push([th, label, tr]);
    cells.push([tds, value]);
  }
  const table = el(
    "table",
    { class: "table" },
    el("caption", { id: `${id}-caption` }, caption),
    el("thead", {}, el("tr", {}, firstHeader ? el("th", { scope: "col" }, firstHeader) : el("td"), ...years.map((y) => el("th", { scope: "col", class: "num" }, y)))),
    ...bodies,
  );
  const element = el("div", { class: "table-wrap", role: "region", "aria-labelledby": `${id}-caption`, tabindex: "0" }, table);
  return {
    element,
    update(projection, ctx) {
      for (const [th, label, tr] of labels) {
        setText(th, typeof label === "function" ? label(ctx) : label);
        if (tr.dataset.band) tr.classList.toggle("chosen", tr.dataset.band === ctx.band);
      }
      for (const [tds, value] of cells) projection.years.forEach((y, i) => setText(tds[i], value(y, ctx)));
    },
  };
}
