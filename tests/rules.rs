//! Council tax rules as data (issue 14): data/council-tax-rules.json is checked by the data
//! layer (src/rules.rs) and gives the engine's constants (build.rs, src/nation.rs); an
//! English data set without its own referendum section takes the principles from it; and
//! the adult social care precept's cap over 2017/18 to 2019/20 (6% in all) is applied.
//! The worked example is in docs/model-notes.md, "The adult social care precept over a
//! window of years".

use mtfs::nation::{Nation, RiseRule};
use mtfs::rules::{band, check, RULES_JSON};
use mtfs::{load_data_json, project_scenario, scenario_from_json};
use rust_decimal::Decimal;

const TEMPLATE: &str = include_str!("../data/template.json");
const TINY: &str = include_str!("fixtures/tiny.json");

#[test]
fn the_shipped_rules_file_checks_clean_and_is_what_the_engine_uses() {
    let file = check(RULES_JSON).unwrap_or_else(|e| panic!("{e:?}"));
    for nation in Nation::ALL {
        let rules = nation.rules();
        let data = &file.nations[nation.as_str()];
        assert_eq!(rules.name, data.name);
        assert_eq!(rules.bands_source, data.bands_source);
        let bands: Vec<(&str, i64, i64)> = data.bands.iter().map(|b| band(b).unwrap()).collect();
        let engine: Vec<(&str, i64, i64)> = rules
            .bands
            .iter()
            .map(|b| (b.band, b.numerator, b.denominator))
            .collect();
        assert_eq!(engine, bands, "{nation:?}");
        let rule = match rules.rise_rule {
            RiseRule::Referendum => "referendum",
            RiseRule::Cap => "cap",
            RiseRule::None => "none",
        };
        assert_eq!(rule, data.rise_rule);
        assert_eq!(rules.asc_precept, data.asc_precept);
        assert_eq!(
            Decimal::new(rules.lever_max_pct, 2),
            data.lever_max_pct.value.0
        );
        assert_eq!(rules.referendum.len(), data.referendum.len());
        for l in rules.referendum {
            let y = &data.referendum[l.year];
            assert_eq!(
                Decimal::new(l.core_limit_pct, 2),
                y.core_limit_pct.0,
                "{}",
                l.year
            );
            assert_eq!(
                Decimal::new(l.asc_limit_pct, 2),
                y.asc_limit_pct.0,
                "{}",
                l.year
            );
        }
        assert_eq!(rules.asc_windows.len(), data.asc_windows.len());
    }
    // The law's figures, as the issue states them.
    let wales = Nation::Wales.rules();
    assert_eq!(wales.bands.len(), 9);
    assert_eq!(wales.bands[8].band, "I");
    assert_eq!(
        (wales.bands[8].numerator, wales.bands[8].denominator),
        (21, 9)
    );
    let scotland = Nation::Scotland.rules();
    let h = scotland.bands.iter().find(|b| b.band == "H").unwrap();
    assert_eq!((h.numerator, h.denominator), (882, 360));
    let window = Nation::England.rules().asc_windows[0];
    assert_eq!(
        (window.from, window.to, window.max_total_pct),
        ("2017/18", "2019/20", 600)
    );
}

#[test]
fn a_bad_rules_file_is_refused_with_the_path() {
    let bad = RULES_JSON.replace("\"I 21/9\"", "\"I 12/9\"");
    let e = check(&bad).unwrap_err();
    assert_eq!(e.problems[0].path, "nations.wales.bands[8]", "{e:?}");
    assert!(e.problems[0].message.contains("above the one before"));
    let bad = RULES_JSON.replacen(
        "\"core_limit_pct\": \"2\"",
        "\"core_limit_pct\": \"two\"",
        1,
    );
    let e = check(&bad).unwrap_err();
    assert!(
        e.problems[0]
            .path
            .starts_with("nations.england.referendum.2016/17.core_limit_pct"),
        "{e:?}"
    );
}

/// The template's years moved back three years (base 2016/17, projection 2017/18 to
/// 2020/21), without its own referendum section: the rules file's principles apply.
fn council_of_2017() -> String {
    let mut text = TEMPLATE.to_string();
    for (from, to) in [
        ("2019/20", "2016/17"),
        ("2020/21", "2017/18"),
        ("2021/22", "2018/19"),
        ("2022/23", "2019/20"),
        ("2023/24", "2020/21"),
    ] {
        text = text.replace(from, to);
    }
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v.as_object_mut().unwrap().remove("referendum");
    v.to_string()
}

