//! The optional `options` section of a data set: the choices a council consults on, each
//! with levels whose effects are changes from the council's plan (docs/data-format.md,
//! "The options section"; the rule in docs/model-notes.md, "Options").

use super::{Checker, Figure, Series};
use crate::error::Problem;
use crate::model::{self, Council, Scenario, Theme};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// One option, as written in the data file.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ConsultationOption {
    /// Letters, digits and hyphens: it travels in links.
    pub id: String,
    pub theme: Theme,
    pub title: String,
    /// Plain English: what the option is.
    pub description: String,
    /// For views: the question as asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// The id of the level that is the council's plan (it changes nothing).
    pub plan_level: String,
    /// Limits the council must keep: a statutory duty, "cannot be cut below £x".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constraints: Vec<Constraint>,
    #[cfg_attr(feature = "cli", schemars(length(min = 2, max = 20)))]
    pub levels: Vec<OptionLevel>,
    /// The option's words in Welsh, beside the English (docs/data-format.md, "Welsh").
    /// Checked natively (the CLI, the schema) and in the page's second module. The first
    /// module, which every visit downloads, skips every `cy` key unread (src/wasm.rs,
    /// `json::Entries`): reading them there cost it 1 kB gzip. The page takes the Welsh
    /// from the data set itself.
    #[cfg(feature = "insight")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cy: Option<OptionWelsh>,
}

/// An option's words in Welsh. Each is optional: where one is missing, a page in Welsh
/// shows the English, marked as English (`lang="en"`) for screen readers. Checked here;
/// the page reads them from the data set itself (core/options.js `withWelsh`), so the
/// engine's option list and model do not carry them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OptionWelsh {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
}

/// A level's words in Welsh, as [`OptionWelsh`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LevelWelsh {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consequence: Option<String>,
}

#[cfg(feature = "insight")]
/// Refuses a Welsh text given empty: give the Welsh, or leave the field out.
fn check_welsh<'a>(
    c: &mut Checker,
    path: &str,
    fields: impl IntoIterator<Item = (&'a str, &'a Option<String>)>,
) {
    for (name, text) in fields {
        if text.as_ref().is_some_and(|t| t.trim().is_empty()) {
            c.problem(
                format!("{path}.cy.{name}"),
                "give the Welsh, or leave the field out (the English is then shown)",
            );
        }
    }
}

/// A limit on an option, and where it comes from.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Constraint {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derived: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

/// One level of an option: what choosing it changes, relative to the plan.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OptionLevel {
    /// Letters, digits and hyphens: it travels in links.
    pub id: String,
    pub label: String,
    /// What would change, and for whom, in plain English.
    pub consequence: String,
    /// Pounds a year by which the level lowers the budget gap (a saving, charge or income:
    /// positive; keeping what the plan cut: negative). Absent years: 0. Not inflated.
    #[serde(default, skip_serializing_if = "Series::is_empty")]
    pub effect: Series,
    /// The reserve the effect's money comes from (one-off money: its `planned_out` rises
    /// by the same amounts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_reserve: Option<String>,
    /// Levers the level sets, as a scenario (council tax rises, `use_reserves`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<Scenario>,
    /// The level's words in Welsh, beside the English (docs/data-format.md, "Welsh").
    #[cfg(feature = "insight")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cy: Option<LevelWelsh>,
}

/// Settings for a consultation that uses the options.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Consultation {
    /// Whether a response should balance the budget.
    #[serde(default)]
    pub require_balance: bool,
    /// The last day to respond, "2027-01-29": printed on the paper form and in Easy Read
    /// as "Friday 29 January 2027".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing_date: Option<String>,
    /// Where to post a paper response, lines separated by commas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_address: Option<String>,
    /// Where the closing date and address come from (exactly one of source or
    /// assumption, when either is given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

