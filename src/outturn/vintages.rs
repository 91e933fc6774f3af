//! How the forecast changed: the plan's vintages (each paper's figures for the same
//! measures) and the bridge from one vintage to the next, and the later gap forecasts.

use super::record::{unique, Check, Confidence, Fact, Note, Unit};
use crate::number::DecimalText;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A quantity the vintages state: "the next two-year budget gap".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub id: String,
    pub label: String,
    pub unit: Unit,
}

/// One vintage of the plan: the papers of a date and what they said.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Vintage {
    pub id: String,
    /// "June – September 2018".
    pub label: String,
    /// The vintage's (last) date: "2018-09".
    pub date: String,
    /// The papers: "seed 004: Cabinet 17 September 2018 …".
    pub papers: String,
    /// By measure id.
    pub figures: BTreeMap<String, Fact<DecimalText>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

/// A change between two vintages the figures alone do not show, in words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Revision {
    pub from: String,
    pub to: String,
    pub text: String,
    pub confidence: Confidence,
    pub source: String,
}

/// The vintages of the plan, oldest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Vintages {
    pub measures: Vec<Measure>,
    pub list: Vec<Vintage>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revisions: Vec<Revision>,
}

/// A later forecast of the budget gap.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GapForecast {
    /// "2022-02".
    pub date: String,
    /// "February 2022".
    pub label: String,
    /// The gap, pounds; its `period` says which years it covers.
    pub amount: Fact<DecimalText>,
}

impl Vintages {
    pub(crate) fn check(&self, c: &mut Check) {
        for (i, m) in self.measures.iter().enumerate() {
            c.text(&format!("vintages.measures[{i}].id"), &m.id, "an id");
            c.text(
                &format!("vintages.measures[{i}].label"),
                &m.label,
                "a label",
            );
        }
        unique(
            c,
            "vintages.measures",
            self.measures.iter().map(|m| m.id.as_str()),
        );
        unique(c, "vintages.list", self.list.iter().map(|v| v.id.as_str()));
        for (i, v) in self.list.iter().enumerate() {
            self.check_vintage(c, &format!("vintages.list[{i}]"), v);
        }
        for pair in self.list.windows(2) {
            if pair[1].date < pair[0].date {
                c.problem(
                    "vintages.list",
                    format!(
                        "list the vintages oldest first ({} is after {})",
                        pair[0].id, pair[1].id
                    ),
                );
            }
        }
        for (i, r) in self.revisions.iter().enumerate() {
            self.check_revision(c, &format!("vintages.revisions[{i}]"), r);
        }
    }

    fn check_vintage(&self, c: &mut Check, path: &str, v: &Vintage) {
        c.text(&format!("{path}.label"), &v.label, "a label");
        c.text(&format!("{path}.papers"), &v.papers, "the papers");
        c.date(&format!("{path}.date"), &v.date);
        for (id, f) in &v.figures {
            let fpath = format!("{path}.figures.{id}");
            match self.measure(id) {
                Some(m) => c.number(&fpath, f, m.unit),
                None => c.problem(
                    fpath,
                    format!("no measure has the id {id:?}: add it to vintages.measures"),
                ),
            }
        }
        for (i, n) in v.notes.iter().enumerate() {
            c.note(&format!("{path}.notes[{i}]"), n);
        }
    }

    fn check_revision(&self, c: &mut Check, path: &str, r: &Revision) {
        for (field, id) in [("from", &r.from), ("to", &r.to)] {
            if !self.list.iter().any(|v| &v.id == id) {
                c.problem(
                    format!("{path}.{field}"),
                    format!("no vintage has the id {id:?}"),
                );
            }
        }
        c.text(&format!("{path}.text"), &r.text, "the text");
        c.text(&format!("{path}.source"), &r.source, "a source");
    }

    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id == id)
    }
}

impl GapForecast {
    pub(crate) fn check(&self, c: &mut Check, path: &str) {
        c.date(&format!("{path}.date"), &self.date);
        c.text(&format!("{path}.label"), &self.label, "a label");
        c.number(&format!("{path}.amount"), &self.amount, Unit::Pounds);
        if self
            .amount
            .period
            .as_deref()
            .map_or(true, |p| p.trim().is_empty())
        {
            c.problem(
                format!("{path}.amount.period"),
                "say which years the gap covers",
            );
        }
    }
}

/// One measure from one vintage to the next.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub measure: String,
    pub label: String,
    pub unit: Unit,
    /// The earlier vintage's figure (absent: first stated in the later one).
    pub from: Option<Fact<DecimalText>>,
    /// The later vintage's figure (absent: not restated).
    pub to: Option<Fact<DecimalText>>,
    /// `to − from`, when both are given.
    pub change: Option<String>,
    pub words: String,
}

/// The bridge from one vintage to the next.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bridge {
    pub from: String,
    pub to: String,
    pub from_label: String,
    pub to_label: String,
    pub changes: Vec<Change>,
    /// The recorded revisions between the two, in words with their sources.
    pub revisions: Vec<Revision>,
}

/// The vintages as recorded and the bridges between consecutive ones.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VintageReport {
    pub measures: Vec<Measure>,
    pub vintages: Vec<Vintage>,
    pub bridges: Vec<Bridge>,
}

/// One step between consecutive gap forecasts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForecastStep {
    pub from: String,
    pub to: String,
    pub change: Option<String>,
    pub words: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GapForecastReport {
    pub forecasts: Vec<GapForecast>,
    pub steps: Vec<ForecastStep>,
}

