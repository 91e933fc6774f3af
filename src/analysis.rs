//! Consultation response analysis: what thousands of residents chose, each response's
//! link re-run through the engine, so the figures are exact and a tampered total in a
//! response counts for nothing. The same code runs in the page's worker and in `mtfs
//! analyse`, so both give identical figures.
//!
//! Input is a consultation platform's export: CSV (one row a response, one column holding
//! the scenario link or fragment) pushed in pieces ([`Analyser::push`]), or fragments
//! handed over one by one ([`Analyser::push_fragment`], for JSON exports of the embed's
//! `scenario` messages). Rows are numbered as a spreadsheet shows them: the header is row
//! 1. Every row that cannot be used is listed with its number and the reason.

pub(crate) mod records;
mod tally;

pub use tally::{
    LevelCount, OptionSummary, ReservesSummary, RiseCount, Share, Summary, YearSummary,
};

use crate::error::DataError;
use crate::model::Council;
use crate::number::{round2, Money};
use crate::{link, trace, Scenario};
use records::{Record, Records};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;
use tally::Tally;

/// The format of the analysis's JSON.
pub const FORMAT: &str = "mtfs-analysis/1";
/// The most responses analysed; rows after it are refused, each saying so.
pub const MAX_ROWS: u32 = 100_000;
/// Groups with fewer responses than this are not shown on their own, by default.
pub const MIN_GROUP: u32 = 10;

/// What to read, and how to group it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// The column holding each response's link (found from its header or contents when
    /// not named).
    pub column: Option<String>,
    /// A column to group the responses by (respondent type, postcode district, age band).
    pub group: Option<String>,
    /// Groups with fewer responses are not shown on their own.
    pub min_group: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            column: None,
            group: None,
            min_group: MIN_GROUP,
        }
    }
}

/// A row that could not be used, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
pub struct Refused {
    /// As a spreadsheet numbers it: the header is row 1.
    pub row: u32,
    pub reason: String,
}

/// One response, reduced to what the tallies need.
pub struct Response {
    levels: Vec<usize>,
    core: Vec<Decimal>,
    asc: Vec<Decimal>,
    balanced: Vec<bool>,
    /// Per year: the gap after the response's choices, in pennies.
    gaps: Vec<i128>,
    /// Reserves drawn over the years (automatic draws and reserve-funded options), pennies.
    drawn: i128,
}

/// Reads responses and counts what they chose.
pub struct Analyser<'a> {
    /// Borrowed by the CLI; owned by the browser's analyser, which outlives any borrow.
    council: Cow<'a, Council>,
    settings: Settings,
    records: Records,
    header: Option<Vec<String>>,
    columns: Option<(usize, Option<usize>)>,
    /// The spreadsheet row of the last record read.
    row: u32,
    all: Tally,
    groups: BTreeMap<String, Tally>,
    refused: Vec<Refused>,
    problem: Option<String>,
}

