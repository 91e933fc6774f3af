//! The browser's JSON reader (src/json_reader.rs) against serde_json, the CLI's: the same
//! values read, and the same mistakes refused with the same path and words.

use mtfs::data::DataSet;
use mtfs::json_reader::{read, MAX_DEPTH};
use mtfs::{DataError, Scenario};
use proptest::prelude::*;
use serde_json::{json, Value};

fn hampshire() -> Value {
    serde_json::from_str(&std::fs::read_to_string("data/hampshire.json").expect("data file"))
        .expect("JSON")
}

/// The first problem's path and words, as a page or the CLI shows it, but for serde_json's
/// " at line 1 column 230": the browser's reader reads text made by `JSON.stringify` from
/// an object, whose lines are not the resident's file's.
fn first(e: &DataError) -> (String, String) {
    let message = &e.problems[0].message;
    let words = message.split(" at line ").next().unwrap_or_default();
    (e.problems[0].path.clone(), words.to_string())
}

/// A data set's text read as the browser does (then checked) and as the CLI does: both
/// accept it, with the same data set, or both refuse it with the same first problem.
fn same_as_cli(text: &str) {
    let cli = mtfs::load_data_json(text);
    let browser = read::<DataSet>(text, false).and_then(|data| {
        let council = data.validate()?;
        Ok((data, council))
    });
    match (cli, browser) {
        // serde_json reads a struct from an array of its fields in order; the browser's
        // reader, as the page always did, asks for an object (tests/web.rs says the same).
        (_, Err(b))
            if first(&b)
                .1
                .starts_with("invalid type: sequence, expected struct") => {}
        (Ok((a, _)), Ok((b, _))) => assert_eq!(
            serde_json::to_value(&a).expect("writes"),
            serde_json::to_value(&b).expect("writes")
        ),
        // An enum (a theme, a funding kind) given something other than a string: serde_json
        // reads `{"variant": …}` as a tagged variant and says "expected value" for the rest;
        // the browser says what it got. The same field is named.
        (Err(a), Err(b)) if first(&b).1.contains(", expected enum ") => {
            assert_eq!(first(&a).0, first(&b).0, "{text:.200}")
        }
        (Err(a), Err(b)) => assert_eq!(first(&a), first(&b), "{text:.200}"),
        (a, b) => panic!(
            "the CLI {} it and the browser {} it: {:?} / {:?}",
            if a.is_ok() { "accepts" } else { "refuses" },
            if b.is_ok() { "accepts" } else { "refuses" },
            a.err().map(|e| first(&e)),
            b.err().map(|e| first(&e)),
        ),
    }
}

