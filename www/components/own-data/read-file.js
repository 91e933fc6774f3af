// "Use your own council's data", the reading half: a file from the person's computer is
// read here, in the browser (nothing is uploaded), parsed and checked by the engine. Loaded
// only when someone chooses or drops a file, so a first visit does not carry it.
import { el } from "../../ui/dom.js";
import { tr } from "../../core/language.js";

/** What JSON.parse said, with the line and column of the mistake where it gives a position. */
export function parseProblem(text, error) {
  const message = error.message.replace(/^JSON\.parse: /, "");
  if (/line \d+ column \d+/.test(message)) return `The file is not valid JSON: ${message}.`;
  const at = /position (\d+)/.exec(message);
  if (!at) return `The file is not valid JSON: ${message}.`;
  const lines = text.slice(0, Number(at[1])).split("\n");
  return `The file is not valid JSON: ${message}, which is line ${lines.length}, column ${lines[lines.length - 1].length + 1}.`;
}

/**
 * The largest file read. A council's data file is about 100 to 300 kB (Hampshire's, 76 kB);
 * the engine takes about a millisecond to read and check every 3 kB, on the page's thread.
 */
export const MAX_BYTES = 500_000;
/** How deep a file's lists and objects may nest: the data format needs 7 levels. */
const MAX_DEPTH = 32;
/** The most mistakes listed, and the most characters of each shown. */
const MAX_ITEMS = 50;
const MAX_ITEM_LENGTH = 300;

/** A file the calculator cannot use, and why in plain words. */
export class Unusable extends Error {}

const size = (bytes) =>
  bytes < 1_000_000 ? `${Math.ceil(bytes / 1000).toLocaleString("en-GB")} kB` : `${(bytes / 1_000_000).toLocaleString("en-GB", { maximumFractionDigits: 1 })} MB`;
/** Lets the page answer between the steps of reading a file. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve));

/** The file's text: its size checked before it is read, and UTF-8 required. `kind` says what
 *  the file should hold, for the message when it is not text. */
export async function readText(file, kind = "A data file is JSON text saved as UTF-8.") {
  if (file.size === 0) throw new Unusable("The file is empty.");
  if (file.size > MAX_BYTES) {
    throw new Unusable(
      `The file is ${size(file.size)}, more than the ${size(MAX_BYTES)} the calculator reads. A council's data file is about 100 to 300 kB, so this is probably not one.`,
    );
  }
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    throw new Unusable(`The file could not be read (${error.message}).`);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new Unusable('The file is saved as UTF-16 text. Save it as UTF-8 (most editors offer the choice under "Save as") and choose it again.');
  }
  const notText = `The file is not UTF-8 text: it may be a spreadsheet, a PDF or another kind of file, or text saved in another encoding. ${kind}`;
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Unusable(notText);
  }
  if (text.includes("\0")) throw new Unusable(notText);
  return text;
}

/** Whether the JSON text's arrays and objects nest deeper than `limit` (text in strings skipped). */
function nestsDeeper(text, limit) {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // A string: on to its closing quote, stepping over escapes.
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 91 || c === 123) {
      if (++depth > limit) return true;
    } else if (c === 93 || c === 125) {
      depth--;
    }
  }
  return false;
}

/** The file's JSON: one object, not nested deeper than a data file could be. */
function parse(text) {
  // Checked before parsing: JSON.parse of a megabyte of "[[[[…" takes a long time.
  if (nestsDeeper(text, MAX_DEPTH)) {
    throw new Unusable(`The file's lists and objects are nested more than ${MAX_DEPTH} deep. A council's data file nests 7 deep at most, so this is not one.`);
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Unusable(parseProblem(text, error));
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    const what = data === null ? "only null" : Array.isArray(data) ? "a list" : typeof data === "string" ? "a piece of text" : `a ${typeof data}`;
    throw new Unusable(`The file holds ${what}, not a council's data set. A data file is one JSON object: { "format": "mtfs-council-data/1", "council": …, … }.`);
  }
  return data;
}

/** Said when the engine itself failed on a file (it restarts itself: core/engine.js, keepRunning). */
export const ENGINE_FAILED =
  "The calculator hit a problem of its own while checking the file, so it cannot use it or say which figure caused it. Figures far outside any council's (rises of thousands of per cent, or amounts with dozens of digits) can do this: check the figures against the guide.";

/**
 * The files chosen or dropped together: one data file (JSON), or a data set's spreadsheet
 * files (CSV; read-csv.js, loaded only for them). Resolves to `readDataFile`'s answer (with
 * `json`, the data file's text, for spreadsheet files) and `name`, the files as the page
 * names them.
 */
export async function readFiles(files, engine) {
  if (files.some((file) => /\.csv$/i.test(file.name))) {
    const sheets = await import("./read-csv.js");
    return { name: tr("the {n} spreadsheet files", { n: files.length }), ...(await sheets.readCsvFiles(files, await engine.ready())) };
  }
  if (files.length > 1) return { name: files[0].name, problems: ["Choose one data file (JSON), or all of a data set's spreadsheet files (CSV) together."] };
  return { name: files[0].name, ...(await readDataFile(files[0], await engine.ready())) };
}

/**
 * Reads and checks a data file: resolves to { data, calculator }, or to { problems } — every
 * mistake found, in plain words, each with its field's path where there is one.
 */
export async function readDataFile(file, engine) {
  let data;
  try {
    data = parse(await readText(file));
  } catch (error) {
    if (error instanceof Unusable) return { problems: [error.message] };
    throw error;
  }
  return checkData(data, engine);
}

/** Checks a data set (parsed JSON) with the page's engine, as `readDataFile` does. */
export async function checkData(data, engine) {
  try {
    await nextTask();
    const calculator = new engine.Calculator(data);
    await nextTask();
    calculator.project(null); // the plan must work out before the page shows it
    return { data, calculator };
  } catch (error) {
    if (error.name === "EngineFailure") return { problems: [ENGINE_FAILED] };
    if (!error.problems) return { problems: [error.message] };
    return { problems: error.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)) };
  }
}

/** A mistake as listed: a very long one (quoting a huge value, say) is cut short. */
const clip = (text) => (text.length > MAX_ITEM_LENGTH ? `${text.slice(0, MAX_ITEM_LENGTH)}…` : text);

/** The error summary for a file that cannot be used, while `council`'s figures stay. */
export function problemSummary(name, council, items) {
  return el(
    "div",
    { class: "error-summary", role: "alert", tabindex: "-1", "aria-labelledby": "own-data-error-title" },
    el("h3", { id: "own-data-error-title", class: "error-summary__title" }, tr("There is a problem with the file")),
    el(
      "p",
      {},
      `${tr(items.length === 1 ? "The calculator cannot use {file}, so it still shows {council}'s figures. Correct the mistake listed below, then choose the file again." : "The calculator cannot use {file}, so it still shows {council}'s figures. Correct each of the {n} mistakes listed below, then choose the file again.", { file: name, council, n: items.length })} `,
      el("a", { href: "data-guide.html" }, tr("The guide to preparing a data file")),
      ` ${tr("explains each part of the file.")}`,
    ),
    el(
      "ul",
      { class: "error-summary__list" },
      ...items.slice(0, MAX_ITEMS).map((item) => el("li", {}, clip(item))),
      ...(items.length > MAX_ITEMS ? [el("li", {}, tr("And {n} more.", { n: items.length - MAX_ITEMS }))] : []),
    ),
  );
}
