// Tells a new worker's engine the page's language: in Welsh, the catalogue (core/language.js),
// before any job, so the risk sentences and the goal seek's answers come back in Welsh.
import { welshCatalogue } from "../../core/language.js";

export function speak(worker) {
  const catalogue = welshCatalogue();
  if (catalogue) worker.postMessage({ kind: "language", english: Object.keys(catalogue), welsh: Object.values(catalogue) });
}
