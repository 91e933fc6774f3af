//! Random inputs shared by the property tests (tests/properties.rs and
//! tests/risk_properties.rs): amounts, rates and levers within the ranges the data
//! format and scenario accept.
#![allow(dead_code)]

pub mod cli;

use mtfs::model::Council;
use mtfs::scenario::Levers;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Pounds and pence from 0 to `max_pounds`.
pub fn money(max_pounds: i64) -> impl Strategy<Value = Decimal> {
    (0..=max_pounds * 100).prop_map(|p| Decimal::new(p, 2))
}

pub fn hundreds(max_pounds: i64) -> impl Strategy<Value = Decimal> {
    (0..=max_pounds / 100).prop_map(|h| Decimal::from(h * 100))
}

pub fn rate(lo: i64, hi: i64) -> impl Strategy<Value = Decimal> {
    (lo * 100..=hi * 100).prop_map(|c| Decimal::new(c, 2))
}

/// Running totals of increments: a cumulative savings series.
pub fn cumulative(inc: Vec<Decimal>) -> Vec<Decimal> {
    inc.iter()
        .scan(Decimal::ZERO, |s, v| {
            *s += v;
            Some(*s)
        })
        .collect()
}

/// Random levers for a council, within the ranges the scenario accepts.
pub fn levers(c: &Council, whole: bool) -> impl Strategy<Value = Levers> {
    let n = c.horizon();
    let (s, p, f) = (c.services.len(), c.programmes.len(), c.funding.len());
    // The options stay at the plan's levels: tests/options.rs chooses them.
    let plan = Levers::plan(c);
    let capitalisation = plan.capitalisation;
    let (choices, option_effect, option_draws, reserve_inflows) = (
        plan.choices,
        plan.option_effect,
        plan.option_draws,
        plan.reserve_inflows,
    );
    let pct = move |lo: i64, hi: i64| {
        if whole {
            (lo..=hi).prop_map(Decimal::from).boxed()
        } else {
            rate(lo, hi).boxed()
        }
    };
    let extra = move || {
        if whole {
            prop::collection::vec(hundreds(20_000_000), n).boxed()
        } else {
            prop::collection::vec(money(20_000_000), n).boxed()
        }
    };
    (
        prop::collection::vec(rate(-5, 15), n),
        prop::collection::vec(rate(0, 5), n),
        prop::collection::vec(rate(-2, 4), n),
        if whole {
            prop::collection::vec(Just(Decimal::ZERO), n).boxed()
        } else {
            prop::collection::vec(rate(-3, 10), n).boxed()
        },
        prop::collection::vec(
            if whole {
                (0i64..=3).prop_map(Decimal::from).boxed()
            } else {
                rate(0, 3).boxed()
            },
            s,
        ),
        prop::collection::vec(pct(0, 150), p),
        prop::collection::vec(0usize..=5, p),
        prop::collection::vec(prop::collection::vec(pct(-50, 50), n), f),
        (extra(), extra(), prop::bool::weighted(0.85)),
    )
        .prop_map(
            move |(
                core_pct,
                asc_pct,
                tax_base_growth_pct,
                inflation_adjust_pp,
                growth_factor,
                delivery_pct,
                delay_years,
                funding_change_pct,
                (extra_savings, extra_spend, use_reserves),
            )| Levers {
                core_pct,
                asc_pct,
                tax_base_growth_pct,
                inflation_adjust_pp,
                growth_factor,
                delivery_pct,
                delay_years,
                funding_change_pct,
                extra_savings,
                extra_spend,
                use_reserves,
                choices: choices.clone(),
                option_effect: option_effect.clone(),
                option_draws: option_draws.clone(),
                reserve_inflows: reserve_inflows.clone(),
                capitalisation: capitalisation.clone(),
            },
        )
}

/// The model's parts from random tuples, shared by the random councils of both property
/// test files.
pub mod build {
    use mtfs::model::*;
    use rust_decimal::Decimal;

    /// "2020/21", "2021/22", …: `n` projection years after a 2019/20 base.
    pub fn years(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("{}/{:02}", 2020 + i, (21 + i) % 100))
            .collect()
    }

    /// (base, inflation %, growth, base change, one-off, growth group) per service line.
    pub type ServiceParts = (
        Decimal,
        Vec<Decimal>,
        Vec<Decimal>,
        Vec<Decimal>,
        Vec<Decimal>,
        Option<&'static str>,
    );

    pub fn services(parts: Vec<ServiceParts>) -> Vec<ServiceLine> {
        parts
            .into_iter()
            .enumerate()
            .map(
                |(i, (base, inflation_pct, growth, base_change, one_off, group))| ServiceLine {
                    id: format!("s{i}"),
                    name: format!("Service {i}"),
                    growth_group: group.map(String::from),
                    base,
                    inflation_pct,
                    growth,
                    base_change,
                    one_off,
                },
            )
            .collect()
    }

    /// (opening, floor, planned in, planned out, gap order) per reserve.
    pub type ReserveParts = (Decimal, Decimal, Vec<Decimal>, Vec<Decimal>, Option<i64>);

    /// The reserves; if none funds gaps, the first does (a valid data set has one).
    pub fn reserves(parts: Vec<ReserveParts>) -> Vec<Reserve> {
        let mut reserves: Vec<Reserve> = parts
            .into_iter()
            .enumerate()
            .map(
                |(i, (opening, floor, planned_in, planned_out, gap_order))| Reserve {
                    id: format!("r{i}"),
                    name: format!("Reserve {i}"),
                    opening,
                    floor,
                    planned_in,
                    planned_out,
                    gap_order,
                    // Some reserves that fund no gaps are ring-fenced (docs/model-notes.md).
                    ring_fenced: gap_order.is_none() && i % 2 == 1,
                },
            )
            .collect();
        if reserves.iter().all(|r| r.gap_order.is_none()) {
            reserves[0].gap_order = Some(1);
        }
        reserves
    }

    pub fn funding(parts: Vec<(Vec<Decimal>, FundingKind)>) -> Vec<FundingStream> {
        parts
            .into_iter()
            .enumerate()
            .map(|(i, (amount, kind))| FundingStream {
                id: format!("f{i}"),
                name: format!("Funding {i}"),
                kind,
                amount,
            })
            .collect()
    }
}
