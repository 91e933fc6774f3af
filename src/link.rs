//! Scenario links: the choices that differ from the council's plan, written in a link's
//! fragment (after the `#`, which a browser never sends to a server). The one reader and
//! writer of the format: the page (through the binding), the CLI (`mtfs link`, `mtfs
//! --link`) and the response analysis all call it.
//!
//! ```text
//! #s2.c2020_2~dtt2019_80~r_0~ohwrc-charges_charge
//! ```
//!
//! Parts are `<key>_<value>`, joined by `~`, after a version. Keys:
//!
//! | key | lever | value |
//! |---|---|---|
//! | `c<year>`, `a<year>` | core rise, adult social care precept | percent |
//! | `t<year>` | tax base growth (s2) | percent |
//! | `i` | inflation adjustment, every year | percentage points |
//! | `i<year>` | inflation adjustment in one year (s2) | percentage points |
//! | `g<group>` | demand growth of a growth group | percent of the plan's growth |
//! | `f` | change in government funding (grants and business rates), every year | percent |
//! | `fg<year>`, `fb<year>`, `fo<year>` | change in government grant, business rates, other funding in one year (s2) | percent |
//! | `d<programme>`, `l<programme>` | delivery of a savings programme; its delay | percent; whole years |
//! | `x<year>`, `s<year>` | extra savings; extra spending (s2) | £ million |
//! | `r` | `r_0`: reserves are not used | 0 |
//! | `o<option>` | the level chosen for one of the council's options (s2) | a level id |
//!
//! `<year>` is a label's first calendar year ("2020/21" → `2020`); groups and programmes
//! are written in lower case with runs of other characters as `-`. Only letters, digits
//! and `-._~` appear, so a link survives email and chat. Version `s1` (the page's first
//! links) has the keys without "(s2)"; every `s1` link still opens as it did.

use crate::model::{Council, FundingKind, Scenario};
use crate::number::DecimalText;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::fmt;

/// The version this calculator writes.
pub const VERSION: &str = "s2";
/// The longest fragment read: a link holds only choices that differ from the plan, so a
/// few kilobytes is plenty; a longer one is refused before it is read.
pub const MAX_LENGTH: usize = 8_192;

/// A link that cannot be used, and why, in plain English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkProblem(pub String);

impl fmt::Display for LinkProblem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn problem<T>(words: impl Into<String>) -> Result<T, LinkProblem> {
    Err(LinkProblem(words.into()))
}

/// "2020/21" → "2020"; any other label, its letters and digits.
pub fn year_code(label: &str) -> String {
    let b = label.as_bytes();
    let council_year =
        b.len() == 7 && b[4] == b'/' && b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit);
    if council_year {
        label[..4].to_string()
    } else {
        slug(label)
    }
}

/// Lower case, with each run of other characters as one `-`, none at either end.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    if out.ends_with('-') {
        out.pop();
    }
    out
}

/// A decimal as a link writes it: an optional minus, up to nine digits each side.
fn link_decimal(value: &str) -> Option<Decimal> {
    let body = value.strip_prefix('-').unwrap_or(value);
    let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = |s: &str| s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit());
    let fine = digits(whole) && digits(frac) && !(whole.is_empty() && frac.is_empty());
    let fine = fine && (body.contains('.') != frac.is_empty());
    fine.then(|| crate::number::exact_decimal(value)).flatten()
}

/// What a link's key sets.
enum Target {
    Core(usize),
    Asc(usize),
    TaxBase(usize),
    Inflation(Option<usize>),
    Growth(String),
    Funding(Option<(FundingKind, usize)>),
    Delivery(String),
    Delay(String),
    ExtraSavings(usize),
    ExtraSpend(usize),
    Reserves,
    Choice(String),
}

/// The kinds the uniform `f` key changes: government money, not other income.
const GOVERNMENT: [FundingKind; 2] = [FundingKind::GovernmentGrant, FundingKind::BusinessRates];

