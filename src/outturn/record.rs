//! The outturn record as written in the file (format `mtfs-outturn/1`) and its checks.
//!
//! Every figure is a [`Fact`]: a value, or an explicit `null` when it is not published,
//! always with a `source` and a `confidence`. A year of the record must be a projection
//! year of the plan's data set; later years go in `after_horizon`, as context.

use super::vintages::{GapForecast, Vintages};
use crate::error::{DataError, Problem};
use crate::model::Council;
use crate::number::{amount_problem, rate_problem, DecimalText};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

/// The format string of an outturn record.
pub const FORMAT: &str = "mtfs-outturn/1";

/// How far a figure can be trusted, from the research brief's marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// In the text of a council paper or page ([V]).
    Council,
    /// A press or secondary report ([P]).
    Press,
    /// Arithmetic on other figures, the method in `source` ([D]).
    Derived,
    /// Given in the research brief with no document behind it: shown, never computed with.
    Unverified,
    /// Not found in anything read ([U]): the value is `null`, with a `reason`.
    NotPublished,
}

impl Confidence {
    /// The mark a table shows beside a figure.
    pub fn mark(self) -> &'static str {
        match self {
            Confidence::Council => "[C]",
            Confidence::Press => "[P]",
            Confidence::Derived => "[D]",
            Confidence::Unverified => "[?]",
            Confidence::NotPublished => "[U]",
        }
    }
}

/// How exact a published figure is: "more than £98m", "nearly £300m".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    About,
    Nearly,
    MoreThan,
    AtLeast,
}

impl Qualifier {
    pub fn words(self) -> &'static str {
        match self {
            Qualifier::About => "about ",
            Qualifier::Nearly => "nearly ",
            Qualifier::MoreThan => "more than ",
            Qualifier::AtLeast => "at least ",
        }
    }

    /// The true figure is at least the value given.
    pub fn is_lower_bound(self) -> bool {
        matches!(self, Qualifier::MoreThan | Qualifier::AtLeast)
    }
}

/// What a figure measures, for checks and for words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Pounds (an amount of money).
    Pounds,
    /// Pounds and pence (a Band D charge).
    Pence,
    /// Percent.
    Percent,
    /// A count (children in care).
    Number,
}

/// One figure of what happened: a value or an explicit `null`, its source and confidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, bound(deserialize = "T: Deserialize<'de>"))]
pub struct Fact<T> {
    /// The figure, or `null` when it is not published (never 0 for "unknown").
    #[serde(deserialize_with = "explicit")]
    pub value: Option<T>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    pub confidence: Confidence,
    /// Where it comes from (a URL or "seed 000 L454"); for a null, where it was looked for.
    pub source: String,
    /// Why the value is null (required with `not_published`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// When it was published or reported: "2023-02".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The years it covers, where that is not the year it sits in: "two years to 2021/22".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// The source's own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A required field that may be `null`: missing is an error, `null` is `None`.
fn explicit<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    Option::<T>::deserialize(d)
}

impl<T> Fact<T> {
    /// A figure worked out from others (the report's own, such as "nothing unfunded").
    pub fn derived(value: T, source: impl Into<String>) -> Self {
        Fact {
            value: Some(value),
            qualifier: None,
            confidence: Confidence::Derived,
            source: source.into(),
            reason: None,
            date: None,
            period: None,
            quote: None,
            note: None,
        }
    }

    /// The value, when it is one that may be computed with (not unverified).
    pub fn usable(&self) -> Option<&T> {
        self.value
            .as_ref()
            .filter(|_| self.confidence != Confidence::Unverified)
    }
}

impl Fact<DecimalText> {
    pub fn amount(&self) -> Option<Decimal> {
        self.usable().map(|v| v.0)
    }
}

/// A fact in words: an event, a statement, a decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub text: String,
    pub confidence: Confidence,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// What happened in one year. In `years` every figure must be given (a value, or null
