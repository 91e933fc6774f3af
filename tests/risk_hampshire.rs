//! Risk, goal seek and drivers on Hampshire's data set: the risk section's validation,
//! the fixed-seed fixture the browser test compares with (tests/web.rs), and answers
//! checked against the engine.
//!
//! Regenerate the fixtures after a deliberate change with
//! `MTFS_UPDATE_FIXTURES=1 cargo test --test risk_hampshire`.

use mtfs::goal::apply;
use mtfs::{project_scenario, Council, Scenario};
use serde_json::{json, Value};

const HAMPSHIRE: &str = include_str!("../data/hampshire.json");
/// 10,000 paths of Hampshire's plan with seed 42, as the page runs them.
const RISK_FIXTURE: &str = "tests/fixtures/risk-seed-42.json";
/// Goal seek and drivers for Hampshire's plan.
const INSIGHT_FIXTURE: &str = "tests/fixtures/insight-hampshire.json";

fn council() -> Council {
    mtfs::load_data_json(HAMPSHIRE).expect("valid").1
}

fn scenario(json: &str) -> Scenario {
    mtfs::scenario_from_json(json).expect("valid scenario")
}

/// The problems loading Hampshire's data with `change` applied to its JSON.
fn problems(change: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut data: Value = serde_json::from_str(HAMPSHIRE).unwrap();
    change(&mut data);
    match mtfs::load_data_json(&data.to_string()) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems.iter().map(ToString::to_string).collect(),
    }
}

fn has(problems: &[String], path: &str, words: &str) -> bool {
    problems
        .iter()
        .any(|p| p.starts_with(&format!("{path}: ")) && p.contains(words))
}

#[test]
fn the_risk_section_is_optional() {
    let p = problems(|d| {
        d.as_object_mut().unwrap().remove("risk");
    });
    assert!(p.is_empty(), "{p:?}");
    let mut data: Value = serde_json::from_str(HAMPSHIRE).unwrap();
    data.as_object_mut().unwrap().remove("risk");
    let (_, c) = mtfs::load_data_json(&data.to_string()).unwrap();
    let e = mtfs::simulate_scenario(&c, &Scenario::default(), 100, 1).unwrap_err();
    assert_eq!(e.problems[0].path, "risk");
    // Goal seek and drivers work without it; sensitivity has council tax only.
    let d = mtfs::drivers_scenario(&c, &Scenario::default()).unwrap();
    assert_eq!(d.sensitivity.levers.len(), 1);
    assert_eq!(d.sensitivity.levers[0].lever, "core_pct");
}

#[test]
fn every_problem_in_the_risk_section_is_reported_with_its_path() {
    let p = problems(|d| {
        let r = &mut d["risk"];
        r["ratings"]["red"]["delivery_pct"]["value"] = json!("120");
        r["ratings"]["amber"]["slip_pct"] = json!({"value": "10"});
        r["slip_years"]["value"] = json!("1.5");
        r["part_size"]["value"] = json!("0");
        r["unrated"]["tt2099"] = json!({"rating": "red", "assumption": "x"});
        r["unrated"].as_object_mut().unwrap().remove("tt2021");
        r["inflation_adjust_pp"]["low"]["value"] = json!("3");
        r["growth_factor"]["elderly"] = r["growth_factor"]["social_care"].clone();
    });
    for (path, words) in [
        ("risk.ratings.red.delivery_pct.value", "from 0 to 100"),
        ("risk.ratings.amber.slip_pct", "exactly one of source"),
        ("risk.slip_years.value", "whole number of years"),
        ("risk.part_size.value", "more than 0"),
        ("risk.unrated.tt2099", "no savings programme"),
        (
            "risk.unrated",
            "(tt2021) has £69.7m of planned future delivery with no RAG rating",
        ),
        ("risk.inflation_adjust_pp", "low (3) must not be above high"),
        (
            "risk.growth_factor.elderly",
            "no service line has this growth_group",
        ),
    ] {
        assert!(has(&p, path, words), "no {path}: {words} in {p:#?}");
    }
    // A rating that is not one of the four is refused when read, naming the field.
    let p = problems(|d| d["risk"]["unrated"]["tt2021"]["rating"] = json!("purple"));
    assert!(
        p.len() == 1 && p[0].starts_with("risk.unrated.tt2021.rating: unknown variant"),
        "{p:?}"
    );
    let p = problems(|d| d["risk"]["ratings"]["blue"]["odds"] = json!(1));
    assert!(
        p.len() == 1 && p[0].contains("unknown field `odds`"),
        "{p:?}"
    );
}

