// "The choices behind these figures", for print: every choice in words, marking those that
// differ from the plan. Written when the results settle (and before printing).
import { el } from "../../ui/dom.js";
import { describeChoices } from "../../core/words.js";
import { tr } from "../../core/language.js";

export class PrintChoices {
  static moduleName = "print-choices";

  constructor(root, { store }) {
    this.root = root;
    this.store = store;
    this.aborts = new AbortController();
    addEventListener("beforeprint", () => this.render(store.get()), { signal: this.aborts.signal });
    this.off = store.subscribe((state, patch) => patch.settled && this.render(state));
  }

  render(state) {
    this.root.replaceChildren(
      ...describeChoices(state).map(([text, changed]) => el("li", {}, text, changed ? el("strong", {}, ` ${tr("(changed from the plan)")}`) : "")),
    );
  }

  destroy() {
    this.off();
    this.aborts.abort();
  }
}
