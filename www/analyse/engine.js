// The analysis worker's keeper: starts the module worker (worker.js) when the page opens,
// so the engine is compiled and Hampshire's data read before a file is chosen; asks it
// what a file holds and to analyse one; and cancels a run by ending the worker and
// starting a fresh one. All reading and engine work happens in the worker.
import { siteUrl } from "../core/site.js";

/** Thrown by run() when the analysis was cancelled. */
export class Cancelled extends Error {}

/** Thrown by run() or peek() when the worker says the file or data cannot be used. */
export class Failed extends Error {
  constructor(reply) {
    super(reply.message);
    this.stage = reply.stage;
    this.problems = reply.problems ?? [];
    this.trap = reply.trap;
  }
}

const TRAP =
  "The calculator hit a problem of its own and stopped, so this file cannot be analysed. It has restarted: try again, and if it happens again, please tell us which file caused it.";

export function createEngine() {
  let worker = null;
  let nextId = 1;
  const waiting = new Map(); // id → { resolve, reject, onProgress }

  function start() {
    worker = new Worker(siteUrl("analyse/worker.js"), { type: "module", name: "mtfs-analyse" });
    worker.addEventListener("message", ({ data }) => {
      const job = waiting.get(data.id);
      if (!job) return;
      if (data.type === "progress") return job.onProgress?.(data);
      waiting.delete(data.id);
      if (data.type === "failed") {
        if (data.trap) restart(); // its engine cannot be trusted again
        job.reject(new Failed(data.trap ? { ...data, message: TRAP } : data));
      } else job.resolve(data);
    });
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      const message = `The analysis could not start in this browser (${event.message || "the worker did not load"}). Try an up-to-date version of Firefox, Chrome, Edge or Safari.`;
      for (const job of waiting.values()) job.reject(new Failed({ stage: "engine", message }));
      waiting.clear();
      worker = null; // started again at the next request
    });
  }

  function restart() {
    worker?.terminate();
    worker = null;
    start();
  }

  function ask(message, onProgress) {
    if (!worker) start();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject, onProgress });
      worker.postMessage({ ...message, id });
    });
  }

  start();
  return {
    /** What a file holds: { kind, columns, link, size }. */
    peek: (file) => ask({ type: "peek", file }),
    /** The council's options (calculator.options()): { optionList }. */
    options: (data) => ask({ type: "options", data }),
    /** The engine's link for each paper response's choices: { fragments }. */
    links: (data, responses) => ask({ type: "links", data, responses }),
    /** The analysis of `file`: { analysis, csv, json, options, kind, ms }. */
    run: ({ file, data, settings }, onProgress) => ask({ type: "run", file, data, settings }, onProgress),
    /** Ends the run under way (and any question): each rejects with Cancelled. */
    cancel() {
      for (const job of waiting.values()) job.reject(new Cancelled("cancelled"));
      waiting.clear();
      restart();
    },
  };
}
