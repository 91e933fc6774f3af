// The analysis page's worker: reads a consultation export in pieces and re-runs every
// response through the engine (the second module's ResponseAnalyser, src/analysis.rs),
// off the page's main thread, so the page answers throughout. The page cancels a run by
// ending this worker (terminate) and starting another.
//
// Messages in:
//   { type: "peek", id, file }                     what the file is, and its columns
//   { type: "options", id, data }                  the council's options, for typing in paper
//                                                  responses (analyse/paper.js)
//   { type: "links", id, data, responses }         responses: [{ option id: level id }]; the
//                                                  engine's link (calculator.link) for each
//   { type: "run", id, file, data, settings }      data: the council's data file (a File),
//                                                  or null for Hampshire's; settings:
//                                                  { column, group, min_group }
// Messages out:
//   { type: "peek", id, kind, columns, link, size }  kind: "csv" | "json" | "jsonl";
//                                                  link: the column the engine would take
//   { type: "options", id, optionList }             calculator.options()
//   { type: "links", id, fragments }               one link fragment per response
//   { type: "progress", id, phase, rows, bytes, total }  phase: "reading" | "finishing"
//   { type: "done", id, analysis, csv, json, options, ms }  csv and json: the downloads,
//                                                  byte for byte as `mtfs analyse` prints them
//   { type: "failed", id, stage, message, problems, trap }  stage: "data" | "file" |
//                                                  "analysis"; trap: the engine failed (a
//                                                  bug), so the page replaces this worker
import init, { Calculator, ResponseAnalyser } from "../pkg/mtfs_insight.js";
import { detectLink, fieldsOf, firstArrayItem, firstLine, fragmentOf, groupOf, kindOf, lineSplitter, lineValue, records } from "./sniff.js";

/** Bytes read and pushed at a time. */
const PIECE = 256 * 1024;
/** How much of a file is read to tell its kind and columns. */
const PEEK = 64 * 1024;
/** JSON items handed over between progress messages. */
const BATCH = 2000;
/** The largest council data file read (as the main page: a council's is 100 to 300 kB). */
const MAX_DATA_BYTES = 500_000;
/** A JSON array is parsed whole: the largest read. */
const MAX_JSON_BYTES = 200_000_000;

// Started at once, so the engine is compiled and Hampshire's data read before a file is chosen.
const ready = init();
const hampshire = ready
  .then(() => fetch(new URL("../data/hampshire.json", import.meta.url)))
  .then((response) => {
    if (!response.ok) throw new Problem("data", `The council's data could not be loaded (${response.status}).`);
    return response.json();
  })
  .then((data) => ({ calculator: new Calculator(data), options: data.options ?? [] }));
hampshire.catch(() => {}); // reported when a run needs it
let own = null; // { key, calculator, options } for the last data file chosen

/** A reason the analysis cannot run, in plain words. */
class Problem extends Error {
  constructor(stage, message, problems = []) {
    super(message);
    this.stage = stage;
    this.problems = problems;
  }
}

const text = (file, from, to) => file.slice(from, to).text();
const bytesOf = async (file, from, to) => new Uint8Array(await file.slice(from, to).arrayBuffer());

async function peek({ id, file }) {
  const head = await text(file, 0, PEEK);
  const kind = kindOf(head);
  let columns = [];
  let link = null;
  if (kind === "csv") {
    const [header = [], first = []] = records(head, 2, file.size <= PEEK);
    columns = header.map((h) => h.trim());
    link = detectLink(header, first);
    link = link === null ? null : link.trim();
  } else {
    columns = fieldsOf(kind === "json" ? firstArrayItem(head) : firstLine(head));
  }
  postMessage({ type: "peek", id, kind, columns, link, size: file.size });
}

/** The run's council, Hampshire's or the data file's: { calculator, options }. */
async function councilFor(data) {
  await ready;
  if (!data) {
    return hampshire.catch((error) => {
      throw error instanceof Problem ? error : new Problem("data", `Hampshire's data could not be loaded (${error.message}).`);
    });
  }
  const key = `${data.name}\n${data.size}\n${data.lastModified}`;
  if (own?.key === key) return own;
  if (data.size > MAX_DATA_BYTES) {
    throw new Problem("data", `The data file is ${Math.ceil(data.size / 1000).toLocaleString("en-GB")} kB, more than the ${MAX_DATA_BYTES / 1000} kB the calculator reads. A council's data file is about 100 to 300 kB.`);
  }
  let parsed;
  try {
    parsed = JSON.parse(await data.text());
  } catch (error) {
    throw new Problem("data", `The data file is not valid JSON: ${error.message}.`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new Problem("data", 'The data file is not a council\'s data set: a data file is one JSON object, { "format": "mtfs-council-data/1", … }.');
  }
  let calculator;
  try {
    calculator = new Calculator(parsed);
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) throw error;
    const problems = (error.problems ?? []).map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
    throw new Problem("data", "The calculator cannot use the data file.", problems.length ? problems : [error.message]);
  }
  own?.calculator.free();
  own = { key, calculator, options: parsed.options ?? [] };
  return own;
}

function progress(id, phase, rows, bytes, total) {
  postMessage({ type: "progress", id, phase, rows, bytes, total });
}

