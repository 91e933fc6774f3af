//! The back-test: where each outturn figure the risk model also simulates fell in the
//! plan's fan (its percentiles over the Monte Carlo's futures), and what the outturn
//! would have meant in the model's own terms.

use super::record::Unit;
use super::record::{Confidence, Fact, Outturn, OutturnYear};
use super::vintages::{fact_words, value_words};
use crate::engine;
use crate::error::DataError;
use crate::model::Council;
use crate::number::{round2, DecimalText};
use crate::risk::{Percentiles, SimulatedYear, Simulation};
use crate::scenario::Scenario;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The Monte Carlo the back-test runs, as `mtfs risk` and the page run it.
pub const PATHS: u32 = 10_000;
pub const SEED: u32 = 42;

/// Where one outturn figure fell in the fan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    pub year: String,
    /// The simulated figure: `gap`, `total_gap`, `unfunded` or `total_reserves`.
    pub figure: String,
    pub label: String,
    /// How the recorded figure is read as the model's.
    pub reading: String,
    pub outturn: Fact<DecimalText>,
    pub fan: Percentiles,
    /// `below_p5`, `p25_to_p50`, `at_p5`, `at_p5_to_p75`, `above_p95`, or `not_published`.
    pub band: String,
    /// Whether the outturn fell outside the 5th–95th percentile band (null: not published).
    pub outside_5_95: Option<bool>,
    pub words: String,
}

/// What the outturn means in the model's own terms: the plan's reserves meeting it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelTerms {
    pub year: String,
    /// The outturn's gap less the plan's, added to the plan's spending that year.
    pub extra_need: String,
    /// What the plan's own reserves would then have left unfunded.
    pub unfunded: String,
    pub words: String,
}

/// The chance, in the simulation, that the bridging money and balances had run out by a year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunsOut {
    pub year: String,
    pub pct: String,
}

/// One run of the back-test: a plan, its fan, and where the outturn fell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BackTestRun {
    /// `plan`: the data set's plan, as at its date.
    pub id: String,
    pub label: String,
    pub description: String,
    pub runs_out_by: Vec<RunsOut>,
    pub placements: Vec<Placement>,
    pub model_terms: Vec<ModelTerms>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BackTest {
    pub paths: u32,
    pub seed: u32,
    pub percentile_method: String,
    pub note: String,
    pub runs: Vec<BackTestRun>,
}

/// Runs the plan's Monte Carlo and places the outturn in its fan.
pub fn run(
    id: &str,
    label: &str,
    description: String,
    council: &Council,
    outturn: &Outturn,
    (paths, seed): (u32, u32),
) -> Result<BackTestRun, DataError> {
    let sim = crate::risk::simulate_scenario(council, &Scenario::default(), paths, seed)?;
    let mut placements = Vec::new();
    for y in &sim.years {
        let empty = OutturnYear::default();
        let record = outturn.years.get(&y.year).unwrap_or(&empty);
        placements.extend(year_placements(y, record));
    }
    Ok(BackTestRun {
        id: id.into(),
        label: label.into(),
        description,
        runs_out_by: runs_out(&sim),
        placements,
        model_terms: model_terms(council, outturn)?,
    })
}

fn runs_out(sim: &Simulation) -> Vec<RunsOut> {
    sim.years
        .iter()
        .map(|y| RunsOut {
            year: y.year.clone(),
            pct: y.unbalanced_by.pct.clone(),
        })
        .collect()
}

/// The four figures of a year the model also simulates.
fn year_placements(y: &SimulatedYear, record: &OutturnYear) -> Vec<Placement> {
    let gap = record
        .budget_gap
        .clone()
        .unwrap_or_else(|| missing("budget_gap"));
    let reserves = record
        .bbr_close
        .clone()
        .unwrap_or_else(|| missing("bbr_close"));
    let nothing_left = unfunded_fact(record);
    let share_funded = hundred_less(&y.unbalanced.pct);
    vec![
        place(y, "gap", "gap", &gap, GAP_READING, None),
        place(
            y,
            "total_gap",
            "gap plus savings shortfall",
            &gap,
            TOTAL_GAP_READING,
            None,
        ),
        place(
            y,
            "unfunded",
            "left unfunded",
            &nothing_left,
            UNFUNDED_READING,
            Some(format!(
                "; in {share_funded}% of futures nothing was left unfunded that year"
            )),
        ),
        place(
            y,
            "total_reserves",
            "reserves",
            &reserves,
            RESERVES_READING,
            None,
        ),
    ]
}

