// The officers' analysis page (analyse.html): what a consultation's responses chose, each
// response's link re-run through the engine in a Web Worker (engine.js, worker.js), so the
// figures are exact and nothing leaves the browser.
//
// One-way flow: the state lives in one store (store.js); the form, the progress and the
// results draw from it and ask for changes only through the actions below.
import { createEngine, Cancelled } from "./engine.js";
import { createForm } from "./form.js";
import { createPaper } from "./paper.js";
import { createProgress } from "./progress.js";
import { createResults } from "./results.js";
import { createStore } from "./store.js";

const MIN_GROUP = 10;
const MAX_GROUP = 100_000;

const store = createStore({
  file: null, // { file, name, size, peeking, kind, columns, link, problem }
  data: null, // the council's data file (a File), or null for Hampshire's
  column: "", // "" lets the engine find the link column
  group: "",
  minGroup: String(MIN_GROUP), // as typed
  errors: {},
  run: { phase: "idle", name: "", rows: 0, bytes: 0, total: 0 },
  failure: null, // { stage, message, problems }
  result: null, // { analysis, csv, json, options, kind, fileName, dataName, detectedLink, made }
  view: "all", // "all", or a group's name
  refusedPage: 0,
});
const engine = createEngine();

/** What is wrong with the form, by field: {} when it can run. */
function check(state) {
  const errors = {};
  if (!state.file) errors.file = "Choose the file of responses to analyse";
  else if (state.file.problem) errors.file = `Choose another file: ${state.file.name} could not be read`;
  const text = state.minGroup.trim();
  if (!/^\d+$/.test(text) || Number(text) < 1) errors.minGroup = "Enter the smallest group shown as a whole number, 1 or more, such as 10";
  else if (Number(text) > MAX_GROUP) errors.minGroup = `Enter the smallest group shown as a whole number no more than ${MAX_GROUP.toLocaleString("en-GB")}`;
  return errors;
}

const running = () => ["running", "finishing"].includes(store.get().run.phase);

const actions = {
  chooseFile(file) {
    performance.mark("mtfs:analyse-file-chosen");
    const entry = { file, name: file.name, size: file.size, peeking: true, columns: [] };
    store.set({ file: entry, column: "", group: "" });
    engine.peek(file).then(
      (info) => store.get().file === entry && store.set({ file: { ...entry, peeking: false, kind: info.kind, columns: info.columns, link: info.link } }),
      (error) => store.get().file === entry && store.set({ file: { ...entry, peeking: false, problem: error.message } }),
    );
  },
  chooseData: (file) => store.set({ data: file }),
  setColumn: (column) => store.set({ column }),
  setGroup: (group) => store.set({ group }),
  setMinGroup: (minGroup) => store.set({ minGroup }),
  setView: (view) => store.set({ view }),
  setRefusedPage: (refusedPage) => store.set({ refusedPage }),
  focusSubmit: () => document.getElementById("analyse-button")?.focus(),
  analyse() {
    if (running()) return;
    const state = store.get();
    const errors = check(state);
    store.set({ errors });
    if (Object.keys(errors).length) return;
    start(state);
  },
  cancel() {
    if (running()) engine.cancel();
  },
};

function start(state) {
  const { file, data } = state;
  const kind = file.kind ?? "csv";
  const settings = { column: kind === "csv" && state.column ? state.column : null, group: state.group || null, min_group: Number(state.minGroup.trim()) };
  performance.mark("mtfs:analyse-start");
  const name = file.name;
  store.set({ run: { phase: "running", name, rows: 0, bytes: 0, total: file.size }, failure: null, result: null, view: "all", refusedPage: 0 });
  const onProgress = (p) => store.set({ run: { phase: p.phase === "finishing" ? "finishing" : "running", name, rows: p.rows, bytes: p.bytes, total: p.total } });
  engine.run({ file: file.file, data, settings }, onProgress).then(
    (done) => {
      const result = { ...done, fileName: name, dataName: data?.name ?? null, detectedLink: kind === "csv" && !settings.column ? file.link : null, made: new Date() };
      store.set({ result, run: { ...store.get().run, phase: "done", rows: done.analysis.rows } });
    },
    (error) => {
      if (error instanceof Cancelled) store.set({ run: { ...store.get().run, phase: "cancelled" } });
      else store.set({ run: { ...store.get().run, phase: "failed" }, failure: { stage: error.stage, message: error.message, problems: error.problems ?? [] } });
    },
  );
}

const form = createForm(document.getElementById("analyse-input"), actions);
const progress = createProgress(document.getElementById("analyse-status"), document.getElementById("analyse-announce"), actions);
const results = createResults(document.getElementById("analyse-output"), actions);
const paper = createPaper(document.getElementById("analyse-input"), engine, actions);
store.subscribe((state, prev) => {
  form(state, prev);
  paper.render(state, prev);
  progress(state, prev);
  results.render(state, prev);
});
document.getElementById("analyse-loading")?.remove();

/** For the tests and the benchmark: the state, and a promise settled when the results are drawn. */
globalThis.mtfsAnalyse = {
  state: () => store.get(),
  paper: () => paper.responses(),
  settled: () => results.settled(),
};
