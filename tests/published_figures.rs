//! Published-figure tests: every case in `tests/cases/*.json` runs a scenario on a
//! council's data file and checks named figures of the projection against the
//! published (or derived) value, with the source beside each case.
//!
//! A case file is
//!
//! ```json
//! {"data": "data/hampshire.json",
//!  "cases": [{"name": "...", "source": "...", "scenario": {...levers...},
//!             "expect": {"years[2020/21].services[ahc].budget": "421336000.00"}}]}
//! ```
//!
//! A path addresses the JSON of the projection (`serde_json::to_value` of
//! `mtfs::project_scenario`): field names joined by `.`, and list items chosen with
//! `[...]` by their `year`, `id` or `service` field or by a numeric index:
//! `years[2020/21].reserves[bbr].closing`, `summary.first_unfunded_year`. A path that
//! starts with `data.` addresses the council's data file instead (for figures the
//! projection does not report, such as the plan figures of a programme's department lines):
//! `data.programmes[tt2021].lines[ahc].plan.2021/22.value`.
//!
//! Expected values are exact: strings compare as written (money is always pounds to
//! two decimal places, `"421336000.00"`), as do `true`, `false`, `null` and lists.
//! JSON numbers are refused, so nothing is compared through a float.

use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One expectation that did not hold, with everything needed to see why.
#[derive(Debug)]
struct Failure {
    case: String,
    path: String,
    expected: String,
    got: String,
    source: String,
}

/// Splits `years[2020/21].services[ahc].budget` into its steps: a field name, or a
/// list selector. Dots inside brackets are part of the selector.
fn steps(path: &str) -> Result<Vec<Step>, String> {
    let mut out = Vec::new();
    let mut chars = path.chars().peekable();
    let mut name = String::new();
    while let Some(c) = chars.next() {
        match c {
            '.' => {
                if !name.is_empty() {
                    out.push(Step::Field(std::mem::take(&mut name)));
                } else if !matches!(out.last(), Some(Step::Select(_))) {
                    return Err(format!("empty field name in {path:?}"));
                }
            }
            '[' => {
                if !name.is_empty() {
                    out.push(Step::Field(std::mem::take(&mut name)));
                }
                let mut sel = String::new();
                loop {
                    match chars.next() {
                        Some(']') => break,
                        Some(ch) => sel.push(ch),
                        None => return Err(format!("unclosed [ in {path:?}")),
                    }
                }
                if sel.is_empty() {
                    return Err(format!("empty [] in {path:?}"));
                }
                out.push(Step::Select(sel));
            }
            ']' => return Err(format!("unexpected ] in {path:?}")),
            _ => name.push(c),
        }
    }
    if !name.is_empty() {
        out.push(Step::Field(name));
    }
    if out.is_empty() {
        return Err("empty path".into());
    }
    Ok(out)
}

#[derive(Debug)]
enum Step {
    Field(String),
    Select(String),
}

/// Follows a path through a JSON value; the error says which step failed and what
/// was there instead, so a mistyped path is easy to fix.
fn resolve<'a>(value: &'a Value, path: &str) -> Result<&'a Value, String> {
    let mut here = value;
    let mut walked = String::new();
    for step in steps(path)? {
        here = match (&step, here) {
            (Step::Field(name), Value::Object(map)) => map.get(name).ok_or_else(|| {
                let keys: Vec<&str> = map.keys().map(String::as_str).collect();
                format!(
                    "no field {name:?} after {walked:?} (fields: {})",
                    keys.join(", ")
                )
            })?,
            (Step::Select(sel), Value::Array(items)) => {
                let by_key = items.iter().find(|item| {
                    ["year", "id", "service"]
                        .iter()
                        .any(|k| item.get(k).and_then(Value::as_str) == Some(sel.as_str()))
                });
                match (by_key, sel.parse::<usize>()) {
                    (Some(item), _) => item,
                    (None, Ok(i)) => items.get(i).ok_or_else(|| {
                        format!(
                            "index {i} is past the end of {walked:?} ({} items)",
                            items.len()
                        )
                    })?,
                    (None, Err(_)) => {
                        return Err(format!(
                            "no item of {walked:?} has year, id or service {sel:?}"
                        ))
                    }
                }
            }
            (Step::Field(name), other) => {
                return Err(format!(
                    "{walked:?} is {} not an object, so it has no field {name:?}",
                    kind(other)
                ))
            }
            (Step::Select(sel), other) => {
                return Err(format!(
                    "{walked:?} is {} not a list, so [{sel}] selects nothing",
                    kind(other)
                ))
            }
        };
        match step {
            Step::Field(n) => {
                if !walked.is_empty() {
                    walked.push('.');
                }
                walked.push_str(&n);
            }
            Step::Select(s) => walked.push_str(&format!("[{s}]")),
        }
    }
    Ok(here)
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn has_number(v: &Value) -> bool {
    match v {
        Value::Number(_) => true,
        Value::Array(a) => a.iter().any(has_number),
        Value::Object(o) => o.values().any(has_number),
        _ => false,
    }
}

fn text(v: &Value) -> String {
    serde_json::to_string(v).unwrap()
}

