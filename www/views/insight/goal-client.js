// The goal seek for the "balance the budget" view (components/budget-builder): the same
// worker as the risk section (worker.js), asked for the goal seek only (no simulation).
// Loaded only when a resident asks what would balance their budget.
import { speak } from "./worker-language.js";
import { siteUrl } from "../../core/site.js";

let worker = null;
let sentData = null;
let next = 0;
const waiting = new Map();

function start() {
  worker = new Worker(siteUrl("views/insight/worker.js"), { type: "module" });
  speak(worker);
  sentData = null;
  worker.addEventListener("message", ({ data: answer }) => {
    const job = waiting.get(answer.id);
    if (!job) return;
    waiting.delete(answer.id);
    if (answer.trap) {
      // The worker's engine failed and cannot be trusted again: a new one takes the next request.
      worker.terminate();
      worker = null;
    }
    if (answer.kind === "quick") job.resolve(answer.goal);
    else job.reject(new Error(answer.message));
  });
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    for (const job of waiting.values()) job.reject(new Error("this browser would not start the part of the calculator that does it"));
    waiting.clear();
    worker = null;
  });
}

/** The goal seek's answer for a data set and a scenario (pkg/mtfs_insight.d.ts, GoalSeek). */
export function askGoal(data, scenario) {
  if (!worker) start();
  const id = ++next;
  const message = { id, scenario, paths: 0, seed: 0 };
  if (data !== sentData) {
    message.data = data;
    sentData = data;
  }
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker.postMessage(message);
  });
}
