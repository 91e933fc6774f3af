//! The `mtfs` command as an officer uses it.

use std::path::PathBuf;

mod common;
use common::cli::{mtfs, stderr, stdout};

/// Writes `text` to a fresh file in the target directory and returns its path.
fn file(name: &str, text: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn with_no_arguments_it_prints_hampshires_plan_as_an_mtfs_table() {
    let o = mtfs(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("Hampshire County Council - medium-term financial strategy, £'000"),
        "{out}"
    );
    let header = out.lines().find(|l| l.contains("2020/21")).unwrap();
    assert!(
        header.contains("2021/22") && header.contains("2022/23") && header.contains("2023/24"),
        "years as columns: {header}"
    );
    // The 2020/21 cash limits of seed 000 Appendix 1, in £'000, in the first column.
    for (line, figure) in [
        ("Adults' Health and Care", "421,336"),
        ("Economy, Transport and Environment", "109,553"),
        ("Policy and Resources", "97,714"),
    ] {
        let row = out
            .lines()
            .find(|l| l.trim_start().starts_with(line))
            .unwrap_or_else(|| panic!("no row {line}:\n{out}"));
        assert_eq!(row.split_whitespace().rev().nth(3), Some(figure), "{row}");
    }
    assert!(out.contains("1,286.28"), "Band D 2020/21");
    assert!(out.contains("Figures may not sum due to rounding"));
}

#[test]
fn json_is_the_full_result_in_pounds() {
    let o = mtfs(&["--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["council"], "Hampshire County Council");
    assert_eq!(v["base_year"], "2019/20");
    assert_eq!(v["years"][0]["band_d"], "1286.28");
    assert_eq!(v["years"][0]["services"][0]["budget"], "421336000.00");
}

#[test]
fn csv_has_a_line_per_row_and_a_column_per_year_in_pounds() {
    let o = mtfs(&["--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("line,2020/21,2021/22,2022/23,2023/24"));
    let ahc = out
        .lines()
        .find(|l| l.starts_with("Adults' Health and Care,"))
        .unwrap();
    assert!(
        ahc.starts_with("Adults' Health and Care,421336000.00,"),
        "{ahc}"
    );
}

/// Issue 14: the CSV dropped the section headings, so a programme's shortfall read like a
/// saving. Each heading is a line of its own, with empty cells, before its rows.
#[test]
fn csv_keeps_the_section_headings() {
    let out = stdout(&mtfs(&["--format", "csv"]));
    let lines: Vec<&str> = out.lines().collect();
    let heading = lines
        .iter()
        .position(|l| *l == "Savings shortfall (early achievement),,,,")
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        lines[heading + 1].starts_with("Transformation to 2019,"),
        "{out}"
    );
    for h in [
        "Service budgets,,,,",
        "Funding,,,,",
        "Reserves at year end,,,,",
    ] {
        assert!(lines.contains(&h), "{h} in {out}");
    }
    // Every line has a cell per year.
    for l in &lines {
        if !l.contains('"') {
            assert_eq!(l.split(',').count(), 5, "{l}");
        }
    }
}

#[test]
fn a_scenario_file_changes_the_result() {
    let plan: serde_json::Value =
        serde_json::from_str(&stdout(&mtfs(&["--format", "json"]))).unwrap();
    let scenario = file("core2.json", r#"{"core_pct": {"2020/21": "2.00"}}"#);
    let o = mtfs(&["--scenario", scenario.to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(plan["years"][0]["referendum"], false);
    assert_eq!(v["years"][0]["referendum"], true);
    assert!(v["summary"]["warnings"][0]
        .as_str()
        .unwrap()
        .contains("would need a local referendum"));
}

#[test]
fn bad_data_exits_1_naming_the_file_and_field() {
    let mut data: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/tiny.json")).unwrap();
    data["services"][1]["base"]["value"] = "12,5m".into();
    let path = file("bad.json", &data.to_string());
    let o = mtfs(&["--data", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("bad.json: services[1].base.value: not a number: \"12,5m\""),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn a_bad_scenario_exits_1_naming_the_field() {
    let path = file("bad-scenario.json", r#"{"delivery_pct": {"tt2099": "50"}}"#);
    let o = mtfs(&["--scenario", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o)
            .contains("bad-scenario.json: delivery_pct.tt2099: no savings programme has this id"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn usage_mistakes_exit_2() {
    for args in [
        &["--format", "xml"][..],
        &["--frobnicate"][..],
        &["--data"][..],
        &["schema", "xml"][..],
    ] {
        let o = mtfs(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(!stderr(&o).is_empty());
    }
    // A file that cannot be read is input refused, not a usage mistake.
    let o = mtfs(&["--data", "/no/such/file.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("/no/such/file.json: cannot read"));
}

#[test]
fn schema_prints_the_published_schema() {
    let o = mtfs(&["schema"]);
    assert!(o.status.success());
    let printed: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(printed, mtfs::data_schema());
}

#[test]
fn any_valid_data_file_works() {
    let o = mtfs(&[
        "--data",
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny.json"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("Tiny Test Council"));
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    // As in `mtfs --format csv | head -1`: the pipe closes before the output is written.
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtfs"))
        .args(["--format", "csv"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
}

/// `mtfs first-screen`: the page's first answers (scripts/build-web.sh writes them beside
/// the data) are the plan's projection and the options, as `mtfs --format json` and `mtfs
/// options --format json` print them; a scenario is refused (the first screen is the plan).
#[test]
fn first_screen_prints_the_plan_and_the_options() {
    let o = mtfs(&["first-screen"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let answers: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(answers["format"], "mtfs-first-screen/1");
    let plan: serde_json::Value =
        serde_json::from_str(&stdout(&mtfs(&["--format", "json"]))).expect("JSON");
    let options: serde_json::Value =
        serde_json::from_str(&stdout(&mtfs(&["options", "--format", "json"]))).expect("JSON");
    assert_eq!(answers["plan"], plan);
    assert_eq!(answers["options"], options);
    let refused = mtfs(&["first-screen", "--link", "#s2.c2020_3"]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
}
