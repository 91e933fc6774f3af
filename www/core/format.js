// Money and rates as people read them, from the engine's decimal strings ("1286.28",
// "421336000.00", "1.99"). No arithmetic and no parseFloat: Intl.NumberFormat formats a
// decimal *string* exactly, rounding half away from zero as the engine does. Only
// `pixels` turns a figure into a float, for a chart's geometry.

const pounds = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" });
const oneDecimal = new Intl.NumberFormat("en-GB", {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  signDisplay: "negative", // no "-0.0"
});

/** Letters and digits only, for ids and file names: "Hampshire County Council" → "hampshire-county-council". */
export const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/** "1286.28" → "£1,286.28". */
export function money(text) {
  return pounds.format(text);
}

/** Pounds in millions to one decimal place, for tables headed "£ million": "421336000.00" → "421.3". */
export function millions(text) {
  return oneDecimal.format(shiftPoint(text, 6));
}

/** Pounds as "£12.4m" in sentences; "-£6.8m" below zero. */
export function moneyMillions(text) {
  const m = millions(text);
  return m.startsWith("-") ? `-£${m.slice(1)}m` : `£${m}m`;
}

/**
 * Pounds in words, as the engine's warnings write them: "£12.4m" from £1m, otherwise to the
 * pound ("£37,412"); "-" before either below zero.
 */
export function moneyWords(text) {
  if (isZero(text)) return "£0";
  const digits = magnitude(text).split(".")[0].replace(/^0+/, "");
  if (digits.length >= 7) return moneyMillions(text);
  return wholePounds.format(text);
}

const wholePounds = new Intl.NumberFormat("en-GB", {
  style: "currency",
  currency: "GBP",
  maximumFractionDigits: 0,
  roundingMode: "halfExpand",
});

/** "1.99" → "1.99%". */
export function percent(text) {
  return `${text}%`;
}

/** Whether a decimal string is zero ("0", "0.00", "-0.00"). */
export function isZero(text) {
  return /^[-+]?0*\.?0*$/.test(text.trim());
}

/** Whether a decimal string is below zero. */
export function isNegative(text) {
  return text.trim().startsWith("-") && !isZero(text);
}

/** Whether a decimal string is above zero. */
export function isPositive(text) {
  return !isNegative(text) && !isZero(text);
}

/** The magnitude of a decimal string: "-6.80" → "6.80". */
export function magnitude(text) {
  return text.trim().replace(/^[-+]/, "");
}

/** Moves a decimal string's point `places` to the left: ("421336000.00", 6) → "421.33600000". */
export function shiftPoint(text, places) {
  const match = /^([-+]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) throw new Error(`not a decimal string: ${JSON.stringify(text)}`);
  const [, sign, whole, fraction = ""] = match;
  const padded = whole.padStart(places + 1, "0");
  const cut = padded.length - places;
  return `${sign}${padded.slice(0, cut)}.${padded.slice(cut)}${fraction}`;
}

/** A percentage as a multiplier, exactly: "150" → "1.50", "5" → "0.05". */
export function percentToFactor(text) {
  return shiftPoint(text, 2);
}

/** A figure as a float for drawing only (pixels, never money shown to people). */
export function pixels(text) {
  return Number(text);
}

/** Moves a decimal string's point `places` to the right, exactly: ("0.85", 2) → "85". */
export function shiftRight(text, places) {
  const [whole, part = ""] = text.split(".");
  const digits = `${whole}${part.padEnd(places, "0").slice(0, places)}`.replace(/^(-?)0+(?=\d)/, "$1");
  const rest = part.slice(places).replace(/0+$/, "");
  return rest ? `${digits}.${rest}` : digits;
}

/** A decimal string without trailing zeros after its point: "40.3510" → "40.351", "5.00" → "5". */
export const trimZeros = (text) => (text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text);

/** Pounds as £ million for a choice's box, without trailing zeros: "40351000" → "40.351". */
export const poundsToMillions = (text) => trimZeros(shiftPoint(text, 6));

/** £ million as pounds, moving the point six places (no float): "53.69" → "53690000.0". */
export function millionsToPounds(text) {
  const [whole, part = ""] = text.split(".");
  return `${`${whole}${part.padEnd(6, "0").slice(0, 6)}`.replace(/^(-?)0+(?=\d)/, "$1")}.${part.slice(6) || "0"}`;
}

/**
 * Pounds in short words for an option's effect: from £1m in millions to two places at most
 * ("£1.95m", "£5.3m"), below that to the pound ("£975,000").
 */
export function moneyShort(text) {
  if (isZero(text)) return "£0";
  const size = magnitude(text);
  const sign = isNegative(text) ? "-" : "";
  if (size.split(".")[0].replace(/^0+/, "").length < 7) return `${sign}${wholePounds.format(size)}`;
  return `${sign}£${shortMillions.format(shiftPoint(size, 6))}m`;
}

const shortMillions = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 2, roundingMode: "halfExpand" });
