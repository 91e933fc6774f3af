//! How figures written as text become decimals (`number::parse_decimal`, the one reader of
//! the data file, scenarios and links) and how a float is worded in a message. The reader
//! is the project's own (the general `Decimal::from_str` is 10 kB of the browser module), so
//! it is checked here against `Decimal::from_str` on every form a person writes.

use mtfs::number::{float_words, parse_decimal};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    /// Exactly `Decimal::from_str`'s value and scale ("1.50" stays two places), for any
    /// sign, up to 18 digits before the point and 10 after, leading and trailing zeros too.
    #[test]
    fn reads_exactly_what_decimal_reads(
        sign in prop::sample::select(vec!["", "-", "+"]),
        whole in "[0-9]{0,18}",
        point in any::<bool>(),
        fraction in "[0-9]{0,10}",
        pad in prop::sample::select(vec!["", " ", "  "]),
    ) {
        let body = if point { format!("{whole}.{fraction}") } else { whole.clone() };
        prop_assume!(body.bytes().any(|b| b.is_ascii_digit()));
        let text = format!("{pad}{sign}{body}{pad}");
        let ours = parse_decimal(&text).unwrap();
        let theirs = Decimal::from_str(&format!("{sign}{body}").replace('+', "")).unwrap();
        prop_assert_eq!(ours, theirs);
        prop_assert_eq!(ours.scale(), theirs.scale(), "{:?}", text);
        prop_assert_eq!(ours.to_string(), theirs.to_string());
    }
}

#[test]
fn refuses_what_is_not_a_plain_decimal() {
    for text in [
        "", "-", ".", "+-1", "1e5", "12,5", "12.5m", "1.2.3", "--1", "0x10", "1_000",
    ] {
        let message = parse_decimal(text).unwrap_err();
        assert_eq!(message, format!("not a number: {text:?}"));
    }
}

#[test]
fn refuses_what_decimal_cannot_hold_instead_of_rounding_it() {
    // 29 places, or more digits than 96 bits hold: out of range, never silently rounded.
    for text in [
        "0.00000000000000000000000000001",
        "79228162514264337593543950336",
        "1".repeat(40).as_str(),
    ] {
        assert_eq!(
            parse_decimal(text).unwrap_err(),
            format!("number out of range: {text:?}")
        );
    }
    // The largest that fits, and 28 places, are read exactly.
    assert_eq!(
        parse_decimal("79228162514264337593543950335").unwrap(),
        Decimal::MAX
    );
    assert_eq!(
        parse_decimal("-0.0000000000000000000000000001").unwrap(),
        Decimal::new(-1, 28)
    );
}

#[test]
fn floats_in_messages_are_worded_without_float_formatting() {
    assert_eq!(float_words(2.5), "2.5");
    assert_eq!(float_words(0.1), "0.1");
    assert_eq!(float_words(-1234.75), "-1234.75");
    assert_eq!(float_words(1e300), "too large to show");
    assert_eq!(float_words(-1e300), "too large (negative) to show");
    assert_eq!(float_words(f64::NAN), "NaN");
}

/// The message a float gets, natively (serde_json) as in the browser (tests/web.rs).
#[test]
fn a_float_where_a_decimal_belongs_is_refused_with_its_value() {
    let error = serde_json::from_str::<mtfs::number::DecimalText>("2.5").unwrap_err();
    assert!(
        error.to_string().starts_with(
            "expected a decimal string, not the number 2.5: write it in quotes, e.g. \"2.5\""
        ),
        "{error}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    /// Money's own writing (from whole pence) is exactly what `Decimal` writes, for any
    /// amount in pence, negative and zero included ("-0.00" never: `from_exact`).
    #[test]
    fn money_is_written_as_decimal_writes_it(pence in any::<i64>()) {
        let money = mtfs::number::Money::from_exact(Decimal::new(pence, 2));
        prop_assert_eq!(money.to_string(), Decimal::new(pence, 2).to_string());
    }

    /// Beyond 64 bits of pence it falls back to `Decimal`'s writing.
    #[test]
    fn money_beyond_64_bits_is_written_by_decimal(pounds in 92_233_720_368_547_759i128..1_000_000_000_000_000_000_000i128) {
        let d = Decimal::from_i128_with_scale(pounds * 100 + 7, 2);
        prop_assert_eq!(mtfs::number::Money::from_exact(d).to_string(), d.to_string());
    }
}
