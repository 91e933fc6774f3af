//! Every validation rule, each with a bad input: the message must name the field.
//! The good input is tests/fixtures/tiny.json; each test breaks one thing in it.

use serde_json::{json, Value};

const TINY: &str = include_str!("fixtures/tiny.json");

fn tiny() -> Value {
    serde_json::from_str(TINY).unwrap()
}

/// Applies `edit` to the good data set and returns the problems as "path: message" lines.
fn problems(edit: impl FnOnce(&mut Value)) -> Vec<(String, String)> {
    let mut data = tiny();
    edit(&mut data);
    match mtfs::load_data_json(&data.to_string()) {
        Ok(_) => panic!("the broken data set was accepted"),
        Err(e) => e
            .problems
            .into_iter()
            .map(|p| (p.path, p.message))
            .collect(),
    }
}

/// Asserts that a problem at exactly `path` says something containing `words`.
fn assert_problem(found: &[(String, String)], path: &str, words: &str) {
    assert!(
        found.iter().any(|(p, m)| p == path && m.contains(words)),
        "expected a problem at {path:?} containing {words:?}; got {found:#?}"
    );
}

fn at<'a>(v: &'a mut Value, pointer: &str) -> &'a mut Value {
    v.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("fixture has no {pointer}"))
}

#[test]
fn the_fixture_itself_is_valid() {
    let (_, council) = mtfs::load_data_json(TINY).unwrap();
    assert_eq!(council.years, ["2020/21", "2021/22"]);
}

#[test]
fn a_number_with_a_comma_and_a_unit_is_not_a_number() {
    let found = problems(|d| *at(d, "/services/1/base/value") = json!("12,5m"));
    assert_problem(&found, "services[1].base.value", "not a number: \"12,5m\"");
}

#[test]
fn a_json_float_is_refused_because_it_may_already_be_rounded() {
    let found = problems(|d| *at(d, "/reserves/0/opening/value") = json!(12.5));
    assert_problem(
        &found,
        "reserves[0].opening.value",
        "expected a decimal string",
    );
}

#[test]
fn unknown_fields_are_refused() {
    let found = problems(|d| {
        at(d, "/services/0")
            .as_object_mut()
            .unwrap()
            .insert("colour".into(), json!("red"))
            .map_or((), |_| ())
    });
    assert_problem(&found, "services[0].colour", "unknown field `colour`");
}

#[test]
fn a_missing_field_is_named() {
    let found = problems(|d| {
        at(d, "/council_tax")
            .as_object_mut()
            .unwrap()
            .remove("band_d");
    });
    assert_problem(&found, "council_tax", "missing field `band_d`");
}

#[test]
fn the_format_must_be_this_version() {
    let found = problems(|d| *at(d, "/format") = json!("mtfs-council-data/0"));
    assert_problem(&found, "format", "expected \"mtfs-council-data/1\"");
}

#[test]
fn years_must_follow_the_base_year_without_gaps() {
    let found = problems(|d| *at(d, "/years/1") = json!("2022/23"));
    assert_problem(&found, "years[1]", "expected 2021/22 to follow 2020/21");
}

#[test]
fn a_year_label_must_be_written_as_councils_write_it() {
    let found = problems(|d| *at(d, "/base_year") = json!("2019-2020"));
    assert_problem(
        &found,
        "base_year",
        "expected a year label such as \"2019/20\"",
    );
    let found = problems(|d| *at(d, "/years/0") = json!("2020/22"));
    assert_problem(&found, "years[0]", "expected 2020/21");
}

#[test]
fn the_horizon_is_one_to_ten_years() {
    let found = problems(|d| *at(d, "/years") = json!([]));
    assert_problem(&found, "years", "give 1 to 10 projection years");
}