fn funding_code(kind: FundingKind) -> &'static str {
    match kind {
        FundingKind::GovernmentGrant => "fg",
        FundingKind::BusinessRates => "fb",
        FundingKind::Other => "fo",
    }
}

/// What `key` names in this council, if anything (`s2` allows the newer keys).
fn target(council: &Council, key: &str, s2: bool) -> Option<Target> {
    let year = |code: &str| council.years.iter().position(|y| year_code(y) == code);
    let group = |code: &str| {
        council
            .services
            .iter()
            .filter_map(|s| s.growth_group.as_ref())
            .find(|g| slug(g) == code)
            .cloned()
    };
    let programme = |code: &str| {
        council
            .programmes
            .iter()
            .find(|p| slug(&p.id) == code)
            .map(|p| p.id.clone())
    };
    if key == "r" {
        return Some(Target::Reserves);
    }
    if key == "i" {
        return Some(Target::Inflation(None));
    }
    if key == "f" {
        return Some(Target::Funding(None));
    }
    if s2 {
        for kind in FundingKind::ALL {
            if let Some(code) = key.strip_prefix(funding_code(kind)) {
                return year(code).map(|t| Target::Funding(Some((kind, t))));
            }
        }
    }
    let (head, code) = key.split_at(key.chars().next()?.len_utf8());
    match (head, s2) {
        ("c", _) => year(code).map(Target::Core),
        ("a", _) => year(code).map(Target::Asc),
        ("g", _) => group(code).map(Target::Growth),
        ("d", _) => programme(code).map(Target::Delivery),
        ("l", _) => programme(code).map(Target::Delay),
        ("x", _) => year(code).map(Target::ExtraSavings),
        ("t", true) => year(code).map(Target::TaxBase),
        ("i", true) => year(code).map(|t| Target::Inflation(Some(t))),
        ("s", true) => year(code).map(Target::ExtraSpend),
        ("o", true) => council
            .options
            .iter()
            .any(|o| o.id == code)
            .then(|| Target::Choice(code.to_string())),
        _ => None,
    }
}

/// Reads a link's fragment (with or without the `#`, or a whole address) as a scenario
/// for this council. An empty fragment is the plan. The scenario still has to be checked
/// against the council (`Scenario::resolve`), as any scenario does.
pub fn decode(council: &Council, fragment: &str) -> Result<Scenario, LinkProblem> {
    if fragment.len() > MAX_LENGTH {
        return problem(crate::tr!(
            "The link is too long to be a link to a set of choices ({length} characters; a link holds at most {most}).",
            length = fragment.len(),
            most = MAX_LENGTH
        ));
    }
    let text = fragment
        .rsplit_once('#')
        .map_or(fragment, |(_, f)| f)
        .trim();
    if text.is_empty() {
        return Ok(Scenario::default());
    }
    let (version, body) = text.split_once('.').unwrap_or((text, ""));
    let numbered = version.len() > 1
        && version.starts_with('s')
        && version[1..].bytes().all(|b| b.is_ascii_digit());
    if !numbered {
        return problem(crate::tr!(
            "The link is not a link to a set of choices in this calculator."
        ));
    }
    if version != "s1" && version != VERSION {
        return problem(crate::tr!("The link was made by a different version of this calculator, which this calculator cannot read."));
    }
    if body.is_empty() {
        return problem(crate::tr!("The link is incomplete: it names no choices."));
    }
    let mut scenario = Scenario::default();
    let mut seen = BTreeMap::new();
    for part in body.split('~') {
        let Some((key, value)) = part
            .split_once('_')
            .filter(|(k, v)| !k.is_empty() && !v.is_empty())
        else {
            return problem(crate::tr!("Part of the link is missing or damaged."));
        };
        if seen.insert(key, ()).is_some() {
            return problem(crate::tr!("The link names the same choice twice."));
        }
        let Some(target) = target(council, key, version == VERSION) else {
            return problem(crate::tr!("The link names a choice, year, option or savings programme that is not in the council's plan."));
        };
        // Each part on its own must be a choice the council accepts, so a refusal can say
        // which part it is.
        let mut alone = Scenario::default();
        set(council, &mut alone, &target, value)?;
        if alone.resolve(council).is_err() {
            return problem(crate::tr!(
                "The link's value for {choice} ({value}) is outside what the calculator allows.",
                choice = words(council, &target),
                value = value
            ));
        }
        set(council, &mut scenario, &target, value)?;
    }
    Ok(scenario)
}

