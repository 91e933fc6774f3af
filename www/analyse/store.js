// The analysis page's state, in one place. Components read it and ask for changes through
// the page's actions (main.js); every change goes through `set`, and each subscriber is
// told the new state and the one before, to redraw only what changed. Nothing else holds
// state that another part of the page reads.

/** A store holding `initial`: { get, set(patch | state => patch), subscribe(fn) }. */
export function createStore(initial) {
  let state = Object.freeze({ ...initial });
  const listeners = [];
  return {
    get: () => state,
    set(patch) {
      const prev = state;
      const change = typeof patch === "function" ? patch(prev) : patch;
      state = Object.freeze({ ...prev, ...change });
      for (const listener of listeners) listener(state, prev);
    },
    /** Calls `listener(state, prev)` now (prev undefined) and after every change. */
    subscribe(listener) {
      listeners.push(listener);
      listener(state, undefined);
    },
  };
}
