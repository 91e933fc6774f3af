// The MTFS statement as the CLI prints it (src/bin/mtfs.rs `rows`), line for line, with its
// rounding to £'000 and its CSV. Every figure is the engine's decimal string: rounding and
// the differences between two scenarios are done exactly, on whole pence held as BigInt,
// never as floats. No DOM.

// Exact money: the engine's strings ("421336000.00", "-0.00") as whole pence.

/** Pounds (a decimal string with at most two places) as whole pence: "-12.3" → -1230n. */
export function pence(text) {
  const match = /^([-+]?)(\d+)(?:\.(\d{0,2}))?$/.exec(String(text).trim());
  if (!match) throw new Error(`not an amount in pounds and pence: ${JSON.stringify(text)}`);
  const value = BigInt(match[2]) * 100n + BigInt((match[3] ?? "").padEnd(2, "0"));
  return match[1] === "-" ? -value : value;
}

/** Whole pence as pounds: -123456n → "-1234.56". */
export function fromPence(p) {
  const size = p < 0n ? -p : p;
  return `${p < 0n ? "-" : ""}${size / 100n}.${String(size % 100n).padStart(2, "0")}`;
}

/** b − a, exactly: ("10.00", "12.50") → "-2.50". */
export const difference = (b, a) => fromPence(pence(b) - pence(a));

/** The negative of an amount as Rust writes it: "5.00" → "-5.00", "-5.00" → "5.00"; nothing is "0.00", never "-0.00". */
export const negate = (text) => (pence(text) === 0n ? fromPence(0n) : text.startsWith("-") ? text.slice(1) : `-${text}`);

/** Thousands separators, as the CLI's group_thousands: "1286.28" → "1,286.28". */
export function groupThousands(digits) {
  const [whole, fraction] = String(digits).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/**
 * £'000 as the CLI writes it (and a council report): rounded half away from zero, with
 * separators, "-" for nil and brackets below zero: "-80000000.00" → "(80,000)".
 */
export function thousands(text) {
  const p = pence(text);
  const size = p < 0n ? -p : p;
  let k = size / 100000n;
  if ((size % 100000n) * 2n >= 100000n) k += 1n;
  if (k === 0n) return "-";
  const digits = groupThousands(String(k));
  return p < 0n ? `(${digits})` : digits;
}

// The MTFS statement: the CLI's rows, line for line (src/bin/mtfs.rs `rows`).

/** [{ kind: "heading" | "money" | "pounds" | "text", label, indent, values }] */
export function statement(p) {
  const first = p.years[0];
  const per = (f) => p.years.map(f);
  const money = (label, indent, f) => ({ kind: "money", label, indent, values: per(f) });
  const heading = (label) => ({ kind: "heading", label });
  const england = !p.nation || p.nation === "england";
  const rows = [heading("Service budgets")];
  first.services.forEach((s, i) => rows.push(money(s.name, true, (y) => y.services[i].budget)));
  const any = (f) => p.years.some((y) => f(y) !== undefined && pence(f(y)) !== 0n);
  // As the CLI: lines a council's papers have, only when some year has them.
  if (any((y) => y.overspend)) rows.push(money("In-year overspend (met from reserves)", true, (y) => y.overspend ?? "0.00"));
  if (any((y) => y.capitalisation_cost)) rows.push(money("Capitalisation borrowing cost (MRP and interest)", true, (y) => y.capitalisation_cost ?? "0.00"));
  rows.push(
    money("Total spend", false, (y) => y.spend),
    money("Less savings removed from budgets", false, (y) => negate(y.removed_savings)),
    // Only when a choice changes the net budget, as the CLI does.
    ...(p.years.some((y) => pence(y.chosen_options) !== 0n) ? [money("Less the options chosen", false, (y) => negate(y.chosen_options))] : []),
    money("Net budget requirement", false, (y) => y.net_requirement),
    heading("Funding"),
    // As the CLI: the adult social care precept and referendums are England's; Scotland caps the rise.
    ...(england
      ? [{ kind: "text", label: "Council tax rise (core + adult social care)", indent: true, values: per((y) => `${y.core_pct}%+${y.asc_pct}%`) }]
      : [{ kind: "text", label: "Council tax rise", indent: true, values: per((y) => `${y.core_pct}%`) }]),
    ...(p.years.some((y) => y.rise_cap_pct !== undefined)
      ? [{ kind: "text", label: "Government's cap on the rise", indent: true, values: per((y) => (y.rise_cap_pct === undefined ? "none" : `${y.rise_cap_pct}%`)) }]
      : []),
    // As the CLI: only when some year restates last year's Band D (a service moved).
    ...(p.years.some((y) => y.restated_band_d !== undefined)
      ? [{ kind: "text", label: "Last year's Band D restated (£)", indent: true, values: per((y) => y.restated_band_d ?? "-") }]
      : []),
    { kind: "pounds", label: "Band D (£)", indent: true, values: per((y) => y.band_d) },
    money("Council tax", true, (y) => y.council_tax),
  );
  if (any((y) => y.collection_fund)) rows.push(money("of which collection fund surplus (deficit)", true, (y) => y.collection_fund));
  first.funding_streams.forEach((f, i) => rows.push(money(f.name, true, (y) => y.funding_streams[i].amount)));
  if (any((y) => y.capitalisation)) rows.push(money("Capitalisation direction (borrowing)", true, (y) => y.capitalisation ?? "0.00"));
  rows.push(
    money("Total funding", false, (y) => y.funding),
    money("Budget gap (surplus)", false, (y) => y.gap),
    heading("Savings shortfall (early achievement)"),
  );
  first.programmes.forEach((g, i) => rows.push(money(g.name, true, (y) => y.programmes[i].shortfall)));
  rows.push(heading("Reserves at year end"));
  first.reserves.forEach((r, i) => rows.push(money(r.name, true, (y) => y.reserves[i].closing)));
  rows.push(
    money("Total reserves", false, (y) => y.total_reserves),
    ...(any((y) => y.ring_fenced_reserves) ? [money("of which ring-fenced (not counted towards the minimum)", true, (y) => y.ring_fenced_reserves ?? "0.00")] : []),
    money("Safe minimum", false, (y) => y.reserves_minimum),
    money("Unfunded after reserves", false, (y) => y.unfunded),
    // Only when a deficit carries, as the CLI does: it is still owed the next year.
    ...(p.years.some((y) => y.deficit_brought_forward !== undefined) ? [money("Deficit brought forward from the year before", true, (y) => y.deficit_brought_forward ?? "0.00")] : []),
    ...(england ? [{ kind: "text", label: "Referendum needed", indent: false, values: per((y) => (y.referendum ? "yes" : "no")) }] : []),
  );
  return rows;
}

/** A cell of the table: money in £'000, Band D in pounds and pence, words as they are. */
export const shown = (row, value) => (row.kind === "money" ? thousands(value) : row.kind === "pounds" ? groupThousands(value) : value);

/** The same lines as `mtfs --format csv`: pounds to the penny, a header row of years. */
export function csv(p) {
  const quote = (s) => (/[,"\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const lines = [["line", ...p.years.map((y) => y.year)]];
  // Headings too, with empty cells: without them a shortfall reads like a saving.
  for (const row of statement(p)) lines.push(row.kind === "heading" ? [row.label, ...p.years.map(() => "")] : [row.label.trim(), ...row.values]);
  return `${lines.map((cells) => cells.map(quote).join(",")).join("\n")}\n`;
}