/// Sets what a key names to a link's value.
fn set(
    council: &Council,
    s: &mut Scenario,
    target: &Target,
    value: &str,
) -> Result<(), LinkProblem> {
    let year = |t: usize| council.years[t].clone();
    let every_year = |v: Decimal| -> BTreeMap<String, DecimalText> {
        council
            .years
            .iter()
            .map(|y| (y.clone(), DecimalText(v)))
            .collect()
    };
    if let Target::Choice(option) = &target {
        s.choices.insert(option.clone(), value.to_string());
        return Ok(());
    }
    if let Target::Reserves = *target {
        if value != "0" {
            return problem(crate::tr!(
                "The link's choice about reserves is not one the calculator knows."
            ));
        }
        s.use_reserves = Some(false);
        return Ok(());
    }
    let Some(v) = link_decimal(value) else {
        return problem(crate::tr!(
            "The link's value for {choice} is not a number.",
            choice = words(council, target)
        ));
    };
    let million = Decimal::from(1_000_000);
    match target {
        Target::Core(t) => _ = s.core_pct.insert(year(*t), DecimalText(v)),
        Target::Asc(t) => _ = s.asc_pct.insert(year(*t), DecimalText(v)),
        Target::TaxBase(t) => _ = s.tax_base_growth_pct.insert(year(*t), DecimalText(v)),
        Target::Inflation(None) => s.inflation_adjust_pp = every_year(v),
        Target::Inflation(Some(t)) => _ = s.inflation_adjust_pp.insert(year(*t), DecimalText(v)),
        Target::Growth(g) => {
            _ = s
                .growth_factor
                .insert(g.clone(), DecimalText(v / Decimal::ONE_HUNDRED))
        }
        Target::Funding(None) => {
            for kind in GOVERNMENT {
                if council.funding.iter().any(|f| f.kind == kind) {
                    s.funding_change_pct.insert(kind, every_year(v));
                }
            }
        }
        Target::Funding(Some((kind, t))) => {
            _ = s
                .funding_change_pct
                .entry(*kind)
                .or_default()
                .insert(year(*t), DecimalText(v))
        }
        Target::Delivery(p) => _ = s.delivery_pct.insert(p.clone(), DecimalText(v)),
        Target::Delay(p) => match u32::try_from(v.normalize().mantissa()) {
            Ok(years) if v.fract().is_zero() => _ = s.delay_years.insert(p.clone(), years),
            _ => {
                return problem(crate::tr!(
                "The link's value for {choice} ({value}) is outside what the calculator allows.",
                choice = words(council, target),
                value = value
            ))
            }
        },
        Target::ExtraSavings(t) => _ = s.extra_savings.insert(year(*t), DecimalText(v * million)),
        Target::ExtraSpend(t) => _ = s.extra_spend.insert(year(*t), DecimalText(v * million)),
        Target::Reserves | Target::Choice(_) => {}
    }
    Ok(())
}

