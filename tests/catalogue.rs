//! The Welsh catalogue (locales/cy.json) is complete and in step with the English: every
//! message the engine (`tr!` in src/) and the page (`tr(…)`, `N_(…)` in www/) can say has
//! Welsh with the same placeholders, every Welsh plural form belongs to a message that
//! counts (`{n}`), and nothing in the catalogue is left over from English that is gone.
//! A message's id is its English template (src/language.rs). index.html's own words are
//! checked in the browser (tests/browser/welsh.test.mjs), as are the views.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The string literals in the first argument of each call to `name` (`tr!(`, `tr(`, `N_(`):
/// both sides of a `cond ? "a" : "b"` are messages.
fn messages_in(text: &str, name: &str, out: &mut BTreeSet<String>) {
    let mut rest = text;
    while let Some(at) = rest.find(name) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + name.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
            continue;
        }
        let mut depth = 0usize;
        let mut chars = rest.char_indices().peekable();
        while let Some((_, c)) = chars.next() {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth == 0 => break,
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => break,
                '"' => {
                    let mut s = String::new();
                    while let Some((_, c)) = chars.next() {
                        match c {
                            '\\' => match chars.next().map(|(_, c)| c) {
                                Some('n') => s.push('\n'),
                                Some(other) => s.push(other),
                                None => {}
                            },
                            '"' => break,
                            c => s.push(c),
                        }
                    }
                    // A literal the condition of a `cond ? "a" : "b"` compares with is no message.
                    let next = chars.clone().map(|(_, c)| c).find(|c| !c.is_whitespace());
                    if next != Some('?') {
                        out.insert(s);
                    }
                }
                _ => {}
            }
        }
    }
}

fn files(dir: &Path, ext: &str, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            // src/data is searched too: its validation messages are the officer's English (no
            // tr!), but the paper form's closing date is said in the resident's language.
            if path
                .file_name()
                .is_some_and(|n| n == "pkg" || n == "locales")
            {
                continue;
            }
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// Every message the engine and the page can say, in English.
fn english() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut paths = Vec::new();
    files(Path::new("src"), "rs", &mut paths);
    for path in &paths {
        if path.ends_with("language.rs") {
            continue; // its own tests' examples
        }
        messages_in(&fs::read_to_string(path).unwrap(), "tr!(", &mut out);
    }
    let mut paths = Vec::new();
    files(Path::new("www"), "js", &mut paths);
    for path in &paths {
        let text = fs::read_to_string(path).unwrap();
        messages_in(&text, "tr(", &mut out);
        messages_in(&text, "N_(", &mut out);
    }
    // Said whole by the engine (`words::runs_out_note`, `no_reserves_warning`).
    out.insert(mtfs::words::RUNS_OUT_NOTE.to_string());
    out.insert(mtfs::words::NO_RESERVES_WARNING.to_string());
    out
}

fn welsh() -> BTreeMap<String, String> {
    let text = fs::read_to_string("locales/cy.json").expect("locales/cy.json");
    serde_json::from_str(&text).expect("locales/cy.json is an object of strings")
}

/// A template's placeholders: `{name}` with a name of letters, digits and `_`.
fn placeholders(template: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(close) = rest.find('}') {
            let name = &rest[..close];
            if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                out.insert(name.to_string());
            }
        }
    }
    out
}

const PLURALS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// A catalogue key's message: itself, or for a plural form `"<template>#<category>"`, the template.
fn message_of(key: &str) -> &str {
    match key.rsplit_once('#') {
        Some((template, category)) if PLURALS.contains(&category) => template,
        _ => key,
    }
}

#[test]
fn every_message_has_welsh() {
    let cy = welsh();
    let english = english();
    let missing: Vec<&String> = english.iter().filter(|m| !cy.contains_key(*m)).collect();
    assert!(
        missing.is_empty(),
        "{} messages have no Welsh in locales/cy.json:\n{}",
        missing.len(),
        missing
            .iter()
            .map(|m| serde_json::to_string(m).unwrap())
            .collect::<Vec<_>>()
            .join(",\n")
    );
}

#[test]
fn welsh_has_the_same_placeholders_as_the_english() {
    let wrong: Vec<String> = welsh()
        .iter()
        .filter(|(key, value)| placeholders(message_of(key)) != placeholders(value))
        .map(|(key, value)| format!("{key:?} → {value:?}"))
        .collect();
    assert!(
        wrong.is_empty(),
        "placeholders differ:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn welsh_plural_forms_belong_to_a_message_that_counts() {
    let cy = welsh();
    for key in cy.keys() {
        let message = message_of(key);
        if message != key {
            assert!(
                placeholders(message).contains("n"),
                "{key:?}: a plural form of a message with no {{n}}"
            );
            assert!(
                cy.contains_key(message),
                "{key:?}: a plural form without the message's own Welsh"
            );
        }
    }
}

/// The catalogue's keys that are not index.html's own words (checked in the browser) must be
/// messages the engine or page still says: Welsh for English that is gone is stale.
#[test]
fn nothing_in_the_catalogue_is_stale() {
    let english = english();
    let page = fs::read_to_string("www/index.html").unwrap();
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let page = squash(&page.replace('<', " <").replace('>', "> "));
    let cy = welsh();
    let stale: Vec<&String> = cy
        .keys()
        .filter(|key| {
            let message = message_of(key);
            !english.contains(message)
                && !page.contains(&squash(&message.replace('<', " <").replace('>', "> ")))
        })
        .collect();
    assert!(
        stale.is_empty(),
        "Welsh for English no longer said:\n{stale:#?}"
    );
}

#[test]
fn the_engine_speaks_welsh_when_given_the_catalogue() {
    mtfs::language::use_catalogue(welsh());
    let warning = mtfs::words::below_minimum_warning(
        "2022/23",
        rust_decimal::Decimal::from(40_000_000),
        rust_decimal::Decimal::from(31_200_000),
    );
    mtfs::language::use_catalogue([]);
    assert!(
        warning.contains("£40m") && warning.contains("2022/23") && warning.contains("£31.2m"),
        "{warning}"
    );
    assert!(!warning.contains("Reserves fall below"), "{warning}");
}

/// The paper form's closing date in Welsh: the day and month names come through the
/// catalogue ("Friday 29 January 2027" is "Dydd Gwener 29 Ionawr 2027").
#[test]
fn the_closing_date_is_in_welsh_when_given_the_catalogue() {
    mtfs::language::use_catalogue(welsh());
    let welsh_date = mtfs::data::branding::date_words("2027-01-29");
    let other = mtfs::data::branding::date_words("2017-08-21");
    mtfs::language::use_catalogue([]);
    assert_eq!(welsh_date.as_deref(), Some("Dydd Gwener 29 Ionawr 2027"));
    assert_eq!(other.as_deref(), Some("Dydd Llun 21 Awst 2017"));
    assert_eq!(
        mtfs::data::branding::date_words("2027-01-29").as_deref(),
        Some("Friday 29 January 2027")
    );
}
