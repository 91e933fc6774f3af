// The polite live region: once the results settle, it reads what changed (the sentence and
// the headline figures), not every step of a moving slider.
import { announcement } from "../../core/words.js";

export class Announcer {
  static moduleName = "announcer";

  constructor(root, { store }) {
    this.root = root;
    this.off = store.subscribe((state, patch) => {
      if (patch.settled !== true || patch === state || !state.projection) return;
      const said = state.change?.said ?? "";
      this.say(`${said}${state.extraWords ?? ""}${announcement(state.projection, state.reservesUsed)}`);
    });
  }

  say(text) {
    // Cleared first, so the same words are read again.
    this.root.textContent = "";
    requestAnimationFrame(() => (this.root.textContent = text));
  }

  destroy() {
    this.off();
  }
}
