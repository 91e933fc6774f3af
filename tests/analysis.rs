//! Consultation response analysis (src/analysis.rs, `mtfs analyse`): the small fixture's
//! figures worked by hand, every bad row of the 5,000 reported by number, the same
//! figures however the file is cut into pieces, and the command line's JSON equal to the
//! library's.

use mtfs::analysis::{Analyser, Analysis, Settings};
use mtfs::Council;
use serde_json::Value;

mod common;
use common::cli::{mtfs, stderr, stdout};

const TINY: &str = include_str!("fixtures/tiny-options.json");
const HAMPSHIRE: &str = include_str!("../data/hampshire.json");
const SMALL: &[u8] = include_bytes!("fixtures/responses-small.csv");
const LARGE: &[u8] = include_bytes!("fixtures/responses-5000.csv");
const LARGE_EXPECTED: &str = include_str!("fixtures/responses-5000.expected.json");

fn council(text: &str) -> Council {
    mtfs::load_data_json(text).unwrap().1
}

fn analyse(c: &Council, bytes: &[u8], piece: usize, settings: Settings) -> Analysis {
    let mut a = Analyser::new(std::borrow::Cow::Borrowed(c), settings);
    for chunk in bytes.chunks(piece) {
        a.push(chunk);
    }
    a.finish().unwrap_or_else(|e| panic!("{e}"))
}

fn grouped(min: u32) -> Settings {
    Settings {
        group: Some("respondent".into()),
        min_group: min,
        ..Settings::default()
    }
}

/// tests/fixtures/responses-small.csv (semicolons, a byte order mark, CRLF, a quoted
/// semicolon), worked by hand: six responses used, four refused.
#[test]
fn the_small_fixture_gives_the_hand_worked_figures() {
    let c = council(TINY);
    let a = analyse(&c, SMALL, 1 << 16, grouped(2));
    assert_eq!((a.rows, a.valid), (10, 6));
    let refused: Vec<(u32, &str)> = a
        .refused
        .iter()
        .map(|r| (r.row, r.reason.as_str()))
        .collect();
    assert_eq!(refused[0], (5, "there is no link in the row"));
    assert_eq!(refused[1].0, 6);
    assert!(refused[1].1.contains("different version"));
    assert_eq!(
        refused[2],
        (
            8,
            "The link's value for core council tax rise in 2020/21 is not a number."
        )
    );
    assert_eq!(refused[3].0, 9);
    assert!(refused[3]
        .1
        .contains("option roads-cut (double) is outside"));

    let roads = &a.all.options[0];
    assert_eq!(roads.option, "roads-cut");
    let shares: Vec<&str> = roads
        .levels
        .iter()
        .map(|l| l.responses.pct.as_str())
        .collect();
    assert_eq!(shares, ["50.00", "33.33", "16.67"]);
    assert_eq!(roads.changed.count, 3);
    // Mean: (2 × £10,000 + £30,000) / 6 and (2 × £20,000 + £30,000) / 6; median: the 3rd
    // of 0, 0, 0, 10,000, 10,000, 30,000.
    let means: Vec<String> = roads.mean_effect.iter().map(ToString::to_string).collect();
    assert_eq!(means, ["8333.33", "11666.67"]);
    assert_eq!(roads.median_effect[0].to_string(), "0.00");

    let lobby = &a.all.views[0];
    let shares: Vec<&str> = lobby
        .levels
        .iter()
        .map(|l| l.responses.pct.as_str())
        .collect();
    assert_eq!(shares, ["33.33", "16.67", "50.00"]);

    let y = &a.all.years[0];
    assert_eq!(
        y.referendum.pct, "16.67",
        "row 7's 3% core rise is at the 2% limit"
    );
    assert_eq!(y.balanced.pct, "100.00");
    assert_eq!(y.median_core_pct.as_deref(), Some("1.99"));
    assert_eq!(y.median_gap.unwrap().to_string(), "-32858.80");
    assert_eq!(a.all.years[1].median_gap.unwrap().to_string(), "-64507.78");
    // Every response but row 10's (no reserves) draws £20,000 of Tt cash-flow support.
    assert_eq!(a.all.reserves.using.pct, "83.33");
    assert_eq!(a.all.reserves.median_drawn.unwrap().to_string(), "20000.00");

    let names: Vec<&str> = a.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["business", "resident"]);
    assert_eq!(
        a.groups[1].summary.years[1].median_gap.unwrap().to_string(),
        "-69507.78"
    );
    assert_eq!((a.small_groups, a.small_group_responses), (1, 1));
    // The most-chosen levels are the plan's, so the residents' budget is the plan.
    assert_eq!(a.residents_budget.link, "");
}

