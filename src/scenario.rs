//! The scenario: the levers of model.md §4, each optional ("as in the council's plan"),
//! and their resolution against a council into per-year values.

use crate::error::{DataError, Problem};
use crate::model::{Council, FundingKind};
use crate::number::DecimalText;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

/// The largest multiplier on a growth group's growth (ten times the plan).
pub const MAX_GROWTH_FACTOR: i64 = 10;

/// Most whole years a programme's delivery may slip.
pub const MAX_DELAY_YEARS: u32 = 5;

/// A scenario as written in JSON: per-year levers keyed by year label, per-programme
/// levers by programme id, `growth_factor` by growth group, `funding_change_pct` by
/// kind then year. A key the council's data set does not have is an error.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Scenario {
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub core_pct: BTreeMap<String, DecimalText>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub asc_pct: BTreeMap<String, DecimalText>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tax_base_growth_pct: BTreeMap<String, DecimalText>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub inflation_adjust_pp: BTreeMap<String, DecimalText>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub growth_factor: BTreeMap<String, DecimalText>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub delivery_pct: BTreeMap<String, DecimalText>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub delay_years: BTreeMap<String, u32>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub funding_change_pct: BTreeMap<FundingKind, BTreeMap<String, DecimalText>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub extra_savings: BTreeMap<String, DecimalText>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub extra_spend: BTreeMap<String, DecimalText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_reserves: Option<bool>,
}

impl Scenario {
    /// Reads a scenario from any serde source, naming the field on error.
    pub fn load<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Scenario, DataError> {
        Ok(serde_path_to_error::deserialize(deserializer)?)
    }
}

/// The levers resolved against one council: every vector has one entry per projection
/// year; programme levers are in the council's programme order.
#[derive(Clone, Debug, PartialEq)]
pub struct Levers {
    pub core_pct: Vec<Decimal>,
    pub asc_pct: Vec<Decimal>,
    pub tax_base_growth_pct: Vec<Decimal>,
    pub inflation_adjust_pp: Vec<Decimal>,
    /// Multiplier per service line (from its growth group).
    pub growth_factor: Vec<Decimal>,
    pub delivery_pct: Vec<Decimal>,
    pub delay_years: Vec<usize>,
    /// Percent change per funding stream per year.
    pub funding_change_pct: Vec<Vec<Decimal>>,
    pub extra_savings: Vec<Decimal>,
    pub extra_spend: Vec<Decimal>,
    pub use_reserves: bool,
}

impl Levers {
    /// The council's own plan: every lever at its default.
    pub fn plan(council: &Council) -> Levers {
        let n = council.horizon();
        Levers {
            core_pct: council.council_tax.core_pct.clone(),
            asc_pct: council.council_tax.asc_pct.clone(),
            tax_base_growth_pct: council.council_tax.tax_base_growth_pct.clone(),
            inflation_adjust_pp: vec![Decimal::ZERO; n],
            growth_factor: vec![Decimal::ONE; council.services.len()],
            delivery_pct: vec![Decimal::ONE_HUNDRED; council.programmes.len()],
            delay_years: vec![0; council.programmes.len()],
            funding_change_pct: vec![vec![Decimal::ZERO; n]; council.funding.len()],
            extra_savings: vec![Decimal::ZERO; n],
            extra_spend: vec![Decimal::ZERO; n],
            use_reserves: true,
        }
    }
}

