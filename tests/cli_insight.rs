//! `mtfs risk`, `mtfs goal` and `mtfs drivers` as an officer uses them.

use std::path::PathBuf;

mod common;
use common::cli::{mtfs, stderr, stdout};

fn ok(args: &[&str]) -> String {
    let o = mtfs(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

/// A mistake in the arguments: exit code 2.
fn misused(args: &[&str]) -> String {
    let o = mtfs(args);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stdout(&o));
    stderr(&o)
}

/// Input refused: exit code 1.
fn refused(args: &[&str]) -> String {
    let o = mtfs(args);
    assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stdout(&o));
    stderr(&o)
}

/// Writes `text` to a fresh file in the target directory and returns its path.
fn file(name: &str, text: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli_insight");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn risk_prints_percentiles_and_chances_by_year() {
    let out = ok(&["risk", "--paths", "500", "--seed", "7"]);
    assert!(
        out.starts_with(
            "Hampshire County Council - savings-delivery risk, £'000\n500 paths, seed 7"
        ),
        "{out}"
    );
    for row in [
        "Total reserves at year end",
        "  median",
        "  95th percentile",
        "Gap plus savings shortfall",
        "Chance reserves are below the minimum, by then (%)",
        "Chance the bridging money has run out, by then (%)",
        "Chance it first runs out that year (%)",
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(row)),
            "no {row:?} in\n{out}"
        );
    }
    // The same seed, the same table.
    assert_eq!(out, ok(&["risk", "--paths", "500", "--seed", "7"]));
}

#[test]
fn risk_json_is_the_engines_result_and_matches_the_fixture() {
    let v: serde_json::Value = serde_json::from_str(&ok(&["risk", "--format", "json"])).unwrap();
    // Defaults: 10,000 paths, seed 42, as in tests/fixtures/risk-seed-42.json.
    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/risk-seed-42.json")).unwrap();
    assert_eq!(v, fixture);
    // Money as decimal strings in pounds, to the penny.
    let median = v["years"][0]["total_reserves"]["p50"].as_str().unwrap();
    assert!(
        median.split_once('.').is_some_and(|(_, p)| p.len() == 2),
        "{median}"
    );
}

#[test]
fn risk_csv_has_a_column_per_year_in_pounds() {
    let out = ok(&["risk", "--paths", "200", "--format", "csv"]);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("line,2020/21,2021/22,2022/23,2023/24"));
    let planned = out
        .lines()
        .find(|l| l.starts_with("as the scenario plans,"))
        .unwrap();
    assert_eq!(
        planned,
        "as the scenario plans,93560000.00,89495000.00,58116000.00,58116000.00"
    );
}

#[test]
fn goal_says_what_keeps_the_plan_safe() {
    let out = ok(&["goal"]);
    assert!(
        out.contains("A core council tax rise of 1.61% a year is the smallest"),
        "{out}"
    );
    assert!(out.contains("from 2020/21: none needed"), "{out}");
    let v: serde_json::Value = serde_json::from_str(&ok(&["goal", "--format", "json"])).unwrap();
    assert_eq!(v["council_tax"]["core_pct"], "1.61");
    assert_eq!(v["council_tax"]["change"]["core_pct"]["2023/24"], "1.61");
}

