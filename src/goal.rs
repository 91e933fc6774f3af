//! Goal seek: the smallest change to one lever that makes the scenario *safe*, solved
//! exactly on the Decimal model by bisection over whole steps.
//!
//! **Safe** means every year balances (nothing unfunded) and total reserves are at or
//! above the safe minimum in every year. Both instruments only ever help (a higher rise
//! never lowers council tax, model.md §7; a saving lowers the net requirement), so the
//! set of safe steps is "from some step upwards" and bisection finds its first step.
//!
//! - **Council tax.** One core rise `r`, in steps of 0.01 percentage points, applied to
//!   every year but capped at each year's *lawful maximum*: the largest core rise, in the
//!   same steps, that needs no referendum with that year's adult social care rise
//!   (`engine::needs_referendum`). If even every year at its lawful maximum is not
//!   enough, the search goes on *beyond* the limits: each year's lawful maximum plus `x`
//!   points, and the answer says how far beyond. Rises are at least 0 (a freeze) and at
//!   most 100%, the scenario's limit (`number::MAX_RATE_PCT`).
//! - **Savings.** For each possible first year, the smallest extra recurring saving, in
//!   steps of £1,000, added to the scenario's `extra_savings` in that year and every year
//!   after. A saving cannot mend a year before it starts.
//!
//! Each answer is a scenario fragment, `change`: whole levers (every year of them) to set
//! in place of the scenario's, `{...scenario, ...change}` in JavaScript ([`apply`]), for
//! the page to offer as one click.

use crate::engine::{asc_window_exceeded, within_rules};
use crate::error::{DataError, Overflow};
use crate::model::Council;
use crate::nation::RiseRule;
use crate::number::{DecimalText, Money, MAX_POUNDS};
use crate::scenario::{Levers, Scenario};
use crate::trace::{self, Funding, Walker, YearFigures};
use crate::words::money_words;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Council tax rises are searched in hundredths of a percentage point, up to the
/// scenario's limit (100%), so every suggestion can be applied.
const MAX_RISE_STEPS: u32 = crate::number::MAX_RATE_PCT as u32 * 100;
/// Savings are searched in thousands of pounds, up to the largest amount a scenario
/// accepts (`number::MAX_POUNDS` a year, with the scenario's own extra savings).
const SAVING_STEP: i64 = 1_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalSeek {
    /// Whether the scenario as given is already safe.
    pub already_safe: bool,
    /// The first year that is not safe as the scenario stands, if any.
    pub first_unsafe_year: Option<String>,
    pub council_tax: TaxAnswer,
    /// One answer per possible first year of the extra saving, in year order.
    pub savings: Vec<SavingsAnswer>,
    /// Which of the council's options would close the gap: every level not chosen now,
    /// each on its own on top of the scenario (views left out), in the data's order.
    pub options: Vec<OptionAnswer>,
}

