//! What drives the gap: a waterfall for each year, and the sensitivity of the final
//! year's reserves to each lever across its plausible range.
//!
//! **Waterfall.** Each year starts from last year's gap — the recurring hole that
//! reserves covered last year and that is still there — and adds, as effects on the gap
//! (positive raises it):
//!
//! - `inflation`: Σ over service lines of `B[t-1] × (1 + inflation)` − `B[t-1]`;
//! - `demand_growth`: Σ `growth × growth_factor`;
//! - `other_spending`: Σ `base_change`, the change in one-off sums, and the change in
//!   the scenario's own extra spending;
//! - `savings_removed`: minus the change in savings removed from budgets (programme
//!   targets and own extra savings);
//! - `options_chosen`: minus the change in the chosen options' effects (docs/model-notes.md,
//!   "Options");
//! - `council_tax` and `other_funding`: minus the change in each.
//!
//! These sum to this year's gap less last year's. Then, to what is left unfunded:
//! `savings_shortfall` (savings not delivered, less early delivery),
//! `deficit_brought_forward` (last year's unfunded deficit, only when there is one),
//! `reserves_used`
//! (minus automatic draws net of credits) and `surplus_not_used` (a surplus that was not
//! credited to a reserve, when reserves are not used), summing to unfunded less the gap.
//!
//! **Exactly.** The exact parts (`exact_waterfalls`) sum exactly to the change, as far
//! as the model's own arithmetic is exact (Decimal keeps 28 significant digits; the
//! shipped data never reach them). The output bars are in pennies and sum *exactly* to
//! the totals shown: each bar is its exact part rounded to the penny, and the pennies
//! rounding leaves over or short go to the bars with the largest remainders (as
//! published tables are made to add up).
//!
//! The first year starts from the base year, taken as balanced: a council must set a
//! balanced budget, so the base year's other funding is what its net budget needed
//! beyond council tax (`Σ base − round2(Band D × tax base)`), and its gap is 0.
//!
//! **Sensitivity.** The final year's total reserves with one lever at the low and then
//! the high end of its plausible range, everything else as the scenario sets it.
//! Reserves stop falling once those that fund gaps are empty, so each end also gives the
//! deficit unfunded at the end (a deficit carries forward, so this is every year's still
//! owed); levers are sorted by the larger of the two swings (reserves or unfunded,
//! whichever moves more), largest first, then by the smaller, then in the order below:
//!
//! - council tax: a core freeze every year, to each year's lawful maximum (`goal`); where
//!   no law limits the year's rise (Wales; a Scottish year without a cap), to the lever's
//!   own upper end from the nation's rules (`lever_max_pct`, not a legal limit);
//! - inflation and each growth group: the data set's `risk` ranges, as the Monte Carlo
//!   draws them (points added to the scenario's inflation; the scenario's growth factor
//!   times the range);
//! - each programme's delivery: only its blue and green parts delivered, to everything
//!   delivered (`delivery_pct` times the delivered share, as the Monte Carlo);
//! - each programme's timing: as planned, to `risk.slip_years` late.
//!
//! Without a `risk` section only council tax has a plausible range.

use crate::error::{DataError, Overflow};
use crate::goal;
use crate::model::Council;
use crate::nation::RiseRule;
use crate::number::{round2, DecimalText, Money, MAX_RATE_PCT};
use crate::risk::{self, Rating};
use crate::scenario::{Levers, Scenario, MAX_DELAY_YEARS, MAX_GROWTH_FACTOR};
use crate::tr;
use crate::trace::{self, YearFigures};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One bar of a waterfall: its id and its effect on the gap, in pounds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    pub id: String,
    pub amount: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Waterfall {
    pub year: String,
    pub previous_net_budget: Money,
    pub net_budget: Money,
    /// Last year's gap (the first year: the base year's, 0).
    pub previous_gap: Money,
    /// inflation, demand_growth, other_spending, savings_removed, options_chosen,
    /// council_tax, other_funding.
    pub to_gap: Vec<Bar>,
    pub gap: Money,
    /// savings_shortfall, deficit_brought_forward (only when not 0), reserves_used,
    /// surplus_not_used.
    pub to_unfunded: Vec<Bar>,
    pub unfunded: Money,
}

