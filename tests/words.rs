//! Words that mean what the model computes (issue 16). The Monte Carlo's event, and a year
//! left unfunded, is that the money the council has set aside to bridge gaps runs out: it
//! would then need further savings, other reserves or new one-off money. No output of the
//! command line says or implies that the budget "cannot be balanced"; the page's and the
//! embed's words are checked in the browser (tests/browser/words.test.mjs).

use mtfs::risk::words::{chance_words, describe};
use mtfs::words::RUNS_OUT_NOTE;
use std::path::PathBuf;

mod common;
use common::cli::{mtfs, stderr, stdout};

/// What the words must never say for this event.
const WRONG: [&str; 4] = [
    "cannot be balanced",
    "cannot balance",
    "could not balance",
    "could not set a balanced",
];

fn say_nothing_wrong(what: &str, text: &str) {
    let lower = text.to_lowercase();
    for wrong in WRONG {
        assert!(!lower.contains(wrong), "{what} says {wrong:?}:\n{text}");
    }
}

fn file(name: &str, text: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("words");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn no_command_says_the_budget_cannot_be_balanced() {
    // Savings that fail and reserves that run out, with and without reserves filling gaps.
    let failing = file(
        "failing.json",
        r#"{"delivery_pct": {"tt2019": "40", "tt2021": "40"}}"#,
    );
    let no_reserves = file(
        "no-reserves.json",
        r#"{"delivery_pct": {"tt2021": "50"}, "use_reserves": false}"#,
    );
    for scenario in [None, Some(&failing), Some(&no_reserves)] {
        for command in [
            &[][..],
            &["risk", "--paths", "400"],
            &["goal"],
            &["drivers"],
        ] {
            for format in ["table", "json", "csv"] {
                let mut args: Vec<&str> = command.to_vec();
                if let Some(s) = scenario {
                    args.extend(["--scenario", s.as_str()]);
                }
                args.extend(["--format", format]);
                let o = mtfs(&args);
                assert!(o.status.success(), "{args:?}: {}", stderr(&o));
                say_nothing_wrong(&format!("mtfs {args:?}"), &stdout(&o));
            }
        }
    }
    for format in ["table", "json"] {
        let o = mtfs(&["outturn", "--paths", "400", "--format", format]);
        assert!(o.status.success(), "{}", stderr(&o));
        say_nothing_wrong("mtfs outturn", &stdout(&o));
    }
}

#[test]
fn mtfs_risk_names_the_event_gives_the_runway_and_says_what_happens_then() {
    let failing = file("failing-risk.json", r#"{"delivery_pct": {"tt2021": "40"}}"#);
    let o = mtfs(&["risk", "--paths", "400", "--scenario", &failing]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("the money the council has set aside to bridge budget gaps runs out by"),
        "{out}"
    );
    assert!(
        out.contains("In the middle future, the money set aside to bridge gaps runs out within"),
        "{out}"
    );
    assert!(
        out.contains("With every saving delivered as planned, it runs out"),
        "{out}"
    );
    assert!(out.contains(RUNS_OUT_NOTE), "{out}");
}

#[test]
fn the_note_says_what_councils_do_and_what_a_section_114_notice_is() {
    for part in [
        "further savings",
        "other reserves",
        "new one-off money",
        "section 114 notice",
        "well under 1 in 100 councils a year",
    ] {
        assert!(RUNS_OUT_NOTE.contains(part), "{part}");
    }
    say_nothing_wrong("RUNS_OUT_NOTE", RUNS_OUT_NOTE);
}

#[test]
fn the_embeds_copy_of_the_note_is_the_engines() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("www/views/embed/protocol.js");
    let js = std::fs::read_to_string(&path).unwrap();
    assert!(
        js.contains(&format!("\"{RUNS_OUT_NOTE}\"")),
        "{}: RUNS_OUT_NOTE differs from src/words.rs",
        path.display()
    );
}

/// The risk words for the seed-42 fixture: the page shows exactly these (insight.test.mjs).
#[test]
fn the_fixtures_risk_words() {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/risk-seed-42.json"),
    )
    .unwrap();
    let sim: mtfs::risk::Simulation = serde_json::from_str(&text).unwrap();
    let w = describe(&sim, true);
    let last = &sim.years[sim.years.len() - 1];
    assert_eq!(
        w.runs_out,
        format!(
            "{} the money the council has set aside to bridge budget gaps runs out by {}.",
            chance_words(last.unbalanced_by.paths, sim.paths).1,
            last.year
        )
    );
    assert_eq!(w.runway.len(), 3);
    assert!(
        w.runway[0].starts_with("In the middle future"),
        "{:?}",
        w.runway
    );
    say_nothing_wrong("risk words", &format!("{w:?}"));
    // With no reserves used, the event is a gap left unmet.
    let w = describe(&sim, false);
    assert!(
        w.runs_out
            .contains("because no reserves are used to fill it"),
        "{}",
        w.runs_out
    );
}
