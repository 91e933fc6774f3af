// The polite live region: once the results settle, it reads what changed (the sentence and
// the headline figures; after an option, whether the budget balances), not every step of a
// moving slider.
import { balanceSentence } from "../../core/options.js";
import { announcement } from "../../core/words.js";

export class Announcer {
  static moduleName = "announcer";

  constructor(root, { store }) {
    this.root = root;
    this.off = store.subscribe((state, patch) => {
      if (patch.settled !== true || patch === state || !state.projection) return;
      // After one of the council's options, the builder's verdict comes first.
      const verdict = state.change?.option ? `${balanceSentence(state.projection, state.reservesUsed, state.data.consultation?.require_balance)} ` : "";
      this.say(`${state.change?.said ?? verdict}${announcement(state.projection, state.reservesUsed)}`);
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