/// Groups below the threshold are never shown on their own (privacy).
#[test]
fn small_groups_are_not_shown() {
    let a = analyse(&council(TINY), SMALL, 1 << 16, grouped(10));
    assert!(a.groups.is_empty());
    assert_eq!((a.small_groups, a.small_group_responses), (3, 6));
}

/// However the file is cut into pieces, the figures are the same.
#[test]
fn pieces_of_any_size_give_the_same_figures() {
    let c = council(TINY);
    let whole = analyse(&c, SMALL, usize::MAX, grouped(2));
    for piece in [1, 2, 3, 7, 64] {
        assert_eq!(
            analyse(&c, SMALL, piece, grouped(2)),
            whole,
            "pieces of {piece}"
        );
    }
    let c = council(HAMPSHIRE);
    let settings = || Settings {
        group: Some("respondent_type".into()),
        ..Settings::default()
    };
    assert_eq!(
        analyse(&c, LARGE, 4093, settings()),
        analyse(&c, LARGE, 1 << 20, settings())
    );
}

/// The 5,000 responses: every bad row the generator wrote is reported with its number
/// and reason, and no other.
#[test]
fn every_bad_row_of_the_5000_is_reported_by_number() {
    let expected: Value = serde_json::from_str(LARGE_EXPECTED).unwrap();
    let a = analyse(&council(HAMPSHIRE), LARGE, 1 << 16, Settings::default());
    assert_eq!(a.rows, expected["rows"].as_u64().unwrap() as u32);
    let bad = expected["bad"].as_array().unwrap();
    assert_eq!(a.refused.len(), bad.len());
    for (got, want) in a.refused.iter().zip(bad) {
        assert_eq!(got.row, want["row"].as_u64().unwrap() as u32);
        assert!(
            got.reason.contains(want["reason"].as_str().unwrap()),
            "row {}: {}",
            got.row,
            got.reason
        );
    }
    assert_eq!(a.valid as usize, a.rows as usize - bad.len());
    // The residents' budget re-projects to the figures it reports.
    let c = council(HAMPSHIRE);
    let p = mtfs::project_scenario(&c, &a.residents_budget.scenario).unwrap();
    assert_eq!(p.years[0].gap, a.residents_budget.years[0].gap);
}

/// `mtfs analyse` gives the library's analysis, from a CSV file or from JSON lines of the
/// embed's `scenario` messages.
#[test]
fn the_command_line_gives_the_same_figures() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("analysis");
    std::fs::create_dir_all(&dir).unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let o = mtfs(&[
        "analyse",
        &format!("{root}/tests/fixtures/responses-5000.csv"),
        "--group",
        "respondent_type",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let cli: Analysis = serde_json::from_str(&stdout(&o)).unwrap();
    let settings = Settings {
        group: Some("respondent_type".into()),
        ..Settings::default()
    };
    assert_eq!(cli, analyse(&council(HAMPSHIRE), LARGE, 1 << 16, settings));

    let lines = [
        r##"{"protocol": "mtfs-embed", "type": "scenario", "fragment": "#s2.oroads-cut_reduce", "respondent": "resident"}"##,
        r##"{"protocol": "mtfs-embed", "type": "scenario", "fragment": "#s9.x", "respondent": "resident"}"##,
        r##"{"protocol": "mtfs-embed", "type": "scenario", "fragment": "#s2.oroads-cut_stop", "respondent": "business"}"##,
    ];
    let jsonl = dir.join("messages.jsonl");
    std::fs::write(&jsonl, lines.join("\n")).unwrap();
    let data = format!("{root}/tests/fixtures/tiny-options.json");
    let o = mtfs(&[
        "analyse",
        jsonl.to_str().unwrap(),
        "--data",
        &data,
        "--group",
        "respondent",
        "--min-group",
        "1",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["valid"], 2);
    assert_eq!(v["refused"][0]["row"], 2);
    assert_eq!(v["groups"].as_array().unwrap().len(), 2);

    let o = mtfs(&[
        "analyse",
        &format!("{root}/tests/fixtures/responses-small.csv"),
        "--data",
        &data,
        "--column",
        "nope",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no column is headed \"nope\""),
        "{}",
        stderr(&o)
    );
    let csv = stdout(&mtfs(&[
        "analyse",
        &format!("{root}/tests/fixtures/responses-small.csv"),
        "--data",
        &data,
        "--format",
        "csv",
    ]));
    assert!(csv.starts_with("group,section,item,year,count,value\n"));
    assert!(
        csv.contains("\nall,level,roads-cut reduce,,2,33.33\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\nall,refused,there is no link in the row,,5,"),
        "{csv}"
    );
}
