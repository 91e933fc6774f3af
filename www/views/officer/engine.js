// The second wasm module (pkg/mtfs_insight.js), for the officer view and the briefing: the
// data set's figures with their sources (figures()) and the plan against what happened
// (outturn()). Loaded once, on demand; never on a first visit.
import { siteUrl } from "../../core/site.js";

let insight = null;
let restarts = 0;

/**
 * Runs `use(calculator)` on a calculator of the insight module for `data`, and frees it. If
 * the engine fails (a trap: a bug, the build aborts on a panic), that instance cannot be
 * trusted again: the next call loads a fresh one.
 */
export async function withInsight(data, use) {
  insight ??= import(siteUrl(`pkg/mtfs_insight.js${restarts ? `?restart=${restarts}` : ""}`)).then(async (module) => {
    await module.default();
    return module;
  });
  const module = await insight;
  try {
    const calculator = new module.Calculator(data);
    try {
      return use(calculator);
    } finally {
      calculator.free();
    }
  } catch (error) {
    if (!(error instanceof WebAssembly.RuntimeError)) throw error;
    [insight, restarts] = [null, restarts + 1];
    throw new Error("the calculator hit a problem it could not recover from on its own. It will start again when a data set is next chosen.");
  }
}
