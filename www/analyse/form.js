// The form: the export of responses (chosen or dropped), the column holding the links, a
// column to group by, the smallest group shown, and another council's data file. It
// shows the state and asks for changes through `actions`; it keeps no state of its own.
import { el, setText } from "../ui/dom.js";
import { count, plural } from "./text.js";

const KINDS = { csv: "a CSV file", json: "a JSON list of responses", jsonl: "JSON lines (one response a line)" };

/** A file input in a box it can also be dropped on: calls `choose(file)` either way. */
function dropZone({ id, label, hint, accept, choose }) {
  const input = el("input", { class: "drop__input", type: "file", id, accept, "aria-describedby": `${id}-hint ${id}-error` });
  const error = el("p", { class: "error-message", id: `${id}-error`, hidden: "" });
  const about = el("p", { class: "analyse-about", id: `${id}-about`, role: "status" });
  const zone = el(
    "div",
    { class: "drop", id: `${id}-drop` },
    el("label", { class: "lever__label", for: id }, label),
    el("p", { class: "hint", id: `${id}-hint` }, hint, " Or drag the file and drop it here."),
    error,
    input,
    about,
  );
  input.addEventListener("change", () => input.files[0] && choose(input.files[0]));
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("drop--over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("drop--over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("drop--over");
    const file = event.dataTransfer?.files?.[0];
    if (file) choose(file);
  });
  return { zone, input, error, about };
}

/** A labelled field: { field, control, hint, error }. */
function field(id, label, hint, control) {
  const hintNode = el("p", { class: "hint", id: `${id}-hint` }, hint);
  const error = el("p", { class: "error-message", id: `${id}-error`, hidden: "" });
  control.id = id;
  control.setAttribute("aria-describedby", `${id}-hint ${id}-error`);
  const node = el("div", { class: "analyse-field", id: `${id}-field` }, el("label", { class: "lever__label", for: id }, label), hintNode, error, control);
  return { node, control, hint: hintNode, error };
}

/** Sets a select's options ([value, text]) if they changed, keeping `value` chosen. */
function setOptions(select, options, value) {
  const key = JSON.stringify(options);
  if (select.dataset.options !== key) {
    select.replaceChildren(...options.map(([v, t]) => el("option", { value: v }, t)));
    select.dataset.options = key;
  }
  if (select.value !== value) select.value = value;
}

function showError(node, input, text) {
  setText(node, text ? `Error: ${text}` : "");
  node.hidden = !text;
  input.closest(".drop, .analyse-field")?.classList.toggle("analyse-field--error", Boolean(text));
}

/** Builds the form into `root`; returns render(state, prev). */
export function createForm(root, actions) {
  const responses = dropZone({
    id: "responses-file",
    label: "The responses (CSV, JSON or JSON lines)",
    hint: "The export from your consultation platform: one response a row, with a column holding each resident's link to their choices in the calculator. Up to 100,000 responses.",
    accept: ".csv,.txt,.json,.jsonl,.ndjson,text/csv,application/json",
    choose: actions.chooseFile,
  });
  const column = field("link-column", "Column with the links", "", el("select", { class: "select" }));
  const group = field("group-column", "Group the responses by (optional)", "Figures are given for all responses and for each value of this column, such as each respondent type or postcode district.", el("select", { class: "select" }));
  const minGroup = field(
    "min-group",
    "Smallest group shown",
    "Groups with fewer responses than this are not shown on their own, so nobody can be picked out; their responses still count in the figures for all responses. The usual number is 10.",
    el("input", { class: "lever__number", type: "text", inputmode: "numeric", spellcheck: "false", autocomplete: "off" }),
  );
  const data = dropZone({
    id: "data-file",
    label: "The council's data file (JSON)",
    hint: "Without one, the responses are worked out with Hampshire County Council's data, the calculator's own. Use the data file the consultation's calculator used.",
    accept: ".json,application/json",
    choose: actions.chooseData,
  });
  const useHampshire = el("button", { type: "button", class: "button button--secondary", id: "data-clear", hidden: "" }, "Use Hampshire's data again");
  const details = el("details", { class: "analyse-details", id: "data-details" }, el("summary", {}, "Another council's data (optional)"), data.zone, useHampshire);
  const submit = el("button", { type: "submit", class: "button", id: "analyse-button" }, "Analyse the responses");
  const summary = el("div", { id: "analyse-errors" });
  const form = el("form", { id: "analyse-form", novalidate: "" }, responses.zone, column.node, group.node, minGroup.node, details, el("div", { class: "form-actions" }, submit));
  root.append(summary, form);

  column.control.addEventListener("change", () => actions.setColumn(column.control.value));
  group.control.addEventListener("change", () => actions.setGroup(group.control.value));
  minGroup.control.addEventListener("input", () => actions.setMinGroup(minGroup.control.value));
  useHampshire.addEventListener("click", () => {
    data.input.value = "";
    actions.chooseData(null);
  });
  // A file dropped beside a box is not opened in place of the page.
  for (const type of ["dragover", "drop"]) document.addEventListener(type, (event) => event.preventDefault());
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    actions.analyse();
  });

  const parts = { responses, column, group, minGroup, data, useHampshire, details, submit, summary };
  return (state, prev) => render(parts, state, prev);
}

