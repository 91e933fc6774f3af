//! Plan against outturn: what happened to a council's plan, as sourced data, compared
//! with the plan the engine projects, with how the forecast changed between the plan's
//! vintages and a back-test of the plan's risk model (docs/outturn.md).
//!
//! - [`record`]: the outturn record (`mtfs-outturn/1`), each figure with its source and
//!   confidence, "not published" as an explicit null, checked against the plan's years.
//! - [`compare`]: each year's figures beside the plan's, the variance in words.
//! - [`summary`]: how the plan fared, for residents.
//! - [`cells`]: each figure as a table shows it (the CLI's table and the officer view).
//! - [`vintages`]: the plan's vintages and the bridge from one to the next; later gap
//!   forecasts.
//! - [`backtest`]: where each outturn fell in the plan's Monte Carlo fan.
//!
//! ```
//! # fn main() -> Result<(), mtfs::DataError> {
//! let (_, council) = mtfs::load_data_json(include_str!("../data/hampshire.json"))?;
//! let text = include_str!("../data/hampshire-outturn.json");
//! let outturn = mtfs::outturn::load_json(text, &council)?;
//! let report = mtfs::outturn::report(&council, &outturn, None)?;
//! assert!(report.resident_summary.starts_with("Every budget from 2020/21 to 2023/24 was set balanced"));
//! # Ok(()) }
//! ```

pub mod backtest;
pub mod cells;
pub mod compare;
pub mod record;
pub mod summary;
pub mod vintages;

pub use backtest::{BackTest, BackTestRun, Placement};
pub use compare::{FigureComparison, ProgrammeComparison, YearComparison};
pub use record::{Confidence, Fact, Outturn, Qualifier, Unit};

use crate::error::DataError;
use crate::model::Council;
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};

/// The format string of the report (`mtfs outturn --format json`).
pub const REPORT_FORMAT: &str = "mtfs-outturn-report/1";

/// What the confidence marks mean, for a reader of the JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    pub confidence: Confidence,
    pub mark: String,
    pub meaning: String,
}

/// The plan the outturn is measured against.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanSummary {
    pub vintage: String,
    pub as_at: String,
    pub base_year: String,
    pub years: Vec<String>,
}

/// The plan against the outturn, with the vintages and the back-test.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub format: String,
    pub council: String,
    pub plan: PlanSummary,
    pub confidence_marks: Vec<Mark>,
    /// One sentence for residents: how the plan fared.
    pub resident_headline: String,
    /// A short paragraph for residents.
    pub resident_summary: String,
    pub years: Vec<YearComparison>,
    pub after_horizon: Vec<YearComparison>,
    pub programmes: Vec<ProgrammeComparison>,
    pub shocks: Vec<record::Shock>,
    pub vintages: Option<vintages::VintageReport>,
    pub gap_forecasts: Option<vintages::GapForecastReport>,
    /// Absent when the report was asked for without it.
    pub back_test: Option<BackTest>,
}

/// Reads an outturn record from JSON text and checks it against the plan's council.
#[cfg(feature = "cli")]
pub fn load_json(text: &str, council: &Council) -> Result<Outturn, DataError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let outturn = record::load(&mut de, council)?;
    de.end().map_err(|e| DataError::single("", e.to_string()))?;
    Ok(outturn)
}

/// The plan (`project_scenario` of the data set's own plan: the plan as at its date, which
/// the record checks) against the record; with `back_test = Some((paths, seed))`, the
/// Monte Carlo back-test too.
pub fn report(
    council: &Council,
    outturn: &Outturn,
    back_test: Option<(u32, u32)>,
) -> Result<Report, DataError> {
    let modelled = crate::project_scenario(council, &Scenario::default())?;
    let plans = compare::Plans {
        council,
        modelled: &modelled,
    };
    let years: Vec<YearComparison> = (0..council.horizon())
        .map(|t| compare::plan_year(&plans, outturn, t))
        .collect();
    let programmes = compare::programmes(&plans, outturn);
    let back_test = match back_test {
        Some(settings) => Some(run_back_test(council, outturn, settings)?),
        None => None,
    };
    Ok(Report {
        format: REPORT_FORMAT.into(),
        council: council.name.clone(),
        plan: plan_summary(council, outturn),
        confidence_marks: marks(),
        resident_headline: summary::headline(&years),
        resident_summary: summary::paragraph(&years, &programmes),
        after_horizon: after_horizon(outturn),
        years,
        programmes,
        shocks: outturn.shocks.clone(),
        vintages: outturn.vintages.as_ref().map(vintages::vintage_report),
        gap_forecasts: (!outturn.gap_forecasts.is_empty())
            .then(|| vintages::gap_forecast_report(&outturn.gap_forecasts)),
        back_test,
    })
}

fn plan_summary(council: &Council, outturn: &Outturn) -> PlanSummary {
    PlanSummary {
        vintage: outturn.plan.vintage.clone(),
        as_at: outturn.plan.as_at.clone(),
        base_year: council.base_year.clone(),
        years: council.years.clone(),
    }
}

fn after_horizon(outturn: &Outturn) -> Vec<YearComparison> {
    outturn
        .after_horizon
        .iter()
        .map(|(year, y)| compare::context_year(year, y, outturn))
        .collect()
}

fn marks() -> Vec<Mark> {
    [
        (
            Confidence::Council,
            "in the text of a council paper or page",
        ),
        (Confidence::Press, "a press or secondary report"),
        (
            Confidence::Derived,
            "arithmetic on other figures, the method in its source",
        ),
        (
            Confidence::Unverified,
            "given in the research with no document behind it: shown, never computed with",
        ),
        (
            Confidence::NotPublished,
            "not found in anything read: null, never 0, with the reason",
        ),
    ]
    .into_iter()
    .map(|(confidence, meaning)| Mark {
        confidence,
        mark: confidence.mark().into(),
        meaning: meaning.into(),
    })
    .collect()
}

/// The back-test of the plan: its Monte Carlo, and where each outturn fell in its fan.
fn run_back_test(
    council: &Council,
    outturn: &Outturn,
    settings: (u32, u32),
) -> Result<BackTest, DataError> {
    let label = format!("The plan as at {}", outturn.plan.vintage);
    let description = format!(
        "The data set's plan, as the calculator shows it: only what was known in {} (data set as_at {}). Later referendum limits and settlements are outturn, not plan.",
        outturn.plan.vintage, outturn.plan.as_at
    );
    let run = backtest::run("plan", &label, description, council, outturn, settings)?;
    Ok(BackTest {
        paths: settings.0,
        seed: settings.1,
        percentile_method: "nearest-rank".into(),
        note: BACK_TEST_NOTE.into(),
        runs: vec![run],
    })
}

const BACK_TEST_NOTE: &str = "One outcome cannot calibrate a probability: this says where what happened fell among the futures the plan's risk model simulated, not whether the model's chances were right. Placements come from the percentiles alone (5th, 25th, 50th, 75th, 95th, nearest-rank).";

/// The JSON Schema of an outturn record (`mtfs-outturn/1`), generated from the Rust types.
#[cfg(feature = "cli")]
pub fn record_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(Outturn);
    schema.insert(
        "title".into(),
        "MTFS outturn record (mtfs-outturn/1)".into(),
    );
    schema.to_value()
}