/// Whether an id can travel in a link: letters, digits and hyphens.
pub fn link_safe(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Checks the options against the validated reserves, reporting every problem with its
/// path. A level's scenario is checked against the whole council later ([`resolve_levels`]).
pub(super) fn validate(
    options: &[ConsultationOption],
    c: &mut Checker,
    reserves: &[model::Reserve],
) -> Vec<model::ChoiceOption> {
    c.count("options", options.len());
    let mut ids = BTreeSet::new();
    options
        .iter()
        .enumerate()
        .map(|(i, option)| {
            let path = format!("options[{i}]");
            if !link_safe(&option.id) {
                c.problem(format!("{path}.id"), "use only letters, digits and hyphens (the id travels in links)");
            } else if !ids.insert(option.id.as_str()) {
                c.problem(format!("{path}.id"), format!("duplicate id {:?}", option.id));
            }
            for (k, constraint) in option.constraints.iter().enumerate() {
                let given = super::provenance_given([
                    &constraint.source,
                    &constraint.derived,
                    &constraint.assumption,
                ]);
                if given != 1 {
                    c.problem(format!("{path}.constraints[{k}]"), format!("give exactly one of source, derived or assumption for this constraint (found {given})"));
                }
            }
            #[cfg(feature = "insight")]
            if let Some(cy) = &option.cy {
                check_welsh(c, &path, [("title", &cy.title), ("description", &cy.description), ("question", &cy.question)]);
            }
            option_levels(option, &path, c, reserves)
        })
        .collect()
}

/// One option's levels, checked.
fn option_levels(
    option: &ConsultationOption,
    path: &str,
    c: &mut Checker,
    reserves: &[model::Reserve],
) -> model::ChoiceOption {
    if option.levels.len() < 2 || option.levels.len() > 20 {
        c.problem(
            format!("{path}.levels"),
            format!("give 2 to 20 levels (got {})", option.levels.len()),
        );
    }
    let mut ids = BTreeSet::new();
    let levels: Vec<model::Level> = option
        .levels
        .iter()
        .enumerate()
        .map(|(j, level)| {
            let lp = format!("{path}.levels[{j}]");
            if !link_safe(&level.id) {
                c.problem(
                    format!("{lp}.id"),
                    "use only letters, digits and hyphens (the id travels in links)",
                );
            } else if !ids.insert(level.id.as_str()) {
                c.problem(format!("{lp}.id"), format!("duplicate id {:?}", level.id));
            }
            if level.consequence.trim().is_empty() {
                c.problem(
                    format!("{lp}.consequence"),
                    "say what would change, and for whom",
                );
            }
            #[cfg(feature = "insight")]
            if let Some(cy) = &level.cy {
                check_welsh(
                    c,
                    &lp,
                    [("label", &cy.label), ("consequence", &cy.consequence)],
                );
            }
            self::level(level, &lp, c, reserves)
        })
        .collect();
    let plan_level = levels.iter().position(|l| l.id == option.plan_level);
    match plan_level {
        None => c.problem(format!("{path}.plan_level"), format!("no level has the id {:?}", option.plan_level)),
        Some(p) if changes_something(&levels[p]) => c.problem(
            format!("{path}.levels[{p}]"),
            "the plan's level changes nothing (the plan's figures already include it): give it no effect, reserve or scenario",
        ),
        Some(_) => {}
    }
    if option.theme == Theme::Views {
        for (j, level) in levels.iter().enumerate() {
            if changes_something(level) {
                c.problem(
                    format!("{path}.levels[{j}]"),
                    "a view's answers change no figure: give them no effect, reserve or scenario",
                );
            }
        }
    }
    model::ChoiceOption {
        id: option.id.clone(),
        theme: option.theme,
        title: option.title.clone(),
        description: option.description.clone(),
        question: option.question.clone(),
        constraints: option.constraints.iter().map(|c| c.text.clone()).collect(),
        plan_level: plan_level.unwrap_or(0),
        levels,
    }
}

fn changes_something(level: &model::Level) -> bool {
    level.effect.iter().any(|e| !e.is_zero())
        || level.from_reserve.is_some()
        || level.scenario.is_some()
}

/// One level: its effect series, its reserve, its scenario (checked later).
fn level(
    level: &OptionLevel,
    lp: &str,
    c: &mut Checker,
    reserves: &[model::Reserve],
) -> model::Level {
    let effect = c.series(
        &format!("{lp}.effect"),
        &level.effect,
        false,
        Checker::figure,
    );
    let from_reserve = level.from_reserve.as_ref().and_then(|id| {
        let found = reserves.iter().position(|r| &r.id == id);
        if found.is_none() {
            c.problem(
                format!("{lp}.from_reserve"),
                format!("no reserve has the id {id:?}"),
            );
        }
        if level.effect.is_empty() {
            c.problem(
                format!("{lp}.from_reserve"),
                "give the effect: the amounts the reserve pays",
            );
        }
        found
    });
    if level
        .scenario
        .as_ref()
        .is_some_and(|s| !s.choices.is_empty())
    {
        c.problem(
            format!("{lp}.scenario.choices"),
            "a level sets levers, not other options' levels",
        );
    }
    model::Level {
        id: level.id.clone(),
        label: level.label.clone(),
        consequence: level.consequence.clone(),
        effect,
        from_reserve,
        scenario: level.scenario.clone(),
    }
}

/// Each level's scenario resolved against the whole council: the levers it sets must be
/// ones this data set has, within their ranges.
pub(super) fn resolve_levels(council: &Council) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (i, option) in council.options.iter().enumerate() {
        for (j, level) in option.levels.iter().enumerate() {
            let Some(scenario) = &level.scenario else {
                continue;
            };
            if let Err(e) = scenario.resolve(council) {
                problems.extend(e.problems.into_iter().map(|p| {
                    Problem::new(
                        format!("options[{i}].levels[{j}].scenario.{}", p.path),
                        p.message,
                    )
                }));
            }
        }
    }
    problems
}

impl ConsultationOption {
    /// The option's figures with their paths, in file order.
    pub(super) fn figures(&self, path: &str) -> Vec<(String, &Figure)> {
        let mut out = Vec::new();
        for (j, level) in self.levels.iter().enumerate() {
            for (year, f) in &level.effect {
                out.push((format!("{path}.levels[{j}].effect.{year}"), f));
            }
        }
        out
    }
}

/// Whether a level's effect is zero in every year.
pub fn no_effect(level: &model::Level) -> bool {
    level.effect.iter().all(Decimal::is_zero)
}
