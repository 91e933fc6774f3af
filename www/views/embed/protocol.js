// The embed's messages (docs/embed.md, protocol "mtfs-embed", version 1): which host
// origins the address lists, and the scenario message a host receives. No DOM.
import { balance } from "../../core/options.js";
import { describeChoices, headlineSentence, levelOf } from "../../core/words.js";
import { tr } from "../../core/language.js";

/**
 * The host origins listed in the address: `host=` may be repeated or hold several origins
 * separated by commas or spaces. Only exact http(s) origins count ("https://a.example",
 * "http://127.0.0.1:8000"; a trailing "/" is allowed): no paths, no wildcards, no "null".
 */
export function hostOrigins(params) {
  const origins = new Set();
  for (const value of params.getAll("host")) {
    for (const text of value.split(/[\s,]+/)) {
      if (!text) continue;
      let url;
      try {
        url = new URL(text);
      } catch {
        continue;
      }
      if ((url.protocol === "https:" || url.protocol === "http:") && url.origin === text.replace(/\/$/, "").toLowerCase()) {
        origins.add(url.origin);
      }
    }
  }
  return [...origins];
}

/** A plain copy (structured-clone safe) of what the engine returned. */
const plain = (value) => JSON.parse(JSON.stringify(value));

/**
 * Every one of the council's options with the level chosen: its id, theme, title (a view's
 * question), the level's id and words, whether it differs from the plan, and its effect on
 * the gap per year (pounds, a saving or income above zero).
 */
function optionsOf({ optionList, choices }) {
  return (optionList?.options ?? []).map((option) => {
    const level = option.levels.find((l) => l.id === levelOf(option, choices)) ?? option.levels[0];
    return {
      id: option.id,
      theme: option.theme,
      title: option.title,
      ...(option.question ? { question: option.question } : {}),
      level: level.id,
      label: level.label,
      consequence: level.consequence,
      changed: level.id !== option.plan_level,
      effect: Object.fromEntries(optionList.years.map((year, t) => [year, level.effect[t]])),
    };
  });
}

/**
 * What a council does when the money it has set aside to bridge gaps runs out, and what a
 * section 114 notice is: the engine's `words::RUNS_OUT_NOTE`, copied here for the
 * embed's messages (the embed runs the first module only), checked equal by tests/words.rs.
 */
export const RUNS_OUT_NOTE =
  "When the money set aside to bridge gaps runs out, the council still has to set a balanced budget. It would then need further savings, other reserves (money earmarked for other purposes) or new one-off money, such as a government grant. Only if it found no way to do that would its chief finance officer issue a section 114 notice, which stops all new spending except on essential services until the council agrees a way forward. Such notices are rare: well under 1 in 100 councils a year.";

/**
 * When the money set aside to bridge gaps runs out (the first year something is left
 * unfunded), what is left unfunded then, and what a council does at that point; null when it
 * lasts. Never "the budget cannot be balanced".
 */
function runsOut(p, usesReserves) {
  const year = p.summary.first_unfunded_year;
  if (!year) return null;
  const y = p.years.find((x) => x.year === year);
  return { year, unfunded: y.unfunded, uses_reserves: usesReserves, note: tr(RUNS_OUT_NOTE) };
}

/** The scenario message's body for a state (docs/embed.md, "scenario"). */
export function scenarioMessage(state) {
  const p = state.projection;
  return {
    council: p.council,
    fragment: state.fragment ?? "",
    link: `${location.href.split(/[?#]/)[0]}${state.fragment ?? ""}`,
    usesReserves: state.reservesUsed,
    choices: describeChoices(state).map(([text, changed]) => ({ text, changed })),
    options: optionsOf(state),
    balances: balance(p).balanced,
    require_balance: Boolean(state.data.consultation?.require_balance),
    sentence: headlineSentence(p, state.reservesUsed),
    runs_out: runsOut(p, state.reservesUsed),
    scenario: plain(state.scenario),
    years: p.years.map((y) => ({
      year: y.year,
      gap: y.gap,
      total_gap: y.total_gap,
      unfunded: y.unfunded,
      total_reserves: y.total_reserves,
      reserves_minimum: y.reserves_minimum,
      below_minimum: y.below_minimum,
      band_d: y.band_d,
      core_pct: y.core_pct,
      asc_pct: y.asc_pct,
      referendum: y.referendum,
    })),
    summary: {
      first_unfunded_year: p.summary.first_unfunded_year,
      first_below_minimum_year: p.summary.first_below_minimum_year,
      referendum_years: [...p.summary.referendum_years],
      final_band_d: p.summary.final_band_d,
      warnings: [...p.summary.warnings],
    },
  };
}

