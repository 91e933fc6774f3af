// Progress: a <progress> bar with the same in words, a Cancel button, and what became of
// the run (cancelled, or why the file could not be analysed). Screen readers hear it
// through one polite live region, at the start, about every quarter of the file (at most
// every few seconds), and at the end: not at every piece read.
import { el, setText } from "../ui/dom.js";
import { count, nextTask, plural } from "./text.js";

/** The least time between two spoken progress updates. */
const QUIET_MS = 4000;

const STAGES = {
  data: "The council's data file cannot be used",
  file: "The file cannot be analysed",
  analysis: "The file cannot be analysed",
  engine: "The analysis stopped",
};

/** The page's rewording of the engine's messages that name the command line's options. */
export function pageWords(message) {
  return message.replace(/: name it \(--column\)/, ": choose the column that holds them under “Column with the links”").replace(/--column/g, "“Column with the links”");
}

/** Builds the progress section into `root` and the live region `announce`; returns render(state, prev). */
export function createProgress(root, announce, actions) {
  const heading = el("h2", { id: "progress-heading", class: "heading-m", tabindex: "-1" }, "Progress");
  const label = el("label", { class: "lever__label", for: "progress-bar", id: "progress-label" });
  const bar = el("progress", { id: "progress-bar", max: "100", value: "0", "aria-describedby": "progress-text" });
  const text = el("p", { id: "progress-text", class: "analyse-progress__text" });
  const cancel = el("button", { type: "button", class: "button analyse-cancel", id: "cancel-button" }, "Cancel the analysis");
  const working = el("div", { class: "analyse-progress__working" }, label, bar, text, cancel);
  const outcome = el("div", { id: "progress-outcome" });
  const section = el("section", { id: "analyse-progress", class: "analyse-progress", "aria-labelledby": "progress-heading", hidden: "" }, heading, working, outcome);
  root.append(section);
  cancel.addEventListener("click", () => actions.cancel());
  const spoken = { at: 0, quarter: 0 };
  const say = (words) => {
    spoken.at = performance.now();
    setText(announce, "");
    // A fresh text node in the next task, so the same words are heard again.
    nextTask().then(() => setText(announce, words));
  };
  return (state, prev) => {
    const run = state.run;
    if (run === prev?.run && state.failure === prev?.failure) return;
    section.hidden = run.phase === "idle" || run.phase === "done";
    const busy = run.phase === "running" || run.phase === "finishing";
    working.hidden = !busy;
    if (busy) showRun({ label, bar, text }, run);
    if (run.phase !== prev?.run.phase) outcome.replaceChildren(...outcomeOf(state));
    speak(state, prev, spoken, say);
    if (run.phase === "cancelled" && prev?.run.phase !== "cancelled") actions.focusSubmit();
    if (run.phase === "failed" && prev?.run.phase !== "failed") outcome.querySelector(".error-summary")?.focus();
  };
}

const percent = (run) => (run.total ? Math.min(100, Math.floor((run.bytes / run.total) * 100)) : 0);

function showRun({ label, bar, text }, run) {
  setText(label, `Analysing ${run.name}`);
  const p = percent(run);
  if (bar.value !== p) bar.value = p;
  bar.textContent = `${p}%`;
  setText(text, run.phase === "finishing" ? `All ${plural(run.rows, "row")} read. Working out the figures…` : `${plural(run.rows, "row")} read, ${p}% of the file.`);
}

function outcomeOf(state) {
  const { run, failure } = state;
  if (run.phase === "cancelled") {
    return [el("p", { class: "analyse-outcome", id: "cancelled-note" }, `The analysis of ${run.name} was cancelled after ${plural(run.rows, "row")}. Nothing from it is kept. Press “Analyse the responses” to run it again.`)];
  }
  if (run.phase !== "failed" || !failure) return [];
  return [
    el(
      "div",
      { class: "error-summary", role: "alert", tabindex: "-1", "aria-labelledby": "failure-title" },
      el("h3", { id: "failure-title", class: "error-summary__title" }, STAGES[failure.stage] ?? STAGES.file),
      el("p", {}, pageWords(failure.message)),
      failure.problems.length
        ? el("ul", { class: "error-summary__list" }, ...failure.problems.slice(0, 50).map((p) => el("li", {}, pageWords(p))), failure.problems.length > 50 ? el("li", {}, `And ${count(failure.problems.length - 50)} more.`) : null)
        : null,
    ),
  ];
}

function speak(state, prev, spoken, say) {
  const run = state.run;
  const was = prev?.run.phase;
  if (run.phase === "running" && was !== "running") {
    spoken.quarter = 0;
    return say(`Analysing ${run.name}. You can cancel at any time.`);
  }
  if (run.phase === "running") {
    const quarter = Math.floor(percent(run) / 25);
    if (quarter > spoken.quarter && performance.now() - spoken.at > QUIET_MS) {
      spoken.quarter = quarter;
      say(`${plural(run.rows, "row")} read, ${percent(run)}% of the file.`);
    }
  } else if (run.phase === "finishing" && was !== "finishing") say("All rows read. Working out the figures.");
  else if (run.phase === "cancelled" && was !== "cancelled") say("The analysis was cancelled.");
  else if (run.phase === "done" && was !== "done" && state.result) {
    const a = state.result.analysis;
    say(`Analysis finished: ${plural(a.rows, "row")}, ${count(a.valid)} used and ${count(a.refused.length)} refused. The results follow the form.`);
  }
}
