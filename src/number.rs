//! Decimal numbers as they cross the boundary: always decimal *strings* in JSON and JS
//! (`"421336000"`, `"3.99"`), never floats, so no figure is ever rounded by a parser.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The largest amount, in pounds, any input may hold: £1 trillion (10^12), far beyond any
/// council's budget (the largest English council spends a few billion a year). With the
/// other bounds validation sets (rates within ±100% a year, growth factors at most 10, at
/// most ten years and [`MAX_ITEMS`] of each list), every figure the engine computes stays
/// below about 10^24, many orders of magnitude inside `Decimal`'s range (about 7.9 × 10^28)
/// and small enough to keep two decimal places: docs/model-notes.md works the bound out.
/// The engine's arithmetic is checked as well, and `make fuzz` confirms the bound holds.
pub const MAX_POUNDS: i64 = 1_000_000_000_000;
/// The largest rate, in percent, for a rise, growth or inflation (a year may double).
pub const MAX_RATE_PCT: i64 = 100;
/// The largest multiplier on a growth group's growth (ten times the plan).
pub const MAX_GROWTH_FACTOR: i64 = 10;
/// Most whole years a programme's delivery may slip.
pub const MAX_DELAY_YEARS: u32 = 5;
/// The most entries any one list of a data set may have (service lines, programmes, a
/// programme's lines, funding streams, reserves).
pub const MAX_ITEMS: usize = 1_000;

/// Why a rate is refused, if it is: it must be above −100% (so the multiplier `1 + r/100`
/// stays positive) and at most [`MAX_RATE_PCT`].
pub fn rate_problem(v: Decimal) -> Option<String> {
    (v <= Decimal::from(-100) || v > Decimal::from(MAX_RATE_PCT)).then(|| {
        format!("a percentage above -100 and at most {MAX_RATE_PCT} is expected (got {v})")
    })
}

/// Why an amount is refused, if it is: its size must be at most [`MAX_POUNDS`].
pub fn amount_problem(v: Decimal) -> Option<String> {
    (v.abs() > Decimal::from(MAX_POUNDS))
        .then(|| format!("must be at most £1,000,000,000,000 (£1 trillion) in size (got {v})"))
}

/// A floating-point number as a message shows it (`2.5`, `0.1`), through `Decimal`
/// rather than `f64`'s own formatting: that formatting is 14 kB of the browser module's
/// code, and a message needs no more than `Decimal`'s 28 digits. A number beyond
/// `Decimal` (or not finite) is worded as such.
pub fn float_words(v: f64) -> String {
    use rust_decimal::prelude::FromPrimitive;
    match Decimal::from_f64(v) {
        Some(d) => d.normalize().to_string(),
        None if v.is_nan() => "NaN".to_string(),
        None if v > 0.0 => "too large to show".to_string(),
        None => "too large (negative) to show".to_string(),
    }
}

/// A decimal written as a string in the data file or scenario.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct DecimalText(pub Decimal);

impl DecimalText {
    pub fn value(self) -> Decimal {
        self.0
    }
}

impl From<Decimal> for DecimalText {
    fn from(d: Decimal) -> Self {
        DecimalText(d)
    }
}

/// Parses what a person might type: `"12.5"`, `"-3"`, `" 1200 "`. Thousands separators,
/// units and exponents are refused so that `"12,5m"` cannot be misread.
pub fn parse_decimal(text: &str) -> Result<Decimal, String> {
    let t = text.trim();
    // At most one sign, then digits with at most one point and a digit on some side.
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let well_formed = !t.is_empty()
        && body.split_once('.').map_or_else(
            || !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit()),
            |(whole, frac)| {
                !(whole.is_empty() && frac.is_empty())
                    && whole.bytes().all(|b| b.is_ascii_digit())
                    && frac.bytes().all(|b| b.is_ascii_digit())
            },
        );
    if !well_formed {
        return Err(format!("not a number: {text:?}"));
    }
    exact_decimal(t).ok_or_else(|| format!("number out of range: {text:?}"))
}

/// A well-formed decimal (`parse_decimal` and the link reader check the form first) as exactly the digits written,
/// scale included (`"1.50"` is 150 hundredths), or `None` beyond `Decimal`: more than 28
/// decimal places or 96 bits of digits. `Decimal::from_str` would round those instead,
/// and its general parser (exponents, underscores, rounding) is 10 kB of the browser
/// module; the figures here never need it.
pub fn exact_decimal(t: &str) -> Option<Decimal> {
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
    let scale = u32::try_from(fraction.len()).ok()?;
    let mut digits: i128 = 0;
    for b in whole.bytes().chain(fraction.bytes()) {
        digits = digits.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
    }
    Decimal::try_from_i128_with_scale(if negative { -digits } else { digits }, scale).ok()
}

impl<'de> Deserialize<'de> for DecimalText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = DecimalText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a decimal string such as \"2.99\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                parse_decimal(v).map(DecimalText).map_err(E::custom)
            }
            // Whole numbers are exact, so they are accepted as a convenience.
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(DecimalText(Decimal::from(v)))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(DecimalText(Decimal::from(v)))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
                let v = float_words(v);
                Err(E::custom(format!(
                    "expected a decimal string, not the number {v}: write it in quotes, e.g. \"{v}\""
                )))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl Serialize for DecimalText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

#[cfg(feature = "cli")]
impl schemars::JsonSchema for DecimalText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DecimalText".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A decimal number written as a string, e.g. \"421336000\" or \"3.99\". No thousands separators or units. Amounts are at most 1000000000000 (£1 trillion) in size; rates are above -100 and at most 100 (percent).",
            "type": ["string", "integer"],
            "pattern": "^\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)\\s*$"
        })
    }
}