#[test]
fn a_series_may_not_name_a_year_outside_the_projection() {
    let found = problems(|d| {
        at(d, "/services/0/growth")
            .as_object_mut()
            .unwrap()
            .insert("2025/26".into(), json!({"value": "1", "assumption": "x"}));
    });
    assert_problem(
        &found,
        "services[0].growth.2025/26",
        "not a projection year",
    );
    let found = problems(|d| {
        at(d, "/services/0/growth")
            .as_object_mut()
            .unwrap()
            .insert("2019/20".into(), json!({"value": "1", "assumption": "x"}));
    });
    assert_problem(
        &found,
        "services[0].growth.2019/20",
        "the base year is not a projection year",
    );
}

#[test]
fn a_required_series_needs_every_year() {
    let found = problems(|d| {
        at(d, "/services/1/inflation_pct")
            .as_object_mut()
            .unwrap()
            .remove("2021/22");
    });
    assert_problem(
        &found,
        "services[1].inflation_pct",
        "missing a figure for 2021/22",
    );
    let found = problems(|d| {
        at(d, "/programmes/0/lines/0/target")
            .as_object_mut()
            .unwrap()
            .remove("2019/20");
    });
    assert_problem(
        &found,
        "programmes[0].lines[0].target",
        "missing a figure for 2019/20",
    );
}

#[test]
fn budgets_and_balances_may_not_be_negative() {
    let found = problems(|d| *at(d, "/services/0/base/value") = json!("-5"));
    assert_problem(&found, "services[0].base.value", "must not be negative");
    let found = problems(|d| *at(d, "/programmes/0/lines/0/plan/2020~121/value") = json!("-1"));
    assert_problem(
        &found,
        "programmes[0].lines[0].plan.2020/21.value",
        "must not be negative",
    );
    let found = problems(|d| *at(d, "/council_tax/band_d/value") = json!("0"));
    assert_problem(
        &found,
        "council_tax.band_d.value",
        "Band D must be more than 0",
    );
}

#[test]
fn rates_must_keep_the_multiplier_positive() {
    let found = problems(|d| *at(d, "/services/0/inflation_pct/2021~122/value") = json!("-100"));
    assert_problem(
        &found,
        "services[0].inflation_pct.2021/22.value",
        "a percentage above -100 and at most 100",
    );
}

#[test]
fn references_must_point_at_something_that_exists() {
    let found = problems(|d| *at(d, "/programmes/0/lines/0/service") = json!("parks"));
    assert_problem(
        &found,
        "programmes[0].lines[0].service",
        "no service line has the id \"parks\"",
    );
    let found = problems(|d| *at(d, "/programmes/0/cash_flow_reserve") = json!("piggy_bank"));
    assert_problem(
        &found,
        "programmes[0].cash_flow_reserve",
        "no reserve has the id \"piggy_bank\"",
    );
}

#[test]
fn some_reserve_must_be_able_to_fund_a_gap() {
    let found = problems(|d| {
        at(d, "/reserves/0")
            .as_object_mut()
            .unwrap()
            .remove("gap_order");
    });
    assert_problem(&found, "reserves", "no reserve has a gap_order");
}

#[test]
fn ids_must_be_unique() {
    let found = problems(|d| *at(d, "/reserves/1/id") = json!("general"));
    assert_problem(&found, "reserves[1].id", "duplicate id \"general\"");
}

#[test]
fn every_figure_needs_exactly_one_provenance() {
    let found = problems(|d| {
        at(d, "/services/0/base")
            .as_object_mut()
            .unwrap()
            .remove("assumption");
    });
    assert_problem(
        &found,
        "services[0].base",
        "give exactly one of source, derived or assumption",
    );
    let found = problems(|d| {
        at(d, "/services/0/base")
            .as_object_mut()
            .unwrap()
            .insert("source".into(), json!("a paper"));
    });
    assert_problem(&found, "services[0].base", "(found 2)");
}

#[test]
fn the_minimum_is_an_amount_or_a_percentage_not_both() {
    let found = problems(|d| {
        at(d, "/reserves_minimum").as_object_mut().unwrap().insert(
            "pct_of_net_requirement".into(),
            json!({"value": "5", "assumption": "x"}),
        );
    });
    assert_problem(
        &found,
        "reserves_minimum",
        "exactly one of amount or pct_of_net_requirement",
    );
}

