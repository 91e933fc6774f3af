// Typing in paper responses: an officer enters the codes ticked on one paper response form
// (index.html?view=paper-form; the codes are core/paper.js's), or picks the answers, and adds
// it to a list. Each typed response becomes a row holding the link the engine writes for
// those choices (calculator.link, in the worker), the same link an online response with the
// same choices carries, so the analysis counts it exactly as one. The list is analysed like
// an export (a CSV file made here, never sent anywhere) and can be downloaded to add to one.
//
// The typed list is this part's own state (it is not the analysis's): the page's store is
// told only through `actions.chooseFile` and `actions.analyse`, as if the file were chosen.
import { el, setText } from "../ui/dom.js";
import { codesOf, paperCodes, readCodes } from "../core/paper.js";

const csvOf = (fragments) => `link,channel\r\n${fragments.map((f) => `${f},paper`).join("\r\n")}\r\n`;

export function createPaper(root, engine, actions) {
  let data = null; // the council's data file (a File), or null for Hampshire's
  let optionList = null;
  let responses = []; // [{ codes: ["1B", …], choices: { option: level } }]

  const codes = el("input", { type: "text", id: "paper-codes", class: "input paper-codes", autocomplete: "off", spellcheck: "false", "aria-describedby": "paper-codes-hint paper-codes-error" });
  const error = el("p", { class: "error-message", id: "paper-codes-error", hidden: "" });
  const picks = el("div", { class: "paper-picks" });
  const add = el("button", { type: "button", class: "button", id: "paper-add" }, "Add this response");
  const status = el("p", { class: "analyse-about", id: "paper-status", role: "status" });
  const list = el("div", { id: "paper-list" });
  const analyse = el("button", { type: "button", class: "button", id: "paper-analyse" }, "Analyse the typed responses");
  const download = el("button", { type: "button", class: "button button--secondary", id: "paper-download" }, "Download them as rows (CSV)");
  const after = el("div", { class: "analyse-buttons", hidden: "" }, analyse, " ", download);
  const loading = el("p", {}, "Loading the council's options…");
  const section = el(
    "section",
    { id: "analyse-paper", class: "analyse-input analyse-paper", "aria-labelledby": "paper-heading" },
    el("h2", { id: "paper-heading", class: "heading-m" }, "Type in paper responses"),
    el(
      "p",
      {},
      "For answers written on the calculator's ",
      el("a", { href: "index.html?view=paper-form" }, "paper response form"),
      ". Each one you add is counted exactly as an online response with the same choices: the calculator writes the same link for it.",
    ),
    loading,
    el(
      "div",
      { class: "analyse-field", id: "paper-codes-field" },
      el("label", { class: "lever__label", for: "paper-codes" }, "Codes ticked on one form"),
      el("p", { class: "hint", id: "paper-codes-hint" }, "The code beside each ticked box, such as 1B 6A 10C, with spaces between. Leave out a question with no box ticked, or with more than one."),
      error,
      codes,
    ),
    el("details", { class: "paper-pick" }, el("summary", {}, "Or pick the answers"), picks),
    add,
    status,
    list,
    after,
  );
  root.after(section);

  const showError = (text) => {
    setText(error, text ? `Error: ${text}` : "");
    error.hidden = !text;
    codes.toggleAttribute("aria-invalid", Boolean(text));
  };

  /** One select per question, kept in step with the codes typed. */
  function buildPicks() {
    picks.replaceChildren(
      ...paperCodes(optionList).map(({ option, number, levels }) => {
        const id = `paper-pick-${option.id}`;
        const select = el(
          "select",
          { id, class: "select", "data-option": option.id },
          el("option", { value: "" }, "No answer"),
          ...levels.map(({ level, code }) => el("option", { value: code }, `${code}: ${level.label}`)),
        );
        select.addEventListener("change", () => {
          const chosen = [...picks.querySelectorAll("select")].map((s) => s.value).filter(Boolean);
          codes.value = chosen.join(" ");
          showError("");
        });
        const title = option.theme === "views" && option.question ? option.question : option.title;
        return el("div", { class: "analyse-field" }, el("label", { class: "lever__label", for: id }, `Question ${number}: ${title}`), select);
      }),
    );
  }

  function syncPicks() {
    const { choices } = readCodes(codes.value, optionList);
    for (const select of picks.querySelectorAll("select")) {
      const chosen = choices[select.dataset.option];
      select.value = chosen ? codesOf({ [select.dataset.option]: chosen }, optionList)[0] : "";
    }
  }
  codes.addEventListener("input", () => optionList && syncPicks());

  function renderList() {
    after.hidden = responses.length === 0;
    if (responses.length === 0) return list.replaceChildren();
    const rows = responses.map((r, i) => {
      const remove = el("button", { type: "button", class: "button button--secondary analyse-small" }, `Remove response ${i + 1}`);
      remove.addEventListener("click", () => {
        responses.splice(i, 1);
        renderList();
        setText(status, `Response ${i + 1} removed. ${responses.length} typed in.`);
        codes.focus();
      });
      return el("tr", {}, el("th", { scope: "row" }, String(i + 1)), el("td", {}, r.codes.length ? r.codes.join(" ") : "No answers"), el("td", {}, remove));
    });
    list.replaceChildren(
      el(
        "table",
        { class: "table", id: "paper-table" },
        el("caption", { class: "analyse-caption" }, `Paper responses typed in: ${responses.length}`),
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Response"), el("th", { scope: "col" }, "Codes"), el("th", { scope: "col" }, el("span", { class: "visually-hidden" }, "Remove")))),
        el("tbody", {}, ...rows),
      ),
    );
  }

  add.addEventListener("click", () => {
    if (!optionList) return;
    const { choices, problems } = readCodes(codes.value, optionList);
    if (problems.length) {
      showError(problems.join(" "));
      codes.focus();
      return;
    }
    showError("");
    responses.push({ codes: codesOf(choices, optionList), choices });
    renderList();
    codes.value = "";
    syncPicks();
    setText(status, `Response ${responses.length} added${Object.keys(choices).length ? "" : ", with no answers (the council's plan)"}. Type in the next form's codes.`);
    codes.focus();
  });

  /** The typed responses as a CSV file of links, made by the engine. */
  async function file() {
    const { fragments } = await engine.links(data, responses.map((r) => r.choices));
    return new File([csvOf(fragments)], "paper-responses.csv", { type: "text/csv" });
  }

  analyse.addEventListener("click", async () => {
    try {
      actions.chooseFile(await file());
      actions.analyse();
    } catch (failure) {
      setText(status, `The typed responses could not be analysed: ${failure.message}`);
    }
  });
  download.addEventListener("click", async () => {
    try {
      const made = await file();
      const a = el("a", { href: URL.createObjectURL(made), download: made.name });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 0);
      setText(status, `Downloaded ${made.name}: ${responses.length} rows, with a link column the analysis reads.`);
    } catch (failure) {
      setText(status, `The typed responses could not be made into rows: ${failure.message}`);
    }
  });

  /** The council whose options the codes are for: Hampshire's (null) or a data file. */
  async function useData(next) {
    data = next;
    loading.hidden = false;
    try {
      const reply = await engine.options(next);
      if (data !== next) return;
      const changed = optionList !== null;
      optionList = reply.optionList;
      loading.hidden = true;
      buildPicks();
      syncPicks();
      if (changed && responses.length) {
        responses = [];
        renderList();
        setText(status, `The typed responses were cleared: the codes are now for ${optionList.council}'s options.`);
      }
    } catch (failure) {
      if (data === next) setText(loading, `The council's options could not be read, so paper responses cannot be typed in: ${failure.message}`);
    }
  }
  useData(null);

  return {
    render(state, prev) {
      if (state.data !== (prev?.data ?? null) && state.data !== data) useData(state.data);
    },
    /** For the tests: the typed responses. */
    responses: () => responses,
  };
}
