//! The binding's risk, goal-seek and drivers calls: `simulate`, `goalSeek` and
//! `drivers` on `Calculator`, with their TypeScript (which merges with `DataSet` above).
//!
//! ```js
//! const risk = calculator.simulate(scenario, 10000, 42);   // the same seed, the same figures
//! const goal = calculator.goalSeek(scenario);              // answers as scenario fragments
//! const why = calculator.drivers(scenario);                // waterfalls and sensitivity
//! const words = calculator.riskWords(risk, scenario);      // the simulation in words
//! const view = calculator.outturn(record);                 // the plan against what happened
//! const json = fromCsv(names, texts);                      // section CSV files → a data set
//! ```

use super::{into_error, json, Calculator, SERIALIZER};
use crate::outturn::cells::{self, YearCells};
use crate::outturn::{self, Outturn};
use crate::risk::Simulation;
use crate::{drivers, goal, risk, sheet, DataError, DataSet, Problem, Scenario};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPESCRIPT: &'static str = r#"
export type Rating = "blue" | "green" | "amber" | "red";
/** A range of plausible values, lowest first. */
export interface Range { low: Figure; high: Figure }
/** The optional risk section of a data set (docs/data-format.md). */
export interface RiskSection {
  ratings: Record<Rating, { delivery_pct: Figure; slip_pct: Figure }>;
  slip_years: Figure;
  part_size?: Figure;
  /** Keyed by programme id: the rating of future delivery the RAG split does not cover. */
  unrated?: Record<string, { rating: Rating; source?: string; derived?: string; assumption?: string }>;
  inflation_adjust_pp?: Range;
  /** Keyed by growth group. */
  growth_factor?: Record<string, Range>;
}
export interface DataSet { risk?: RiskSection }

/** `figures()`: one figure of the data set and its place in the file, `["services[0].base", figure]`. */
export type FigureAt = [path: string, figure: Figure];

/** Five nearest-rank percentiles across the simulated paths. */
export interface Percentiles { p5: Money; p25: Money; p50: Money; p75: Money; p95: Money }
/** How many paths something happened on, and that as a percentage (2 dp). */
export interface Chance { paths: number; pct: DecimalText }
/** `simulate()`: the savings-delivery Monte Carlo. */
export interface Simulation {
  council: string; paths: number; seed: number; percentile_method: "nearest-rank";
  years: {
    year: Year;
    /** The scenario as set, every programme delivering as planned. */
    scenario: { total_reserves: Money; reserves_minimum: Money; gap: Money; total_gap: Money; unfunded: Money };
    total_reserves: Percentiles; gap: Percentiles; total_gap: Percentiles; unfunded: Percentiles;
    /** In this year, and in this or any earlier year. */
    below_minimum: Chance; below_minimum_by: Chance;
    /** The money set aside to bridge gaps has run out (not "the budget cannot be balanced"). */
    unbalanced: Chance; unbalanced_by: Chance;
  }[];
  /** How long the bridging money lasts: the year it first runs out, across the paths. */
  runway: { runs_out: Chance[]; lasts: Chance; year_p5: Year | null; year_p50: Year | null; year_p95: Year | null; scenario_year: Year | null };
}

/** `riskWords()`: the simulation in plain English (the same sentences as `mtfs risk`). */
export interface RiskWords {
  below_minimum: string;
  /** The money set aside to bridge gaps runs out (never "the budget cannot be balanced"). */
  runs_out: string;
  /** How many years the bridging money lasts, and its spread across the futures. */
  runway: string[];
  /** The scenario's own runway, every saving delivered as planned. */
  runway_plan: string;
  /** What a council does when it runs out, and what a section 114 notice is. */
  what_then: string;
}

/** One outturn figure (docs/outturn.md): a value or null ("not published", never 0). */
export interface OutturnFact {
  value: DecimalText | boolean | null;
  qualifier?: "about" | "nearly" | "more_than" | "at_least";
  confidence: "council" | "press" | "derived" | "unverified" | "not_published";
  source: string; reason?: string; date?: string; period?: string; quote?: string; note?: string;
}
/** A figure or flag as a table shows it, in the same words as `mtfs outturn`. */
export interface FigureCells {
  id: string; plan: string | null; outturn: string;
  mark: string; confidence: string; difference: string | null; difference_short: string | null;
}
export interface FlagCells { id: string; plan: string | null; outturn: string; mark: string; confidence: string }
export interface YearCells { year: Year; figures: FigureCells[]; flags: FlagCells[] }
/** `outturn()`: the report of `mtfs outturn --format json --no-back-test` (docs/outturn.md,
 *  "The JSON"), and each year's figures as table cells (`years`, then `after_horizon`). */
