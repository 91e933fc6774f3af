//! Figures in words, GOV.UK style ("£12.4m", "2.99%", "2022/23"), and the sentences of
//! the summary's warnings. Plain values in, text out: nothing here knows the engine.

use rust_decimal::{Decimal, RoundingStrategy};

/// Money as people read it: "£12.4m" from £1m up, otherwise "£412,000" to the pound.
pub fn money_words(amount: Decimal) -> String {
    let sign = if amount.is_sign_negative() && !amount.is_zero() {
        "-"
    } else {
        ""
    };
    let a = amount.abs();
    let million = Decimal::from(1_000_000);
    let (figure, unit) = if a >= million {
        let m = millions(a).round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
        (m, "m")
    } else {
        let pounds = a.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
        (pounds, "")
    };
    // Normalized, a whole number of millions has no ".0" ("£40m").
    let digits = plain_text(figure);
    let mut out = String::with_capacity(digits.len() + 8);
    out.push_str(sign);
    out.push('£');
    push_grouped(&mut out, &digits);
    out.push_str(unit);
    out
}

/// `a / 1,000,000`: the same digits six places further right where that is exact
/// (the `Decimal` division gives the same value, far more slowly), else the division.
fn millions(a: Decimal) -> Decimal {
    let shifted = a.scale().checked_add(6).filter(|&s| s <= 28);
    shifted
        .and_then(|scale| Decimal::try_from_i128_with_scale(a.mantissa(), scale).ok())
        .unwrap_or_else(|| a / Decimal::from(1_000_000))
}

/// `d.normalize().to_string()` ("2.5", "-0.25", "4"), written from the digits in 64-bit
/// arithmetic where they fit: `Decimal`'s Display divides a 96-bit number for each digit.
/// Percentages in a projection's output are written with it.
pub fn plain_text(d: Decimal) -> String {
    let d = d.normalize();
    let (Ok(mut rest), scale) = (u64::try_from(d.mantissa().unsigned_abs()), d.scale()) else {
        return d.to_string();
    };
    // At most 28 places, a "0." before them, 20 digits of a u64 and a sign.
    let mut buf = [0u8; 52];
    let mut i = buf.len();
    let mut place = 0;
    loop {
        if place == scale && place > 0 {
            i -= 1;
            buf[i] = b'.';
        }
        i -= 1;
        buf[i] = b'0' + (rest % 10) as u8;
        rest /= 10;
        place += 1;
        if rest == 0 && place > scale {
            break;
        }
    }
    if d.is_sign_negative() {
        i -= 1;
        buf[i] = b'-';
    }
    match std::str::from_utf8(&buf[i..]) {
        Ok(text) => text.to_owned(),
        Err(_) => d.to_string(),
    }
}

/// "1234567.5" → "1,234,567.5".
pub fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    push_grouped(&mut out, digits);
    out
}

/// `group_thousands`, onto the end of `out`.
fn push_grouped(out: &mut String, digits: &str) {
    let (whole, frac) = digits
        .split_once('.')
        .map_or((digits, None), |(w, f)| (w, Some(f)));
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
}

/// A percentage as people write it: "2.99%", "4%".
pub fn pct_words(p: Decimal) -> String {
    let mut out = plain_text(p);
    out.push('%');
    out
}

/// "Transformation to 2021 savings" from a programme's name, without doubling a name that
/// already ends in "savings" ("Efficiency savings", not "Efficiency savings savings").
pub fn savings_of(name: &str) -> String {
    let name = name.trim();
    let ends_in_savings = name
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(|last| last.eq_ignore_ascii_case("savings"));
    if ends_in_savings {
        name.to_string()
    } else {
        crate::tr!("{name} savings", name = name)
    }
}

