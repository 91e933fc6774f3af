//! The optional `risk` section of a data set: how likely each red/amber/green rating is
//! to be delivered and to slip, the rating of future savings the papers do not rate, and
//! the plausible ranges of growth and inflation. Read by the Monte Carlo (`crate::risk`)
//! and the sensitivity chart (`drivers`). Every figure carries its provenance.

use super::{Checker, Figure};
use crate::model;
use crate::model::{Odds, Rating, RiskModel};
use crate::number::MAX_DELAY_YEARS;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The `risk` field of a data set: read and checked with the `insight` feature (natively,
/// always); without it (the page's first module) skipped unread, for size: that module
/// has no use for it, and the insight module checks it when risk is asked for.
#[cfg(feature = "insight")]
pub type Section = RiskSection;
#[cfg(not(feature = "insight"))]
pub type Section = Skipped;

/// A `risk` section passed over unread.
#[cfg(not(feature = "insight"))]
#[derive(Clone, Copy, Debug)]
pub struct Skipped;

#[cfg(not(feature = "insight"))]
impl<'de> Deserialize<'de> for Skipped {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer).map(|_| Skipped)
    }
}

#[cfg(not(feature = "insight"))]
impl Serialize for Skipped {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_unit()
    }
}

#[cfg(not(feature = "insight"))]
impl Skipped {
    pub(super) fn validate(
        &self,
        _: &mut Checker,
        _: &[model::ServiceLine],
        _: &[model::Programme],
        _: &[model::Reserve],
    ) -> Option<RiskModel> {
        None
    }

    pub(super) fn figures(&self) -> Vec<(String, &Figure)> {
        Vec::new()
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RiskSection {
    /// Delivery and slippage odds for each rating.
    pub ratings: Ratings,
    /// Whole years a programme's future delivery runs late when it slips (0 to 5).
    pub slip_years: Figure,
    /// Pounds: each rated amount is split into equal parts of at most this size, each
    /// delivered or not on its own (a department's savings are several projects).
    /// Absent: each amount is delivered, or not, whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_size: Option<Figure>,
    /// The rating of each programme's planned future delivery that has no RAG split, by
    /// programme id. Every programme with unrated future delivery must be listed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub unrated: BTreeMap<String, RatingChoice>,
    /// Plausible range of the percentage points added to every line's inflation, every year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inflation_adjust_pp: Option<Range>,
    /// Plausible range of each growth group's multiplier on its growth, by group.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub growth_factor: BTreeMap<String, Range>,
    /// Plausible range of the change, in percent, to every funding stream of a kind
    /// (`government_grant`, `business_rates`, `other`), by kind: one draw a future, from
    /// `from_year` on.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub funding_change_pct: BTreeMap<String, FundingRangeSection>,
    /// Steps up in costs (inflation, pay, demand) beyond the ranges above: each may start
    /// in any year with its chance, and then stays (recurring pounds, cash).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "cli", schemars(length(max = 1000)))]
    pub cost_shocks: Vec<CostShock>,
    /// One-off money that may come into a reserve in a year: grants, underspends, and
    /// management action such as moving other earmarked reserves into the bridging reserve.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "cli", schemars(length(max = 1000)))]
    pub inflows: Vec<InflowSection>,
    /// The council's earmarked reserves the model does not hold (they are not there to fill
    /// budget gaps), stated so that they are shown as what they are, not left out unseen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_reserves: Option<OtherReservesSection>,
}

/// A range of the change to one kind of funding.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FundingRangeSection {
    pub low: Figure,
    pub high: Figure,
    /// The first year it applies to (absent: the first projection year); years the
    /// plan's funding is settled for come before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_year: Option<String>,
    /// What the range rests on: what has happened before, with sources.
    pub evidence: String,
}

/// What kind of cost a shock is (for the reader: the engine treats them alike).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CostKind {
    Inflation,
    Pay,
    Demand,
    Other,
}

