// "Use your own council's data", the reading half: a file from the person's computer is
// read here, in the browser (nothing is uploaded), parsed and checked by the engine. Loaded
// only when someone chooses or drops a file, so a first visit does not carry it.
import { el } from "./dom.js";

/** What JSON.parse said, with the line and column of the mistake where it gives a position. */
export function parseProblem(text, error) {
  const message = error.message.replace(/^JSON\.parse: /, "");
  if (/line \d+ column \d+/.test(message)) return `The file is not valid JSON: ${message}.`;
  const at = /position (\d+)/.exec(message);
  if (!at) return `The file is not valid JSON: ${message}.`;
  const lines = text.slice(0, Number(at[1])).split("\n");
  return `The file is not valid JSON: ${message}, which is line ${lines.length}, column ${lines[lines.length - 1].length + 1}.`;
}

/** Said when the engine itself failed on a file (it restarts itself: app.js, keepRunning). */
const ENGINE_FAILED =
  "The calculator hit a problem of its own while checking the file, so it cannot use it or say which figure caused it. Figures far outside any council's (rises of thousands of per cent, or amounts with dozens of digits) can do this: check the figures against the guide.";

/**
 * Reads and checks a data file: resolves to { data, calculator }, or to { problems } — every
 * mistake found, in plain words, each with its field's path where there is one.
 */
export async function readDataFile(file, engine) {
  if (file.size > 5_000_000) return { problems: ["The file is larger than 5 MB: far too big for a council's data file."] };
  let text;
  try {
    text = await file.text();
  } catch (error) {
    return { problems: [`The file could not be read (${error.message}).`] };
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { problems: [parseProblem(text, error)] };
  }
  try {
    const calculator = new engine.Calculator(data);
    calculator.project(null); // the plan must work out before the page shows it
    return { data, calculator };
  } catch (error) {
    if (error.name === "EngineFailure") return { problems: [ENGINE_FAILED] };
    if (!error.problems) return { problems: [error.message] };
    return { problems: error.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)) };
  }
}

/** The error summary for a file that cannot be used, while `council`'s figures stay. */
export function problemSummary(name, council, items) {
  return el(
    "div",
    { class: "error-summary", role: "alert", tabindex: "-1", "aria-labelledby": "own-data-error-title" },
    el("h3", { id: "own-data-error-title", class: "error-summary__title" }, "There is a problem with the file"),
    el(
      "p",
      {},
      `The calculator cannot use ${name}, so it still shows ${council}'s figures. Correct ${
        items.length === 1 ? "the mistake" : `each of the ${items.length} mistakes`
      } listed below, then choose the file again. `,
      el("a", { href: "data-guide.html" }, "The guide to preparing a data file"),
      " explains each part of the file.",
    ),
    el("ul", { class: "error-summary__list" }, ...items.map((item) => el("li", {}, item))),
  );
}
