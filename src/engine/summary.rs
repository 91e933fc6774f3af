//! The projection's summary, derived from the walk's *exact* figures and rounded once (as
//! model.md §2 asks): a total of rounded yearly figures could be a penny or more off.

use super::{weekly_changes_between, Bands, Summary, YearResult};
use crate::error::Overflow;
use crate::model::Council;
use crate::number::Money;
use crate::scenario::Levers;
use crate::trace::{self, YearFigures};
use crate::words;

/// The summary of a projection: `figures` are the walk's exact years, `years` the same
/// years as named and rounded for output.
pub(super) fn summarise(
    council: &Council,
    levers: &Levers,
    figures: &[YearFigures],
    years: &[YearResult],
    base_bands: Option<&Bands>,
) -> Result<Summary, Overflow> {
    let cumulative_gap = trace::sum(
        figures.iter().map(|y| y.gap),
        Overflow::of("the cumulative gap"),
    )?;
    // The first year with the lowest exact total.
    let lowest = figures.iter().enumerate().reduce(|low, y| {
        if y.1.total_reserves < low.1.total_reserves {
            y
        } else {
            low
        }
    });
    let first_unfunded = figures.iter().position(YearFigures::is_unfunded);
    let first_below = figures.iter().position(|y| y.below_minimum);
    let referendum_years: Vec<usize> = (0..years.len()).filter(|&t| years[t].referendum).collect();
    let weekly_change_since_base = base_bands
        .and_then(|base| weekly_changes_between(base, years.last().map_or(base, |y| &y.bands)))
        .ok_or(Overflow::of("the weekly change in council tax"))?;
    Ok(Summary {
        cumulative_gap: Money::from_exact(cumulative_gap),
        lowest_total_reserves: lowest.map_or(Money::default(), |(_, y)| {
            Money::from_exact(y.total_reserves)
        }),
        lowest_total_reserves_year: lowest.map_or(String::new(), |(t, _)| council.years[t].clone()),
        first_unfunded_year: first_unfunded.map(|t| council.years[t].clone()),
        first_below_minimum_year: first_below.map(|t| council.years[t].clone()),
        referendum_years: referendum_years
            .iter()
            .map(|&t| council.years[t].clone())
            .collect(),
        final_band_d: years.last().map(|y| y.band_d).unwrap_or_default(),
        weekly_change_since_base,
        warnings: warnings(council, levers, figures, &referendum_years, first_below),
    })
}

/// The plain-English warnings: each referendum year, the first year below the safe
/// minimum, each year the money set aside to bridge gaps runs out, and a note when no
/// reserves are used.
fn warnings(
    council: &Council,
    levers: &Levers,
    figures: &[YearFigures],
    referendum_years: &[usize],
    first_below: Option<usize>,
) -> Vec<String> {
    let limits = &council.referendum;
    let mut out: Vec<String> = referendum_years
        .iter()
        .map(|&t| {
            words::referendum_warning(
                &council.years[t],
                levers.core_pct[t],
                levers.asc_pct[t],
                (limits.core_limit_pct[t], limits.asc_limit_pct[t]),
                limits.dispensation_pct[t],
            )
        })
        .collect();
    if let Some(t) = first_below {
        let y = &figures[t];
        out.push(words::below_minimum_warning(
            &council.years[t],
            y.minimum,
            y.total_reserves,
        ));
    }
    let unfunded: Vec<usize> = (0..figures.len())
        .filter(|&t| figures[t].is_unfunded())
        .collect();
    for &t in &unfunded {
        // A later year's unfunded amount includes the deficit carried from the year
        // before: the warning says so, and from which year.
        let carried = (t > 0 && figures[t].brought_forward >= rust_decimal::Decimal::new(5, 3))
            .then(|| (council.years[t - 1].as_str(), figures[t].brought_forward));
        out.push(words::unfunded_warning(
            &council.years[t],
            figures[t].unfunded,
            carried,
        ));
    }
    if !unfunded.is_empty() && !levers.use_reserves {
        out.push(words::no_reserves_warning());
    }
    out
}
