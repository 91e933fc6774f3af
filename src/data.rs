//! The council data file (format `mtfs-council-data/1`): what a finance officer writes,
//! with a provenance on every figure, and its validation into a [`Council`].
//!
//! Parsing reports the first structural problem with its path (serde stops there);
//! validation then reports *every* remaining problem, each with its path.

use crate::error::{DataError, Problem};
use crate::model::{self, Council, FundingKind, ReservesMinimum};
use crate::nation::{Nation, RiseRule, Rules};
use crate::number::{DecimalText, MAX_ITEMS};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::{BTreeMap, BTreeSet};

pub mod branding;
pub mod options;
pub mod risk;

pub const FORMAT: &str = "mtfs-council-data/1";
/// Projection horizons the model supports (model.md §1).
pub const MAX_YEARS: usize = 10;

/// One figure and where it comes from. Exactly one of `source`, `derived` or
/// `assumption` must be given: nothing unexplained.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub value: DecimalText,
    /// Document and place: "seed 000 L633 (Appendix 1)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The equation that gives it from other figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derived: Option<String>,
    /// Why this value was chosen where the papers are silent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

impl Figure {
    pub fn value(&self) -> Decimal {
        self.value.0
    }
}

/// Figures by year label (`"2020/21"`).
pub type Series = BTreeMap<String, Figure>;