/// with a reason); in `after_horizon` any may be left out.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OutturnYear {
    /// Band D council tax set for the year, pounds and pence.
    pub band_d: Option<Fact<DecimalText>>,
    /// The core council tax rise, percent.
    pub core_pct: Option<Fact<DecimalText>>,
    /// The adult social care precept rise, percent.
    pub asc_pct: Option<Fact<DecimalText>>,
    /// The gap the budget met from one-off money when it was set, pounds.
    pub budget_gap: Option<Fact<DecimalText>>,
    /// The draw on the bridging reserve the budget planned, pounds.
    pub bbr_draw_planned: Option<Fact<DecimalText>>,
    /// The bridging reserve at the end of the year, pounds.
    pub bbr_close: Option<Fact<DecimalText>>,
    /// General (unallocated) balances at the end of the year, pounds.
    pub general_balances_close: Option<Fact<DecimalText>>,
    /// Spending against the budget: positive is an underspend, pounds.
    pub in_year_variance: Option<Fact<DecimalText>>,
    /// How much departments' budgets (cash limits) rose for the year, pounds.
    pub cost_rise: Option<Fact<DecimalText>>,
    pub balanced_budget_set: Option<Fact<bool>>,
    pub council_tax_at_maximum: Option<Fact<bool>>,
    pub s114_notice: Option<Fact<bool>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Note>,
}

/// A figure of a year: its field name, what a finance officer calls it, and its unit.
pub struct FigureKind {
    pub id: &'static str,
    pub label: &'static str,
    pub unit: Unit,
}

/// The figures of a year, in the order a report shows them.
pub const FIGURES: [FigureKind; 9] = [
    FigureKind {
        id: "band_d",
        label: "Band D council tax",
        unit: Unit::Pence,
    },
    FigureKind {
        id: "core_pct",
        label: "Core council tax rise",
        unit: Unit::Percent,
    },
    FigureKind {
        id: "asc_pct",
        label: "Adult social care precept rise",
        unit: Unit::Percent,
    },
    FigureKind {
        id: "cost_rise",
        label: "Rise in spending on the year before",
        unit: Unit::Pounds,
    },
    FigureKind {
        id: "budget_gap",
        label: "Budget gap met from one-off money",
        unit: Unit::Pounds,
    },
    FigureKind {
        id: "bbr_draw_planned",
        label: "Planned draw on the bridging reserve",
        unit: Unit::Pounds,
    },
    FigureKind {
        id: "bbr_close",
        label: "Bridging reserve at year end",
        unit: Unit::Pounds,
    },
    FigureKind {
        id: "general_balances_close",
        label: "General balances at year end",
        unit: Unit::Pounds,
    },
    FigureKind {
        id: "in_year_variance",
        label: "Underspend (+) or overspend (-) in the year",
        unit: Unit::Pounds,
    },
];

/// The yes/no facts of a year: field name and label.
pub const FLAGS: [(&str, &str); 3] = [
    ("balanced_budget_set", "A balanced budget was set"),
    (
        "council_tax_at_maximum",
        "Council tax up by the most allowed",
    ),
    ("s114_notice", "A section 114 notice was issued"),
];

impl OutturnYear {
    pub fn figure(&self, id: &str) -> Option<&Fact<DecimalText>> {
        match id {
            "band_d" => self.band_d.as_ref(),
            "core_pct" => self.core_pct.as_ref(),
            "asc_pct" => self.asc_pct.as_ref(),
            "budget_gap" => self.budget_gap.as_ref(),
            "bbr_draw_planned" => self.bbr_draw_planned.as_ref(),
            "bbr_close" => self.bbr_close.as_ref(),
            "general_balances_close" => self.general_balances_close.as_ref(),
            "in_year_variance" => self.in_year_variance.as_ref(),
            "cost_rise" => self.cost_rise.as_ref(),
            _ => None,
        }
    }

    pub fn flag(&self, id: &str) -> Option<&Fact<bool>> {
        match id {
            "balanced_budget_set" => self.balanced_budget_set.as_ref(),
            "council_tax_at_maximum" => self.council_tax_at_maximum.as_ref(),
            "s114_notice" => self.s114_notice.as_ref(),
            _ => None,
        }
    }
}

/// Whether a savings programme came in early, on plan, late or not at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    Early,
    OnPlan,
    Late,
    NotDelivered,
}

impl Timing {
    pub fn words(self) -> &'static str {
        match self {
            Timing::Early => "early",
            Timing::OnPlan => "on plan",
            Timing::Late => "late",
            Timing::NotDelivered => "not delivered",
        }
    }
}