#[test]
fn goal_on_a_scenario_gives_answers_that_apply_as_scenarios() {
    let scenario = file("tt2023-fails.json", r#"{"delivery_pct": {"tt2023": "0"}}"#);
    let v: serde_json::Value =
        serde_json::from_str(&ok(&["goal", "--scenario", &scenario, "--format", "json"])).unwrap();
    assert_eq!(v["first_unsafe_year"], "2023/24");
    // The change is whole levers to set in the scenario: {...scenario, ...change}.
    let mut applied = serde_json::json!({"delivery_pct": {"tt2023": "0"}});
    for (lever, value) in v["savings"][3]["change"].as_object().unwrap() {
        applied[lever] = value.clone();
    }
    let applied = applied.to_string();
    // Applying the answer through the main command: nothing unfunded, no warning about it.
    let answer = file("answer.json", &applied);
    let result: serde_json::Value =
        serde_json::from_str(&ok(&["--scenario", &answer, "--format", "json"])).unwrap();
    for y in result["years"].as_array().unwrap() {
        assert_eq!(y["unfunded"], "0.00");
        assert_eq!(y["below_minimum"], false);
    }
    let csv = ok(&["goal", "--scenario", &scenario, "--format", "csv"]);
    assert!(
        csv.starts_with("answer,from_year,value,within_referendum_limits\n"),
        "{csv}"
    );
}

#[test]
fn drivers_prints_the_waterfall_and_the_sensitivity() {
    let out = ok(&["drivers"]);
    assert!(
        out.starts_with("Hampshire County Council - what drives the gap, £'000"),
        "{out}"
    );
    let row = |label: &str| {
        out.lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no {label:?} in\n{out}"))
            .to_string()
    };
    assert!(row("  Inflation").contains("26,468"));
    assert!(row("Gap ").split_whitespace().any(|c| c == "40,000"));
    assert!(row("Sensitivity: total reserves at the end of 2023/24").contains("58,116"));
    assert!(out.contains("Growth in social care"));
    let v: serde_json::Value = serde_json::from_str(&ok(&["drivers", "--format", "json"])).unwrap();
    assert_eq!(v["waterfalls"][0]["gap"], "40000000.00");
    assert_eq!(v["sensitivity"]["year"], "2023/24");
    let csv = ok(&["drivers", "--format", "csv"]);
    assert!(csv.contains(
        "\nlever,label,low,reserves_at_low,unfunded_at_low,high,reserves_at_high,unfunded_at_high,swing,unfunded_swing\n"
    ));
}

/// Regression (issue 14): once reserves are exhausted at both ends of every lever, the
/// final year's reserves do not move and every swing was shown as "-"; the levers still
/// move what is left unfunded, and are ranked by that.
#[test]
fn drivers_rank_by_what_is_left_unfunded_once_reserves_are_exhausted() {
    let years = ["2020/21", "2021/22", "2022/23", "2023/24"];
    let pp: Vec<String> = years.iter().map(|y| format!("\"{y}\": \"8\"")).collect();
    let scenario = file(
        "exhausted.json",
        &format!("{{\"inflation_adjust_pp\": {{{}}}}}", pp.join(", ")),
    );
    let v: serde_json::Value = serde_json::from_str(&ok(&[
        "drivers",
        "--scenario",
        &scenario,
        "--format",
        "json",
    ]))
    .unwrap();
    let levers = v["sensitivity"]["levers"].as_array().unwrap();
    let money = |l: &serde_json::Value, f: &str| -> f64 { l[f].as_str().unwrap().parse().unwrap() };
    // Reserves that fund gaps are gone whichever end: council tax does not move them ...
    let tax = levers.iter().find(|l| l["lever"] == "core_pct").unwrap();
    assert_eq!(tax["swing"], "0.00", "{tax}");
    // ... but it moves what is left unfunded, by more than £100m.
    assert!(money(tax, "unfunded_swing") > 100_000_000.0, "{tax}");
    // Ranked by the larger of the two swings: council tax comes before a lever that moves
    // reserves by £20.6m and the unfunded total by £49.1m (by reserves alone, after it).
    let rank = |l: &serde_json::Value| money(l, "swing").max(money(l, "unfunded_swing"));
    let ranks: Vec<f64> = levers.iter().map(rank).collect();
    assert!(ranks.windows(2).all(|p| p[0] >= p[1]), "{ranks:?}");
    let at = |id: &str| levers.iter().position(|l| l["lever"] == id).unwrap();
    assert!(at("core_pct") < at("delay_years.tt2021"));
    // The table shows the unfunded figures, not a column of dashes.
    let out = ok(&["drivers", "--scenario", &scenario]);
    let row = out
        .lines()
        .find(|l| l.starts_with("Council tax rise"))
        .unwrap();
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_ne!(cells.last(), Some(&"-"), "{row}");
}

/// Regression (issue 14): the council tax row's high end was the first year's lawful
/// maximum only; each year has its own.
#[test]
fn drivers_council_tax_high_end_is_each_years_limit() {
    let mut data: serde_json::Value =
        serde_json::from_str(include_str!("../data/hampshire.json")).unwrap();
    data["referendum"]["core_limit_pct"]["2021/22"]["value"] = "3".into();
    let data = file("limits.json", &data.to_string());
    let v: serde_json::Value =
        serde_json::from_str(&ok(&["drivers", "--data", &data, "--format", "json"])).unwrap();
    let levers = v["sensitivity"]["levers"].as_array().unwrap();
    let tax = levers.iter().find(|l| l["lever"] == "core_pct").unwrap();
    assert_eq!(tax["high"]["value"], "1.99/2.99/1.99/1.99", "{tax}");
    assert_eq!(tax["low"]["value"], "0");
}

#[test]
fn bad_arguments_exit_2_and_bad_files_1_saying_what_is_wrong() {
    assert!(misused(&["risk", "--paths", "0"])
        .starts_with("--paths: give from 1 to 100000 paths (got 0)"));
    assert!(misused(&["risk", "--seed", "-1"]).contains("--seed: expected a whole number"));
    assert!(misused(&["risk", "--paths"]).contains("--paths needs a value"));
    assert!(misused(&["goal", "--paths", "10"]).contains("unknown argument \"--paths\""));
    let bad = file("bad.json", r#"{"delivery_pct": {"tt2099": "80"}}"#);
    let e = refused(&["drivers", "--scenario", &bad]);
    assert!(
        e.contains("bad.json: delivery_pct.tt2099: no savings programme"),
        "{e}"
    );
    // A data set without a risk section cannot be simulated, and says so.
    let mut data: serde_json::Value =
        serde_json::from_str(include_str!("../data/hampshire.json")).unwrap();
    data.as_object_mut().unwrap().remove("risk");
    let data = file("no-risk.json", &data.to_string());
    let e = refused(&["risk", "--data", &data]);
    assert!(
        e.contains("no-risk.json: risk: this data set has no risk section"),
        "{e}"
    );
    // Goal seek and drivers still work on it.
    ok(&["goal", "--data", &data]);
    ok(&["drivers", "--data", &data]);
}