/// Compares `value` with the fixture at `path`, or writes it when asked to.
fn fixture(path: &str, value: &Value) {
    if std::env::var_os("MTFS_UPDATE_FIXTURES").is_some() {
        let text = serde_json::to_string_pretty(value).unwrap() + "\n";
        std::fs::write(path, text).unwrap();
    }
    let stored: Value = serde_json::from_str(
        &std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}")),
    )
    .unwrap();
    assert!(
        &stored == value,
        "{path} differs from the engine's result: if the change is deliberate, regenerate it with MTFS_UPDATE_FIXTURES=1 cargo test --test risk_hampshire"
    );
}

#[test]
fn a_fixed_seed_gives_the_fixture() {
    let sim = mtfs::simulate_scenario(&council(), &Scenario::default(), 10_000, 42).unwrap();
    fixture(RISK_FIXTURE, &serde_json::to_value(&sim).unwrap());
    // The same seed again gives the same figures; another seed does not.
    let again = mtfs::simulate_scenario(&council(), &Scenario::default(), 10_000, 42).unwrap();
    assert_eq!(sim, again);
    let other = mtfs::simulate_scenario(&council(), &Scenario::default(), 10_000, 43).unwrap();
    assert_ne!(sim.years, other.years);
}

#[test]
fn goal_seek_and_drivers_give_the_fixture() {
    let c = council();
    let value = json!({
        "goal_seek": mtfs::seek_scenario(&c, &Scenario::default()).unwrap(),
        "drivers": mtfs::drivers_scenario(&c, &Scenario::default()).unwrap(),
    });
    fixture(INSIGHT_FIXTURE, &value);
}

#[test]
fn the_simulation_reads_as_the_plan_says() {
    let sim = mtfs::simulate_scenario(&council(), &Scenario::default(), 10_000, 42).unwrap();
    assert_eq!(sim.paths, 10_000);
    assert_eq!(sim.percentile_method, "nearest-rank");
    let years: Vec<&str> = sim.years.iter().map(|y| y.year.as_str()).collect();
    assert_eq!(years, ["2020/21", "2021/22", "2022/23", "2023/24"]);
    let plan = project_scenario(&council(), &Scenario::default()).unwrap();
    for (s, y) in sim.years.iter().zip(&plan.years) {
        assert_eq!(s.scenario.total_reserves, y.total_reserves);
        assert_eq!(s.scenario.gap, y.gap);
        let p = &s.total_reserves;
        assert!(p.p5 <= p.p25 && p.p25 <= p.p50 && p.p50 <= p.p75 && p.p75 <= p.p95);
        // Chances "by" a year never fall.
        assert!(s.below_minimum_by.paths >= s.below_minimum.paths);
        assert!(s.unbalanced_by.paths >= s.unbalanced.paths);
    }
    for pair in sim.years.windows(2) {
        assert!(pair[1].below_minimum_by.paths >= pair[0].below_minimum_by.paths);
        assert!(pair[1].unbalanced_by.paths >= pair[0].unbalanced_by.paths);
    }
    // The 2020/21 gap does not depend on delivery: only growth and inflation move it, so
    // the plan's £40m sits inside its range.
    let gap = &sim.years[0].gap;
    assert!(gap.p5.value() < 40_000_000.into() && gap.p95.value() > 40_000_000.into());
}