/// The vintages with a bridge between each consecutive pair.
pub fn vintage_report(v: &Vintages) -> VintageReport {
    let bridges = v
        .list
        .windows(2)
        .map(|pair| bridge(v, &pair[0], &pair[1]))
        .collect();
    VintageReport {
        measures: v.measures.clone(),
        vintages: v.list.clone(),
        bridges,
    }
}

fn bridge(v: &Vintages, from: &Vintage, to: &Vintage) -> Bridge {
    let changes = v
        .measures
        .iter()
        .filter_map(|m| change(m, from.figures.get(&m.id), to.figures.get(&m.id)))
        .collect();
    let revisions = v
        .revisions
        .iter()
        .filter(|r| r.from == from.id && r.to == to.id)
        .cloned()
        .collect();
    Bridge {
        from: from.id.clone(),
        to: to.id.clone(),
        from_label: from.label.clone(),
        to_label: to.label.clone(),
        changes,
        revisions,
    }
}

fn change(
    m: &Measure,
    from: Option<&Fact<DecimalText>>,
    to: Option<&Fact<DecimalText>>,
) -> Option<Change> {
    let (a, b) = (from.and_then(Fact::amount), to.and_then(Fact::amount));
    let difference = a.zip(b).map(|(a, b)| b - a);
    let words = match (from, to) {
        (None, None) => return None,
        (Some(f), None) => format!("{}: {} — not restated", m.label, fact_words(f, m.unit)),
        (None, Some(t)) => format!("{}: first stated, {}", m.label, fact_words(t, m.unit)),
        (Some(f), Some(t)) => moved_words(&m.label, m.unit, f, t, difference),
    };
    Some(Change {
        measure: m.id.clone(),
        label: m.label.clone(),
        unit: m.unit,
        from: from.cloned(),
        to: to.cloned(),
        change: difference.map(|d| d.normalize().to_string()),
        words,
    })
}

/// "The next two-year budget gap: £140m (two years to 2019/20) → £80m (two years to
/// 2021/22), down £60m: a different period".
fn moved_words(
    label: &str,
    unit: Unit,
    from: &Fact<DecimalText>,
    to: &Fact<DecimalText>,
    difference: Option<Decimal>,
) -> String {
    let mut out = format!(
        "{label}: {} → {}",
        fact_words(from, unit),
        fact_words(to, unit)
    );
    if let Some(d) = difference {
        out.push_str(&format!(", {}", direction(d, unit)));
    }
    if let (Some(a), Some(b)) = (&from.period, &to.period) {
        if a != b {
            out.push_str(&format!(
                " (a different basis, {a} against {b}: not a revision of the same figure)"
            ));
        }
    }
    out
}

fn direction(d: Decimal, unit: Unit) -> String {
    let size = |d: Decimal| match unit {
        Unit::Percent => format!("{} points", d.normalize()),
        _ => value_words(d, unit),
    };
    match d.cmp(&Decimal::ZERO) {
        std::cmp::Ordering::Greater => format!("up {}", size(d)),
        std::cmp::Ordering::Less => format!("down {}", size(-d)),
        std::cmp::Ordering::Equal => "unchanged".into(),
    }
}

/// A fact as a reader sees it: "more than £98m (two years to 2021/22)", "not published".
pub fn fact_words(f: &Fact<DecimalText>, unit: Unit) -> String {
    let Some(v) = f.value else {
        return "not published".into();
    };
    let q = f.qualifier.map_or("", |q| q.words());
    let period = f
        .period
        .as_ref()
        .map_or(String::new(), |p| format!(" ({p})"));
    format!("{q}{}{period}", value_words(v.0, unit))
}

/// A value in its unit, in words: "£58m", "£1,460.25", "2.99%", "1,664".
pub fn value_words(v: Decimal, unit: Unit) -> String {
    match unit {
        Unit::Pounds => crate::words::money_words(v),
        Unit::Pence => {
            let mut p = crate::number::round2(v);
            p.rescale(2);
            format!("£{}", crate::words::group_thousands(&p.to_string()))
        }
        Unit::Percent => crate::words::pct_words(v),
        Unit::Number => crate::words::group_thousands(&v.normalize().to_string()),
    }
}

/// The gap forecasts with the step between each consecutive pair.
pub fn gap_forecast_report(forecasts: &[GapForecast]) -> GapForecastReport {
    let steps = forecasts
        .windows(2)
        .map(|pair| step(&pair[0], &pair[1]))
        .collect();
    GapForecastReport {
        forecasts: forecasts.to_vec(),
        steps,
    }
}

fn step(from: &GapForecast, to: &GapForecast) -> ForecastStep {
    let difference = from
        .amount
        .amount()
        .zip(to.amount.amount())
        .map(|(a, b)| b - a);
    let mut words = format!(
        "{} → {}: {} → {}",
        from.label,
        to.label,
        fact_words(&from.amount, Unit::Pounds),
        fact_words(&to.amount, Unit::Pounds)
    );
    match difference {
        Some(d) => words.push_str(&format!(", {}", direction(d, Unit::Pounds))),
        None => words.push_str(" (one of the two cannot be computed with)"),
    }
    if from.amount.period != to.amount.period {
        words.push_str("; the years covered differ");
    }
    ForecastStep {
        from: from.date.clone(),
        to: to.date.clone(),
        change: difference.map(|d| d.normalize().to_string()),
        words,
    }
}