/// A step up in costs that may happen.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CostShock {
    pub id: String,
    pub label: String,
    pub kind: CostKind,
    /// Chance, in percent, that it starts in any one year (each year drawn on its own).
    pub chance_pct: Figure,
    /// Pounds a year added to spending from the year it starts, every year after.
    pub amount: Range,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_year: Option<String>,
    pub evidence: String,
}

/// What kind of one-off money an inflow is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum InflowKind {
    /// One-off government money.
    Grant,
    /// Spending below budget in a year, kept in the reserve.
    Underspend,
    /// Management action: other earmarked reserves moved into this reserve. Their total is
    /// limited by `other_reserves`.
    Transfer,
}

/// One-off money that may come into a reserve.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InflowSection {
    pub id: String,
    pub label: String,
    pub kind: InflowKind,
    /// The reserve it goes into (a reserve id).
    pub reserve: String,
    /// Chance, in percent, that it comes in any one year (each year drawn on its own).
    pub chance_pct: Figure,
    /// Pounds, when it comes.
    pub amount: Range,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_year: Option<String>,
    pub evidence: String,
}

/// The earmarked reserves outside the model.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OtherReservesSection {
    /// What they are ("Earmarked reserves (capital, insurance, schools, …)").
    pub label: String,
    /// Their total at the end of the base year, pounds.
    pub amount: Figure,
    /// Why the model does not hold them, and what is known of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Ratings {
    pub blue: RatingOdds,
    pub green: RatingOdds,
    pub amber: RatingOdds,
    pub red: RatingOdds,
}

/// The odds for one rating.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RatingOdds {
    /// Chance, in percent, that an amount with this rating is delivered at all within the horizon.
    pub delivery_pct: Figure,
    /// Chance, in percent, that an amount with this rating runs late (by `slip_years`).
    pub slip_pct: Figure,
}

/// A rating chosen for savings the papers do not rate, and why.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RatingChoice {
    pub rating: Rating,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derived: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

/// A plausible range, lowest to highest.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Range {
    pub low: Figure,
    pub high: Figure,
    /// Optional: what the range rests on, with sources (what has happened before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

#[cfg_attr(not(feature = "insight"), allow(dead_code))]
impl RiskSection {
    /// Checks the section against the validated parts of the data set, reporting every
    /// problem with its path (`risk.ratings.red.delivery_pct.value: …`).
    pub(super) fn validate(
        &self,
        c: &mut Checker,
        services: &[model::ServiceLine],
        programmes: &[model::Programme],
        reserves: &[model::Reserve],
    ) -> Option<RiskModel> {
        let mut odds = |name: &str, r: &RatingOdds| {
            let mut pct = |field: &str, f: &Figure| {
                let path = format!("risk.ratings.{name}.{field}");
                let v = c.figure(&path, f);
                if v < Decimal::ZERO || v > Decimal::ONE_HUNDRED {
                    c.problem(
                        format!("{path}.value"),
                        format!("a percentage from 0 to 100 is expected (got {v})"),
                    );
                }
                v.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED)
            };
            Odds {
                delivery_pct: pct("delivery_pct", &r.delivery_pct),
                slip_pct: pct("slip_pct", &r.slip_pct),
            }
        };
        let r = &self.ratings;
        let odds = [
            odds("blue", &r.blue),
            odds("green", &r.green),
            odds("amber", &r.amber),
            odds("red", &r.red),
        ];

        let slip = c.figure("risk.slip_years", &self.slip_years);
        let slip_years = match u32::try_from(slip.normalize().mantissa()) {
            Ok(y) if slip.fract().is_zero() && y <= MAX_DELAY_YEARS => y as usize,
            _ => {
                c.problem(
                    "risk.slip_years.value",
                    format!("a whole number of years from 0 to {MAX_DELAY_YEARS} is expected (got {slip})"),
                );
                0
            }
        };

        let part_size = self.part_size.as_ref().map(|f| {
            let v = c.figure("risk.part_size", f);
            if v <= Decimal::ZERO {
                c.problem(
                    "risk.part_size.value",
                    format!("must be more than 0 (got {v})"),
                );
            }
            v
        });