#[test]
fn a_funding_kind_must_be_one_the_model_knows() {
    let found = problems(|d| *at(d, "/funding/0/kind") = json!("lottery"));
    assert_problem(&found, "funding[0].kind", "unknown variant `lottery`");
}

#[test]
fn every_problem_is_reported_at_once() {
    let found = problems(|d| {
        *at(d, "/services/0/base/value") = json!("-1");
        *at(d, "/services/1/id") = json!("care");
        *at(d, "/programmes/0/lines/0/service") = json!("parks");
    });
    assert_eq!(found.len(), 3, "{found:#?}");
}

#[test]
fn broken_json_says_where() {
    let e = mtfs::load_data_json("{\"format\": ").unwrap_err();
    assert!(e.to_string().contains("line 1 column"), "{e}");
}

// Scenarios: a key the council does not have is an error, not silently ignored.

fn scenario_problems(scenario: Value) -> Vec<(String, String)> {
    let (_, council) = mtfs::load_data_json(TINY).unwrap();
    let result = mtfs::scenario_from_json(&scenario.to_string())
        .and_then(|s| mtfs::project_scenario(&council, &s));
    match result {
        Ok(_) => panic!("the bad scenario was accepted"),
        Err(e) => e
            .problems
            .into_iter()
            .map(|p| (p.path, p.message))
            .collect(),
    }
}

#[test]
fn a_scenario_year_must_be_a_projection_year() {
    let found = scenario_problems(json!({"core_pct": {"2030/31": "1"}}));
    assert_problem(&found, "core_pct.2030/31", "not a projection year");
}

#[test]
fn a_scenario_programme_group_and_lever_must_exist() {
    assert_problem(
        &scenario_problems(json!({"delivery_pct": {"tt2099": "50"}})),
        "delivery_pct.tt2099",
        "no savings programme has this id (programmes are save)",
    );
    assert_problem(
        &scenario_problems(json!({"delay_years": {"save": 9}})),
        "delay_years.save",
        "from 0 to 5",
    );
    assert_problem(
        &scenario_problems(json!({"growth_factor": {"libraries": "2"}})),
        "growth_factor.libraries",
        "no service line has this growth_group",
    );
    assert_problem(
        &scenario_problems(json!({"council_tax_rise": {}})),
        "council_tax_rise",
        "unknown field `council_tax_rise`",
    );
    assert_problem(
        &scenario_problems(json!({"funding_change_pct": {"lottery": {}}})),
        "funding_change_pct",
        "unknown variant `lottery`",
    );
}

#[test]
fn a_scenario_number_must_be_a_number() {
    assert_problem(
        &scenario_problems(json!({"asc_pct": {"2020/21": "two"}})),
        "asc_pct.2020/21",
        "not a number: \"two\"",
    );
    assert_problem(
        &scenario_problems(json!({"extra_spend": {"2020/21": "-5"}})),
        "extra_spend.2020/21",
        "must not be negative",
    );
    assert_problem(
        &scenario_problems(json!({"delivery_pct": {"save": "250"}})),
        "delivery_pct.save",
        "from 0 to 200",
    );
}

#[test]
fn amounts_and_rates_are_kept_within_what_the_arithmetic_can_carry() {
    let found = problems(|d| *at(d, "/services/0/base/value") = json!("1000000000001"));
    assert_problem(
        &found,
        "services[0].base.value",
        "must be at most £1,000,000,000,000 (£1 trillion) in size",
    );
    let found = problems(|d| *at(d, "/council_tax/core_pct/2020~121/value") = json!("100.01"));
    assert_problem(&found, "council_tax.core_pct.2020/21.value", "at most 100");
    let found = problems(|d| *at(d, "/council_tax/band_d/value") = json!("1000001"));
    assert_problem(&found, "council_tax.band_d.value", "Band D must be at most");
    assert_problem(
        &scenario_problems(json!({"growth_factor": {"social_care": "11"}})),
        "growth_factor.social_care",
        "from 0 to 10",
    );
    assert_problem(
        &scenario_problems(json!({"extra_spend": {"2020/21": "1000000000001"}})),
        "extra_spend.2020/21",
        "must be at most",
    );
}

