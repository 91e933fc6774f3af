// The page's half of the one catalogue mechanism (src/language.rs is the engine's, with the
// same rules): a message's id is its English template, `{name}` a placeholder, and
// "<template>#<category>" a Welsh plural form chosen by the argument `n`. English needs no
// catalogue, so a first visit downloads none: locales/cy.json is fetched only when Welsh
// is chosen (ui/welsh.js). No DOM.
let catalogue = null;

/** The language the page speaks: "en" or "cy". */
export let lang = "en";

/** A message in the language spoken, its `{name}`s filled from `args`. */
export function tr(template, args) {
  let text = template;
  if (catalogue) {
    const n = args?.n;
    const plural = n === undefined ? undefined : catalogue[`${template}#${new Intl.PluralRules("cy").select(Number(String(n).replace(/,/g, "")))}`];
    text = plural ?? catalogue[template] ?? template;
  }
  return args ? text.replace(/\{(\w+)\}/g, (all, name) => (name in args ? args[name] : all)) : text;
}

/** The Welsh catalogue in use, for a worker's engine (views/insight/worker.js); null in English. */
export const welshCatalogue = () => catalogue;

/** Speaks Welsh from here on, with the catalogue (English template → Welsh). */
export function speakWelsh(welsh) {
  catalogue = welsh;
  lang = "cy";
}

/** The language asked for: ?lang=cy or ?lang=en, else the browser's first Welsh or English. */
export function chosenLanguage(params) {
  const asked = params.get("lang");
  if (asked === "cy" || asked === "en") return asked;
  const first = (globalThis.navigator?.languages ?? []).find((l) => /^(cy|en)\b/i.test(l));
  return /^cy/i.test(first ?? "") ? "cy" : "en";
}

/** A data item's words in the language spoken: its Welsh (`"cy": {"<field>": …}` beside the
 *  English, docs/data-format.md) when Welsh is spoken and the data gives it, else the English. */
export const inLang = (item, field) => (lang === "cy" && item?.cy?.[field]) || item?.[field];

/** "en" for an element showing a data item's English while Welsh is spoken (no Welsh for it in
 *  the data), so a screen reader reads it as English; otherwise undefined (no attribute). */
export const langOf = (item, field) => (lang === "cy" && !item?.cy?.[field] ? "en" : undefined);

/** Marks a template to translate where it is used (`tr(text)`), for one kept in a constant. */
export const N_ = (template) => template;