/// A council's medium-term financial plan. Bounds (docs/model-notes.md, "Bounds"): every
/// amount at most £1,000,000,000,000 (£1 trillion) in size; every rate above -100 and at
/// most 100 percent; referendum limits and percentages 0 to 100; growth factors 0 to 10;
/// Band D at most £1,000,000; the tax base at most 1,000,000,000; 1 to 10 years; at most
/// 1,000 entries in any list. A figure outside them is refused with its path.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DataSet {
    /// Always "mtfs-council-data/1" for this version of the format.
    pub format: String,
    pub council: String,
    /// The nation whose council tax law applies: its bands and ratios, and its rule on
    /// rises (England: referendums; Wales: none; Scotland: a cap). Absent: England.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nation: Option<Nation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The date the plan was made: "2020-01" (or "2020", "2020-01-14"). The plan holds only
    /// what was known then; what was learnt later (later referendum limits, later
    /// settlements) belongs in the outturn record, not here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_at: Option<String>,
    /// The documents cited by `source` fields.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Document>,
    /// The last approved budget, e.g. "2019/20".
    pub base_year: String,
    /// Projection years, consecutive after the base year (1 to 10).
    #[cfg_attr(feature = "cli", schemars(length(min = 1, max = 10)))]
    pub years: Vec<String>,
    #[cfg_attr(feature = "cli", schemars(length(min = 1, max = 1000)))]
    pub services: Vec<Service>,
    #[serde(default)]
    #[cfg_attr(feature = "cli", schemars(length(max = 1000)))]
    pub programmes: Vec<Programme>,
    pub council_tax: CouncilTax,
    #[serde(default)]
    #[cfg_attr(feature = "cli", schemars(length(max = 1000)))]
    pub funding: Vec<FundingStream>,
    #[cfg_attr(feature = "cli", schemars(length(min = 1, max = 1000)))]
    pub reserves: Vec<Reserve>,
    pub reserves_minimum: MinimumReserves,
    /// England's referendum principles (optional in England: without them, those of
    /// data/council-tax-rules.json for each year; not given in Wales or Scotland).
    #[serde(default, skip_serializing_if = "Referendum::is_empty")]
    pub referendum: Referendum,
    /// Scotland only, optional: the government's cap on each year's rise (a year not named
    /// has no cap).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rise_cap: Option<RiseCap>,
    /// Optional: a stated forecast in-year overspend, £ by year: one-off spending in that
    /// year, funded from the reserves that fund gaps (absent year: none).
    #[serde(default, skip_serializing_if = "Series::is_empty")]
    pub overspend: Series,
    /// Optional: capitalisation directions (revenue spending the government lets the
    /// council fund by borrowing) and the borrowing's terms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capitalisation: Option<Capitalisation>,
    /// Optional: the other precepts on a resident's bill (police, fire, parish, the GLA),
    /// as stated Band D figures by year: shown beside the council's own, never counted in
    /// its funding.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "cli", schemars(length(max = 1000)))]
    pub other_precepts: Vec<OtherPrecept>,
    /// Optional: delivery odds by RAG rating and plausible ranges, for the risk analysis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<risk::Section>,
    /// Optional: the options the council consults on, each with levels and their effects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "cli", schemars(length(max = 1000)))]
    pub options: Vec<options::ConsultationOption>,
    /// Optional: settings for a consultation that uses the options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consultation: Option<options::Consultation>,
    /// Optional: the council's own look: logo, colours, introduction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branding: Option<branding::Branding>,
    /// Optional: how residents reach the council (the accessibility statement shows it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<branding::ContactSection>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub name: String,
    /// Lines sharing a group (e.g. "social_care") scale together with `growth_factor`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth_group: Option<String>,
    /// Net budget in the base year, in pounds.
    pub base: Figure,
    /// Inflation each projection year, percent (every year required).
    pub inflation_pct: Series,
    /// Recurring pounds added each year for demand and new investment (absent year: 0).
    #[serde(default)]
    pub growth: Series,
    /// Recurring pounds of transfers and netted grant changes (absent year: 0).
    #[serde(default)]
    pub base_change: Series,
    /// Pounds in that year only (absent year: 0).
    #[serde(default)]
    pub one_off: Series,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Programme {
    pub id: String,
    pub name: String,
    /// Reserve that covers late delivery (shortfall).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cash_flow_reserve: Option<String>,
    /// Reserve credited with savings delivered ahead of target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub early_delivery_reserve: Option<String>,
    #[cfg_attr(feature = "cli", schemars(length(min = 1, max = 1000)))]
    pub lines: Vec<ProgrammeLine>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProgrammeLine {
    /// The `id` of a service line.
    pub service: String,
    /// Cumulative recurring savings removed from the budget, base year and every projection year.
    pub target: Series,
    /// Cumulative recurring savings expected delivered, base year (achieved so far) and every projection year.
    pub plan: Series,
    /// Optional red/amber/green split of what is still to deliver after the base year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rag: Option<Rag>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Rag {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blue: Option<Figure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub green: Option<Figure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amber: Option<Figure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub red: Option<Figure>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CouncilTax {
    /// Band D charge in the base year, pounds.
    pub band_d: Figure,
    /// Tax base in the base year, Band D equivalent dwellings.
    pub tax_base: Figure,
    pub tax_base_growth_pct: Series,
    /// Collection fund surplus (+) or deficit (−), pounds (absent year: 0).
    #[serde(default)]
    pub collection_fund: Series,
    /// Planned core council tax rise, percent.
    pub core_pct: Series,
    /// Planned adult social care precept rise, percent (absent year: 0).
    #[serde(default)]
    pub asc_pct: Series,
    /// The previous year's Band D restated like-for-like, in a year a service moves to
    /// another body: that year's rise is applied to it (absent year: last year's Band D).
    #[serde(default, skip_serializing_if = "Series::is_empty")]
    pub restated_band_d: Series,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FundingStream {
    pub id: String,
    pub name: String,
    pub kind: FundingKind,
    /// Pounds each projection year (every year required).
    pub amount: Series,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Reserve {
    pub id: String,
    pub name: String,
    /// Balance at the end of the base year, pounds.
    pub opening: Figure,
    /// Automatic draws stop at this balance (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<Figure>,
    #[serde(default)]
    pub planned_in: Series,
    #[serde(default)]
    pub planned_out: Series,
    /// Reserves with a gap order fund budget gaps, lowest first; others are never drawn automatically.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap_order: Option<i64>,
    /// Held for a purpose set by law or agreement (schools, PFI, public health): shown, but
    /// not counted towards the safe minimum, and never drawn to fund gaps.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ring_fenced: bool,
}

/// The safe minimum of total reserves: give exactly one of the two.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MinimumReserves {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Figure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pct_of_net_requirement: Option<Figure>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Referendum {
    /// A core rise of this percent or more needs a referendum.
    pub core_limit_pct: Series,
    /// The adult social care precept allowed on top of the core limit.
    pub asc_limit_pct: Series,
    /// A government-agreed higher total limit, where one was given.
    #[serde(default)]
    pub dispensation_pct: Series,
}

/// Capitalisation directions: the government's permission to fund revenue spending by
/// borrowing (docs/model-notes.md, "Capitalisation directions").
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Capitalisation {
    /// Pounds permitted each year (absent year: none).
    #[serde(default)]
    pub directions: Series,
    /// Interest on the borrowing, percent a year (0 to 100).
    pub interest_pct: Figure,
    /// Years over which the borrowing is repaid as minimum revenue provision (1 to 50).
    pub repayment_years: Figure,
}

/// The longest repayment term accepted for capitalised spending, in years.
pub const MAX_REPAYMENT_YEARS: u32 = 50;

impl Capitalisation {
    fn validate(&self, c: &mut Checker) -> model::Capitalisation {
        let p = "capitalisation";
        let directions = c.series(
            &format!("{p}.directions"),
            &self.directions,
            false,
            Checker::non_negative,
        );
        let interest_pct = c.percentage(&format!("{p}.interest_pct"), &self.interest_pct);
        let v = c.figure(&format!("{p}.repayment_years"), &self.repayment_years);
        let years = u32::try_from(v.trunc().mantissa())
            .ok()
            .filter(|y| v.fract().is_zero() && (1..=MAX_REPAYMENT_YEARS).contains(y));
        if years.is_none() {
            c.problem(
                format!("{p}.repayment_years.value"),
                format!(
                    "a whole number of years from 1 to {MAX_REPAYMENT_YEARS} is expected (got {v})"
                ),
            );
        }
        model::Capitalisation {
            directions,
            interest_pct,
            repayment_years: years.unwrap_or(1) as usize,
        }
    }
}

/// Another authority's precept on the same bill: its Band D charge in the years given.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OtherPrecept {
    pub id: String,
    /// "Police and Crime Commissioner for Hampshire".
    pub name: String,
    /// Its Band D charge, £ a year, for the projection years it is known (a year left out
    /// shows the council's share alone).
    pub band_d: Series,
}

/// Scotland's cap on council tax rises: a rise above it cannot be set.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RiseCap {
    /// The largest rise allowed each year, percent (a rise equal to the cap is allowed; a
    /// year not named has no cap).
    pub max_pct: Series,
}