/// A year that needs a referendum, in words: "A council tax rise of 5% in 2021/22 (3%
/// core and 2% adult social care) would need a local referendum: …". `dispensation` is
/// the year's government-agreed total limit; otherwise the core and ASC limits apply.
pub fn referendum_warning(
    year: &str,
    core: Decimal,
    asc: Decimal,
    limits: (Decimal, Decimal),
    dispensation: Option<Decimal>,
) -> String {
    let (core_limit, asc_limit) = limits;
    let rule = match dispensation {
        Some(d) => crate::tr!(
            "the government agreed a limit of {limit} in total",
            limit = pct_words(d)
        ),
        None => crate::tr!(
            "the limit is a core rise below {core} and a total below {total}",
            core = pct_words(core_limit),
            total = pct_words(core_limit + asc_limit)
        ),
    };
    crate::tr!(
        "A council tax rise of {rise} in {year} ({core} core and {asc} adult social care) would need a local referendum: {rule}.",
        rise = pct_words(core + asc),
        year = year,
        core = pct_words(core),
        asc = pct_words(asc),
        rule = rule
    )
}

/// A rise above Scotland's cap, refused: "A rise of 4% in 2021/22 is above the
/// government's cap of 3% on council tax rises: a Scottish council cannot set it; choose
/// 3% or less."
pub fn above_cap(year: &str, rise: Decimal, cap: Decimal) -> String {
    crate::tr!(
        "a rise of {rise} in {year} is above the government's cap of {cap} on council tax rises: a Scottish council cannot set it; choose {cap} or less",
        rise = pct_words(rise),
        year = year,
        cap = pct_words(cap)
    )
}

/// "Reserves fall below the council's safe minimum of £40m in 2022/23, to £31.2m."
pub fn below_minimum_warning(year: &str, minimum: Decimal, total: Decimal) -> String {
    crate::tr!(
        "Reserves fall below the council's safe minimum of {minimum} in {year}, to {total}.",
        minimum = money_words(minimum),
        year = year,
        total = money_words(total)
    )
}

/// "In 2022/23 the reserves set aside to fill budget gaps run out: £12.4m is left
/// unfunded, …". What the model computes, not "the council cannot balance its budget":
/// a council then finds further savings, other reserves or new one-off money.
/// A deficit carried from the year before (`carried`: that year and the amount) is
/// still owed, so it is named: "In 2021/22 £32.6m is still unfunded, including the
/// deficit of £77.1m carried from 2020/21, …".
pub fn unfunded_warning(year: &str, unfunded: Decimal, carried: Option<(&str, Decimal)>) -> String {
    match carried {
        None => crate::tr!(
            "In {year} the reserves set aside to fill budget gaps run out: {amount} is left unfunded, which the council would have to find from further savings, other reserves or new one-off money.",
            year = year,
            amount = money_words(unfunded)
        ),
        Some((from, carried)) => crate::tr!(
            "In {year} {amount} is still unfunded, including the deficit of {carried} carried from {from}, which the council would have to find from further savings, other reserves or new one-off money.",
            year = year,
            amount = money_words(unfunded),
            carried = money_words(carried),
            from = from
        ),
    }
}

/// What a council does when the money it has set aside to bridge gaps runs out, and what a
/// section 114 notice is: said wherever the model's "runs out" event is (the page's risk
/// section, the briefing, the embed's messages, `mtfs risk`). The page's first visit
/// carries a copy (www/core/words.js, `RUNS_OUT_NOTE`), checked equal by tests/words.rs.
pub const RUNS_OUT_NOTE: &str = "When the money set aside to bridge gaps runs out, the council still has to set a balanced budget. It would then need further savings, other reserves (money earmarked for other purposes) or new one-off money, such as a government grant. Only if it found no way to do that would its chief finance officer issue a section 114 notice, which stops all new spending except on essential services until the council agrees a way forward. Such notices are rare: well under 1 in 100 councils a year.";

/// [`RUNS_OUT_NOTE`] in the language spoken.
pub fn runs_out_note() -> String {
    crate::language::tr(RUNS_OUT_NOTE, &[])
}

