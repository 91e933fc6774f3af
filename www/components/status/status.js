// The status area under the heading: a link that could not be used, or the engine failing
// and restarting (ui/notices.js). A problem that stops the page is shown by app.js.
import { engineNotice, linkNotice } from "../../ui/notices.js";

export class Status {
  static moduleName = "status";

  constructor(root, { store }) {
    this.root = root;
    this.off = store.subscribe((state, patch) => "notice" in patch && this.render(state));
  }

  render({ notice, ownFile }) {
    if (!notice) return this.root.replaceChildren();
    if (notice.kind === "link") return this.root.replaceChildren(linkNotice(notice.reason));
    // The engine's notice waits until it knows whether the engine restarted.
    if (notice.kind === "engine" && notice.running !== null) this.root.replaceChildren(engineNotice(notice.running, ownFile));
  }

  destroy() {
    this.off();
  }
}