#[test]
fn an_english_file_without_a_referendum_section_takes_the_rules_principles() {
    let (_, council) = load_data_json(&council_of_2017()).unwrap_or_else(|e| panic!("{e:?}"));
    let r = &council.referendum;
    let pct = |v: &[Decimal]| {
        v.iter()
            .map(|d| d.normalize().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(pct(&r.core_limit_pct), ["2", "3", "3", "2"]);
    assert_eq!(pct(&r.asc_limit_pct), ["3", "3", "3", "2"]);
    assert_eq!(r.asc_windows.len(), 1);
    assert_eq!(r.asc_windows[0].years, [0, 1, 2]);
    // A year the rules do not cover needs the file's own section, and says so.
    let mut v: serde_json::Value = serde_json::from_str(TINY).unwrap();
    v.as_object_mut().unwrap().remove("referendum");
    let text = v.to_string().replace("2021/22", "2031/32");
    let e = load_data_json(&text).unwrap_err();
    let p = e
        .problems
        .iter()
        .find(|p| p.path == "referendum")
        .unwrap_or_else(|| panic!("{e:?}"));
    assert!(
        p.message.contains("no referendum principles for 2031/32"),
        "{}",
        p.message
    );
}

/// Which years need a referendum with these core and adult social care rises.
fn referendum_years(core: [&str; 3], asc: [&str; 3]) -> Vec<String> {
    let (_, council) = load_data_json(&council_of_2017()).unwrap();
    let years = ["2017/18", "2018/19", "2019/20"];
    let pairs = |v: [&str; 3]| {
        years
            .iter()
            .zip(v)
            .map(|(y, v)| format!("\"{y}\": \"{v}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let scenario = scenario_from_json(&format!(
        "{{\"core_pct\": {{{}, \"2020/21\": \"0\"}}, \"asc_pct\": {{{}, \"2020/21\": \"0\"}}}}",
        pairs(core),
        pairs(asc)
    ))
    .unwrap();
    let p = project_scenario(&council, &scenario).unwrap();
    p.years
        .iter()
        .filter(|y| y.referendum)
        .map(|y| y.year.clone())
        .collect()
}

#[test]
fn the_adult_social_care_precept_may_add_up_to_6_percent_over_2017_to_2020() {
    // docs/model-notes.md's worked example. Hampshire's own rises: 1.99 + 3, 2.99 + 3,
    // 2.99 + 0 (data-brief public-figures.md §1.1): every year lawful, 6% in all.
    assert!(referendum_years(["1.99", "2.99", "2.99"], ["3", "3", "0"]).is_empty());
    // 2% a year: 6% in all, lawful.
    assert!(referendum_years(["1.99", "2.99", "2.99"], ["2", "2", "2"]).is_empty());
    // 3 + 3 + 1: 2019/20 alone is lawful (2.99 + 1 = 3.99 < 3 + 3), but the three years'
    // precept is 7% > 6%.
    assert_eq!(
        referendum_years(["1.99", "2.99", "2.99"], ["3", "3", "1"]),
        ["2019/20"]
    );
    // 3 + 2 + 2: 7% by 2019/20 as well.
    assert_eq!(
        referendum_years(["1.99", "2.99", "2.99"], ["3", "2", "2"]),
        ["2019/20"]
    );
    // A year's own limit still applies: 2 + 3.01 = 5.01 ≥ 5 in 2017/18.
    assert_eq!(
        referendum_years(["2", "0", "0"], ["3.01", "0", "0"]),
        ["2017/18"]
    );
}

#[test]
fn the_goal_seek_s_lawful_maximum_keeps_the_window() {
    // With 3 + 3 + 1 of precept, no core rise in 2019/20 is lawful.
    let (_, council) = load_data_json(&council_of_2017()).unwrap();
    let scenario = scenario_from_json(
        r#"{"asc_pct": {"2017/18": "3", "2018/19": "3", "2019/20": "1", "2020/21": "0"}}"#,
    )
    .unwrap();
    let g = mtfs::goal::seek_scenario(&council, &scenario).unwrap();
    assert_eq!(
        g.council_tax.lawful_max_pct[2], None,
        "{:?}",
        g.council_tax.lawful_max_pct
    );
    assert_eq!(g.council_tax.lawful_max_pct[0].as_deref(), Some("1.99"));
}

#[test]
fn wales_sensitivity_runs_to_the_levers_own_top_and_says_so() {
    // Regression (issue 14): with no referendum the council tax range ran to 100%.
    let (_, council) = load_data_json(include_str!("fixtures/wales.json")).unwrap();
    let d = mtfs::drivers_scenario(&council, &mtfs::Scenario::default()).unwrap();
    let tax = d
        .sensitivity
        .levers
        .iter()
        .find(|l| l.lever == "core_pct")
        .unwrap();
    assert_eq!(tax.high.value, "10");
    assert_eq!(
        tax.limit_words.as_deref(),
        Some("no legal limit: the calculator's range, to 10%")
    );
    // The page's lever runs as far.
    let p = project_scenario(&council, &mtfs::Scenario::default()).unwrap();
    assert_eq!(p.rise_lever_max_pct, "10");
}
