//! The fuzzer's harness, shared by the fuzzer (`tests/fuzz/main.rs`, `make fuzz`) and the
//! corpus test (`tests/fuzz_corpus.rs`): an input, every public entry point of the engine
//! run on it natively with panics caught, and the invariants checked on what comes back.
//! docs/fuzzing.md says what is generated and checked.
//!
//! Engine panics are *findings*; a panic in the harness's own code is a *harness error*,
//! reported apart so that a bug here is never counted against the engine.
#![allow(dead_code)]

pub mod capture;
pub mod check;
pub mod corpus;
pub mod gen;
pub mod reduce;

use capture::Caught;
use check::Violation;
use mtfs::data::DataSet;
use mtfs::engine::Projection;
use mtfs::{DataError, Scenario};
use serde::Serialize;
use serde_json::Value;
use std::borrow::Cow;

/// A JSON document as the engine's readers get it: a tree (written out as text for the
/// CLI's reader) or text that is not exactly a tree's (broken, or with a key twice).
#[derive(Clone, Debug, PartialEq)]
pub enum Doc {
    Json(Value),
    Text(String),
}

impl Doc {
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            // Writing a `Value` out cannot fail (its keys are strings).
            Doc::Json(v) => Cow::Owned(serde_json::to_string(v).unwrap_or_default()),
            Doc::Text(s) => Cow::Borrowed(s),
        }
    }
}

/// One input: a data set, a scenario (`None`: the council's own plan, as the CLI without
/// `--scenario` and the binding given `null`), and the Monte Carlo's paths and seed.
#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    pub data: Doc,
    pub scenario: Option<Doc>,
    pub paths: u32,
    pub seed: u32,
}

/// Something wrong with the engine.
#[derive(Clone, Debug)]
pub enum Finding {
    Panic { entry: &'static str, caught: Caught },
    Violation(Violation),
}

/// The browser's reader refused an array where serde_json reads a struct from its fields.
fn array_for_struct(e: &DataError) -> bool {
    e.problems.iter().any(|p| {
        p.message
            .starts_with("invalid type: sequence, expected struct")
    })
}

/// Digits replaced, so that messages differing only in their numbers compare equal.
fn without_digits(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_number = false;
    for c in s.chars() {
        if c.is_ascii_digit() {
            if !in_number {
                out.push('N');
            }
            in_number = true;
        } else {
            in_number = false;
            out.push(c);
        }
    }
    out
}

/// A path inside the cargo registry shortened to the crate's own: `rust_decimal-1.40.0/src/…`.
fn short_path(site: &str) -> String {
    match site.find("/registry/src/") {
        Some(k) => {
            let rest = &site[k + "/registry/src/".len()..];
            rest.split_once('/').map_or(rest, |(_, r)| r).to_string()
        }
        None => site.to_string(),
    }
}

impl Finding {
    /// What makes two findings the same bug: a panic's site and message (numbers left
    /// out), or a violation's invariant.
    pub fn signature(&self) -> String {
        match self {
            Finding::Panic { caught, .. } => format!(
                "panic at {}: {}",
                short_path(&caught.site()),
                without_digits(&caught.message)
            ),
            Finding::Violation(v) => format!("violation: {}", v.check),
        }
    }

    /// The finding in full, for people.
    pub fn describe(&self) -> String {
        match self {
            Finding::Panic { entry, caught } => format!(
                "panic in {entry} at {} (panic! at {}): {}",
                short_path(&caught.site()),
                short_path(&caught.location),
                caught.message
            ),
            Finding::Violation(v) => format!(
                "violation of \"{}\": {}",
                v.check,
                v.detail.replace('\n', " / ")
            ),
        }
    }

    pub fn is_panic(&self) -> bool {
        matches!(self, Finding::Panic { .. })
    }
}

/// How far an input got: for the fuzzer's statistics (is it reaching the arithmetic?).
#[derive(Clone, Copy, Debug, Default)]
pub struct Reached {
    pub data: bool,
    pub scenario: bool,
    pub projection: bool,
    pub simulation: bool,
    pub goal: bool,
    pub drivers: bool,
}

#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// Panics in the harness's own code (a bug here, not in the engine).
    pub harness_errors: Vec<String>,
    pub reached: Reached,
    /// Why the entry points refused the input: each error's first problem, its path's
    /// array indexes and its numbers left out (for the fuzzer's statistics).
    pub refusals: Vec<String>,
}

impl Report {
    pub fn panicked(&self) -> bool {
        self.findings.iter().any(Finding::is_panic)
    }
    pub fn violated(&self) -> bool {
        self.findings.iter().any(|f| !f.is_panic())
    }
}

/// Runs every entry point on an input and checks every invariant.
pub fn run(input: &Input) -> Report {
    let mut run = Run::default();
    run.all(input);
    run.report
}

