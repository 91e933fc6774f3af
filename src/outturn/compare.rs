//! The plan against the outturn, year by year: each recorded figure beside the plan's
//! (the engine's projection), the variance, and the variance explained in words.

use super::record::{
    Confidence, Fact, Note, Outturn, OutturnYear, ProgrammeOutturn, ShockKind, Timing, Unit,
    FIGURES, FLAGS,
};
use super::vintages::{fact_words, value_words};
use crate::engine::{Projection, ReserveResult, YearResult};
use crate::model::Council;
use crate::number::{DecimalText, Money};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// One figure of a year: the plan's, the outturn's, and the difference.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FigureComparison {
    pub id: String,
    pub label: String,
    pub unit: Unit,
    /// The plan's figure (the engine's projection of the data set); null where the plan
    /// has none (the year is beyond it, or it does not model the figure).
    pub plan: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_note: Option<String>,
    pub outturn: Fact<DecimalText>,
    /// Outturn less plan, where both are given (read with the outturn's qualifier).
    pub variance: Option<String>,
    pub words: String,
}

/// A yes/no fact of a year, beside the plan's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlagComparison {
    pub id: String,
    pub label: String,
    /// What the plan expected (null where it says nothing).
    pub plan: Option<bool>,
    pub outturn: Fact<bool>,
}

/// A year: the plan against what happened, with the variance explained.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearComparison {
    pub year: String,
    /// Whether the year is in the plan's horizon (otherwise context: no plan figures).
    pub in_plan: bool,
    pub figures: Vec<FigureComparison>,
    pub flags: Vec<FlagComparison>,
    /// The variance in words, where the data allows.
    pub explanation: Vec<String>,
    pub events: Vec<Note>,
}

/// A savings programme: the record beside the plan's programme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeComparison {
    pub id: String,
    pub name: String,
    pub title: String,
    pub plan_programme: Option<String>,
    /// The plan year whose figures are shown (the due year, or the plan's first year).
    pub plan_year: Option<String>,
    /// The plan's cumulative target and delivery in that year (its service lines).
    pub plan_target: Option<String>,
    pub plan_delivered: Option<String>,
    pub due: String,
    pub target: Fact<DecimalText>,
    pub delivered: Fact<DecimalText>,
    pub timing: Fact<Timing>,
    pub words: String,
    pub events: Vec<Note>,
}

/// The plan's projection a comparison reads (the data set's plan, as at its date).
pub struct Plans<'a> {
    pub council: &'a Council,
    pub modelled: &'a Projection,
}

/// A plan year compared.
pub fn plan_year(plans: &Plans, outturn: &Outturn, t: usize) -> YearComparison {
    let year = &plans.council.years[t];
    let empty = OutturnYear::default();
    let y = outturn.years.get(year).unwrap_or(&empty);
    let mut figures: Vec<FigureComparison> = FIGURES
        .iter()
        .filter_map(|k| {
            let fact = y.figure(k.id)?;
            let (plan, note) = plan_figure(plans, outturn, t, k.id);
            Some(figure(k.id, k.label, k.unit, plan, note, fact))
        })
        .collect();
    figures.push(unfunded(plans.modelled.years[t].unfunded.value(), y));
    let flags = flags(y, Some(&plans.modelled.years[t]));
    let explanation = explain(year, &figures, outturn);
    YearComparison {
        year: year.clone(),
        in_plan: true,
        figures,
        flags,
        explanation,
        events: y.events.clone(),
    }
}

/// A year after the plan's horizon: the record alone.
pub fn context_year(year: &str, y: &OutturnYear, outturn: &Outturn) -> YearComparison {
    let figures: Vec<FigureComparison> = FIGURES
        .iter()
        .filter_map(|k| {
            let fact = y.figure(k.id)?;
            let note = Some("beyond the plan's horizon".to_string());
            Some(figure(k.id, k.label, k.unit, None, note, fact))
        })
        .collect();
    let explanation = explain(year, &figures, outturn);
    YearComparison {
        year: year.to_string(),
        in_plan: false,
        figures,
        flags: flags(y, None),
        explanation,
        events: y.events.clone(),
    }
}

