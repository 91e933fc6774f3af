// One lever: a labelled slider paired with a number box, both usable by keyboard, with a
// hint, an error beside the box, a limit marked on the track, and a note when one of the
// council's options sets it instead. It only draws: the form (lever-form.js) says what to show.
import { el } from "../../ui/dom.js";
import { slug } from "../../core/format.js";
import { valueWords } from "../../core/words.js";
import { tr } from "../../core/language.js";

/** The slider and the number box, both labelled by the lever's label and described by its hint. */
function inputs(spec, ids) {
  const data = { "aria-describedby": ids.hint, "data-link": spec.link, "data-key": spec.key };
  const range = el("input", {
    type: "range",
    id: ids.range,
    class: "lever__slider",
    min: spec.min,
    max: spec.max,
    step: spec.step,
    "aria-labelledby": ids.label,
    ...data,
  });
  const number = el("input", {
    type: "number",
    id: ids.number,
    class: "lever__number",
    // A phone's decimal keypad has no minus sign: only where a value cannot be negative.
    inputmode: Number(spec.min) < 0 ? undefined : "decimal",
    step: spec.numberStep ?? spec.step,
    min: spec.numberMin,
    max: spec.numberMax,
    ...data,
    autocomplete: "off",
  });
  return { range, number };
}

/** The limit marked on the track (drawn under the slider, so the thumb passes over it). */
function trackMark(spec) {
  const mark = el("span", { class: "lever__mark", "aria-hidden": "true" }, el("span", { class: "lever__mark-text" }));
  if (!spec.mark) {
    mark.hidden = true;
    return mark;
  }
  // Geometry only: where on the track the mark sits.
  const at = (Number(spec.mark.value) - Number(spec.min)) / (Number(spec.max) - Number(spec.min));
  mark.hidden = !(at >= 0 && at <= 1);
  mark.style.setProperty("--at", String(Math.min(1, Math.max(0, at))));
  mark.firstChild.textContent = spec.mark.text;
  return mark;
}

/** The lever's markup: label, hint, the override note and error, then the inputs. */
function leverMarkup(spec, id, ids, { range, number, error, override }) {
  return el(
    "div",
    { class: "lever", id: `${id}-group` },
    el("label", { class: "lever__label", id: ids.label, for: ids.number }, spec.label, el("span", { class: "visually-hidden" }, `, ${spec.unitWords}`)),
    el("p", { class: "hint", id: ids.hint }, spec.hint ?? ""),
    override,
    error,
    el(
      "div",
      { class: "lever__inputs" },
      el("div", { class: "lever__track" }, trackMark(spec), range),
      el("div", { class: "lever__box" }, number, el("span", { class: "lever__unit", "aria-hidden": "true" }, spec.unit)),
    ),
  );
}

export function createLever(spec) {
  const id = slug(spec.key);
  const ids = { label: `${id}-label`, hint: `${id}-hint`, error: `${id}-error`, override: `${id}-set`, range: `${id}-slider`, number: `${id}-input` };
  const { range, number } = inputs(spec, ids);
  const error = el("p", { class: "error-message", id: ids.error, hidden: "" });
  const override = el("p", { class: "lever__override", id: ids.override, hidden: "" });
  const group = leverMarkup(spec, id, ids, { range, number, error, override });
  const describe = () =>
    [error.hidden ? null : ids.error, override.hidden ? null : ids.override, ids.hint].filter(Boolean).join(" ");
  let shown = null;
  return {
    element: group,
    range,
    number,
    /** Shows a value: the slider as near as its steps allow; the box too, unless `keepBox`. */
    show(value, keepBox = false) {
      if (shown !== value) {
        shown = value;
        range.value = value;
        range.setAttribute("aria-valuetext", valueWords(spec, value));
      }
      if (!keepBox && number.value !== value) number.value = value;
    },
    setError(message) {
      const label = `${tr("Error:")} `;
      if ((error.textContent || null) === (message ? `${label}${message}` : null)) return;
      error.hidden = !message;
      error.replaceChildren(...(message ? [el("span", { class: "visually-hidden" }, label), message] : []));
      group.classList.toggle("lever--error", Boolean(message));
      if (message) number.setAttribute("aria-invalid", "true");
      else number.removeAttribute("aria-invalid");
      number.setAttribute("aria-describedby", describe());
    },
    /** Set by an option (words saying which), or null: the inputs are then not for changing. */
    setOverride(text) {
      if ((override.hidden ? null : override.textContent) === text) return;
      override.hidden = !text;
      override.textContent = text ?? "";
      range.disabled = number.disabled = Boolean(text);
      group.classList.toggle("lever--set", Boolean(text));
      for (const input of [range, number]) input.setAttribute("aria-describedby", describe());
    },
  };
}