/// The largest data set and scenario the limits allow must project without overflow:
/// ten years, every amount at its limit, every rate at its limit, the plan doubled.
#[test]
fn the_largest_inputs_allowed_project_without_overflow() {
    let years: Vec<String> = (0..10)
        .map(|i| format!("{}/{:02}", 2020 + i, (21 + i) % 100))
        .collect();
    let max = "1000000000000";
    let fig = |v: &str| json!({"value": v, "assumption": "limit"});
    let series = |v: &str| Value::Object(years.iter().map(|y| (y.clone(), fig(v))).collect());
    let cumulative = |v: &str| {
        let mut m = series(v);
        m.as_object_mut()
            .unwrap()
            .insert("2019/20".into(), fig("0"));
        m
    };
    let service = |id: &str| {
        json!({"id": id, "name": id, "growth_group": "social_care", "base": fig(max),
        "inflation_pct": series("100"), "growth": series(max), "base_change": series(max), "one_off": series(max)})
    };
    let data = json!({
        "format": "mtfs-council-data/1", "council": "Limits", "base_year": "2019/20", "years": years,
        "services": [service("a"), service("b"), service("c")],
        "programmes": [{"id": "p", "name": "p", "cash_flow_reserve": "r", "early_delivery_reserve": "r",
            "lines": [{"service": "a", "target": cumulative(max), "plan": cumulative("0")},
                      {"service": "b", "target": cumulative("0"), "plan": cumulative(max)}]}],
        "council_tax": {"band_d": fig("1000000"), "tax_base": fig("1000000000"), "tax_base_growth_pct": series("100"),
            "collection_fund": series(max), "core_pct": series("100"), "asc_pct": series("100")},
        "funding": [{"id": "f", "name": "f", "kind": "government_grant", "amount": series(max)}],
        "reserves": [{"id": "r", "name": "r", "opening": fig(max), "planned_in": series(max), "planned_out": series(max), "gap_order": 1}],
        "reserves_minimum": {"pct_of_net_requirement": fig("100")},
        "referendum": {"core_limit_pct": series("50"), "asc_limit_pct": series("50")}
    });
    let (_, council) = mtfs::load_data_json(&data.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let year_map = |v: &str| {
        Value::Object(
            council
                .years
                .iter()
                .map(|y| (y.clone(), json!(v)))
                .collect(),
        )
    };
    for (inflation, delivery) in [("100", "200"), ("-99.99", "0")] {
        let scenario = json!({"core_pct": year_map("100"), "asc_pct": year_map("100"), "tax_base_growth_pct": year_map("100"),
            "inflation_adjust_pp": year_map(inflation), "growth_factor": {"social_care": "10"}, "delivery_pct": {"p": delivery},
            "funding_change_pct": {"government_grant": year_map("100")}, "extra_savings": year_map(max), "extra_spend": year_map(max)});
        let scenario = mtfs::scenario_from_json(&scenario.to_string()).unwrap();
        let result = mtfs::project_scenario(&council, &scenario).unwrap();
        assert_eq!(result.years.len(), 10);
    }
}

/// Issue 14: one malformed year label in Hampshire's file gave over a hundred lines, one
/// for each series that named the real year or missed the malformed one. The cause is
/// reported once.
#[test]
fn a_malformed_year_label_is_reported_once() {
    let mut data: Value = serde_json::from_str(include_str!("../data/hampshire.json")).unwrap();
    *at(&mut data, "/years/1") = json!("2021-22");
    let e = mtfs::load_data_json(&data.to_string()).unwrap_err();
    let found: Vec<String> = e.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        ["years[1]: expected 2021/22 to follow 2020/21 (got \"2021-22\")"]
    );
}