/// A savings programme: its target and what was delivered, against the plan's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProgrammeOutturn {
    pub id: String,
    /// As residents see it: "SP2023".
    pub name: String,
    /// In full: "Savings Programme to 2023".
    pub title: String,
    /// The plan's programme this one replaced or continued (an id in the data set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_programme: Option<String>,
    /// The year the target was due.
    pub due: String,
    /// The savings target, pounds (recurring, by the year it was due).
    pub target: Fact<DecimalText>,
    /// The savings delivered, pounds.
    pub delivered: Fact<DecimalText>,
    pub timing: Fact<Timing>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Note>,
}

/// What kind of shock: a cost, funding, or one-off money.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ShockKind {
    Cost,
    Funding,
    OneOffMoney,
    Mixed,
}

/// Something the plan did not contain.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Shock {
    pub id: String,
    pub year: String,
    pub kind: ShockKind,
    pub title: String,
    pub amount: Fact<DecimalText>,
    /// Why the plan's model could not hold it.
    pub in_model: String,
}

/// Which plan the record is measured against, and its reserves by id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlanLink {
    /// "January 2020".
    pub vintage: String,
    /// The plan's date: "2020-01".
    pub as_at: String,
    /// The id of the data set's bridging reserve.
    pub bridging_reserve: String,
    /// The id of the data set's general balances, if it has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub general_balances: Option<String>,
}

/// A council's outturn record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Outturn {
    /// Always "mtfs-outturn/1".
    pub format: String,
    /// The council's name, as in its data set.
    pub council: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub plan: PlanLink,
    /// What happened, by projection year of the plan.
    pub years: BTreeMap<String, OutturnYear>,
    /// Later years, as context.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub after_horizon: BTreeMap<String, OutturnYear>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub programmes: Vec<ProgrammeOutturn>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shocks: Vec<Shock>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vintages: Option<Vintages>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gap_forecasts: Vec<GapForecast>,
}

/// Reads an outturn record from any serde source and checks it against the plan's
/// council. Errors name the field: `years.2023/24.bbr_close.source: give a source`.
pub fn load<'de, D: Deserializer<'de>>(
    deserializer: D,
    council: &Council,
) -> Result<Outturn, DataError> {
    let outturn: Outturn = serde_path_to_error::deserialize(deserializer)?;
    outturn.validate(council)?;
    Ok(outturn)
}

/// Collects problems with their paths.
pub(crate) struct Check<'a> {
    pub(crate) problems: Vec<Problem>,
    pub(crate) council: &'a Council,
}

impl Check<'_> {
    pub(crate) fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem::new(path, message));
    }

    pub(crate) fn text(&mut self, path: &str, text: &str, what: &str) {
        if text.trim().is_empty() {
            self.problem(path, format!("give {what}"));
        }
    }

    /// A fact's value, source, confidence and reason agree.
    pub(crate) fn fact<T>(&mut self, path: &str, f: &Fact<T>) {
        self.text(
            &format!("{path}.source"),
            &f.source,
            "a source (a URL, or the paper and line)",
        );
        match (&f.value, f.confidence) {
            (None, Confidence::NotPublished) => {
                let reason = f.reason.as_deref().unwrap_or("");
                self.text(
                    &format!("{path}.reason"),
                    reason,
                    "the reason it is not published",
                );
            }
            (None, _) => self.problem(
                format!("{path}.confidence"),
                "the value is null, so the confidence is \"not_published\", with a reason",
            ),
            (Some(_), Confidence::NotPublished) => self.problem(
                format!("{path}.confidence"),
                "a figure that is given is published: use council, press, derived or unverified",
            ),
            (Some(_), _) => {}
        }
        if let Some(date) = &f.date {
            self.date(&format!("{path}.date"), date);
        }
    }

    /// A number in its unit's bounds.
    pub(crate) fn number(&mut self, path: &str, f: &Fact<DecimalText>, unit: Unit) {
        self.fact(path, f);
        let Some(v) = f.value.map(|v| v.0) else {
            return;
        };
        let why = match unit {
            Unit::Pounds => amount_problem(v),
            Unit::Percent => rate_problem(v),
            Unit::Pence | Unit::Number => non_negative(v),
        };
        if let Some(why) = why {
            self.problem(format!("{path}.value"), why);
        }
    }

    pub(crate) fn note(&mut self, path: &str, n: &Note) {
        self.text(&format!("{path}.text"), &n.text, "the text");
        self.text(&format!("{path}.source"), &n.source, "a source");
        if n.confidence == Confidence::NotPublished {
            self.problem(
                format!("{path}.confidence"),
                "a note says what was published: use council, press, derived or unverified",
            );
        }
        if let Some(date) = &n.date {
            self.date(&format!("{path}.date"), date);
        }
    }

    /// "2023", "2023-02" or "2023-02-23".
    pub(crate) fn date(&mut self, path: &str, date: &str) {
        let parts: Vec<&str> = date.split('-').collect();
        let sizes_ok = matches!(parts.as_slice(), [y] | [y, _] | [y, _, _] if y.len() == 4)
            && parts.iter().skip(1).all(|p| p.len() == 2);
        let digits = parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
        if !(sizes_ok && digits) {
            self.problem(
                path,
                format!("a date is written 2023, 2023-02 or 2023-02-23 (got {date:?})"),
            );
        }
    }

    /// A year label the plan has, or a later one (for `after_horizon` and shocks).
    pub(crate) fn year(&mut self, path: &str, year: &str, later_allowed: bool) {
        let years = &self.council.years;
        let in_plan = years.iter().any(|y| y == year);
        let later = later_allowed && is_after(year, years.last().map_or("", String::as_str));
        if !(in_plan || later) {
            self.problem(
                path,
                format!("{year} is not {}", self.years_words(later_allowed)),
            );
        }
    }

    fn years_words(&self, later_allowed: bool) -> String {
        let years = &self.council.years;
        let range = match (years.first(), years.last()) {
            (Some(a), Some(b)) => format!("{a} to {b}"),
            _ => "none".into(),
        };
        if later_allowed {
            format!("a year of the plan ({range}) or a later one")
        } else {
            format!("a projection year of the plan ({range}); later years go in after_horizon")
        }
    }
}