/// A key's choice in words, for a message: the page's label for it, in lower case.
fn words(council: &Council, target: &Target) -> String {
    let year = |t: &usize| council.years[*t].clone();
    let programme = |id: &str| {
        council
            .programmes
            .iter()
            .find(|p| p.id == id)
            .map_or(id.to_string(), |p| p.name.clone())
    };
    match target {
        Target::Core(t) => crate::tr!("core council tax rise in {year}", year = year(t)),
        Target::Asc(t) => crate::tr!("adult social care precept in {year}", year = year(t)),
        Target::TaxBase(t) => crate::tr!("tax base growth in {year}", year = year(t)),
        Target::Inflation(_) => crate::tr!("extra inflation on all costs"),
        Target::Growth(g) => crate::tr!("{group} demand growth", group = g.replace('_', " ")),
        Target::Funding(_) => crate::tr!("change in government funding"),
        Target::Delivery(p) => crate::tr!(
            "share of the remaining {savings} delivered",
            savings = crate::words::savings_of(&programme(p))
        ),
        Target::Delay(p) => crate::tr!(
            "delay to {savings}",
            savings = crate::words::savings_of(&programme(p))
        ),
        Target::ExtraSavings(t) => crate::tr!("extra savings in {year}", year = year(t)),
        Target::ExtraSpend(t) => crate::tr!("extra spending in {year}", year = year(t)),
        Target::Reserves => crate::tr!("reserves"),
        Target::Choice(o) => crate::tr!("the option {option}", option = o),
    }
}

/// Writes a scenario as a link's fragment (`#s2.…`; "" for the plan itself): each lever
/// that differs from the council's plan, as a key. A scenario the format cannot hold (a
/// value with more than nine digits either side of the point, a growth group or
/// programme whose name the link cannot tell from another) is refused, saying what.
pub fn encode(council: &Council, scenario: &Scenario) -> Result<String, LinkProblem> {
    let with_choices = scenario.resolve(council).map_err(refused)?;
    encode_resolved(council, scenario, &with_choices)
}

fn refused(e: crate::DataError) -> LinkProblem {
    LinkProblem(format!("The choices cannot be written as a link: {e}"))
}

/// [`encode`] for a scenario the caller has already resolved (`with_choices` is
/// `scenario.resolve(council)`): a lever move's call projects and links the same scenario,
/// and resolves it once for both.
pub fn encode_resolved(
    council: &Council,
    scenario: &Scenario,
    with_choices: &crate::scenario::Levers,
) -> Result<String, LinkProblem> {
    // The full scenario must be one the council accepts (the caller's resolve says so);
    // the levers written are the scenario's own, since an option's level brings its levers
    // with it when read back. Those are the resolved ones unless a chosen level sets levers.
    let sets_levers = council
        .options
        .iter()
        .zip(&with_choices.choices)
        .any(|(option, &level)| option.levels[level].scenario.is_some());
    let levers = if sets_levers {
        let own = Scenario {
            choices: BTreeMap::new(),
            ..scenario.clone()
        };
        let mut levers = own.resolve(council).map_err(refused)?;
        levers.choices.clone_from(&with_choices.choices);
        std::borrow::Cow::Owned(levers)
    } else {
        std::borrow::Cow::Borrowed(with_choices)
    };
    let plan = crate::scenario::Levers::plan(council);
    let mut parts: Vec<String> = Vec::new();
    let mut put = |key: String, v: Decimal| -> Result<(), LinkProblem> {
        let text = v.normalize().to_string();
        if link_decimal(&text).is_none() {
            return problem(format!("The value {text} cannot be written in a link (at most nine digits either side of the point)."));
        }
        parts.push(format!("{key}_{text}"));
        Ok(())
    };
    let codes: Vec<String> = council.years.iter().map(|y| year_code(y)).collect();
    for (t, code) in codes.iter().enumerate() {
        if levers.core_pct[t] != plan.core_pct[t] {
            put(format!("c{code}"), levers.core_pct[t])?;
        }
        if levers.asc_pct[t] != plan.asc_pct[t] {
            put(format!("a{code}"), levers.asc_pct[t])?;
        }
        if levers.tax_base_growth_pct[t] != plan.tax_base_growth_pct[t] {
            put(format!("t{code}"), levers.tax_base_growth_pct[t])?;
        }
    }
    per_year(&levers.inflation_adjust_pp, "i", &codes, &mut put)?;
    for_groups(council, &levers, &mut put)?;
    funding(council, &levers, &codes, &mut put)?;
    for (p, prog) in council.programmes.iter().enumerate() {
        if levers.delivery_pct[p] != plan.delivery_pct[p] {
            put(format!("d{}", slug(&prog.id)), levers.delivery_pct[p])?;
        }
        if levers.delay_years[p] != plan.delay_years[p] {
            put(
                format!("l{}", slug(&prog.id)),
                Decimal::from(levers.delay_years[p]),
            )?;
        }
    }
    let million = Decimal::from(1_000_000);
    for (t, code) in codes.iter().enumerate() {
        if !levers.extra_savings[t].is_zero() {
            put(format!("x{code}"), levers.extra_savings[t] / million)?;
        }
        if !levers.extra_spend[t].is_zero() {
            put(format!("s{code}"), levers.extra_spend[t] / million)?;
        }
    }
    if !levers.use_reserves {
        parts.push("r_0".into());
    }
    for (option, &level) in council.options.iter().zip(&levers.choices) {
        if level != option.plan_level {
            parts.push(format!("o{}_{}", option.id, option.levels[level].id));
        }
    }
    Ok(if parts.is_empty() {
        String::new()
    } else {
        format!("#{VERSION}.{}", parts.join("~"))
    })
}