/// The exact parts of a year's waterfall, before rounding (for the tests).
#[derive(Clone, Debug, PartialEq)]
pub struct ExactWaterfall {
    pub previous_gap: Decimal,
    pub to_gap: Vec<(&'static str, Decimal)>,
    pub gap: Decimal,
    pub to_unfunded: Vec<(&'static str, Decimal)>,
    pub unfunded: Decimal,
    pub previous_net_budget: Decimal,
    pub net_budget: Decimal,
}

/// The waterfalls of every year, exact.
pub fn exact_waterfalls(
    council: &Council,
    years: &[YearFigures],
) -> Result<Vec<ExactWaterfall>, Overflow> {
    let o = Overflow::of("the base year's budget");
    let base_net = trace::sum(council.services.iter().map(|s| s.base), o)?;
    let ct = &council.council_tax;
    let base_tax = round2(ct.band_d.checked_mul(ct.tax_base).ok_or(o)?);
    let base = YearFigures {
        spend: base_net,
        net: base_net,
        council_tax: base_tax,
        other_funding: base_net.checked_sub(base_tax).ok_or(o)?,
        ..YearFigures::default()
    };
    let mut previous = &base;
    let mut out = Vec::with_capacity(years.len());
    for (t, y) in years.iter().enumerate() {
        out.push(waterfall(previous, y).ok_or(Overflow::at("the waterfall", t))?);
        previous = y;
    }
    Ok(out)
}

/// One year's exact waterfall from the year before (`None`: too large to compute).
fn waterfall(previous: &YearFigures, y: &YearFigures) -> Option<ExactWaterfall> {
    let change = |now: Decimal, before: Decimal| now.checked_sub(before);
    // Last year's gap as last year's walk worked it out (the base year's is 0 by
    // construction): worked out again from its parts, Decimal's 28 digits could round it
    // differently, and the waterfall would start a penny from where last year's ended.
    let previous_gap = previous.gap;
    let other_spending = y
        .base_change
        .checked_add(change(y.one_off, previous.one_off)?)?
        .checked_add(change(y.extra_spend, previous.extra_spend)?)?
        .checked_add(change(y.capital_cost, previous.capital_cost)?)?
        .checked_add(change(y.overspend, previous.overspend)?)?;
    let to_gap = vec![
        ("inflation", y.inflation),
        ("demand_growth", y.growth),
        ("other_spending", other_spending),
        ("savings_removed", change(previous.removed, y.removed)?),
        ("options_chosen", change(previous.options, y.options)?),
        ("council_tax", change(previous.council_tax, y.council_tax)?),
        (
            "other_funding",
            // A capitalisation direction is funding too (docs/model-notes.md).
            change(
                previous.other_funding.checked_add(previous.capitalised)?,
                y.other_funding.checked_add(y.capitalised)?,
            )?,
        ),
    ];
    let reserves_used = change(y.credits, y.draws)?;
    let covered = y
        .gap
        .checked_add(y.shortfall)?
        .checked_add(y.brought_forward)?
        .checked_add(reserves_used)?;
    let surplus_not_used = change(y.unfunded, covered)?;
    let mut to_unfunded = vec![("savings_shortfall", y.shortfall)];
    // Last year's unfunded deficit, still owed (docs/model-notes.md): a bar only when
    // there is one, so a plan that never runs out shows the bars it showed before.
    if !y.brought_forward.is_zero() {
        to_unfunded.push(("deficit_brought_forward", y.brought_forward));
    }
    to_unfunded.push(("reserves_used", reserves_used));
    to_unfunded.push(("surplus_not_used", surplus_not_used));
    Some(ExactWaterfall {
        previous_gap,
        to_gap,
        gap: y.gap,
        to_unfunded,
        unfunded: y.unfunded,
        previous_net_budget: previous.net,
        net_budget: y.net,
    })
}

/// The parts as bars in pennies that sum exactly to `total` pennies: each rounded to the
/// penny, then the difference given a penny at a time to the parts whose rounding moved
/// them furthest the other way (largest remainder; ties in order).
pub fn bars(parts: &[(&'static str, Decimal)], total: i128) -> Vec<Bar> {
    let mut pennies: Vec<i128> = parts.iter().map(|&(_, v)| risk::pennies(v)).collect();
    // What rounding took off each part, in pennies (positive: rounded down).
    let remainders: Vec<Decimal> = parts
        .iter()
        .zip(&pennies)
        .map(|(&(_, v), &p)| {
            let rounded = Decimal::try_from_i128_with_scale(p, 0).ok();
            v.checked_mul(Decimal::ONE_HUNDRED)
                .zip(rounded)
                .and_then(|(v, r)| v.checked_sub(r))
                .unwrap_or(Decimal::ZERO)
        })
        .collect();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    let difference = total - pennies.iter().sum::<i128>();
    if difference > 0 {
        sort_by(&mut order, |&a, &b| remainders[a] > remainders[b]);
    } else {
        sort_by(&mut order, |&a, &b| remainders[a] < remainders[b]);
    }
    let step = difference.signum();
    for i in 0..difference.unsigned_abs() {
        if let Some(&part) = order.get(i as usize % order.len().max(1)) {
            pennies[part] += step;
        }
    }
    parts
        .iter()
        .zip(pennies)
        .map(|(&(id, _), p)| Bar {
            id: id.to_string(),
            amount: risk::from_pennies(p),
        })
        .collect()
}

/// One end of a lever's range.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Setting {
    /// The lever's value there, as the scenario would write it (per-year levers: the one
    /// value when every year's is the same, else each year's in year order joined by "/").
    pub value: String,
    /// The final year's total reserves with the lever there.
    pub total_reserves: Money,
    /// The deficit still unfunded at the end of the final year (every earlier year's
    /// included: a deficit carries forward), with the lever there (reserves cannot fall
    /// further once those that fund gaps are empty; this can).
    pub unfunded: Money,
    /// The lever to set for it, whole (every year, group or programme), in place of the
    /// scenario's (`goal::apply`).
    pub change: Scenario,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeverSwing {
    /// The lever, as the scenario names it: `core_pct`, `inflation_adjust_pp`,
    /// `growth_factor.social_care`, `delivery_pct.tt2021`, `delay_years.tt2021`.
    pub lever: String,
    /// In words: "Council tax rise", "Delivery of Transformation to 2021".
    pub label: String,
    pub low: Setting,
    pub high: Setting,
    /// |high − low| of the final year's total reserves.
    pub swing: Money,
    /// |high − low| of the deficit unfunded at the end of the final year (every earlier
    /// year's still owed): once reserves are exhausted at both ends, this is what moves.
    pub unfunded_swing: Money,
    /// What bounds the high end, where it is not the referendum limit: the government's
    /// cap, or no legal limit and the lever's own range (Wales).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit_words: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sensitivity {
    /// The final projection year.
    pub year: String,
    /// Its total reserves under the scenario as set.
    pub total_reserves: Money,
    /// Largest swing first.
    pub levers: Vec<LeverSwing>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Drivers {
    pub waterfalls: Vec<Waterfall>,
    pub sensitivity: Sensitivity,
}

/// The final year's total reserves, and its unfunded amount: an unfunded deficit carries
/// into the next year (docs/model-notes.md), so the final year's is every year's deficit
/// still owed at the end (summing the years would count a carried deficit again).
fn outcome(council: &Council, levers: &Levers) -> Result<(Decimal, Decimal), Overflow> {
    let years = trace::figures(council, levers)?;
    Ok(years.last().map_or((Decimal::ZERO, Decimal::ZERO), |y| {
        (y.total_reserves, y.unfunded)
    }))
}

/// A percentage-point lever held inside what a scenario accepts (above −100, at most
/// 100): a sensitivity end must apply back as a scenario.
fn accepted_points(v: Decimal) -> Decimal {
    v.clamp(Decimal::new(-9999, 2), Decimal::from(MAX_RATE_PCT))
}

/// A stable insertion sort: `before(a, b)` when `a` goes first. The lists here are
/// short, and one small sort keeps the browser build small.
fn sort_by<T>(v: &mut [T], before: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && before(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// Every growth group's factor under `levers`, as the scenario's `growth_factor` writes it.
fn growth_map(council: &Council, levers: &Levers) -> BTreeMap<String, DecimalText> {
    let mut out = BTreeMap::new();
    for (s, line) in council.services.iter().enumerate() {
        if let Some(group) = &line.growth_group {
            out.insert(
                group.clone(),
                DecimalText(levers.growth_factor[s].normalize()),
            );
        }
    }
    out
}

/// Every programme's delivery and delay under `levers`, as the scenario writes them.
fn programme_maps(
    council: &Council,
    levers: &Levers,
) -> (BTreeMap<String, DecimalText>, BTreeMap<String, u32>) {
    let (mut delivery, mut delay) = (BTreeMap::new(), BTreeMap::new());
    for (p, prog) in council.programmes.iter().enumerate() {
        delivery.insert(
            prog.id.clone(),
            DecimalText(levers.delivery_pct[p].normalize()),
        );
        delay.insert(prog.id.clone(), levers.delay_years[p] as u32);
    }
    (delivery, delay)
}

/// A lever's two ends: (value in words, levers, scenario fragment) for low and high.
type End = (String, Levers, Scenario);

fn sensitivity(council: &Council, levers: &Levers) -> Result<Sensitivity, Overflow> {
    let n = council.horizon();
    let mut candidates: Vec<(String, String, End, End)> = Vec::new();
    // A per-year lever's value in words: one figure when every year's is the same, else
    // each year's in order ("4.99/2.99/2.99"): the years' limits differ.
    let first = |v: &[Decimal]| {
        let all: Vec<String> = v.iter().map(|d| d.normalize().to_string()).collect();
        if all.windows(2).all(|p| p[0] == p[1]) {
            all.into_iter().next().unwrap_or_default()
        } else {
            all.join("/")
        }
    };

    // Council tax: a freeze to each year's lawful maximum.
    let caps = goal::lawful_caps(council, levers);
    let freeze = vec![Decimal::ZERO; n];
    // Where no law limits a year's rise (Wales; a Scottish year without a cap), the upper
    // end is the lever's own range from the nation's rules, said so in `limit_words`.
    let rules = council.rules();
    let unlimited = |t: usize| match rules.rise_rule {
        RiseRule::None => true,
        RiseRule::Cap => council.rise_cap_pct[t].is_none(),
        RiseRule::Referendum => false,
    };
    let most: Vec<Decimal> = caps
        .iter()
        .enumerate()
        .map(|(t, c)| match unlimited(t) {
            true => Decimal::new(rules.lever_max_pct, 2),
            false => Decimal::new(i64::from(c.unwrap_or(0)), 2),
        })
        .collect();
    let tax_limit_words = match rules.rise_rule {
        RiseRule::Referendum => None,
        RiseRule::Cap if (0..n).all(|t| !unlimited(t)) => Some(tr!("the government's cap")),
        _ => Some(tr!(
            "no legal limit: the calculator's range, to {pct}%",
            pct = Decimal::new(rules.lever_max_pct, 2).normalize()
        )),
    };
    let tax_end = |rises: Vec<Decimal>| -> End {
        let mut l = levers.clone();
        l.core_pct.clone_from(&rises);
        let change = Scenario {
            core_pct: goal::per_year(council, &rises),
            ..Scenario::default()
        };
        (first(&rises), l, change)
    };
    candidates.push((
        "core_pct".into(),
        tr!("Council tax rise"),
        tax_end(freeze),
        tax_end(most),
    ));
    let limits = [("core_pct", tax_limit_words)];

    if let Some(model) = &council.risk {
        if let Some((low, high)) = model.inflation_adjust_pp {
            let end = |x: Decimal| -> End {
                let mut l = levers.clone();
                for v in &mut l.inflation_adjust_pp {
                    *v = accepted_points(*v + x);
                }
                let change = Scenario {
                    inflation_adjust_pp: goal::per_year(council, &l.inflation_adjust_pp),
                    ..Scenario::default()
                };
                (first(&l.inflation_adjust_pp), l, change)
            };
            candidates.push((
                "inflation_adjust_pp".into(),
                tr!("Inflation"),
                end(low),
                end(high),
            ));
        }
        for (group, low, high) in &model.growth_factor {
            let end = |g: Decimal| -> End {
                let mut l = levers.clone();
                let mut value = g;
                for (s, line) in council.services.iter().enumerate() {
                    if line.growth_group.as_deref() == Some(group.as_str()) {
                        l.growth_factor[s] =
                            (levers.growth_factor[s] * g).min(Decimal::from(MAX_GROWTH_FACTOR));
                        value = l.growth_factor[s];
                    }
                }
                let change = Scenario {
                    growth_factor: growth_map(council, &l),
                    ..Scenario::default()
                };
                (value.normalize().to_string(), l, change)
            };
            candidates.push((
                format!("growth_factor.{group}"),
                tr!("Growth in {group}", group = group_words(group)),
                end(*low),
                end(*high),
            ));
        }
        for (p, prog) in council.programmes.iter().enumerate() {
            let chunks = risk::chunks(prog, model.unrated.get(p).copied().flatten(), None);
            let total: Decimal = chunks.iter().map(|c| c.amount).sum();
            if total <= Decimal::ZERO {
                continue;
            }
            let secure: Decimal = chunks
                .iter()
                .filter(|c| matches!(c.rating, Rating::Blue | Rating::Green))
                .map(|c| c.amount)
                .sum();
            let delivery_end = |pct: Decimal| -> End {
                let mut l = levers.clone();
                l.delivery_pct[p] = pct;
                let change = Scenario {
                    delivery_pct: programme_maps(council, &l).0,
                    ..Scenario::default()
                };
                (pct.normalize().to_string(), l, change)
            };
            if secure < total {
                let base = levers.delivery_pct[p];
                candidates.push((
                    format!("delivery_pct.{}", prog.id),
                    tr!("Delivery of {programme}", programme = prog.name),
                    // Only the secure (blue and green) part delivered, to the hundredth of
                    // a percent: the value is shown, linked and typed back in.
                    delivery_end(round2(base * secure / total)),
                    delivery_end(base),
                ));
            }
            let delay_end = |years: usize| -> End {
                let mut l = levers.clone();
                l.delay_years[p] = years;
                let change = Scenario {
                    delay_years: programme_maps(council, &l).1,
                    ..Scenario::default()
                };
                (years.to_string(), l, change)
            };
            let late = (levers.delay_years[p] + model.slip_years).min(MAX_DELAY_YEARS as usize);
            if late > levers.delay_years[p] {
                candidates.push((
                    format!("delay_years.{}", prog.id),
                    tr!("Timing of {programme}", programme = prog.name),
                    delay_end(levers.delay_years[p]),
                    delay_end(late),
                ));
            }
        }
    }

    let mut swings: Vec<LeverSwing> = candidates
        .into_iter()
        .map(|(lever, label, low, high)| {
            let (low, at_low) = setting(council, low)?;
            let (high, at_high) = setting(council, high)?;
            let o = Overflow::of("the sensitivity");
            let swing = at_high.checked_sub(at_low).ok_or(o)?;
            let unfunded_swing = high
                .unfunded
                .value()
                .checked_sub(low.unfunded.value())
                .ok_or(o)?;
            let limit_words = limits
                .iter()
                .find(|(id, _)| *id == lever)
                .and_then(|(_, w)| w.clone());
            Ok(LeverSwing {
                limit_words,
                lever,
                label,
                low,
                high,
                swing: Money::from_exact(swing.abs()),
                unfunded_swing: Money::from_exact(unfunded_swing.abs()),
            })
        })
        .collect::<Result<_, Overflow>>()?;
    sort_by(&mut swings, |a, b| rank(a) > rank(b));
    Ok(Sensitivity {
        year: council.years.last().cloned().unwrap_or_default(),
        total_reserves: Money::from_exact(outcome(council, levers)?.0),
        levers: swings,
    })
}

/// What a lever is ranked by: the larger of its swings in final reserves and in the
/// deficit left unfunded at the end (once reserves are exhausted only the second moves), then the other.
pub fn rank(l: &LeverSwing) -> (Decimal, Decimal) {
    let (r, u) = (l.swing.value(), l.unfunded_swing.value());
    (r.max(u), r.min(u))
}

/// One end of a lever: its setting as shown, and the exact final-year total reserves.
fn setting(
    council: &Council,
    (value, levers, change): End,
) -> Result<(Setting, Decimal), Overflow> {
    let (at, unfunded) = outcome(council, &levers)?;
    let setting = Setting {
        value,
        total_reserves: Money::from_exact(at),
        unfunded: Money::from_exact(unfunded),
        change,
    };
    Ok((setting, at))
}

/// The waterfalls and the sensitivity for resolved levers.
pub fn drivers(council: &Council, levers: &Levers) -> Result<Drivers, Overflow> {
    let years = trace::figures(council, levers)?;
    let waterfalls = exact_waterfalls(council, &years)?
        .into_iter()
        .zip(&council.years)
        .map(|(w, year)| {
            let (previous_gap, gap, unfunded) = (
                risk::pennies(w.previous_gap),
                risk::pennies(w.gap),
                risk::pennies(w.unfunded),
            );
            Waterfall {
                year: year.clone(),
                previous_net_budget: Money::from_exact(w.previous_net_budget),
                net_budget: Money::from_exact(w.net_budget),
                previous_gap: risk::from_pennies(previous_gap),
                to_gap: bars(&w.to_gap, gap - previous_gap),
                gap: risk::from_pennies(gap),
                to_unfunded: bars(&w.to_unfunded, unfunded - gap),
                unfunded: risk::from_pennies(unfunded),
            }
        })
        .collect();
    Ok(Drivers {
        waterfalls,
        sensitivity: sensitivity(council, levers)?,
    })
}

/// Resolves a scenario, then [`drivers`] (errors name the scenario field).
pub fn drivers_scenario(council: &Council, scenario: &Scenario) -> Result<Drivers, DataError> {
    let levers = scenario.resolve(council)?;
    drivers(council, &levers).map_err(|o| o.named(&council.years))
}

/// A demand group's name in words, in the language spoken: the groups the data files use
/// have catalogue words; any other is its id with spaces.
pub(crate) fn group_words(group: &str) -> String {
    match group {
        "social_care" => tr!("social care"),
        other => other.replace('_', " "),
    }
}