        for (id, choice) in &self.unrated {
            let path = format!("risk.unrated.{id}");
            if !programmes.iter().any(|p| &p.id == id) {
                c.problem(&path, "no savings programme has this id");
            }
            let given =
                super::provenance_given([&choice.source, &choice.derived, &choice.assumption]);
            if given != 1 {
                c.problem(
                    path,
                    format!("give exactly one of source, derived or assumption for this rating (found {given})"),
                );
            }
        }
        let unrated: Vec<Option<Rating>> = programmes
            .iter()
            .map(|p| self.unrated.get(&p.id).map(|choice| choice.rating))
            .collect();
        for (i, (prog, rating)) in programmes.iter().zip(&unrated).enumerate() {
            let missing = prog.unrated_amount();
            if rating.is_none() && missing > Decimal::ZERO {
                c.problem(
                    "risk.unrated",
                    format!(
                        "programmes[{i}] ({}) has {} of planned future delivery with no RAG rating: give the rating to assume for it as risk.unrated.{}",
                        prog.id,
                        crate::words::money_words(missing),
                        prog.id
                    ),
                );
            }
        }

        let inflation_adjust_pp = self
            .inflation_adjust_pp
            .as_ref()
            .map(|r| range(c, "risk.inflation_adjust_pp", r, Checker::rate));
        let mut growth_factor = Vec::new();
        for (group, r) in &self.growth_factor {
            let path = format!("risk.growth_factor.{group}");
            if !services
                .iter()
                .any(|s| s.growth_group.as_deref() == Some(group.as_str()))
            {
                c.problem(&path, "no service line has this growth_group");
            }
            let (low, high) = range(c, &path, r, Checker::growth_factor);
            growth_factor.push((group.clone(), low, high));
        }
        if let Some(r) = &self.inflation_adjust_pp {
            evidence(
                c,
                "risk.inflation_adjust_pp.evidence",
                r.evidence.as_deref(),
            );
        }
        for (group, r) in &self.growth_factor {
            let path = format!("risk.growth_factor.{group}.evidence");
            evidence(c, &path, r.evidence.as_deref());
        }

        let mut funding = Vec::new();
        for (kind, r) in &self.funding_change_pct {
            let path = format!("risk.funding_change_pct.{kind}");
            let Some(k) = model::FundingKind::ALL.iter().find(|k| k.as_str() == kind) else {
                c.problem(
                    &path,
                    "not a kind of funding (kinds are government_grant, business_rates, other)",
                );
                continue;
            };
            let as_range = Range {
                low: r.low.clone(),
                high: r.high.clone(),
                evidence: None,
            };
            // −100: the funding stops (a grant that does not continue); it never goes below.
            let (low, high) = range(c, &path, &as_range, funding_change);
            let from = from_year(c, &path, r.from_year.as_deref());
            evidence(c, &format!("{path}.evidence"), Some(&r.evidence));
            funding.push(model::FundingRange {
                kind: *k,
                low,
                high,
                from,
            });
        }

