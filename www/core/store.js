// The page's state, in one place: data only (no functions), set by core/actions.js and read
// by every component and view. A listener is called with the new state and the patch that
// made it, so it can skip work that the patch does not touch. No DOM.
//
// The state (see app.js for the first one):
//   data, calculator   the council's data set and its engine (core/engine.js)
//   catalogue          the levers (core/levers.js); optionList: calculator.options()
//   plan               the projection of the council's plan
//   values             Map(link key → value) of levers moved from the plan; usesReserves
//   choices            { option id → level id } for the options set away from their plan
//   errors             Map(link key → words) for levers whose value was refused
//   scenario, projection, fragment   the engine's scenario, result and link for them
//   reservesUsed       whether reserves fill gaps, after the options' own settings
//   band               the council tax band the resident chose
//   change             what the last change was: { kind, said } (see actions.js)
//   settled            false while a control moves; true once the results rest
//   ownFile            the name of a data file from the resident's computer, or null
//   notice             what the status area says: null, or { kind, … } (ui/notices.js)

/** A store holding `initial`: get(), set(patch), subscribe(listener) → unsubscribe. */
export function createStore(initial = null) {
  let state = initial;
  const listeners = new Set();
  return {
    get: () => state,
    set(patch) {
      state = { ...state, ...patch };
      for (const listener of [...listeners]) listener(state, patch);
    },
    /** Calls `listener(state, state)` now (if there is a state) and after every change. */
    subscribe(listener) {
      listeners.add(listener);
      if (state) listener(state, state);
      return () => listeners.delete(listener);
    },
  };
}
