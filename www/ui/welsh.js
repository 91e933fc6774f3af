// Welsh, loaded only when it is chosen (?lang=cy or a Welsh browser): fetches the catalogue
// (locales/cy.json, built into the site), speaks it (core/language.js), and puts index.html's
// own words into Welsh before the components draw theirs. A static element's words are
// found by their English: the element's whole markup when it has inline parts (a link in a
// sentence), otherwise each text and each aria-label, title, placeholder and alt.
import { speakWelsh } from "../core/language.js";
import { siteUrl } from "../core/site.js";

const squash = (text) => text.replace(/\s+/g, " ").trim();
const ATTRIBUTES = ["aria-label", "title", "placeholder", "alt", "content"];

/** The catalogue (English template → Welsh), or null when it cannot be had (English then). */
export async function loadWelsh() {
  try {
    const response = await fetch(siteUrl("locales/cy.json"));
    if (!response.ok) return null;
    const catalogue = await response.json();
    speakWelsh(catalogue);
    return catalogue;
  } catch {
    return null;
  }
}

/** `root`'s static words in Welsh (those the catalogue has). */
export function translateStatic(root, catalogue) {
  for (const element of root.querySelectorAll("title, meta[name=description], body *:not(script):not(style):not(noscript)")) {
    for (const name of ATTRIBUTES) {
      const value = element.getAttribute(name);
      const welsh = value && catalogue[squash(value)];
      if (welsh) element.setAttribute(name, welsh);
    }
    const texts = [...element.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && n.data.trim());
    if (texts.length === 0) continue;
    const whole = element.children.length > 0 ? catalogue[squash(element.innerHTML)] : undefined;
    if (whole !== undefined) {
      element.innerHTML = whole;
      continue;
    }
    for (const text of texts) {
      const welsh = catalogue[squash(text.data)];
      if (welsh !== undefined) text.data = welsh;
    }
  }
}

/** The switch's address: this one, with `lang` set (the fragment, with the choices, kept). */
export function switchTo(code) {
  const url = new URL(location.href);
  url.searchParams.set("lang", code);
  return url.href;
}
