//! The scenario: the levers of model.md §4, each optional ("as in the council's plan"),
//! and their resolution against a council into per-year values.

use crate::error::{DataError, Problem};
use crate::model::Council;
use crate::number::DecimalText;
use crate::tr;
use rust_decimal::Decimal;
use serde::Deserializer;
use std::collections::BTreeMap;

pub use crate::number::{MAX_DELAY_YEARS, MAX_GROWTH_FACTOR};

pub use crate::model::Scenario;

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
    /// Capitalisation directions, £ per year (the plan's, or the scenario's ask).
    pub capitalisation: Vec<Decimal>,
    /// The chosen level of each of the council's options (an index into its levels).
    pub choices: Vec<usize>,
    /// The chosen levels' effects summed, per year: pounds by which they lower the gap.
    pub option_effect: Vec<Decimal>,
    /// Per reserve, per year: what chosen levels draw from it (added to `planned_out`).
    pub option_draws: Vec<Vec<Decimal>>,
    /// Per reserve, per year: one-off money coming in (added to `planned_in`). No
    /// scenario sets it: the Monte Carlo's inflows (`risk.inflows`) do.
    pub reserve_inflows: Vec<Vec<Decimal>>,
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
            capitalisation: council
                .capitalisation
                .as_ref()
                .map_or_else(|| vec![Decimal::ZERO; n], |k| k.directions.clone()),
            choices: council.options.iter().map(|o| o.plan_level).collect(),
            option_effect: vec![Decimal::ZERO; n],
            option_draws: vec![vec![Decimal::ZERO; n]; council.reserves.len()],
            reserve_inflows: vec![vec![Decimal::ZERO; n]; council.reserves.len()],
        }
    }
}

impl Scenario {
    /// This scenario with a fragment's levers set in place of its own: each lever the
    /// fragment gives replaces the scenario's whole lever (what a goal-seek suggestion and
    /// an option's level do).
    pub fn with(&self, change: &Scenario) -> Scenario {
        fn set<T: Clone>(into: &mut BTreeMap<String, T>, from: &BTreeMap<String, T>) {
            if !from.is_empty() {
                into.clone_from(from);
            }
        }
        let mut out = self.clone();
        set(&mut out.core_pct, &change.core_pct);
        set(&mut out.asc_pct, &change.asc_pct);
        set(&mut out.tax_base_growth_pct, &change.tax_base_growth_pct);
        set(&mut out.inflation_adjust_pp, &change.inflation_adjust_pp);
        set(&mut out.growth_factor, &change.growth_factor);
        set(&mut out.delivery_pct, &change.delivery_pct);
        set(&mut out.delay_years, &change.delay_years);
        set(&mut out.extra_savings, &change.extra_savings);
        set(&mut out.extra_spend, &change.extra_spend);
        set(&mut out.choices, &change.choices);
        set(&mut out.capitalisation, &change.capitalisation);
        if !change.funding_change_pct.is_empty() {
            out.funding_change_pct
                .clone_from(&change.funding_change_pct);
        }
        if change.use_reserves.is_some() {
            out.use_reserves = change.use_reserves;
        }
        out
    }

    /// Checks every key against the council and returns the resolved levers, or every
    /// problem found, each with its path (`delivery_pct.tt2022: no savings programme …`).
    /// Chosen options' levels are applied first: their levers (docs/model-notes.md,
    /// "Options"), then their effects.
    pub fn resolve(&self, council: &Council) -> Result<Levers, DataError> {
        let (chosen, mut problems) = self.chosen_levels(council);
        // Copied only when a chosen level sets levers: most calls choose none.
        let mut with_levels = std::borrow::Cow::Borrowed(self);
        for (option, &level) in council.options.iter().zip(&chosen) {
            if let Some(change) = &option.levels[level].scenario {
                with_levels = std::borrow::Cow::Owned(with_levels.with(change));
            }
        }
        let mut levers = with_levels.resolve_levers(council, &mut problems);
        if !problems.is_empty() {
            return Err(DataError { problems });
        }
        for (option, &level) in council.options.iter().zip(&chosen) {
            let level = &option.levels[level];
            for (t, &effect) in level.effect.iter().enumerate() {
                // Bounded: at most 1,000 options of at most £10^12 (docs/model-notes.md).
                levers.option_effect[t] += effect;
                if let Some(r) = level.from_reserve {
                    levers.option_draws[r][t] += effect;
                }
            }
        }
        levers.choices = chosen;
        Ok(levers)
    }

