//! The comparison as table cells, the one copy: `mtfs outturn`'s table and the officer
//! view's plan-against-outturn tables (through the insight binding, `calculator.outturn`)
//! show each figure in the same words. A figure not published is "not published", never 0.

use super::compare::{confidence_words, FigureComparison, FlagComparison, YearComparison};
use super::record::{Confidence, Fact, Unit};
use super::vintages::{fact_words, value_words};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Said for a figure the record has no value for.
pub const NOT_PUBLISHED: &str = "not published";

/// One figure's cells.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FigureCells {
    pub id: String,
    /// The plan's figure in words ("£5.2m"); `None` where the plan has none.
    pub plan: Option<String>,
    /// What happened, with its qualifier ("about £86m"), or "not published".
    pub outturn: String,
    /// The confidence mark ("[D]") and its words ("derived").
    pub mark: String,
    pub confidence: String,
    /// The difference in words: "about £80.8m more", "as planned", "0.5 points less";
    /// `None` where either side has no figure.
    pub difference: Option<String>,
    /// The same, short, for a text table: "~+£80.8m", ">+£92.8m".
    pub difference_short: Option<String>,
}

/// A yes/no fact's cells.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlagCells {
    pub id: String,
    /// "yes", "no", or `None` where the plan says nothing.
    pub plan: Option<String>,
    /// "yes", "no" or "not published".
    pub outturn: String,
    pub mark: String,
    pub confidence: String,
}

/// A year's cells, in the comparison's order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearCells {
    pub year: String,
    pub figures: Vec<FigureCells>,
    pub flags: Vec<FlagCells>,
}

/// A plan figure (a decimal string) in its unit's words.
pub fn plan_words(text: &str, unit: Unit) -> String {
    Decimal::from_str(text).map_or(text.to_string(), |v| value_words(v, unit))
}

/// An outturn figure in words: "more than £98m", or "not published".
pub fn outturn_words(fact: &Fact<crate::number::DecimalText>, unit: Unit) -> String {
    match fact.value {
        Some(_) => fact_words(fact, unit),
        None => NOT_PUBLISHED.into(),
    }
}

fn size(v: Decimal, unit: Unit) -> String {
    match unit {
        Unit::Percent => format!(
            "{} {}",
            v.normalize(),
            if v == Decimal::ONE { "point" } else { "points" }
        ),
        _ => value_words(v, unit),
    }
}

/// The difference in words, read with the outturn's qualifier.
fn difference(v: Decimal, f: &FigureComparison) -> String {
    if v.is_zero() {
        return "as planned".into();
    }
    let q = f.outturn.qualifier.map_or("", |q| q.words());
    let way = if v > Decimal::ZERO { "more" } else { "less" };
    format!("{q}{} {way}", size(v.abs(), f.unit))
}

/// "~+£80.8m": `>` a lower bound, `~` approximate.
fn difference_short(v: Decimal, f: &FigureComparison) -> String {
    let sign = match v.cmp(&Decimal::ZERO) {
        std::cmp::Ordering::Greater => "+",
        std::cmp::Ordering::Less => "-",
        std::cmp::Ordering::Equal => "",
    };
    let q = f
        .outturn
        .qualifier
        .map_or("", |q| if q.is_lower_bound() { ">" } else { "~" });
    format!("{q}{sign}{}", value_words(v.abs(), f.unit))
}

fn mark(c: Confidence) -> (String, String) {
    (c.mark().into(), confidence_words(c).into())
}

/// One figure's cells.
pub fn figure_cells(f: &FigureComparison) -> FigureCells {
    let variance = f
        .variance
        .as_deref()
        .and_then(|v| Decimal::from_str(v).ok());
    let (mark, confidence) = mark(f.outturn.confidence);
    FigureCells {
        id: f.id.clone(),
        plan: f.plan.as_deref().map(|p| plan_words(p, f.unit)),
        outturn: outturn_words(&f.outturn, f.unit),
        mark,
        confidence,
        difference: variance.map(|v| difference(v, f)),
        difference_short: variance.map(|v| difference_short(v, f)),
    }
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.into()
}

/// A yes/no fact's cells.
pub fn flag_cells(f: &FlagComparison) -> FlagCells {
    let (mark, confidence) = mark(f.outturn.confidence);
    FlagCells {
        id: f.id.clone(),
        plan: f.plan.map(yes_no),
        outturn: f.outturn.value.map_or(NOT_PUBLISHED.into(), yes_no),
        mark,
        confidence,
    }
}

/// A year's cells.
pub fn year_cells(y: &YearComparison) -> YearCells {
    YearCells {
        year: y.year.clone(),
        figures: y.figures.iter().map(figure_cells).collect(),
        flags: y.flags.iter().map(flag_cells).collect(),
    }
}