function render(parts, state, prev) {
  if (state.file !== prev?.file || state.column !== prev?.column || state.group !== prev?.group) renderFile(parts, state);
  if (state.minGroup !== prev?.minGroup && parts.minGroup.control.value !== state.minGroup) parts.minGroup.control.value = state.minGroup;
  if (state.data !== prev?.data) renderData(parts, state);
  if (state.errors !== prev?.errors) renderErrors(parts, state.errors);
  const running = state.run.phase === "running" || state.run.phase === "finishing";
  parts.submit.setAttribute("aria-disabled", String(running));
}

function renderFile({ responses, column, group }, state) {
  const f = state.file;
  const csv = !f?.kind || f.kind === "csv";
  const columns = f?.columns ?? [];
  let about = "";
  if (f?.peeking) about = `Reading the first lines of ${f.name}…`;
  else if (f?.problem) about = `${f.name} could not be read: ${f.problem}`;
  else if (f) {
    const size = f.size < 1e6 ? `${Math.max(1, Math.round(f.size / 1000))} kB` : `${(f.size / 1e6).toLocaleString("en-GB", { maximumFractionDigits: 1 })} MB`;
    const found = csv ? (f.link ? ` The links seem to be in the column “${f.link}”.` : " No column seems to hold calculator links: choose the column below.") : "";
    about = `${f.name}: ${KINDS[f.kind]}, ${size}, ${plural(columns.length, csv ? "column" : "field")}.${found}`;
  }
  setText(responses.about, about);
  setOptions(column.control, [["", f?.link && csv ? `Find it for me (“${f.link}”)` : "Find it for me"], ...(csv ? columns.map((c) => [c, c]) : [])], state.column);
  column.node.hidden = !csv;
  setText(column.hint, "The column whose cells hold each resident's link (a whole address or the part after its #). Left to find it, the calculator takes the first column whose first response holds a link, or else one headed link, fragment or scenario.");
  setOptions(group.control, [["", "Do not group them"], ...columns.map((c) => [c, c])], state.group);
  if (!f) setText(group.hint, "Figures are given for all responses and for each value of this column, such as each respondent type or postcode district. Choose the file first.");
  else setText(group.hint, `Figures are given for all responses and for each value of this ${csv ? "column" : "field"}, such as each respondent type or postcode district (${count(columns.length)} to choose from).`);
}

function renderData({ data, useHampshire, details }, state) {
  setText(data.about, state.data ? `The responses will be worked out with ${state.data.name}.` : "");
  useHampshire.hidden = !state.data;
  if (state.data) details.open = true;
}

const FIELDS = { file: "responses-file", minGroup: "min-group" };

function renderErrors({ responses, minGroup, summary }, errors) {
  showError(responses.error, responses.input, errors.file);
  showError(minGroup.error, minGroup.control, errors.minGroup);
  const items = Object.entries(errors).filter(([, text]) => text);
  if (!items.length) return summary.replaceChildren();
  const box = el(
    "div",
    { class: "error-summary", role: "alert", tabindex: "-1", "aria-labelledby": "analyse-errors-title" },
    el("h2", { id: "analyse-errors-title", class: "error-summary__title" }, "There is a problem"),
    el("ul", { class: "error-summary__list" }, ...items.map(([name, text]) => el("li", {}, el("a", { href: `#${FIELDS[name]}` }, text)))),
  );
  summary.replaceChildren(box);
  box.focus();
}
