//! The template data set (data/template.json), which a finance officer copies to prepare
//! their own council's file: it must load, project and run every command, look like a
//! council's plan, and say on every figure that it is invented, so that no one can mistake
//! it for real data. It, and every other shipped data file, must also pass the published
//! JSON Schema that editors use to check a file as it is typed.

use serde_json::Value;

mod common;
use common::cli::{mtfs, stderr, stdout};

const TEMPLATE: &str = include_str!("../data/template.json");
const INVENTED: &str = "Invented for the template";

#[test]
fn the_template_validates_and_describes_itself_as_fictional() {
    let (data, council) =
        mtfs::load_data_json(TEMPLATE).unwrap_or_else(|e| panic!("data/template.json: {e}"));
    assert_eq!(council.name, "Wessex Vale County Council");
    let description = data.description.as_deref().unwrap_or("");
    assert!(
        description.contains("fictional") && description.contains("none of these figures is real"),
        "{description}"
    );
    // The shape the guide describes: five years, several services, programmes with RAG
    // ratings, government grants, a risk section.
    assert_eq!(council.base_year, "2019/20");
    assert_eq!(council.years.len(), 4);
    assert!((4..=5).contains(&council.services.len()));
    assert!((2..=3).contains(&council.programmes.len()));
    assert!(council
        .programmes
        .iter()
        .any(|p| p.lines.iter().any(|l| l.rag.is_some())));
    assert!(council
        .funding
        .iter()
        .any(|f| f.kind == mtfs::model::FundingKind::GovernmentGrant));
    assert!(council.risk.is_some());
}

#[test]
fn every_figure_in_the_template_says_it_is_invented_and_where_a_real_one_comes_from() {
    let (data, _) = mtfs::load_data_json(TEMPLATE).unwrap();
    let figures = data.figures();
    assert!(figures.len() > 100, "{} figures", figures.len());
    for (path, figure) in figures {
        assert!(
            figure.source.is_none() && figure.derived.is_none(),
            "{path}: a template figure must not cite a source or a derivation"
        );
        let why = figure.assumption.as_deref().unwrap_or("");
        assert!(
            why.starts_with(INVENTED) && why.contains("Your figure: "),
            "{path}: {why:?}"
        );
    }
    // The one provenance that is not a figure: the rating assumed for an unrated programme.
    let json: Value = serde_json::from_str(TEMPLATE).unwrap();
    for (id, choice) in json["risk"]["unrated"].as_object().unwrap() {
        let why = choice["assumption"].as_str().unwrap_or("");
        assert!(why.starts_with(INVENTED), "risk.unrated.{id}: {why:?}");
    }
}

#[test]
fn the_template_projects_to_a_plan_that_reserves_carry_until_the_last_year() {
    let (_, council) = mtfs::load_data_json(TEMPLATE).unwrap();
    let result = mtfs::project_scenario(&council, &mtfs::Scenario::default()).unwrap();
    let years = &result.years;
    // A gap in every year, which reserves cover: nothing unfunded.
    assert!(years.iter().all(|y| y.gap.0 > rust_decimal::Decimal::ZERO));
    assert!(years.iter().all(|y| y.unfunded.0.is_zero()));
    assert!(result.summary.first_unfunded_year.is_none());
    // Reserves fall below the safe minimum only in the final year, and no planned rise
    // needs a referendum.
    assert_eq!(
        result.summary.first_below_minimum_year.as_deref(),
        Some("2023/24")
    );
    assert!(years.iter().all(|y| !y.referendum));
}

#[test]
fn every_command_runs_on_the_template() {
    for args in [
        &["--data", "data/template.json"][..],
        &["risk", "--paths", "500", "--data", "data/template.json"],
        &["goal", "--data", "data/template.json"],
        &["drivers", "--data", "data/template.json"],
    ] {
        let o = mtfs(args);
        assert!(o.status.success(), "mtfs {args:?}: {}", stderr(&o));
        assert!(
            stdout(&o).starts_with("Wessex Vale County Council - "),
            "mtfs {args:?}: {}",
            stdout(&o)
        );
    }
}

