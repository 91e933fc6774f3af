// Scenario links: the choices that differ from the council's plan, kept in the address's
// fragment, so a link reproduces them. Nothing leaves the browser: a fragment is never sent
// to a server. The format, version 1:
//
//   #s1.<key>_<value>~<key>_<value>…     e.g. #s1.c2020_2~dtt2019_80~r_0
//
// Keys are short: c<year> core rise, a<year> adult social care precept, g<group> demand
// growth, i inflation, f government funding, d<programme> delivery, l<programme> delay,
// x<year> extra savings (£m), r_0 "do not use reserves". Values are the decimal strings people typed. Only letters,
// digits and "-._~" are used, so a link survives being pasted into email and chat.

export const VERSION = "s1";
/** The longest fragment read: a link holds only the choices that differ from the plan (well under 1,000 characters). */
export const MAX_LENGTH = 2000;
const DECIMAL = /^-?(?:\d{1,9}(?:\.\d{1,9})?|\.\d{1,9})$/;

/** The fragment for a set of choices ("" for the plan itself). */
export function encode(choices, usesReserves) {
  const parts = choices.filter((c) => c.value !== c.plan).map((c) => `${c.link}_${c.value}`);
  if (!usesReserves) parts.push("r_0");
  return parts.length === 0 ? "" : `#${VERSION}.${parts.join("~")}`;
}

/** A link that cannot be used, with the reason in plain English. */
export class LinkProblem extends Error {}

/**
 * The choices in a fragment: { values: Map(short key → value), usesReserves }, or null for
 * no fragment (the plan). Throws LinkProblem for anything else.
 */
export function decode(hash, choices) {
  // Checked first: a long fragment is refused before any work on it.
  const length = hash.startsWith("#") ? hash.length - 1 : hash.length;
  if (length > MAX_LENGTH) {
    throw new LinkProblem(
      `The link is too long to be one of this calculator's: it has ${length.toLocaleString("en-GB")} characters after the #, and the calculator's links have at most ${MAX_LENGTH.toLocaleString("en-GB")}.`,
    );
  }
  const text = hash.replace(/^#/, "");
  if (text === "") return null;
  const dot = text.indexOf(".");
  const version = dot < 0 ? text : text.slice(0, dot);
  if (!/^s\d+$/.test(version)) throw new LinkProblem("The link is not a link to a set of choices in this calculator.");
  if (version !== VERSION) {
    throw new LinkProblem("The link was made by a different version of this calculator, which this page cannot read.");
  }
  const body = text.slice(dot + 1);
  const byKey = new Map(choices.map((c) => [c.link, c]));
  const values = new Map();
  let usesReserves = true;
  if (dot < 0 || body === "") throw new LinkProblem("The link is incomplete: it names no choices.");
  for (const part of body.split("~")) {
    const at = part.indexOf("_");
    const key = at < 0 ? part : part.slice(0, at);
    const value = at < 0 ? "" : part.slice(at + 1);
    if (at < 0 || key === "" || value === "") throw new LinkProblem("Part of the link is missing or damaged.");
    if (values.has(key) || (key === "r" && !usesReserves)) throw new LinkProblem("The link names the same choice twice.");
    if (key === "r") {
      if (value !== "0") throw new LinkProblem("The link's choice about reserves is not one the calculator knows.");
      usesReserves = false;
      continue;
    }
    const choice = byKey.get(key);
    if (!choice) {
      throw new LinkProblem("The link names a choice, year or savings programme that is not in the council's plan.");
    }
    const name = choice.label.toLowerCase();
    if (!DECIMAL.test(value)) throw new LinkProblem(`The link's value for ${name} is not a number.`);
    const problem = choice.check?.(value);
    // Comparing two numbers to check a range (no budget arithmetic).
    if (
      problem ||
      (choice.min !== undefined && Number(value) < Number(choice.min)) ||
      (choice.max !== undefined && Number(value) > Number(choice.max))
    ) {
      throw new LinkProblem(`The link's value for ${name} (${value}) is outside what the calculator allows.`);
    }
    values.set(key, value);
  }
  return { values, usesReserves };
}
