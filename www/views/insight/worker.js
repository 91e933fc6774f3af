// The risk view's worker: runs the insight engine (pkg/mtfs_insight.js) off the page's
// main thread, so a 10,000-path simulation never freezes the page.
//
// Messages in:  { kind: "language", english, welsh }   Welsh for the engine's sentences (first)
//               { id, data?, scenario, paths, seed }   (data: only when the data set changes;
//                                                     paths 0: goal seek and drivers only)
//               { kind: "outturn", data, record }    the plan against what happened (once)
// Messages out: { id, kind: "quick", goal, drivers }   goal seek and drivers (about 1 ms)
//               { id, kind: "risk", simulation, words, ms }   the Monte Carlo, its sentences
//                                                     (calculator.riskWords), its time in ms
//               { kind: "outturn", headline, summary } or { kind: "outturn", error }
//                                                     how the plan fared, for residents
//               { id, kind: "error", stage, message, problems?, trap }
//                 trap: the engine failed (a bug: the build aborts on a panic, a
//                 WebAssembly.RuntimeError); this worker's engine cannot be trusted again,
//                 so the page starts a new worker for its next request
// Jobs that arrive while one runs wait; only the latest of them is worked out.
import init, { Calculator, useCatalogue } from "../../pkg/mtfs_insight.js";

const ready = init();
let calculator = null;
let pending = null;
let busy = false;

async function run() {
  if (busy || !pending) return;
  busy = true;
  const job = pending;
  pending = null;
  let stage = "quick";
  try {
    await ready;
    if (job.data) {
      calculator?.free();
      calculator = null;
      calculator = new Calculator(job.data);
    }
    const goal = calculator.goalSeek(job.scenario);
    const drivers = calculator.drivers(job.scenario);
    postMessage({ id: job.id, kind: "quick", goal, drivers });
    // A newer job that came in meanwhile makes this simulation stale: skip it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (!pending && job.paths > 0) {
      stage = "risk";
      const start = performance.now();
      const simulation = calculator.simulate(job.scenario, job.paths, job.seed);
      const ms = performance.now() - start;
      const words = calculator.riskWords(simulation, job.scenario);
      postMessage({ id: job.id, kind: "risk", simulation, words, ms });
    }
  } catch (error) {
    const trap = error instanceof WebAssembly.RuntimeError;
    postMessage({ id: job.id, kind: "error", stage, message: String(error?.message ?? error), problems: error?.problems, trap });
  } finally {
    busy = false;
    run();
  }
}

/** How the plan fared: its own calculator, so it never waits for or disturbs the jobs. */
async function outturn({ data, record }) {
  let own = null;
  try {
    await ready;
    own = new Calculator(data);
    const { report } = own.outturn(record);
    postMessage({ kind: "outturn", headline: report.resident_headline, summary: report.resident_summary });
  } catch (error) {
    postMessage({ kind: "outturn", error: String(error?.message ?? error) });
  } finally {
    own?.free();
  }
}

addEventListener("message", ({ data: job }) => {
  if (job.kind === "outturn") return void outturn(job);
  // The page's language, sent first (worker-language.js): the engine's sentences follow it.
  if (job.kind === "language") return void ready.then(() => useCatalogue(job.english, job.welsh));
  // A new data set must reach the calculator even if its job is overtaken.
  pending = { ...job, data: job.data ?? pending?.data };
  setTimeout(run, 0);
});