/// The sensitivity's ends are values a person can read, type and link: a delivery share
/// of the secure part of a programme is rounded to hundredths (the template's shares do
/// not divide exactly, unlike Hampshire's; unrounded, 51.85185… ran into the CLI's label).
#[test]
fn the_sensitivity_ranges_on_the_template_are_written_to_two_places() {
    let (_, council) = mtfs::load_data_json(TEMPLATE).unwrap();
    let levers = mtfs::scenario::Levers::plan(&council);
    let drivers = mtfs::drivers::drivers(&council, &levers).expect("computes");
    let delivery: Vec<_> = drivers
        .sensitivity
        .levers
        .iter()
        .filter(|s| s.lever.starts_with("delivery_pct."))
        .collect();
    assert!(!delivery.is_empty(), "the template has rated programmes");
    for swing in &drivers.sensitivity.levers {
        for end in [&swing.low, &swing.high] {
            let places = end.value.split_once('.').map_or(0, |(_, f)| f.len());
            assert!(places <= 2, "{}: {:?}", swing.lever, end.value);
        }
    }
}

// ---------------------------------------------------------------------------------------
// The published JSON Schema, checked independently of the loader. The schema is generated
// by schemars; this checks the keywords it uses, and fails on any keyword it does not know,
// so a change in the generator cannot make the check silently pass.

const SCHEMA: &str = include_str!("../www/schema/mtfs-council-data-1.schema.json");
const DECIMAL_PATTERN: &str = r"^\s*[-+]?(\d+\.?\d*|\.\d+)\s*$";

/// A hand-written matcher for the one pattern the schema uses (no regex crate here).
fn decimal_text(s: &str) -> bool {
    let s = s.trim();
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction) && !(whole.is_empty() && fraction.is_empty())
}

fn type_matches(name: &str, v: &Value) -> bool {
    match name {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        other => panic!("unknown type {other:?}"),
    }
}

/// Appends to `errors` every way `v` (at `path`) breaks `schema`.
fn check(root: &Value, schema: &Value, v: &Value, path: &str, errors: &mut Vec<String>) {
    let schema = schema.as_object().expect("a schema is an object");
    for (keyword, rule) in schema {
        match keyword.as_str() {
            "$schema" | "$id" | "$defs" | "title" | "description" | "default" => {}
            "$ref" => {
                let pointer = rule.as_str().unwrap().strip_prefix('#').unwrap();
                let target = root.pointer(pointer).expect("the reference resolves");
                check(root, target, v, path, errors);
            }
            "type" => {
                let ok = match rule {
                    Value::String(t) => type_matches(t, v),
                    Value::Array(ts) => ts.iter().any(|t| type_matches(t.as_str().unwrap(), v)),
                    _ => panic!("bad type rule"),
                };
                if !ok {
                    errors.push(format!("{path}: expected type {rule}, got {v}"));
                }
            }
            "minimum" => {
                if let Some(n) = v.as_f64() {
                    if n < rule.as_f64().unwrap() {
                        errors.push(format!("{path}: {v} is below the minimum {rule}"));
                    }
                }
            }
            "const" => {
                if rule != v {
                    errors.push(format!("{path}: {v} is not {rule}"));
                }
            }
            "oneOf" => {
                let fitting = rule
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|sub| {
                        let mut e = Vec::new();
                        check(root, sub, v, path, &mut e);
                        e.is_empty()
                    })
                    .count();
                if fitting != 1 {
                    errors.push(format!(
                        "{path}: fits {fitting} of the choices in oneOf, not one"
                    ));
                }
            }
            "enum" => {
                if !rule.as_array().unwrap().contains(v) {
                    errors.push(format!("{path}: {v} is not one of {rule}"));
                }
            }
            "pattern" => {
                assert_eq!(rule.as_str().unwrap(), DECIMAL_PATTERN, "a new pattern");
                if let Some(s) = v.as_str() {
                    if !decimal_text(s) {
                        errors.push(format!("{path}: {s:?} is not a decimal number"));
                    }
                }
            }
            "format" => {
                if v.is_number() {
                    let ok = match rule.as_str().unwrap() {
                        "int64" | "int32" => v.is_i64(),
                        "uint" | "uint64" | "uint32" | "uint8" => v.is_u64(),
                        f => panic!("unknown format {f:?}"),
                    };
                    if !ok {
                        errors.push(format!("{path}: {v} is not a {rule}"));
                    }
                }
            }
            "required" => {
                if let Some(o) = v.as_object() {
                    for name in rule.as_array().unwrap() {
                        if !o.contains_key(name.as_str().unwrap()) {
                            errors.push(format!("{path}: missing {name}"));
                        }
                    }
                }
            }
            "properties" => {
                if let Some(o) = v.as_object() {
                    for (name, sub) in rule.as_object().unwrap() {
                        if let Some(item) = o.get(name) {
                            check(root, sub, item, &format!("{path}.{name}"), errors);
                        }
                    }
                }
            }
            "additionalProperties" => {
                if let Some(o) = v.as_object() {
                    let known = schema.get("properties").and_then(Value::as_object);
                    for (name, item) in o {
                        if known.is_some_and(|k| k.contains_key(name)) {
                            continue;
                        }
                        match rule {
                            Value::Bool(false) => {
                                errors.push(format!("{path}: unknown field {name:?}"))
                            }
                            Value::Bool(true) => {}
                            sub => check(root, sub, item, &format!("{path}.{name}"), errors),
                        }
                    }
                }
            }
            "minItems" | "maxItems" => {
                if let Some(a) = v.as_array() {
                    let n = rule.as_u64().unwrap() as usize;
                    let fits = if keyword == "minItems" {
                        a.len() >= n
                    } else {
                        a.len() <= n
                    };
                    if !fits {
                        errors.push(format!(
                            "{path}: {} items is outside {keyword} {n}",
                            a.len()
                        ));
                    }
                }
            }
            "items" => {
                if let Some(a) = v.as_array() {
                    for (i, item) in a.iter().enumerate() {
                        check(root, rule, item, &format!("{path}[{i}]"), errors);
                    }
                }
            }
            "anyOf" => {
                let fits = rule.as_array().unwrap().iter().any(|sub| {
                    let mut e = Vec::new();
                    check(root, sub, v, path, &mut e);
                    e.is_empty()
                });
                if !fits {
                    errors.push(format!("{path}: fits none of the choices in anyOf"));
                }
            }
            other => panic!("the schema uses {other:?}, which this check does not know"),
        }
    }
}

