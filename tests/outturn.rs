//! The outturn record, the plan against it, the vintages and the back-test
//! (src/outturn.rs, docs/outturn.md), on Hampshire's data.

use mtfs::outturn::{self, Confidence, Report};
use mtfs::{Council, Scenario};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::OnceLock;

#[path = "common/cli.rs"]
mod cli;
use cli::{mtfs, stderr, stdout};

const HAMPSHIRE: &str = include_str!("../data/hampshire.json");
const OUTTURN: &str = include_str!("../data/hampshire-outturn.json");
const RISK_FIXTURE: &str = include_str!("fixtures/risk-seed-42.json");

fn council() -> Council {
    mtfs::load_data_json(HAMPSHIRE).expect("valid data").1
}

/// The report with the back-test (10,000 paths, seed 42), made once for every test.
fn report() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(|| {
        let (_, council) = mtfs::load_data_json(HAMPSHIRE).unwrap();
        let record = outturn::load_json(OUTTURN, &council).expect("valid record");
        outturn::report(&council, &record, Some((10_000, 42))).expect("report")
    })
}

/// The problems loading the record with `change` applied to its JSON, one a line.
fn problems(change: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut record: Value = serde_json::from_str(OUTTURN).unwrap();
    change(&mut record);
    match outturn::load_json(&record.to_string(), &council()) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems.iter().map(ToString::to_string).collect(),
    }
}

fn has(problems: &[String], path: &str, words: &str) -> bool {
    problems
        .iter()
        .any(|p| p.starts_with(&format!("{path}: ")) && p.contains(words))
}

fn decimal(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

#[test]
fn the_record_loads_and_validates() {
    assert_eq!(problems(|_| {}), Vec::<String>::new());
    let record = outturn::load_json(OUTTURN, &council()).unwrap();
    assert_eq!(
        record.years.keys().collect::<Vec<_>>(),
        ["2020/21", "2021/22", "2022/23", "2023/24"]
    );
    assert_eq!(
        record.after_horizon.keys().collect::<Vec<_>>(),
        ["2024/25", "2025/26"]
    );
}

#[test]
fn a_year_that_is_not_a_year_of_the_plan_is_refused_with_its_path() {
    let p = problems(|r| {
        let y = r["years"]["2023/24"].clone();
        r["years"]["2019/20"] = y.clone();
        r["after_horizon"]["2022/23"] = y.clone();
        r["after_horizon"]["2024-25"] = y;
        r["years"].as_object_mut().unwrap().remove("2021/22");
    });
    assert!(
        has(
            &p,
            "years.2019/20",
            "not a projection year of the plan (2020/21 to 2023/24)"
        ),
        "{p:?}"
    );
    assert!(
        has(
            &p,
            "after_horizon.2022/23",
            "is a year of the plan: put it in years"
        ),
        "{p:?}"
    );
    assert!(
        has(
            &p,
            "after_horizon.2024-25",
            "not a year of the plan (2020/21 to 2023/24) or a later one"
        ),
        "{p:?}"
    );
    assert!(has(&p, "years", "give the outturn for 2021/22"), "{p:?}");
}

#[test]
fn every_problem_in_a_bad_record_is_reported_with_its_path() {
    let p = problems(|r| {
        let y = &mut r["years"]["2023/24"];
        y["bbr_close"] = json!({"value": null, "confidence": "press", "source": "x"});
        y["budget_gap"]["source"] = json!(" ");
        y["core_pct"] = json!({"value": "2.99", "confidence": "not_published", "source": "x"});
        y["general_balances_close"] =
            json!({"value": null, "confidence": "not_published", "source": "x"});
        y["cost_rise"]["date"] = json!("Feb 2023");
        y["band_d"]["value"] = json!("0");
        r["years"]["2022/23"]
            .as_object_mut()
            .unwrap()
            .remove("cost_rise");
        r["programmes"][2]["plan_programme"] = json!("tt2099");
        r["plan"]["bridging_reserve"] = json!("piggy_bank");
        r["council"] = json!("Wessex Vale County Council");
        r["gap_forecasts"][0]["amount"]
            .as_object_mut()
            .unwrap()
            .remove("period");
        r["vintages"]["list"][0]["figures"]["mystery"] =
            json!({"value": "1", "confidence": "council", "source": "x"});
    });
    for (path, words) in [
        (
            "years.2023/24.bbr_close.confidence",
            "the value is null, so the confidence is \"not_published\"",
        ),
        ("years.2023/24.budget_gap.source", "give a source"),
        (
            "years.2023/24.core_pct.confidence",
            "a figure that is given is published",
        ),
        (
            "years.2023/24.general_balances_close.reason",
            "give the reason it is not published",
        ),
        (
            "years.2023/24.cost_rise.date",
            "a date is written 2023, 2023-02 or 2023-02-23",
        ),
        ("years.2023/24.band_d.value", "Band D must be more than 0"),
        (
            "years.2022/23.cost_rise",
            "give this figure, or null with a reason",
        ),
        (
            "programmes[2].plan_programme",
            "no savings programme with the id \"tt2099\"",
        ),
        (
            "plan.bridging_reserve",
            "no reserve with the id \"piggy_bank\"",
        ),
        (
            "council",
            "this record is for \"Wessex Vale County Council\"",
        ),
        (
            "gap_forecasts[0].amount.period",
            "say which years the gap covers",
        ),
        (
            "vintages.list[0].figures.mystery",
            "no measure has the id \"mystery\"",
        ),
    ] {
        assert!(has(&p, path, words), "{path}: {words}\nin {p:#?}");
    }
    assert_eq!(p.len(), 12, "{p:#?}");
}

#[test]
fn a_value_must_be_given_even_when_it_is_null() {
    let p = problems(|r| {
        r["years"]["2021/22"]["bbr_close"]
            .as_object_mut()
            .unwrap()
            .remove("value");
    });
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with("years.2021/22.bbr_close: missing field `value`"),
        "{p:?}"
    );
    let p = problems(|r| r["years"]["2021/22"]["bbr_close"]["sorce"] = json!("typo"));
    assert!(
        p[0].starts_with("years.2021/22.bbr_close.sorce: unknown field `sorce`"),
        "{p:?}"
    );
    let p = problems(|r| r["years"]["2023/24"]["budget_gap"]["value"] = json!(58.5));
    assert!(p[0].contains("expected a decimal string"), "{p:?}");
}