impl Referendum {
    /// No limits given at all (a Welsh or Scottish data set has none).
    pub fn is_empty(&self) -> bool {
        self.core_limit_pct.is_empty()
            && self.asc_limit_pct.is_empty()
            && self.dispensation_pct.is_empty()
    }

    /// The limits as percentages from 0 to 100, and each dispensation above the normal
    /// limit it replaces (docs/model-notes.md: a dispensation is a *higher* limit the
    /// government agreed; one at or below the normal limits would turn a lawful rise into
    /// an excessive one, so it is refused rather than guessed at).
    fn validate(&self, c: &mut Checker, years: &[String]) -> model::ReferendumLimits {
        let core = c.series(
            "referendum.core_limit_pct",
            &self.core_limit_pct,
            true,
            Checker::percentage,
        );
        let asc = c.series(
            "referendum.asc_limit_pct",
            &self.asc_limit_pct,
            true,
            Checker::percentage,
        );
        let given = c.series(
            "referendum.dispensation_pct",
            &self.dispensation_pct,
            false,
            Checker::percentage,
        );
        let mut dispensation_pct = Vec::with_capacity(years.len());
        for (t, (year, d)) in years.iter().zip(given).enumerate() {
            let normal = core[t] + asc[t];
            if self.dispensation_pct.contains_key(year) && d <= normal {
                c.problem(
                    format!("referendum.dispensation_pct.{year}.value"),
                    format!(
                        "a dispensation is a higher limit the government agreed, but {}% is not above this year's normal limit of {}% ({}% core and {}% adult social care): remove it, or check the figure",
                        d.normalize(), normal.normalize(), core[t].normalize(), asc[t].normalize()
                    ),
                );
            }
            dispensation_pct.push(self.dispensation_pct.contains_key(year).then_some(d));
        }
        model::ReferendumLimits {
            core_limit_pct: core,
            asc_limit_pct: asc,
            dispensation_pct,
            asc_windows: Vec::new(),
        }
    }
}

/// Reads a data set from any serde source and validates it (the wasm binding reads a JS
/// object with its own path-keeping reader, then calls `DataSet::validate`). The error names the field: `services[2].base.value: not a number: "12,5m"`.
pub fn load<'de, D: Deserializer<'de>>(deserializer: D) -> Result<(DataSet, Council), DataError> {
    let data: DataSet = serde_path_to_error::deserialize(deserializer)?;
    let council = data.validate()?;
    Ok((data, council))
}

/// Parses a year label such as "2020/21" into its first calendar year.
fn year_start(label: &str) -> Option<i32> {
    let (a, b) = label.split_once('/')?;
    if a.len() != 4 || b.len() != 2 || !a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let start: i32 = a.parse().ok()?;
    let end: i32 = b.parse().ok()?;
    ((start + 1) % 100 == end).then_some(start)
}

/// Why a date is refused, if it is: "2020", "2020-01" or "2020-01-14", a real month and
/// day (a day up to the 31st).
pub fn date_problem(date: &str) -> Option<String> {
    let parts: Vec<&str> = date.split('-').collect();
    let number = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let ok = match parts.as_slice() {
        [y] => number(y, 4).is_some(),
        [y, m] => number(y, 4).is_some() && number(m, 2).is_some_and(|m| (1..=12).contains(&m)),
        [y, m, d] => {
            number(y, 4).is_some()
                && number(m, 2).is_some_and(|m| (1..=12).contains(&m))
                && number(d, 2).is_some_and(|d| (1..=31).contains(&d))
        }
        _ => false,
    };
    (!ok).then(|| format!("a date is written 2020, 2020-01 or 2020-01-14 (got {date:?})"))
}

/// How many of a figure's (or a choice's) `source`, `derived` and `assumption` are given,
/// not blank: validation asks for exactly one.
fn provenance_given(given: [&Option<String>; 3]) -> usize {
    given
        .iter()
        .filter(|p| p.as_deref().is_some_and(|s| !s.trim().is_empty()))
        .count()
}

/// Collects problems with paths while walking the data set.
struct Checker<'a> {
    problems: Vec<Problem>,
    years: &'a [String],
    base_year: &'a str,
    /// The year labels themselves are wrong (reported once): series are not also told
    /// that they name a year that is not one, or miss a year that is misspelt.
    years_broken: bool,
}