/// [`NO_RESERVES_WARNING`] in the language spoken.
pub fn no_reserves_warning() -> String {
    crate::language::tr(NO_RESERVES_WARNING, &[])
}

/// Said when a scenario that uses no reserves leaves something unfunded.
pub const NO_RESERVES_WARNING: &str = "This scenario uses no reserves, so every gap must be met by savings or income in the same year.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_programme_named_savings_is_not_savings_savings() {
        assert_eq!(savings_of("Tt2021"), "Tt2021 savings");
        assert_eq!(savings_of("Efficiency savings"), "Efficiency savings");
        assert_eq!(savings_of("Back-office Savings "), "Back-office Savings");
        assert_eq!(savings_of("Savings-led plan"), "Savings-led plan savings");
    }

    /// `money_words` as it was first written (one `Decimal` division, `format!`), to
    /// check the faster one against.
    fn money_words_by_division(amount: Decimal) -> String {
        let sign = if amount.is_sign_negative() && !amount.is_zero() {
            "-"
        } else {
            ""
        };
        let a = amount.abs();
        let million = Decimal::from(1_000_000);
        if a >= million {
            let m = (a / million).round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
            let m = if m.fract().is_zero() { m.trunc() } else { m };
            format!("{sign}£{}m", group_thousands(&m.normalize().to_string()))
        } else {
            let pounds = a.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
            format!(
                "{sign}£{}",
                group_thousands(&pounds.normalize().to_string())
            )
        }
    }

    #[test]
    fn money_words_are_the_divisions() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut values = vec![
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(9_999_995, 1),
            Decimal::new(-1_049_999, 0),
        ];
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mantissa = i128::from((x as i64) >> (x % 64)) << ((x >> 6) % 32);
            if let Ok(d) = Decimal::try_from_i128_with_scale(mantissa, (x >> 12) as u32 % 29) {
                values.push(d);
            }
        }
        for d in values {
            assert_eq!(money_words(d), money_words_by_division(d), "{d:?}");
            assert_eq!(pct_words(d), format!("{}%", d.normalize()));
        }
    }

    /// `plain_text` is `Decimal`'s own normalized text for every value, at the edges too.
    #[test]
    fn plain_text_is_decimals_normalized_text() {
        let mut values = vec![
            Decimal::ZERO,
            -Decimal::ZERO,
            Decimal::new(-0, 5),
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(1, 28),
            Decimal::new(-1, 28),
            Decimal::new(i64::MAX, 0),
            Decimal::new(i64::MIN, 3),
            Decimal::from_i128_with_scale(u64::MAX as i128, 10),
            Decimal::from_i128_with_scale(u64::MAX as i128 + 1, 10),
        ];
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..5_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mantissa = ((x as i64) >> (x % 64)) as i128 * if x % 5 == 0 { 1 << 30 } else { 1 };
            values.push(Decimal::from_i128_with_scale(
                mantissa,
                (x >> 8) as u32 % 29,
            ));
        }
        for d in values {
            assert_eq!(plain_text(d), d.normalize().to_string(), "{d:?}");
        }
    }

    #[test]
    fn money_reads_as_people_write_it() {
        assert_eq!(money_words(Decimal::new(12_400_000, 0)), "£12.4m");
        assert_eq!(money_words(Decimal::new(12_449_999, 0)), "£12.4m");
        assert_eq!(money_words(Decimal::new(12_450_000, 0)), "£12.5m");
        assert_eq!(money_words(Decimal::new(40_000_000, 0)), "£40m");
        assert_eq!(money_words(Decimal::new(1_694_179_000, 0)), "£1,694.2m");
        assert_eq!(money_words(Decimal::new(412_000, 0)), "£412,000");
        assert_eq!(money_words(Decimal::new(-6_756_000, 0)), "-£6.8m");
        assert_eq!(money_words(Decimal::new(50, 2)), "£1");
    }
}
