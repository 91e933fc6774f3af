//! The council's options as a list to show and choose from (`mtfs options`, the page's
//! "balance the budget" view): each option's levels with their effects per year, and
//! what one point of council tax raises each year, worked out by the engine.

use crate::error::Overflow;
use crate::model::{Council, Scenario, Theme};
use crate::number::Money;
use crate::scenario::Levers;
use crate::trace;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The options of a council, ready to show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OptionList {
    pub council: String,
    pub years: Vec<String>,
    /// Whether a consultation response should balance the budget.
    pub require_balance: bool,
    /// The consultation's closing date in words ("Friday 29 January 2027"), if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing_date: Option<String>,
    /// Where to post a paper response, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_address: Option<String>,
    /// Per year: what one more percentage point on that year's core council tax rise
    /// raises in that year, everything else as planned ("each 1% raises £x").
    pub council_tax_one_point: Vec<Money>,
    pub options: Vec<OptionEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OptionEntry {
    pub id: String,
    pub theme: Theme,
    pub title: String,
    pub description: String,
    pub question: Option<String>,
    pub constraints: Vec<String>,
    pub plan_level: String,
    pub levels: Vec<LevelEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LevelEntry {
    pub id: String,
    pub label: String,
    pub consequence: String,
    /// Pounds a year by which the level lowers the gap, one per projection year.
    pub effect: Vec<Money>,
    /// The reserve the money comes from, when it is one-off money from reserves.
    pub from_reserve: Option<String>,
    /// The levers the level sets, when it sets levers instead of stating an effect.
    pub sets: Option<Scenario>,
}

/// The council's options, with what a point of council tax raises each year.
pub fn list(council: &Council) -> Result<OptionList, Overflow> {
    let options = council
        .options
        .iter()
        .map(|o| OptionEntry {
            id: o.id.clone(),
            theme: o.theme,
            title: o.title.clone(),
            description: o.description.clone(),
            question: o.question.clone(),
            constraints: o.constraints.clone(),
            plan_level: o.levels[o.plan_level].id.clone(),
            levels: o
                .levels
                .iter()
                .map(|l| LevelEntry {
                    id: l.id.clone(),
                    label: l.label.clone(),
                    consequence: l.consequence.clone(),
                    effect: l.effect.iter().map(|&e| Money::from_exact(e)).collect(),
                    from_reserve: l.from_reserve.map(|r| council.reserves[r].id.clone()),
                    sets: l.scenario.clone(),
                })
                .collect(),
        })
        .collect();
    Ok(OptionList {
        council: council.name.clone(),
        years: council.years.clone(),
        require_balance: council.require_balance,
        closing_date: council
            .paper
            .closing_date
            .as_deref()
            .and_then(crate::data::branding::date_words),
        return_address: council.paper.return_address.clone(),
        council_tax_one_point: one_point(council)?,
        options,
    })
}

/// Per year: council tax with one more point on that year's core rise, less the plan's.
fn one_point(council: &Council) -> Result<Vec<Money>, Overflow> {
    let plan = Levers::plan(council);
    let planned = trace::funding(council, &plan)?;
    (0..council.horizon())
        .map(|t| {
            let mut more = plan.clone();
            // Rates are at most 100 (validation), so one more point cannot overflow.
            more.core_pct[t] += Decimal::ONE;
            let raised = trace::funding(council, &more)?;
            let o = Overflow::at("a point of council tax", t);
            let change = raised.council_tax[t]
                .checked_sub(planned.council_tax[t])
                .ok_or(o)?;
            Ok(Money::from_exact(change))
        })
        .collect()
}