        c.count("risk.cost_shocks", self.cost_shocks.len());
        c.unique_ids("risk.cost_shocks", self.cost_shocks.iter().map(|s| &s.id));
        let cost_shocks = self
            .cost_shocks
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let path = format!("risk.cost_shocks[{i}]");
                event(
                    c,
                    &path,
                    &s.id,
                    &s.label,
                    &s.chance_pct,
                    &s.amount,
                    s.from_year.as_deref(),
                    &s.evidence,
                )
            })
            .collect();

        c.count("risk.inflows", self.inflows.len());
        c.unique_ids("risk.inflows", self.inflows.iter().map(|s| &s.id));
        let mut inflows = Vec::new();
        for (i, f) in self.inflows.iter().enumerate() {
            let path = format!("risk.inflows[{i}]");
            let e = event(
                c,
                &path,
                &f.id,
                &f.label,
                &f.chance_pct,
                &f.amount,
                f.from_year.as_deref(),
                &f.evidence,
            );
            if e.low < Decimal::ZERO {
                c.problem(
                    format!("{path}.amount.low.value"),
                    format!("money coming in must not be negative (got {})", e.low),
                );
            }
            let Some(reserve) = reserves.iter().position(|r| r.id == f.reserve) else {
                c.problem(
                    format!("{path}.reserve"),
                    format!("no reserve has the id {:?}", f.reserve),
                );
                continue;
            };
            inflows.push(model::Inflow {
                event: e,
                reserve,
                from_other_reserves: f.kind == InflowKind::Transfer,
            });
        }

        let other_reserves = self.other_reserves.as_ref().map(|o| {
            let amount = c.non_negative("risk.other_reserves.amount", &o.amount);
            if o.label.trim().is_empty() {
                c.problem("risk.other_reserves.label", "say what these reserves are");
            }
            let f = &o.amount;
            let provenance = [
                ("source", &f.source),
                ("derived", &f.derived),
                ("assumption", &f.assumption),
            ]
            .into_iter()
            .find_map(|(k, v)| v.as_ref().map(|v| format!("{k}: {v}")))
            .unwrap_or_default();
            model::OtherReserves {
                label: o.label.clone(),
                amount,
                provenance,
                note: o.note.clone(),
            }
        });
        transfers_within(c, &inflows, other_reserves.as_ref(), c.years.len());

        Some(RiskModel {
            odds,
            slip_years,
            part_size,
            unrated,
            inflation_adjust_pp,
            growth_factor,
            funding,
            cost_shocks,
            inflows,
            other_reserves,
        })
    }
}

/// A change to a kind of funding, in percent: from −100 (it stops) to 100.
#[cfg_attr(not(feature = "insight"), allow(dead_code))]
fn funding_change(c: &mut Checker, path: &str, f: &Figure) -> Decimal {
    let v = c.figure(path, f);
    c.checked(path, v, |v| {
        (v < Decimal::from(-100) || v > Decimal::ONE_HUNDRED).then(|| {
            format!("a percentage from -100 (the funding stops) to 100 is expected (got {v})")
        })
    })
}

/// Evidence, where given, says something.
#[cfg_attr(not(feature = "insight"), allow(dead_code))]
fn evidence(c: &mut Checker, path: &str, text: Option<&str>) {
    if text.is_some_and(|t| t.trim().is_empty()) {
        c.problem(
            path,
            "say what the range rests on (what has happened before, with sources)",
        );
    }
}

/// The index of `from_year` among the projection years (absent: the first).
#[cfg_attr(not(feature = "insight"), allow(dead_code))]
fn from_year(c: &mut Checker, path: &str, year: Option<&str>) -> usize {
    let Some(year) = year else { return 0 };
    match c.years.iter().position(|y| y == year) {
        Some(t) => t,
        None => {
            // A misspelt year label is reported once, where it is (`years`).
            if !c.years_broken {
                c.problem(
                    format!("{path}.from_year"),
                    format!("not a projection year (years are {})", c.years.join(", ")),
                );
            }
            0
        }
    }
}

/// A cost shock's or an inflow's common fields, checked.
#[allow(clippy::too_many_arguments)]
#[cfg_attr(not(feature = "insight"), allow(dead_code))]
fn event(
    c: &mut Checker,
    path: &str,
    id: &str,
    label: &str,
    chance: &Figure,
    amount: &Range,
    from: Option<&str>,
    why: &str,
) -> model::Event {
    if label.trim().is_empty() {
        c.problem(format!("{path}.label"), "say what it is");
    }
    let chance_pct = c.percentage(&format!("{path}.chance_pct"), chance);
    let (low, high) = range(c, &format!("{path}.amount"), amount, Checker::figure);
    evidence(c, &format!("{path}.evidence"), Some(why));
    evidence(
        c,
        &format!("{path}.amount.evidence"),
        amount.evidence.as_deref(),
    );
    model::Event {
        id: id.to_string(),
        chance_pct,
        low,
        high,
        from: from_year(c, path, from),
    }
}

