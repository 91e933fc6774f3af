// The downloads, made in the browser from what the worker gave: every figure as CSV and
// the whole analysis as JSON (each byte for byte what `mtfs analyse --format csv|json`
// prints), and the printed summary.
import { slug } from "../core/format.js";
import { el, setText } from "../ui/dom.js";
import { download } from "../ui/download.js";
import { nextTask } from "./text.js";

export function downloadsPart(result) {
  const a = result.analysis;
  // The smallest group shown is in the JSON's settings; the CSV (the command line's, line
  // for line) carries it in its name.
  const stem = `responses-${slug(a.council)}-${result.made.toISOString().slice(0, 10)}-min-group-${a.settings.min_group}`;
  const csv = el("button", { type: "button", class: "button", id: "download-csv" }, "Download every figure (CSV)");
  const json = el("button", { type: "button", class: "button button--secondary", id: "download-json" }, "Download the analysis (JSON)");
  const print = el("button", { type: "button", class: "button button--secondary", id: "print-summary" }, "Print a summary (A4)");
  const status = el("p", { class: "analyse-status", id: "download-status", role: "status" });
  const say = (text) => {
    setText(status, "");
    nextTask().then(() => setText(status, text));
  };
  csv.addEventListener("click", () => {
    download(`${stem}.csv`, "text/csv;charset=utf-8", result.csv);
    say(`Downloaded ${stem}.csv.`);
  });
  json.addEventListener("click", () => {
    download(`${stem}.json`, "application/json", result.json);
    say(`Downloaded ${stem}.json.`);
  });
  print.addEventListener("click", () => print.ownerDocument.defaultView.print());
  return el(
    "div",
    { class: "analyse-downloads" },
    el("h3", { id: "downloads-heading" }, "Downloads"),
    el(
      "p",
      { class: "hint" },
      `Every figure as a spreadsheet (CSV: a line for each figure, as group, section, item, year, count, value) or the whole analysis (JSON, format ${a.format}), the same as the command line's “mtfs analyse”. The smallest group shown (${a.settings.min_group}) is in the JSON's settings and in both files' names. They are made on this computer.`,
    ),
    el("div", { class: "analyse-buttons" }, csv, json, print),
    status,
  );
}