impl Checker<'_> {
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem::new(path, message));
    }

    fn figure(&mut self, path: &str, f: &Figure) -> Decimal {
        let given = provenance_given([&f.source, &f.derived, &f.assumption]);
        if given != 1 {
            self.problem(
                path,
                format!(
                    "give exactly one of source, derived or assumption for this figure (found {given})"
                ),
            );
        }
        self.checked(path, f.value(), crate::number::amount_problem)
    }

    /// `v`, or 0 with a problem at `path.value` when `check` refuses it. A refused value
    /// never reaches the rest of validation's own arithmetic (programme totals and the
    /// like), so no figure, however absurd, can overflow it.
    fn checked(
        &mut self,
        path: &str,
        v: Decimal,
        check: impl Fn(Decimal) -> Option<String>,
    ) -> Decimal {
        match check(v) {
            None => v,
            Some(why) => {
                self.problem(format!("{path}.value"), why);
                Decimal::ZERO
            }
        }
    }

    fn non_negative(&mut self, path: &str, f: &Figure) -> Decimal {
        let v = self.figure(path, f);
        self.checked(path, v, |v| {
            (v.is_sign_negative() && !v.is_zero())
                .then(|| format!("must not be negative (got {v})"))
        })
    }

    /// A rate in percent (see [`crate::number::rate_problem`]).
    fn rate(&mut self, path: &str, f: &Figure) -> Decimal {
        let v = self.figure(path, f);
        self.checked(path, v, crate::number::rate_problem)
    }

    /// A multiplier on growth, from 0 to the scenario's limit (`MAX_GROWTH_FACTOR`).
    #[cfg_attr(not(feature = "insight"), allow(dead_code))]
    fn growth_factor(&mut self, path: &str, f: &Figure) -> Decimal {
        let v = self.figure(path, f);
        let most = crate::number::MAX_GROWTH_FACTOR;
        self.checked(path, v, |v| {
            (v < Decimal::ZERO || v > Decimal::from(most))
                .then(|| format!("a multiplier from 0 to {most} is expected (got {v})"))
        })
    }

    /// A Band D: above 0 and at most £1,000,000 (a restated Band D; the base year's is
    /// checked where it is read).
    fn band_d(&mut self, path: &str, f: &Figure) -> Decimal {
        let v = self.figure(path, f);
        self.checked(path, v, |v| {
            (v <= Decimal::ZERO || v > Decimal::from(1_000_000))
                .then(|| format!("a Band D above £0 and at most £1,000,000 is expected (got {v})"))
        })
    }

    /// A percentage from 0 to 100 (a referendum limit, a share).
    fn percentage(&mut self, path: &str, f: &Figure) -> Decimal {
        let v = self.figure(path, f);
        self.checked(path, v, |v| {
            (v < Decimal::ZERO || v > Decimal::ONE_HUNDRED)
                .then(|| format!("a percentage from 0 to 100 is expected (got {v})"))
        })
    }

    /// A list's length within [`MAX_ITEMS`].
    fn count(&mut self, path: &str, len: usize) {
        if len > MAX_ITEMS {
            self.problem(
                path,
                format!("give at most {MAX_ITEMS} entries (got {len})"),
            );
        }
    }

    /// A per-projection-year series. `required`: every year must be present.
    fn series(
        &mut self,
        path: &str,
        s: &Series,
        required: bool,
        check: fn(&mut Self, &str, &Figure) -> Decimal,
    ) -> Vec<Decimal> {
        for (key, f) in s {
            if !self.years.contains(key) && self.years_broken {
                check(self, &format!("{path}.{key}"), f);
            } else if !self.years.contains(key) {
                let hint = if key == self.base_year {
                    "the base year is not a projection year here".to_string()
                } else {
                    format!(
                        "not a projection year (years are {})",
                        self.years.join(", ")
                    )
                };
                self.problem(format!("{path}.{key}"), hint);
            }
        }
        let years = self.years;
        years
            .iter()
            .map(|y| match s.get(y) {
                Some(f) => check(self, &format!("{path}.{y}"), f),
                None => {
                    if required && !self.years_broken {
                        self.problem(path, format!("missing a figure for {y}"));
                    }
                    Decimal::ZERO
                }
            })
            .collect()
    }

    /// A cumulative series over the base year and every projection year.
    fn cumulative(&mut self, path: &str, s: &Series) -> Vec<Decimal> {
        let mut all = vec![self.base_year.to_string()];
        all.extend(self.years.iter().cloned());
        for (key, f) in s {
            if !all.contains(key) && self.years_broken {
                self.non_negative(&format!("{path}.{key}"), f);
            } else if !all.contains(key) {
                self.problem(
                    format!("{path}.{key}"),
                    format!("not a year of this data set (years are {})", all.join(", ")),
                );
            }
        }
        all.iter()
            .map(|y| match s.get(y) {
                Some(f) => self.non_negative(&format!("{path}.{y}"), f),
                None => {
                    if !self.years_broken {
                        self.problem(path, format!("missing a figure for {y}"));
                    }
                    Decimal::ZERO
                }
            })
            .collect()
    }

    fn unique_ids<'b>(&mut self, path: &str, ids: impl Iterator<Item = &'b String>) {
        let mut seen = BTreeSet::new();
        for (i, id) in ids.enumerate() {
            if id.trim().is_empty() {
                self.problem(format!("{path}[{i}].id"), "must not be empty");
            } else if !seen.insert(id.as_str()) {
                self.problem(format!("{path}[{i}].id"), format!("duplicate id {id:?}"));
            }
        }
    }
}

