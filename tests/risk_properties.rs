//! The risk, goal-seek and drivers engines, checked over random councils and levers:
//!
//! - `engine::project`'s result shows the walk's figures (`trace`, which they all use);
//! - every simulated path is `engine::project` for that path's levers;
//! - with every programme secured (blue) and no growth or inflation uncertainty, every
//!   percentile is the deterministic result;
//! - raising delivery probabilities (or lowering slip chances) never lowers a reserves
//!   percentile and never raises a chance of failure, with the same seed;
//! - each waterfall's parts sum exactly to the change they explain;
//! - each goal-seek answer, applied, meets its goal, and the next smaller step does not.
//!
//! Random councils are built directly as engine models, as in tests/properties.rs.

use mtfs::drivers::{drivers, exact_waterfalls};
use mtfs::engine::project;
use mtfs::goal::{apply, core_rises, lawful_caps, seek};
use mtfs::model::*;
use mtfs::number::Money;
use mtfs::risk::{simulate, Odds, Percentiles, Rating, RiskModel, Sampler, Simulation};
use mtfs::scenario::{Levers, Scenario};
use mtfs::trace;
use proptest::prelude::*;

mod common;
use common::{build, cumulative, money, rate};
use rust_decimal::Decimal;

fn odds() -> impl Strategy<Value = Odds> {
    (rate(0, 100), rate(0, 100)).prop_map(|(delivery_pct, slip_pct)| Odds {
        delivery_pct,
        slip_pct,
    })
}

fn rating() -> impl Strategy<Value = Rating> {
    prop::sample::select(Rating::ALL.to_vec())
}

