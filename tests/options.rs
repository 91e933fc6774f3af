//! The council's options (docs/model-notes.md, "Options"): the worked example, what each
//! kind of level does, the identity on every level of every shipped data file, and what
//! validation refuses.

use mtfs::{project_scenario, Council, Scenario};
use serde_json::{json, Value};

const TINY: &str = include_str!("fixtures/tiny-options.json");
const SHIPPED: [(&str, &str); 3] = [
    ("tests/fixtures/tiny-options.json", TINY),
    (
        "data/hampshire.json",
        include_str!("../data/hampshire.json"),
    ),
    ("data/template.json", include_str!("../data/template.json")),
];

fn council(text: &str) -> Council {
    mtfs::load_data_json(text)
        .unwrap_or_else(|e| panic!("{e}"))
        .1
}

fn choosing(pairs: &[(&str, &str)]) -> Scenario {
    Scenario {
        choices: pairs
            .iter()
            .map(|(o, l)| (o.to_string(), l.to_string()))
            .collect(),
        ..Scenario::default()
    }
}

fn gaps(c: &Council, s: &Scenario) -> Vec<String> {
    let p = project_scenario(c, s).unwrap_or_else(|e| panic!("{e}"));
    p.years.iter().map(|y| y.gap.to_string()).collect()
}

/// The hand-worked example in docs/model-notes.md.
#[test]
fn the_worked_example_gives_the_hand_figures() {
    let c = council(TINY);
    assert_eq!(gaps(&c, &Scenario::default()), ["-22858.80", "-44507.78"]);
    assert_eq!(
        gaps(&c, &choosing(&[("roads-cut", "reduce")])),
        ["-32858.80", "-64507.78"]
    );
    assert_eq!(
        gaps(&c, &choosing(&[("parking-charge", "introduce")])),
        ["-22858.80", "-49507.78"]
    );
    let both = choosing(&[("roads-cut", "reduce"), ("parking-charge", "introduce")]);
    assert_eq!(gaps(&c, &both), ["-32858.80", "-69507.78"]);
    let p = project_scenario(&c, &both).unwrap();
    let net: Vec<String> = p
        .years
        .iter()
        .map(|y| y.net_requirement.to_string())
        .collect();
    assert_eq!(net, ["1527500.00", "1541512.50"]);
    let chosen: Vec<String> = p
        .years
        .iter()
        .map(|y| y.chosen_options.to_string())
        .collect();
    assert_eq!(chosen, ["10000.00", "25000.00"]);
    assert_eq!(p.choices.len(), 2);
    assert_eq!(p.choices[0].option, "roads-cut");
    assert_eq!(p.choices[0].effect[1].to_string(), "20000.00");
}

/// Money from a reserve lowers the gap and the reserve by the same amount, in its year.
#[test]
fn a_level_paid_from_a_reserve_is_one_off_money_from_it() {
    let c = council(TINY);
    let plan = project_scenario(&c, &Scenario::default()).unwrap();
    let p = project_scenario(&c, &choosing(&[("bridge", "use-general")])).unwrap();
    assert_eq!(
        p.years[0].gap.value(),
        plan.years[0].gap.value() - rust_decimal::Decimal::from(8000)
    );
    assert_eq!(p.years[1].gap, plan.years[1].gap, "reserves pay once");
    let general = |p: &mtfs::Projection, t: usize| p.years[t].reserves[0].clone();
    assert_eq!(general(&p, 0).planned_out.to_string(), "8000.00");
    // The gap is a surplus here, credited to general balances: £8,000 more surplus in, and
    // £8,000 out, leave the same closing balance.
    assert_eq!(general(&p, 0).closing, general(&plan, 0).closing);
}

/// A council tax level sets levers; a view changes nothing but is listed.
#[test]
fn a_council_tax_level_sets_levers_and_a_view_changes_nothing() {
    let c = council(TINY);
    let freeze = project_scenario(&c, &choosing(&[("council-tax", "freeze")])).unwrap();
    assert_eq!(freeze.years[0].band_d.to_string(), "1000.00");
    assert_eq!(freeze.years[0].core_pct, "0");
    let view = project_scenario(&c, &choosing(&[("lobby", "agree")])).unwrap();
    let plan = project_scenario(&c, &Scenario::default()).unwrap();
    assert_eq!(view.years, plan.years);
    assert_eq!(view.choices.len(), 1);
    assert_eq!(view.choices[0].label, "Agree");
}

/// For every option level in every shipped data file: a level with effects moves each
/// year's gap by exactly its effects; a level with levers gives what its levers give.
#[test]
fn every_level_of_every_shipped_file_moves_the_gap_by_its_effect() {
    for (name, text) in SHIPPED {
        let c = council(text);
        let plan = project_scenario(&c, &Scenario::default()).unwrap();
        for option in &c.options {
            for level in &option.levels {
                let chosen = choosing(&[(&option.id, &level.id)]);
                let p = project_scenario(&c, &chosen).unwrap_or_else(|e| panic!("{name}: {e}"));
                let expected = match &level.scenario {
                    Some(levers) => {
                        project_scenario(&c, &Scenario::default().with(levers)).unwrap()
                    }
                    None => plan.clone(),
                };
                for (t, (y, e)) in p.years.iter().zip(&expected.years).enumerate() {
                    let moved = e.gap.value() - level.effect[t];
                    assert_eq!(
                        y.gap.value(),
                        moved,
                        "{name}: {} {} in {}",
                        option.id,
                        level.id,
                        y.year
                    );
                }
            }
        }
    }
}