impl DataSet {
    /// Checks everything serde cannot, reporting every problem with its path.
    pub fn validate(&self) -> Result<Council, DataError> {
        let mut c = Checker {
            problems: Vec::new(),
            years: &self.years,
            base_year: &self.base_year,
            years_broken: false,
        };

        if self.format != FORMAT {
            c.problem(
                "format",
                format!("expected {FORMAT:?} (got {:?})", self.format),
            );
        }
        if self.council.trim().is_empty() {
            c.problem("council", "give the council's name");
        }
        if let Some(date) = &self.as_at {
            if let Some(why) = date_problem(date) {
                c.problem("as_at", why);
            }
        }
        let before_years = c.problems.len();
        match year_start(&self.base_year) {
            None => c.problem(
                "base_year",
                format!(
                    "expected a year label such as \"2019/20\" (got {:?})",
                    self.base_year
                ),
            ),
            Some(start) => {
                if self.years.is_empty() || self.years.len() > MAX_YEARS {
                    c.problem(
                        "years",
                        format!(
                            "give 1 to {MAX_YEARS} projection years (got {})",
                            self.years.len()
                        ),
                    );
                }
                for (i, y) in self.years.iter().enumerate() {
                    let want = start + 1 + i as i32;
                    if year_start(y) != Some(want) {
                        c.problem(
                            format!("years[{i}]"),
                            format!(
                                "expected {}/{:02} to follow {} (got {y:?})",
                                want,
                                (want + 1) % 100,
                                if i == 0 {
                                    &self.base_year
                                } else {
                                    &self.years[i - 1]
                                }
                            ),
                        );
                    }
                }
            }
        }

        // A malformed year label breaks every series keyed by it: report the cause once,
        // not each series that names (or misses) the year. Figures are still checked.
        c.years_broken = c.problems.len() > before_years;

        // Services.
        if self.services.is_empty() {
            c.problem("services", "give at least one service line");
        }
        c.count("services", self.services.len());
        c.unique_ids("services", self.services.iter().map(|s| &s.id));
        let services: Vec<model::ServiceLine> = self
            .services
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let p = format!("services[{i}]");
                model::ServiceLine {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    growth_group: s.growth_group.clone(),
                    base: c.non_negative(&format!("{p}.base"), &s.base),
                    inflation_pct: c.series(
                        &format!("{p}.inflation_pct"),
                        &s.inflation_pct,
                        true,
                        Checker::rate,
                    ),
                    growth: c.series(&format!("{p}.growth"), &s.growth, false, Checker::figure),
                    base_change: c.series(
                        &format!("{p}.base_change"),
                        &s.base_change,
                        false,
                        Checker::figure,
                    ),
                    one_off: c.series(&format!("{p}.one_off"), &s.one_off, false, Checker::figure),
                }
            })
            .collect();

        // Reserves.
        c.count("reserves", self.reserves.len());
        c.unique_ids("reserves", self.reserves.iter().map(|r| &r.id));
        let reserves: Vec<model::Reserve> = self
            .reserves
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let p = format!("reserves[{i}]");
                model::Reserve {
                    id: r.id.clone(),
                    name: r.name.clone(),
                    opening: c.figure(&format!("{p}.opening"), &r.opening),
                    floor: r
                        .floor
                        .as_ref()
                        .map_or(Decimal::ZERO, |f| c.non_negative(&format!("{p}.floor"), f)),
                    planned_in: c.series(
                        &format!("{p}.planned_in"),
                        &r.planned_in,
                        false,
                        Checker::non_negative,
                    ),
                    planned_out: c.series(
                        &format!("{p}.planned_out"),
                        &r.planned_out,
                        false,
                        Checker::non_negative,
                    ),
                    gap_order: r.gap_order,
                    ring_fenced: r.ring_fenced,
                }
            })
            .collect();
        for (i, r) in self.reserves.iter().enumerate() {
            if r.ring_fenced && r.gap_order.is_some() {
                c.problem(
                    format!("reserves[{i}].gap_order"),
                    "a ring-fenced reserve cannot fund budget gaps: remove its gap_order, or ring_fenced",
                );
            }
        }
        if !self.reserves.iter().any(|r| r.gap_order.is_some()) {
            c.problem("reserves", "no reserve has a gap_order, so nothing could fund a budget gap: give general balances, at least, a gap_order");
        }
        let reserve_index = |id: &str| self.reserves.iter().position(|r| r.id == id);

        // Programmes.
        c.count("programmes", self.programmes.len());
        c.unique_ids("programmes", self.programmes.iter().map(|p| &p.id));
        let programmes: Vec<model::Programme> = self
            .programmes
            .iter()
            .enumerate()
            .map(|(i, prog)| {
                let p = format!("programmes[{i}]");
                let mut link = |field: &str, id: &Option<String>| {
                    id.as_ref().and_then(|id| {
                        let found = reserve_index(id);
                        if found.is_none() {
                            c.problem(
                                format!("{p}.{field}"),
                                format!("no reserve has the id {id:?}"),
                            );
                        }
                        found
                    })
                };
                let cash_flow_reserve = link("cash_flow_reserve", &prog.cash_flow_reserve);
                let early_delivery_reserve =
                    link("early_delivery_reserve", &prog.early_delivery_reserve);
                if let Some(r) = cash_flow_reserve.filter(|&r| self.reserves[r].ring_fenced) {
                    c.problem(
                        format!("{p}.cash_flow_reserve"),
                        format!(
                            "{:?} is ring-fenced, so it cannot cover savings delivered late",
                            self.reserves[r].id
                        ),
                    );
                }
                if prog.lines.is_empty() {
                    c.problem(format!("{p}.lines"), "give at least one line");
                }
                c.count(&format!("{p}.lines"), prog.lines.len());
                let lines = prog
                    .lines
                    .iter()
                    .enumerate()
                    .map(|(j, line)| {
                        let lp = format!("{p}.lines[{j}]");
                        let service = self.services.iter().position(|s| s.id == line.service);
                        if service.is_none() {
                            c.problem(
                                format!("{lp}.service"),
                                format!("no service line has the id {:?}", line.service),
                            );
                        }
                        let rag = line.rag.as_ref().map(|r| {
                            let mut part = |name: &str, f: &Option<Figure>| {
                                f.as_ref().map_or(Decimal::ZERO, |f| {
                                    c.non_negative(&format!("{lp}.rag.{name}"), f)
                                })
                            };
                            model::Rag {
                                blue: part("blue", &r.blue),
                                green: part("green", &r.green),
                                amber: part("amber", &r.amber),
                                red: part("red", &r.red),
                            }
                        });
                        model::ProgrammeLine {
                            service: service.unwrap_or(0),
                            target_from_base: c.cumulative(&format!("{lp}.target"), &line.target),
                            plan_from_base: c.cumulative(&format!("{lp}.plan"), &line.plan),
                            rag,
                        }
                    })
                    .collect();
                model::Programme {
                    id: prog.id.clone(),
                    name: prog.name.clone(),
                    cash_flow_reserve,
                    early_delivery_reserve,
                    lines,
                }
            })
            .collect();

        // Funding.
        let ct = &self.council_tax;
        let council_tax = model::CouncilTax {
            band_d: c.non_negative("council_tax.band_d", &ct.band_d),
            tax_base: c.non_negative("council_tax.tax_base", &ct.tax_base),
            tax_base_growth_pct: c.series(
                "council_tax.tax_base_growth_pct",
                &ct.tax_base_growth_pct,
                true,
                Checker::rate,
            ),
            collection_fund: c.series(
                "council_tax.collection_fund",
                &ct.collection_fund,
                false,
                Checker::figure,
            ),
            core_pct: c.series("council_tax.core_pct", &ct.core_pct, true, Checker::rate),
            asc_pct: c.series("council_tax.asc_pct", &ct.asc_pct, false, Checker::rate),
            restated_band_d: {
                let given = c.series(
                    "council_tax.restated_band_d",
                    &ct.restated_band_d,
                    false,
                    Checker::band_d,
                );
                self.years
                    .iter()
                    .zip(given)
                    .map(|(y, v)| ct.restated_band_d.contains_key(y).then_some(v))
                    .collect()
            },
        };
        if council_tax.band_d.is_zero() {
            c.problem("council_tax.band_d.value", "Band D must be more than 0");
        }
        // Band D times the tax base is the council tax: each is kept to a size that no
        // council approaches, so their product cannot overflow.
        if council_tax.band_d > Decimal::from(1_000_000) {
            c.problem(
                "council_tax.band_d.value",
                "Band D must be at most £1,000,000",
            );
        }
        if council_tax.tax_base > Decimal::from(1_000_000_000) {
            c.problem(
                "council_tax.tax_base.value",
                "the tax base must be at most 1,000,000,000 Band D equivalents",
            );
        }
        c.count("funding", self.funding.len());
        c.unique_ids("funding", self.funding.iter().map(|f| &f.id));
        let funding = self
            .funding
            .iter()
            .enumerate()
            .map(|(i, f)| model::FundingStream {
                id: f.id.clone(),
                name: f.name.clone(),
                kind: f.kind,
                amount: c.series(
                    &format!("funding[{i}].amount"),
                    &f.amount,
                    true,
                    Checker::figure,
                ),
            })
            .collect();

        let reserves_minimum = match (
            &self.reserves_minimum.amount,
            &self.reserves_minimum.pct_of_net_requirement,
        ) {
            (Some(a), None) => {
                ReservesMinimum::Amount(c.non_negative("reserves_minimum.amount", a))
            }
            (None, Some(p)) => {
                let pct = c.percentage("reserves_minimum.pct_of_net_requirement", p);
                ReservesMinimum::PctOfNetRequirement(pct)
            }
            _ => {
                c.problem(
                    "reserves_minimum",
                    "give exactly one of amount or pct_of_net_requirement",
                );
                ReservesMinimum::Amount(Decimal::ZERO)
            }
        };

        let nation = self.nation.unwrap_or_default();
        let (referendum, rise_cap_pct) = self.rise_rules(&mut c, nation, &council_tax);

        let capitalisation = self.capitalisation.as_ref().map(|k| k.validate(&mut c));
        let overspend = c.series("overspend", &self.overspend, false, Checker::non_negative);

        let risk = self
            .risk
            .as_ref()
            .and_then(|r| r.validate(&mut c, &services, &programmes, &reserves));

        let options = options::validate(&self.options, &mut c, &reserves);
        if let Some(b) = &self.branding {
            branding::validate_branding(b, &mut c);
        }
        if let Some(k) = &self.contact {
            branding::validate_contact(k, &mut c);
        }
        let closing_date = self
            .consultation
            .as_ref()
            .and_then(|k| branding::validate_consultation(k, &mut c));
        let other_precepts = self.other_precepts(&mut c);

        if !c.problems.is_empty() {
            return Err(DataError {
                problems: c.problems,
            });
        }
        let council = Council {
            name: self.council.clone(),
            nation,
            as_at: self.as_at.clone(),
            base_year: self.base_year.clone(),
            years: self.years.clone(),
            services,
            programmes,
            council_tax,
            funding,
            reserves,
            reserves_minimum,
            referendum,
            rise_cap_pct,
            overspend,
            capitalisation,
            other_precepts,
            risk,
            options,
            require_balance: self
                .consultation
                .as_ref()
                .is_some_and(|c| c.require_balance),
            paper: model::PaperDetails {
                closing_date,
                return_address: self
                    .consultation
                    .as_ref()
                    .and_then(|k| k.return_address.clone()),
            },
        };
        let problems = options::resolve_levels(&council);
        if problems.is_empty() {
            Ok(council)
        } else {
            Err(DataError { problems })
        }
    }

    /// The nation's rule on rises, checked: England's referendum principles (required);
    /// no referendum and no adult social care precept in Wales or Scotland; Scotland's
    /// optional cap, which the plan's own rises must keep.
    fn rise_rules(
        &self,
        c: &mut Checker,
        nation: Nation,
        council_tax: &model::CouncilTax,
    ) -> (model::ReferendumLimits, Vec<Option<Decimal>>) {
        let rules = nation.rules();
        let n = self.years.len();
        let none = || model::ReferendumLimits {
            core_limit_pct: vec![Decimal::ZERO; n],
            asc_limit_pct: vec![Decimal::ZERO; n],
            dispensation_pct: vec![None; n],
            asc_windows: Vec::new(),
        };
        let mut referendum = match rules.rise_rule {
            RiseRule::Referendum if self.referendum.is_empty() => self.rules_principles(c, rules),
            RiseRule::Referendum => self.referendum.validate(c, &self.years),
            _ => {
                if !self.referendum.is_empty() {
                    c.problem(
                        "referendum",
                        format!(
                            "{} has no council tax referendums: remove this section{}",
                            rules.name,
                            if rules.rise_rule == RiseRule::Cap {
                                " (the government's cap on rises goes in rise_cap)"
                            } else {
                                ""
                            }
                        ),
                    );
                }
                none()
            }
        };
        // A cumulative cap on the adult social care precept is the law for its years,
        // whichever section gave the year's own limits. Year labels of one form
        // ("2017/18") order as text.
        referendum.asc_windows = rules
            .asc_windows
            .iter()
            .filter_map(|w| {
                let years: Vec<usize> = (0..n)
                    .filter(|&t| w.from <= self.years[t].as_str() && self.years[t].as_str() <= w.to)
                    .collect();
                (!years.is_empty()).then(|| model::AscWindow {
                    years,
                    max_total_pct: Decimal::new(w.max_total_pct, 2),
                })
            })
            .collect();
        if !rules.asc_precept && !self.council_tax.asc_pct.is_empty() {
            c.problem(
                "council_tax.asc_pct",
                format!("the adult social care precept is England's; in {} the whole rise goes in core_pct", rules.name),
            );
        }
        let mut caps = vec![None; n];
        match (&self.rise_cap, rules.rise_rule) {
            (None, _) => {}
            (Some(_), rule) if rule != RiseRule::Cap => c.problem(
                "rise_cap",
                format!(
                    "only Scotland caps council tax rises; {} {}: remove this section, or set nation",
                    rules.name,
                    if rule == RiseRule::Referendum {
                        "tests each rise against the referendum principles instead"
                    } else {
                        "has no cap in force"
                    }
                ),
            ),
            (Some(cap), _) => {
                let given = c.series("rise_cap.max_pct", &cap.max_pct, false, Checker::percentage);
                for (t, year) in self.years.iter().enumerate() {
                    if !cap.max_pct.contains_key(year) {
                        continue;
                    }
                    caps[t] = Some(given[t]);
                    let rise = council_tax.core_pct[t] + council_tax.asc_pct[t];
                    if rise > given[t] {
                        c.problem(
                            format!("council_tax.core_pct.{year}.value"),
                            crate::words::above_cap(year, rise, given[t]),
                        );
                    }
                }
            }
        }
        (referendum, caps)
    }

    /// The other precepts, checked: ids unique, names given, each Band D from £0 to
    /// £1,000,000 (the bound on the council's own) in a projection year.
    fn other_precepts(&self, c: &mut Checker) -> Vec<model::OtherPrecept> {
        c.count("other_precepts", self.other_precepts.len());
        self.other_precepts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let path = format!("other_precepts[{i}]");
                if self.other_precepts[..i].iter().any(|q| q.id == p.id) {
                    c.problem(
                        format!("{path}.id"),
                        format!("the id {:?} is used twice", p.id),
                    );
                }
                if p.name.trim().is_empty() {
                    c.problem(format!("{path}.name"), "give the precept's name");
                }
                let amounts = c.series(
                    &format!("{path}.band_d"),
                    &p.band_d,
                    false,
                    Checker::non_negative,
                );
                let band_d = self
                    .years
                    .iter()
                    .zip(amounts)
                    .map(|(y, v)| {
                        if v > Decimal::from(1_000_000) {
                            c.problem(
                                format!("{path}.band_d.{y}.value"),
                                "at most £1,000,000 is expected",
                            );
                        }
                        p.band_d.contains_key(y).then_some(v)
                    })
                    .collect();
                model::OtherPrecept {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    band_d,
                }
            })
            .collect()
    }

    /// England's referendum principles from the nation's rules (data/council-tax-rules.json)
    /// for a data set without its own section: every projection year must be there.
    fn rules_principles(&self, c: &mut Checker, rules: &Rules) -> model::ReferendumLimits {
        let n = self.years.len();
        let mut limits = model::ReferendumLimits {
            core_limit_pct: vec![Decimal::ZERO; n],
            asc_limit_pct: vec![Decimal::ZERO; n],
            dispensation_pct: vec![None; n],
            asc_windows: Vec::new(),
        };
        let missing: Vec<&str> = self
            .years
            .iter()
            .enumerate()
            .filter_map(|(t, year)| {
                match rules.referendum.iter().find(|l| l.year == year.as_str()) {
                    Some(l) => {
                        limits.core_limit_pct[t] = Decimal::new(l.core_limit_pct, 2);
                        limits.asc_limit_pct[t] = Decimal::new(l.asc_limit_pct, 2);
                        None
                    }
                    None => Some(year.as_str()),
                }
            })
            .collect();
        if !missing.is_empty() {
            c.problem(
                "referendum",
                format!("the council tax rules have no referendum principles for {} ({}'s councils need a local referendum for a rise at or above them): give this data set's own referendum section, core_limit_pct and asc_limit_pct for every projection year", missing.join(", "), rules.name),
            );
        }
        limits
    }

    /// Every figure in the data set with its path, in file order: for listing
    /// provenance (officer mode) and for checking that nothing is unexplained.
    pub fn figures(&self) -> Vec<(String, &Figure)> {
        let mut out: Vec<(String, &Figure)> = Vec::new();
        fn push_series<'a>(out: &mut Vec<(String, &'a Figure)>, path: &str, s: &'a Series) {
            out.extend(s.iter().map(|(y, f)| (format!("{path}.{y}"), f)));
        }
        for (i, s) in self.services.iter().enumerate() {
            let p = format!("services[{i}]");
            out.push((format!("{p}.base"), &s.base));
            push_series(&mut out, &format!("{p}.inflation_pct"), &s.inflation_pct);
            push_series(&mut out, &format!("{p}.growth"), &s.growth);
            push_series(&mut out, &format!("{p}.base_change"), &s.base_change);
            push_series(&mut out, &format!("{p}.one_off"), &s.one_off);
        }
        for (i, prog) in self.programmes.iter().enumerate() {
            for (j, line) in prog.lines.iter().enumerate() {
                let p = format!("programmes[{i}].lines[{j}]");
                push_series(&mut out, &format!("{p}.target"), &line.target);
                push_series(&mut out, &format!("{p}.plan"), &line.plan);
                if let Some(r) = &line.rag {
                    for (name, f) in [
                        ("blue", &r.blue),
                        ("green", &r.green),
                        ("amber", &r.amber),
                        ("red", &r.red),
                    ] {
                        if let Some(f) = f {
                            out.push((format!("{p}.rag.{name}"), f));
                        }
                    }
                }
            }
        }
        let ct = &self.council_tax;
        out.push(("council_tax.band_d".into(), &ct.band_d));
        out.push(("council_tax.tax_base".into(), &ct.tax_base));
        push_series(
            &mut out,
            "council_tax.tax_base_growth_pct",
            &ct.tax_base_growth_pct,
        );
        push_series(&mut out, "council_tax.collection_fund", &ct.collection_fund);
        push_series(&mut out, "council_tax.core_pct", &ct.core_pct);
        push_series(&mut out, "council_tax.asc_pct", &ct.asc_pct);
        push_series(&mut out, "council_tax.restated_band_d", &ct.restated_band_d);
        for (i, f) in self.funding.iter().enumerate() {
            push_series(&mut out, &format!("funding[{i}].amount"), &f.amount);
        }
        for (i, r) in self.reserves.iter().enumerate() {
            let p = format!("reserves[{i}]");
            out.push((format!("{p}.opening"), &r.opening));
            if let Some(f) = &r.floor {
                out.push((format!("{p}.floor"), f));
            }
            push_series(&mut out, &format!("{p}.planned_in"), &r.planned_in);
            push_series(&mut out, &format!("{p}.planned_out"), &r.planned_out);
        }
        let m = &self.reserves_minimum;
        for (name, f) in [
            ("amount", &m.amount),
            ("pct_of_net_requirement", &m.pct_of_net_requirement),
        ] {
            if let Some(f) = f {
                out.push((format!("reserves_minimum.{name}"), f));
            }
        }
        let r = &self.referendum;
        push_series(&mut out, "referendum.core_limit_pct", &r.core_limit_pct);
        push_series(&mut out, "referendum.asc_limit_pct", &r.asc_limit_pct);
        push_series(&mut out, "referendum.dispensation_pct", &r.dispensation_pct);
        if let Some(cap) = &self.rise_cap {
            push_series(&mut out, "rise_cap.max_pct", &cap.max_pct);
        }
        push_series(&mut out, "overspend", &self.overspend);
        if let Some(k) = &self.capitalisation {
            push_series(&mut out, "capitalisation.directions", &k.directions);
            out.push(("capitalisation.interest_pct".into(), &k.interest_pct));
            out.push(("capitalisation.repayment_years".into(), &k.repayment_years));
        }
        for (i, p) in self.other_precepts.iter().enumerate() {
            push_series(&mut out, &format!("other_precepts[{i}].band_d"), &p.band_d);
        }
        if let Some(risk) = &self.risk {
            out.extend(risk.figures());
        }
        for (i, option) in self.options.iter().enumerate() {
            out.extend(option.figures(&format!("options[{i}]")));
        }
        out
    }
}