export interface OutturnView {
  report: {
    format: "mtfs-outturn-report/1"; council: string;
    plan: { vintage: string; as_at: string; base_year: Year; years: Year[]; };
    confidence_marks: { confidence: string; mark: string; meaning: string }[];
    resident_headline: string; resident_summary: string;
    years: OutturnYear[]; after_horizon: OutturnYear[];
    programmes: { id: string; name: string; title: string; words: string; events: OutturnNote[] }[];
    shocks: { id: string; year: Year; kind: string; title: string; amount: OutturnFact; in_model: string }[];
    vintages: {
      measures: { id: string; label: string; unit: string }[];
      vintages: { id: string; label: string; date: string; papers: string; figures: Record<string, OutturnFact>; notes: OutturnNote[] }[];
      bridges: {
        from: string; to: string; from_label: string; to_label: string;
        changes: { measure: string; label: string; unit: string; from: OutturnFact | null; to: OutturnFact | null; change: DecimalText | null; words: string }[];
        revisions: { from: string; to: string; text: string; confidence: string; source: string }[];
      }[];
    } | null;
    gap_forecasts: { forecasts: { date: string; label: string; amount: OutturnFact }[]; steps: { from: string; to: string; change: DecimalText | null; words: string }[] } | null;
    back_test: null;
  };
  cells: { years: YearCells[]; after_horizon: YearCells[] };
}
export interface OutturnNote { text: string; confidence: string; source: string; date?: string }
export interface OutturnYear {
  year: Year; in_plan: boolean;
  figures: { id: string; label: string; unit: "pounds" | "pence" | "percent" | "number"; plan: DecimalText | null; plan_note?: string; outturn: OutturnFact; variance: DecimalText | null; words: string }[];
  flags: { id: string; label: string; plan: boolean | null; outturn: OutturnFact }[];
  explanation: string[]; events: OutturnNote[];
}

/** `goalSeek()`: the smallest change that keeps every year balanced with reserves at or
 *  above the safe minimum. `change` holds the levers to set; `scenario` is the whole
 *  scenario with them, ready for `project()`. */
export interface GoalSeek {
  already_safe: boolean;
  first_unsafe_year: Year | null;
  council_tax: {
    found: boolean;
    /** The uniform core rise, each year capped at its lawful maximum (when within limits). */
    core_pct: DecimalText | null;
    within_limits: boolean;
    /** Points above each year's lawful maximum, when no lawful rise is enough. */
    beyond_limit_pp: DecimalText | null;
    referendum_years: Year[];
    lawful_max_pct: (DecimalText | null)[];
    change: Scenario | null; scenario: Scenario | null;
    message: string;
  };
  /** One per possible first year of the saving. */
  savings: {
    from_year: Year;
    /** Recurring £ a year from `from_year`, in whole thousands; null when none is enough. */
    amount: Money | null;
    change: Scenario | null; scenario: Scenario | null;
    message: string;
  }[];
}

export type WaterfallBarId =
  | "inflation" | "demand_growth" | "other_spending" | "savings_removed" | "council_tax"
  | "other_funding" | "savings_shortfall" | "deficit_brought_forward" | "reserves_used"
  | "surplus_not_used";
/** `drivers()`: per year, from last year's gap to this year's gap, then to what is
 *  unfunded (bars in pounds, positive raises the gap, summing exactly to the totals); and
 *  the final year's reserves at each end of each lever's plausible range. */
export interface Drivers {
  waterfalls: {
    year: Year; previous_net_budget: Money; net_budget: Money;
    previous_gap: Money; to_gap: { id: WaterfallBarId; amount: Money }[]; gap: Money;
    to_unfunded: { id: WaterfallBarId; amount: Money }[]; unfunded: Money;
  }[];
  sensitivity: {
    year: Year; total_reserves: Money;
    /** Largest swing first: the larger of the swings in reserves and in what is left unfunded. */
    levers: {
      lever: string; label: string;
      /** Per-year levers: one value, or each year's joined by "/" when they differ. */
      low: { value: string; total_reserves: Money; unfunded: Money; change: Scenario };
      high: { value: string; total_reserves: Money; unfunded: Money; change: Scenario };
      swing: Money; unfunded_swing: Money;
      /** What bounds the high end where it is not the referendum limit (Wales: no legal limit). */
      limit_words?: string;
    }[];
  };
}
"#;

/// A whole number from JS for `name`, from 0 to `max`.
fn whole(name: &str, value: f64, max: u32) -> Result<u32, JsValue> {
    if value.fract() == 0.0 && (0.0..=f64::from(max)).contains(&value) {
        Ok(value as u32)
    } else {
        Err(into_error(DataError::single(
            name,
            format!("a whole number from 0 to {max} is expected (got {value})"),
        )))
    }
}

