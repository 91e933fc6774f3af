//! The council tax rules file (data/council-tax-rules.json) read and checked as data, with
//! path-precise messages (`nations.wales.bands[8]: ...`): every figure with its source or
//! a marked assumption, Band D at 1 and the ratios rising, percentages from 0 to 100,
//! years in order. build.rs turns the same file into the engine's constants
//! (src/nation.rs); tests/rules.rs checks that the two readings agree.

use crate::error::{DataError, Problem};
use crate::number::DecimalText;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The rules file as shipped, embedded for `mtfs rules` and the tests.
pub const RULES_JSON: &str = include_str!("../data/council-tax-rules.json");

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    pub about: String,
    pub nations: BTreeMap<String, NationRules>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationRules {
    pub name: String,
    /// "A 6/9": the band's letter and its ratio to Band D, lowest band first.
    pub bands: Vec<String>,
    pub bands_source: String,
    /// "referendum", "cap" or "none".
    pub rise_rule: String,
    pub asc_precept: bool,
    pub lever_max_pct: Provenanced,
    #[serde(default)]
    pub referendum: BTreeMap<String, YearPrinciples>,
    #[serde(default)]
    pub asc_windows: Vec<Window>,
}

/// A figure with where it comes from: a `source`, or an `assumption` said plainly.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenanced {
    pub value: DecimalText,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub assumption: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearPrinciples {
    pub core_limit_pct: DecimalText,
    pub asc_limit_pct: DecimalText,
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub from: String,
    pub to: String,
    pub max_total_pct: DecimalText,
    pub source: String,
}

/// A band "A 6/9" as (letter, numerator, denominator).
pub fn band(text: &str) -> Option<(&str, i64, i64)> {
    let (letter, ratio) = text.split_once(' ')?;
    let (n, d) = ratio.split_once('/')?;
    let (n, d) = (n.parse().ok()?, d.parse().ok()?);
    (!letter.is_empty() && n > 0 && d > 0).then_some((letter, n, d))
}

fn is_year(y: &str) -> bool {
    let b = y.as_bytes();
    b.len() == 7 && b[4] == b'/' && y[..4].parse::<u32>().is_ok() && y[5..].parse::<u32>().is_ok()
}

/// Reads and checks a rules file.
pub fn check(text: &str) -> Result<RulesFile, DataError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let file: RulesFile = serde_path_to_error::deserialize(&mut de)?;
    let mut problems = Vec::new();
    let mut problem = |path: String, message: String| problems.push(Problem::new(path, message));
    let pct = |v: Decimal| (Decimal::ZERO..=Decimal::ONE_HUNDRED).contains(&v) && v.scale() <= 2;
    for key in ["england", "wales", "scotland"] {
        if !file.nations.contains_key(key) {
            problem("nations".into(), format!("{key} is missing"));
        }
    }
    for (key, n) in &file.nations {
        let p = format!("nations.{key}");
        let mut previous: Option<(i64, i64)> = None;
        let mut has_d = false;
        for (i, b) in n.bands.iter().enumerate() {
            let Some((letter, num, den)) = band(b) else {
                problem(
                    format!("{p}.bands[{i}]"),
                    format!(
                        "a band and its ratio to Band D, like \"A 6/9\", is expected (got {b:?})"
                    ),
                );
                continue;
            };
            has_d |= letter == "D" && num == den;
            if let Some((pn, pd)) = previous {
                if pn * den >= num * pd {
                    problem(
                        format!("{p}.bands[{i}]"),
                        format!("each band's ratio must be above the one before (got {b:?})"),
                    );
                }
            }
            previous = Some((num, den));
        }
        if !has_d {
            problem(
                format!("{p}.bands"),
                "Band D must be there, at a ratio of 1 (\"D 9/9\")".into(),
            );
        }
        if !["referendum", "cap", "none"].contains(&n.rise_rule.as_str()) {
            problem(
                format!("{p}.rise_rule"),
                format!(
                    "\"referendum\", \"cap\" or \"none\" is expected (got {:?})",
                    n.rise_rule
                ),
            );
        }
        let m = &n.lever_max_pct;
        let given = [&m.source, &m.assumption]
            .iter()
            .filter(|s| s.as_deref().is_some_and(|s| !s.trim().is_empty()))
            .count();
        if given != 1 {
            problem(
                format!("{p}.lever_max_pct"),
                "give exactly one of source or assumption".into(),
            );
        }
        if !pct(m.value.0) || m.value.0.is_zero() {
            problem(
                format!("{p}.lever_max_pct.value"),
                format!(
                    "a percentage above 0, at most 100, to the hundredth, is expected (got {})",
                    m.value.0
                ),
            );
        }
        for (year, y) in &n.referendum {
            let yp = format!("{p}.referendum.{year}");
            if !is_year(year) {
                problem(yp.clone(), "a year like \"2020/21\" is expected".into());
            }
            for (field, v) in [
                ("core_limit_pct", y.core_limit_pct.0),
                ("asc_limit_pct", y.asc_limit_pct.0),
            ] {
                if !pct(v) {
                    problem(
                        format!("{yp}.{field}"),
                        format!(
                            "a percentage from 0 to 100, to the hundredth, is expected (got {v})"
                        ),
                    );
                }
            }
            if y.source.trim().is_empty() {
                problem(
                    format!("{yp}.source"),
                    "say where these principles come from".into(),
                );
            }
        }
        for (i, w) in n.asc_windows.iter().enumerate() {
            let wp = format!("{p}.asc_windows[{i}]");
            if !is_year(&w.from) || !is_year(&w.to) || w.from > w.to {
                problem(
                    wp.clone(),
                    format!(
                        "from and to are years like \"2017/18\", from not after to (got {} to {})",
                        w.from, w.to
                    ),
                );
            }
            if !pct(w.max_total_pct.0) {
                problem(
                    format!("{wp}.max_total_pct"),
                    format!(
                        "a percentage from 0 to 100, to the hundredth, is expected (got {})",
                        w.max_total_pct.0
                    ),
                );
            }
            if w.source.trim().is_empty() {
                problem(
                    format!("{wp}.source"),
                    "say where this cap comes from".into(),
                );
            }
        }
        if n.rise_rule != "referendum" && (!n.referendum.is_empty() || !n.asc_windows.is_empty()) {
            problem(
                format!("{p}.referendum"),
                format!(
                    "{} has no council tax referendums: remove its principles",
                    n.name
                ),
            );
        }
    }
    if problems.is_empty() {
        Ok(file)
    } else {
        Err(DataError { problems })
    }
}