/// Transfers from other earmarked reserves can never, in any future, move more than the
/// data set says those reserves hold.
#[cfg_attr(not(feature = "insight"), allow(dead_code))]
fn transfers_within(
    c: &mut Checker,
    inflows: &[model::Inflow],
    other: Option<&model::OtherReserves>,
    years: usize,
) {
    let transfers: Vec<&model::Inflow> = inflows.iter().filter(|f| f.from_other_reserves).collect();
    if transfers.is_empty() {
        return;
    }
    let Some(other) = other else {
        c.problem(
            "risk.other_reserves",
            "an inflow moves money from other earmarked reserves (kind transfer): say what those reserves are and hold, as risk.other_reserves",
        );
        return;
    };
    // Each figure is at most £10^12 and there are at most 1,000 inflows of 10 years.
    let most: Decimal = transfers
        .iter()
        .map(|f| {
            f.event.high.max(Decimal::ZERO) * Decimal::from(years.saturating_sub(f.event.from))
        })
        .sum();
    if most > other.amount {
        c.problem(
            "risk.inflows",
            format!(
                "transfers from other earmarked reserves could move up to {} over the years, more than the {} risk.other_reserves says they hold",
                crate::words::money_words(most),
                crate::words::money_words(other.amount)
            ),
        );
    }
}

/// A range's two figures, checked by `check`, low not above high.
#[cfg_attr(not(feature = "insight"), allow(dead_code))]
fn range<'a>(
    c: &mut Checker<'a>,
    path: &str,
    r: &Range,
    check: fn(&mut Checker<'a>, &str, &Figure) -> Decimal,
) -> (Decimal, Decimal) {
    let low = check(c, &format!("{path}.low"), &r.low);
    let high = check(c, &format!("{path}.high"), &r.high);
    if low > high {
        c.problem(path, format!("low ({low}) must not be above high ({high})"));
    }
    (low, high)
}

#[cfg_attr(not(feature = "insight"), allow(dead_code))]
impl RiskSection {
    /// The section's figures with their paths, in file order.
    pub(super) fn figures(&self) -> Vec<(String, &Figure)> {
        let mut out = Vec::new();
        let r = &self.ratings;
        for (name, odds) in [
            ("blue", &r.blue),
            ("green", &r.green),
            ("amber", &r.amber),
            ("red", &r.red),
        ] {
            let p = format!("risk.ratings.{name}");
            out.push((format!("{p}.delivery_pct"), &odds.delivery_pct));
            out.push((format!("{p}.slip_pct"), &odds.slip_pct));
        }
        out.push(("risk.slip_years".to_string(), &self.slip_years));
        if let Some(f) = &self.part_size {
            out.push(("risk.part_size".to_string(), f));
        }
        if let Some(r) = &self.inflation_adjust_pp {
            out.push(("risk.inflation_adjust_pp.low".to_string(), &r.low));
            out.push(("risk.inflation_adjust_pp.high".to_string(), &r.high));
        }
        for (group, r) in &self.growth_factor {
            out.push((format!("risk.growth_factor.{group}.low"), &r.low));
            out.push((format!("risk.growth_factor.{group}.high"), &r.high));
        }
        for (kind, r) in &self.funding_change_pct {
            out.push((format!("risk.funding_change_pct.{kind}.low"), &r.low));
            out.push((format!("risk.funding_change_pct.{kind}.high"), &r.high));
        }
        for (i, s) in self.cost_shocks.iter().enumerate() {
            let p = format!("risk.cost_shocks[{i}]");
            out.push((format!("{p}.chance_pct"), &s.chance_pct));
            out.push((format!("{p}.amount.low"), &s.amount.low));
            out.push((format!("{p}.amount.high"), &s.amount.high));
        }
        for (i, f) in self.inflows.iter().enumerate() {
            let p = format!("risk.inflows[{i}]");
            out.push((format!("{p}.chance_pct"), &f.chance_pct));
            out.push((format!("{p}.amount.low"), &f.amount.low));
            out.push((format!("{p}.amount.high"), &f.amount.high));
        }
        if let Some(o) = &self.other_reserves {
            out.push(("risk.other_reserves.amount".to_string(), &o.amount));
        }
        out
    }
}