const GAP_READING: &str = "the deficit the budget met from the bridging reserve when it was set: the model's gap (net requirement less funding, after the savings the budget counted)";
const TOTAL_GAP_READING: &str = "the same deficit: what reserves had to cover. The model adds any savings shortfall; the programmes were delivered or early, so the outturn's is its gap";
const UNFUNDED_READING: &str = "a balanced budget was set, so nothing was left unfunded";
const RESERVES_READING: &str = "the bridging reserve alone, so a lower bound for the four reserves the model totals (bridging reserve, general balances, cash-flow support, cost of change)";

fn missing(id: &str) -> Fact<DecimalText> {
    Fact {
        value: None,
        confidence: Confidence::NotPublished,
        reason: Some(format!("the record has no {id} for this year")),
        ..Fact::derived(DecimalText(Decimal::ZERO), "outturn record")
    }
}

fn unfunded_fact(record: &OutturnYear) -> Fact<DecimalText> {
    match record.balanced_budget_set.as_ref() {
        Some(f) if f.usable() == Some(&true) => Fact::derived(
            DecimalText(Decimal::ZERO),
            format!("a balanced budget was set ({})", f.source),
        ),
        _ => missing("balanced_budget_set"),
    }
}

fn hundred_less(pct: &str) -> String {
    let p: Decimal = pct.parse().unwrap_or(Decimal::ZERO);
    let mut left = Decimal::ONE_HUNDRED - p;
    left.rescale(2);
    left.to_string()
}

fn fan(y: &SimulatedYear, figure: &str) -> Percentiles {
    match figure {
        "gap" => y.gap.clone(),
        "total_gap" => y.total_gap.clone(),
        "unfunded" => y.unfunded.clone(),
        _ => y.total_reserves.clone(),
    }
}

fn place(
    y: &SimulatedYear,
    figure: &str,
    label: &str,
    outturn: &Fact<DecimalText>,
    reading: &str,
    extra: Option<String>,
) -> Placement {
    let fan = fan(y, figure);
    let (band, outside, words) = match outturn.amount() {
        Some(v) => {
            let band = band(round2(v), &fan);
            let words = placement_words(&y.year, label, outturn, &band, &fan, extra);
            let outside = band == "below_p5" || band == "above_p95";
            (band, Some(outside), words)
        }
        None => (
            "not_published".to_string(),
            None,
            format!(
                "{} {label}: outturn not published ({})",
                y.year,
                outturn.reason.as_deref().unwrap_or("")
            ),
        ),
    };
    Placement {
        year: y.year.clone(),
        figure: figure.into(),
        label: label.into(),
        reading: reading.into(),
        outturn: outturn.clone(),
        fan,
        band,
        outside_5_95: outside,
        words,
    }
}

/// The percentiles as (p, value), lowest first.
fn points(f: &Percentiles) -> [(u8, Decimal); 5] {
    [
        (5, f.p5.value()),
        (25, f.p25.value()),
        (50, f.p50.value()),
        (75, f.p75.value()),
        (95, f.p95.value()),
    ]
}

/// Where `v` falls among the percentiles: below, above, at some, or between two.
pub fn band(v: Decimal, fan: &Percentiles) -> String {
    let p = points(fan);
    let at: Vec<u8> = p.iter().filter(|(_, x)| *x == v).map(|(n, _)| *n).collect();
    match (at.first(), at.last()) {
        (Some(a), Some(b)) if a == b => format!("at_p{a}"),
        (Some(a), Some(b)) => format!("at_p{a}_to_p{b}"),
        _ if v < p[0].1 => "below_p5".into(),
        _ if v > p[4].1 => "above_p95".into(),
        _ => {
            let low = p.iter().rev().find(|(_, x)| *x < v).map(|(n, _)| *n);
            let high = p.iter().find(|(_, x)| *x > v).map(|(n, _)| *n);
            format!("p{}_to_p{}", low.unwrap_or(5), high.unwrap_or(95))
        }
    }
}

