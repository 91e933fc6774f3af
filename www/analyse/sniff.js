// What a consultation export holds, read the way `mtfs analyse` reads it
// (src/bin/mtfs/analyse.rs, src/analysis.rs): its kind (CSV, a JSON array, JSON lines),
// a CSV file's columns and the one the engine would take for the links, and each JSON
// item's link and group. Used by the analysis worker only: no DOM, no engine.

/** The kind of file from its first bytes: "json" (an array), "jsonl" (one value a line) or "csv". */
export function kindOf(text) {
  // As the command line: JSON when the text starts (after spaces) with [ or {. A byte
  // order mark is skipped too (the command line would read such a file as CSV).
  const first = text.replace(/^\uFEFF/, "").trimStart()[0];
  return first === "[" ? "json" : first === "{" ? "jsonl" : "csv";
}

/** `;` when the header line has more semicolons than commas outside quotes, else `,` (records.rs). */
export function delimiter(line) {
  let quoted = false;
  let commas = 0;
  let semicolons = 0;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === "," && !quoted) commas += 1;
    else if (c === ";" && !quoted) semicolons += 1;
  }
  return semicolons > commas ? ";" : ",";
}

/**
 * The first `count` records of CSV text (quoted fields, doubled quotes, line breaks in
 * quotes, CRLF): [[field, …], …]. A record cut off by the end of the text is left out
 * unless `complete` says the text is the whole file.
 */
export function records(text, count, complete = false) {
  const body = text.replace(/^\uFEFF/, "");
  const newline = body.indexOf("\n");
  const sep = delimiter(newline < 0 ? body : body.slice(0, newline));
  const out = [];
  let fields = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    // A blank line is no record (csv-core skips it).
    if (!(fields.length === 1 && fields[0] === "")) out.push(fields);
    fields = [];
    field = "";
  };
  for (; i < body.length && out.length < count; i += 1) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      // A line ends at \n, \r or \r\n, as csv-core's default terminator.
      endRecord();
      if (c === "\r" && body[i + 1] === "\n") i += 1;
    } else field += c;
  }
  if (complete && out.length < count && (field !== "" || fields.length > 0)) endRecord();
  return out;
}

/** Whether a cell holds a calculator link (analysis.rs, looks_like_link). */
export function looksLikeLink(text) {
  const hash = text.lastIndexOf("#");
  const t = hash < 0 ? text : text.slice(hash + 1);
  return t.startsWith("s1.") || t.startsWith("s2.");
}

/**
 * The column the engine takes for the links when none is named: the first whose first
 * row holds a link, or else the first whose header says link, fragment or scenario.
 */
export function detectLink(header, first = []) {
  const byCell = first.findIndex((f) => looksLikeLink(f.trim()));
  if (byCell >= 0 && byCell < header.length) return header[byCell];
  const byName = header.findIndex((h) => ["fragment", "link", "scenario"].some((w) => h.toLowerCase().includes(w)));
  return byName >= 0 ? header[byName] : null;
}

/** The first item of a JSON array's text (which may be cut short), or undefined. */
export function firstArrayItem(text) {
  const start = text.indexOf("[");
  let i = start + 1;
  while (i < text.length && /\s/.test(text[i])) i += 1;
  let depth = 0;
  for (let j = i; j < text.length; j += 1) {
    const c = text[j];
    if (c === '"') {
      for (j += 1; j < text.length && text[j] !== '"'; j += 1) if (text[j] === "\\") j += 1;
      if (depth === 0) return parseOr(text.slice(i, j + 1));
    } else if (c === "{" || c === "[") depth += 1;
    else if (c === "}" || c === "]") {
      depth -= 1;
      if (depth === 0) return parseOr(text.slice(i, j + 1));
      if (depth < 0) return undefined;
    }
  }
  return undefined;
}

/** The first JSON line's value, or undefined. */
export function firstLine(text) {
  const line = text
    .replace(/^\uFEFF/, "")
    .split("\n")
    .find((l) => l.trim() !== "");
  return line === undefined ? undefined : parseOr(line);
}

function parseOr(text, fallback = undefined) {
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}

/** One JSON line's value; a line that is not JSON is null (then refused: no link). */
export const lineValue = (line) => parseOr(line, null);

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** The fields an item offers to group by. */
export const fieldsOf = (item) => (isObject(item) ? Object.keys(item) : []);

/** An item's link: the item itself if text, else its `fragment`, else its `link` (analyse.rs). */
export function fragmentOf(item) {
  if (typeof item === "string") return item;
  if (!isObject(item)) return "";
  if (typeof item.fragment === "string") return item.fragment;
  if (typeof item.link === "string") return item.link;
  return "";
}

/** An item's group: the field's text, or its JSON for any other value; null without it. */
export function groupOf(item, name) {
  if (!name || !isObject(item) || !Object.hasOwn(item, name)) return null;
  const value = item[name];
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * JSON lines from text in pieces, as Rust's `str::lines` splits them (at "\n", a "\r"
 * before it dropped), blank lines left out: push(text) and finish() call `each(line)`.
 */
export function lineSplitter(each) {
  let rest = "";
  const emit = (line) => {
    const l = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (l.trim() !== "") each(l);
  };
  return {
    push(text) {
      const parts = (rest + text).split("\n");
      rest = parts.pop();
      for (const part of parts) emit(part);
    },
    finish() {
      if (rest !== "") emit(rest);
      rest = "";
    },
  };
}
