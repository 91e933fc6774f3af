//! How the plan fared, for residents: plain English built from the comparison, so every
//! figure in it is one the report shows beside its source.

use super::compare::{FigureComparison, ProgrammeComparison, YearComparison};
use super::record::{Fact, Timing, Unit};
use super::vintages::{fact_words, value_words};
use rust_decimal::Decimal;
use std::str::FromStr;

/// One sentence: how the plan fared.
pub fn headline(years: &[YearComparison]) -> String {
    let balanced = all_flags(years, "balanced_budget_set", true);
    let needed_more = years.iter().any(|y| more_than_plan(y, "budget_gap"));
    let reserve_higher = years.iter().any(|y| more_than_plan(y, "bbr_close"));
    let span = span(years);
    match (balanced, needed_more && reserve_higher) {
        (true, true) => format!(
            "Every budget from {span} was set balanced, but not as the plan expected: costs rose far more than it allowed, and one-off money it did not have filled the gap."
        ),
        (true, false) => format!("Every budget from {span} was set balanced."),
        _ => format!("Not every budget from {span} is recorded as set balanced."),
    }
}

/// A short paragraph: the outcome, the bridging money, the costs, the savings.
pub fn paragraph(years: &[YearComparison], programmes: &[ProgrammeComparison]) -> String {
    let mut out = vec![outcome(years)];
    out.extend(years.iter().find_map(reserve_sentence));
    out.extend(years.iter().find_map(gap_sentence));
    out.extend(savings_sentence(programmes));
    out.join(" ")
}

fn span(years: &[YearComparison]) -> String {
    match (years.first(), years.last()) {
        (Some(a), Some(b)) => format!("{} to {}", a.year, b.year),
        _ => String::new(),
    }
}

/// Every year's flag has this value (and is recorded).
fn all_flags(years: &[YearComparison], id: &str, value: bool) -> bool {
    !years.is_empty()
        && years.iter().all(|y| {
            y.flags
                .iter()
                .any(|f| f.id == id && f.outturn.usable() == Some(&value))
        })
}

fn row<'a>(y: &'a YearComparison, id: &str) -> Option<&'a FigureComparison> {
    y.figures.iter().find(|f| f.id == id)
}

fn decimal(text: Option<&str>) -> Option<Decimal> {
    text.and_then(|t| Decimal::from_str(t).ok())
}

fn more_than_plan(y: &YearComparison, id: &str) -> bool {
    row(y, id)
        .and_then(|f| decimal(f.variance.as_deref()))
        .is_some_and(|v| v > Decimal::ZERO)
}

fn outcome(years: &[YearComparison]) -> String {
    let mut s = format!("Every budget from {} was set balanced", span(years));
    if !all_flags(years, "balanced_budget_set", true) {
        s = format!(
            "Not every budget from {} is recorded as set balanced",
            span(years)
        );
    }
    if all_flags(years, "council_tax_at_maximum", true) {
        s.push_str(", with council tax up by the most allowed without a referendum each year");
    }
    if all_flags(years, "s114_notice", false) {
        s.push_str(", and no section 114 notice (the finance officer's formal notice that spending will exceed the money available) was issued");
    }
    s.push('.');
    s
}

/// "The bridging money, which the plan expected to be down to £5.2m, held more than £98m
/// by February 2023, because of one-off money the plan did not have."
fn reserve_sentence(y: &YearComparison) -> Option<String> {
    let f = row(y, "bbr_close")?;
    let plan = decimal(f.plan.as_deref())?;
    if !more_than_plan(y, "bbr_close") {
        return None;
    }
    Some(format!(
        "The bridging money, which the plan expected to be down to {} by the end of {}, held {}{}, because of one-off money (grants, underspends, transfers) that the plan did not have.",
        value_words(plan, Unit::Pounds),
        y.year,
        fact_words(&f.outturn, Unit::Pounds),
        when(&f.outturn)
    ))
}

/// " by February 2023" from a fact's date.
fn when<T>(f: &Fact<T>) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let Some(date) = &f.date else {
        return String::new();
    };
    let mut parts = date.split('-');
    let year = parts.next().unwrap_or("");
    let month = parts
        .next()
        .and_then(|m| m.parse::<usize>().ok())
        .and_then(|m| MONTHS.get(m.wrapping_sub(1)));
    match month {
        Some(m) => format!(" by {m} {year}"),
        None => format!(" by {year}"),
    }
}

/// "2023/24 needed £58m from it where the plan had none, because costs rose nearly £300m
/// in one year where the plan had £36.9m."
fn gap_sentence(y: &YearComparison) -> Option<String> {
    let f = row(y, "budget_gap")?;
    let plan = decimal(f.plan.as_deref())?;
    if !more_than_plan(y, "budget_gap") {
        return None;
    }
    let plan = match plan.is_zero() {
        true => "none".to_string(),
        false => value_words(plan, Unit::Pounds),
    };
    let mut s = format!(
        "The {} budget needed {} from the bridging money where the plan had {plan}",
        y.year,
        fact_words(&f.outturn, Unit::Pounds)
    );
    if let Some(c) = row(y, "cost_rise").filter(|c| c.outturn.usable().is_some()) {
        if let Some(p) = decimal(c.plan.as_deref()) {
            s.push_str(&format!(
                ", because costs rose {} in one year where the plan had {}",
                fact_words(&c.outturn, Unit::Pounds),
                value_words(p, Unit::Pounds)
            ));
        }
    }
    s.push('.');
    Some(s)
}

/// "Savings were broadly delivered: Tt2021 late, SP2023 early, at £80m against the plan's £40m."
fn savings_sentence(programmes: &[ProgrammeComparison]) -> Option<String> {
    let timed: Vec<(&ProgrammeComparison, Timing)> = programmes
        .iter()
        .filter(|p| p.plan_programme.is_some())
        .filter_map(|p| p.timing.usable().map(|t| (p, *t)))
        .collect();
    if timed.is_empty() {
        return None;
    }
    let failed = timed.iter().any(|(_, t)| *t == Timing::NotDelivered);
    let parts: Vec<String> = timed.iter().map(|(p, t)| programme_part(p, *t)).collect();
    let lead = match failed {
        true => "Some savings were not delivered",
        false => "Savings were broadly delivered (none is reported written off)",
    };
    Some(format!("{lead}: {}.", parts.join("; ")))
}

fn programme_part(p: &ProgrammeComparison, t: Timing) -> String {
    let short = &p.name;
    let plan = decimal(p.plan_target.as_deref());
    let target = p.target.usable().map(|v| v.0);
    match (plan, target) {
        (Some(plan), Some(target)) if target > plan => format!(
            "{short} {}, at {} against the plan's {}",
            t.words(),
            fact_words(&p.target, Unit::Pounds),
            value_words(plan, Unit::Pounds)
        ),
        _ => format!("{short} {}", t.words()),
    }
}