/// The plan's figure for a recorded figure, or why it has none.
fn plan_figure(
    plans: &Plans,
    outturn: &Outturn,
    t: usize,
    id: &str,
) -> (Option<Decimal>, Option<String>) {
    let y = &plans.modelled.years[t];
    let reserve = |id: &str| y.reserves.iter().find(|r| r.id == id);
    let bbr = reserve(&outturn.plan.bridging_reserve);
    let general = outturn.plan.general_balances.as_deref().and_then(reserve);
    let value = match id {
        "band_d" => Some(y.band_d.value()),
        "core_pct" => Decimal::from_str(&y.core_pct).ok(),
        "asc_pct" => Decimal::from_str(&y.asc_pct).ok(),
        "cost_rise" => Some(spending_rise(plans, t)),
        "budget_gap" => Some(y.gap.value()),
        "bbr_draw_planned" => bbr.map(planned_draw),
        "bbr_close" => bbr.map(|r| r.closing.value()),
        "general_balances_close" => general.map(|r| r.closing.value()),
        _ => None,
    };
    let note = match id {
        "in_year_variance" => {
            Some("the plan does not model spending against the budget in the year".into())
        }
        "cost_rise" => Some(
            "the plan's spending on its service lines (excluding schools) less the year before's"
                .into(),
        ),
        "budget_gap" => Some(
            "the plan's gap: net requirement less funding, before any savings shortfall".into(),
        ),
        _ if value.is_none() => Some("the plan's data set has no such figure".into()),
        _ => None,
    };
    (value, note)
}

/// What the plan draws on a reserve in the year: its automatic draw and planned use.
fn planned_draw(r: &ReserveResult) -> Decimal {
    r.draw.value() + r.planned_out.value()
}

/// The plan's spending less the year before's (the base year's budgets for the first year).
fn spending_rise(plans: &Plans, t: usize) -> Decimal {
    let spend = plans.modelled.years[t].spend.value();
    let before = match t {
        0 => plans.council.services.iter().map(|s| s.base).sum(),
        _ => plans.modelled.years[t - 1].spend.value(),
    };
    spend - before
}

fn figure(
    id: &str,
    label: &str,
    unit: Unit,
    plan: Option<Decimal>,
    plan_note: Option<String>,
    fact: &Fact<DecimalText>,
) -> FigureComparison {
    let variance = plan.zip(fact.amount()).map(|(p, o)| o - p);
    FigureComparison {
        id: id.to_string(),
        label: label.to_string(),
        unit,
        plan: plan.map(|p| shown(p, unit)),
        plan_note,
        outturn: fact.clone(),
        variance: variance.map(|v| shown(v, unit)),
        words: variance_words(unit, plan, fact, variance),
    }
}

/// A plan figure as the JSON shows it: money to the penny, rates as given.
fn shown(v: Decimal, unit: Unit) -> String {
    match unit {
        Unit::Pounds | Unit::Pence => Money::from_exact(v).to_string(),
        Unit::Percent | Unit::Number => v.normalize().to_string(),
    }
}

/// "more than £98m against the plan's £5.2m: more than £92.8m more".
fn variance_words(
    unit: Unit,
    plan: Option<Decimal>,
    fact: &Fact<DecimalText>,
    variance: Option<Decimal>,
) -> String {
    let outturn = fact_words(fact, unit);
    if fact.value.is_none() {
        let reason = fact.reason.as_deref().unwrap_or("");
        return format!("not published: {reason}");
    }
    let (Some(p), Some(v)) = (plan, variance) else {
        return match (plan, fact.confidence) {
            (_, Confidence::Unverified) => format!("{outturn} (unverified: not compared)"),
            _ => format!("{outturn}; no plan figure"),
        };
    };
    if v.is_zero() {
        return format!("{outturn}, as planned");
    }
    let q = fact.qualifier.map_or("", |q| q.words());
    let more = if v > Decimal::ZERO { "more" } else { "less" };
    format!(
        "{outturn} against the plan's {}: {q}{} {more}",
        value_words(p, unit),
        value_words(v.abs(), unit)
    )
}

/// Nothing was left unfunded in a year the council set a balanced budget.
fn unfunded(plan: Decimal, y: &OutturnYear) -> FigureComparison {
    let balanced = y.balanced_budget_set.as_ref();
    let fact = match balanced.and_then(|f| f.usable()) {
        Some(true) => Fact::derived(
            DecimalText(Decimal::ZERO),
            format!(
                "a balanced budget was set ({}), so nothing was left unfunded",
                balanced.map_or("", |f| f.source.as_str())
            ),
        ),
        _ => Fact {
            value: None,
            confidence: Confidence::NotPublished,
            reason: Some("the record does not say a balanced budget was set".into()),
            ..Fact::derived(DecimalText(Decimal::ZERO), "balanced_budget_set")
        },
    };
    let note = Some("what the plan's reserves could not cover (model.md §5)".to_string());
    figure(
        "unfunded",
        "Left unfunded after reserves",
        Unit::Pounds,
        Some(plan),
        note,
        &fact,
    )
}