    /// The level chosen for each option (its plan level unless `choices` names another),
    /// and a problem for each choice the council's options do not have.
    fn chosen_levels(&self, council: &Council) -> (Vec<usize>, Vec<Problem>) {
        let mut chosen: Vec<usize> = council.options.iter().map(|o| o.plan_level).collect();
        let mut problems = Vec::new();
        for (id, level) in &self.choices {
            let path = format!("choices.{id}");
            match council.options.iter().position(|o| &o.id == id) {
                None => problems.push(Problem::new(
                    path,
                    tr!("the council's options have no option with this id"),
                )),
                Some(i) => match council.options[i].level(level) {
                    Some(l) => chosen[i] = l,
                    None => problems.push(Problem::new(
                        path,
                        tr!(
                            "no level {level} (levels are {levels})",
                            level = format!("{level:?}"),
                            levels = council.options[i]
                                .levels
                                .iter()
                                .map(|l| l.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )),
                },
            }
        }
        (chosen, problems)
    }

    /// The levers of model.md §4, each checked against the council.
    fn resolve_levers(&self, council: &Council, problems: &mut Vec<Problem>) -> Levers {
        let mut levers = Levers::plan(council);

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
                        tr!(
                            "not a projection year of this data set (years are {years})",
                            years = council.years.join(", ")
                        ),
                    )),
                }
            }
        };
        // The bounds are number.rs's; the words are the resident's (a data file's own
        // problems, for an officer, stay English there).
        let rate = |v: Decimal| {
            crate::number::rate_problem(v).map(|_| {
                tr!(
                    "a percentage above -100 and at most {max} is expected (got {value})",
                    max = crate::number::MAX_RATE_PCT,
                    value = v
                )
            })
        };
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
                .then(|| tr!("must not be negative (got {value})", value = v))
                .filter(|_| !v.is_zero())
                .or_else(|| {
                    crate::number::amount_problem(v).map(|_| {
                        tr!(
                            "must be at most £1,000,000,000,000 (£1 trillion) in size (got {value})",
                            value = v
                        )
                    })
                })
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
        per_year(
            "capitalisation",
            &self.capitalisation,
            &mut levers.capitalisation,
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

        if !self.capitalisation.is_empty() && council.capitalisation.is_none() {
            problems.push(Problem::new(
                "capitalisation",
                tr!("the data set gives no terms for borrowing (its capitalisation section's interest_pct and repayment_years), so a direction's cost cannot be worked out: add them to the data set"),
            ));
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
                    tr!("no service line has this growth_group"),
                ));
            } else if factor.0.is_sign_negative() || factor.0 > Decimal::from(MAX_GROWTH_FACTOR) {
                problems.push(Problem::new(
                    format!("growth_factor.{group}"),
                    tr!(
                        "a multiplier from 0 to {max} is expected (got {value})",
                        max = MAX_GROWTH_FACTOR,
                        value = factor.0
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
                    tr!(
                        "a percentage from 0 to 200 is expected (got {value})",
                        value = pct.0
                    ),
                )),
                None => problems.push(Problem::new(
                    format!("delivery_pct.{id}"),
                    tr!(
                        "no savings programme has this id (programmes are {programmes})",
                        programmes = programme_ids()
                    ),
                )),
            }
        }
        for (id, years) in &self.delay_years {
            match programme(id) {
                Some(p) if *years <= MAX_DELAY_YEARS => levers.delay_years[p] = *years as usize,
                Some(_) => problems.push(Problem::new(
                    format!("delay_years.{id}"),
                    tr!(
                        "a whole number of years from 0 to {max} is expected (got {value})",
                        max = MAX_DELAY_YEARS,
                        value = years
                    ),
                )),
                None => problems.push(Problem::new(
                    format!("delay_years.{id}"),
                    tr!(
                        "no savings programme has this id (programmes are {programmes})",
                        programmes = programme_ids()
                    ),
                )),
            }
        }
        if let Some(u) = self.use_reserves {
            levers.use_reserves = u;
        }
        let rules = council.rules();
        if !rules.asc_precept {
            for (year, v) in &self.asc_pct {
                if !v.0.is_zero() && council.year_index(year).is_some() {
                    problems.push(Problem::new(
                        format!("asc_pct.{year}"),
                        tr!(
                            "the adult social care precept is England's; in {nation} the whole rise is core_pct",
                            nation = rules.name
                        ),
                    ));
                }
            }
        }
        // Scotland's cap: a rise above it cannot be set (a rise equal to it can).
        for (t, cap) in council.rise_cap_pct.iter().enumerate() {
            let rise = levers.core_pct[t] + levers.asc_pct[t];
            if let Some(cap) = cap.filter(|&cap| rise > cap) {
                let year = &council.years[t];
                problems.push(Problem::new(
                    format!("core_pct.{year}"),
                    crate::words::above_cap(year, rise, cap),
                ));
            }
        }
        levers
    }
}
