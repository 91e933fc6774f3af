// "Copy link to these choices", with a box to copy from where the browser refuses. Not
// offered while a data file of the resident's own is in use: a link would show the page's
// own council's figures.
import { addressFor } from "../../ui/address.js";
import { tr } from "../../core/language.js";

export class ShareLink {
  static moduleName = "share-link";

  constructor(root, { store }) {
    this.root = root;
    this.store = store;
    this.button = root.querySelector("#copy-link");
    this.box = root.querySelector("#share-box");
    this.url = root.querySelector("#share-url");
    this.status = root.querySelector("#share-status");
    this.hint = root.querySelector("#share-hint");
    this.onClick = () => this.copy();
    this.button.addEventListener("click", this.onClick);
    this.off = store.subscribe((state, patch) => "ownFile" in patch && this.render(state));
  }

  say(text) {
    this.status.textContent = "";
    requestAnimationFrame(() => (this.status.textContent = text));
  }

  async copy() {
    const url = addressFor(this.store.get().fragment ?? "");
    this.url.value = url;
    try {
      await navigator.clipboard.writeText(url);
      this.box.hidden = true;
      this.say(tr("Link copied. Paste it into an email or message to share these choices."));
    } catch {
      this.box.hidden = false;
      this.url.focus();
      this.url.select();
      this.say(tr("Your browser did not let the page copy the link. It is in the box above, selected: press Ctrl and C (or Command and C on a Mac) to copy it."));
    }
  }

  render({ ownFile }) {
    this.button.hidden = Boolean(ownFile);
    this.box.hidden = true;
    this.status.textContent = "";
    this.hint.textContent = ownFile
      ? tr("Links to choices are not available while you use your own data file: a link could only show the page's own council's figures.")
      : tr("The link holds your choices in the address itself. Nothing is sent or stored anywhere, and it says nothing about you.");
  }

  destroy() {
    this.off();
    this.button.removeEventListener("click", this.onClick);
  }
}
