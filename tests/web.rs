//! The browser binding through the real JS boundary, in headless Chromium:
//! `cargo test --target wasm32-unknown-unknown --no-default-features --test web`
//! (scripts/test.sh sets up the browser; see .cargo/config.toml and webdriver.json).
//!
//! Inputs are built as JS objects with `JSON.parse`, exactly as the page hands them over;
//! results are read back as JS values and deserialised into the engine's own types, then
//! compared with the engine called directly on the same JSON text.
#![cfg(target_arch = "wasm32")]

use mtfs::wasm::Calculator;
use mtfs::{data, project_scenario, Council, Problem, Projection, Scenario};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

// Without this the runner skips every test in a browser run and still exits 0.
wasm_bindgen_test_configure!(run_in_browser);

const HAMPSHIRE: &str = include_str!("../data/hampshire.json");

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("test JSON parses")
}

/// A field of a JS value by path: `["years", "0", "band_d"]`.
fn get(value: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(value.clone(), |v, key| {
        js_sys::Reflect::get(&v, &JsValue::from_str(key)).expect("object")
    })
}

fn string_at(value: &JsValue, path: &[&str]) -> String {
    get(value, path)
        .as_string()
        .unwrap_or_else(|| panic!("{path:?} is not a string"))
}

fn calculator() -> Calculator {
    Calculator::new(js(HAMPSHIRE))
        .unwrap_or_else(|e| panic!("Hampshire data refused: {:?}", problems(e)))
}

/// The council read from JSON text by the engine directly (the native path).
fn council() -> Council {
    data::load(&mut serde_json::Deserializer::from_str(HAMPSHIRE))
        .expect("data loads")
        .1
}

/// The engine called directly on JSON text, not through the binding.
fn direct(scenario: &str) -> Projection {
    let scenario =
        Scenario::load(&mut serde_json::Deserializer::from_str(scenario)).expect("scenario loads");
    project_scenario(&council(), &scenario).expect("scenario applies")
}

/// The problems the engine reports for a data set given as JSON text.
fn direct_data_problems(data: &JsValue) -> Vec<Problem> {
    let text = String::from(js_sys::JSON::stringify(data).unwrap());
    data::load(&mut serde_json::Deserializer::from_str(&text))
        .expect_err("refused natively too")
        .problems
}

/// The same problems, but for serde_json's " at line 1 column 230" (there are no lines in
/// a JS object).
fn assert_same_problems(through_js: &[Problem], native: &[Problem]) {
    let without_position = |p: &Problem| {
        let message = p
            .message
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_string();
        Problem {
            path: p.path.clone(),
            message,
        }
    };
    assert_eq!(
        through_js.to_vec(),
        native.iter().map(without_position).collect::<Vec<_>>()
    );
}

/// What the binding threw: a JS `Error` with a `problems` list.
fn problems(error: JsValue) -> Vec<Problem> {
    assert!(
        error.is_instance_of::<js_sys::Error>(),
        "errors are thrown as Error objects: {error:?}"
    );
    let message = error.unchecked_ref::<js_sys::Error>().message();
    let problems: Vec<Problem> =
        serde_wasm_bindgen::from_value(get(&error, &["problems"])).expect("problems list");
    assert!(!problems.is_empty());
    for p in &problems {
        assert!(
            String::from(&message).contains(&p.message),
            "message {message:?} lists {p:?}"
        );
    }
    problems
}

fn same_as_direct(scenario: &str) -> JsValue {
    let result = calculator().project(Some(js(scenario))).expect("projects");
    let through_js: Projection =
        serde_wasm_bindgen::from_value(result.clone()).expect("result has the Projection shape");
    let expected = direct(scenario);
    assert_eq!(through_js, expected);
    // And the very JSON the CLI would print: maps as objects, null for absent, money as strings.
    let stringified = String::from(js_sys::JSON::stringify(&result).unwrap());
    let as_json: serde_json::Value = serde_json::from_str(&stringified).unwrap();
    assert_eq!(as_json, serde_json::to_value(&expected).unwrap());
    result
}

#[wasm_bindgen_test]
fn the_base_case_matches_the_engine_and_the_papers() {
    let result = same_as_direct("{}");
    assert_eq!(string_at(&result, &["council"]), "Hampshire County Council");
    assert_eq!(string_at(&result, &["base_year"]), "2019/20");
    assert_eq!(string_at(&result, &["years", "0", "year"]), "2020/21");
    assert_eq!(string_at(&result, &["years", "0", "band_d"]), "1286.28");
    assert_eq!(
        string_at(&result, &["years", "0", "band_d_change"]),
        "49.41"
    );
    assert_eq!(string_at(&result, &["years", "0", "bands", "A"]), "857.52");
    assert_eq!(string_at(&result, &["years", "0", "bands", "H"]), "2572.56");
    assert_eq!(get(&result, &["years", "length"]).as_f64(), Some(4.0));
    assert_eq!(
        get(&result, &["years", "0", "referendum"]).as_bool(),
        Some(false)
    );
    assert!(get(&result, &["summary", "warnings"]).is_instance_of::<js_sys::Array>());
}

#[wasm_bindgen_test]
fn no_scenario_is_the_plan() {
    let calculator = calculator();
    let none: Projection =
        serde_wasm_bindgen::from_value(calculator.project(None).unwrap()).unwrap();
    let empty: Projection =
        serde_wasm_bindgen::from_value(calculator.project(Some(js("{}"))).unwrap()).unwrap();
    assert_eq!(none, empty);
    assert_eq!(calculator.council(), "Hampshire County Council");
}