/// A random council with 1 to 5 projection years and a risk section. Plans and targets
/// only grow (cumulative sums of increments), as programmes' plans do.
fn council() -> impl Strategy<Value = Council> {
    (1usize..=5, 1usize..=3, 1usize..=3, 0usize..=3)
        .prop_flat_map(|(n, n_services, n_reserves, n_programmes)| {
            let series = move |max: i64| prop::collection::vec(money(max), n);
            let services = prop::collection::vec(
                (
                    money(500_000_000),
                    prop::collection::vec(rate(-2, 10), n),
                    series(30_000_000),
                    series(3_000_000),
                    series(2_000_000),
                    prop::option::of(prop::sample::select(vec!["social_care", "waste"])),
                ),
                n_services,
            );
            let reserves = prop::collection::vec(
                (
                    money(60_000_000),
                    money(3_000_000),
                    series(8_000_000),
                    series(8_000_000),
                    prop::option::of(0i64..3),
                ),
                n_reserves,
            );
            let rag =
                prop::option::of(prop::collection::vec(prop::option::of(money(4_000_000)), 4));
            let line = (
                0..n_services,
                prop::collection::vec(money(8_000_000), n + 1),
                prop::collection::vec(money(8_000_000), n + 1),
                rag,
            );
            let programmes = prop::collection::vec(
                (
                    prop::collection::vec(line, 1..=3),
                    prop::option::of(0..n_reserves),
                    prop::option::of(0..n_reserves),
                    prop::option::of(rating()),
                ),
                n_programmes,
            );
            let funding = prop::collection::vec(
                (
                    series(300_000_000),
                    prop::sample::select(FundingKind::ALL.to_vec()),
                ),
                0..=2,
            );
            let tax = (
                rate(500, 2500),
                rate(10_000, 600_000),
                prop::collection::vec(rate(-1, 3), n),
                prop::collection::vec(rate(0, 5), n),
                prop::collection::vec(rate(0, 3), n),
            );
            let limits = (
                prop::collection::vec(rate(1, 4), n),
                prop::collection::vec(rate(0, 3), n),
                prop::option::of(prop::collection::vec(prop::option::of(rate(3, 8)), n)),
                prop_oneof![
                    money(60_000_000).prop_map(ReservesMinimum::Amount),
                    rate(0, 6).prop_map(ReservesMinimum::PctOfNetRequirement),
                ],
            );
            let risk = (
                [odds(), odds(), odds(), odds()],
                0usize..=2,
                prop::option::of(money(5_000_000)),
                prop::option::of((rate(-2, 1), rate(0, 3))),
                prop::option::of((rate(0, 1), rate(1, 2))),
                // A cost shock, a funding range and an inflow (issue 16).
                prop::option::of((
                    rate(0, 100),
                    money(20_000_000),
                    money(20_000_000),
                    rate(-20, 20),
                    0usize..n,
                )),
            );
            (
                Just(n),
                services,
                reserves,
                programmes,
                funding,
                tax,
                limits,
                risk,
            )
        })
        .prop_map(
            |(n, services, reserves, programmes, funding, tax, limits, risk)| {
                let years = build::years(n);
                let reserves = build::reserves(reserves);
                let services = build::services(services);
                let unrated: Vec<Option<Rating>> = programmes.iter().map(|p| p.3).collect();
                let programmes = programmes
                    .into_iter()
                    .enumerate()
                    .map(|(i, (lines, cash, early, _))| Programme {
                        id: format!("p{i}"),
                        name: format!("Programme {i}"),
                        cash_flow_reserve: cash,
                        early_delivery_reserve: early,
                        lines: lines
                            .into_iter()
                            .map(|(service, t, p, rag)| ProgrammeLine {
                                service,
                                target_from_base: cumulative(t),
                                plan_from_base: cumulative(p),
                                rag: rag.map(|r| Rag {
                                    blue: r[0].unwrap_or_default(),
                                    green: r[1].unwrap_or_default(),
                                    amber: r[2].unwrap_or_default(),
                                    red: r[3].unwrap_or_default(),
                                }),
                            })
                            .collect(),
                    })
                    .collect();
                let mut groups: Vec<String> = services
                    .iter()
                    .filter_map(|s| s.growth_group.clone())
                    .collect();
                groups.sort();
                groups.dedup();
                let (odds, slip_years, part_size, inflation, growth, events) = risk;
                let event =
                    |(chance, a, b, _, from): (Decimal, Decimal, Decimal, Decimal, usize)| {
                        mtfs::model::Event {
                            id: "e".into(),
                            chance_pct: chance,
                            low: a.min(b),
                            high: a.max(b),
                            from,
                        }
                    };
                let (band_d, tax_base, tax_base_growth_pct, core_pct, asc_pct) = tax;
                let (core_limit_pct, asc_limit_pct, dispensation, reserves_minimum) = limits;
                Council {
                    name: "Testshire".into(),
                    nation: Default::default(),
                    rise_cap_pct: vec![None; n],
                    capitalisation: None,
                    overspend: vec![Decimal::ZERO; n],
                    other_precepts: Vec::new(),
                    as_at: None,
                    base_year: "2019/20".into(),
                    services,
                    programmes,
                    council_tax: CouncilTax {
                        band_d,
                        tax_base,
                        tax_base_growth_pct,
                        collection_fund: vec![Decimal::ZERO; n],
                        core_pct,
                        asc_pct,
                        restated_band_d: vec![None; n],
                    },
                    funding: build::funding(funding),
                    reserves,
                    reserves_minimum,
                    referendum: ReferendumLimits {
                        core_limit_pct,
                        asc_limit_pct,
                        dispensation_pct: dispensation.unwrap_or(vec![None; n]),
                        asc_windows: Vec::new(),
                    },
                    years,
                    options: Vec::new(),
                    require_balance: false,
                    paper: Default::default(),
                    risk: Some(RiskModel {
                        odds,
                        slip_years,
                        part_size: part_size.filter(|p| !p.is_zero()),
                        unrated,
                        inflation_adjust_pp: inflation,
                        growth_factor: growth
                            .map(|(low, high)| {
                                groups.iter().map(|g| (g.clone(), low, high)).collect()
                            })
                            .unwrap_or_default(),
                        funding: events
                            .map(|(_, _, _, r, from)| mtfs::model::FundingRange {
                                kind: FundingKind::GovernmentGrant,
                                low: r.min(Decimal::ZERO),
                                high: r.max(Decimal::ZERO),
                                from,
                            })
                            .into_iter()
                            .collect(),
                        cost_shocks: events.map(event).into_iter().collect(),
                        inflows: events
                            .map(|e| mtfs::model::Inflow {
                                event: event(e),
                                reserve: 0,
                                from_other_reserves: false,
                            })
                            .into_iter()
                            .collect(),
                        other_reserves: None,
                    }),
                }
            },
        )
}

