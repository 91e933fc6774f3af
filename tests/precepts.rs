//! Other precepts on a resident's bill (issue 14): police, fire, parish and the GLA as
//! stated Band D figures by year, shown beside the council's own share and never counted
//! in its funding. The template (data/template.json) states a police and a fire precept.

mod common;
use common::cli::{mtfs, stderr, stdout};

use mtfs::{load_data_json, project_scenario, Scenario};

const TEMPLATE: &str = include_str!("../data/template.json");

fn without_precepts() -> String {
    let mut v: serde_json::Value = serde_json::from_str(TEMPLATE).unwrap();
    v.as_object_mut().unwrap().remove("other_precepts");
    v.to_string()
}

#[test]
fn the_whole_bill_adds_the_precepts_to_the_councils_share_and_nothing_else_moves() {
    let (_, council) = load_data_json(TEMPLATE).unwrap();
    let p = project_scenario(&council, &Scenario::default()).unwrap();
    let y = &p.years[0];
    let bill = y.whole_bill.as_ref().expect("the template states precepts");
    // By hand: 1,395.72 + 220.00 (police) + 75.00 (fire) = 1,690.72.
    assert_eq!(y.band_d.to_string(), "1395.72");
    assert_eq!(bill.band_d.to_string(), "1690.72");
    let names: Vec<&str> = bill.precepts.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["Police and Crime Commissioner", "Fire and Rescue Authority"]
    );
    // Band A, each authority's charge rounded as on the bill: 1,395.72 × 6/9 = 930.48;
    // 220 × 6/9 = 146.666… → 146.67; 75 × 6/9 = 50.00; in all 1,127.15.
    let a = bill.bands.0.iter().find(|(b, _)| b == "A").unwrap();
    assert_eq!(a.1.to_string(), "1127.15");
    // The council's own figures are exactly those without the precepts.
    let (_, plain) = load_data_json(&without_precepts()).unwrap();
    let q = project_scenario(&plain, &Scenario::default()).unwrap();
    for (a, b) in p.years.iter().zip(&q.years) {
        assert_eq!(a.council_tax, b.council_tax);
        assert_eq!(a.funding, b.funding);
        assert_eq!(a.gap, b.gap);
        assert_eq!(a.total_reserves, b.total_reserves);
        assert_eq!(a.bands, b.bands);
        assert!(b.whole_bill.is_none());
    }
}

#[test]
fn hampshire_states_no_precepts_and_its_output_has_no_whole_bill() {
    let (_, council) = load_data_json(include_str!("../data/hampshire.json")).unwrap();
    let p = project_scenario(&council, &Scenario::default()).unwrap();
    assert!(p.years.iter().all(|y| y.whole_bill.is_none()));
    let json = serde_json::to_string(&p).unwrap();
    assert!(!json.contains("whole_bill"));
}

#[test]
fn a_bad_precept_is_refused_with_its_path() {
    let mut v: serde_json::Value = serde_json::from_str(TEMPLATE).unwrap();
    v["other_precepts"][1]["id"] = "police".into();
    v["other_precepts"][0]["band_d"]["2020/21"]["value"] = "-5".into();
    v["other_precepts"][0]["band_d"]["2030/31"] =
        v["other_precepts"][0]["band_d"]["2021/22"].clone();
    let e = load_data_json(&v.to_string()).unwrap_err();
    let paths: Vec<&str> = e.problems.iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&"other_precepts[1].id"), "{e:?}");
    assert!(
        paths.contains(&"other_precepts[0].band_d.2020/21.value"),
        "{e:?}"
    );
    assert!(paths.contains(&"other_precepts[0].band_d.2030/31"), "{e:?}");
}

#[test]
fn the_cli_shows_the_councils_share_and_the_whole_bill() {
    let o = mtfs(&["--data", "data/template.json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let row = |label: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no {label:?} in\n{out}"))
            .to_string()
    };
    assert!(row("Band D, the council's share (£)").contains("1,395.72"));
    assert!(row("Police and Crime Commissioner, Band D (£)").contains("220.00"));
    assert!(row("Band D, your whole bill (£)").contains("1,690.72"));
}