/// The problems loading the tiny council with `change` applied to its JSON.
fn problems(change: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut data: Value = serde_json::from_str(TINY).unwrap();
    change(&mut data);
    match mtfs::load_data_json(&data.to_string()) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems.iter().map(ToString::to_string).collect(),
    }
}

fn assert_refused(found: &[String], words: &str) {
    assert!(
        found.iter().any(|p| p.contains(words)),
        "expected {words:?} in {found:#?}"
    );
}

#[test]
fn validation_refuses_options_that_cannot_work() {
    assert_refused(
        &problems(|d| d["options"][0]["id"] = json!("roads cut")),
        "options[0].id: use only letters, digits and hyphens",
    );
    assert_refused(
        &problems(|d| d["options"][1]["id"] = json!("roads-cut")),
        "options[1].id: duplicate id \"roads-cut\"",
    );
    assert_refused(
        &problems(|d| d["options"][0]["plan_level"] = json!("reduce")),
        "options[0].levels[1]: the plan's level changes nothing",
    );
    assert_refused(
        &problems(|d| d["options"][0]["plan_level"] = json!("gone")),
        "options[0].plan_level: no level has the id \"gone\"",
    );
    assert_refused(
        &problems(|d| {
            d["options"][4]["levels"][0]["effect"] =
                json!({"2020/21": {"value": "1", "assumption": "x"}})
        }),
        "options[4].levels[0]: a view's answers change no figure",
    );
    assert_refused(
        &problems(|d| d["options"][2]["levels"][1]["from_reserve"] = json!("nowhere")),
        "options[2].levels[1].from_reserve: no reserve has the id \"nowhere\"",
    );
    assert_refused(
        &problems(|d| {
            d["options"][1]["levels"]
                .as_array_mut()
                .unwrap()
                .truncate(1)
        }),
        "options[1].levels: give 2 to 20 levels (got 1)",
    );
    assert_refused(
        &problems(|d| {
            d["options"][3]["levels"][1]["scenario"] = json!({"core_pct": {"2030/31": "1"}})
        }),
        "options[3].levels[1].scenario.core_pct.2030/31: not a projection year",
    );
    assert_refused(
        &problems(|d| d["options"][1]["levels"][1]["effect"]["2021/22"] = json!({"value": "5000"})),
        "options[1].levels[1].effect.2021/22: give exactly one of source, derived or assumption",
    );
    assert_refused(
        &problems(|d| d["options"][0]["constraints"][0] = json!({"text": "x"})),
        "options[0].constraints[0]: give exactly one of source, derived or assumption",
    );
    assert_refused(
        &problems(|d| d["options"][0]["levels"][1]["consequence"] = json!(" ")),
        "options[0].levels[1].consequence: say what would change",
    );
}

#[test]
fn a_scenario_naming_an_unknown_option_or_level_is_refused_by_path() {
    let c = council(TINY);
    let e = project_scenario(&c, &choosing(&[("bins", "weekly")])).unwrap_err();
    assert_eq!(e.problems[0].path, "choices.bins");
    let e = project_scenario(&c, &choosing(&[("roads-cut", "double")])).unwrap_err();
    assert_eq!(e.problems[0].path, "choices.roads-cut");
    assert!(
        e.problems[0]
            .message
            .contains("levels are keep, reduce, stop"),
        "{e}"
    );
}

/// Goal seek's "which options close the gap": each answer's verdict is what projecting
/// the scenario with that level gives, and views are not offered.
#[test]
fn goal_seek_says_which_options_would_keep_every_year_safe() {
    for (name, text) in SHIPPED {
        let c = council(text);
        // A scenario with a gap to close: no reserves used.
        let scenario = Scenario {
            use_reserves: Some(false),
            ..Scenario::default()
        };
        let g = mtfs::seek_scenario(&c, &scenario).unwrap();
        let levels: usize = c
            .options
            .iter()
            .filter(|o| o.theme != mtfs::model::Theme::Views)
            .map(|o| o.levels.len() - 1)
            .sum();
        assert!(g.options.len() <= levels, "{name}");
        for answer in &g.options {
            let option = c.options.iter().find(|o| o.id == answer.option).unwrap();
            assert_ne!(option.theme, mtfs::model::Theme::Views);
            let p = project_scenario(&c, &scenario.with(&answer.change)).unwrap();
            let safe = p
                .years
                .iter()
                .all(|y| y.unfunded.value().is_zero() && !y.below_minimum);
            assert_eq!(
                answer.safe, safe,
                "{name}: {} {}",
                answer.option, answer.level
            );
        }
    }
}