#[derive(Default)]
struct Run {
    report: Report,
    /// Whether refusals are still worth tallying (not once the scenario failed to
    /// resolve: every later entry point refuses it again).
    untallied: bool,
}

/// Runs one engine call with panics caught: a panic becomes a finding.
fn engine<T>(findings: &mut Vec<Finding>, entry: &'static str, f: impl FnOnce() -> T) -> Option<T> {
    match capture::catch(f) {
        Ok(v) => Some(v),
        Err(caught) => {
            findings.push(Finding::Panic { entry, caught });
            None
        }
    }
}

impl Run {
    fn call<T>(&mut self, entry: &'static str, f: impl FnOnce() -> T) -> Option<T> {
        engine(&mut self.report.findings, entry, f)
    }

    fn violation(&mut self, check: impl Into<String>, detail: impl Into<String>) {
        self.report.findings.push(Finding::Violation(Violation {
            check: check.into(),
            detail: detail.into(),
        }));
    }

    fn record(&mut self, violations: Vec<Violation>) {
        self.report
            .findings
            .extend(violations.into_iter().map(Finding::Violation));
    }

    /// Runs the harness's own checking code: a panic in it is a harness error.
    fn checking(&mut self, what: &str, f: impl FnOnce(&mut Vec<Finding>, &mut Vec<Violation>)) {
        let mut findings = std::mem::take(&mut self.report.findings);
        let mut violations = Vec::new();
        let outcome = capture::catch(|| f(&mut findings, &mut violations));
        self.report.findings = findings;
        self.report
            .findings
            .extend(violations.into_iter().map(Finding::Violation));
        if let Err(caught) = outcome {
            self.report.harness_errors.push(format!(
                "checking {what}: panic at {}: {}",
                short_path(&caught.location),
                caught.message
            ));
        }
    }

    /// An error must say what is wrong.
    fn error(&mut self, entry: &str, e: &DataError) {
        if let (false, Some(p)) = (self.untallied, e.problems.first()) {
            let message: String = without_digits(&p.message).chars().take(90).collect();
            self.report
                .refusals
                .push(format!("{entry}: {}: {message}", without_digits(&p.path)));
        }
        if !says_what_is_wrong(e) {
            self.violation(
                "an error says what is wrong",
                format!("{entry} refused the input with {:?}", e.problems),
            );
        }
    }

    /// A result as JSON, for the money check.
    fn json(&mut self, what: &'static str, result: &impl Serialize) -> Option<Value> {
        match self.call(what, || serde_json::to_value(result)) {
            Some(Ok(v)) => Some(v),
            Some(Err(e)) => {
                self.violation(
                    format!("{what}: the result can be written as JSON"),
                    e.to_string(),
                );
                None
            }
            None => None,
        }
    }

    fn money(&mut self, what: &'static str, result: &impl Serialize) {
        if let Some(v) = self.json(what, result) {
            self.checking(what, |_, out| {
                check::money(&v, what, out);
            });
        }
    }