/// One level of one of the council's options, tried on top of the scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OptionAnswer {
    pub option: String,
    pub level: String,
    pub label: String,
    /// Whether, with this level, every year balances with reserves at or above the safe
    /// minimum.
    pub safe: bool,
    /// The first year still not safe with it, if any.
    pub first_unsafe_year: Option<String>,
    /// The deficit still unfunded at the end of the final year with it (every year's that is
    /// still owed: a deficit carries forward; 0 when every year balances).
    pub unfunded: Money,
    /// The lever to set: the scenario's choices with this level.
    pub change: Scenario,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaxAnswer {
    /// Whether any core rise up to 100% makes the scenario safe.
    pub found: bool,
    /// The smallest uniform core rise, percent, each year capped at its lawful maximum
    /// (when `within_limits`); `None` when not found or beyond the limits.
    pub core_pct: Option<String>,
    /// Whether the answer needs no referendum in any year.
    pub within_limits: bool,
    /// When no lawful rise is enough: the percentage points above each year's lawful
    /// maximum the core rise must go.
    pub beyond_limit_pp: Option<String>,
    /// Years whose rise would need a referendum.
    pub referendum_years: Vec<String>,
    /// Each year's largest core rise needing no referendum (`None`: the adult social
    /// care rise alone needs one).
    pub lawful_max_pct: Vec<Option<String>>,
    /// The lever to set: `core_pct`, every year.
    pub change: Option<Scenario>,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavingsAnswer {
    /// The first year of the extra saving.
    pub from_year: String,
    /// Recurring pounds a year, from `from_year` on, in whole thousands; `None` when no
    /// saving from that year is enough. 0 (and no `change`) when none is needed.
    pub amount: Option<Money>,
    /// The lever to set: `extra_savings`, every year (the scenario's own, plus `amount`
    /// from `from_year`).
    pub change: Option<Scenario>,
    pub message: String,
}

fn all_safe(years: &[YearFigures]) -> bool {
    years.iter().all(trace::safe)
}

/// The first `k` in `lo..=hi` with `ok(k)`, given `ok` is false below some point and true
/// from it, `ok(hi)` true and `ok(lo)` false.
fn bisect(mut lo: u64, mut hi: u64, mut ok: impl FnMut(u64) -> bool) -> u64 {
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if ok(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

fn hundredths(steps: u32) -> Decimal {
    Decimal::new(i64::from(steps), 2)
}

/// Each year's lawful maximum core rise, in hundredths: the largest core rise from 0 that
/// needs no referendum with the scenario's adult social care rise.
pub fn lawful_caps(council: &Council, levers: &Levers) -> Vec<Option<u32>> {
    (0..council.horizon())
        .map(|t| {
            let asc = levers.asc_pct[t];
            let lawful = |k: u32| within_rules(council, t, hundredths(k), asc);
            if !lawful(0) || asc_window_exceeded(council, t, &levers.asc_pct) {
                None
            } else if lawful(MAX_RISE_STEPS) {
                Some(MAX_RISE_STEPS)
            } else {
                // The last lawful step is one before the first excessive one.
                let first_excessive = bisect(0, u64::from(MAX_RISE_STEPS), |k| !lawful(k as u32));
                Some(first_excessive as u32 - 1)
            }
        })
        .collect()
}

/// The core rises, per year, at search step `k`: up to the largest cap, `min(k, cap)`;
/// beyond it, `cap + (k − largest cap)`. A year with no lawful rise counts its cap as 0.
pub fn core_rises(caps: &[Option<u32>], k: u32) -> Vec<Decimal> {
    let top = caps.iter().map(|c| c.unwrap_or(0)).max().unwrap_or(0);
    caps.iter()
        .map(|c| {
            let cap = c.unwrap_or(0);
            let steps = if k <= top {
                k.min(cap)
            } else {
                cap.saturating_add(k - top).min(MAX_RISE_STEPS)
            };
            hundredths(steps)
        })
        .collect()
}

/// A per-year lever's values keyed by year, as a scenario writes them.
pub(crate) fn per_year(council: &Council, values: &[Decimal]) -> BTreeMap<String, DecimalText> {
    let mut out = BTreeMap::new();
    for (y, v) in council.years.iter().zip(values) {
        out.insert(y.clone(), DecimalText(v.normalize()));
    }
    out
}

/// A scenario with a fragment's levers set in place of its own (each lever the fragment
/// gives replaces the scenario's whole lever): what the page does with `change`.
pub fn apply(scenario: &Scenario, change: &Scenario) -> Scenario {
    scenario.with(change)
}

/// Finds the answers for a scenario already resolved into `levers`. A trial the search
/// makes that is too large to compute counts as not safe (it cannot be shown safe); the
/// scenario itself being too large to compute is an error.
pub fn seek(council: &Council, levers: &Levers) -> Result<GoalSeek, Overflow> {
    let n = council.horizon();
    let removed = trace::removed(council, &levers.extra_savings)?;
    let shortfalls = trace::all_shortfalls(council, levers)?;
    let refs: Vec<&[Decimal]> = shortfalls.iter().map(Vec::as_slice).collect();
    let funding = trace::funding(council, levers)?;
    let mut walker = Walker::without_parts(council);
    let mut years = Vec::with_capacity(n);
    let mut evaluate = |levers: &Levers, funding: &Funding, removed: &[Decimal]| {
        walker.walk(levers, funding, removed, &refs, &mut years)?;
        Ok::<_, Overflow>((all_safe(&years), years.iter().position(|y| !trace::safe(y))))
    };

    let (already_safe, first_unsafe) = evaluate(levers, &funding, &removed)?;

    // Council tax.
    let caps = lawful_caps(council, levers);
    let top = caps.iter().map(|c| c.unwrap_or(0)).max().unwrap_or(0);
    let mut tax_levers = levers.clone();
    let mut tax_ok = |k: u32| {
        tax_levers.core_pct = core_rises(&caps, k);
        trace::funding(council, &tax_levers)
            .and_then(|f| evaluate(&tax_levers, &f, &removed))
            .is_ok_and(|(safe, _)| safe)
    };
    let tax_step = if tax_ok(0) {
        Some(0)
    } else if tax_ok(MAX_RISE_STEPS) {
        Some(bisect(0, u64::from(MAX_RISE_STEPS), |k| tax_ok(k as u32)) as u32)
    } else {
        None
    };
    let council_tax = tax_answer(council, levers, &caps, top, tax_step);

    // Savings, from each year.
    let mut savings = Vec::with_capacity(n);
    for from in 0..n {
        let mut saving_levers = levers.clone();
        let mut saving_ok = |m: u64| {
            let extra = Decimal::from(m) * Decimal::from(SAVING_STEP);
            for t in from..n {
                saving_levers.extra_savings[t] = levers.extra_savings[t] + extra;
            }
            trace::removed(council, &saving_levers.extra_savings)
                .and_then(|removed| evaluate(&saving_levers, &funding, &removed))
                .is_ok_and(|(safe, _)| safe)
        };
        // The most a suggestion may add and still be a saving the scenario accepts.
        let already = levers.extra_savings[from..].iter().max().copied();
        let room = Decimal::from(MAX_POUNDS) - already.unwrap_or(Decimal::ZERO);
        let most = u64::try_from((room / Decimal::from(SAVING_STEP)).floor()).unwrap_or(0);
        let step = match first_unsafe {
            // Years before the saving starts cannot be mended by it.
            Some(t) if t < from => None,
            _ if saving_ok(0) => Some(0),
            _ => {
                // Grow the bracket from £1,000 until it is safe or at the most allowed;
                // `lo` stays the last step known not to be enough.
                let (mut lo, mut hi) = (0, 1u64.min(most));
                while hi < most && !saving_ok(hi) {
                    lo = hi;
                    hi = hi.saturating_mul(4).min(most);
                }
                if hi > 0 && saving_ok(hi) {
                    Some(bisect(lo, hi, &mut saving_ok))
                } else {
                    None
                }
            }
        };
        savings.push(savings_answer(council, levers, from, first_unsafe, step));
    }

    Ok(GoalSeek {
        already_safe,
        first_unsafe_year: first_unsafe.map(|t| council.years[t].clone()),
        council_tax,
        savings,
        options: Vec::new(),
    })
}

fn pct_words(d: Decimal) -> String {
    format!("{}%", d.normalize())
}

fn tax_answer(
    council: &Council,
    levers: &Levers,
    caps: &[Option<u32>],
    top: u32,
    step: Option<u32>,
) -> TaxAnswer {
    let lawful_max_pct = caps
        .iter()
        .map(|c| c.map(|k| hundredths(k).normalize().to_string()))
        .collect();
    let Some(k) = step else {
        return TaxAnswer {
            found: false,
            core_pct: None,
            within_limits: false,
            beyond_limit_pp: None,
            referendum_years: Vec::new(),
            lawful_max_pct,
            change: None,
            message: crate::tr!("No council tax rise is enough on its own: even a core rise of 100% a year would leave a year unbalanced or reserves below the safe minimum."),
        };
    };
    let rises = core_rises(caps, k);
    let referendum_years: Vec<String> = (0..council.horizon())
        .filter(|&t| {
            !within_rules(council, t, rises[t], levers.asc_pct[t])
                || asc_window_exceeded(council, t, &levers.asc_pct)
        })
        .map(|t| council.years[t].clone())
        .collect();
    let within_limits = referendum_years.is_empty();
    let change = Scenario {
        core_pct: per_year(council, &rises),
        ..Scenario::default()
    };
    let (core_pct, beyond_limit_pp, message) = if k <= top {
        let r = hundredths(k);
        let capped: Vec<&String> = council
            .years
            .iter()
            .zip(&rises)
            .filter(|(_, v)| **v < r)
            .map(|(y, _)| y)
            .collect();
        let mut message = if k == 0 {
            crate::tr!("A core council tax freeze (0%) every year keeps every year balanced and reserves at or above the safe minimum.")
        } else {
            crate::tr!(
                "A core council tax rise of {rise} a year is the smallest that keeps every year balanced and reserves at or above the safe minimum.",
                rise = pct_words(r)
            )
        };
        let cap = council.rules().rise_rule == RiseRule::Cap;
        if !capped.is_empty() {
            message.push(' ');
            message.push_str(&if cap {
                crate::tr!(
                    "In {years} the rise is held to the most the government's cap allows.",
                    years = list(&capped)
                )
            } else {
                crate::tr!(
                    "In {years} the rise is held to the most the referendum limit allows.",
                    years = list(&capped)
                )
            });
        }
        if within_limits {
            if council.rules().rise_rule == RiseRule::Referendum {
                message.push(' ');
                message.push_str(&crate::tr!("No referendum would be needed."));
            }
        } else {
            message.push(' ');
            message.push_str(&crate::tr!(
                "The adult social care rise alone would need a referendum in {years}.",
                years = referendum_years.join(", ")
            ));
        }
        (Some(r.normalize().to_string()), None, message)
    } else {
        let x = hundredths(k - top);
        let message = if council.rules().rise_rule == RiseRule::Cap {
            crate::tr!(
                "No council tax rise within the government's cap is enough. The rise would have to go {pp} percentage points beyond the cap every year, which a Scottish council cannot set, in {years}.",
                pp = x.normalize(),
                years = referendum_years.join(", ")
            )
        } else {
            crate::tr!(
                "No council tax rise within the referendum limits is enough. The core rise would have to go {pp} percentage points beyond the limit every year, which would need a referendum in {years}.",
                pp = x.normalize(),
                years = referendum_years.join(", ")
            )
        };
        if council.rules().rise_rule == RiseRule::Cap {
            // A rise beyond the cap cannot be set, so there is nothing to apply.
            return TaxAnswer {
                found: false,
                core_pct: None,
                within_limits: false,
                beyond_limit_pp: Some(x.normalize().to_string()),
                referendum_years,
                lawful_max_pct,
                change: None,
                message,
            };
        }
        (None, Some(x.normalize().to_string()), message)
    };
    TaxAnswer {
        found: true,
        core_pct,
        within_limits,
        beyond_limit_pp,
        referendum_years,
        lawful_max_pct,
        change: Some(change),
        message,
    }
}

fn list(items: &[&String]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).clone(),
        [rest @ .., last] => crate::tr!(
            "{items} and {last}",
            items = rest
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            last = last
        ),
    }
}

fn savings_answer(
    council: &Council,
    levers: &Levers,
    from: usize,
    first_unsafe: Option<usize>,
    step: Option<u64>,
) -> SavingsAnswer {
    let from_year = council.years[from].clone();
    let Some(m) = step else {
        let message = match first_unsafe {
            Some(t) if t < from => crate::tr!(
                "Savings starting in {from} come too late: {year} is already unbalanced or below the safe minimum.",
                from = from_year,
                year = council.years[t]
            ),
            _ => crate::tr!(
                "No extra saving from {from} is enough on its own.",
                from = from_year
            ),
        };
        return SavingsAnswer {
            from_year,
            amount: None,
            change: None,
            message,
        };
    };
    let amount = Decimal::from(m) * Decimal::from(SAVING_STEP);
    let totals: Vec<Decimal> = (0..council.horizon())
        .map(|t| levers.extra_savings[t] + if t >= from { amount } else { Decimal::ZERO })
        .collect();
    let change = Scenario {
        extra_savings: per_year(council, &totals),
        ..Scenario::default()
    };
    let message = if m == 0 {
        return SavingsAnswer {
            from_year,
            amount: Some(Money::from_exact(Decimal::ZERO)),
            change: None,
            message: crate::tr!("No extra saving is needed: every year already balances with reserves at or above the safe minimum."),
        };
    } else {
        crate::tr!(
            "Extra recurring savings of {amount} a year from {from} are the least (to the nearest £1,000) that keep every year balanced and reserves at or above the safe minimum.",
            amount = money_words(amount),
            from = from_year
        )
    };
    SavingsAnswer {
        from_year,
        amount: Some(Money::from_exact(amount)),
        change: Some(change),
        message,
    }
}

/// Resolves a scenario and seeks its goals (errors name the scenario field).
pub fn seek_scenario(council: &Council, scenario: &Scenario) -> Result<GoalSeek, DataError> {
    let levers = scenario.resolve(council)?;
    let named = |o: Overflow| o.named(&council.years);
    let mut answer = seek(council, &levers).map_err(named)?;
    answer.options = option_answers(council, scenario, &levers).map_err(named)?;
    Ok(answer)
}

/// Every level of every option (views aside) not chosen now, tried on its own on top of
/// the scenario: does it make every year safe? Levels the council refuses with the
/// scenario's other levers are left out.
fn option_answers(
    council: &Council,
    scenario: &Scenario,
    levers: &Levers,
) -> Result<Vec<OptionAnswer>, Overflow> {
    let mut out = Vec::new();
    for (option, &chosen) in council.options.iter().zip(&levers.choices) {
        if option.theme == crate::model::Theme::Views {
            continue;
        }
        let others = option
            .levels
            .iter()
            .enumerate()
            .filter(|&(l, _)| l != chosen);
        for (_, level) in others {
            let mut choices = scenario.choices.clone();
            choices.insert(option.id.clone(), level.id.clone());
            let change = Scenario {
                choices,
                ..Scenario::default()
            };
            let Ok(tried) = scenario.with(&change).resolve(council) else {
                continue;
            };
            let years = trace::figures(council, &tried)?;
            // A deficit carries forward (docs/model-notes.md): the final year's unfunded
            // amount is every year's still owed; a sum would count it again.
            let unfunded = years.last().map_or(Decimal::ZERO, |y| y.unfunded);
            let first = years.iter().position(|y| !trace::safe(y));
            out.push(OptionAnswer {
                option: option.id.clone(),
                level: level.id.clone(),
                label: level.label.clone(),
                safe: first.is_none(),
                first_unsafe_year: first.map(|t| council.years[t].clone()),
                unfunded: Money::from_exact(unfunded),
                change,
            });
        }
    }
    Ok(out)
}
