// "Use your own council's data" from spreadsheet files: the data set's section CSV files
// (docs/data-format.md, "Spreadsheet files"), read in the browser (nothing is uploaded) and
// turned into the data set by the engine's one rule for them (src/sheet.rs, the same as
// `mtfs from-csv`, with the same file, row and column in each problem). That rule is in the
// second wasm module (pkg/mtfs_insight.js), loaded only when CSV files are chosen, so the
// first visit does not carry it; the data set it gives is then checked and used exactly as
// a JSON file is (read-file.js, checkData).
import { checkData, ENGINE_FAILED, readText, Unusable } from "./read-file.js";
import { siteUrl } from "../../core/site.js";

/** Everything chosen together: a council's section files are 10 to 20 kB each. */
const MAX_TOTAL_BYTES = 2_000_000;
const CSV_TEXT = "A section file is CSV text saved as UTF-8 (in a spreadsheet, \"Save as\" CSV UTF-8).";

let insight = null;
let restarts = 0;
/** The second module, loaded once; a fresh one after it failed (a trap cannot be trusted). */
const second = () =>
  (insight ??= import(siteUrl(`pkg/mtfs_insight.js${restarts ? `?restart=${restarts}` : ""}`)).then(async (module) => {
    await module.default();
    return module;
  }));

/** Each file's text, or the problems of those that are not UTF-8 text of a sensible size. */
async function texts(files) {
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total > MAX_TOTAL_BYTES) {
    return { problems: [`The files come to ${Math.ceil(total / 1000).toLocaleString("en-GB")} kB, more than the ${MAX_TOTAL_BYTES / 1000} kB the calculator reads at once. A council's section files come to about 100 to 300 kB.`] };
  }
  const problems = [];
  const read = [];
  for (const file of files) {
    try {
      read.push(await readText(file, CSV_TEXT));
    } catch (error) {
      if (!(error instanceof Unusable)) throw error;
      problems.push(`${file.name}: ${error.message}`);
    }
  }
  return problems.length ? { problems } : { texts: read };
}

/**
 * Reads the section files and checks the data set they give: resolves to { data, calculator,
 * json } (json: the data file's text, to offer for download), or to { problems }, each
 * naming its file, row and column.
 */
export async function readCsvFiles(files, engine) {
  const read = await texts(files);
  if (read.problems) return read;
  const module = await second();
  let json;
  try {
    json = module.fromCsv(files.map((file) => file.name), read.texts);
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      [insight, restarts] = [null, restarts + 1];
      return { problems: [ENGINE_FAILED] };
    }
    if (!error.problems) return { problems: [error.message] };
    return { problems: error.problems.map((p) => p.message) };
  }
  const result = await checkData(JSON.parse(json), engine);
  return result.problems ? result : { ...result, json: `${json}\n` };
}