fn flags(y: &OutturnYear, plan: Option<&YearResult>) -> Vec<FlagComparison> {
    FLAGS
        .iter()
        .filter_map(|&(id, label)| {
            let outturn = y.flag(id)?.clone();
            let plan = plan.and_then(|p| match id {
                "balanced_budget_set" => Some(p.unfunded.value().is_zero()),
                "s114_notice" => Some(false),
                _ => None,
            });
            Some(FlagComparison {
                id: id.to_string(),
                label: label.to_string(),
                plan,
                outturn,
            })
        })
        .collect()
}

/// The variance in words, figure by figure, where the data allows.
fn explain(year: &str, figures: &[FigureComparison], outturn: &Outturn) -> Vec<String> {
    let row = |id: &str| figures.iter().find(|f| f.id == id);
    let mut out = Vec::new();
    out.extend(row("cost_rise").and_then(|f| cost_words(year, f)));
    out.extend(row("budget_gap").and_then(gap_words));
    out.extend(row("bbr_close").and_then(|f| reserve_words(f, outturn, year)));
    out.extend(row("band_d").and_then(|f| band_d_words(f, figures, outturn)));
    out.extend(shock_words(outturn, year));
    out
}

/// Both figures known: (outturn words, plan words, difference words).
fn both(f: &FigureComparison) -> Option<(String, String, String)> {
    let plan = Decimal::from_str(f.plan.as_deref()?).ok()?;
    let v = Decimal::from_str(f.variance.as_deref()?).ok()?;
    let q = f.outturn.qualifier.map_or("", |q| q.words());
    let q = if q == "nearly " { "about " } else { q };
    Some((
        fact_words(&f.outturn, f.unit),
        value_words(plan, f.unit),
        format!("{q}{}", value_words(v.abs(), f.unit)),
    ))
}

fn cost_words(year: &str, f: &FigureComparison) -> Option<String> {
    let (outturn, plan, diff) = both(f)?;
    Some(format!(
        "Costs rose {outturn} in {year}, where the plan's spending rose {plan}: {diff} more than planned ({}).",
        confidence_words(f.outturn.confidence)
    ))
}

fn gap_words(f: &FigureComparison) -> Option<String> {
    let (outturn, plan, _) = both(f)?;
    let v = Decimal::from_str(f.variance.as_deref()?).ok()?;
    if v <= Decimal::ZERO {
        return None;
    }
    let plan = if plan == "£0" {
        "none".to_string()
    } else {
        plan
    };
    Some(format!(
        "The budget needed {outturn} of one-off money from the bridging reserve where the plan needed {plan} ({}).",
        confidence_words(f.outturn.confidence)
    ))
}

fn reserve_words(f: &FigureComparison, outturn: &Outturn, year: &str) -> Option<String> {
    let (held, plan, diff) = both(f)?;
    let v = Decimal::from_str(f.variance.as_deref()?).ok()?;
    if v <= Decimal::ZERO {
        return Some(format!(
            "The bridging reserve held {held} where the plan expected {plan}: {diff} less."
        ));
    }
    let inflows = one_off_titles(outturn, year);
    let why = if inflows.is_empty() {
        String::new()
    } else {
        format!(": one-off money the plan did not have ({inflows})")
    };
    Some(format!(
        "The bridging reserve held {held} where the plan expected {plan}, {diff} more{why} ({}).",
        confidence_words(f.outturn.confidence)
    ))
}

