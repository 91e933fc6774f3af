//! The browser binding through the real JS boundary, in headless Chromium:
//! `cargo test --target wasm32-unknown-unknown --no-default-features --test web`
//! (scripts/test.sh sets up the browser; see .cargo/config.toml and webdriver.json).
//!
//! Inputs are built as JS objects with `JSON.parse`, exactly as the page hands them over;
//! results are read back as JS values and deserialised into the engine's own types, then
//! compared with the engine called directly on the same JSON text (the native path).
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

fn set(object: &JsValue, key: &str, value: &JsValue) {
    js_sys::Reflect::set(object, &JsValue::from_str(key), value).expect("object");
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

/// The council read from JSON text by the engine directly.
fn council() -> Council {
    data::load(&mut serde_json::Deserializer::from_str(HAMPSHIRE))
        .expect("data loads")
        .1
}

/// The engine called directly on JSON text, not through the binding.
fn direct(scenario: &str) -> Result<Projection, Vec<Problem>> {
    Scenario::load(&mut serde_json::Deserializer::from_str(scenario))
        .and_then(|s| project_scenario(&council(), &s))
        .map_err(|e| e.problems)
}

/// What the binding threw: a JS `Error` whose message lists the problems, and whose
/// `problems` property holds them.
fn problems(error: JsValue) -> Vec<Problem> {
    assert!(
        error.is_instance_of::<js_sys::Error>(),
        "thrown as an Error: {error:?}"
    );
    let message = String::from(error.unchecked_ref::<js_sys::Error>().message());
    let problems: Vec<Problem> =
        serde_wasm_bindgen::from_value(get(&error, &["problems"])).expect("a problems list");
    assert!(!problems.is_empty());
    for p in &problems {
        assert!(
            message.contains(&p.message),
            "message {message:?} lists {p:?}"
        );
    }
    problems
}

/// The binding's problems are the engine's for the same JSON text, but for serde_json's
/// " at line 1 column 230" (a JS object has no lines).
fn assert_same_problems(through_js: &[Problem], native: &[Problem]) {
    let without_position = |p: &Problem| Problem {
        path: p.path.clone(),
        message: p
            .message
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_string(),
    };
    assert_eq!(
        through_js,
        native.iter().map(without_position).collect::<Vec<_>>()
    );
}

/// The problems `new Calculator(data)` throws, checked against the engine's own.
fn refused_data(data: &JsValue) -> Vec<Problem> {
    let through_js = match Calculator::new(data.clone()) {
        Ok(_) => panic!("data set accepted"),
        Err(error) => problems(error),
    };
    let text = String::from(js_sys::JSON::stringify(data).expect("stringify"));
    let native = data::load(&mut serde_json::Deserializer::from_str(&text))
        .expect_err("refused natively too");
    assert_same_problems(&through_js, &native.problems);
    through_js
}

/// The problems `calculator.project(scenario)` throws.
fn refused_scenario(calculator: &Calculator, scenario: &str) -> Vec<Problem> {
    match calculator.project(Some(js(scenario))) {
        Ok(_) => panic!("scenario {scenario} accepted"),
        Err(error) => problems(error),
    }
}

/// Projects through the binding and checks the result against the engine called directly.
fn same_as_direct(scenario: &str) -> JsValue {
    let result = calculator().project(Some(js(scenario))).expect("projects");
    let expected = direct(scenario).expect("projects natively");
    let through_js: Projection =
        serde_wasm_bindgen::from_value(result.clone()).expect("result has the Projection shape");
    assert_eq!(through_js, expected);
    // And the very JSON the CLI prints: maps as objects, null for absent, money as strings.
    let stringified = String::from(js_sys::JSON::stringify(&result).expect("stringify"));
    let as_json: serde_json::Value = serde_json::from_str(&stringified).expect("JSON");
    assert_eq!(as_json, serde_json::to_value(&expected).expect("JSON"));
    result
}

#[wasm_bindgen_test]
fn the_base_case_matches_the_engine_and_the_papers() {
    let result = same_as_direct("{}");
    assert_eq!(string_at(&result, &["council"]), "Hampshire County Council");
    assert_eq!(string_at(&result, &["base_year"]), "2019/20");
    assert_eq!(get(&result, &["years", "length"]).as_f64(), Some(4.0));
    assert_eq!(string_at(&result, &["years", "0", "year"]), "2020/21");
    // Band D 2020/21 and its rise (Cabinet 6 Jan 2020; Hampshire's published council tax).
    assert_eq!(string_at(&result, &["years", "0", "band_d"]), "1286.28");
    assert_eq!(
        string_at(&result, &["years", "0", "band_d_change"]),
        "49.41"
    );
    assert_eq!(string_at(&result, &["years", "0", "bands", "A"]), "857.52");
    assert_eq!(string_at(&result, &["years", "0", "bands", "H"]), "2572.56");
    assert_eq!(
        get(&result, &["years", "0", "referendum"]).as_bool(),
        Some(false)
    );
    assert!(get(&result, &["summary", "first_unfunded_year"]).is_null());
    assert!(get(&result, &["summary", "warnings"]).is_instance_of::<js_sys::Array>());
}

#[wasm_bindgen_test]
fn no_scenario_is_the_plan() {
    let calculator = calculator();
    let plan = |scenario| -> Projection {
        serde_wasm_bindgen::from_value(calculator.project(scenario).expect("projects")).unwrap()
    };
    assert_eq!(plan(None), plan(Some(js("{}"))));
}

#[wasm_bindgen_test]
fn a_scenario_matches_the_engine() {
    let result = same_as_direct(
        r#"{"core_pct": {"2021/22": "0"}, "asc_pct": {"2021/22": "0"},
            "delivery_pct": {"tt2021": "80"}, "delay_years": {"tt2021": 1},
            "funding_change_pct": {"government_grant": {"2022/23": "-10"}},
            "extra_savings": {"2023/24": "5000000"}, "use_reserves": true}"#,
    );
    // No rise in 2021/22: Band D stays at 2020/21's.
    assert_eq!(string_at(&result, &["years", "1", "band_d"]), "1286.28");
    same_as_direct(r#"{"use_reserves": false}"#);
}

#[wasm_bindgen_test]
fn a_bad_figure_in_the_data_set_is_an_error_naming_it() {
    let data = js(HAMPSHIRE);
    set(
        &get(&data, &["services", "0", "base"]),
        "value",
        &"12,5m".into(),
    );
    let problems = refused_data(&data);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "services[0].base.value");
    assert!(
        problems[0].message.contains(r#"not a number: "12,5m""#),
        "{}",
        problems[0].message
    );
}

#[wasm_bindgen_test]
fn a_value_where_a_figure_belongs_is_an_error_naming_it() {
    let data = js(HAMPSHIRE);
    set(&get(&data, &["services", "0"]), "base", &"421336000".into());
    let problems = refused_data(&data);
    assert_eq!(problems[0].path, "services[0].base");
    assert_eq!(
        problems[0].message,
        r#"invalid type: string "421336000", expected struct Figure"#
    );
}

#[wasm_bindgen_test]
fn a_misspelt_key_in_the_data_set_is_refused_not_ignored() {
    let data = js(HAMPSHIRE);
    let tax = get(&data, &["council_tax"]);
    set(&tax, "asc_pc", &get(&tax, &["asc_pct"]));
    js_sys::Reflect::delete_property(tax.unchecked_ref::<js_sys::Object>(), &"asc_pct".into())
        .expect("object");
    let problems = refused_data(&data);
    assert_eq!(problems[0].path, "council_tax.asc_pc");
    assert!(
        problems[0].message.contains("unknown field `asc_pc`"),
        "{}",
        problems[0].message
    );
}

/// Every kind of structural mistake is named by the same path, with the same words, in
/// the browser (the binding's own path-keeping reader) as natively (serde_path_to_error):
/// deep in arrays, in maps keyed by year, an enum value or key, a missing or unknown field.
#[wasm_bindgen_test]
fn structural_mistakes_are_named_as_natively() {
    // The floats are worded by the binding itself (`number::float_words`, not f64's own
    // formatting, which the first module leaves out), and must still read as natively.
    let cases: [(&[&str], &str, JsValue, &str); 9] = [
        (
            &["services", "2", "inflation_pct", "2021/22"],
            "value",
            JsValue::from_f64(2.5),
            "services[2].inflation_pct.2021/22.value",
        ),
        (
            &["services", "1"],
            "growth_group",
            JsValue::from_f64(0.1),
            "services[1].growth_group",
        ),
        (
            &["services", "1"],
            "growth_group",
            JsValue::from_f64(1.0),
            "services[1].growth_group",
        ),
        (&["funding", "0"], "kind", "grant".into(), "funding[0].kind"),
        (
            &["reserves", "1"],
            "colour",
            "blue".into(),
            "reserves[1].colour",
        ),
        (
            &["programmes", "0", "lines", "1"],
            "target_from_base",
            JsValue::TRUE,
            "programmes[0].lines[1].target_from_base",
        ),
        (
            &["council_tax"],
            "band_d",
            JsValue::NULL,
            "council_tax.band_d",
        ),
        (&[], "years", "2020/21".into(), "years"),
        (&[], "risk", js(r#"{"odds": {"purple": {}}}"#), "risk.odds"),
    ];
    for (at, key, value, path) in cases {
        let data = js(HAMPSHIRE);
        set(&get(&data, at), key, &value);
        let problems = refused_data(&data); // checked against the native problems
        assert_eq!(problems[0].path, path, "{at:?}.{key}");
    }
    // A field left out is about the object that lacks it.
    let data = js(HAMPSHIRE);
    let reserve = get(&data, &["reserves", "0"]);
    js_sys::Reflect::delete_property(reserve.unchecked_ref::<js_sys::Object>(), &"opening".into())
        .expect("object");
    let problems = refused_data(&data);
    assert_eq!(problems[0].path, "reserves[0]");
    assert!(
        problems[0].message.contains("missing field `opening`"),
        "{}",
        problems[0].message
    );
}

#[wasm_bindgen_test]
fn every_validation_problem_is_reported() {
    let data = js(HAMPSHIRE);
    set(&data, "format", &"mtfs-council-data/0".into());
    set(
        &get(&data, &["council_tax", "band_d"]),
        "value",
        &"-1".into(),
    );
    let paths: Vec<String> = refused_data(&data).into_iter().map(|p| p.path).collect();
    assert!(paths.contains(&"format".to_string()), "{paths:?}");
    assert!(
        paths.contains(&"council_tax.band_d.value".to_string()),
        "{paths:?}"
    );
}

#[wasm_bindgen_test]
fn anything_but_a_data_set_is_an_error_not_a_trap() {
    for bad in [js("{}"), js("\"hampshire\""), js("3"), js("null")] {
        refused_data(&bad);
    }
    // No native counterpart (serde_json would read an array as the fields in order, and
    // JSON has no undefined): still error values.
    let array = match Calculator::new(js("[]")) {
        Ok(_) => panic!("an array accepted"),
        Err(e) => problems(e),
    };
    assert_eq!(
        array[0].message,
        "invalid type: sequence, expected struct DataSet"
    );
    match Calculator::new(JsValue::UNDEFINED) {
        Ok(_) => panic!("undefined accepted"),
        Err(e) => assert_eq!(problems(e)[0].path, ""),
    }
    // Values JSON.stringify throws on (the binding reads the text it writes): a cycle and
    // a BigInt are errors naming what is wrong, not traps.
    let cyclic = js(HAMPSHIRE);
    set(&get(&cyclic, &["services", "0"]), "loop", &cyclic);
    let bigint = js(HAMPSHIRE);
    set(&bigint, "as_at", &js_sys::BigInt::from(7u32).into());
    for bad in [cyclic, bigint] {
        match Calculator::new(bad) {
            Ok(_) => panic!("accepted"),
            Err(e) => assert!(
                problems(e)[0]
                    .message
                    .starts_with("invalid type: a JavaScript value that is not JSON ("),
                "worded"
            ),
        }
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
        (r#""the plan""#, "", "invalid type: string"),
    ];
    for (scenario, path, words) in cases {
        let problems = refused_scenario(&calculator, scenario);
        assert_eq!(problems[0].path, path, "{scenario}");
        assert!(
            problems[0].message.contains(words),
            "{scenario}: {}",
            problems[0].message
        );
        assert_same_problems(
            &problems,
            &direct(scenario).expect_err("refused natively too"),
        );
    }
    // serde_json would read an array as the struct's fields in order; a JS array is refused.
    let problems = refused_scenario(&calculator, r#"["core_pct"]"#);
    assert_eq!(problems[0].path, "");
    assert_eq!(
        problems[0].message,
        "invalid type: sequence, expected struct Scenario"
    );
    // The calculator is still usable after refusing input.
    assert!(calculator.project(None).is_ok());
}

#[wasm_bindgen_test]
fn each_projection_is_timed_with_the_browsers_clock() {
    let calculator = calculator();
    assert!(
        calculator.last_project_micros().is_nan(),
        "no time before a call"
    );
    calculator.project(None).expect("projects");
    let micros = calculator.last_project_micros();
    assert!(micros.is_finite() && micros >= 0.0, "{micros}");
    // A refused scenario is timed too, and a thousand projections take well under a second
    // each: the clock reads microseconds, not milliseconds or seconds.
    assert!(calculator
        .project(Some(js(r#"{"use_reserve": false}"#)))
        .is_err());
    assert!(calculator.last_project_micros().is_finite());
    let mut total = 0.0;
    for _ in 0..200 {
        calculator
            .project(Some(js(r#"{"core_pct": {"2021/22": "2.5"}}"#)))
            .expect("projects");
        total += calculator.last_project_micros();
    }
    let mean = total / 200.0;
    assert!(mean > 0.0 && mean < 1_000_000.0, "mean {mean} µs");
}

/// The options and links (src/wasm/choices.rs): the same list and the same link format in
/// the browser as natively, and a link the page cannot use refused in plain English.
#[wasm_bindgen_test]
fn options_and_links_are_the_engines_in_the_browser() {
    let calculator = calculator();
    let list = calculator.options().expect("options");
    let native = mtfs::options::list(&council()).expect("computes");
    let text = String::from(js_sys::JSON::stringify(&list).expect("stringify"));
    let from_js: mtfs::options::OptionList = serde_json::from_str(&text).expect("the same shape");
    assert_eq!(from_js, native);

    let scenario =
        r#"{"choices": {"universal-services": "reduce"}, "core_pct": {"2022/23": "1.5"}}"#;
    let link = calculator.link(Some(js(scenario))).expect("a link");
    assert_eq!(link, "#s2.c2022_1.5~ouniversal-services_reduce");
    let back = calculator.scenario_from_link(&link).expect("reads back");
    let projected = calculator.project(Some(back)).expect("projects");
    let text = String::from(js_sys::JSON::stringify(&projected).expect("stringify"));
    let projected: Projection = serde_json::from_str(&text).expect("a projection");
    assert_eq!(Ok(projected), direct(scenario));

    let refused = problems(calculator.scenario_from_link("#s1.c2020_two").unwrap_err());
    assert_eq!(refused[0].path, "link");
    assert!(
        refused[0].message.contains("is not a number"),
        "{refused:?}"
    );
}

/// A lever move's one call (`viewAndLink`): the view `projectView` gives and the link
/// `link` gives, for the scenario read once; no link where the format cannot hold it.
#[wasm_bindgen_test]
fn a_lever_moves_one_call_is_the_view_and_the_link() {
    let calculator = calculator();
    let json = |value: &JsValue| String::from(js_sys::JSON::stringify(value).expect("JSON"));
    let scenario =
        r#"{"choices": {"universal-services": "reduce"}, "core_pct": {"2022/23": "1.5"}}"#;
    let both = calculator
        .view_and_link(Some(js(scenario)))
        .expect("projects");
    let view = calculator
        .project_view(Some(js(scenario)))
        .expect("projects");
    assert_eq!(json(&get(&both, &["view"])), json(&view));
    assert_eq!(
        get(&both, &["link"]).as_string().expect("a link"),
        calculator.link(Some(js(scenario))).expect("a link")
    );
    // Ten digits after the point: a rate the engine takes, a link cannot hold.
    let precise = r#"{"core_pct": {"2022/23": "1.0000000001"}}"#;
    calculator
        .link(Some(js(precise)))
        .expect_err("no link holds it");
    let both = calculator
        .view_and_link(Some(js(precise)))
        .expect("projects");
    assert!(get(&both, &["link"]).is_null());
    let view = calculator
        .project_view(Some(js(precise)))
        .expect("projects");
    assert_eq!(json(&get(&both, &["view"])), json(&view));
    // A scenario the council refuses is refused as `projectView` refuses it.
    let refused = problems(
        calculator
            .view_and_link(Some(js(r#"{"core_pct": {"2022/23": "x"}}"#)))
            .unwrap_err(),
    );
    assert_eq!(
        refused,
        problems(
            calculator
                .project_view(Some(js(r#"{"core_pct": {"2022/23": "x"}}"#)))
                .unwrap_err()
        )
    );
}

/// Risk, goal seek and drivers (src/wasm/insight.rs, the page's second module, built with
/// the `insight` feature): the same figures in the browser as natively. The fixtures are
/// written by the native engine (tests/risk_hampshire.rs).
#[cfg(feature = "insight")]
mod insight {
    use super::*;

    const RISK_FIXTURE: &str = include_str!("fixtures/risk-seed-42.json");
    const INSIGHT_FIXTURE: &str = include_str!("fixtures/insight-hampshire.json");

    /// A JS result as JSON, for comparing with a fixture written natively.
    fn as_json(value: &JsValue) -> serde_json::Value {
        let text = String::from(js_sys::JSON::stringify(value).expect("stringify"));
        serde_json::from_str(&text).expect("JSON")
    }

    /// The response analysis in the browser, fed in pieces, gives the native figures.
    #[wasm_bindgen_test]
    fn the_response_analysis_is_the_native_one_in_the_browser() {
        const RESPONSES: &[u8] = include_bytes!("fixtures/responses-5000.csv");
        let calculator = calculator();
        let settings = js(r#"{"group": "respondent_type"}"#);
        let mut analyser =
            mtfs::wasm::ResponseAnalyser::new(&calculator, Some(settings)).expect("settings");
        for piece in RESPONSES.chunks(50_000) {
            analyser.push(piece);
        }
        let finished = analyser.finish().expect("figures");
        let native = {
            let council = council();
            let settings = mtfs::analysis::Settings {
                group: Some("respondent_type".into()),
                ..Default::default()
            };
            let mut a =
                mtfs::analysis::Analyser::new(std::borrow::Cow::Borrowed(&council), settings);
            a.push(RESPONSES);
            a.finish().expect("native figures")
        };
        assert_eq!(
            as_json(&get(&finished, &["analysis"])),
            serde_json::to_value(&native).unwrap()
        );
        assert_eq!(string_at(&finished, &["csv"]), mtfs::analysis::csv(&native));
        assert!(analyser.finish().is_err(), "finished once");
    }

    #[wasm_bindgen_test]
    fn a_fixed_seed_gives_the_native_fixture_in_the_browser() {
        let result = calculator()
            .simulate(None, 10_000.0, 42.0)
            .expect("simulates");
        let fixture: serde_json::Value = serde_json::from_str(RISK_FIXTURE).expect("fixture");
        assert_eq!(as_json(&result), fixture);
        // And through the engine's own types.
        let through_js: mtfs::risk::Simulation =
            serde_wasm_bindgen::from_value(result).expect("the Simulation shape");
        assert_eq!(through_js.paths, 10_000);
        assert_eq!(
            string_at(&js(RISK_FIXTURE), &["years", "3", "total_reserves", "p50"]),
            through_js.years[3].total_reserves.p50.to_string()
        );
    }

    #[wasm_bindgen_test]
    fn goal_seek_and_drivers_give_the_native_fixture_in_the_browser() {
        let calculator = calculator();
        let fixture: serde_json::Value = serde_json::from_str(INSIGHT_FIXTURE).expect("fixture");
        let goal = calculator.goal_seek(None).expect("seeks");
        assert_eq!(as_json(&goal), fixture["goal_seek"]);
        let drivers = calculator.drivers(Some(js("{}"))).expect("drivers");
        assert_eq!(as_json(&drivers), fixture["drivers"]);
        // An answer is a scenario fragment the calculator takes back (the plan's scenario is
        // empty, so the fragment is the whole scenario).
        let applied = get(&goal, &["council_tax", "change"]);
        let result = calculator
            .project(Some(applied))
            .expect("projects the answer");
        // The projection takes the rise the answer gives (the fixture's, not a literal).
        let answer = fixture["goal_seek"]["council_tax"]["change"]["core_pct"]["2020/21"]
            .as_str()
            .expect("the answer's first rise");
        assert_eq!(string_at(&result, &["years", "0", "core_pct"]), answer);
    }

    #[wasm_bindgen_test]
    fn figures_lists_every_figure_with_its_provenance_as_natively() {
        let figures = calculator().figures().expect("lists");
        let (data, _) =
            data::load(&mut serde_json::Deserializer::from_str(HAMPSHIRE)).expect("loads");
        let native: Vec<(String, data::Figure)> = data
            .figures()
            .into_iter()
            .map(|(path, figure)| (path, figure.clone()))
            .collect();
        assert_eq!(as_json(&figures), serde_json::to_value(&native).unwrap());
        // [path, figure] pairs, in the file's order, each with one provenance.
        assert_eq!(string_at(&figures, &["0", "0"]), "services[0].base");
        assert_eq!(string_at(&figures, &["0", "1", "value"]), "385455000");
        assert!(string_at(&figures, &["0", "1", "source"]).starts_with("seed 000 L632"));
        assert!(get(&figures, &["0", "1", "assumption"]).is_undefined());
    }

    /// The simulation's words through the binding are the native ones (src/risk/words.rs).
    #[wasm_bindgen_test]
    fn risk_words_are_the_native_ones() {
        let calculator = calculator();
        let scenario = r#"{"use_reserves": false}"#;
        let sim = calculator
            .simulate(Some(js(scenario)), 300.0, 3.0)
            .expect("simulates");
        let words = calculator
            .risk_words(sim.clone(), Some(js(scenario)))
            .expect("words");
        let native_sim: mtfs::risk::Simulation =
            serde_wasm_bindgen::from_value(sim).expect("the Simulation shape");
        let native = mtfs::risk::words::describe(&native_sim, false);
        assert_eq!(as_json(&words), serde_json::to_value(&native).unwrap());
        assert!(string_at(&words, &["runs_out"]).contains("no reserves"));
        // Not a simulation: an error naming what is wrong, not a trap.
        assert!(!problems(calculator.risk_words(js("{}"), None).expect_err("refused")).is_empty());
    }

    /// The plan against what happened through the binding is `mtfs outturn`'s comparison.
    #[wasm_bindgen_test]
    fn the_outturn_is_the_native_report_with_its_cells() {
        const RECORD: &str = include_str!("../data/hampshire-outturn.json");
        let calculator = calculator();
        let view = calculator.outturn(js(RECORD)).expect("compares");
        let (_, council) =
            data::load(&mut serde_json::Deserializer::from_str(HAMPSHIRE)).expect("loads");
        let record =
            mtfs::outturn::record::load(&mut serde_json::Deserializer::from_str(RECORD), &council)
                .expect("the record");
        let report = mtfs::outturn::report(&council, &record, None).expect("report");
        assert_eq!(
            as_json(&get(&view, &["report"])),
            serde_json::to_value(&report).unwrap()
        );
        let cells: Vec<_> = report
            .years
            .iter()
            .map(mtfs::outturn::cells::year_cells)
            .collect();
        assert_eq!(
            as_json(&get(&view, &["cells", "years"])),
            serde_json::to_value(&cells).unwrap()
        );
        // A record it refuses is an error naming the field.
        let refused = problems(
            calculator
                .outturn(js(r#"{"format": "mtfs-outturn/1"}"#))
                .expect_err("refused"),
        );
        assert!(!refused.is_empty());
    }

    #[wasm_bindgen_test]
    fn a_scenario_changes_the_simulation_as_it_does_natively() {
        let scenario =
            r#"{"delivery_pct": {"tt2021": "80"}, "inflation_adjust_pp": {"2022/23": "1"}}"#;
        let result = calculator()
            .simulate(Some(js(scenario)), 500.0, 7.0)
            .expect("simulates");
        let native = mtfs::simulate_scenario(
            &council(),
            &Scenario::load(&mut serde_json::Deserializer::from_str(scenario)).unwrap(),
            500,
            7,
        )
        .expect("simulates natively");
        assert_eq!(as_json(&result), serde_json::to_value(&native).unwrap());
    }

    #[wasm_bindgen_test]
    fn bad_simulation_inputs_are_errors_naming_them() {
        let calculator = calculator();
        for (paths, seed, path) in [
            (0.0, 1.0, "paths"),
            (100_001.0, 1.0, "paths"),
            (1.5, 1.0, "paths"),
            (f64::NAN, 1.0, "paths"),
            (10.0, -1.0, "seed"),
            (10.0, 4_294_967_296.0, "seed"),
        ] {
            let problems = match calculator.simulate(None, paths, seed) {
                Ok(_) => panic!("paths {paths}, seed {seed} accepted"),
                Err(e) => problems(e),
            };
            assert_eq!(problems[0].path, path, "{paths} {seed}");
        }
        for call in [
            calculator.simulate(Some(js(r#"{"delay_years": {"tt2021": 9}}"#)), 10.0, 1.0),
            calculator.goal_seek(Some(js(r#"{"use_reserve": false}"#))),
            calculator.drivers(Some(js(r#"{"core_pct": "2"}"#))),
        ] {
            assert!(!problems(call.expect_err("refused")).is_empty());
        }
    }

    /// Milliseconds by the browser's clock.
    fn now() -> f64 {
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
            .ok()
            .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
            .map_or_else(js_sys::Date::now, |p| p.now())
    }

    /// Reports (does not assert) the time of 10,000 paths and of a goal seek in this browser:
    /// the figures README.md records under "Risk and goal seek".
    #[wasm_bindgen_test]
    fn timings_in_the_browser() {
        let calculator = calculator();
        let mut runs = Vec::new();
        for _ in 0..5 {
            let start = now();
            calculator
                .simulate(None, 10_000.0, 42.0)
                .expect("simulates");
            runs.push(now() - start);
        }
        runs.sort_by(f64::total_cmp);
        let mut seeks = Vec::new();
        for _ in 0..21 {
            let start = now();
            calculator
                .goal_seek(Some(js(r#"{"delivery_pct": {"tt2023": "0"}}"#)))
                .expect("seeks");
            seeks.push(now() - start);
        }
        seeks.sort_by(f64::total_cmp);
        let mut drivers = Vec::new();
        for _ in 0..21 {
            let start = now();
            calculator.drivers(None).expect("drivers");
            drivers.push(now() - start);
        }
        drivers.sort_by(f64::total_cmp);
        console_log!(
            "timing: 10,000 paths {:.1} ms (median of 5; min {:.1}); goal seek {:.2} ms, drivers {:.2} ms (medians of 21)",
            runs[2],
            runs[0],
            seeks[10],
            drivers[10]
        );
    }
}