#[test]
fn bad_path_counts_are_errors_not_panics() {
    for paths in [0, mtfs::risk::MAX_PATHS + 1] {
        let e = mtfs::simulate_scenario(&council(), &Scenario::default(), paths, 1).unwrap_err();
        assert_eq!(e.problems[0].path, "paths");
    }
    let e = mtfs::simulate_scenario(
        &council(),
        &scenario(r#"{"delivery_pct": {"tt2099": "1"}}"#),
        10,
        1,
    )
    .unwrap_err();
    assert_eq!(e.problems[0].path, "delivery_pct.tt2099");
}

fn safe(c: &Council, s: &Scenario) -> bool {
    project_scenario(c, s)
        .unwrap()
        .years
        .iter()
        .all(|y| y.unfunded.value().is_zero() && !y.below_minimum)
}

#[test]
fn the_plan_needs_a_core_rise_of_1_61_percent_and_no_more_savings() {
    let c = council();
    let g = mtfs::seek_scenario(&c, &Scenario::default()).unwrap();
    assert!(g.already_safe);
    let tax = &g.council_tax;
    assert_eq!(tax.core_pct.as_deref(), Some("1.61"));
    assert!(tax.within_limits);
    assert_eq!(
        tax.lawful_max_pct,
        [
            Some("1.99".to_string()),
            Some("1.99".into()),
            Some("1.99".into()),
            Some("1.99".into())
        ]
    );
    assert!(safe(
        &c,
        &apply(&Scenario::default(), tax.change.as_ref().unwrap())
    ));
    assert!(!safe(
        &c,
        &scenario(
            r#"{"core_pct": {"2020/21": "1.60", "2021/22": "1.60", "2022/23": "1.60", "2023/24": "1.60"}}"#
        )
    ));
    for s in &g.savings {
        assert_eq!(s.amount.unwrap().to_string(), "0.00");
        assert!(s.change.is_none());
    }
}

#[test]
fn when_tt2023_delivers_nothing_the_answers_mend_it() {
    let c = council();
    let failing = scenario(r#"{"delivery_pct": {"tt2023": "0"}}"#);
    let g = mtfs::seek_scenario(&c, &failing).unwrap();
    assert!(!g.already_safe);
    assert_eq!(g.first_unsafe_year.as_deref(), Some("2023/24"));
    let tax = &g.council_tax;
    assert!(tax.found);
    let applied = &apply(&failing, tax.change.as_ref().unwrap());
    assert_eq!(
        applied.delivery_pct, failing.delivery_pct,
        "the rest of the scenario is kept"
    );
    assert!(safe(&c, applied), "{}", tax.message);
    for s in &g.savings {
        let applied = &apply(&failing, s.change.as_ref().expect(&s.message));
        assert!(safe(&c, applied), "{}", s.message);
        let amount = s.amount.unwrap().value();
        let mut less = applied.clone();
        for (year, v) in less.extra_savings.iter_mut() {
            if year.as_str() >= s.from_year.as_str() {
                *v = (v.value() - rust_decimal::Decimal::ONE_THOUSAND).into();
            }
        }
        assert!(!safe(&c, &less), "£1,000 less also works: {}", s.message);
        assert!(amount > 0.into());
    }
    // Later starts need more a year.
    let amounts: Vec<_> = g.savings.iter().map(|s| s.amount.unwrap()).collect();
    assert!(amounts.windows(2).all(|w| w[0] <= w[1]), "{amounts:?}");
}

#[test]
fn when_no_lawful_rise_is_enough_the_answer_says_how_far_beyond() {
    let c = council();
    let failing = scenario(r#"{"extra_spend": {"2020/21": "90000000"}}"#);
    let g = mtfs::seek_scenario(&c, &failing).unwrap();
    let tax = &g.council_tax;
    assert!(tax.found && !tax.within_limits, "{}", tax.message);
    assert!(tax.core_pct.is_none());
    let beyond: rust_decimal::Decimal = tax.beyond_limit_pp.as_deref().unwrap().parse().unwrap();
    assert!(beyond > 0.into());
    assert!(tax.message.contains("beyond the limit"), "{}", tax.message);
    assert!(!tax.referendum_years.is_empty());
    assert!(safe(&c, &apply(&failing, tax.change.as_ref().unwrap())));
    // Savings from 2021/22 come too late for 2020/21.
    assert!(g.savings[1].amount.is_none());
    assert!(
        g.savings[1].message.contains("too late"),
        "{}",
        g.savings[1].message
    );
}

#[test]
fn the_2020_21_waterfall_explains_the_40m_gap() {
    let d = mtfs::drivers_scenario(&council(), &Scenario::default()).unwrap();
    let w = &d.waterfalls[0];
    assert_eq!(w.year, "2020/21");
    assert_eq!(w.previous_net_budget.to_string(), "735235000.00");
    assert_eq!(w.previous_gap.to_string(), "0.00");
    let bar = |id: &str| {
        w.to_gap
            .iter()
            .chain(&w.to_unfunded)
            .find(|b| b.id == id)
            .unwrap()
            .amount
            .to_string()
    };
    // 3.6% on the 2019/20 cash limits of £735.235m (docs/hampshire-data.md).
    assert_eq!(bar("inflation"), "26468460.00");
    assert_eq!(bar("demand_growth"), "73897540.00");
    assert_eq!(bar("other_spending"), "1615000.00");
    assert_eq!(w.gap.to_string(), "40000000.00");
    // Tt2021's early delivery is credited to reserves; the BBR meets the rest.
    assert_eq!(bar("savings_shortfall"), "-24148000.00");
    assert_eq!(bar("reserves_used"), "-15852000.00");
    assert_eq!(w.unfunded.to_string(), "0.00");
    // 2021/22 starts from 2020/21's gap, and Tt2021's £80m closes it.
    assert_eq!(d.waterfalls[1].previous_gap.to_string(), "40000000.00");
    assert_eq!(
        d.waterfalls[1]
            .to_gap
            .iter()
            .find(|b| b.id == "savings_removed")
            .unwrap()
            .amount
            .to_string(),
        "-80000000.00"
    );
}

#[test]
fn sensitivity_is_largest_swing_first_and_each_end_is_a_scenario() {
    let c = council();
    let d = mtfs::drivers_scenario(&c, &Scenario::default()).unwrap();
    let s = &d.sensitivity;
    assert_eq!(s.year, "2023/24");
    let levers: Vec<&str> = s.levers.iter().map(|l| l.lever.as_str()).collect();
    for lever in [
        "core_pct",
        "inflation_adjust_pp",
        "growth_factor.social_care",
        "delivery_pct.tt2021",
        "delay_years.tt2023",
    ] {
        assert!(levers.contains(&lever), "{levers:?}");
    }
    // Ranked by the larger of the swings in reserves and in what is left unfunded.
    assert!(s
        .levers
        .windows(2)
        .all(|w| mtfs::drivers::rank(&w[0]) >= mtfs::drivers::rank(&w[1])));
    for l in &s.levers {
        for end in [&l.low, &l.high] {
            let p = project_scenario(&c, &end.change).expect("each end is a valid scenario");
            assert_eq!(
                p.years.last().unwrap().total_reserves,
                end.total_reserves,
                "{}",
                l.lever
            );
        }
    }
}

#[test]
fn absurd_amounts_are_refused_not_a_panic() {
    let mut data: Value = serde_json::from_str(HAMPSHIRE).unwrap();
    let huge = json!({"value": "70000000000000000000000000000", "assumption": "a test of limits"});
    let line = &mut data["programmes"][2]["lines"][0];
    line["target"]["2023/24"] = huge.clone();
    line["plan"]["2023/24"] = huge;
    // Validation now refuses such amounts before anything can simulate them.
    let e = mtfs::load_data_json(&data.to_string()).unwrap_err();
    assert_eq!(
        e.problems[0].path,
        "programmes[2].lines[0].target.2023/24.value"
    );
    assert!(e.problems[0].message.contains("must be at most"), "{e}");
}

/// The runway: every path runs out in exactly one year or lasts, and the median year is
/// the first whose "by then" count reaches half the paths.
#[test]
fn the_runway_counts_each_path_once() {
    let sim = mtfs::simulate_scenario(&council(), &Scenario::default(), 2_000, 7).unwrap();
    let r = &sim.runway;
    let total: u32 = r.runs_out.iter().map(|c| c.paths).sum::<u32>() + r.lasts.paths;
    assert_eq!(total, 2_000);
    let half = sim
        .years
        .iter()
        .find(|y| y.unbalanced_by.paths >= 1_000)
        .map(|y| y.year.clone());
    assert_eq!(r.year_p50, half);
    let mut by = 0;
    for (y, c) in sim.years.iter().zip(&r.runs_out) {
        by += c.paths;
        assert_eq!(by, y.unbalanced_by.paths, "{}", y.year);
    }
    assert_eq!(r.scenario_year, None, "the plan's own bridging money lasts");
}