fn nth(p: u8) -> String {
    format!("{p}th")
}

fn pct_value(fan: &Percentiles, p: u8) -> String {
    let v = points(fan)
        .iter()
        .find(|(n, _)| *n == p)
        .map_or(Decimal::ZERO, |(_, v)| *v);
    value_words(v, Unit::Pounds)
}

/// "2023/24 gap: outturn £58m is above the 95th percentile (£22.1m)".
fn placement_words(
    year: &str,
    label: &str,
    outturn: &Fact<DecimalText>,
    band: &str,
    fan: &Percentiles,
    extra: Option<String>,
) -> String {
    let o = fact_words(outturn, Unit::Pounds);
    let numbers: Vec<u8> = band
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|s| s.parse().ok())
        .collect();
    let place = match (band, numbers.as_slice()) {
        ("below_p5", _) => format!("below the 5th percentile ({})", pct_value(fan, 5)),
        ("above_p95", _) => format!("above the 95th percentile ({})", pct_value(fan, 95)),
        (b, [a]) if b.starts_with("at_") => {
            format!("at the {} percentile ({})", nth(*a), pct_value(fan, *a))
        }
        (b, [a, z]) if b.starts_with("at_") => {
            format!(
                "at the {} to {} percentiles (all {})",
                nth(*a),
                nth(*z),
                pct_value(fan, *a)
            )
        }
        (_, [a, z]) => format!(
            "between the {} ({}) and {} ({}) percentiles",
            nth(*a),
            pct_value(fan, *a),
            nth(*z),
            pct_value(fan, *z)
        ),
        _ => band.to_string(),
    };
    let bound = match outturn.qualifier {
        Some(q) if q.is_lower_bound() && band != "above_p95" => {
            " (a lower bound: it may be higher)"
        }
        _ => "",
    };
    format!(
        "{year} {label}: outturn {o} is {place}{bound}{}",
        extra.unwrap_or_default()
    )
}

/// For each year whose recorded gap is above the plan's: the plan's own reserves meeting
/// the outturn's gap, through the engine.
fn model_terms(council: &Council, outturn: &Outturn) -> Result<Vec<ModelTerms>, DataError> {
    let levers = Scenario::default().resolve(council)?;
    let plan = engine::project(council, &levers).map_err(|o| o.named(&council.years))?;
    let mut out = Vec::new();
    for (t, year) in council.years.iter().enumerate() {
        let Some(gap) = outturn
            .years
            .get(year)
            .and_then(|y| y.budget_gap.as_ref())
            .filter(|f| f.amount().is_some())
        else {
            continue;
        };
        let extra = gap.amount().unwrap_or_default() - plan.years[t].gap.value();
        if extra <= Decimal::ZERO {
            continue;
        }
        let mut more = levers.clone();
        more.extra_spend[t] += extra;
        let p = engine::project(council, &more).map_err(|o| o.named(&council.years))?;
        out.push(terms(year, gap, extra, p.years[t].unfunded.value()));
    }
    Ok(out)
}

fn terms(year: &str, gap: &Fact<DecimalText>, extra: Decimal, unfunded: Decimal) -> ModelTerms {
    let words = if unfunded.is_zero() {
        format!(
            "Met from the plan's own reserves, the {} the {year} budget needed would have been covered.",
            fact_words(gap, Unit::Pounds)
        )
    } else {
        format!(
            "Met from the plan's own reserves, the {} the {year} budget needed ({} more than the plan's gap) would have left {} unfunded: in the model's own terms, the bridging money and balances run out in {year}. It did not happen because the bridging reserve held one-off money the plan did not have.",
            fact_words(gap, Unit::Pounds),
            value_words(extra, Unit::Pounds),
            value_words(unfunded, Unit::Pounds)
        )
    };
    ModelTerms {
        year: year.into(),
        extra_need: crate::number::Money::from_exact(extra).to_string(),
        unfunded: crate::number::Money::from_exact(unfunded).to_string(),
        words,
    }
}