/// Every object in the record with a `value` is a figure: a source and a confidence, and
/// a null only as "not published" with its reason.
fn check_figures(v: &Value, path: &str, seen: &mut usize) {
    match v {
        Value::Object(map) => {
            if map.contains_key("value") {
                *seen += 1;
                let source = map.get("source").and_then(Value::as_str).unwrap_or("");
                assert!(!source.trim().is_empty(), "{path}: no source");
                let confidence = map.get("confidence").and_then(Value::as_str);
                let marks = ["council", "press", "derived", "unverified", "not_published"];
                assert!(
                    confidence.is_some_and(|c| marks.contains(&c)),
                    "{path}: {confidence:?}"
                );
                let null = map["value"].is_null();
                assert_eq!(null, confidence == Some("not_published"), "{path}");
                if null {
                    let reason = map.get("reason").and_then(Value::as_str).unwrap_or("");
                    assert!(!reason.trim().is_empty(), "{path}: null with no reason");
                }
            }
            for (k, x) in map {
                check_figures(x, &format!("{path}.{k}"), seen);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                check_figures(x, &format!("{path}[{i}]"), seen);
            }
        }
        _ => {}
    }
}

#[test]
fn every_figure_has_a_source_and_a_confidence() {
    let record: Value = serde_json::from_str(OUTTURN).unwrap();
    let mut seen = 0;
    check_figures(&record, "", &mut seen);
    assert!(seen > 130, "read the record's figures ({seen})");
    // Notes and revisions say where they come from too.
    for note in record["years"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|y| y["events"].as_array().unwrap())
    {
        assert!(!note["source"].as_str().unwrap().is_empty());
        assert_ne!(note["confidence"], "not_published");
    }
    // The report keeps them: every outturn figure it shows carries its source.
    let report = serde_json::to_value(report()).unwrap();
    let mut shown = 0;
    check_figures(&report["years"], "report.years", &mut shown);
    assert!(shown >= 40, "{shown}");
}

