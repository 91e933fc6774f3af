//! Scenario links (src/link.rs): every s1 link the page has written opens as before; s2
//! carries the options; writing then reading gives the same scenario; bad links are
//! refused in plain English; the command line reads and writes them.

use mtfs::link::{decode, encode};
use mtfs::{project_scenario, Council, Scenario};
use proptest::prelude::*;
use serde_json::{json, Value};

mod common;
use common::cli::{mtfs, stderr, stdout};

const HAMPSHIRE: &str = include_str!("../data/hampshire.json");

fn council(text: &str) -> Council {
    mtfs::load_data_json(text).unwrap().1
}

/// s1 links as the page wrote them (www/link.js, levers.js), and the scenario the page
/// built from each.
#[test]
fn s1_links_open_as_the_page_opened_them() {
    let c = council(HAMPSHIRE);
    let every = |v: &str| json!({"2020/21": v, "2021/22": v, "2022/23": v, "2023/24": v});
    for (link, scenario) in [
        ("", json!({})),
        (
            "#s1.c2020_2~dtt2019_80~r_0",
            json!({"core_pct": {"2020/21": "2"}, "delivery_pct": {"tt2019": "80"}, "use_reserves": false}),
        ),
        (
            "#s1.a2021_1.5~ltt2021_2",
            json!({"asc_pct": {"2021/22": "1.5"}, "delay_years": {"tt2021": 2}}),
        ),
        (
            "#s1.gsocial-care_150",
            json!({"growth_factor": {"social_care": "1.5"}}),
        ),
        ("#s1.i_1.5", json!({"inflation_adjust_pp": every("1.5")})),
        (
            "#s1.f_-10",
            json!({"funding_change_pct": {"government_grant": every("-10"), "business_rates": every("-10")}}),
        ),
        (
            "#s1.x2021_53.69",
            json!({"extra_savings": {"2021/22": "53690000"}}),
        ),
    ] {
        let got = decode(&c, link).unwrap_or_else(|e| panic!("{link}: {e}"));
        let want: Scenario = serde_json::from_value(scenario).unwrap();
        // Compared as levers: the same choices, whatever the decimal's written scale.
        assert_eq!(
            got.resolve(&c).unwrap(),
            want.resolve(&c).unwrap(),
            "{link}"
        );
    }
}

#[test]
fn bad_links_are_refused_saying_what_is_wrong() {
    let c = council(HAMPSHIRE);
    for (link, words) in [
        ("#x9.c2020_2", "not a link to a set of choices"),
        ("#s9.c2020_2", "different version of this calculator"),
        ("#s1", "names no choices"),
        ("#s1.c2020_2~~", "missing or damaged"),
        (
            "#s1.c2020_two",
            "value for core council tax rise in 2020/21 is not a number",
        ),
        ("#s1.c2031_2", "not in the council's plan"),
        ("#s1.dtt2099_50", "not in the council's plan"),
        ("#s1.dtt2019_500", "outside what the calculator allows"),
        ("#s1.ltt2019_1.5", "outside what the calculator allows"),
        ("#s1.c2020_2~c2020_3", "same choice twice"),
        ("#s1.r_1", "choice about reserves"),
        (
            "#s1.ouniversal-services_reduce",
            "not in the council's plan",
        ),
        (
            "#s2.ouniversal-services_double",
            "outside what the calculator allows",
        ),
        ("#s1.c2020_1e5", "not a number"),
        ("#s1.c2020_1234567890", "not a number"),
    ] {
        let e = decode(&c, link).expect_err(link);
        assert!(e.0.contains(words), "{link}: {e}");
    }
    let long = format!("#s2.{}", "c2020_1~".repeat(2_000));
    assert!(decode(&c, &long).unwrap_err().0.contains("too long"));
}

/// s2 carries the options, and reads back as written.
#[test]
fn s2_links_carry_the_options_chosen() {
    let c = council(HAMPSHIRE);
    let s: Scenario = serde_json::from_value(json!({
        "choices": {"universal-services": "reduce", "charging-powers": "agree", "council-tax": "freeze"},
        "core_pct": {"2022/23": "1.5"}, "use_reserves": false, "extra_spend": {"2021/22": "2500000"}
    }))
    .unwrap();
    let link = encode(&c, &s).unwrap();
    assert_eq!(
        link,
        "#s2.c2022_1.5~s2021_2.5~r_0~ouniversal-services_reduce~ocharging-powers_agree~ocouncil-tax_freeze"
    );
    let back = decode(&c, &link).unwrap();
    assert_eq!(
        project_scenario(&c, &back).unwrap(),
        project_scenario(&c, &s).unwrap()
    );
    assert_eq!(encode(&c, &Scenario::default()).unwrap(), "");
}