/** A CSV file, pushed in pieces; the next piece is read while this one is analysed. */
async function pushCsv(id, file, analyser) {
  let offset = 0;
  let next = bytesOf(file, 0, PIECE);
  while (offset < file.size) {
    const bytes = await next;
    offset += bytes.length;
    if (offset < file.size) next = bytesOf(file, offset, offset + PIECE);
    analyser.push(bytes);
    progress(id, "reading", analyser.rows(), offset, file.size);
  }
}

/** JSON lines, one response a line, read in pieces. */
async function pushLines(id, file, analyser, group) {
  let row = 0;
  const lines = lineSplitter((line) => {
    const item = lineValue(line);
    row += 1;
    analyser.pushFragment(row, fragmentOf(item), groupOf(item, group));
  });
  const decoder = new TextDecoder();
  for (let offset = 0; offset < file.size; offset += PIECE) {
    const bytes = await bytesOf(file, offset, offset + PIECE);
    lines.push(decoder.decode(bytes, { stream: true }));
    progress(id, "reading", row, Math.min(file.size, offset + PIECE), file.size);
  }
  lines.push(decoder.decode());
  lines.finish();
}

/** A JSON array, read whole, then handed over item by item. */
async function pushArray(id, file, analyser, group) {
  if (file.size > MAX_JSON_BYTES) {
    throw new Problem("file", `The file is ${Math.round(file.size / 1e6)} MB, more than the ${MAX_JSON_BYTES / 1e6} MB of JSON the page reads at once. Save the responses as CSV or JSON lines (one a line), which are read in pieces.`);
  }
  const decoder = new TextDecoder();
  let whole = "";
  for (let offset = 0; offset < file.size; offset += PIECE) {
    whole += decoder.decode(await bytesOf(file, offset, offset + PIECE), { stream: true });
    progress(id, "reading", 0, Math.min(file.size, offset + PIECE) / 2, file.size);
  }
  whole += decoder.decode();
  let items;
  try {
    items = JSON.parse(whole.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new Problem("file", `The file is not a JSON array of responses: ${error.message}.`);
  }
  if (!Array.isArray(items)) throw new Problem("file", "The file is not a JSON array of responses.");
  whole = "";
  for (let i = 0; i < items.length; i += 1) {
    analyser.pushFragment(i + 1, fragmentOf(items[i]), groupOf(items[i], group));
    if ((i + 1) % BATCH === 0 || i + 1 === items.length) {
      progress(id, "reading", i + 1, file.size / 2 + ((i + 1) / items.length) * (file.size / 2), file.size);
    }
  }
}

async function run({ id, file, data, settings }) {
  const start = performance.now();
  const council = await councilFor(data);
  // What the page needs of the options beyond the analysis: each one's plan level.
  const options = council.options.map((o) => ({ id: o.id, plan_level: o.plan_level, theme: o.theme }));
  if (file.size === 0) throw new Problem("file", "The file is empty.");
  const head = await bytesOf(file, 0, 2);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new Problem("file", 'The file is saved as UTF-16 text. Save it as UTF-8 (spreadsheet programs offer "CSV UTF-8" under "Save as") and choose it again.');
  }
  const kind = kindOf(await text(file, 0, PEEK));
  const analyser = new ResponseAnalyser(council.calculator, settings);
  try {
    if (kind === "csv") await pushCsv(id, file, analyser);
    else if (kind === "jsonl") await pushLines(id, file, analyser, settings.group);
    else await pushArray(id, file, analyser, settings.group);
    progress(id, "finishing", analyser.rows(), file.size, file.size);
    let finished;
    try {
      finished = analyser.finish();
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) throw error;
      throw new Problem("analysis", error.message, (error.problems ?? []).map((p) => p.message));
    }
    // Byte for byte what `mtfs analyse --format json|csv` prints (serde_json's pretty
    // printer writes as JSON.stringify does with two spaces; println! adds the newline).
    const json = `${JSON.stringify(finished.analysis, null, 2)}\n`;
    postMessage({ type: "done", id, analysis: finished.analysis, csv: `${finished.csv}\n`, json, options, kind, ms: performance.now() - start });
  } finally {
    analyser.free();
  }
}

/** The council's options (calculator.options()), for the paper response form's codes. */
async function options({ id, data }) {
  const { calculator } = await councilFor(data);
  postMessage({ type: "options", id, optionList: calculator.options() });
}

/**
 * Each typed-in paper response's link, written by the engine (calculator.link), the same link
 * an online response with those choices carries. A choice the data does not have is refused.
 */
async function links({ id, data, responses }) {
  const { calculator } = await councilFor(data);
  const fragments = responses.map((choices) => {
    try {
      return calculator.link({ choices });
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) throw error;
      throw new Problem("paper", error.message, (error.problems ?? []).map((p) => p.message));
    }
  });
  postMessage({ type: "links", id, fragments });
}

addEventListener("message", async ({ data: job }) => {
  try {
    if (job.type === "peek") await peek(job);
    else if (job.type === "options") await options(job);
    else if (job.type === "links") await links(job);
    else if (job.type === "run") await run(job);
  } catch (error) {
    const trap = error instanceof WebAssembly.RuntimeError;
    postMessage({
      type: "failed",
      id: job.id,
      of: job.type,
      stage: error.stage ?? (trap ? "engine" : "file"),
      message: String(error?.message ?? error),
      problems: error.problems ?? [],
      trap,
    });
  }
});