fn non_negative(v: Decimal) -> Option<String> {
    if v.is_sign_negative() && !v.is_zero() {
        return Some(format!("must not be negative (got {v})"));
    }
    amount_problem(v)
}

/// The first calendar year of a label such as "2020/21".
pub(crate) fn year_start(label: &str) -> Option<i32> {
    let (a, b) = label.split_once('/')?;
    if a.len() != 4 || b.len() != 2 {
        return None;
    }
    let start: i32 = a.parse().ok()?;
    let end: i32 = b.parse().ok()?;
    ((start + 1) % 100 == end).then_some(start)
}

/// Whether `year` is a well-formed label after `last`.
fn is_after(year: &str, last: &str) -> bool {
    matches!((year_start(year), year_start(last)), (Some(y), Some(l)) if y > l)
}

impl Outturn {
    /// Checks the record against the plan's council, reporting every problem with its path.
    pub fn validate(&self, council: &Council) -> Result<(), DataError> {
        let mut c = Check {
            problems: Vec::new(),
            council,
        };
        self.check_header(&mut c);
        self.check_years(&mut c);
        self.check_programmes(&mut c);
        self.check_shocks(&mut c);
        if let Some(v) = &self.vintages {
            v.check(&mut c);
        }
        for (i, g) in self.gap_forecasts.iter().enumerate() {
            g.check(&mut c, &format!("gap_forecasts[{i}]"));
        }
        if c.problems.is_empty() {
            Ok(())
        } else {
            Err(DataError {
                problems: c.problems,
            })
        }
    }

    fn check_header(&self, c: &mut Check) {
        if self.format != FORMAT {
            c.problem(
                "format",
                format!("expected {FORMAT:?} (got {:?})", self.format),
            );
        }
        if self.council != c.council.name {
            c.problem(
                "council",
                format!(
                    "this record is for {:?}, but the plan's data set is {:?}",
                    self.council, c.council.name
                ),
            );
        }
        self.plan.check(c);
    }

    fn check_years(&self, c: &mut Check) {
        for year in &c.council.years.clone() {
            if !self.years.contains_key(year) {
                c.problem(
                    "years",
                    format!(
                        "give the outturn for {year} (a plan year), even if every figure is null"
                    ),
                );
            }
        }
        for (year, y) in &self.years {
            let path = format!("years.{year}");
            c.year(&path, year, false);
            y.check(c, &path, true);
        }
        for (year, y) in &self.after_horizon {
            let path = format!("after_horizon.{year}");
            if c.council.years.contains(year) {
                c.problem(
                    &path,
                    format!("{year} is a year of the plan: put it in years"),
                );
            } else {
                c.year(&path, year, true);
            }
            y.check(c, &path, false);
        }
    }