#[wasm_bindgen]
impl Calculator {
    /// Runs `paths` (1 to 100,000) simulated paths of the scenario with `seed` (a whole
    /// number up to 4,294,967,295). Throws `Problems` for a bad scenario, path count or
    /// seed, or a data set without a risk section.
    #[wasm_bindgen(unchecked_return_type = "Simulation")]
    pub fn simulate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Scenario | null")] scenario: Option<JsValue>,
        paths: f64,
        seed: f64,
    ) -> Result<JsValue, JsValue> {
        let scenario = read(scenario)?;
        let paths = whole("paths", paths, u32::MAX)?;
        let seed = whole("seed", seed, u32::MAX)?;
        let result =
            risk::simulate_scenario(&self.council, &scenario, paths, seed).map_err(into_error)?;
        write(&result)
    }

    /// The smallest core council tax rise, and the smallest extra recurring saving from
    /// each year, that keep the scenario safe.
    #[wasm_bindgen(js_name = goalSeek, unchecked_return_type = "GoalSeek")]
    pub fn goal_seek(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Scenario | null")] scenario: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let scenario = read(scenario)?;
        write(&goal::seek_scenario(&self.council, &scenario).map_err(into_error)?)
    }

    /// What drives each year's gap, and the sensitivity of the final year's reserves.
    #[wasm_bindgen(unchecked_return_type = "Drivers")]
    pub fn drivers(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Scenario | null")] scenario: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let scenario = read(scenario)?;
        write(&drivers::drivers_scenario(&self.council, &scenario).map_err(into_error)?)
    }

    /// The simulation (`simulate`'s answer) in plain English, for the scenario it was run
    /// on: the chances, how long the money set aside to bridge gaps lasts, and what a
    /// council does when it runs out.
    #[wasm_bindgen(js_name = riskWords, unchecked_return_type = "RiskWords")]
    pub fn risk_words(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Simulation")] simulation: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Scenario | null")] scenario: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let simulation: Simulation = json::read(simulation).map_err(into_error)?;
        let scenario = read(scenario)?;
        write(
            &risk::words::describe_scenario(&self.council, &scenario, &simulation)
                .map_err(into_error)?,
        )
    }

    /// The council's plan against what happened: an outturn record (`mtfs-outturn/1`, the
    /// parsed JSON of data/*-outturn.json) checked against this data set, compared year by
    /// year as `mtfs outturn --format json --no-back-test` does, with each figure as table
    /// cells. Throws `Problems` for a record it refuses.
    #[wasm_bindgen(unchecked_return_type = "OutturnView")]
    pub fn outturn(
        &self,
        #[wasm_bindgen(unchecked_param_type = "object")] record: JsValue,
    ) -> Result<JsValue, JsValue> {
        let record: Outturn = json::read(record).map_err(into_error)?;
        record.validate(&self.council).map_err(into_error)?;
        let report = outturn::report(&self.council, &record, None).map_err(into_error)?;
        let cells = Cells {
            years: report.years.iter().map(cells::year_cells).collect(),
            after_horizon: report.after_horizon.iter().map(cells::year_cells).collect(),
        };
        write(&OutturnView { report, cells })
    }

    /// Every figure of the data set with where it comes from (its `source`, `derived` or
    /// `assumption`), in the file's order, each with its path: for officers' lists of
    /// assumptions and sources. Here rather than in the first module, which stays small.
    #[wasm_bindgen(unchecked_return_type = "FigureAt[]")]
    pub fn figures(&self) -> Result<JsValue, JsValue> {
        write(&self.data.figures())
    }
}

/// A data set from its section CSV files (docs/data-format.md, "Spreadsheet files"): the
/// files' names and texts, in the same order. Returns the checked data set as JSON text, the
/// same text as `mtfs from-csv`; throws `Problems`, each message naming the file, row and
/// column (`services.csv row 4, column "value": not a number: "12,5m"`), with no path.
#[wasm_bindgen(js_name = fromCsv)]
pub fn from_csv(names: Vec<String>, texts: Vec<String>) -> Result<String, JsValue> {
    if names.len() != texts.len() {
        return Err(into_error(DataError::single(
            "",
            "fromCsv: give one text for each file name",
        )));
    }
    let files: Vec<(String, String)> = names.into_iter().zip(texts).collect();
    let placed = |problems: Vec<String>| {
        into_error(DataError {
            problems: problems.into_iter().map(|m| Problem::new("", m)).collect(),
        })
    };
    let read = sheet::read_text(&files).map_err(placed)?;
    // Checked as the page checks a JSON file (the same reader and messages as the CLI's),
    // so this module carries no second copy of the data format's reader.
    let js = js_sys::JSON::parse(&read.json)
        .map_err(|_| placed(vec!["the files do not make JSON".into()]))?;
    let checked = json::read::<DataSet>(js).and_then(|data| data.validate().map(|_| ()));
    checked.map_err(|e| placed(read.placed(&e)))?;
    Ok(read.json)
}

#[derive(Serialize)]
struct Cells {
    years: Vec<YearCells>,
    after_horizon: Vec<YearCells>,
}

#[derive(Serialize)]
struct OutturnView {
    report: outturn::Report,
    cells: Cells,
}

fn read(scenario: Option<JsValue>) -> Result<Scenario, JsValue> {
    match scenario {
        None => Ok(Scenario::default()),
        Some(js) => json::read::<Scenario>(js).map_err(into_error),
    }
}

fn write(value: &impl Serialize) -> Result<JsValue, JsValue> {
    value
        .serialize(&SERIALIZER)
        .map_err(|e| into_error(DataError::single("", e.to_string())))
}
