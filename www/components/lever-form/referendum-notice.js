// A year's referendum notice: shown, with its warning icon, while that year's rise would
// need a local referendum; the year's group is marked too.
import { el } from "../../ui/dom.js";
import { tr } from "../../core/language.js";

export function referendumNotice() {
  const element = el("div", { class: "notice", hidden: "" });
  return {
    element,
    /** Shows `text` (or hides the notice for null), marking `group`. */
    show(text, group) {
      if (element.hidden === !text && (!text || element.lastChild?.lastChild?.textContent === text)) return;
      element.hidden = !text;
      group.classList.toggle("year--warning", Boolean(text));
      element.replaceChildren(
        ...(text
          ? [
              el("span", { class: "notice__icon", "aria-hidden": "true" }, "!"),
              el("strong", { class: "notice__text" }, el("span", { class: "visually-hidden" }, `${tr("Warning:")} `), text),
            ]
          : []),
      );
    },
  };
}