    fn check_programmes(&self, c: &mut Check) {
        for (i, p) in self.programmes.iter().enumerate() {
            p.check(c, &format!("programmes[{i}]"));
        }
        unique(
            c,
            "programmes",
            self.programmes.iter().map(|p| p.id.as_str()),
        );
    }

    fn check_shocks(&self, c: &mut Check) {
        for (i, s) in self.shocks.iter().enumerate() {
            let path = format!("shocks[{i}]");
            c.text(&format!("{path}.id"), &s.id, "an id");
            c.text(&format!("{path}.title"), &s.title, "a title");
            c.text(
                &format!("{path}.in_model"),
                &s.in_model,
                "why the plan's model could not hold it",
            );
            c.year(&format!("{path}.year"), &s.year, true);
            c.number(&format!("{path}.amount"), &s.amount, Unit::Pounds);
        }
        unique(c, "shocks", self.shocks.iter().map(|s| s.id.as_str()));
    }
}

/// Ids in a list are unique.
pub(crate) fn unique<'a>(c: &mut Check, path: &str, ids: impl Iterator<Item = &'a str>) {
    let mut seen = std::collections::BTreeSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            c.problem(
                format!("{path}[{i}].id"),
                format!("the id {id:?} is used twice"),
            );
        }
    }
}

impl PlanLink {
    fn check(&self, c: &mut Check) {
        c.text(
            "plan.vintage",
            &self.vintage,
            "the plan's vintage (\"January 2020\")",
        );
        c.date("plan.as_at", &self.as_at);
        if let Some(plan_date) = &c.council.as_at {
            if plan_date != &self.as_at {
                c.problem(
                    "plan.as_at",
                    format!(
                        "the record is of the plan as at {}, but the data set is the plan as at {plan_date}: use the data set of that date",
                        self.as_at
                    ),
                );
            }
        }
        let reserves: Vec<String> = c.council.reserves.iter().map(|r| r.id.clone()).collect();
        let mut reserve = |path: &str, id: &str| {
            if !reserves.iter().any(|r| r == id) {
                c.problem(
                    path,
                    format!("the data set has no reserve with the id {id:?}"),
                );
            }
        };
        reserve("plan.bridging_reserve", &self.bridging_reserve);
        if let Some(id) = &self.general_balances {
            reserve("plan.general_balances", id);
        }
    }
}

impl OutturnYear {
    fn check(&self, c: &mut Check, path: &str, complete: bool) {
        for kind in &FIGURES {
            let fpath = format!("{path}.{}", kind.id);
            match self.figure(kind.id) {
                Some(f) => c.number(&fpath, f, kind.unit),
                None if complete => c.problem(fpath, MISSING),
                None => {}
            }
        }
        for (id, _) in FLAGS {
            let fpath = format!("{path}.{id}");
            match self.flag(id) {
                Some(f) => c.fact(&fpath, f),
                None if complete => c.problem(fpath, MISSING),
                None => {}
            }
        }
        if let Some(b) = self.band_d.as_ref().and_then(|f| f.value) {
            if b.0.is_zero() {
                c.problem(format!("{path}.band_d.value"), "Band D must be more than 0");
            }
        }
        for (i, n) in self.events.iter().enumerate() {
            c.note(&format!("{path}.events[{i}]"), n);
        }
    }
}

const MISSING: &str = "give this figure, or null with a reason: {\"value\": null, \"confidence\": \"not_published\", \"reason\": \"…\", \"source\": \"where it would be\"}";

impl ProgrammeOutturn {
    fn check(&self, c: &mut Check, path: &str) {
        c.text(&format!("{path}.id"), &self.id, "an id");
        c.text(&format!("{path}.name"), &self.name, "a name");
        c.text(&format!("{path}.title"), &self.title, "a title");
        if let Some(id) = &self.plan_programme {
            if !c.council.programmes.iter().any(|p| &p.id == id) {
                c.problem(
                    format!("{path}.plan_programme"),
                    format!("the data set has no savings programme with the id {id:?}"),
                );
            }
        }
        c.year(&format!("{path}.due"), &self.due, true);
        c.number(&format!("{path}.target"), &self.target, Unit::Pounds);
        c.number(&format!("{path}.delivered"), &self.delivered, Unit::Pounds);
        c.fact(&format!("{path}.timing"), &self.timing);
        for (i, n) in self.events.iter().enumerate() {
            c.note(&format!("{path}.events[{i}]"), n);
        }
    }
}