#[wasm_bindgen_test]
fn a_scenario_matches_the_engine() {
    let result = same_as_direct(
        r#"{"core_pct": {"2021/22": "0"}, "asc_pct": {"2021/22": "0"}, "delay_years": {"tt2021": 1},
            "funding_change_pct": {"government_grant": {"2022/23": "-10"}}, "use_reserves": true}"#,
    );
    // No rise in 2021/22: Band D stays at 2020/21's.
    assert_eq!(string_at(&result, &["years", "1", "band_d"]), "1286.28");
}

#[wasm_bindgen_test]
fn a_bad_figure_in_the_data_set_is_an_error_naming_it() {
    let data = js(HAMPSHIRE);
    js_sys::Reflect::set(
        &get(&data, &["services", "0", "base"]),
        &"value".into(),
        &"12,5m".into(),
    )
    .unwrap();
    let problems = problems(Calculator::new(data.clone()).err().expect("refused"));
    assert_same_problems(&problems, &direct_data_problems(&data));
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "services[0].base.value");
    assert!(
        problems[0].message.contains("12,5m"),
        "{}",
        problems[0].message
    );
}

#[wasm_bindgen_test]
fn every_validation_problem_is_reported() {
    let data = js(HAMPSHIRE);
    js_sys::Reflect::set(&data, &"format".into(), &"mtfs-council-data/0".into()).unwrap();
    js_sys::Reflect::set(
        &get(&data, &["council_tax", "band_d"]),
        &"value".into(),
        &"-1".into(),
    )
    .unwrap();
    let paths: Vec<String> = problems(Calculator::new(data).err().expect("refused"))
        .into_iter()
        .map(|p| p.path)
        .collect();
    assert!(paths.contains(&"format".to_string()), "{paths:?}");
    assert!(
        paths.contains(&"council_tax.band_d.value".to_string()),
        "{paths:?}"
    );
}

#[wasm_bindgen_test]
fn a_misspelt_key_in_the_data_set_is_refused_not_ignored() {
    let data = js(HAMPSHIRE);
    let tax = get(&data, &["council_tax"]);
    js_sys::Reflect::set(&tax, &"asc_pc".into(), &get(&tax, &["asc_pct"])).unwrap();
    js_sys::Reflect::delete_property(tax.unchecked_ref::<js_sys::Object>(), &"asc_pct".into())
        .unwrap();
    let problems = problems(Calculator::new(data.clone()).err().expect("refused"));
    assert_same_problems(&problems, &direct_data_problems(&data));
    assert_eq!(problems[0].path, "council_tax.asc_pc");
    assert!(
        problems[0].message.contains("unknown field `asc_pc`"),
        "{}",
        problems[0].message
    );
}

#[wasm_bindgen_test]
fn anything_but_a_data_set_is_an_error_not_a_trap() {
    for bad in [
        JsValue::UNDEFINED,
        JsValue::NULL,
        JsValue::from_str("hampshire"),
        JsValue::from(3),
        js("[]"),
        js("{}"),
    ] {
        problems(Calculator::new(bad).err().expect("refused"));
    }
}

#[wasm_bindgen_test]
fn a_bad_scenario_is_an_error_naming_the_field() {
    let calculator = calculator();
    let cases = [
        (
            r#"{"delivery_pct": {"tt2099": "80"}}"#,
            "delivery_pct.tt2099",
            "no savings programme",
        ),
        (
            r#"{"core_pct": {"2021/22": "2,99"}}"#,
            "core_pct.2021/22",
            "not a number",
        ),
        (
            r#"{"core_pct": {"2021/22": 2.99}}"#,
            "core_pct.2021/22",
            "quotes",
        ),
        (
            r#"{"core_pct": {"2031/32": "1"}}"#,
            "core_pct.2031/32",
            "not a projection year",
        ),
        (
            r#"{"delay_years": {"tt2021": 9}}"#,
            "delay_years.tt2021",
            "0 to 5",
        ),
        (
            r#"{"funding_change_pct": {"council_tax": {}}}"#,
            "funding_change_pct",
            "unknown variant",
        ),
        // A misspelt lever is refused, not silently ignored (see `strict` in src/wasm.rs).
        (r#"{"use_reserve": false}"#, "use_reserve", "unknown field"),
        (
            r#"{"core_pct": "2.99"}"#,
            "core_pct",
            "invalid type: string",
        ),
        (r#"["core_pct"]"#, "[0]", "invalid type: string"),
        (r#""the plan""#, "", "invalid type: string"),
    ];
    for (scenario, path, words) in cases {
        let error = calculator
            .project(Some(js(scenario)))
            .err()
            .unwrap_or_else(|| panic!("{scenario} refused"));
        let problems = problems(error);
        assert_eq!(problems[0].path, path, "{scenario}");
        assert!(
            problems[0].message.contains(words),
            "{scenario}: {}",
            problems[0].message
        );
        // The same problem the engine reports for the same JSON text.
        let expected = Scenario::load(&mut serde_json::Deserializer::from_str(scenario))
            .and_then(|s| project_scenario(&council(), &s))
            .expect_err("refused natively too");
        assert_same_problems(&problems, &expected.problems);
    }
    // The calculator is still usable after refusing input.
    assert!(calculator.project(None).is_ok());
}
