//! The identities of model.md §7, checked over thousands of random councils and
//! scenarios. Random councils are built directly as engine models (`mtfs::model`), with
//! every vector the length validation guarantees.
//!
//! Money in the output is rounded to the penny item by item, so an identity between n
//! rounded items can be out by at most n halfpennies; the general checks allow exactly
//! that and no more. The `whole_pounds` checks use inputs whose every flow is a whole
//! number of pence, where the identities must hold to the penny with no allowance.

use mtfs::engine::{band_charge, needs_referendum, project, Projection, BANDS};
use mtfs::model::*;
use mtfs::number::round2;
use mtfs::scenario::Levers;
use proptest::prelude::*;

mod common;
use common::{build, cumulative, hundreds, levers, money, rate};
use rust_decimal::Decimal;

const CASES: u32 = 10_000;

/// A random council with `n` projection years. `whole` keeps every flow in whole
/// hundreds of pounds with no inflation, so nothing needs rounding except council tax.
fn council(whole: bool, min_programmes: usize) -> impl Strategy<Value = Council> {
    (1usize..=6)
        .prop_flat_map(move |n| {
            let amount = move |max: i64| {
                if whole {
                    hundreds(max).boxed()
                } else {
                    money(max).boxed()
                }
            };
            let series = move |max: i64| prop::collection::vec(amount(max), n);
            let signed = move |max: i64| {
                prop::collection::vec(
                    (amount(max), any::<bool>()).prop_map(|(v, neg)| if neg { -v } else { v }),
                    n,
                )
            };
            let inflation = move || {
                if whole {
                    prop::collection::vec(Just(Decimal::ZERO), n).boxed()
                } else {
                    prop::collection::vec(rate(-2, 12), n).boxed()
                }
            };
            let services = prop::collection::vec(
                (
                    amount(500_000_000),
                    inflation(),
                    series(20_000_000),
                    signed(5_000_000),
                    series(3_000_000),
                    prop::option::of(prop::sample::select(vec!["social_care", "waste"])),
                ),
                1..=4,
            );
            let reserves = prop::collection::vec(
                (
                    amount(60_000_000),
                    amount(5_000_000),
                    series(10_000_000),
                    series(10_000_000),
                    prop::option::of(-2i64..4),
                ),
                1..=4,
            );
            let funding = prop::collection::vec(
                (
                    series(300_000_000),
                    prop::sample::select(FundingKind::ALL.to_vec()),
                ),
                0..=3,
            );
            let tax = (
                rate(500, 2500),
                rate(10_000, 800_000),
                prop::collection::vec(rate(-1, 4), n),
                signed(2_000_000),
                prop::collection::vec(rate(0, 6), n),
                prop::collection::vec(rate(0, 4), n),
                // Last year's Band D restated, in some years (docs/model-notes.md).
                prop::collection::vec(prop::option::weighted(0.2, rate(500, 2500)), n),
            );
            let limits = (
                prop::collection::vec(rate(1, 4), n),
                prop::collection::vec(rate(0, 3), n),
                prop::collection::vec(prop::option::of(rate(3, 15)), n),
                prop::bool::ANY,
            );
            (
                services,
                reserves,
                funding,
                tax,
                limits,
                min_programmes..=3,
                Just(n),
            )
        })
        .prop_flat_map(
            move |(services, reserves, funding, tax, limits, programmes, n)| {
                let amount = move |max: i64| {
                    if whole {
                        hundreds(max).boxed()
                    } else {
                        money(max).boxed()
                    }
                };
                let n_services = services.len();
                let n_reserves = reserves.len();
                // A programme line: a cumulative target and plan (running sums of increments).
                let line = (
                    0..n_services,
                    prop::collection::vec(amount(10_000_000), n + 1),
                    prop::collection::vec(amount(10_000_000), n + 1),
                );
                let programme = (
                    prop::collection::vec(line, 1..=3),
                    prop::option::of(0..n_reserves),
                    prop::option::of(0..n_reserves),
                );
                (
                    Just((services, reserves, funding, tax, limits, n)),
                    prop::collection::vec(programme, programmes),
                )
            },
        )
        .prop_map(
            |((services, reserves, funding, tax, limits, n), programmes)| {
                let years = build::years(n);
                let reserves = build::reserves(reserves);
                let (core_limit_pct, asc_limit_pct, dispensation, use_dispensation) = limits;
                Council {
                    nation: Default::default(),
                    rise_cap_pct: vec![None; n],
                    capitalisation: None,
                    overspend: vec![Decimal::ZERO; n],
                    other_precepts: Vec::new(),
                    risk: None,
                    options: Vec::new(),
                    require_balance: false,
                    paper: Default::default(),
                    name: "Testshire".into(),
                    as_at: None,
                    base_year: "2019/20".into(),
                    services: build::services(services),
                    programmes: programmes
                        .into_iter()
                        .enumerate()
                        .map(
                            |(i, (lines, cash_flow_reserve, early_delivery_reserve))| Programme {
                                id: format!("p{i}"),
                                name: format!("Programme {i}"),
                                cash_flow_reserve,
                                early_delivery_reserve,
                                lines: lines
                                    .into_iter()
                                    .map(|(service, t, p)| ProgrammeLine {
                                        service,
                                        target_from_base: cumulative(t),
                                        plan_from_base: cumulative(p),
                                        rag: None,
                                    })
                                    .collect(),
                            },
                        )
                        .collect(),
                    council_tax: CouncilTax {
                        band_d: tax.0,
                        tax_base: tax.1,
                        tax_base_growth_pct: tax.2,
                        collection_fund: tax.3,
                        core_pct: tax.4,
                        asc_pct: tax.5,
                        restated_band_d: tax.6,
                    },
                    funding: build::funding(funding),
                    reserves,
                    reserves_minimum: ReservesMinimum::PctOfNetRequirement(Decimal::new(25, 1)),
                    referendum: ReferendumLimits {
                        core_limit_pct,
                        asc_limit_pct,
                        dispensation_pct: if use_dispensation {
                            dispensation
                        } else {
                            vec![None; n]
                        },
                        asc_windows: Vec::new(),
                    },
                    years,
                }
            },
        )
}

