//! Council tax in each UK nation (issue 14): the bands and their ratios follow the data
//! set's nation (src/nation.rs), Wales has no referendum, and Scotland's cap refuses a rise
//! above it. The example councils in tests/fixtures/wales.json and scotland.json are
//! fictional; their band ratios are the law's. Every band charge below is worked by hand:
//! Band D × the band's ratio, rounded to the penny half away from zero (model.md §2).

mod common;
use common::cli::{mtfs, stderr, stdout};

use mtfs::nation::Nation;
use mtfs::{load_data_json, project_scenario, scenario_from_json, Scenario};

const WALES: &str = include_str!("fixtures/wales.json");
const SCOTLAND: &str = include_str!("fixtures/scotland.json");
const TINY: &str = include_str!("fixtures/tiny.json");

fn bands(p: &mtfs::Projection, t: usize) -> Vec<(String, String)> {
    p.years[t]
        .bands
        .0
        .iter()
        .map(|(b, m)| (b.to_string(), m.to_string()))
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(b, m)| (b.to_string(), m.to_string()))
        .collect()
}

#[test]
fn wales_has_nine_bands_with_band_i_at_21_ninths() {
    let (_, council) = load_data_json(WALES).unwrap();
    assert_eq!(council.nation, Nation::Wales);
    let p = project_scenario(&council, &Scenario::default()).unwrap();
    // Band D 1,400.00 × 1.045 = 1,463.00. A 1,463 × 6/9 = 975.333… → 975.33; B × 7/9 =
    // 1,137.888… → 1,137.89; C × 8/9 = 1,300.444… → 1,300.44; E × 11/9 = 1,788.111… →
    // 1,788.11; F × 13/9 = 2,113.222… → 2,113.22; G × 15/9 = 2,438.333… → 2,438.33;
    // H × 18/9 = 2,926.00; I × 21/9 = 3,413.666… → 3,413.67.
    assert_eq!(
        bands(&p, 0),
        pairs(&[
            ("A", "975.33"),
            ("B", "1137.89"),
            ("C", "1300.44"),
            ("D", "1463.00"),
            ("E", "1788.11"),
            ("F", "2113.22"),
            ("G", "2438.33"),
            ("H", "2926.00"),
            ("I", "3413.67"),
        ])
    );
    // Weekly change for Band I: (3,413.67 − 1,400 × 21/9 = 3,266.67) / 52 = 2.826… → 2.83.
    assert_eq!(
        p.years[0].weekly_change.get("I").unwrap().to_string(),
        "2.83"
    );
    assert_eq!(p.summary.weekly_change_since_base.0.len(), 9);
}

