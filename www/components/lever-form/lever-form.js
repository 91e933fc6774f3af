// The levers form (<form id="levers">): every lever of the catalogue (core/levers.js) by
// section, each year's referendum notice, the "use reserves" tick and "Back to the
// council's plan". Every change a person makes goes to core/actions.js; the form draws
// what the state holds.
import { el } from "../../ui/dom.js";
import { limitWords, sections as leverSections } from "../../core/levers.js";
import { overrides } from "../../core/options.js";
import * as actions from "../../core/actions.js";
import { createLever } from "./lever.js";
import { referendumNotice } from "./referendum-notice.js";
import { inLang, tr } from "../../core/language.js";

/** "Set by your choice “Freeze council tax” for “Council tax”: …" */
const setBy = ({ option, level, plan }) =>
  tr("Set by your choice “{level}” for “{option}” in “Balance the budget”. To set this yourself, choose “{plan}” there.", {
    level: inLang(level, "label"),
    option: inLang(option, "title"),
    plan: inLang(plan, "label"),
  });

export class LeverForm {
  static moduleName = "lever-form";

  constructor(root, { store }) {
    this.root = root;
    this.store = store;
    this.aborts = new AbortController();
    const on = (type, handler) => root.addEventListener(type, handler, { signal: this.aborts.signal });
    on("input", (event) => this.onInput(event.target));
    // When a person leaves a box that holds no number, say so.
    on("change", (event) => {
      const lever = this.levers?.get(event.target.dataset?.link);
      if (lever && event.target === lever.number && (lever.number.value === "" || lever.number.validity.badInput)) {
        actions.refuseLever(store, lever.spec.link, tr("Enter a number for {lever}, like {plan}", { lever: lever.spec.label.toLowerCase(), plan: lever.spec.plan }));
      }
    });
    on("click", (event) => {
      if (event.target.id === "reset") actions.reset(store);
    });
    this.off = store.subscribe((state, patch) => this.render(state, patch));
  }

  onInput(target) {
    const store = this.store;
    if (target === this.reserves) return actions.setUsesReserves(store, target.checked);
    const lever = this.levers.get(target.dataset.link);
    if (!lever) return;
    let value = target.value;
    if (target === lever.number) {
      // A box being typed in may hold nothing usable yet ("", "-"): wait for more.
      if (value === "" || target.validity.badInput) return;
      value = value.trim();
      if (lever.spec.whole && !/^[0-5]$/.test(value)) return actions.refuseLever(store, lever.spec.link, tr("Enter a whole number of years from 0 to 5"));
    }
    actions.setLever(store, lever.spec.link, value, target === lever.number);
  }

  build(state) {
    this.levers = new Map();
    this.notices = new Map();
    const sections = leverSections().map((section) => {
      const box = el("fieldset", { class: "choices" }, el("legend", { class: "choices__legend" }, el("h3", {}, section.legend)));
      const hint = section.hintByNation?.[state.plan.nation] ?? section.hint;
      if (hint) box.append(el("p", { class: "hint" }, hint));
      return [section.id, box];
    });
    const boxes = new Map(sections);
    const groups = new Map();
    for (const spec of state.catalogue) {
      const lever = createLever(spec);
      this.levers.set(spec.link, { ...lever, spec });
      let parent = boxes.get(spec.section);
      if (spec.group) {
        if (!groups.has(spec.group.id)) {
          const fieldset = el("fieldset", { class: spec.section === "tax" ? "year" : "programme", id: spec.group.id }, el("legend", { class: "year__legend" }, spec.group.legend));
          if (spec.group.hint) fieldset.append(el("p", { class: "hint" }, spec.group.hint));
          groups.set(spec.group.id, fieldset);
          parent.append(fieldset);
          if (spec.group.year) this.notices.set(spec.group.year, { fieldset, notice: null });
        }
        parent = groups.get(spec.group.id);
      }
      parent.append(lever.element);
    }
    // Each year's notice goes after its two levers.
    for (const [year, entry] of this.notices) {
      entry.notice = referendumNotice();
      entry.fieldset.append(entry.notice.element);
      const y = state.plan.years.find((x) => x.year === year);
      entry.limit = limitWords(y.referendum_limit, y.rise_cap_pct);
    }
    this.reserves = el("input", { type: "checkbox", id: "use-reserves", class: "checkbox__input", checked: "", "aria-describedby": "use-reserves-hint" });
    this.reservesNote = el("p", { class: "lever__override checkbox__hint", id: "use-reserves-set", hidden: "" });
    boxes.get("funding").append(
      el(
        "div",
        { class: "checkbox" },
        this.reserves,
        el("label", { for: "use-reserves", class: "checkbox__label" }, tr("Use reserves to fill gaps")),
        el("p", { class: "hint checkbox__hint", id: "use-reserves-hint" }, tr("Untick to see each year's gap without any help from reserves: it would have to be met by savings or income in the same year.")),
        this.reservesNote,
      ),
    );
    const reset = el("button", { type: "button", class: "button button--secondary", id: "reset" }, tr("Back to the council's plan"));
    this.root.replaceChildren(...sections.map(([, box]) => box), el("div", { class: "form-actions" }, reset));
  }

  render(state, patch) {
    if (patch.catalogue) this.build(state);
    if (!patch.values && !patch.errors && !patch.choices && !patch.projection && !patch.catalogue && !patch.change) return;
    // While a person types in a box, it keeps what they typed (a refused value included).
    const change = state.change ?? {};
    const typed = (change.kind === "input" || change.kind === "refused") && change.box ? change.link : null;
    const forced = overrides(state.optionList, state.choices, state.catalogue);
    // One lever moved and nothing else changed: only its own controls can differ.
    const moved = change.kind === "input" && !patch.catalogue && !patch.choices && !patch.errors && !("usesReserves" in patch) ? change.link : null;
    for (const [link, lever] of this.levers) {
      if (moved && link !== moved) continue;
      const cause = forced.by.get(link);
      const value = cause ? forced.values.get(link) : state.values.get(link) ?? lever.spec.plan;
      // A box whose value was refused keeps what was typed, beside its error, until corrected.
      lever.show(value, link === typed || state.errors.has(link));
      lever.setError(state.errors.get(link) ?? null);
      lever.setOverride(cause ? setBy(cause) : null);
    }
    const reservesCause = forced.by.get("reserves");
    this.reserves.checked = reservesCause ? forced.usesReserves : state.usesReserves;
    const note = reservesCause ? setBy(reservesCause) : "";
    if (note !== this.reservesNote.textContent) {
      this.reserves.disabled = Boolean(reservesCause);
      this.reservesNote.hidden = !reservesCause;
      this.reservesNote.textContent = note;
      this.reserves.setAttribute("aria-describedby", reservesCause ? "use-reserves-hint use-reserves-set" : "use-reserves-hint");
    }
    if (patch.projection) {
      for (const y of state.projection.years) {
        const entry = this.notices.get(y.year);
        entry?.notice.show(y.referendum ? `${tr("This rise would need a local referendum in {year}.", { year: y.year })} ${entry.limit}` : null, entry.fieldset);
      }
    }
  }

  destroy() {
    this.off();
    this.aborts.abort();
  }
}
