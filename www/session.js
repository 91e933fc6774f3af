// The running calculator, for the views that load only when asked for (the consultation
// embed, officer mode, risk and goal seek). app.js publishes the state after every change;
// a view subscribes to it and never reaches into app.js itself.
//
// A state is:
//   data         the council's data set (the JSON object)
//   calculator   the engine for that data set (app.js keepRunning's Calculator: project(scenario))
//   scenario     the engine's scenario for the current choices
//   projection   the engine's result for it (model.md §6)
//   plan         the engine's result for the council's plan (no choices changed)
//   fragment     the scenario link's fragment ("" for the plan; link.js)
//   choices      every choice: { key, link, label, value, plan, min, max } (levers.js)
//   describe()   the choices in words: [[text, differs from the plan], …]
//   usesReserves whether reserves fill gaps
//   settled      false while a control is moving; true once the results have settled
//   ownFile      the name of a data file from the person's computer, or null
//   apply(change) sets choices: change is a fragment ("#s1.…") or
//                { values: Map(link key → value), usesReserves?, keepOthers? }; returns null
//                when done, or the reason (plain English) it could not be used

const listeners = new Set();
let current = null;

/** Calls `listener(state)` now (if there is a state) and after every change; returns an unsubscribe. */
export function subscribe(listener) {
  listeners.add(listener);
  if (current) listener(current);
  return () => listeners.delete(listener);
}

/** The latest state, or null before the first result. */
export const now = () => current;

/** For app.js: a new state for every view. */
export function publish(state) {
  current = state;
  for (const listener of listeners) listener(state);
}