#[test]
fn wales_has_no_referendum_and_no_referendum_words() {
    let (_, council) = load_data_json(WALES).unwrap();
    // Even a 20% rise needs no referendum in Wales.
    let scenario =
        scenario_from_json(r#"{"core_pct": {"2020/21": "20", "2021/22": "20"}}"#).unwrap();
    let p = project_scenario(&council, &scenario).unwrap();
    for y in &p.years {
        assert!(!y.referendum);
        assert!(y.referendum_limit.is_none());
    }
    assert!(p.summary.referendum_years.is_empty());
    let json = serde_json::to_string(&p).unwrap();
    assert!(!json.to_lowercase().contains("referendum\":true"));
    for w in &p.summary.warnings {
        assert!(!w.to_lowercase().contains("referendum"), "{w}");
    }
    // Nor in the CLI's table, its CSV, or the goal seek's words.
    for args in [
        vec!["--data", "tests/fixtures/wales.json"],
        vec!["--data", "tests/fixtures/wales.json", "--format", "csv"],
        vec!["goal", "--data", "tests/fixtures/wales.json"],
    ] {
        let out = mtfs(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out).to_lowercase();
        assert!(!text.contains("referendum"), "{args:?}: {text}");
        assert!(!text.contains("adult social care"), "{args:?}: {text}");
    }
}

#[test]
fn a_welsh_or_scottish_file_refuses_referendums_and_the_adult_social_care_precept() {
    // A Welsh file with England's referendum section and an ASC precept: both refused,
    // each once, with its path.
    let mut data: serde_json::Value = serde_json::from_str(WALES).unwrap();
    let tiny: serde_json::Value = serde_json::from_str(TINY).unwrap();
    data["referendum"] = tiny["referendum"].clone();
    data["council_tax"]["asc_pct"] = tiny["council_tax"]["asc_pct"].clone();
    let e = load_data_json(&data.to_string()).unwrap_err().to_string();
    assert!(
        e.contains("referendum: Wales has no council tax referendums"),
        "{e}"
    );
    assert!(
        e.contains("council_tax.asc_pct: the adult social care precept is England's"),
        "{e}"
    );
    assert_eq!(e.lines().count(), 2, "{e}");
    // A cap in England is refused, once; England without its referendum section takes
    // the rules file's principles for 2020/21 and 2021/22 (tests/rules.rs: a year the
    // rules do not have is refused).
    let mut data: serde_json::Value = serde_json::from_str(TINY).unwrap();
    data["rise_cap"] = serde_json::json!({"max_pct": {}});
    data.as_object_mut().unwrap().remove("referendum");
    let e = load_data_json(&data.to_string()).unwrap_err().to_string();
    assert!(
        e.contains("rise_cap: only Scotland caps council tax rises"),
        "{e}"
    );
    assert_eq!(e.lines().count(), 1, "{e}");
}

#[test]
fn scotland_uses_the_2017_ratios() {
    let (_, council) = load_data_json(SCOTLAND).unwrap();
    assert_eq!(council.nation, Nation::Scotland);
    let p = project_scenario(&council, &Scenario::default()).unwrap();
    // Band D 1,300.00 × 1.03 = 1,339.00. A × 240/360 = 892.666… → 892.67; B × 280/360 =
    // 1,041.444… → 1,041.44; C × 320/360 = 1,190.222… → 1,190.22; E × 473/360 =
    // 1,759.297… → 1,759.30; F × 585/360 = 2,175.875 → 2,175.88 (half away from zero);
    // G × 705/360 = 2,622.208… → 2,622.21; H × 882/360 = 3,280.55.
    assert_eq!(
        bands(&p, 0),
        pairs(&[
            ("A", "892.67"),
            ("B", "1041.44"),
            ("C", "1190.22"),
            ("D", "1339.00"),
            ("E", "1759.30"),
            ("F", "2175.88"),
            ("G", "2622.21"),
            ("H", "3280.55"),
        ])
    );
    assert_eq!(p.years[0].rise_cap_pct.as_deref(), Some("3"));
    assert!(p
        .years
        .iter()
        .all(|y| !y.referendum && y.referendum_limit.is_none()));
}

#[test]
fn scotland_refuses_a_rise_above_the_cap_with_a_clear_message() {
    let (_, council) = load_data_json(SCOTLAND).unwrap();
    // At the cap is allowed.
    let at = scenario_from_json(r#"{"core_pct": {"2021/22": "3"}}"#).unwrap();
    assert!(project_scenario(&council, &at).is_ok());
    let above = scenario_from_json(r#"{"core_pct": {"2021/22": "3.01"}}"#).unwrap();
    let e = project_scenario(&council, &above).unwrap_err().to_string();
    assert_eq!(
        e,
        "core_pct.2021/22: a rise of 3.01% in 2021/22 is above the government's cap of 3% on council tax rises: a Scottish council cannot set it; choose 3% or less"
    );
    // The CLI says the same and exits 1.
    std::fs::create_dir_all(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let path = format!("{}/above-cap.json", env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(&path, r#"{"core_pct": {"2020/21": "4"}}"#).unwrap();
    let out = mtfs(&[
        "--data",
        "tests/fixtures/scotland.json",
        "--scenario",
        &path,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "core_pct.2020/21: a rise of 4% in 2020/21 is above the government's cap of 3%"
        ),
        "{}",
        stderr(&out)
    );
    // A plan whose own rise is above the cap is refused when the file loads.
    let mut data: serde_json::Value = serde_json::from_str(SCOTLAND).unwrap();
    data["council_tax"]["core_pct"]["2020/21"]["value"] = "3.5".into();
    let e = load_data_json(&data.to_string()).unwrap_err().to_string();
    assert!(
        e.contains("council_tax.core_pct.2020/21.value: a rise of 3.5% in 2020/21 is above the government's cap of 3%"),
        "{e}"
    );
    // The goal seek keeps to the cap.
    let goal = mtfs::goal::seek_scenario(&council, &Scenario::default()).unwrap();
    for cap in &goal.council_tax.lawful_max_pct {
        assert_eq!(cap.as_deref(), Some("3"));
    }
}

#[test]
fn a_file_without_a_nation_is_englands_and_unchanged() {
    let (_, council) = load_data_json(TINY).unwrap();
    assert_eq!(council.nation, Nation::England);
    let p = project_scenario(&council, &Scenario::default()).unwrap();
    let letters: Vec<&str> = p.years[0].bands.letters().collect();
    assert_eq!(letters, ["A", "B", "C", "D", "E", "F", "G", "H"]);
    let json = serde_json::to_value(&p).unwrap();
    assert!(json.get("nation").is_none());
    assert!(json["years"][0].get("rise_cap_pct").is_none());
    // Naming England gives the same result.
    let mut data: serde_json::Value = serde_json::from_str(TINY).unwrap();
    data["nation"] = "england".into();
    let (_, named) = load_data_json(&data.to_string()).unwrap();
    assert_eq!(project_scenario(&named, &Scenario::default()).unwrap(), p);
}