/// Runs every case of a case file against the given data-file text and returns the
/// number of expectations checked and every failure.
fn run_cases(cases_file: &Value, data_text: &str) -> (usize, Vec<Failure>) {
    let (data, council) = mtfs::load_data_json(data_text)
        .unwrap_or_else(|e| panic!("the data file does not load: {e}"));
    let data_json = serde_json::to_value(&data).unwrap();
    let cases = cases_file["cases"]
        .as_array()
        .expect("a case file has a \"cases\" list");
    assert!(!cases.is_empty(), "the case file has no cases");
    let mut checked = 0;
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let name = case["name"]
            .as_str()
            .map_or_else(|| format!("case {i}"), str::to_string);
        let source = case["source"].as_str().unwrap_or("").to_string();
        assert!(!source.trim().is_empty(), "case {name:?} gives no source");
        let expect = case["expect"]
            .as_object()
            .unwrap_or_else(|| panic!("case {name:?} has no \"expect\" object"));
        assert!(
            !expect.is_empty(),
            "case {name:?} expects nothing, so it could never fail"
        );
        let fail = |path: &str, expected: &Value, got: String| Failure {
            case: name.clone(),
            path: path.to_string(),
            expected: text(expected),
            got,
            source: source.clone(),
        };
        let scenario = case
            .get("scenario")
            .cloned()
            .unwrap_or_else(|| Value::Object(Default::default()));
        let projection = mtfs::Scenario::load(scenario)
            .and_then(|s| mtfs::project_scenario(&council, &s))
            .map(|p| serde_json::to_value(&p).unwrap());
        for (path, expected) in expect {
            checked += 1;
            if has_number(expected) {
                failures.push(fail(
                    path,
                    expected,
                    "<expected value is a JSON number: write it as a string>".into(),
                ));
                continue;
            }
            let got = match (path.strip_prefix("data."), &projection) {
                (Some(rest), _) => resolve(&data_json, rest),
                (None, Ok(p)) => resolve(p, path),
                (None, Err(e)) => Err(format!("the scenario was refused: {e}")),
            };
            match got {
                Ok(v) if v == expected => {}
                Ok(v) => failures.push(fail(path, expected, text(v))),
                Err(e) => failures.push(fail(
                    path,
                    expected,
                    format!("<path does not resolve: {e}>"),
                )),
            }
        }
    }
    (checked, failures)
}

fn case_files() -> Vec<PathBuf> {
    let dir = root().join("tests/cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no case files in {}", dir.display());
    files
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn data_text(cases_file: &Value, path: &Path) -> String {
    let data = cases_file["data"]
        .as_str()
        .unwrap_or_else(|| panic!("{} names no \"data\" file", path.display()));
    std::fs::read_to_string(root().join(data)).unwrap_or_else(|e| panic!("cannot read {data}: {e}"))
}

fn report(failures: &[Failure]) -> String {
    failures
        .iter()
        .map(|f| {
            format!(
                "\n✗ {}\n    path:     {}\n    expected: {}\n    got:      {}\n    source:   {}",
                f.case, f.path, f.expected, f.got, f.source
            )
        })
        .collect()
}

#[test]
fn published_figures_hold() {
    for file in case_files() {
        let cases = read_json(&file);
        let (checked, failures) = run_cases(&cases, &data_text(&cases, &file));
        println!(
            "{}: {checked} expectations checked, {} failed",
            file.display(),
            failures.len()
        );
        assert!(
            failures.is_empty(),
            "{}: {} of {checked} expectations failed:{}",
            file.display(),
            failures.len(),
            report(&failures)
        );
    }
}

/// The cases can fail: change one published figure in the data (Adults' 2020/21 base
/// change, seed 000 L632) and the cash limit, the net requirement and every later
/// year's balance must be reported wrong, each with its source.
#[test]
fn a_wrong_figure_in_the_data_is_caught() {
    let file = root().join("tests/cases/hampshire.json");
    let cases = read_json(&file);
    let mut data: Value = serde_json::from_str(&data_text(&cases, &file)).unwrap();
    let ahc = data["services"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|s| s["id"] == "ahc")
        .unwrap();
    ahc["base_change"]["2020/21"]["value"] = Value::String("-1268000".into());
    let (_, failures) = run_cases(&cases, &serde_json::to_string(&data).unwrap());
    let paths: Vec<&str> = failures.iter().map(|f| f.path.as_str()).collect();
    assert!(
        paths.contains(&"years[2020/21].services[ahc].budget"),
        "the Adults' cash limit was not caught: {paths:?}"
    );
    let f = failures
        .iter()
        .find(|f| f.path == "years[2020/21].services[ahc].budget")
        .unwrap();
    assert_eq!(
        (f.expected.as_str(), f.got.as_str()),
        ("\"421336000.00\"", "\"421337000.00\"")
    );
    assert!(
        f.source.contains("L63"),
        "the failure should carry its source: {f:?}"
    );
}

#[test]
fn paths_that_do_not_resolve_are_failures_not_passes() {
    let v: Value = serde_json::json!({"years": [{"year": "2020/21", "services": [{"id": "ahc", "budget": "1.00"}]}], "summary": {"first_unfunded_year": null}});
    assert_eq!(
        resolve(&v, "years[2020/21].services[ahc].budget").unwrap(),
        "1.00"
    );
    assert_eq!(resolve(&v, "years[0].services[0].budget").unwrap(), "1.00");
    assert_eq!(
        resolve(&v, "summary.first_unfunded_year").unwrap(),
        &Value::Null
    );
    for bad in [
        "years[2021/22].gap",
        "years[2020/21].services[cs].budget",
        "years[3]",
        "summary.first_unfunded",
        "years.gap",
        "summary[0]",
        "years[2020/21",
        "",
    ] {
        assert!(resolve(&v, bad).is_err(), "{bad:?} should not resolve");
    }
    let cases = serde_json::json!({"cases": [{"name": "bad", "source": "test", "expect": {"years[2020/21].no_such_field": "0.00", "summary.first_unfunded_year": "2020/21", "years[2020/21].gap": 0}}]});
    let data = std::fs::read_to_string(root().join("data/hampshire.json")).unwrap();
    let (checked, failures) = run_cases(&cases, &data);
    assert_eq!((checked, failures.len()), (3, 3), "{}", report(&failures));
}
