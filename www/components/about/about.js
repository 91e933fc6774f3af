// Words about the council in use: the lede under the heading ("Lede") and "About these
// figures" ("About"): the data set's description, where the figures come from, and the
// officer view's link, which takes the choices along.
export class Lede {
  static moduleName = "lede";

  constructor(root, { store }) {
    this.off = store.subscribe((state, patch) => {
      if (!patch.data) return;
      const { council, years } = state.data;
      root.textContent = `${council}: the council's plan from ${years[0]} to ${years[years.length - 1]}. Change the choices to see what would happen to the budget gap, the reserves and your council tax bill.`;
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
      if (state.ownFile) note.replaceChildren(`Where each figure comes from is written in your data file, ${state.ownFile}, beside the figure.`);
      else note.replaceChildren(...homeNote);
    });
  }

  destroy() {
    this.off();
    this.aborts.abort();
  }
}