fn case(whole: bool) -> impl Strategy<Value = (Council, Levers)> {
    case_with(whole, 0)
}

fn case_with(whole: bool, min_programmes: usize) -> impl Strategy<Value = (Council, Levers)> {
    council(whole, min_programmes)
        .prop_flat_map(move |c| {
            let n = c.horizon();
            // Capitalisation directions (docs/model-notes.md), only where figures need not
            // be whole pence: a direction's MRP is a fraction of it.
            let directions = prop::collection::vec(prop::option::of(money(50_000_000)), n)
                .prop_map(|d| {
                    d.into_iter()
                        .map(|v| v.unwrap_or(Decimal::ZERO))
                        .collect::<Vec<_>>()
                });
            let terms = prop::option::of((directions, rate(0, 10), 1usize..=25));
            let terms = if whole {
                Just(None).boxed()
            } else {
                terms.boxed()
            };
            // A stated in-year overspend in some years (whole pounds in the whole case).
            let overspend = prop::collection::vec(
                prop::option::weighted(
                    0.3,
                    if whole {
                        hundreds(5_000_000).boxed()
                    } else {
                        money(5_000_000).boxed()
                    },
                ),
                n,
            );
            (Just(c), terms, overspend)
        })
        .prop_map(|(mut c, terms, overspend)| {
            c.overspend = overspend
                .into_iter()
                .map(|v| v.unwrap_or(Decimal::ZERO))
                .collect();
            c.capitalisation =
                terms.map(
                    |(directions, interest_pct, repayment_years)| Capitalisation {
                        directions,
                        interest_pct: interest_pct.abs(),
                        repayment_years,
                    },
                );
            c
        })
        .prop_flat_map(move |c| {
            let l = levers(&c, whole);
            (Just(c), l)
        })
}