/// Rounds half away from zero, as councils round: the one rounding rule of the model.
pub fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Money as it leaves the engine: pounds rounded to the penny, always written with two
/// decimal places (`"421336000.00"`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Money(pub Decimal);

impl Money {
    pub fn from_exact(d: Decimal) -> Self {
        // Most figures are already whole pence; only those with more places need rounding.
        let mut r = if d.scale() > 2 { round2(d) } else { d };
        // A negative amount that rounds to nothing is nothing: "0.00", never "-0.00".
        if r.is_zero() {
            r = Decimal::ZERO;
        }
        r.rescale(2);
        Money(r)
    }
    pub fn value(self) -> Decimal {
        self.0
    }
    /// Whether it is £0.00 (for output fields left out when nothing).
    pub fn is_zero(&self) -> bool {
        self.0.is_zero()
    }
}

impl Money {
    /// The amount as text ("-1234.05"), written into `buf` from the whole number of pence
    /// with 64-bit arithmetic: `None` if it is not whole pence in an `i64` (never, for
    /// `from_exact` money within validation's bounds). Several times faster than going
    /// through `fmt` (`Decimal`'s own Display divides a 96-bit number for each digit), and
    /// most of a projection's JSON is money.
    fn pence_text(self, buf: &mut [u8; 24]) -> Option<&str> {
        let start = self.write_pence(buf)?;
        std::str::from_utf8(&buf[start..]).ok()
    }

    /// `pence_text`'s ASCII bytes, written at the end of `buf` (at least 22 bytes: an
    /// `i64`'s 19 digits, the point, a sign and a leading "0"); where they start.
    pub(crate) fn write_pence(self, buf: &mut [u8]) -> Option<usize> {
        if self.0.scale() != 2 || buf.len() < 22 {
            return None;
        }
        let pence = i64::try_from(self.0.mantissa()).ok()?;
        let mut rest = pence.unsigned_abs();
        // Two digits at a time from the right: the pence, the point, then the pounds (at
        // least "0"). Half the divisions of one digit at a time.
        let mut i = buf.len() - 2;
        buf[i..i + 2].copy_from_slice(two_digits(rest % 100));
        rest /= 100;
        i -= 1;
        buf[i] = b'.';
        while rest >= 100 {
            i -= 2;
            buf[i..i + 2].copy_from_slice(two_digits(rest % 100));
            rest /= 100;
        }
        if rest >= 10 {
            i -= 2;
            buf[i..i + 2].copy_from_slice(two_digits(rest));
        } else {
            i -= 1;
            buf[i] = b'0' + rest as u8;
        }
        if pence < 0 {
            i -= 1;
            buf[i] = b'-';
        }
        Some(i)
    }
}

/// "00" to "99": `n`'s two digits, for `n` below 100.
fn two_digits(n: u64) -> &'static [u8] {
    const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    let i = (n as usize % 100) * 2;
    &PAIRS[i..i + 2]
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.pence_text(&mut [0; 24]) {
            Some(text) => f.write_str(text),
            None => self.0.fmt(f),
        }
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // One string, not `collect_str`'s several writes through `fmt` (each escaped).
        match self.pence_text(&mut [0; 24]) {
            Some(text) => s.serialize_str(text),
            None => s.collect_str(self),
        }
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        DecimalText::deserialize(deserializer).map(|d| Money(d.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Money's own writer gives `Decimal`'s text for every amount of pence, at the
    /// edges too, and in JSON the same quoted string.
    #[test]
    fn money_is_written_as_decimal_writes_it() {
        let mut pence: Vec<i64> = vec![0, 1, -1, 5, -5, 9, 10, 99, 100, -100, 101, 12_345];
        pence.extend([i64::MAX, i64::MIN, i64::MIN + 1, 100_000_000_000_000]);
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..2_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            pence.push((x as i64) >> (x % 60));
        }
        for p in pence {
            let money = Money(Decimal::new(p, 2));
            let expected = Decimal::new(p, 2).to_string();
            assert_eq!(money.to_string(), expected, "{p} pence");
            let json = serde_json::to_string(&money).expect("writes");
            assert_eq!(json, format!("\"{expected}\""));
        }
        // Not whole pence (never made by `from_exact`): Decimal's own text.
        assert_eq!(Money(Decimal::new(12_345, 3)).to_string(), "12.345");
        assert_eq!(Money(Decimal::new(7, 0)).to_string(), "7");
    }

    #[test]
    fn parses_plain_decimals_and_refuses_the_rest() {
        assert_eq!(parse_decimal("3.99").unwrap(), Decimal::new(399, 2));
        assert_eq!(parse_decimal(" -12 ").unwrap(), Decimal::from(-12));
        assert_eq!(parse_decimal(".5").unwrap(), Decimal::new(5, 1));
        for bad in [
            "", "12,5m", "1e5", "£3", "1.2.3", ".", "-", "+", "--5", "+-1", "-.", "NaN", "3 4",
        ] {
            let e = parse_decimal(bad).unwrap_err();
            assert!(e.contains("not a number"), "{bad}: {e}");
        }
    }

    #[test]
    fn rounds_half_away_from_zero_not_to_even() {
        assert_eq!(round2(Decimal::new(12345, 3)), Decimal::new(1235, 2));
        assert_eq!(round2(Decimal::new(-12345, 3)), Decimal::new(-1235, 2));
        assert_eq!(round2(Decimal::new(12325, 3)), Decimal::new(1233, 2));
        assert_eq!(Money::from_exact(Decimal::from(5)).to_string(), "5.00");
        assert_eq!(Money::from_exact(Decimal::new(-4, 3)).to_string(), "0.00");
        assert_eq!(Money::from_exact(-Decimal::ZERO).to_string(), "0.00");
    }
}