#[test]
fn every_data_file_reads_as_the_cli_reads_it() {
    for path in [
        "data/hampshire.json",
        "data/template.json",
        "tests/fixtures/tiny.json",
        "tests/fixtures/tiny-options.json",
        "tests/fixtures/scotland.json",
        "tests/fixtures/wales.json",
    ] {
        let text = std::fs::read_to_string(path).expect("fixture");
        mtfs::load_data_json(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        same_as_cli(&text);
    }
}

#[test]
fn mistakes_are_named_with_the_clis_path_and_words() {
    let cases: Vec<(&str, Value)> = vec![
        ("/services/2/base/value", json!(12.5)),
        ("/services/2/base/value", json!("12,5m")),
        ("/services/1/growth_group", json!(0.1)),
        ("/services/1/growth_group", json!(1)),
        ("/services/1/growth_group", json!(-7)),
        ("/funding/0/kind", json!("grant")),
        ("/reserves/1/colour", json!("blue")),
        ("/programmes/0/lines/1/target_from_base", json!(true)),
        ("/council_tax/band_d", Value::Null),
        ("/years", json!("2020/21")),
        ("/years", json!([1, 2.5e40, "x"])),
        ("/risk", json!({"odds": {"purple": {}}})),
        ("/services/0/asc_pc", json!("1")),
        ("/services", json!({})),
        ("/name", json!(["a"])),
        (
            "/name",
            json!("Tŷ Cyngor \u{1F3E0} \"quoted\" \\ back\nslash"),
        ),
    ];
    for (pointer, value) in cases {
        let mut data = hampshire();
        let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
        let parent = data.pointer_mut(parent).expect("the parent exists");
        match parent {
            Value::Object(map) => {
                map.insert(key.to_string(), value);
            }
            Value::Array(items) => items[key.parse::<usize>().expect("index")] = value,
            _ => panic!("{pointer}"),
        }
        same_as_cli(&serde_json::to_string(&data).expect("writes"));
    }
    // A field left out is about the object that lacks it.
    let mut data = hampshire();
    data["reserves"][0]
        .as_object_mut()
        .expect("object")
        .remove("opening");
    let text = serde_json::to_string(&data).expect("writes");
    same_as_cli(&text);
    let e = read::<DataSet>(&text, false).expect_err("refused");
    assert_eq!(first(&e).0, "reserves[0]");
    assert!(first(&e).1.contains("missing field `opening`"), "{e}");
}

#[test]
fn a_float_is_worded_as_the_cli_words_it() {
    for number in ["2.5", "0.1", "-3.75", "1e3", "2.99", "1.5E-7", "123456.789"] {
        let text = format!(r#"{{"core_pct": {{"2021/22": {number}}}}}"#);
        let cli = mtfs::scenario_from_json(&text).expect_err("a float refused");
        let browser = read::<Scenario>(&text, false).expect_err("a float refused");
        assert_eq!(first(&browser), first(&cli), "{number}");
    }
}

#[test]
fn numbers_are_integers_or_floats_as_serde_json_reads_them() {
    for text in [
        "0",
        "-0",
        "7",
        "-7",
        "9223372036854775807",
        "-9223372036854775808",
        "9223372036854775808",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775809",
        "1.0",
        "1e2",
        "0.1",
        "-2.5E-3",
        "1e-400",
    ] {
        let ours: Value = read(text, false).expect(text);
        let theirs: Value = serde_json::from_str(text).expect(text);
        assert_eq!(ours, theirs, "{text}");
        assert_eq!(ours.is_f64(), theirs.is_f64(), "{text}");
    }
}

#[test]
fn welsh_members_are_passed_over_only_when_asked() {
    let text = r#"{"core_pct": {"2021/22": "2"}, "cy": "gair"}"#;
    assert!(read::<Scenario>(text, false).is_err(), "an unknown key");
    read::<Scenario>(text, true).expect("`cy` passed over");
}

#[test]
fn nesting_deeper_than_serde_jsons_limit_is_refused_not_recursed_into() {
    let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    read::<Value>(&nested(MAX_DEPTH), false).expect("at the limit");
    let e = read::<Value>(&nested(MAX_DEPTH + 1), false).expect_err("beyond it");
    assert!(first(&e).1.contains("nested too deeply"), "{e}");
    // Far beyond it, as a hostile page could send: refused, with no stack overflow.
    assert!(read::<Value>(&nested(1_000_000), false).is_err());
    assert!(serde_json::from_str::<Value>(&nested(MAX_DEPTH + 1)).is_err());
}

#[test]
fn text_that_is_not_json_is_refused_with_where() {
    for (text, words) in [
        ("", "unexpected end of text at byte 0"),
        ("{", "expected a key in quotes at byte 1"),
        (r#"{"a" 1}"#, "expected `:` at byte 5"),
        ("[1 2]", "expected `,` or `]` at byte 3"),
        ("01", "a number with a leading zero at byte 0"),
        ("1.", "expected a digit after `.` at byte 2"),
        ("\"a\u{1}\"", "a control character in a string at byte 2"),
        (r#""\x""#, "an unknown escape at byte 2"),
        (
            r#""\u12""#,
            "expected four hex digits after `\\u` at byte 3",
        ),
        ("nul", "expected a value at byte 0"),
        ("{} {}", "trailing characters at byte 3"),
        ("[1e309]", "a number out of range at byte 1"),
        ("-2e400", "a number out of range at byte 0"),
    ] {
        let e = read::<Value>(text, false).expect_err(text);
        assert_eq!(
            first(&e),
            (String::new(), format!("not valid JSON: {words}"))
        );
        assert!(serde_json::from_str::<Value>(text).is_err(), "{text}");
    }
}

#[test]
fn escapes_and_surrogates() {
    let v: Value = read(
        r#"["\u00e9\ud83c\udfe0\n\"\\\/", "\ud800", "\udc00x", "\ud800\u0041"]"#,
        false,
    )
    .expect("reads");
    assert_eq!(
        v,
        json!(["é\u{1F3E0}\n\"\\/", "\u{FFFD}", "\u{FFFD}x", "\u{FFFD}A"])
    );
}

/// Any JSON value with no floats (the engine reads none: a float is only ever refused).
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<String>().prop_map(Value::String),
        "[a-z\\\\\"\u{0}-\u{1f}é🏠]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{0,6}|cy", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Whatever serde_json writes, the reader reads back to the same value, spaced or not.
    #[test]
    fn reads_back_what_serde_json_writes(value in json_value(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&value) } else { serde_json::to_string(&value) }
            .expect("writes");
        prop_assert_eq!(read::<Value>(&text, false).expect("reads"), value);
    }

    /// Text cut short, or with a byte changed, never panics: it is read, or refused as
    /// serde_json refuses it (both accept or both refuse, but for lone surrogates, which
    /// the reader turns into U+FFFD).
    #[test]
    fn broken_text_is_refused_as_serde_json_refuses_it(value in json_value(), cut in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let text = serde_json::to_string(&value).expect("writes");
        let mut bytes = text.into_bytes();
        let at = cut.index(bytes.len().max(1));
        if at < bytes.len() { bytes[at] = byte; }
        for candidate in [&bytes[..at], &bytes[..]] {
            if let Ok(text) = std::str::from_utf8(candidate) {
                let ours = read::<Value>(text, false);
                let theirs = serde_json::from_str::<Value>(text);
                if !text.contains("\\u") {
                    prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{}", text);
                }
                // A changed byte can make a float, which the reader reads only near enough.
                let exact = !text.contains(['\\', '.', 'e', 'E']);
                if let (Ok(ours), Ok(theirs), true) = (ours, theirs, exact) {
                    prop_assert_eq!(ours, theirs);
                }
            }
        }
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// A data set with one value replaced by any other: read and refused as the CLI does.
    #[test]
    fn a_data_set_with_any_value_replaced_reads_as_the_cli_reads_it(
        value in json_value(),
        pick in any::<prop::sample::Index>(),
    ) {
        let mut data = hampshire();
        let mut pointers = Vec::new();
        collect_pointers(&data, String::new(), &mut pointers);
        let pointer = &pointers[pick.index(pointers.len())];
        *data.pointer_mut(pointer).expect("exists") = value;
        same_as_cli(&serde_json::to_string(&data).expect("writes"));
    }
}

fn collect_pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_pointers(item, format!("{at}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                collect_pointers(
                    item,
                    format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        _ => {}
    }
    if !at.is_empty() {
        out.push(at);
    }
}