fn schema_errors(data: &Value) -> Vec<String> {
    let root: Value = serde_json::from_str(SCHEMA).unwrap();
    let mut errors = Vec::new();
    check(&root, &root, data, "$", &mut errors);
    errors
}

#[test]
fn the_template_and_every_shipped_data_file_pass_the_published_schema() {
    for (name, text) in [
        ("data/template.json", TEMPLATE),
        (
            "data/hampshire.json",
            include_str!("../data/hampshire.json"),
        ),
        (
            "tests/fixtures/tiny.json",
            include_str!("fixtures/tiny.json"),
        ),
    ] {
        let data: Value = serde_json::from_str(text).unwrap();
        assert_eq!(schema_errors(&data), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn the_schema_check_finds_mistakes() {
    let mut data: Value = serde_json::from_str(TEMPLATE).unwrap();
    data["services"][0]["base"]["value"] = "12,5m".into();
    data["services"][1]["colour"] = "red".into();
    data["funding"][0]["kind"] = "lottery".into();
    data["reserves"][0]["opening"]["value"] = serde_json::json!(12.5);
    data["council_tax"]
        .as_object_mut()
        .unwrap()
        .remove("band_d");
    data["reserves"][1]["gap_order"] = "first".into();
    data["years"] = serde_json::json!(vec!["2020/21"; 11]);
    let errors = schema_errors(&data);
    for words in [
        "$.services[0].base.value: \"12,5m\" is not a decimal number",
        "$.services[1]: unknown field \"colour\"",
        "$.funding[0].kind",
        "$.reserves[0].opening.value: expected type",
        "$.council_tax: missing \"band_d\"",
        "$.reserves[1].gap_order",
        "$.years: 11 items is outside maxItems 10",
    ] {
        assert!(
            errors.iter().any(|e| e.starts_with(words)),
            "expected {words:?} in {errors:#?}"
        );
    }
    for (good, bad) in [
        ("12", "1 2"),
        ("-3.5", "3.5.1"),
        (" .5 ", "."),
        ("+7.", "-"),
    ] {
        assert!(decimal_text(good), "{good:?}");
        assert!(!decimal_text(bad), "{bad:?}");
    }
}
