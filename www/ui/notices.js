// What the status area says: a problem that stops the page (an error summary), a link that
// could not be used, or the engine failing and restarting.
import { el } from "./dom.js";
import { tr } from "../core/language.js";

/** Something went wrong before, or while, the plan was shown (core/engine.js Problem). */
export function errorSummary(problem) {
  const summary = el(
    "div",
    { class: "error-summary", role: "alert", tabindex: "-1", "aria-labelledby": "error-title" },
    el("h2", { id: "error-title", class: "error-summary__title" }, problem.title),
    el("p", {}, problem.what),
    el("p", {}, problem.todo),
  );
  if (problem.details.length > 0) {
    summary.append(el("ul", { class: "error-summary__list" }, ...problem.details.map((d) => el("li", {}, d))));
  }
  return summary;
}

/** A link that could not be used: why, and that the plan is shown instead. */
export function linkNotice(reason) {
  return el(
    "div",
    { class: "link-notice", id: "link-notice", tabindex: "-1", "aria-labelledby": "link-notice-title" },
    el("h2", { class: "link-notice__title", id: "link-notice-title" }, tr("The link to a set of choices could not be used")),
    el("p", {}, reason),
    el("p", {}, tr("The calculator is showing the council's plan instead. You can make your own choices below, or ask whoever sent the link to copy it again.")),
  );
}

/** Said when the engine failed and has restarted itself (core/engine.js keepRunning), or could not. */
export function engineNotice(running, ownFile) {
  const then = running
    ? tr("It could not recover from it on its own, so it has restarted. Your choices are kept, except the last change you made, which has been put back: the results shown are for the choices shown.")
    : ownFile
      ? tr("It could not recover from it on its own, and could not restart. The results shown are for the choices shown, but it cannot work out new ones. Reload the page to carry on, then choose your data file again.")
      : tr("It could not recover from it on its own, and could not restart. The results shown are for the choices shown, but it cannot work out new ones. Reload the page to carry on: the address keeps your choices.");
  return el(
    "div",
    { class: "link-notice", id: "engine-notice", "aria-labelledby": "engine-notice-title" },
    el("h2", { class: "link-notice__title", id: "engine-notice-title" }, tr("The calculator hit a problem")),
    el("p", {}, then),
  );
}
