// Money and rates as people read them, from the engine's decimal strings ("1286.28",
// "421336000.00", "1.99"). No arithmetic and no parseFloat: Intl.NumberFormat formats a
// decimal *string* exactly, rounding half away from zero as the engine does.

const pounds = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" });
const oneDecimal = new Intl.NumberFormat("en-GB", {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  signDisplay: "negative", // no "-0.0"
});

/** "1286.28" → "£1,286.28". */
export function money(text) {
  return pounds.format(text);
}

/** Pounds in millions to one decimal place, for tables headed "£ million": "421336000.00" → "421.3". */
export function millions(text) {
  return oneDecimal.format(shiftPoint(text, 6));
}

/** Pounds as "£12.4m" in sentences. */
export function moneyMillions(text) {
  const m = millions(text);
  return m.startsWith("-") ? `-£${m.slice(1)}m` : `£${m}m`;
}

/** "1.99" → "1.99%". */
export function percent(text) {
  return `${text}%`;
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
