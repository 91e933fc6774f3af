//! A council's medium-term financial strategy (MTFS) as an exact, data-driven model.
//!
//! The engine is pure Rust with no I/O and no floating point: the same code runs in the
//! CLI, the tests and benchmarks, and the browser (see `wasm`). Its arithmetic is the
//! contract in `shared/design/model.md`; where that text leaves a choice, the choice is
//! written down in `docs/model-notes.md`.
//!
//! ```
//! # fn main() -> Result<(), mtfs::DataError> {
//! let json = std::fs::read_to_string("data/hampshire.json").unwrap();
//! let (_, council) = mtfs::load_data_json(&json)?;
//! let scenario = mtfs::scenario_from_json(r#"{"core_pct": {"2021/22": "0"}}"#)?;
//! let result = mtfs::project_scenario(&council, &scenario)?;
//! assert_eq!(result.years[0].band_d.to_string(), "1286.28");
//! # Ok(()) }
//! ```

pub mod analysis;
pub mod colour;
pub mod data;
pub mod drivers;
pub mod engine;
pub mod error;
pub mod goal;
pub mod json_reader;
pub mod language;
pub mod link;
pub mod model;
pub mod nation;
pub mod number;
pub mod options;
pub mod outturn;
pub mod risk;
#[cfg(feature = "cli")]
pub mod rules;
pub mod scenario;
// Natively with the CLI, and in the second wasm module (the page's spreadsheet upload,
// src/wasm/insight.rs), where serde_json's reader is available; never in the first module.
#[cfg(any(feature = "cli", all(feature = "insight", target_arch = "wasm32")))]
pub mod sheet;
pub mod trace;
pub mod words;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use data::DataSet;
pub use drivers::drivers_scenario;
pub use engine::{project, Projection};
pub use error::{DataError, Problem};
pub use goal::seek_scenario;
pub use model::Council;
pub use risk::simulate_scenario;
pub use scenario::{Levers, Scenario};

/// Applies a scenario to a council's plan and projects it: the one call the page and the
/// CLI make. Errors name the scenario field (`delivery_pct.tt2022: …`).
pub fn project_scenario(council: &Council, scenario: &Scenario) -> Result<Projection, DataError> {
    let levers = scenario.resolve(council)?;
    engine::project(council, &levers).map_err(|o| o.named(&council.years))
}

/// The same as [`project_scenario`], for the page's view of it alone (a lever move's
/// call): `project_scenario(…)?.view()` without building the lines the view leaves out.
pub fn project_scenario_view(
    council: &Council,
    scenario: &Scenario,
) -> Result<engine::View, DataError> {
    project_levers_view(council, &scenario.resolve(council)?)
}

/// [`project_scenario_view`] for levers already resolved from a scenario (the browser's
/// lever move resolves once for the view and the link).
pub fn project_levers_view(council: &Council, levers: &Levers) -> Result<engine::View, DataError> {
    engine::project_view(council, levers).map_err(|o| o.named(&council.years))
}

/// Reads and validates a data set from JSON text.
#[cfg(feature = "cli")]
pub fn load_data_json(text: &str) -> Result<(DataSet, Council), DataError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let loaded = data::load(&mut de)?;
    de.end().map_err(|e| DataError::single("", e.to_string()))?;
    Ok(loaded)
}

/// Reads a scenario from JSON text (checked against a council by [`project_scenario`]).
#[cfg(feature = "cli")]
pub fn scenario_from_json(text: &str) -> Result<Scenario, DataError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let scenario = Scenario::load(&mut de)?;
    de.end().map_err(|e| DataError::single("", e.to_string()))?;
    Ok(scenario)
}

/// The JSON Schema of the data format, generated from the Rust types.
#[cfg(feature = "cli")]
pub fn data_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(DataSet);
    schema.insert(
        "$id".into(),
        "https://example.invalid/mtfs-council-data-1.schema.json".into(),
    );
    schema.insert(
        "title".into(),
        "MTFS council data set (mtfs-council-data/1)".into(),
    );
    schema.to_value()
}

/// The JSON Schema of a scenario.
#[cfg(feature = "cli")]
pub fn scenario_schema() -> serde_json::Value {
    schemars::schema_for!(Scenario).to_value()
}

/// The JSON Schema of `mtfs analyse --format json` (the response analysis).
#[cfg(feature = "cli")]
pub fn analysis_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(analysis::Analysis);
    schema.insert(
        "$id".into(),
        "https://example.invalid/mtfs-analysis-1.schema.json".into(),
    );
    schema.insert(
        "title".into(),
        "Consultation response analysis (mtfs-analysis/1)".into(),
    );
    schema.to_value()
}
