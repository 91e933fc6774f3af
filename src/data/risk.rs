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

        Some(RiskModel {
            odds,
            slip_years,
            part_size,
            unrated,
            inflation_adjust_pp,
            growth_factor,
        })
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
        out
    }
}