    fn all(&mut self, input: &Input) {
        // The data set: the CLI's reader (text), and the binding's route (a parsed JSON
        // object read into a DataSet, then validated).
        let data_text = input.data.text();
        let loaded = match self.call("load_data_json", || mtfs::load_data_json(&data_text)) {
            Some(Ok(loaded)) => Some(loaded),
            Some(Err(e)) => {
                self.error("load_data_json", &e);
                None
            }
            None => None,
        };
        if let Some((data, _)) = &loaded {
            self.call("DataSet::figures", || data.figures().len());
        }
        let tree = match &input.data {
            Doc::Json(v) => Some(v.clone()),
            Doc::Text(s) => serde_json::from_str::<Value>(s).ok(),
        };
        if let Some(tree) = tree {
            // The browser's route: the object written as text (`JSON.stringify`), read by
            // the browser build's own reader (src/json_reader.rs).
            let text = serde_json::to_string(&tree).unwrap_or_default();
            let read = self.call("json_reader::read::<DataSet>", || {
                mtfs::json_reader::read::<DataSet>(&text, false)
            });
            let read = match read {
                // serde_json reads a struct from an array of its fields; the browser's reader
                // asks for an object (tests/json_reader.rs): not a disagreement to report.
                Some(Err(e)) if array_for_struct(&e) => None,
                other => other,
            };
            let validated = match read {
                Some(Ok(data)) => {
                    self.call("DataSet::figures", || data.figures().len());
                    match self.call("DataSet::validate", || data.validate()) {
                        Some(Ok(_)) => Some(true),
                        Some(Err(e)) => {
                            self.error("DataSet::validate", &e);
                            Some(false)
                        }
                        None => None,
                    }
                }
                Some(Err(_)) => Some(false),
                None => None,
            };
            if let (Doc::Json(_), Some(accepted)) = (&input.data, validated) {
                let mut out = Vec::new();
                check::readers_agree_on_data(loaded.is_some(), accepted, &mut out);
                self.record(out);
            }
        }

        // The scenario, by both routes.
        let scenario =
            match &input.scenario {
                None => Some(Scenario::default()),
                Some(doc) => {
                    let text = doc.text();
                    let read =
                        match self.call("scenario_from_json", || mtfs::scenario_from_json(&text)) {
                            Some(Ok(s)) => Some(s),
                            Some(Err(e)) => {
                                self.error("scenario_from_json", &e);
                                None
                            }
                            None => None,
                        };
                    if let Doc::Json(v) = doc {
                        let tree = v.clone();
                        let text = serde_json::to_string(&tree).unwrap_or_default();
                        let by_tree = self.call("json_reader::read::<Scenario>", || {
                            match mtfs::json_reader::read::<Scenario>(&text, false) {
                                Err(e) if array_for_struct(&e) => None,
                                read => Some(read.ok()),
                            }
                        });
                        if let Some(Some(by_tree)) = by_tree {
                            let mut out = Vec::new();
                            check::readers_agree_on_scenario(&read, &by_tree, &mut out);
                            self.record(out);
                        }
                    }
                    read
                }
            };
        self.report.reached.data = loaded.is_some();
        self.report.reached.scenario = scenario.is_some();
        let (Some((_, council)), Some(scenario)) = (loaded, scenario) else {
            return;
        };

        let levers = match self.call("Scenario::resolve", || scenario.resolve(&council)) {
            Some(Ok(l)) => Some(l),
            Some(Err(e)) => {
                self.error("Scenario::resolve", &e);
                self.untallied = true;
                None
            }
            None => None,
        };
        let projection = match self.call("project_scenario", || {
            mtfs::project_scenario(&council, &scenario)
        }) {
            Some(Ok(p)) => Some(p),
            Some(Err(e)) => {
                self.error("project_scenario", &e);
                None
            }
            None => None,
        };
        let mut out = Vec::new();
        check::projected_means_resolved(projection.is_some(), levers.is_some(), &mut out);
        self.record(out);
        if let Some(p) = &projection {
            self.report.reached.projection = true;
            self.money("projection", p);
            if let Some(l) = &levers {
                self.checking("the projection", |_, out| {
                    check::projection(&council, l, p, out)
                });
                if let Some(Some(exact)) =
                    self.call("trace::figures", || check::exact_gaps(&council, l))
                {
                    self.checking("the cumulative gap", |_, out| {
                        check::cumulative_gap(p, &exact, out)
                    });
                }
            }
        }

        match self.call("simulate_scenario", || {
            mtfs::simulate_scenario(&council, &scenario, input.paths, input.seed)
        }) {
            Some(Ok(sim)) => {
                self.report.reached.simulation = true;
                self.money("risk", &sim);
                let (paths, seed) = (input.paths, input.seed);
                self.checking("the simulation", |_, out| {
                    check::simulation(&sim, projection.as_ref(), paths, seed, out)
                });
            }
            Some(Err(e)) => self.error("simulate_scenario", &e),
            None => {}
        }

        let reproject = |findings: &mut Vec<Finding>, s: &Scenario| {
            engine(findings, "project_scenario (a suggested scenario)", || {
                mtfs::project_scenario(&council, s)
            })
        };

        match self.call("seek_scenario", || mtfs::seek_scenario(&council, &scenario)) {
            Some(Ok(g)) => {
                self.report.reached.goal = true;
                self.money("goal seek", &g);
                self.checking("the goal seek", |findings, out| {
                    check::goal(
                        &g,
                        &council,
                        &scenario,
                        projection.as_ref(),
                        &mut |s| reproject(findings, s),
                        out,
                    )
                });
            }
            Some(Err(e)) => self.error("seek_scenario", &e),
            None => {}
        }

        match self.call("drivers_scenario", || {
            mtfs::drivers_scenario(&council, &scenario)
        }) {
            Some(Ok(d)) => {
                self.report.reached.drivers = true;
                self.money("drivers", &d);
                self.checking("the drivers", |findings, out| {
                    check::drivers(
                        &d,
                        &council,
                        &scenario,
                        projection.as_ref(),
                        &mut |s| reproject(findings, s),
                        out,
                    )
                });
            }
            Some(Err(e)) => self.error("drivers_scenario", &e),
            None => {}
        }
    }
}

/// Whether an error names at least one problem, each with a message.
pub fn says_what_is_wrong(e: &DataError) -> bool {
    !e.problems.is_empty() && e.problems.iter().all(|p| !p.message.trim().is_empty())
}

/// Projects with panics caught (for the harness's own tests).
pub fn project(
    council: &mtfs::Council,
    scenario: &Scenario,
) -> Option<Result<Projection, DataError>> {
    capture::catch(|| mtfs::project_scenario(council, scenario)).ok()
}
