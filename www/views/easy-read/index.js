// The views for residents who will not use the calculator itself: an Easy Read view of the
// council's options (?view=easy-read) and a paper response form to print (?view=paper-form).
// Loaded only when asked for (app.js). Each takes over the page's main area, is built from
// the engine's calculator.options() (in the store), and is built again for another council's
// data. Neither changes the store.
import { el } from "../../ui/dom.js";
import { easyRead } from "./easy-read.js";
import { paperForm } from "./paper-form.js";
import { lang, tr } from "../../core/language.js";
import { siteUrl } from "../../core/site.js";

export { easyRead, paperForm };

function stylesheet() {
  const href = siteUrl("views/easy-read/easy-read.css");
  if (document.querySelector(`link[href="${href}"]`)) return Promise.resolve();
  const link = el("link", { rel: "stylesheet", href });
  const loaded = new Promise((resolve) => {
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", resolve, { once: true });
  });
  document.head.append(link);
  return loaded;
}

/** The addresses the views link to, keeping the resident's choices (the fragment). */
function links(fragment) {
  // The language chosen in the address goes along (core/language.js).
  const query = (view) => new URLSearchParams([...(view ? [["view", view]] : []), ...(new URLSearchParams(location.search).has("lang") ? [["lang", lang]] : [])]).toString();
  const at = (view) => `${location.pathname}${query(view) ? `?${query(view)}` : ""}${fragment ?? ""}`;
  return { main: at(null), easyRead: at("easy-read"), paper: at("paper-form") };
}

export async function start(params, store) {
  const paper = params.get("view") === "paper-form";
  await stylesheet();
  document.documentElement.classList.add("easy-read-mode", paper ? "paper-mode" : "easy-read-only");
  document.title = tr(paper ? "Paper response form: council budget calculator" : "Easy Read: council budget calculator");
  const main = document.getElementById("main");
  let shown = null;
  let optionList = null;
  store.subscribe((state) => {
    if (!state?.optionList || state.optionList === optionList) return;
    optionList = state.optionList;
    const article = (paper ? paperForm : easyRead)(state, links(state.ownFile ? "" : location.hash));
    if (shown) shown.replaceWith(article);
    else main.prepend(article);
    shown = article;
    document.title = tr(paper ? "Paper response form: {council}" : "Easy Read: {council}", { council: optionList.council });
  });
}
