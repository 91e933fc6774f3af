//! The fuzzer's regression corpus: every minimised input in tests/fuzz-corpus/ and every
//! input in tests/repro/ goes through every entry point of the engine (the fuzzer's own
//! harness, tests/fuzz/harness) with no panic and every invariant holding.
//!
//! Also the harness's own tests: each invariant check fires on a result broken on
//! purpose, so that no check is one that cannot fail.

#[path = "fuzz/harness/mod.rs"]
mod harness;

use harness::check::{self, Violation};
use harness::{corpus, Doc, Input};
use mtfs::engine::Projection;
use mtfs::number::Money;
use mtfs::scenario::Levers;
use mtfs::{Council, Scenario};
use rust_decimal::Decimal;
use serde_json::Value;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs each input, and lists every file with a finding or a harness error.
fn failures(inputs: Vec<(PathBuf, Result<Input, String>)>) -> Vec<String> {
    let mut out = Vec::new();
    for (path, input) in inputs {
        let name = path.display().to_string();
        let input = match input {
            Ok(i) => i,
            Err(e) => {
                out.push(format!("{name}: cannot be read: {e}"));
                continue;
            }
        };
        let report = harness::run(&input);
        let mut seen = Vec::new();
        for f in &report.findings {
            // One line for each kind of finding in a file.
            if !seen.contains(&f.signature()) {
                seen.push(f.signature());
                out.push(format!("{name}: {}", f.describe()));
            }
        }
        for e in &report.harness_errors {
            out.push(format!("{name}: HARNESS ERROR: {e}"));
        }
    }
    out
}

