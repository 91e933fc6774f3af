// Words about the council in use: the lede under the heading ("Lede") and "About these
// figures" ("About"): the data set's description, where the figures come from, and the
// officer view's link, which takes the choices along.
import { lang, tr } from "../../core/language.js";
export class Lede {
  static moduleName = "lede";

  constructor(root, { store }) {
    this.off = store.subscribe((state, patch) => {
      if (!patch.data) return;
      const { council, years } = state.data;
      root.textContent = tr("{council}: the council's plan from {from} to {to}. Change the choices to see what would happen to the budget gap, the reserves and your council tax bill.", { council, from: years[0], to: years[years.length - 1] });
    });
  }

  destroy() {
    this.off();
  }
}

export class About {
  static moduleName = "about";

  constructor(root, { store }) {
    this.text = root.querySelector("#about");
    const note = root.querySelector("#data-link").parentElement; // "Where each figure comes from…"
    const homeNote = [...note.childNodes];
    // The officer view opens with the same choices: its link takes the address's fragment.
    const officer = root.querySelector("#officer-link");
    this.aborts = new AbortController();
    for (const type of ["click", "auxclick", "contextmenu"]) {
      officer.addEventListener(type, () => (officer.hash = location.hash), { signal: this.aborts.signal });
    }
    this.off = store.subscribe((state, patch) => {
      if (!patch.data) return;
      this.text.textContent = state.data.description ?? "";
      if (lang === "cy") this.text.lang = "en"; // the data's own words (no Welsh for them)
      if (state.ownFile) note.replaceChildren(tr("Where each figure comes from is written in your data file, {file}, beside the figure.", { file: state.ownFile }));
      else note.replaceChildren(...homeNote);
    });
  }

  destroy() {
    this.off();
    this.aborts.abort();
  }
}