/// Random levers, within the ranges a scenario accepts.
fn case() -> impl Strategy<Value = (Council, Levers)> {
    council().prop_flat_map(|c| {
        let l = common::levers(&c, false);
        (Just(c), l)
    })
}

/// A scenario of extra spending per year: enough to make many councils unsafe.
fn spending(c: &Council) -> impl Strategy<Value = Scenario> {
    let years = c.years.clone();
    prop::collection::vec(prop::option::of(money(40_000_000)), c.horizon()).prop_map(move |spend| {
        Scenario {
            extra_spend: years
                .iter()
                .zip(spend)
                .filter_map(|(y, s)| s.map(|s| (y.clone(), s.into())))
                .collect(),
            ..Scenario::default()
        }
    })
}

fn nearest_rank(mut values: Vec<Money>) -> Percentiles {
    values.sort();
    let n = values.len();
    let at = |p: usize| values[(p * n).div_ceil(100).max(1) - 1];
    Percentiles {
        p5: at(5),
        p25: at(25),
        p50: at(50),
        p75: at(75),
        p95: at(95),
    }
}

fn all_equal(p: &Percentiles, v: Money) -> bool {
    [p.p5, p.p25, p.p50, p.p75, p.p95].iter().all(|x| *x == v)
}

fn at_least(a: &Percentiles, b: &Percentiles) -> bool {
    a.p5 >= b.p5 && a.p25 >= b.p25 && a.p50 >= b.p50 && a.p75 >= b.p75 && a.p95 >= b.p95
}

