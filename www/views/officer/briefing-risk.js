// The briefing's risk part: the chances and the reserves runway (how many years the money set
// aside to bridge gaps lasts, across 10,000 simulated futures), in the engine's words. The
// simulation runs in the risk section's worker (views/insight/worker.js), off the page's
// thread; the briefing prints once the latest answer is shown.
import { el } from "../../ui/dom.js";
import { runwayParts } from "../insight/risk.js";
import { siteUrl } from "../../core/site.js";

const PATHS = 10000;
const SEED = 42;

/** Keeps `box` showing the runway for the latest scenario; `ask(state)` resolves once shown. */
export function createBriefingRisk(box) {
  let worker = null;
  let latest = 0;
  let sentData = null;
  const waiting = new Map();

  const show = (answer) => {
    if (answer.kind === "quick" || answer.kind === "outturn") return;
    if (answer.id === latest) {
      if (answer.kind === "risk") {
        box.replaceChildren(
          el("p", { id: "briefing-risk-sentence" }, el("strong", {}, answer.words.below_minimum), " ", answer.words.runs_out),
          ...runwayParts(answer.simulation, answer.words, "briefing-runway"),
          el("p", { class: "officer-note" }, `Worked out from ${PATHS.toLocaleString("en-GB")} simulated futures of savings delivery, inflation and demand, with seed ${SEED}.`),
        );
      } else {
        box.replaceChildren(el("p", { class: "error-text" }, `The chances could not be worked out: ${answer.message}`));
      }
    }
    // The worker works out only the latest of the jobs waiting: older ones are done too.
    for (const [id, done] of waiting) {
      if (id > answer.id) continue;
      waiting.delete(id);
      done();
    }
  };

  const start = () => {
    worker = new Worker(siteUrl("views/insight/worker.js"), { type: "module" });
    worker.addEventListener("message", (event) => show(event.data));
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      box.replaceChildren(el("p", { class: "error-text" }, "The chances could not be worked out: this browser would not start the part of the calculator that does it."));
      for (const done of waiting.values()) done();
      waiting.clear();
      worker = null;
    });
  };

  return {
    ask(state) {
      if (!state.data.risk) {
        box.replaceChildren(el("p", {}, "The council's data has no risk section, so the chances are not worked out."));
        return Promise.resolve();
      }
      if (!worker) {
        start();
        sentData = null;
      }
      const id = ++latest;
      const message = { id, scenario: state.scenario, paths: PATHS, seed: SEED };
      if (state.data !== sentData) [message.data, sentData] = [state.data, state.data];
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        worker.postMessage(message);
      });
    },
  };
}