impl Scenario {
    /// Checks every key against the council and returns the resolved levers, or every
    /// problem found, each with its path (`delivery_pct.tt2022: no savings programme …`).
    pub fn resolve(&self, council: &Council) -> Result<Levers, DataError> {
        let mut levers = Levers::plan(council);
        let mut problems = Vec::new();

        let mut per_year = |name: &str,
                            map: &BTreeMap<String, DecimalText>,
                            out: &mut Vec<Decimal>,
                            check: &dyn Fn(Decimal) -> Option<String>| {
            for (year, v) in map {
                match council.year_index(year) {
                    Some(t) => match check(v.0) {
                        None => out[t] = v.0,
                        Some(why) => problems.push(Problem::new(format!("{name}.{year}"), why)),
                    },
                    None => problems.push(Problem::new(
                        format!("{name}.{year}"),
                        format!(
                            "not a projection year of this data set (years are {})",
                            council.years.join(", ")
                        ),
                    )),
                }
            }
        };
        let rate = crate::number::rate_problem;
        per_year("core_pct", &self.core_pct, &mut levers.core_pct, &rate);
        per_year("asc_pct", &self.asc_pct, &mut levers.asc_pct, &rate);
        per_year(
            "tax_base_growth_pct",
            &self.tax_base_growth_pct,
            &mut levers.tax_base_growth_pct,
            &rate,
        );
        per_year(
            "inflation_adjust_pp",
            &self.inflation_adjust_pp,
            &mut levers.inflation_adjust_pp,
            &rate,
        );
        let non_negative = |v: Decimal| {
            v.is_sign_negative()
                .then(|| format!("must not be negative (got {v})"))
                .filter(|_| !v.is_zero())
                .or_else(|| crate::number::amount_problem(v))
        };
        per_year(
            "extra_savings",
            &self.extra_savings,
            &mut levers.extra_savings,
            &non_negative,
        );
        per_year(
            "extra_spend",
            &self.extra_spend,
            &mut levers.extra_spend,
            &non_negative,
        );
        for (kind, years) in &self.funding_change_pct {
            let mut change = vec![Decimal::ZERO; council.horizon()];
            per_year(
                &format!("funding_change_pct.{}", kind.as_str()),
                years,
                &mut change,
                &rate,
            );
            for (f, stream) in council.funding.iter().enumerate() {
                if stream.kind == *kind {
                    levers.funding_change_pct[f] = change.clone();
                }
            }
        }

        for (group, factor) in &self.growth_factor {
            let mut found = false;
            for (s, line) in council.services.iter().enumerate() {
                if line.growth_group.as_deref() == Some(group.as_str()) {
                    levers.growth_factor[s] = factor.0;
                    found = true;
                }
            }
            if !found {
                problems.push(Problem::new(
                    format!("growth_factor.{group}"),
                    "no service line has this growth_group",
                ));
            } else if factor.0.is_sign_negative() || factor.0 > Decimal::from(MAX_GROWTH_FACTOR) {
                problems.push(Problem::new(
                    format!("growth_factor.{group}"),
                    format!(
                        "a multiplier from 0 to {MAX_GROWTH_FACTOR} is expected (got {})",
                        factor.0
                    ),
                ));
            }
        }

        let programme = |id: &str| council.programmes.iter().position(|p| p.id == id);
        let programme_ids = || {
            council
                .programmes
                .iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        for (id, pct) in &self.delivery_pct {
            match programme(id) {
                Some(p) if pct.0 >= Decimal::ZERO && pct.0 <= Decimal::from(200) => {
                    levers.delivery_pct[p] = pct.0
                }
                Some(_) => problems.push(Problem::new(
                    format!("delivery_pct.{id}"),
                    format!("a percentage from 0 to 200 is expected (got {})", pct.0),
                )),
                None => problems.push(Problem::new(
                    format!("delivery_pct.{id}"),
                    format!(
                        "no savings programme has this id (programmes are {})",
                        programme_ids()
                    ),
                )),
            }
        }
        for (id, years) in &self.delay_years {
            match programme(id) {
                Some(p) if *years <= MAX_DELAY_YEARS => levers.delay_years[p] = *years as usize,
                Some(_) => problems.push(Problem::new(format!("delay_years.{id}"), format!("a whole number of years from 0 to {MAX_DELAY_YEARS} is expected (got {years})"))),
                None => problems.push(Problem::new(format!("delay_years.{id}"), format!("no savings programme has this id (programmes are {})", programme_ids()))),
            }
        }
        if let Some(u) = self.use_reserves {
            levers.use_reserves = u;
        }

        if problems.is_empty() {
            Ok(levers)
        } else {
            Err(DataError { problems })
        }
    }
}