#[test]
fn the_fuzz_corpus_runs_clean() {
    let inputs = corpus::corpus_inputs(&root().join("tests/fuzz-corpus"));
    assert!(!inputs.is_empty(), "tests/fuzz-corpus has no inputs");
    let failed = failures(inputs);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn the_repro_inputs_run_clean() {
    let inputs = corpus::repro_inputs(&root().join("tests/repro"));
    assert!(inputs.len() >= 7, "tests/repro: {} inputs", inputs.len());
    let failed = failures(inputs);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

// ---------------------------------------------------------------------------------------
// The harness itself.

fn data(path: &str) -> Value {
    let text = std::fs::read_to_string(root().join(path)).expect("the data file is there");
    serde_json::from_str(&text).expect("the data file is JSON")
}

/// The template's council (it has a risk section), a scenario and its results.
struct Case {
    council: Council,
    scenario: Scenario,
    levers: Levers,
    projection: Projection,
}

fn case(scenario: &str) -> Case {
    let text = std::fs::read_to_string(root().join("data/template.json")).expect("template");
    let (_, council) = mtfs::load_data_json(&text).expect("the template loads");
    let scenario = mtfs::scenario_from_json(scenario).expect("the scenario reads");
    let levers = scenario.resolve(&council).expect("the scenario resolves");
    let projection = mtfs::project_scenario(&council, &scenario).expect("it projects");
    Case {
        council,
        scenario,
        levers,
        projection,
    }
}

fn names(v: &[Violation]) -> Vec<&str> {
    v.iter().map(|v| v.check.as_str()).collect()
}

/// Runs `check` on a result as given (it must pass) and after `breaking` it (the named
/// check must fire).
fn fires<T: Clone>(
    result: &T,
    check: impl Fn(&T, &mut Vec<Violation>),
    breaking: impl FnOnce(&mut T),
    expected: &str,
) {
    let mut clean = Vec::new();
    check(result, &mut clean);
    assert!(clean.is_empty(), "the unbroken result fails: {clean:?}");
    let mut broken = result.clone();
    breaking(&mut broken);
    let mut out = Vec::new();
    check(&broken, &mut out);
    assert!(
        names(&out).contains(&expected),
        "{expected:?} did not fire; got {:?}",
        names(&out)
    );
}

fn money(s: &str) -> Money {
    Money(s.parse().expect("a decimal"))
}

#[test]
fn the_harness_passes_the_shipped_data_sets() {
    for (data, scenario) in [
        ("data/template.json", None),
        ("data/hampshire.json", None),
        ("data/hampshire.json", Some(r#"{"use_reserves": false}"#)),
        (
            "tests/fixtures/tiny.json",
            Some(r#"{"core_pct": {"2021/22": "5"}}"#),
        ),
    ] {
        let input = Input {
            data: Doc::Json(self::data(data)),
            scenario: scenario.map(|s| Doc::Text(s.to_string())),
            paths: 200,
            seed: 7,
        };
        let report = harness::run(&input);
        let findings: Vec<String> = report.findings.iter().map(|f| f.describe()).collect();
        assert!(findings.is_empty(), "{data}: {findings:?}");
        assert!(
            report.harness_errors.is_empty(),
            "{data}: {:?}",
            report.harness_errors
        );
        if data != "tests/fixtures/tiny.json" {
            let r = report.reached;
            assert!(
                r.projection && r.simulation && r.goal && r.drivers,
                "{data}: {r:?}"
            );
        }
    }
}

#[test]
fn the_money_check_fires_and_covers_every_money_field() {
    let c = case("{}");
    let v = serde_json::to_value(&c.projection).expect("json");
    let mut out = Vec::new();
    let checked = check::money(&v, "projection", &mut out);
    assert!(out.is_empty(), "{out:?}");
    // Every money field of a year and of the summary, for the template's 4 years.
    assert!(checked > 4 * 60, "only {checked} money figures checked");

    let fire = |pointer: &str, to: Value, expected: &str| {
        let mut broken = v.clone();
        *broken.pointer_mut(pointer).expect("the field is there") = to;
        let mut out = Vec::new();
        check::money(&broken, "projection", &mut out);
        assert!(
            names(&out).contains(&expected),
            "{pointer}: {expected:?} did not fire; got {out:?}"
        );
    };
    for bad in [
        "1.5",
        "1",
        "1.000",
        "01.00",
        "1,000.00",
        "",
        "-",
        ".50",
        "79228162514264337593543950335",
    ] {
        fire(
            "/years/0/spend",
            Value::String(bad.into()),
            "projection: money has exactly two decimal places",
        );
    }
    fire(
        "/years/0/bands/H",
        Value::String("1.5".into()),
        "projection: money has exactly two decimal places",
    );
    fire(
        "/summary/cumulative_gap",
        Value::from(12),
        "projection: money is written as a string",
    );
    // Rates and words are not money: any string there passes.
    let mut fine = v.clone();
    fine["years"][0]["core_pct"] = Value::String("anything".into());
    let mut out = Vec::new();
    check::money(&fine, "projection", &mut out);
    assert!(out.is_empty(), "{out:?}");
    // A suggested change must be a scenario (an object), not a figure.
    let goal = mtfs::seek_scenario(&c.council, &c.scenario).expect("goal");
    let mut broken = serde_json::to_value(&goal).expect("json");
    broken["council_tax"]["change"] = Value::from(5);
    let mut out = Vec::new();
    check::money(&broken, "goal seek", &mut out);
    assert_eq!(names(&out), ["goal seek: a suggested change is a scenario"]);
    // A string under a key neither list knows is reported, not skipped.
    let mut broken = v.clone();
    broken["years"][0]["new_figure"] = Value::String("12.3".into());
    let mut out = Vec::new();
    check::money(&broken, "projection", &mut out);
    assert_eq!(
        names(&out),
        ["projection: every string field is known to be money or not"]
    );
    // Each of the other results is covered too.
    let sim = mtfs::simulate_scenario(&c.council, &c.scenario, 50, 1).expect("risk");
    let goal = mtfs::seek_scenario(&c.council, &c.scenario).expect("goal");
    let drivers = mtfs::drivers_scenario(&c.council, &c.scenario).expect("drivers");
    // Per year: risk's 5 planned figures and 4 × 5 percentiles; the goal seek's savings
    // amount; the drivers' 5 waterfall figures and 9 bars (and the sensitivity's).
    let years = c.council.years.len();
    for (what, v, least) in [
        (
            "risk",
            serde_json::to_value(&sim).expect("json"),
            25 * years,
        ),
        (
            "goal seek",
            serde_json::to_value(&goal).expect("json"),
            years,
        ),
        (
            "drivers",
            serde_json::to_value(&drivers).expect("json"),
            14 * years + 1,
        ),
    ] {
        let mut out = Vec::new();
        let checked = check::money(&v, what, &mut out);
        assert!(out.is_empty(), "{what}: {out:?}");
        assert!(
            checked >= least,
            "{what}: only {checked} money figures checked"
        );
    }
}

#[test]
fn the_identity_checks_fire() {
    let c = case(r#"{"extra_spend": {"2021/22": "40000000"}}"#);
    let run =
        |p: &Projection, out: &mut Vec<Violation>| check::projection(&c.council, &c.levers, p, out);
    let p = &c.projection;
    let penny = |m: Money, pence: i64| Money(m.value() + Decimal::new(pence, 2));
    fires(
        p,
        run,
        |p| p.years[1].reserves[0].opening = penny(p.years[1].reserves[0].opening, 1),
        "reserves: a year opens at last year's closing balance",
    );
    fires(
        p,
        run,
        |p| p.years[1].reserves[0].closing = penny(p.years[1].reserves[0].closing, 4),
        "reserves: closing = opening + planned in − planned out + credits − draws",
    );
    fires(
        p,
        run,
        |p| p.years[1].unfunded = penny(p.years[1].unfunded, 100),
        "reserves: draws + unfunded − credits = gap + shortfalls + brought forward",
    );
    fires(
        p,
        run,
        |p| p.years[2].deficit_brought_forward = penny(p.years[2].deficit_brought_forward, 100),
        "reserves: the deficit brought forward is last year's unfunded amount",
    );
    fires(
        p,
        run,
        |p| {
            let r = &mut p.years[1].reserves[0];
            r.draw = money("1.00");
            r.closing = money("-1000000000.00");
            r.planned_in =
                Money(r.closing.value() - r.opening.value() + r.planned_out.value() + Decimal::ONE);
        },
        "reserves: automatic draws stop at the floor",
    );
    fires(
        p,
        run,
        |p| p.years[0].reserves[0].credit = money("-5.00"),
        "reserves: draws and credits are not negative",
    );
    fires(
        p,
        run,
        |p| p.years[2].band_d = penny(p.years[2].band_d, 1),
        "Band D = round(last year's Band D × (1 + rise / 100))",
    );
    fires(
        p,
        run,
        |p| {
            let e = p.years[0].bands.get("E").unwrap();
            p.years[0].bands.set("E", penny(e, 1));
        },
        "band charges = round(Band D × the band's ratio)",
    );
    fires(
        p,
        run,
        |p| p.years[0].gap = penny(p.years[0].gap, 2),
        "gap = net requirement − funding",
    );
    fires(
        p,
        run,
        |p| p.years[0].funding = penny(p.years[0].funding, 2),
        "funding = council tax + other funding + capitalisation",
    );
    fires(
        p,
        run,
        |p| p.years[0].total_gap = penny(p.years[0].total_gap, 10),
        "total gap = gap + shortfalls",
    );
    fires(
        p,
        run,
        |p| p.years[0].unfunded = money("-0.01"),
        "unfunded is not negative",
    );
    fires(
        p,
        run,
        |p| p.years[0].referendum = !p.years[0].referendum,
        "referendum: flagged exactly when a rise reaches the limits",
    );
    fires(
        p,
        run,
        |p| p.summary.lowest_total_reserves = penny(p.summary.lowest_total_reserves, 1),
        "summary: lowest total reserves is the years' lowest",
    );
    fires(
        p,
        run,
        |p| {
            let highest = p
                .years
                .iter()
                .max_by_key(|y| y.total_reserves)
                .map(|y| y.year.clone());
            p.summary.lowest_total_reserves_year = highest.unwrap_or_default();
        },
        "summary: the lowest total reserves' year has the lowest total",
    );
    fires(
        p,
        run,
        |p| p.summary.first_unfunded_year = Some("2099/00".into()),
        "summary: the first unfunded year is the first with unfunded > 0",
    );
    fires(
        p,
        run,
        |p| p.summary.first_below_minimum_year = Some("2099/00".into()),
        "summary: the first year below the minimum is the first flagged",
    );
    fires(
        p,
        run,
        |p| p.summary.referendum_years.push("2099/00".into()),
        "summary: the referendum years are those flagged",
    );
    fires(
        p,
        run,
        |p| p.summary.cumulative_gap = penny(p.summary.cumulative_gap, 5),
        "summary: the cumulative gap is the sum of the gaps",
    );
    let exact = check::exact_gaps(&c.council, &c.levers).expect("exact gaps");
    fires(
        p,
        |p, out| check::cumulative_gap(p, &exact, out),
        |p| p.summary.cumulative_gap = penny(p.summary.cumulative_gap, 1),
        "summary: the cumulative gap is the exact gaps' sum, rounded once",
    );
    fires(
        p,
        run,
        |p| p.summary.final_band_d = penny(p.summary.final_band_d, 1),
        "summary: the final Band D is the last year's",
    );
    fires(
        p,
        run,
        |p| {
            p.years.pop();
        },
        "projection: one result per projection year",
    );
    fires(
        p,
        run,
        |p| {
            p.years[1].reserves.pop();
        },
        "projection: every reserve every year",
    );

    // Without reserves: no draws or credits, and unfunded is the whole need.
    let c = case(r#"{"use_reserves": false, "extra_spend": {"2021/22": "40000000"}}"#);
    let run =
        |p: &Projection, out: &mut Vec<Violation>| check::projection(&c.council, &c.levers, p, out);
    fires(
        &c.projection,
        run,
        |p| {
            let r = &mut p.years[0].reserves[0];
            r.draw = money("1.00");
            r.closing = Money(r.closing.value() - Decimal::ONE);
        },
        "reserves: with use_reserves false, no draws or credits",
    );
    fires(
        &c.projection,
        run,
        |p| p.years[1].unfunded = penny(p.years[1].unfunded, 100),
        "reserves: with use_reserves false, unfunded = max(0, gap + shortfalls + brought forward)",
    );
}

#[test]
fn the_referendum_check_knows_what_a_dispensation_may_do() {
    // tests/repro/dispensation-below-limits: a rise lawful under the normal limits was
    // flagged because of a dispensation. Here a dispensation above the normal limits (so
    // that validation accepts it) and a rise lawful under both, flagged on purpose.
    let mut data = data("tests/fixtures/tiny.json");
    data["referendum"]["dispensation_pct"] =
        serde_json::json!({"2020/21": {"value": "5", "assumption": "test"}});
    let (_, council) = mtfs::load_data_json(&data.to_string()).expect("it loads");
    let scenario = r#"{"core_pct": {"2020/21": "1.5"}, "asc_pct": {"2020/21": "1.5"}}"#;
    let scenario = mtfs::scenario_from_json(scenario).expect("scenario");
    let levers = scenario.resolve(&council).expect("resolves");
    let p = mtfs::project_scenario(&council, &scenario).expect("projects");
    let run =
        |p: &Projection, out: &mut Vec<Violation>| check::projection(&council, &levers, p, out);
    fires(
        &p,
        run,
        |p| {
            p.years[0].referendum = true;
            p.summary.referendum_years = vec![p.years[0].year.clone()];
        },
        "referendum: a dispensation never makes a rise excessive",
    );
}

#[test]
fn the_risk_checks_fire() {
    let c = case("{}");
    let sim = mtfs::simulate_scenario(&c.council, &c.scenario, 64, 3).expect("risk");
    let run = |s: &mtfs::risk::Simulation, out: &mut Vec<Violation>| {
        check::simulation(s, Some(&c.projection), 64, 3, out)
    };
    fires(
        &sim,
        run,
        |s| s.seed = 4,
        "risk: the result names its paths and seed",
    );
    fires(
        &sim,
        run,
        |s| s.years[1].gap.p5 = Money(s.years[1].gap.p95.value() + Decimal::ONE),
        "risk: percentiles in order",
    );
    fires(
        &sim,
        run,
        |s| s.years[1].unbalanced_by.paths = 65,
        "risk: a year's count ≤ the count by then ≤ paths, by-counts never fall",
    );
    fires(
        &sim,
        run,
        |s| s.years[0].below_minimum.pct = "100.5".into(),
        "risk: a chance is its paths as a percentage, to 2 places",
    );
    fires(
        &sim,
        run,
        |s| s.years[2].scenario.gap = Money(s.years[2].scenario.gap.value() + Decimal::ONE),
        "risk: the scenario's own figures are the projection's",
    );
}

/// A reprojection for the checks that apply a suggested change.
fn reproject(
    c: &Council,
) -> impl FnMut(&Scenario) -> Option<Result<Projection, mtfs::DataError>> + '_ {
    move |s| harness::project(c, s)
}

#[test]
fn the_goal_seek_checks_fire() {
    let c = case(r#"{"extra_spend": {"2021/22": "40000000"}}"#);
    let g = mtfs::seek_scenario(&c.council, &c.scenario).expect("goal");
    assert!(!g.already_safe && g.council_tax.change.is_some());
    let run = |g: &mtfs::goal::GoalSeek, out: &mut Vec<Violation>| {
        check::goal(
            g,
            &c.council,
            &c.scenario,
            Some(&c.projection),
            &mut reproject(&c.council),
            out,
        )
    };
    fires(
        &g,
        run,
        |g| g.already_safe = true,
        "goal seek: already safe, and the first unsafe year, as the projection shows",
    );
    fires(
        &g,
        run,
        |g| g.council_tax.change = None,
        "goal seek: an answer found comes with its change",
    );
    fires(
        &g,
        run,
        |g| {
            g.savings.pop();
        },
        "goal seek: one savings answer per year",
    );
    let year = c.council.years[0].clone();
    fires(
        &g,
        run,
        |g| {
            let change = g.council_tax.change.as_mut().expect("a change");
            change
                .core_pct
                .insert(year.clone(), mtfs::number::DecimalText(Decimal::from(101)));
        },
        "goal seek: its suggested scenario is accepted (council tax)",
    );
    fires(
        &g,
        run,
        |g| {
            let change = g.council_tax.change.as_mut().expect("a change");
            for v in change.core_pct.values_mut() {
                *v = mtfs::number::DecimalText(Decimal::from(-50));
            }
        },
        "goal seek: its suggested scenario is safe (council tax)",
    );
}

#[test]
fn the_drivers_checks_fire() {
    let c = case("{}");
    let d = mtfs::drivers_scenario(&c.council, &c.scenario).expect("drivers");
    assert!(d.sensitivity.levers.len() >= 2);
    let run = |d: &mtfs::drivers::Drivers, out: &mut Vec<Violation>| {
        check::drivers(
            d,
            &c.council,
            &c.scenario,
            Some(&c.projection),
            &mut reproject(&c.council),
            out,
        )
    };
    let penny = |m: Money, pence: i64| Money(m.value() + Decimal::new(pence, 2));
    fires(
        &d,
        run,
        |d| d.waterfalls[1].to_gap[0].amount = penny(d.waterfalls[1].to_gap[0].amount, 1),
        "drivers: a waterfall's bars add up to the change in the gap",
    );
    fires(
        &d,
        run,
        |d| d.waterfalls[1].to_unfunded[1].amount = penny(d.waterfalls[1].to_unfunded[1].amount, 1),
        "drivers: a waterfall's bars add up from the gap to unfunded",
    );
    fires(
        &d,
        run,
        |d| d.waterfalls[2].previous_net_budget = penny(d.waterfalls[2].previous_net_budget, 1),
        "drivers: a waterfall starts where last year's ended",
    );
    fires(
        &d,
        run,
        |d| d.waterfalls[2].net_budget = penny(d.waterfalls[2].net_budget, 1),
        "drivers: a waterfall's figures are the projection's",
    );
    fires(
        &d,
        run,
        |d| {
            d.waterfalls.pop();
        },
        "drivers: one waterfall per projection year",
    );
    fires(
        &d,
        run,
        |d| d.sensitivity.total_reserves = penny(d.sensitivity.total_reserves, 1),
        "drivers: sensitivity starts from the projection's final year",
    );
    fires(
        &d,
        run,
        |d| {
            // Above the first lever's rank (the larger of its two swings).
            let first = &d.sensitivity.levers[0];
            let top = first.swing.max(first.unfunded_swing);
            d.sensitivity.levers[1].swing = penny(top, 100);
        },
        "drivers: sensitivity is sorted by swing, largest first",
    );
    fires(
        &d,
        run,
        |d| d.sensitivity.levers[0].swing = penny(d.sensitivity.levers[0].swing, 5),
        "drivers: a lever's swing is the difference between its ends",
    );
    fires(
        &d,
        run,
        |d| {
            let lever = &mut d.sensitivity.levers[0];
            lever.lever = "growth_factor.social_care".into();
            lever.high.change.growth_factor.insert(
                "social_care".into(),
                mtfs::number::DecimalText(Decimal::from(11)),
            );
        },
        "drivers: a sensitivity end's change is accepted (growth_factor)",
    );
    fires(
        &d,
        run,
        |d| {
            let end = &mut d.sensitivity.levers[0].low;
            end.total_reserves = penny(end.total_reserves, 1);
        },
        "drivers: a sensitivity end's change gives its total reserves",
    );
    fires(
        &d,
        run,
        |d| {
            let end = &mut d.sensitivity.levers[0].low;
            end.unfunded = penny(end.unfunded, 100_000);
        },
        "drivers: a sensitivity end's change gives its unfunded total",
    );
}

#[test]
fn the_reader_and_error_checks_fire() {
    // The harness reports an engine panic as a panic, with the engine's frame.
    let caught = harness::capture::catch(|| {
        let huge = Decimal::MAX;
        huge + Decimal::ONE
    })
    .expect_err("it overflows");
    assert!(caught.message.contains("overflow"), "{}", caught.message);
    // A harness frame is not the engine's; a formatted backtrace's mtfs frame is found.
    let bt = "   0: add\n             at /x/registry/src/rust_decimal/src/a.rs:1:2\n   1: walk<()>\n             at ./src/trace.rs:301:17\n   2: run\n             at ./tests/fuzz/harness/mod.rs:9:1\n";
    assert_eq!(
        harness::capture::engine_frame(bt).as_deref(),
        Some("walk (src/trace.rs:301)")
    );
    let full = format!(
        "   0: mtfs::risk::unrated_amount::{{closure#0}}\n             at {}/src/risk.rs:139:9\n",
        env!("CARGO_MANIFEST_DIR")
    );
    assert_eq!(
        harness::capture::engine_frame(&full).as_deref(),
        Some("{closure} (src/risk.rs:139)")
    );
    // A panic in the engine's own code is named by its location.
    assert_eq!(
        harness::capture::engine_frame("   0: run\n at ./tests/x.rs:1:1\n"),
        None
    );
    // An input the readers refuse gives no finding, and text that is not a data set at
    // all reaches no further than the readers.
    let report = harness::run(&Input {
        data: Doc::Text("{\"format\": 1,".into()),
        scenario: Some(Doc::Text("[".into())),
        paths: 8,
        seed: 1,
    });
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    assert!(!report.reached.data && !report.reached.scenario);
    // Corpus files read back as they were written.
    let input = Input {
        data: Doc::Json(data("tests/fixtures/tiny.json")),
        scenario: Some(Doc::Text("{\"core_pct\": {\"2020/21\": \"1\",}".into())),
        paths: 9,
        seed: 10,
    };
    let text = corpus::render(&input, "what", "found");
    assert_eq!(corpus::parse(&text), Ok(input.clone()));
    assert!(corpus::file_name(&input, true).starts_with("panic-"));
    // The readers' agreement, and resolving what is projected.
    let mut out = Vec::new();
    check::readers_agree_on_data(true, true, &mut out);
    check::readers_agree_on_data(false, false, &mut out);
    check::readers_agree_on_scenario(&None, &None, &mut out);
    check::projected_means_resolved(true, true, &mut out);
    check::projected_means_resolved(false, false, &mut out);
    assert!(out.is_empty(), "{out:?}");
    check::readers_agree_on_data(true, false, &mut out);
    check::readers_agree_on_scenario(&Some(Scenario::default()), &None, &mut out);
    check::projected_means_resolved(true, false, &mut out);
    assert_eq!(
        names(&out),
        [
            "the CLI's reader and the browser's agree on a data set",
            "the CLI's reader and the browser's agree on a scenario",
            "a scenario project_scenario accepts resolves",
        ]
    );
    // An error must say what is wrong.
    let empty = mtfs::DataError { problems: vec![] };
    let blank = mtfs::DataError::single("x", " ");
    let fine = mtfs::DataError::single("", "no");
    assert!(!harness::says_what_is_wrong(&empty));
    assert!(!harness::says_what_is_wrong(&blank));
    assert!(harness::says_what_is_wrong(&fine));
}