/// The analysis: for all responses and each group large enough to show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
pub struct Analysis {
    /// Always "mtfs-analysis/1".
    pub format: String,
    pub council: String,
    pub years: Vec<String>,
    pub settings: Settings,
    /// Rows read (not counting the header), used and refused.
    pub rows: u32,
    pub valid: u32,
    pub refused: Vec<Refused>,
    pub all: Summary,
    /// Groups with at least `settings.min_group` responses, by name.
    pub groups: Vec<Group>,
    /// Groups too small to show on their own, and their responses (counted in `all`).
    pub small_groups: u32,
    pub small_group_responses: u32,
    /// The most-chosen level of each option and the median council tax rises, run
    /// through the engine as one scenario.
    pub residents_budget: ResidentsBudget,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
pub struct Group {
    pub name: String,
    pub summary: Summary,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
pub struct ResidentsBudget {
    pub scenario: Scenario,
    /// The scenario's link fragment.
    pub link: String,
    pub years: Vec<BudgetYear>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
pub struct BudgetYear {
    pub year: String,
    #[cfg_attr(feature = "cli", schemars(with = "String"))]
    pub gap: Money,
    #[cfg_attr(feature = "cli", schemars(with = "String"))]
    pub total_reserves: Money,
    #[cfg_attr(feature = "cli", schemars(with = "String"))]
    pub unfunded: Money,
    pub balanced: bool,
}

/// `count` of `of` as a percentage with two places ("67.00"; "0.00" of none).
pub fn pct(count: u32, of: u32) -> String {
    let mut p = round2(Decimal::from(count) * Decimal::ONE_HUNDRED / Decimal::from(of.max(1)));
    p.rescale(2);
    p.to_string()
}

fn looks_like_link(text: &str) -> bool {
    let t = text.rsplit_once('#').map_or(text, |(_, f)| f);
    t.starts_with("s1.") || t.starts_with("s2.")
}

impl<'a> Analyser<'a> {
    pub fn new(council: Cow<'a, Council>, settings: Settings) -> Self {
        Analyser {
            all: Tally::new(&council),
            council,
            settings,
            records: Records::default(),
            header: None,
            columns: None,
            row: 0,
            groups: BTreeMap::new(),
            refused: Vec::new(),
            problem: None,
        }
    }

    /// Rows read so far (for a progress bar).
    pub fn rows(&self) -> u32 {
        self.row.saturating_sub(1)
    }

    /// Feeds the next piece of a CSV file.
    pub fn push(&mut self, bytes: &[u8]) {
        let mut got = Vec::new();
        self.records.push(bytes, &mut |r| got.push(r));
        for record in got {
            self.record(record);
        }
    }

    /// One response given by its link (from a JSON export), at `row`, in `group`.
    pub fn push_fragment(&mut self, row: u32, fragment: &str, group: Option<&str>) {
        self.row = self.row.max(row);
        self.response(row, fragment, group);
    }

    fn record(&mut self, record: Record) {
        self.row += 1;
        let Some(fields) = record else {
            return self.refuse(self.row, "the row is too long to be a response (over 1 MB)");
        };
        if self.header.is_none() {
            self.header = Some(fields);
            return;
        }
        let Some((link, group)) = self.columns(&fields) else {
            return;
        };
        match fields.get(link) {
            None => self.refuse(self.row, "the row has fewer columns than the header"),
            Some(cell) => {
                let cell = cell.clone();
                let group = group
                    .and_then(|g| fields.get(g))
                    .map(|g| g.trim().to_string());
                self.response(self.row, &cell, group.as_deref());
            }
        }
    }

    /// The link and group columns: named, or found from the header or the first row.
    fn columns(&mut self, first: &[String]) -> Option<(usize, Option<usize>)> {
        if self.columns.is_some() || self.problem.is_some() {
            return self.columns;
        }
        let header = self.header.clone().unwrap_or_default();
        let named = |name: &str| {
            header
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name.trim()))
        };
        let link = match &self.settings.column {
            Some(name) => named(name).ok_or_else(|| {
                format!(
                    "no column is headed {name:?} (the columns are {})",
                    header.join(", ")
                )
            }),
            None => first
                .iter()
                .position(|f| looks_like_link(f.trim()))
                .or_else(|| {
                    header.iter().position(|h| {
                        let h = h.to_ascii_lowercase();
                        ["fragment", "link", "scenario"]
                            .iter()
                            .any(|w| h.contains(w))
                    })
                })
                .ok_or_else(|| "no column holds calculator links: name it (--column)".to_string()),
        };
        let group = match &self.settings.group {
            Some(name) => named(name)
                .map(Some)
                .ok_or_else(|| format!("no column is headed {name:?} to group by")),
            None => Ok(None),
        };
        match (link, group) {
            (Ok(l), Ok(g)) => self.columns = Some((l, g)),
            (Err(e), _) | (_, Err(e)) => self.problem = Some(e),
        }
        self.columns
    }

    fn refuse(&mut self, row: u32, reason: impl Into<String>) {
        self.refused.push(Refused {
            row,
            reason: reason.into(),
        });
    }

