//! How the plan fared, for residents: plain words built from the comparison, so every
//! figure in it is one the report shows beside its source. In the language spoken (the
//! resident's page shows it in Welsh too: docs/welsh.md); the officer's report around it
//! stays English.

use super::compare::{FigureComparison, ProgrammeComparison, YearComparison};
use super::record::Qualifier;
use super::record::{Fact, Timing, Unit};
use super::vintages::value_words;
use crate::number::DecimalText;
use crate::tr;
use rust_decimal::Decimal;
use std::str::FromStr;

/// One sentence: how the plan fared.
pub fn headline(years: &[YearComparison]) -> String {
    let balanced = all_flags(years, "balanced_budget_set", true);
    let needed_more = years.iter().any(|y| more_than_plan(y, "budget_gap"));
    let reserve_higher = years.iter().any(|y| more_than_plan(y, "bbr_close"));
    let span = span(years);
    match (balanced, needed_more && reserve_higher) {
        (true, true) => tr!(
            "Every budget from {span} was set balanced, but not as the plan expected: costs rose far more than it allowed, and one-off money it did not have filled the gap.",
            span = span
        ),
        (true, false) => tr!("Every budget from {span} was set balanced.", span = span),
        _ => tr!(
            "Not every budget from {span} is recorded as set balanced.",
            span = span
        ),
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
        (Some(a), Some(b)) => tr!("{first} to {last}", first = a.year, last = b.year),
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
    let mut s = tr!(
        "Every budget from {span} was set balanced",
        span = span(years)
    );
    if !all_flags(years, "balanced_budget_set", true) {
        s = tr!(
            "Not every budget from {span} is recorded as set balanced",
            span = span(years)
        );
    }
    if all_flags(years, "council_tax_at_maximum", true) {
        s.push_str(&tr!(
            ", with council tax up by the most allowed without a referendum each year"
        ));
    }
    if all_flags(years, "s114_notice", false) {
        s.push_str(&tr!(", and no section 114 notice (the finance officer's formal notice that spending will exceed the money available) was issued"));
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
    Some(tr!(
        "The bridging money, which the plan expected to be down to {plan} by the end of {year}, held {held}{when}, because of one-off money (grants, underspends, transfers) that the plan did not have.",
        plan = value_words(plan, Unit::Pounds),
        year = y.year,
        held = fact_words(&f.outturn, Unit::Pounds),
        when = when(&f.outturn)
    ))
}

/// " by February 2023" from a fact's date.
fn when<T>(f: &Fact<T>) -> String {
    let Some(date) = &f.date else {
        return String::new();
    };
    let mut parts = date.split('-');
    let year = parts.next().unwrap_or("");
    let month = parts
        .next()
        .and_then(|m| m.parse::<u32>().ok())
        .filter(|m| (1..=12).contains(m))
        .map(crate::data::branding::month_name);
    match month {
        Some(month) => tr!(" by {month} {year}", month = month, year = year),
        None => tr!(" by {year}", year = year),
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
        true => tr!("none"),
        false => value_words(plan, Unit::Pounds),
    };
    let mut s = tr!(
        "The {year} budget needed {needed} from the bridging money where the plan had {plan}",
        year = y.year,
        needed = fact_words(&f.outturn, Unit::Pounds),
        plan = plan
    );
    if let Some(c) = row(y, "cost_rise").filter(|c| c.outturn.usable().is_some()) {
        if let Some(p) = decimal(c.plan.as_deref()) {
            s.push_str(&tr!(
                ", because costs rose {rise} in one year where the plan had {plan}",
                rise = fact_words(&c.outturn, Unit::Pounds),
                plan = value_words(p, Unit::Pounds)
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
    let parts = parts.join("; ");
    Some(match failed {
        true => tr!("Some savings were not delivered: {parts}.", parts = parts),
        false => tr!(
            "Savings were broadly delivered (none is reported written off): {parts}.",
            parts = parts
        ),
    })
}

fn programme_part(p: &ProgrammeComparison, t: Timing) -> String {
    let short = &p.name;
    let plan = decimal(p.plan_target.as_deref());
    let target = p.target.usable().map(|v| v.0);
    match (plan, target) {
        (Some(plan), Some(target)) if target > plan => tr!(
            "{programme} {timing}, at {target} against the plan's {plan}",
            programme = short,
            timing = timing_words(t),
            target = fact_words(&p.target, Unit::Pounds),
            plan = value_words(plan, Unit::Pounds)
        ),
        _ => tr!(
            "{programme} {timing}",
            programme = short,
            timing = timing_words(t)
        ),
    }
}

/// A programme's timing in words, in the language spoken (record.rs's words are the
/// officer's English).
fn timing_words(t: Timing) -> String {
    match t {
        Timing::Early => tr!("early"),
        Timing::OnPlan => tr!("on plan"),
        Timing::Late => tr!("late"),
        Timing::NotDelivered => tr!("not delivered"),
    }
}

/// A published figure in words, in the language spoken: "more than £98m (2022/23)", as
/// vintages.rs's `fact_words` writes it for the officer in English.
fn fact_words(f: &Fact<DecimalText>, unit: Unit) -> String {
    let Some(v) = f.value else {
        return tr!("not published");
    };
    let value = value_words(v.0, unit);
    let with = match f.qualifier {
        None => value,
        Some(Qualifier::About) => tr!("about {value}", value = value),
        Some(Qualifier::Nearly) => tr!("nearly {value}", value = value),
        Some(Qualifier::MoreThan) => tr!("more than {value}", value = value),
        Some(Qualifier::AtLeast) => tr!("at least {value}", value = value),
    };
    match &f.period {
        Some(p) => format!("{with} ({p})"),
        None => with,
    }
}