type Put<'a> = dyn FnMut(String, Decimal) -> Result<(), LinkProblem> + 'a;

/// A per-year lever: one key for every year when all years are the same, else one a year.
fn per_year(
    values: &[Decimal],
    key: &str,
    codes: &[String],
    put: &mut Put,
) -> Result<(), LinkProblem> {
    if values.iter().all(Decimal::is_zero) {
        return Ok(());
    }
    if values.iter().all(|v| *v == values[0]) {
        return put(key.to_string(), values[0]);
    }
    for (v, code) in values.iter().zip(codes) {
        if !v.is_zero() {
            put(format!("{key}{code}"), *v)?;
        }
    }
    Ok(())
}

/// Each growth group's factor, as a percentage of the plan's growth.
fn for_groups(
    council: &Council,
    levers: &crate::scenario::Levers,
    put: &mut Put,
) -> Result<(), LinkProblem> {
    let mut done: Vec<&str> = Vec::new();
    for (s, line) in council.services.iter().enumerate() {
        let Some(group) = line.growth_group.as_deref() else {
            continue;
        };
        if done.contains(&group) {
            continue;
        }
        done.push(group);
        let clash = council
            .services
            .iter()
            .filter_map(|l| l.growth_group.as_deref())
            .any(|g| g != group && slug(g) == slug(group));
        if levers.growth_factor[s] != Decimal::ONE {
            if clash {
                return problem(format!(
                    "The growth group {group:?} cannot be told apart from another in a link."
                ));
            }
            put(
                format!("g{}", slug(group)),
                levers.growth_factor[s] * Decimal::ONE_HUNDRED,
            )?;
        }
    }
    Ok(())
}

/// Funding changes: `f` when every government stream changes alike every year, else one
/// key per kind and year.
fn funding(
    council: &Council,
    levers: &crate::scenario::Levers,
    codes: &[String],
    put: &mut Put,
) -> Result<(), LinkProblem> {
    let of_kind = |kind: FundingKind| council.funding.iter().position(|f| f.kind == kind);
    let first = |kind| of_kind(kind).map(|f| levers.funding_change_pct[f].clone());
    let government: Vec<Vec<Decimal>> = GOVERNMENT.iter().filter_map(|&k| first(k)).collect();
    let other_zero = first(FundingKind::Other).map_or(true, |v| v.iter().all(Decimal::is_zero));
    let uniform = government
        .first()
        .is_some_and(|g| g.iter().all(|v| *v == g[0]) && government.iter().all(|h| h == g));
    if uniform && other_zero {
        let v = government[0][0];
        return if v.is_zero() {
            Ok(())
        } else {
            put("f".into(), v)
        };
    }
    for kind in FundingKind::ALL {
        if let Some(values) = first(kind) {
            for (v, code) in values.iter().zip(codes) {
                if !v.is_zero() {
                    put(format!("{}{code}", funding_code(kind)), *v)?;
                }
            }
        }
    }
    Ok(())
}