fn scenarios() -> impl Strategy<Value = Value> {
    let rate = |lo: i64, hi: i64| {
        (lo * 100..=hi * 100).prop_map(|c| format!("{}", rust_decimal::Decimal::new(c, 2)))
    };
    let years = ["2020/21", "2021/22", "2022/23", "2023/24"];
    (
        prop::collection::vec(prop::option::of(rate(0, 6)), 4),
        prop::collection::vec(prop::option::of(rate(-3, 5)), 4),
        prop::option::of(rate(0, 3)),
        prop::option::of(rate(0, 150)),
        prop::option::of(0u32..=5),
        prop::collection::vec(prop::option::of((0i64..100_000).prop_map(|k| (k * 1000).to_string())), 4),
        prop::option::of(prop::sample::select(vec!["reduce", "keep"])),
        // Council tax levels that set levers of their own, and one that sets none: the
        // link writes the scenario's own levers either way.
        prop::option::of(prop::sample::select(vec!["maximum", "freeze", "one-point-more"])),
        any::<bool>(),
    )
        .prop_map(move |(core, inflation, growth, delivery, delay, extra, universal, tax, reserves)| {
            let per_year = |v: &[Option<String>]| {
                Value::Object(years.iter().zip(v).filter_map(|(y, v)| Some((y.to_string(), json!(v.clone()?)))).collect())
            };
            let mut s = json!({"core_pct": per_year(&core), "inflation_adjust_pp": per_year(&inflation), "extra_savings": per_year(&extra), "use_reserves": reserves});
            if let Some(g) = growth { s["growth_factor"] = json!({"social_care": g}); }
            if let Some(d) = delivery { s["delivery_pct"] = json!({"tt2021": d}); }
            if let Some(d) = delay { s["delay_years"] = json!({"tt2023": d}); }
            if let Some(u) = universal { s["choices"] = json!({"universal-services": u}); }
            if let Some(t) = tax { s["choices"]["council-tax"] = json!(t); }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    /// Writing a scenario as a link and reading it back gives the same projection.
    #[test]
    fn a_link_reads_back_as_the_scenario_it_was_written_from(json in scenarios()) {
        let c = council(HAMPSHIRE);
        let s: Scenario = serde_json::from_value(json).unwrap();
        let link = encode(&c, &s).unwrap();
        let back = decode(&c, &link).map_err(|e| TestCaseError::fail(format!("{link}: {e}")))?;
        prop_assert_eq!(project_scenario(&c, &back).unwrap(), project_scenario(&c, &s).unwrap(), "{}", link);
        prop_assert_eq!(encode(&c, &back).unwrap(), link);
    }
}

/// The command line: `mtfs link` writes the fragment, `mtfs --link` projects it (with or
/// without the address before the `#`), and `mtfs options` lists the options.
#[test]
fn the_command_line_writes_and_reads_links_and_lists_options() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("link");
    std::fs::create_dir_all(&dir).unwrap();
    let scenario = dir.join("s.json");
    std::fs::write(
        &scenario,
        r#"{"choices": {"roads-cut": "reduce"}, "core_pct": {"2021/22": "1.5"}}"#,
    )
    .unwrap();
    let data = format!(
        "{}/tests/fixtures/tiny-options.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let o = mtfs(&[
        "link",
        "--data",
        &data,
        "--scenario",
        scenario.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let link = stdout(&o).trim().to_string();
    assert_eq!(link, "#s2.c2021_1.5~oroads-cut_reduce");
    let by_file = stdout(&mtfs(&[
        "--data",
        &data,
        "--scenario",
        scenario.to_str().unwrap(),
        "--format",
        "json",
    ]));
    let address = format!("https://consult.example/budget/index.html{link}");
    let by_link = stdout(&mtfs(&[
        "--data", &data, "--link", &address, "--format", "json",
    ]));
    assert_eq!(by_file, by_link);
    let o = mtfs(&["--data", &data, "--link", "#s2.oroads-cut_double"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o)
            .contains("--link: The link's value for the option roads-cut (double) is outside"),
        "{}",
        stderr(&o)
    );
    let o = mtfs(&["--link", "#s1.c2020_2", "--scenario", "x.json"]);
    assert_eq!(o.status.code(), Some(2));

    let table = stdout(&mtfs(&["options", "--data", &data]));
    assert!(
        table.contains("Road maintenance (roads-cut, services)"),
        "{table}"
    );
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("  Reduce") && l.ends_with("10          20")),
        "{table}"
    );
    let list: Value = serde_json::from_str(&stdout(&mtfs(&[
        "options", "--data", &data, "--format", "json",
    ])))
    .unwrap();
    assert_eq!(
        list["options"][0]["levels"][1]["effect"],
        json!(["10000.00", "20000.00"])
    );
    assert_eq!(list["require_balance"], json!(true));
    // One point more council tax in 2020/21: Band D 1,000 × 1.0499 = 1,049.90, less the
    // plan's 1,039.90, times the tax base of 1,212.00 = £12,120.
    assert_eq!(list["council_tax_one_point"][0], json!("12120.00"));
}