    fn response(&mut self, row: u32, cell: &str, group: Option<&str>) {
        if self.all.responses() >= MAX_ROWS {
            return self.refuse(
                row,
                format!("beyond the {MAX_ROWS} responses one analysis reads"),
            );
        }
        let cell = cell.trim();
        if cell.is_empty() {
            return self.refuse(row, "there is no link in the row");
        }
        if !looks_like_link(cell) && !cell.contains('#') {
            return self.refuse(
                row,
                "the cell is not a link to a set of choices in this calculator",
            );
        }
        let council = &*self.council;
        match respond(council, cell) {
            Err(reason) => self.refuse(row, reason),
            Ok(r) => {
                self.all.add(council, &r);
                if let Some(g) = group {
                    let name = if g.is_empty() { "(blank)" } else { g };
                    self.groups
                        .entry(name.to_string())
                        .or_insert_with(|| Tally::new(council))
                        .add(council, &r);
                }
            }
        }
    }

    /// The end of the input: the figures, or why the file could not be analysed at all.
    pub fn finish(mut self) -> Result<Analysis, DataError> {
        let mut got = Vec::new();
        self.records.finish(&mut |r| got.push(r));
        for record in got {
            self.record(record);
        }
        if let Some(problem) = self.problem.take() {
            return Err(DataError::single("", problem));
        }
        let council = &*self.council;
        let min = self.settings.min_group.max(1);
        let (mut small_groups, mut small_group_responses) = (0, 0);
        let mut groups = Vec::new();
        for (name, mut tally) in std::mem::take(&mut self.groups) {
            if tally.responses() < min {
                small_groups += 1;
                small_group_responses += tally.responses();
            } else {
                groups.push(Group {
                    name,
                    summary: tally.summary(council),
                });
            }
        }
        let residents_budget = residents_budget(council, &self.all)?;
        let valid = self.all.responses();
        Ok(Analysis {
            format: FORMAT.to_string(),
            council: council.name.clone(),
            years: council.years.clone(),
            rows: valid + self.refused.len() as u32,
            valid,
            refused: self.refused,
            all: self.all.summary(council),
            groups,
            small_groups,
            small_group_responses,
            residents_budget,
            settings: self.settings,
        })
    }
}

/// One response's link, decoded, checked and projected.
fn respond(council: &Council, cell: &str) -> Result<Response, String> {
    let scenario = link::decode(council, cell).map_err(|p| p.0)?;
    let levers = scenario
        .resolve(council)
        .map_err(|e| format!("the calculator refuses its choices: {e}"))?;
    let years =
        trace::figures(council, &levers).map_err(|o| o.named(&council.years).to_string())?;
    let pennies = crate::risk::pennies;
    let option_money: Decimal = levers.option_draws.iter().flatten().sum();
    let automatic: Decimal = years.iter().map(|y| y.draws).sum();
    Ok(Response {
        balanced: years.iter().map(|y| !y.is_unfunded()).collect(),
        gaps: years.iter().map(|y| pennies(y.gap)).collect(),
        drawn: pennies(option_money + automatic),
        core: levers.core_pct,
        asc: levers.asc_pct,
        levels: levers.choices,
    })
}

fn residents_budget(council: &Council, all: &Tally) -> Result<ResidentsBudget, DataError> {
    let (levels, core, asc) = all.most_chosen(council);
    let per_year = |v: &[Decimal]| {
        council
            .years
            .iter()
            .zip(v)
            .map(|(y, d)| (y.clone(), crate::number::DecimalText(*d)))
            .collect()
    };
    let scenario = Scenario {
        core_pct: per_year(&core),
        asc_pct: per_year(&asc),
        choices: council
            .options
            .iter()
            .zip(&levels)
            .filter(|(o, &l)| l != o.plan_level)
            .map(|(o, &l)| (o.id.clone(), o.levels[l].id.clone()))
            .collect(),
        ..Scenario::default()
    };
    if all.responses() == 0 {
        return Ok(ResidentsBudget {
            scenario: Scenario::default(),
            link: String::new(),
            years: Vec::new(),
        });
    }
    let p = crate::project_scenario(council, &scenario)?;
    let link = link::encode(council, &scenario).map_err(|e| DataError::single("", e.0))?;
    Ok(ResidentsBudget {
        scenario,
        link,
        years: p
            .years
            .iter()
            .map(|y| BudgetYear {
                year: y.year.clone(),
                gap: y.gap,
                total_reserves: y.total_reserves,
                unfunded: y.unfunded,
                balanced: y.unfunded.value().is_zero(),
            })
            .collect(),
    })
}

/// Every figure as a CSV line: group, section, item, year, count, value (the page's
/// download and `mtfs analyse --format csv`).
pub fn csv(a: &Analysis) -> String {
    let mut lines = vec!["group,section,item,year,count,value".to_string()];
    let mut put =
        |group: &str, section: &str, item: &str, year: &str, count: String, value: String| {
            let quote = |s: &str| {
                if s.contains([',', '"', '\n']) {
                    format!("\"{}\"", s.replace('"', "\"\""))
                } else {
                    s.to_string()
                }
            };
            lines.push(
                [group, section, item, year, &count, &value]
                    .map(quote)
                    .join(","),
            );
        };
    let mut summaries = vec![("all".to_string(), &a.all)];
    summaries.extend(a.groups.iter().map(|g| (g.name.clone(), &g.summary)));
    for (group, s) in summaries {
        put(
            &group,
            "responses",
            "",
            "",
            s.responses.to_string(),
            String::new(),
        );
        for o in s.options.iter().chain(&s.views) {
            for l in &o.levels {
                put(
                    &group,
                    "level",
                    &format!("{} {}", o.option, l.level),
                    "",
                    l.responses.count.to_string(),
                    l.responses.pct.clone(),
                );
            }
            put(
                &group,
                "changed",
                &o.option,
                "",
                o.changed.count.to_string(),
                o.changed.pct.clone(),
            );
            for (y, (mean, median)) in a
                .years
                .iter()
                .zip(o.mean_effect.iter().zip(&o.median_effect))
            {
                put(
                    &group,
                    "mean_effect",
                    &o.option,
                    y,
                    String::new(),
                    mean.to_string(),
                );
                put(
                    &group,
                    "median_effect",
                    &o.option,
                    y,
                    String::new(),
                    median.to_string(),
                );
            }
        }
        for y in &s.years {
            for r in &y.core_pct {
                put(
                    &group,
                    "core_pct",
                    &r.pct,
                    &y.year,
                    r.responses.count.to_string(),
                    r.responses.pct.clone(),
                );
            }
            for r in &y.asc_pct {
                put(
                    &group,
                    "asc_pct",
                    &r.pct,
                    &y.year,
                    r.responses.count.to_string(),
                    r.responses.pct.clone(),
                );
            }
            put(
                &group,
                "referendum",
                "",
                &y.year,
                y.referendum.count.to_string(),
                y.referendum.pct.clone(),
            );
            put(
                &group,
                "balanced",
                "",
                &y.year,
                y.balanced.count.to_string(),
                y.balanced.pct.clone(),
            );
            put(
                &group,
                "median_gap",
                "",
                &y.year,
                String::new(),
                y.median_gap.map_or(String::new(), |m| m.to_string()),
            );
        }
        put(
            &group,
            "reserves_using",
            "",
            "",
            s.reserves.using.count.to_string(),
            s.reserves.using.pct.clone(),
        );
        put(
            &group,
            "reserves_median_drawn",
            "",
            "",
            String::new(),
            s.reserves
                .median_drawn
                .map_or(String::new(), |m| m.to_string()),
        );
    }
    for r in &a.refused {
        put(
            "all",
            "refused",
            &r.reason,
            "",
            r.row.to_string(),
            String::new(),
        );
    }
    lines.join("\n")
}