/// The one-off money recorded up to `year`: "Covid-19 emergency grants, £70m; …".
fn one_off_titles(outturn: &Outturn, year: &str) -> String {
    outturn
        .shocks
        .iter()
        .filter(|s| s.kind == ShockKind::OneOffMoney && s.year.as_str() <= year)
        .map(|s| format!("{}, {}", s.title, fact_words(&s.amount, Unit::Pounds)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Band D against the plan's, when they differ by more than rounding: the rise allowed
/// was not what the plan's date knew.
fn band_d_words(
    f: &FigureComparison,
    figures: &[FigureComparison],
    outturn: &Outturn,
) -> Option<String> {
    let v = Decimal::from_str(f.variance.as_deref()?).ok()?;
    if v.abs() < Decimal::ONE {
        return None;
    }
    let (held, plan, diff) = both(f)?;
    let more = if v > Decimal::ZERO { "more" } else { "less" };
    let rises = |pick: fn(&FigureComparison) -> Option<String>| -> Option<String> {
        let core = figures.iter().find(|f| f.id == "core_pct").and_then(pick)?;
        let asc = figures.iter().find(|f| f.id == "asc_pct").and_then(pick)?;
        Some(format!("{core}% + {asc}%"))
    };
    let actual = rises(|f| f.outturn.usable().map(|v| v.0.normalize().to_string()));
    let planned = rises(|f| f.plan.clone());
    let why = match (actual, planned) {
        (Some(a), Some(p)) if a != p => format!(
            ": the rise set was {a} where the plan, knowing only the limits of {}, assumed {p}",
            outturn.plan.vintage
        ),
        _ => String::new(),
    };
    Some(format!(
        "Band D was {held} where the plan had {plan}, {diff} {more}{why}."
    ))
}

fn shock_words(outturn: &Outturn, year: &str) -> Vec<String> {
    outturn
        .shocks
        .iter()
        .filter(|s| s.year == year)
        .map(|s| {
            let amount = match s.amount.value {
                Some(_) => format!(
                    "{} ({})",
                    fact_words(&s.amount, Unit::Pounds),
                    confidence_words(s.amount.confidence)
                ),
                None => format!(
                    "£ not published ({})",
                    s.amount.reason.as_deref().unwrap_or("")
                ),
            };
            format!("{}: {amount}. {}", s.title, s.in_model)
        })
        .collect()
}

pub fn confidence_words(c: Confidence) -> &'static str {
    match c {
        Confidence::Council => "council paper",
        Confidence::Press => "press report",
        Confidence::Derived => "derived",
        Confidence::Unverified => "unverified",
        Confidence::NotPublished => "not published",
    }
}

/// Each recorded programme beside the plan's.
pub fn programmes(plans: &Plans, outturn: &Outturn) -> Vec<ProgrammeComparison> {
    outturn
        .programmes
        .iter()
        .map(|p| programme(plans, p))
        .collect()
}

fn programme(plans: &Plans, p: &ProgrammeOutturn) -> ProgrammeComparison {
    let years = &plans.council.years;
    let t = years
        .iter()
        .position(|y| *y == p.due)
        .or_else(|| (p.due.as_str() < years[0].as_str()).then_some(0));
    let result = p.plan_programme.as_ref().zip(t).and_then(|(id, t)| {
        let y = &plans.modelled.years[t];
        y.programmes.iter().find(|r| &r.id == id).map(|r| (t, r))
    });
    let plan_target = result.map(|(_, r)| r.target.to_string());
    ProgrammeComparison {
        id: p.id.clone(),
        name: p.name.clone(),
        title: p.title.clone(),
        plan_programme: p.plan_programme.clone(),
        plan_year: result.map(|(t, _)| years[t].clone()),
        plan_delivered: result.map(|(_, r)| r.delivered.to_string()),
        words: programme_words(p, result.map(|(_, r)| r.target.value())),
        plan_target,
        due: p.due.clone(),
        target: p.target.clone(),
        delivered: p.delivered.clone(),
        timing: p.timing.clone(),
        events: p.events.clone(),
    }
}

/// "SP2023 (Savings Programme to 2023): target £80m by 2023/24 against the plan's £40m;
/// delivered early; £ delivered not published."
fn programme_words(p: &ProgrammeOutturn, plan_target: Option<Decimal>) -> String {
    let target = fact_words(&p.target, Unit::Pounds);
    let plan = plan_target.map_or(String::new(), |t| {
        format!(
            " against the plan's {} (its service lines)",
            value_words(t, Unit::Pounds)
        )
    });
    let timing = match p.timing.usable() {
        Some(t) => format!("delivered {}", t.words()),
        None => "timing not published".into(),
    };
    let delivered = match p.delivered.value {
        Some(_) => format!("£ delivered: {}", fact_words(&p.delivered, Unit::Pounds)),
        None => "£ delivered not published".into(),
    };
    format!(
        "{} ({}): target {target} by {}{plan}; {timing}; {delivered}.",
        p.name, p.title, p.due
    )
}