fn safe_by_engine(c: &Council, scenario: &Scenario) -> bool {
    let p = mtfs::project_scenario(c, scenario).expect("the answer is a valid scenario");
    p.years
        .iter()
        .all(|y| y.unfunded.value().is_zero() && !y.below_minimum)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// `engine::project` is `trace`'s walk with names, detail and rounding: each line of
    /// the result is the walk's figure to the penny, and the reserves' detail adds up to
    /// the walk's totals.
    #[test]
    fn the_result_shows_the_walks_figures((c, l) in case()) {
        let p = project(&c, &l).unwrap();
        let t = trace::figures(&c, &l).unwrap();
        for (y, f) in p.years.iter().zip(&t) {
            prop_assert_eq!(y.net_requirement, Money::from_exact(f.net));
            prop_assert_eq!(y.spend, Money::from_exact(f.spend));
            prop_assert_eq!(y.removed_savings, Money::from_exact(f.removed));
            prop_assert_eq!(y.council_tax, Money::from_exact(f.council_tax));
            prop_assert_eq!(y.other_funding, Money::from_exact(f.other_funding));
            prop_assert_eq!(y.gap, Money::from_exact(f.gap));
            prop_assert_eq!(y.shortfall, Money::from_exact(f.shortfall));
            prop_assert_eq!(y.total_gap, Money::from_exact(f.gap + f.shortfall));
            prop_assert_eq!(y.total_reserves, Money::from_exact(f.total_reserves));
            prop_assert_eq!(y.reserves_minimum, Money::from_exact(f.minimum));
            prop_assert_eq!(y.unfunded, Money::from_exact(f.unfunded));
            prop_assert_eq!(y.below_minimum, f.below_minimum);
            let draws: Decimal = y.reserves.iter().map(|r| r.draw.value()).sum();
            let credits: Decimal = y.reserves.iter().map(|r| r.credit.value()).sum();
            // Per-reserve output is rounded item by item: half a penny each.
            let allowance = Decimal::new(5, 3) * Decimal::from(y.reserves.len());
            prop_assert!((draws - f.draws).abs() <= allowance);
            prop_assert!((credits - f.credits).abs() <= allowance);
        }
    }

    /// The waterfall's parts sum exactly to the change they explain, and each year starts
    /// where the last one ended. Exactly, before rounding, while the model's own
    /// arithmetic is exact: inputs in pence and rates to 2 dp stay within Decimal's 28
    /// digits for four years; after that the engine itself rounds in the 28th digit.
    /// The output bars, in pennies, sum exactly to the totals shown, always.
    #[test]
    fn waterfall_parts_sum_exactly((c, l) in case()) {
        let years = trace::figures(&c, &l).unwrap();
        let falls = exact_waterfalls(&c, &years).unwrap();
        prop_assert_eq!(falls[0].previous_gap, Decimal::ZERO);
        let tolerance = |t: usize| if t < 4 { Decimal::ZERO } else { Decimal::new(1, 12) };
        for (t, w) in falls.iter().enumerate() {
            let to_gap: Decimal = w.to_gap.iter().map(|(_, v)| *v).sum();
            prop_assert!((w.previous_gap + to_gap - w.gap).abs() <= tolerance(t), "year {}: {} + {} != {}", t, w.previous_gap, to_gap, w.gap);
            let to_unfunded: Decimal = w.to_unfunded.iter().map(|(_, v)| *v).sum();
            prop_assert!((w.gap + to_unfunded - w.unfunded).abs() <= tolerance(t), "year {}", t);
            prop_assert_eq!(w.gap, years[t].gap);
            if let Some(next) = falls.get(t + 1) {
                prop_assert_eq!(next.previous_gap, w.gap);
                prop_assert_eq!(next.previous_net_budget, w.net_budget);
            }
            if l.use_reserves {
                // Nothing is left over when reserves are used (model.md §7).
                let surplus = w.to_unfunded.iter().find(|(id, _)| *id == "surplus_not_used");
                let has_funder = c.reserves.iter().any(|r| r.gap_order.is_some());
                prop_assert!(!has_funder || surplus.is_some_and(|(_, v)| v.abs() <= tolerance(t)), "year {}: {:?}", t, surplus);
            }
        }
        // The output is the same, rounded.
        let d = drivers(&c, &l).unwrap();
        let p = project(&c, &l).unwrap();
        for (w, y) in d.waterfalls.iter().zip(&p.years) {
            prop_assert_eq!(w.gap, y.gap);
            prop_assert_eq!(w.unfunded, y.unfunded);
            let to_gap: Decimal = w.to_gap.iter().map(|b| b.amount.value()).sum();
            prop_assert_eq!(w.previous_gap.value() + to_gap, w.gap.value());
            let to_unfunded: Decimal = w.to_unfunded.iter().map(|b| b.amount.value()).sum();
            prop_assert_eq!(w.gap.value() + to_unfunded, w.unfunded.value());
        }
        for (a, b) in d.waterfalls.iter().zip(d.waterfalls.iter().skip(1)) {
            prop_assert_eq!(a.gap, b.previous_gap);
        }
        // Sensitivity: largest swing first, in reserves or in what is left unfunded,
        // whichever is larger.
        let swings: Vec<Money> = d
            .sensitivity
            .levers
            .iter()
            .map(|s| s.swing.max(s.unfunded_swing))
            .collect();
        prop_assert!(swings.windows(2).all(|w| w[0] >= w[1]), "{:?}", swings);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    /// Every path is `engine::project` for the path's levers: replaying the draws
    /// through the engine gives the simulation's percentiles and counts.
    #[test]
    fn each_path_is_the_engines_projection((c, l) in case(), seed in any::<u32>(), paths in 1u32..=40) {
        let sim = simulate(&c, &l, paths, seed).expect("simulates");
        let risk = c.risk.as_ref().expect("risk");
        let mut sampler = Sampler::new(&c, risk, &l, seed);
        let n = c.horizon();
        let mut reserves = vec![Vec::new(); n];
        let mut gaps = vec![Vec::new(); n];
        let mut total_gaps = vec![Vec::new(); n];
        let mut unfunded = vec![Vec::new(); n];
        let mut below_by = vec![0u32; n];
        let mut unbalanced = vec![0u32; n];
        for _ in 0..paths {
            let draw = sampler.draw();
            let p = project(&c, &sampler.levers(&draw).unwrap()).unwrap();
            let mut was_below = false;
            for (t, y) in p.years.iter().enumerate() {
                reserves[t].push(y.total_reserves);
                gaps[t].push(y.gap);
                total_gaps[t].push(y.total_gap);
                unfunded[t].push(y.unfunded);
                was_below |= y.below_minimum;
                below_by[t] += u32::from(was_below);
                unbalanced[t] += u32::from(!y.unfunded.value().is_zero());
            }
        }
        for (t, y) in sim.years.iter().enumerate() {
            prop_assert_eq!(&y.total_reserves, &nearest_rank(reserves[t].clone()));
            prop_assert_eq!(&y.gap, &nearest_rank(gaps[t].clone()));
            prop_assert_eq!(&y.total_gap, &nearest_rank(total_gaps[t].clone()));
            prop_assert_eq!(&y.unfunded, &nearest_rank(unfunded[t].clone()));
            prop_assert_eq!(y.below_minimum_by.paths, below_by[t]);
            prop_assert_eq!(y.unbalanced.paths, unbalanced[t]);
        }
    }

    /// With every programme secured (blue) and no growth or inflation uncertainty, every
    /// percentile is the deterministic result, whatever the other ratings' odds.
    #[test]
    fn all_blue_and_certain_is_deterministic(
        (mut c, l) in case(), seed in any::<u32>(), paths in 1u32..=40, zero_width in any::<bool>()
    ) {
        for prog in &mut c.programmes {
            for line in &mut prog.lines {
                line.rag = None;
            }
        }
        let risk = c.risk.as_mut().expect("risk");
        risk.unrated = vec![Some(Rating::Blue); c.programmes.len()];
        risk.odds[Rating::Blue.index()] = Odds { delivery_pct: Decimal::ONE_HUNDRED, slip_pct: Decimal::ZERO };
        if zero_width {
            // Ranges that allow nothing but the plan.
            risk.inflation_adjust_pp = risk.inflation_adjust_pp.map(|_| (Decimal::ZERO, Decimal::ZERO));
            for g in &mut risk.growth_factor {
                g.1 = Decimal::ONE;
                g.2 = Decimal::ONE;
            }
            // Events that never happen, and funding ranges of zero width.
            for e in risk.cost_shocks.iter_mut().chain(risk.inflows.iter_mut().map(|f| &mut f.event)) {
                e.chance_pct = Decimal::ZERO;
            }
            for f in &mut risk.funding {
                f.low = Decimal::ZERO;
                f.high = Decimal::ZERO;
            }
        } else {
            risk.inflation_adjust_pp = None;
            risk.growth_factor.clear();
            risk.cost_shocks.clear();
            risk.inflows.clear();
            risk.funding.clear();
        }
        let sim = simulate(&c, &l, paths, seed).expect("simulates");
        let p = project(&c, &l).unwrap();
        for (s, y) in sim.years.iter().zip(&p.years) {
            prop_assert!(all_equal(&s.total_reserves, y.total_reserves));
            prop_assert!(all_equal(&s.gap, y.gap));
            prop_assert!(all_equal(&s.total_gap, y.total_gap));
            prop_assert!(all_equal(&s.unfunded, y.unfunded));
            prop_assert_eq!(s.scenario.total_reserves, y.total_reserves);
            let below = if y.below_minimum { paths } else { 0 };
            prop_assert_eq!(s.below_minimum.paths, below);
            let unbalanced = if y.unfunded.value().is_zero() { 0 } else { paths };
            prop_assert_eq!(s.unbalanced.paths, unbalanced);
        }
    }

    /// Raising delivery probabilities and lowering slip chances never lowers a reserves
    /// percentile and never raises a chance of failure (same seed, same draws).
    #[test]
    fn better_odds_never_make_things_worse(
        (c, l) in case(), seed in any::<u32>(), paths in 1u32..=40,
        raise in prop::collection::vec((rate(0, 100), rate(0, 100)), 4)
    ) {
        let mut better = c.clone();
        let risk = better.risk.as_mut().expect("risk");
        for (o, (up, down)) in risk.odds.iter_mut().zip(&raise) {
            o.delivery_pct = (o.delivery_pct + up).min(Decimal::ONE_HUNDRED);
            o.slip_pct = (o.slip_pct - down).max(Decimal::ZERO);
        }
        let worse: Simulation = simulate(&c, &l, paths, seed).expect("simulates");
        let better: Simulation = simulate(&better, &l, paths, seed).expect("simulates");
        for (w, b) in worse.years.iter().zip(&better.years) {
            prop_assert!(at_least(&b.total_reserves, &w.total_reserves), "{}: {:?} vs {:?}", w.year, b.total_reserves, w.total_reserves);
            prop_assert!(at_least(&w.total_gap, &b.total_gap));
            prop_assert!(at_least(&w.unfunded, &b.unfunded));
            prop_assert_eq!(&w.gap, &b.gap);
            prop_assert!(b.below_minimum.paths <= w.below_minimum.paths);
            prop_assert!(b.below_minimum_by.paths <= w.below_minimum_by.paths);
            prop_assert!(b.unbalanced.paths <= w.unbalanced.paths);
            prop_assert!(b.unbalanced_by.paths <= w.unbalanced_by.paths);
        }
    }

    /// Each goal-seek answer, applied through the engine, meets the goal (every year
    /// balanced, reserves at or above the minimum); the next smaller step does not.
    #[test]
    fn goal_seek_answers_are_the_smallest_that_work(
        (c, scenario) in council().prop_flat_map(|c| { let s = spending(&c); (Just(c), s) })
    ) {
        let levers = scenario.resolve(&c).expect("valid scenario");
        let g = seek(&c, &levers).unwrap();
        prop_assert_eq!(g.already_safe, safe_by_engine(&c, &scenario));

        let tax = &g.council_tax;
        let caps = lawful_caps(&c, &levers);
        let top = caps.iter().map(|c| c.unwrap_or(0)).max().unwrap_or(0);
        let step_scenario = |k: u32| {
            let mut s = scenario.clone();
            s.core_pct = c.years.iter().cloned().zip(core_rises(&caps, k).into_iter().map(Into::into)).collect();
            s
        };
        if tax.found {
            let applied = apply(&scenario, tax.change.as_ref().expect("a change"));
            prop_assert!(safe_by_engine(&c, &applied), "{}", tax.message);
            let k = match (&tax.core_pct, &tax.beyond_limit_pp) {
                (Some(r), None) => (r.parse::<Decimal>().unwrap() * Decimal::ONE_HUNDRED).try_into().unwrap(),
                (None, Some(x)) => top + u32::try_from(x.parse::<Decimal>().unwrap() * Decimal::ONE_HUNDRED).unwrap(),
                other => panic!("{other:?}"),
            };
            prop_assert_eq!(&step_scenario(k), &applied);
            if k > 0 {
                prop_assert!(!safe_by_engine(&c, &step_scenario(k - 1)), "one step less also works: {}", tax.message);
            }
            prop_assert_eq!(tax.within_limits, tax.beyond_limit_pp.is_none() && tax.referendum_years.is_empty());
        } else {
            prop_assert!(!safe_by_engine(&c, &step_scenario(10_000)));
        }

        for answer in &g.savings {
            let from = c.year_index(&answer.from_year).expect("a year");
            match (&answer.amount, &answer.change) {
                (Some(amount), Some(change)) => {
                    let applied = &apply(&scenario, change);
                    prop_assert!(safe_by_engine(&c, applied), "{}", answer.message);
                    let mut less = applied.clone();
                    for t in from..c.horizon() {
                        let y = &c.years[t];
                        let v = less.extra_savings[y].value() - Decimal::ONE_THOUSAND;
                        less.extra_savings.insert(y.clone(), v.into());
                    }
                    prop_assert!(amount.value() >= Decimal::ONE_THOUSAND);
                    prop_assert!(!safe_by_engine(&c, &less), "£1,000 less also works: {}", answer.message);
                }
                (Some(amount), None) => {
                    prop_assert!(amount.value().is_zero());
                    prop_assert!(g.already_safe);
                }
                (None, _) => {
                    // Not even £1 trillion a year from then would do.
                    let mut most = scenario.clone();
                    for y in &c.years[from..] {
                        let base = levers.extra_savings[c.year_index(y).unwrap()];
                        most.extra_savings.insert(y.clone(), (base + Decimal::from(1_000_000_000_000i64)).into());
                    }
                    prop_assert!(!safe_by_engine(&c, &most), "{}", answer.message);
                }
            }
        }
    }
}
