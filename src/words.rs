//! The summary and its plain-English warnings (GOV.UK style: "£12.4m", "2022/23").

use crate::engine::{Summary, YearResult};
use crate::model::Council;
use crate::number::Money;
use crate::scenario::Levers;
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

/// "1234567.5" → "1,234,567.5".
pub fn group_thousands(digits: &str) -> String {
    let (whole, frac) = digits
        .split_once('.')
        .map_or((digits, None), |(w, f)| (w, Some(f)));
    let mut out = String::new();
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
    out
}

fn pct_words(p: Decimal) -> String {
    format!("{}%", p.normalize())
}

pub(crate) fn summarise(council: &Council, years: &[YearResult], levers: &Levers) -> Summary {
    let cumulative_gap: Decimal = years.iter().map(|y| y.gap.value()).sum();
    let lowest = years.iter().min_by_key(|y| y.total_reserves);
    let first_unfunded = years.iter().find(|y| y.unfunded.value() > Decimal::ZERO);
    let first_below = years.iter().find(|y| y.below_minimum);
    let referendum_years: Vec<&YearResult> = years.iter().filter(|y| y.referendum).collect();

    let mut warnings = Vec::new();
    for y in &referendum_years {
        let t = council.year_index(&y.year).unwrap_or(0);
        let (core, asc) = (levers.core_pct[t], levers.asc_pct[t]);
        let limits = &council.referendum;
        let rule = match limits.dispensation_pct[t] {
            Some(d) => format!("the government agreed a limit of {} in total", pct_words(d)),
            None => format!(
                "the limit is a core rise below {} and a total below {}",
                pct_words(limits.core_limit_pct[t]),
                pct_words(limits.core_limit_pct[t] + limits.asc_limit_pct[t])
            ),
        };
        warnings.push(format!(
            "A council tax rise of {} in {} ({} core and {} adult social care) would need a local referendum: {rule}.",
            pct_words(core + asc),
            y.year,
            pct_words(core),
            pct_words(asc)
        ));
    }
    if let Some(y) = first_below {
        warnings.push(format!(
            "Reserves fall below the council's safe minimum of {} in {}, to {}.",
            money_words(y.reserves_minimum.value()),
            y.year,
            money_words(y.total_reserves.value())
        ));
    }
    for y in years.iter().filter(|y| y.unfunded.value() > Decimal::ZERO) {
        warnings.push(format!(
            "The council could not balance its budget in {}: {} would be unfunded even after using its reserves.",
            y.year,
            money_words(y.unfunded.value())
        ));
    }
    if first_unfunded.is_some() && !levers.use_reserves {
        warnings.push("This scenario uses no reserves, so every gap must be met by savings or income in the same year.".to_string());
    }

    Summary {
        cumulative_gap: Money::from_exact(cumulative_gap),
        lowest_total_reserves: lowest.map(|y| y.total_reserves).unwrap_or_default(),
        lowest_total_reserves_year: lowest.map(|y| y.year.clone()).unwrap_or_default(),
        first_unfunded_year: first_unfunded.map(|y| y.year.clone()),
        first_below_minimum_year: first_below.map(|y| y.year.clone()),
        referendum_years: referendum_years.iter().map(|y| y.year.clone()).collect(),
        final_band_d: years.last().map(|y| y.band_d).unwrap_or_default(),
        weekly_change_since_base: crate::engine::weekly_changes(
            council.council_tax.band_d,
            years
                .last()
                .map_or(council.council_tax.band_d, |y| y.band_d.value()),
        ),
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