/// Checks the §7 identities on a result; `allowance` is pennies per rounded term.
fn check_identities(
    c: &Council,
    l: &Levers,
    p: &Projection,
    halfpennies: bool,
) -> Result<(), TestCaseError> {
    let slack = |terms: usize| {
        if halfpennies {
            Decimal::new(5, 3) * Decimal::from(terms)
        } else {
            Decimal::ZERO
        }
    };
    let mut previous: Vec<Decimal> = c.reserves.iter().map(|r| round2(r.opening)).collect();
    for (t, y) in p.years.iter().enumerate() {
        // closing = previous closing + planned in − planned out + credits − draws.
        let (mut draws, mut credits) = (Decimal::ZERO, Decimal::ZERO);
        for (r, res) in y.reserves.iter().enumerate() {
            prop_assert_eq!(
                res.opening.value(),
                previous[r],
                "{} {}: opening is last year's closing",
                y.year,
                res.id
            );
            let moved = res.opening.value() + res.planned_in.value() - res.planned_out.value()
                + res.credit.value()
                - res.draw.value();
            prop_assert!(
                (res.closing.value() - moved).abs() <= slack(6),
                "{} {}: closing {} but movements give {}",
                y.year,
                res.id,
                res.closing,
                moved
            );
            // Automatic draws never take a reserve below its floor.
            if res.draw.value() > Decimal::ZERO {
                prop_assert!(
                    res.closing.value() >= round2(c.reserves[r].floor),
                    "{} {}: drawn below its floor",
                    y.year,
                    res.id
                );
            }
            if !l.use_reserves {
                prop_assert_eq!(res.draw.value(), Decimal::ZERO);
                prop_assert_eq!(res.credit.value(), Decimal::ZERO);
            }
            draws += res.draw.value();
            credits += res.credit.value();
            previous[r] = res.closing.value();
        }
        // Σ draws + Unfunded − Σ credits = Gap + Σ shortfalls + the deficit brought
        // forward, whenever reserves are used (a negative reserve's repayment is a credit
        // and part of the need, so it cancels); with none used, Unfunded = max(0, Gap +
        // Σ shortfalls + brought forward). The deficit brought forward is last year's
        // unfunded amount (docs/model-notes.md, "A deficit carries forward").
        let shortfalls: Decimal = y.programmes.iter().map(|p| p.shortfall.value()).sum();
        let terms = 2 * y.reserves.len() + y.programmes.len() + 3;
        let brought = y.deficit_brought_forward.value();
        let last_unfunded = if t == 0 {
            Decimal::ZERO
        } else {
            p.years[t - 1].unfunded.value()
        };
        prop_assert_eq!(brought, last_unfunded, "{}: brought forward", &y.year);
        if l.use_reserves {
            let lhs = draws + y.unfunded.value() - credits;
            let rhs = y.gap.value() + shortfalls + brought;
            prop_assert!(
                (lhs - rhs).abs() <= slack(terms),
                "{}: draws+unfunded-credits {} but gap+shortfall+brought forward {}",
                y.year,
                lhs,
                rhs
            );
        } else {
            let want = (y.gap.value() + shortfalls + brought).max(Decimal::ZERO);
            prop_assert!(
                (y.unfunded.value() - want).abs() <= slack(terms),
                "{}: unfunded {} but expected {}",
                y.year,
                y.unfunded,
                want
            );
        }
        // A reserve that funds gaps never ends a year below zero when reserves are used:
        // it is repaid first.
        if l.use_reserves {
            for (r, res) in y.reserves.iter().enumerate() {
                if c.reserves[r].gap_order.is_some() {
                    prop_assert!(
                        res.closing.value() >= Decimal::ZERO,
                        "{} {} below zero",
                        &y.year,
                        &res.id
                    );
                }
            }
        }
        prop_assert!(y.unfunded.value() >= Decimal::ZERO);
        // Ring-fenced reserves are in the total but not tested against the minimum.
        let ring: Decimal = y
            .reserves
            .iter()
            .zip(&c.reserves)
            .filter(|(_, r)| r.ring_fenced)
            .map(|(res, _)| res.closing.value())
            .sum();
        prop_assert!((y.ring_fenced_reserves.value() - ring).abs() <= slack(y.reserves.len()));
        let counted = y.total_reserves.value() - ring - y.reserves_minimum.value();
        if counted.abs() > slack(y.reserves.len() + 2) + Decimal::new(2, 2) {
            prop_assert_eq!(
                y.below_minimum,
                counted < Decimal::ZERO,
                "{}: below the minimum",
                &y.year
            );
        }
        // Band D is last year's times the rise, rounded; bands are Band D × ratio, rounded.
        let before = if t == 0 {
            c.council_tax.band_d
        } else {
            p.years[t - 1].band_d.value()
        };
        let rise = Decimal::ONE + (l.core_pct[t] + l.asc_pct[t]) / Decimal::ONE_HUNDRED;
        // The rise applies to last year's Band D restated, where one is given.
        let base = c.council_tax.restated_band_d[t].unwrap_or(before);
        prop_assert_eq!(y.band_d.value(), round2(base * rise));
        for (band, ninths) in BANDS {
            prop_assert_eq!(
                y.bands.get(band).unwrap().value(),
                band_charge(y.band_d.value(), ninths).unwrap(),
                "band {}",
                band
            );
            // The weekly change is the change in the band's charge over 52 weeks, rounded.
            let change = y.bands.get(band).unwrap().value() - band_charge(before, ninths).unwrap();
            prop_assert_eq!(
                y.weekly_change.get(band).unwrap().value(),
                round2(change / Decimal::from(52)),
                "weekly change, band {}",
                band
            );
        }
        // The total gap is the gap plus the savings shortfall.
        prop_assert!((y.total_gap.value() - (y.gap.value() + shortfalls)).abs() <= slack(terms));
        // The limits the page shows are the ones the referendum test applies: a rise just
        // below the total limit with no core rise is lawful, one at the total limit is not.
        let limit = y
            .referendum_limit
            .as_ref()
            .expect("England has referendum limits");
        let total: Decimal = limit.total_pct.parse().unwrap();
        prop_assert!(needs_referendum(c, t, Decimal::ZERO, total));
        let core_lawful = limit.core_pct.as_ref().map_or(true, |l| l != "0");
        if core_lawful {
            prop_assert!(!needs_referendum(
                c,
                t,
                Decimal::ZERO,
                total - Decimal::new(1, 2)
            ));
        }
        if let Some(core) = &limit.core_pct {
            let core: Decimal = core.parse().unwrap();
            prop_assert!(needs_referendum(c, t, core, Decimal::ZERO));
        }
        // The gap is net requirement less funding; funding is council tax plus the rest.
        prop_assert!(
            (y.gap.value() - (y.net_requirement.value() - y.funding.value())).abs() <= slack(3)
        );
        // (and a capitalisation direction: docs/model-notes.md)
        let funding_terms = if y.capitalisation.is_zero() { 3 } else { 4 };
        prop_assert!(
            (y.funding.value()
                - (y.council_tax.value() + y.other_funding.value() + y.capitalisation.value()))
            .abs()
                <= slack(funding_terms)
        );
        // A direction's cost is MRP and interest on the borrowing, worked out again here.
        if let Some(k) = &c.capitalisation {
            let n = Decimal::from(k.repayment_years as u64);
            let mut cost = Decimal::ZERO;
            for (given, d) in l.capitalisation.iter().enumerate().take(t) {
                let j = t - given;
                if j <= k.repayment_years {
                    let owed = d * Decimal::from((k.repayment_years - j + 1) as u64) / n;
                    cost += d / n + owed * k.interest_pct / Decimal::ONE_HUNDRED;
                }
            }
            prop_assert!(
                (y.capitalisation_cost.value() - cost).abs() <= slack(1) + Decimal::new(5, 3),
                "{}: cost {} but {}",
                &y.year,
                y.capitalisation_cost,
                cost
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn identities_hold_within_the_rounding_of_each_item((c, l) in case(false)) {
        let p = project(&c, &l).unwrap();
        check_identities(&c, &l, &p, true)?;
    }

    /// The summary is worked from exact figures and rounded once (model.md §2): the
    /// cumulative gap is the exact sum of the gaps rounded, not a sum of rounded gaps,
    /// and the lowest total reserves the exact lowest, rounded, in its first year.
    #[test]
    fn the_summary_is_exact_rounded_once((c, l) in case(false)) {
        let p = project(&c, &l).unwrap();
        let exact = mtfs::trace::figures(&c, &l).unwrap();
        let sum: Decimal = exact.iter().map(|y| y.gap).sum();
        prop_assert_eq!(p.summary.cumulative_gap.value(), round2(sum));
        let lowest = exact.iter().map(|y| y.total_reserves).min().unwrap();
        prop_assert_eq!(p.summary.lowest_total_reserves.value(), round2(lowest));
        let first = exact.iter().position(|y| y.total_reserves == lowest).unwrap();
        prop_assert_eq!(&p.summary.lowest_total_reserves_year, &c.years[first]);
        let unfunded = exact.iter().position(|y| round2(y.unfunded) > Decimal::ZERO);
        prop_assert_eq!(p.summary.first_unfunded_year.as_ref(), unfunded.map(|t| &c.years[t]));
    }

    #[test]
    fn identities_hold_to_the_penny_when_every_flow_is_whole_pence((c, l) in case(true)) {
        let p = project(&c, &l).unwrap();
        check_identities(&c, &l, &p, false)?;
    }

    #[test]
    fn raising_a_years_council_tax_rise_never_lowers_later_council_tax((c, l) in case(false), year in 0usize..6, extra in 1i64..500) {
        let t = year % c.horizon();
        let mut higher = l.clone();
        higher.core_pct[t] += Decimal::new(extra, 2);
        let (a, b) = (project(&c, &l).unwrap(), project(&c, &higher).unwrap());
        for u in t..c.horizon() {
            prop_assert!(b.years[u].council_tax >= a.years[u].council_tax, "{}: {} fell to {}", a.years[u].year, a.years[u].council_tax, b.years[u].council_tax);
        }
        for u in 0..t {
            prop_assert_eq!(&b.years[u].council_tax, &a.years[u].council_tax);
        }
    }

    #[test]
    fn raising_savings_delivery_never_lowers_total_reserves((c, l) in case_with(false, 1), which in 0usize..3, extra in 1i64..5000) {
        let p = which % c.programmes.len();
        let mut higher = l.clone();
        higher.delivery_pct[p] += Decimal::new(extra, 2);
        let (a, b) = (project(&c, &l).unwrap(), project(&c, &higher).unwrap());
        for (ya, yb) in a.years.iter().zip(&b.years) {
            prop_assert!(yb.total_reserves >= ya.total_reserves, "{}: total reserves fell from {} to {}", ya.year, ya.total_reserves, yb.total_reserves);
            prop_assert!(yb.unfunded <= ya.unfunded, "{}: unfunded rose from {} to {}", ya.year, ya.unfunded, yb.unfunded);
        }
    }

    #[test]
    fn without_reserves_every_reserve_moves_only_by_its_plan((c, l) in case(false)) {
        let mut l = l;
        l.use_reserves = false;
        let p = project(&c, &l).unwrap();
        for (r, reserve) in c.reserves.iter().enumerate() {
            let mut balance = reserve.opening;
            for (t, y) in p.years.iter().enumerate() {
                balance += reserve.planned_in[t] - reserve.planned_out[t];
                prop_assert_eq!(y.reserves[r].closing.value(), round2(balance), "{} {}", y.year, reserve.id);
            }
        }
    }

    /// The page's lever-move call (`project_view`, which never builds the lines) writes
    /// exactly what the whole projection's view writes, and fails where it fails.
    #[test]
    fn the_view_without_lines_is_the_projections_view((c, l) in case_with_options().prop_map(|(c, l, picks)| { let l = choosing(&c, &l, &picks); (c, l) })) {
        let whole = project(&c, &l).map(|p| serde_json::to_string(&p.view()).unwrap());
        let view = mtfs::engine::project_view(&c, &l).map(|v| serde_json::to_string(&v).unwrap());
        prop_assert_eq!(&whole, &view);
        // The page's own writer (`View::to_json`) writes the same text.
        let by_hand = mtfs::engine::project_view(&c, &l).map(|v| v.to_json().unwrap());
        prop_assert_eq!(view, by_hand);
    }

    #[test]
    fn the_plan_is_the_default_scenario((c, _l) in case(false)) {
        let plan = Levers::plan(&c);
        let via_scenario = mtfs::project_scenario(&c, &mtfs::Scenario::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(project(&c, &plan).unwrap(), via_scenario);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() })]

    /// band_charge works in whole pence for speed; it must agree with model.md's
    /// `round2(BandD × ratio)` in Decimal for every Band D.
    #[test]
    fn band_charges_in_pence_equal_the_decimal_rule(pence in -1_000_000_000i64..1_000_000_000, scale in 0u32..=4) {
        let band_d = Decimal::new(pence, scale);
        for (band, ninths) in BANDS {
            let by_decimal = round2(band_d * Decimal::from(ninths) / Decimal::from(9));
            prop_assert_eq!(band_charge(band_d, ninths), Some(by_decimal), "band {} of {}", band, band_d);
        }
    }
}

/// Random options for a council: one to four, each with its plan level first (changing
/// nothing) and one to three other levels with effects in pence (some from a reserve),
/// and a random choice of level for each.
fn options_for(c: &Council) -> impl Strategy<Value = (Vec<ChoiceOption>, Vec<usize>)> {
    let (n, reserves) = (c.horizon(), c.reserves.len());
    let level = move || {
        (
            prop::collection::vec(-100_000_000_000i64..100_000_000_000, n),
            prop::option::weighted(0.3, 0..reserves.max(1)),
        )
            .prop_map(move |(pence, reserve)| Level {
                id: String::new(),
                label: String::new(),
                consequence: String::new(),
                effect: pence.into_iter().map(|p| Decimal::new(p, 2)).collect(),
                from_reserve: reserve.filter(|_| reserves > 0),
                scenario: None,
            })
    };
    prop::collection::vec(prop::collection::vec(level(), 1..4), 1..5)
        .prop_map(move |options| {
            options
                .into_iter()
                .enumerate()
                .map(|(i, mut levels)| {
                    let plan = Level {
                        id: "plan".into(),
                        label: "Plan".into(),
                        consequence: String::new(),
                        effect: vec![Decimal::ZERO; n],
                        from_reserve: None,
                        scenario: None,
                    };
                    levels.insert(0, plan);
                    for (j, l) in levels.iter_mut().enumerate().skip(1) {
                        l.id = format!("level-{j}");
                    }
                    ChoiceOption {
                        id: format!("option-{i}"),
                        theme: Theme::Services,
                        title: format!("Option {i}"),
                        description: String::new(),
                        question: None,
                        constraints: Vec::new(),
                        plan_level: 0,
                        levels,
                    }
                })
                .collect::<Vec<_>>()
        })
        .prop_flat_map(|options| {
            let picks: Vec<_> = options.iter().map(|o| 0..o.levels.len()).collect();
            (Just(options), picks)
        })
}

/// A council with random options and levers, and a random choice of levels.
fn case_with_options() -> impl Strategy<Value = (Council, Levers, Vec<usize>)> {
    case(false).prop_flat_map(|(c, l)| {
        options_for(&c).prop_map(move |(options, picks)| {
            let mut c = c.clone();
            c.options = options;
            let mut l = l.clone();
            let plan = Levers::plan(&c);
            (l.choices, l.option_effect, l.option_draws) =
                (plan.choices, plan.option_effect, plan.option_draws);
            (c, l, picks)
        })
    })
}

/// 10^-12 pounds: far below a penny, far above Decimal's last digit for these sizes.
fn tiny() -> Decimal {
    Decimal::new(1, 12)
}

/// `l` with the options at `picks`, resolved by the engine from a scenario's choices.
fn choosing(c: &Council, l: &Levers, picks: &[usize]) -> Levers {
    let scenario = mtfs::Scenario {
        choices: c
            .options
            .iter()
            .zip(picks)
            .map(|(o, &p)| (o.id.clone(), o.levels[p].id.clone()))
            .collect(),
        ..Default::default()
    };
    let chosen = scenario.resolve(c).expect("random choices resolve");
    Levers {
        choices: chosen.choices,
        option_effect: chosen.option_effect,
        option_draws: chosen.option_draws,
        ..l.clone()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// docs/model-notes.md, "Options": in every year the gap moves by exactly the chosen
    /// levels' stated effects, and two choices together move it by the sum of their
    /// moves; model.md §7's identities still hold with choices made.
    #[test]
    fn the_gap_moves_by_exactly_the_chosen_effects((c, l, picks) in case_with_options()) {
        let before = mtfs::trace::figures(&c, &l).unwrap();
        let with = choosing(&c, &l, &picks);
        let after = mtfs::trace::figures(&c, &with).unwrap();
        for t in 0..c.horizon() {
            let stated: Decimal = c.options.iter().zip(&picks).map(|(o, &p)| o.levels[p].effect[t]).sum();
            // Exact to Decimal's 28 significant digits (a gap compounded from inflation
            // rates can carry more digits than that, and the last one is rounded).
            prop_assert!((after[t].gap - (before[t].gap - stated)).abs() < tiny(), "year {}", t);
        }
        // Each choice alone, then all together: the moves add up.
        let mut moves = vec![Decimal::ZERO; c.horizon()];
        for (i, &p) in picks.iter().enumerate() {
            let mut one = vec![0; picks.len()];
            one[i] = p;
            let alone = mtfs::trace::figures(&c, &choosing(&c, &l, &one)).unwrap();
            for t in 0..c.horizon() {
                moves[t] += alone[t].gap - before[t].gap;
            }
        }
        for t in 0..c.horizon() {
            prop_assert!((after[t].gap - before[t].gap - moves[t]).abs() < tiny());
        }
        let p = project(&c, &with).unwrap();
        check_identities(&c, &with, &p, true)?;
        // The rounded gap moves by the effects too, since they are whole pence: exactly,
        // except where the choices take the gap across zero from exactly half a penny,
        // where rounding half away from zero goes the other way (-0.005 to -0.01, +0.005 to
        // +0.01): then by a penny at most.
        let plan = project(&c, &l).unwrap();
        let half_penny = |x: Decimal| (x * Decimal::from(100)).fract().abs() == Decimal::new(5, 1);
        for (t, (a, b)) in p.years.iter().zip(&plan.years).enumerate() {
            let stated: Decimal = c.options.iter().zip(&picks).map(|(o, &p)| o.levels[p].effect[t]).sum();
            let moved = a.gap.value() - (b.gap.value() - stated);
            let crosses = before[t].gap.is_sign_negative() != after[t].gap.is_sign_negative();
            if crosses && half_penny(before[t].gap) {
                prop_assert!(moved.abs() <= Decimal::new(1, 2), "year {}: {}", t, moved);
            } else {
                prop_assert_eq!(moved, Decimal::ZERO, "year {}", t);
            }
        }
    }
}
