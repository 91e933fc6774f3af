// The scenario in the address's fragment, both ways. While a control moves, the address is
// replaced in place (at most every 150 ms: Chromium ignores, and complains about, more than
// a few hundred changes in ten seconds); the first change after the results settle adds a
// history entry, so Back and Forward step between settled sets of choices, not every
// slider position. Embedded, it never adds one (that would take over the host page's Back
// button). A fragment someone opens, or edits, goes to actions.applyLink.
import * as actions from "../core/actions.js";

/** The page's address with another fragment (built from its parts: reading a long address costs milliseconds). */
export const addressFor = (fragment) => `${location.protocol}//${location.host}${location.pathname}${location.search}${fragment}`;

/** Writes the address; a browser that refuses (a sandboxed iframe) is left as it is. */
function setAddress(url, push, embedded) {
  try {
    history[push && !embedded ? "pushState" : "replaceState"](null, "", url);
  } catch {
    // The choices still work; only the address does not show them.
  }
}

export function followAddress(store, { embedded }) {
  let pushNext = true;
  let shownHash = location.hash;
  let timer = 0;
  const write = (mode) => {
    clearTimeout(timer);
    timer = 0;
    const { fragment, ownFile } = store.get();
    if (ownFile || fragment === null || fragment === shownHash) return;
    // An empty fragment is written as none at all: the page's own address is the plan.
    setAddress(addressFor(fragment), mode === "push", embedded);
    shownHash = location.hash;
    if (mode === "push") pushNext = false;
  };
  const off = store.subscribe((state, patch) => {
    if (patch.change?.kind === "data") {
      // Another council's data: the address must not keep choices made for the page's own.
      clearTimeout(timer);
      timer = 0;
      if (state.ownFile && location.hash !== "") setAddress(addressFor(""), false, embedded);
      shownHash = location.hash;
      pushNext = true;
      return;
    }
    if (patch.settled) {
      if (timer) write("replace");
      pushNext = true;
      return;
    }
    if (!("fragment" in patch) && patch.change?.kind !== "restore") return;
    const kind = state.change?.kind;
    if (kind === "input") {
      if (pushNext) write("push");
      else timer ||= setTimeout(() => write("replace"), 150);
    } else if (kind === "apply") write("push");
    else if (kind === "reset") write(pushNext ? "push" : "replace");
    else write("replace");
  });

  /** Shows the choices in the address's fragment (on load, Back, Forward or an edited address). */
  function show(hash) {
    clearTimeout(timer);
    timer = 0;
    shownHash = hash;
    const reason = actions.applyLink(store, hash, { kind: "link" });
    if (reason) {
      actions.refuseLink(store, reason);
      setAddress(addressFor(""), false, embedded);
      shownHash = "";
    }
    return reason;
  }
  const onAddress = () => {
    // The fragment is read once: a long one costs milliseconds at each read.
    const hash = location.hash;
    if (store.get().ownFile || hash === shownHash) return;
    show(hash);
  };
  addEventListener("popstate", onAddress);
  addEventListener("hashchange", onAddress);
  return {
    /** The address at load: its link shown, or (for a data file of the resident's own) cleared. */
    start() {
      if (store.get().ownFile) {
        // The address must not keep choices that were made for the page's own council.
        if (location.hash !== "") setAddress(addressFor(""), false, embedded);
        shownHash = "";
      } else if (location.hash !== "") {
        show(location.hash);
      }
    },
    stop() {
      off();
      clearTimeout(timer);
      removeEventListener("popstate", onAddress);
      removeEventListener("hashchange", onAddress);
    },
  };
}