#[test]
fn not_published_stays_null_never_zero() {
    let r = report();
    let y2122 = &r.years[1];
    let bbr = y2122.figures.iter().find(|f| f.id == "bbr_close").unwrap();
    assert_eq!(bbr.outturn.value, None);
    assert_eq!(bbr.outturn.confidence, Confidence::NotPublished);
    assert_eq!(bbr.variance, None);
    assert!(bbr.words.starts_with("not published: "), "{}", bbr.words);
    assert_eq!(
        bbr.plan.as_deref(),
        Some("30412000.00"),
        "the plan's figure stays beside it"
    );
    let json = serde_json::to_value(r).unwrap();
    let figure = json["years"][1]["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "bbr_close")
        .unwrap();
    assert!(figure["outturn"]["value"].is_null());
    assert!(figure["variance"].is_null());
    // The back-test places nothing it does not have.
    let run = &r.back_test.as_ref().unwrap().runs[0];
    let gap = run
        .placements
        .iter()
        .find(|p| p.year == "2022/23" && p.figure == "gap")
        .unwrap();
    assert_eq!(gap.band, "not_published");
    assert_eq!(gap.outside_5_95, None);
}

#[test]
fn the_comparison_shows_the_plans_projection_and_the_records_figures() {
    let c = council();
    let plan = mtfs::project_scenario(&c, &Scenario::default()).unwrap();
    let record = outturn::load_json(OUTTURN, &c).unwrap();
    let r = report();
    for (t, y) in r.years.iter().enumerate() {
        let p = &plan.years[t];
        assert_eq!(y.year, p.year);
        let bbr = p.reserves.iter().find(|r| r.id == "bbr").unwrap();
        let general = p
            .reserves
            .iter()
            .find(|r| r.id == "general_balances")
            .unwrap();
        let expected = [
            ("band_d", p.band_d.to_string()),
            ("budget_gap", p.gap.to_string()),
            ("bbr_close", bbr.closing.to_string()),
            ("general_balances_close", general.closing.to_string()),
            (
                "bbr_draw_planned",
                (bbr.draw.value() + bbr.planned_out.value()).to_string(),
            ),
            ("unfunded", p.unfunded.to_string()),
        ];
        for (id, value) in expected {
            let f = y.figures.iter().find(|f| f.id == id).unwrap();
            assert_eq!(f.plan.as_deref(), Some(value.as_str()), "{} {id}", y.year);
        }
        let recorded = &record.years[&y.year];
        for f in y.figures.iter().filter(|f| f.id != "unfunded") {
            assert_eq!(
                Some(&f.outturn),
                recorded.figure(&f.id),
                "{} {}",
                y.year,
                f.id
            );
            if let (Some(plan), Some(out)) = (&f.plan, f.outturn.amount()) {
                let v = out - decimal(plan);
                assert_eq!(
                    f.variance.as_deref().map(decimal),
                    Some(v),
                    "{} {}",
                    y.year,
                    f.id
                );
            }
        }
    }
    // The rise in spending: the plan's spending less the year before's.
    let cost = r.years[3]
        .figures
        .iter()
        .find(|f| f.id == "cost_rise")
        .unwrap();
    let rise = plan.years[3].spend.value() - plan.years[2].spend.value();
    assert_eq!(decimal(cost.plan.as_deref().unwrap()), rise.round_dp(2));
}

#[test]
fn the_variance_is_explained_in_words() {
    let r = report();
    let y = &r.years[3];
    let text = y.explanation.join("\n");
    for words in [
        "Costs rose nearly £300m in 2023/24, where the plan's spending rose £36.9m: about £263.1m more than planned (council paper).",
        "The budget needed £58m of one-off money from the bridging reserve where the plan needed none (press report).",
        "Band D was £1,460.25 where the plan had £1,446.47, £13.78 more: the rise set was 2.99% + 2% where the plan, knowing only the limits of January 2020, assumed 1.99% + 2%.",
    ] {
        assert!(text.contains(words), "{words}\nin\n{text}");
    }
    let y = &r.years[2];
    let text = y.explanation.join("\n");
    assert!(
        text.contains("The bridging reserve held more than £98m where the plan expected £5.2m, more than £92.8m more: one-off money the plan did not have"),
        "{text}"
    );
}

#[test]
fn the_resident_summary_says_how_the_plan_fared() {
    let r = report();
    assert!(r.resident_headline.starts_with(
        "Every budget from 2020/21 to 2023/24 was set balanced, but not as the plan expected"
    ));
    let s = &r.resident_summary;
    for words in [
        "Every budget from 2020/21 to 2023/24 was set balanced, with council tax up by the most allowed without a referendum each year, and no section 114 notice",
        "The bridging money, which the plan expected to be down to £5.2m by the end of 2022/23, held more than £98m by February 2023, because of one-off money",
        "The 2023/24 budget needed £58m from the bridging money where the plan had none, because costs rose nearly £300m in one year where the plan had £36.9m.",
        "Savings were broadly delivered (none is reported written off): Tt2021 late; SP2023 early, at £80m against the plan's £40m.",
    ] {
        assert!(s.contains(words), "{words}\nin\n{s}");
    }
    // It never says the council could not balance its budget.
    let all = serde_json::to_string(r).unwrap().to_lowercase();
    for wrong in ["cannot be balanced", "cannot balance", "could not balance"] {
        assert!(!all.contains(wrong), "the report says {wrong:?}");
    }
}

#[test]
fn the_bridge_between_vintages_shows_the_seeds_revisions() {
    let v = report().vintages.as_ref().unwrap();
    assert_eq!(v.vintages.len(), 4);
    assert_eq!(v.bridges.len(), 3);
    let change = |b: usize, m: &str| {
        v.bridges[b]
            .changes
            .iter()
            .find(|c| c.measure == m)
            .unwrap_or_else(|| panic!("{m} in bridge {b}"))
    };
    let gap = change(1, "next_two_year_gap");
    assert_eq!(gap.change.as_deref(), Some("-60000000"));
    assert!(gap.words.contains("£140m (two years to 2019/20) → £80m (two years to 2021/22), down £60m (a different basis"), "{}", gap.words);
    assert_eq!(
        change(2, "tt2019_secured").change.as_deref(),
        Some("31000000")
    );
    assert_eq!(
        change(2, "tt2019_amber").change.as_deref(),
        Some("-16000000")
    );
    assert_eq!(change(2, "tt2019_red").change.as_deref(), Some("-15000000"));
    assert_eq!(
        change(2, "cla_growth_2020_21").change.as_deref(),
        Some("3000000")
    );
    assert_eq!(
        change(2, "cla_growth_2021_22").change.as_deref(),
        Some("3000000")
    );
    assert_eq!(change(2, "next_two_year_gap").words, "The next two-year budget gap: £80m (two years to 2021/22) → £80m (two years to 2021/22), unchanged");
    let without = change(2, "gap_without_spending_round");
    assert_eq!(without.from, None);
    assert!(
        without.words.contains("first stated, nearly £106m"),
        "{}",
        without.words
    );
    assert!(change(1, "cla_number_growth_pct")
        .words
        .contains("first stated, 8%"));
    assert!(change(2, "cla_number_growth_pct")
        .words
        .contains("8% → 4.5%, down 3.5 points"));
    // Each bridge's revisions cite the seeds.
    for b in &v.bridges {
        assert!(!b.revisions.is_empty(), "{} → {}", b.from, b.to);
        assert!(b.revisions.iter().all(|r| r.source.contains("seed 00")));
    }
}

#[test]
fn the_later_gap_forecasts_step_from_one_to_the_next() {
    let g = report().gap_forecasts.as_ref().unwrap();
    let amounts: Vec<String> = g
        .forecasts
        .iter()
        .map(|f| f.amount.value.unwrap().0.to_string())
        .collect();
    assert_eq!(
        amounts,
        [
            "80000000",
            "80000000",
            "237000000",
            "200000000",
            "132000000",
            "175000000",
            "182200000",
            "266000000"
        ]
    );
    assert_eq!(g.steps.len(), 7);
    assert_eq!(g.steps[2].change.as_deref(), Some("-37000000"));
    // The £266m has no source behind it: shown, never computed with.
    assert_eq!(g.forecasts[7].amount.confidence, Confidence::Unverified);
    assert_eq!(g.steps[6].change, None);
}

/// Where each outturn fell in the plan's fan, 10,000 paths with seed 42: run, year,
/// figure, band. The same table is in docs/outturn.md ("The back-test").
const PLACEMENTS: [(&str, &str, &str, &str); 8] = [
    ("plan", "2020/21", "unfunded", "at_p5_to_p75"),
    // Nothing was unfunded in 2021/22; since an unfunded deficit carries into the next
    // year (docs/model-notes.md), paths that ran out in 2020/21 still owe it in 2021/22,
    // so the 75th percentile is above 0 and nil sits between the 5th and 50th.
    ("plan", "2021/22", "unfunded", "at_p5_to_p50"),
    ("plan", "2022/23", "unfunded", "at_p5_to_p25"),
    ("plan", "2022/23", "total_reserves", "above_p95"),
    ("plan", "2023/24", "gap", "p75_to_p95"),
    ("plan", "2023/24", "total_gap", "p25_to_p50"),
    ("plan", "2023/24", "unfunded", "at_p5"),
    ("plan", "2023/24", "total_reserves", "above_p95"),
];

#[test]
fn the_back_test_places_each_outturn_in_the_plans_fan() {
    let b = report().back_test.as_ref().unwrap();
    assert_eq!((b.paths, b.seed), (10_000, 42));
    let mut placed = Vec::new();
    for run in &b.runs {
        println!("{}:", run.label);
        for p in run.placements.iter().filter(|p| p.outside_5_95.is_some()) {
            let outside = p.outside_5_95 == Some(true);
            println!(
                "  {}{}",
                if outside {
                    "OUTSIDE the 5-95% band: "
                } else {
                    ""
                },
                p.words
            );
            placed.push((
                run.id.as_str(),
                p.year.as_str(),
                p.figure.as_str(),
                p.band.as_str(),
            ));
        }
    }
    assert_eq!(placed, PLACEMENTS);
    let modelled = &b.runs[0].placements;
    let gap = modelled
        .iter()
        .find(|p| p.year == "2023/24" && p.figure == "gap")
        .unwrap();
    assert_eq!(
        gap.words,
        "2023/24 gap: outturn £58m is between the 75th (£49m) and 95th (£111.6m) percentiles"
    );
    let outside: Vec<&str> = modelled
        .iter()
        .filter(|p| p.outside_5_95 == Some(true))
        .map(|p| p.words.as_str())
        .collect();
    assert_eq!(
        outside,
        [
            // The 95th percentile moved from £78.08m to £78.05m when unfunded deficits began
            // to carry forward (paths that run out in 2021/22 now also repay in 2022/23).
            "2022/23 reserves: outturn more than £98m is above the 95th percentile (£78m)",
            "2023/24 reserves: outturn about £86m is above the 95th percentile (£65.2m)",
        ]
    );
}

#[test]
fn the_back_test_runs_the_same_simulation_as_mtfs_risk() {
    let fixture: Value = serde_json::from_str(RISK_FIXTURE).unwrap();
    let run = &report().back_test.as_ref().unwrap().runs[0];
    for p in &run.placements {
        let t = ["2020/21", "2021/22", "2022/23", "2023/24"]
            .iter()
            .position(|y| *y == p.year)
            .unwrap();
        let fan = serde_json::to_value(&p.fan).unwrap();
        assert_eq!(
            fan, fixture["years"][t][&p.figure],
            "{} {}",
            p.year, p.figure
        );
    }
}

#[test]
fn the_back_test_says_what_the_outturn_means_in_the_models_terms() {
    let b = report().back_test.as_ref().unwrap();
    let terms = &b.runs[0].model_terms;
    assert_eq!(terms.len(), 1);
    assert_eq!(terms[0].year, "2023/24");
    // £58m less the plan's £5.212m of bridging money and £22m of general balances.
    assert_eq!(terms[0].unfunded, "30788000.00");
    assert!(terms[0].words.contains("would have left £30.8m unfunded"));
    assert!(b.runs[0]
        .description
        .contains("only what was known in January 2020 (data set as_at 2020-01)"));
}

#[test]
fn the_plan_is_the_data_set_as_at_january_2020() {
    let c = council();
    assert_eq!(c.as_at.as_deref(), Some("2020-01"));
    let record = outturn::load_json(OUTTURN, &c).unwrap();
    assert_eq!(record.plan.as_at, "2020-01");
    // Only the limits known in January 2020 (2% core and 2% adult social care, seed 000
    // L401), and the plan's rule under them: the most without a referendum.
    let two = Decimal::from(2);
    assert_eq!(c.referendum.core_limit_pct, [two, two, two, two]);
    assert_eq!(c.referendum.asc_limit_pct, [two, two, two, two]);
    assert_eq!(c.council_tax.core_pct[1..], [decimal("1.99"); 3]);
    assert_eq!(c.council_tax.asc_pct, [two, two, two, two]);
    let p = mtfs::project_scenario(&c, &Scenario::default()).unwrap();
    assert!(p.summary.referendum_years.is_empty());
    // By hand: 1,286.28 × 1.0399 = 1,337.601… → 1,337.60; × 1.0399 = 1,390.970… →
    // 1,390.97; × 1.0399 = 1,446.469… → 1,446.47.
    let band_d: Vec<String> = p.years.iter().map(|y| y.band_d.to_string()).collect();
    assert_eq!(band_d, ["1286.28", "1337.60", "1390.97", "1446.47"]);
    // The plan's own gaps and bridging reserve (seed 000 L452–464): £40m, nil, £40.2m,
    // nil; the reserve closes at £15.412m, £30.412m, £5.212m, £5.212m.
    let gaps: Vec<String> = p.years.iter().map(|y| y.gap.to_string()).collect();
    assert_eq!(gaps, ["40000000.00", "0.00", "40200000.00", "0.00"]);
    let bbr: Vec<String> = p
        .years
        .iter()
        .map(|y| y.reserves[0].closing.to_string())
        .collect();
    assert_eq!(
        bbr,
        ["15412000.00", "30412000.00", "5212000.00", "5212000.00"]
    );
    // A record of another date is refused, naming both dates.
    let mut other: Value = serde_json::from_str(OUTTURN).unwrap();
    other["plan"]["as_at"] = json!("2019-11");
    let e = outturn::load_json(&other.to_string(), &c).unwrap_err();
    assert!(
        e.to_string().contains("plan.as_at: the record is of the plan as at 2019-11, but the data set is the plan as at 2020-01"),
        "{e}"
    );
}

fn file(name: &str, text: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("outturn");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn the_cli_prints_the_plan_against_the_outturn() {
    let o = mtfs(&["outturn"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for words in [
        "Hampshire County Council - the January 2020 plan against what happened",
        "Every budget from 2020/21 to 2023/24 was set balanced",
        "  Bridging reserve at year end                           £5.2m        more than £98m [P]          >+£92.8m",
        "  Bridging reserve at year end                          £30.4m                     - [U]",
        "How the forecast changed: the plan's vintages",
        "Later forecasts of the gap",
        "OUTSIDE the 5-95% band: 2023/24 reserves: outturn about £86m is above the 95th percentile",
    ] {
        assert!(out.contains(words), "{words}\nin\n{out}");
    }
    let o = mtfs(&["outturn", "--format", "json", "--no-back-test"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["format"], "mtfs-outturn-report/1");
    assert!(json["back_test"].is_null());
    assert_eq!(json["years"].as_array().unwrap().len(), 4);
    // The JSON with the back-test is the library's report.
    let o = mtfs(&["outturn", "--format", "json"]);
    let json: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json, serde_json::to_value(report()).unwrap());
}

#[test]
fn the_cli_refuses_a_bad_record_naming_the_file_and_the_path() {
    let mut record: Value = serde_json::from_str(OUTTURN).unwrap();
    record["years"]["2019/20"] = record["years"]["2020/21"].clone();
    let bad = file("bad-outturn.json", &record.to_string());
    let o = mtfs(&["outturn", "--outturn", &bad]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "bad-outturn.json: years.2019/20: 2019/20 is not a projection year of the plan"
        ),
        "{}",
        stderr(&o)
    );
    // Another council's data needs its own record.
    let o = mtfs(&["outturn", "--data", "data/template.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("name the council's outturn record with --outturn FILE"));
    let o = mtfs(&[
        "outturn",
        "--data",
        "data/template.json",
        "--outturn",
        "data/hampshire-outturn.json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(
        "data/hampshire-outturn.json: council: this record is for \"Hampshire County Council\""
    ));
    let o = mtfs(&["outturn", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_record_has_a_json_schema() {
    let schema = outturn::record_schema();
    assert_eq!(schema["title"], "MTFS outturn record (mtfs-outturn/1)");
    let required = schema["required"].as_array().unwrap();
    for field in ["format", "council", "plan", "years"] {
        assert!(required.iter().any(|r| r == field), "{field}");
    }
    let text = schema.to_string();
    for name in [
        "not_published",
        "more_than",
        "one_off_money",
        "after_horizon",
        "gap_forecasts",
    ] {
        assert!(text.contains(name), "{name}");
    }
}
