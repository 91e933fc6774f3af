// Giving the browser a turn: long work split across tasks, so a tap or a key is answered
// between them (on a phone, one task over 50 ms is time the page cannot respond).

/** Resolves in a later task, once the browser has had the chance to handle input. */
export const nextTask = () => (globalThis.scheduler?.yield ? globalThis.scheduler.yield() : new Promise((resolve) => setTimeout(resolve)));
