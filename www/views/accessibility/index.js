// The accessibility statement (?view=accessibility), in the form UK public sector bodies
// publish: for the council whose data is loaded, with its contact details from the data
// (`contact`), and "how we tested" printed from checked.js, the list the accessibility
// tests themselves run through, and the build's date (build.json, written by
// scripts/build-web.sh). Its words are in words.js. Loaded only when asked for (app.js).
import { el } from "../../ui/dom.js";
import { CHECKED_VIEWS, CHECKED_WITH } from "./checked.js";
import { lang, tr } from "../../core/language.js";
import { siteUrl } from "../../core/site.js";
import { words } from "./words.js";

const section = (id, heading, ...content) => el("section", { "aria-labelledby": id }, el("h2", { id, class: "heading-m" }, heading), ...content);
const list = (items) => el("ul", { class: "list" }, ...items.map((item) => el("li", {}, item)));

/** The address's language, kept on the statement's links to the other views. */
const langParam = () => (lang === "cy" ? "&lang=cy" : "");

function contactList(contact, WORDS) {
  if (!contact) return [el("p", {}, WORDS.noContact)];
  const rows = [];
  if (contact.email) rows.push([WORDS.email, el("a", { href: `mailto:${contact.email}` }, contact.email)]);
  if (contact.phone) rows.push([WORDS.phone, contact.phone]);
  if (contact.address) rows.push([WORDS.address, contact.address]);
  const details = el("dl", { class: "statement-contact" }, ...rows.flatMap(([term, value]) => [el("dt", {}, term), el("dd", {}, value)]));
  const source = contact.source ? el("p", { class: "hint" }, WORDS.contactSource(contact.source)) : "";
  return [details, source];
}

/** When this copy was built (build.json), or null when it does not say. */
async function buildInfo() {
  try {
    const response = await fetch("build.json");
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

function statement(data, build) {
  const WORDS = words();
  const where = `${location.origin}${location.pathname}`;
  const [aimsIntro, aims, aimsAfter] = WORDS.aims;
  const contact = contactList(data.contact, WORDS);
  return el(
    "article",
    { id: "statement", class: "statement", "aria-labelledby": "statement-title" },
    el("h1", { id: "statement-title", tabindex: "-1" }, WORDS.title(data.council)),
    ...WORDS.applies(data.council, where).map((p) => el("p", {}, p)),
    el("p", {}, aimsIntro),
    list(aims),
    el("p", {}, aimsAfter[0], el("a", { href: `?view=easy-read${langParam()}` }, aimsAfter[1]), aimsAfter[2], el("a", { href: `?view=paper-form${langParam()}` }, aimsAfter[3]), aimsAfter[4]),
    section("statement-formats", WORDS.formatsHeading, el("p", {}, WORDS.formats), ...contact),
    section("statement-problems", WORDS.problemsHeading, el("p", {}, WORDS.problems), ...contactList(data.contact, WORDS)),
    section("statement-enforcement", WORDS.enforcementHeading, ...WORDS.enforcement.map((p) => el("p", {}, p))),
    section("statement-status", WORDS.statusHeading, el("p", {}, WORDS.status)),
    section("statement-gaps", WORDS.gapsHeading, el("p", {}, WORDS.gapsIntro), list(WORDS.gaps)),
    section(
      "statement-tested",
      WORDS.testedHeading,
      el("p", {}, WORDS.tested(CHECKED_WITH.tool, CHECKED_WITH.browsers.join(" and "))),
      el("p", {}, WORDS.views),
      el("ul", { class: "list", id: "statement-views" }, ...CHECKED_VIEWS.map((v) => el("li", {}, tr(v.name)))),
      el("p", { id: "statement-built" }, build?.date ? WORDS.built(build.date, build.commit) : WORDS.notBuilt),
      el("p", {}, WORDS.prepared),
    ),
    el("p", {}, el("a", { href: `${location.pathname}${lang === "cy" ? "?lang=cy" : ""}` }, WORDS.back)),
  );
}

export async function start(_params, store) {
  const stylesheet = el("link", { rel: "stylesheet", href: siteUrl("views/accessibility/statement.css") });
  document.head.append(stylesheet);
  document.documentElement.classList.add("statement-mode");
  const build = await buildInfo();
  const main = document.getElementById("main");
  let shown = null;
  store.subscribe((state, patch) => {
    if (!patch.data) return;
    const article = statement(state.data, build);
    if (shown) shown.replaceWith(article);
    else main.prepend(article);
    shown = article;
    document.title = words().title(state.data.council);
  });
}
