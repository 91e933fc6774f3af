//! The invariants, each a named check that records a [`Violation`] rather than panicking.
//! The harness's own arithmetic is checked (`checked_*`): where it cannot compute a
//! figure, that check is skipped for the input, never turned into a false finding.
//!
//! Money in the output is rounded to the penny item by item, so an identity between n
//! rounded items may be out by n halfpennies and no more (as tests/properties.rs allows).

use mtfs::drivers::{Drivers, Setting};
use mtfs::engine::{Projection, YearResult};
use mtfs::goal::{self, GoalSeek};
use mtfs::model::Council;
use mtfs::number::Money;
use mtfs::risk::{Percentiles, Simulation};
use mtfs::scenario::Levers;
use mtfs::{DataError, Scenario};
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;

/// An invariant that did not hold, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub check: String,
    pub detail: String,
}

fn violation(out: &mut Vec<Violation>, check: impl Into<String>, detail: impl Into<String>) {
    out.push(Violation {
        check: check.into(),
        detail: detail.into(),
    });
}

/// model.md's one rounding rule, written here again rather than borrowed from the engine.
fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Half a penny for each rounded term.
fn slack(terms: usize) -> Decimal {
    Decimal::new(5, 3) * Decimal::from(terms)
}

fn sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values
        .into_iter()
        .try_fold(Decimal::ZERO, |s, v| s.checked_add(v))
}

/// Whether `a` and `b` are within `tolerance` (`None`: too large for the harness to say).
fn near(a: Decimal, b: Decimal, tolerance: Decimal) -> Option<bool> {
    a.checked_sub(b).map(|d| d.abs() <= tolerance)
}

// ---------------------------------------------------------------------------------------
// The readers.

/// The CLI's reader (`load_data_json`) and the binding's route (the object written as text,
/// read by the browser's reader, src/json_reader.rs, then validated) accept the same data sets.
pub fn readers_agree_on_data(cli: bool, tree: bool, out: &mut Vec<Violation>) {
    if cli != tree {
        let word = |ok: bool| if ok { "accepted" } else { "refused" };
        violation(
            out,
            "the CLI's reader and the browser's agree on a data set",
            format!(
                "load_data_json {} it, the browser's reader (json_reader::read) + validate {} it",
                word(cli),
                word(tree)
            ),
        );
    }
}

/// Both routes read the same scenario from the same JSON (or both refuse it).
pub fn readers_agree_on_scenario(
    cli: &Option<Scenario>,
    tree: &Option<Scenario>,
    out: &mut Vec<Violation>,
) {
    if cli != tree {
        violation(
            out,
            "the CLI's reader and the browser's agree on a scenario",
            format!("scenario_from_json: {cli:?}; json_reader::read: {tree:?}"),
        );
    }
}

/// `project_scenario` resolves the scenario first: what it projects, `resolve` accepts.
pub fn projected_means_resolved(projected: bool, resolved: bool, out: &mut Vec<Violation>) {
    if projected && !resolved {
        violation(
            out,
            "a scenario project_scenario accepts resolves",
            "project_scenario gave a projection for a scenario Scenario::resolve refused",
        );
    }
}

// ---------------------------------------------------------------------------------------
// Money: every money figure in every result is "-?digits.dd".

/// Keys whose strings are money (`mtfs::number::Money`), worked out from the result types
/// (src/engine.rs, src/risk.rs, src/goal.rs, src/drivers.rs). A key here may also hold an
/// object of money (`bands`, a Monte Carlo year's `gap` percentiles), or null (an
/// `Option<Money>`).
pub const MONEY: &[&str] = &[
    // engine::YearResult, ServiceResult, FundingResult, ProgrammeResult, ReserveResult
    "budget",
    "spend",
    "removed_savings",
    "net_requirement",
    "deficit_brought_forward",
    "overspend",
    "ring_fenced_reserves",
    "restated_band_d",
    "capitalisation",
    "capitalisation_cost",
    "band_d",
    "band_d_change",
    "tax_base",
    "council_tax",
    "collection_fund",
    "other_funding",
    "amount",
    "funding",
    "gap",
    "target",
    "delivered",
    "shortfall",
    "total_gap",
    "opening",
    "planned_in",
    "planned_out",
    "draw",
    "credit",
    "closing",
    "total_reserves",
    "reserves_minimum",
    "unfunded",
    // engine::Bands (the nation's bands: Wales has I)
    "I",
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "G",
    "H",
    // engine::Summary
    "cumulative_gap",
    "lowest_total_reserves",
    "final_band_d",
    // risk::Percentiles
    "p5",
    "p25",
    "p50",
    "p75",
    "p95",
    // drivers::Waterfall, LeverSwing
    "previous_net_budget",
    "net_budget",
    "previous_gap",
    "swing",
    "unfunded_swing",
    // The council's options (issue 11, on main): a year's `chosen_options`, an answer's
    // yearly `effect`. Absent from results without options.
    "chosen_options",
    "effect",
];

/// Keys whose strings are not money: names, years, words, rates and percentages.
pub const NOT_MONEY: &[&str] = &[
    // engine::Projection.nation, YearResult.rise_cap_pct (a percentage)
    "nation",
    "rise_cap_pct",
    // Projection.rise_lever_max_pct (a percentage); LeverSwing.limit_words (words)
    "rise_lever_max_pct",
    "limit_words",
    "council",
    "base_year",
    "year",
    "id",
    "name",
    "kind",
    "service",
    "core_pct",
    "asc_pct",
    "total_pct",
    "lowest_total_reserves_year",
    "first_unfunded_year",
    "first_below_minimum_year",
    "percentile_method",
    "pct",
    "first_unsafe_year",
    "beyond_limit_pp",
    "message",
    "from_year",
    "lever",
    "label",
    "value",
    // The council's options (issue 11): names of an option and its level.
    "option",
    "title",
    "level",
    // Issue 16: other earmarked reserves, in words.
    "provenance",
    "note",
    "in_simulation",
    // The risk's runway (issue 16): years the bridging money runs out.
    "year_p5",
    "year_p50",
    "year_p95",
    "scenario_year",
    // lists of words or rates
    "warnings",
    "referendum_years",
    "lawful_max_pct",
];

/// Keys holding a scenario fragment (`goal::apply`'s `change`): levers, not money; the
/// reapply checks read them.
pub const SCENARIO: &[&str] = &["change"];

/// Money as the engine writes it: an optional minus, whole pounds without leading zeros,
/// a point and exactly two digits.
pub fn is_money(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let Some((whole, pence)) = body.split_once('.') else {
        return false;
    };
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && (whole == "0" || !whole.starts_with('0'))
        && pence.len() == 2
        && pence.bytes().all(|b| b.is_ascii_digit())
}

/// Checks every string of a result: money keys must hold money; every other string must
/// be under a key known not to be money, so a new field cannot slip by unchecked.
/// Returns how many money figures were checked.
pub fn money(result: &Value, what: &str, out: &mut Vec<Violation>) -> usize {
    let mut checked = 0;
    let mut found = Vec::new();
    walk(
        result,
        None,
        &mut String::new(),
        what,
        &mut found,
        &mut checked,
    );
    // One violation per check, naming the first few places.
    let mut checks: Vec<&String> = found.iter().map(|v| &v.check).collect();
    checks.dedup();
    checks.sort();
    checks.dedup();
    for check in checks {
        let places: Vec<&str> = found
            .iter()
            .filter(|v| &v.check == check)
            .map(|v| v.detail.as_str())
            .collect();
        let more = match places.len() {
            n if n > 3 => format!(" (and {} more)", n - 3),
            _ => String::new(),
        };
        violation(
            out,
            check.clone(),
            format!("{}{more}", places[..places.len().min(3)].join("; ")),
        );
    }
    checked
}

fn walk(
    v: &Value,
    key: Option<&str>,
    path: &mut String,
    what: &str,
    out: &mut Vec<Violation>,
    checked: &mut usize,
) {
    let is_money_key = key.is_some_and(|k| MONEY.contains(&k));
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                let len = path.len();
                path.push('.');
                path.push_str(k);
                if SCENARIO.contains(&k.as_str()) {
                    if !(child.is_object() || child.is_null()) {
                        violation(
                            out,
                            format!("{what}: a suggested change is a scenario"),
                            format!("{path} is {child}"),
                        );
                    }
                } else {
                    walk(child, Some(k), path, what, out, checked);
                }
                path.truncate(len);
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk(child, key, path, what, out, checked);
                path.truncate(len);
            }
        }
        Value::String(s) => {
            if is_money_key {
                *checked += 1;
                if !is_money(s) {
                    violation(
                        out,
                        format!("{what}: money has exactly two decimal places"),
                        format!("{path} is {s:?}"),
                    );
                }
            } else if !key.is_some_and(|k| NOT_MONEY.contains(&k)) {
                violation(
                    out,
                    format!("{what}: every string field is known to be money or not"),
                    format!("{path} ({s:?}) is under a key neither list has: add it to MONEY or NOT_MONEY in tests/fuzz/harness/check.rs"),
                );
            }
        }
        Value::Number(_) | Value::Bool(_) if is_money_key => violation(
            out,
            format!("{what}: money is written as a string"),
            format!("{path} is {v}"),
        ),
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------
// The projection: model.md §7's identities and the summary.

fn band(y: &YearResult, letter: &str) -> Option<Money> {
    y.bands.get(letter)
}

/// Whether a year is safe, as the output shows it: nothing unfunded (to the penny) and
/// reserves not below the minimum.
fn safe(y: &YearResult) -> bool {
    y.unfunded.value().is_zero() && !y.below_minimum
}

pub fn projection(c: &Council, l: &Levers, p: &Projection, out: &mut Vec<Violation>) {
    let labels: Vec<&String> = p.years.iter().map(|y| &y.year).collect();
    if labels != c.years.iter().collect::<Vec<_>>() {
        violation(
            out,
            "projection: one result per projection year",
            format!("years {labels:?}, data set {:?}", c.years),
        );
        return;
    }
    let mut previous: Vec<Decimal> = c.reserves.iter().map(|r| round2(r.opening)).collect();
    let mut before = c.council_tax.band_d;
    for (t, y) in p.years.iter().enumerate() {
        let year = &y.year;
        if y.reserves.len() != c.reserves.len() {
            violation(
                out,
                "projection: every reserve every year",
                format!("{year}: {} reserves", y.reserves.len()),
            );
            return;
        }
        let (mut draws, mut credits) = (Some(Decimal::ZERO), Some(Decimal::ZERO));
        for (r, res) in y.reserves.iter().enumerate() {
            let (opening, closing) = (res.opening.value(), res.closing.value());
            let (draw, credit) = (res.draw.value(), res.credit.value());
            if opening != previous[r] {
                violation(
                    out,
                    "reserves: a year opens at last year's closing balance",
                    format!(
                        "{year} {}: opening {opening}, last closing {}",
                        res.id, previous[r]
                    ),
                );
            }
            let moved = opening
                .checked_add(res.planned_in.value())
                .and_then(|v| v.checked_sub(res.planned_out.value()))
                .and_then(|v| v.checked_add(credit))
                .and_then(|v| v.checked_sub(draw));
            if let Some(moved) = moved {
                if near(closing, moved, slack(6)) == Some(false) {
                    violation(
                        out,
                        "reserves: closing = opening + planned in − planned out + credits − draws",
                        format!(
                            "{year} {}: closing {closing}, movements give {moved}",
                            res.id
                        ),
                    );
                }
            }
            if draw < Decimal::ZERO || credit < Decimal::ZERO {
                violation(
                    out,
                    "reserves: draws and credits are not negative",
                    format!("{year} {}: draw {draw}, credit {credit}", res.id),
                );
            }
            if draw > Decimal::ZERO && closing < round2(c.reserves[r].floor) {
                violation(
                    out,
                    "reserves: automatic draws stop at the floor",
                    format!(
                        "{year} {}: drawn {draw} to {closing}, floor {}",
                        res.id, c.reserves[r].floor
                    ),
                );
            }
            if !l.use_reserves && (!draw.is_zero() || !credit.is_zero()) {
                violation(
                    out,
                    "reserves: with use_reserves false, no draws or credits",
                    format!("{year} {}: draw {draw}, credit {credit}", res.id),
                );
            }
            draws = draws.and_then(|d| d.checked_add(draw));
            credits = credits.and_then(|d| d.checked_add(credit));
            previous[r] = closing;
        }

        let shortfalls = sum(y.programmes.iter().map(|p| p.shortfall.value()));
        let terms = 2 * y.reserves.len() + y.programmes.len() + 3;
        let (gap, unfunded) = (y.gap.value(), y.unfunded.value());
        // Last year's unfunded deficit is still owed this year (docs/model-notes.md).
        let brought = y.deficit_brought_forward.value();
        let last_unfunded = match t {
            0 => Decimal::ZERO,
            _ => p.years[t - 1].unfunded.value(),
        };
        if brought != last_unfunded {
            violation(
                out,
                "reserves: the deficit brought forward is last year's unfunded amount",
                format!("{year}: brought forward {brought}, last year unfunded {last_unfunded}"),
            );
        }
        let need = shortfalls.and_then(|s| gap.checked_add(s));
        let owed = need.and_then(|n| n.checked_add(brought));
        if l.use_reserves {
            let lhs = draws
                .zip(credits)
                .and_then(|(d, c)| d.checked_add(unfunded)?.checked_sub(c));
            if let (Some(lhs), Some(rhs)) = (lhs, owed) {
                if near(lhs, rhs, slack(terms)) == Some(false) {
                    violation(
                        out,
                        "reserves: draws + unfunded − credits = gap + shortfalls + brought forward",
                        format!("{year}: {lhs} against {rhs}"),
                    );
                }
            }
        } else if let Some(owed) = owed {
            let want = owed.max(Decimal::ZERO);
            if near(unfunded, want, slack(terms)) == Some(false) {
                violation(
                    out,
                    "reserves: with use_reserves false, unfunded = max(0, gap + shortfalls + brought forward)",
                    format!("{year}: unfunded {unfunded}, expected {want}"),
                );
            }
        }
        if unfunded < Decimal::ZERO {
            violation(
                out,
                "unfunded is not negative",
                format!("{year}: {unfunded}"),
            );
        }
        if let Some(need) = need {
            if near(y.total_gap.value(), need, slack(terms)) == Some(false) {
                violation(
                    out,
                    "total gap = gap + shortfalls",
                    format!("{year}: {} against {need}", y.total_gap),
                );
            }
        }
        if let Some(want) = y.net_requirement.value().checked_sub(y.funding.value()) {
            if near(gap, want, slack(3)) == Some(false) {
                violation(
                    out,
                    "gap = net requirement − funding",
                    format!("{year}: gap {gap}, net − funding {want}"),
                );
            }
        }
        if let Some(want) = y
            .council_tax
            .value()
            .checked_add(y.other_funding.value())
            .and_then(|v| v.checked_add(y.capitalisation.value()))
        {
            let terms = if y.capitalisation.is_zero() { 3 } else { 4 };
            if near(y.funding.value(), want, slack(terms)) == Some(false) {
                violation(
                    out,
                    "funding = council tax + other funding + capitalisation",
                    format!("{year}: funding {}, parts {want}", y.funding),
                );
            }
        }

        // Band D is last year's times the rise, rounded; each band is Band D × ninths / 9,
        // rounded.
        let (core, asc) = (l.core_pct[t], l.asc_pct[t]);
        let band_d = y.band_d.value();
        // Last year's Band D restated like-for-like, where given, is the base of the rise.
        let base = c.council_tax.restated_band_d[t].unwrap_or(before);
        let expected = core
            .checked_add(asc)
            .and_then(|r| r.checked_div(Decimal::ONE_HUNDRED))
            .and_then(|r| Decimal::ONE.checked_add(r))
            .and_then(|r| base.checked_mul(r))
            .map(round2);
        if let Some(expected) = expected {
            if band_d != expected {
                violation(
                    out,
                    "Band D = round(last year's Band D × (1 + rise / 100))",
                    format!("{year}: {band_d}, expected {expected} from {base} and {core} + {asc}"),
                );
            }
        }
        if y.bands.0.len() != c.bands().len() {
            violation(
                out,
                "bands: one charge per band of the council's nation",
                format!(
                    "{year}: {} bands, the nation has {}",
                    y.bands.0.len(),
                    c.bands().len()
                ),
            );
        }
        for ratio in c.bands() {
            let letter = ratio.band;
            let want = band_d
                .checked_mul(Decimal::from(ratio.numerator))
                .and_then(|v| v.checked_div(Decimal::from(ratio.denominator)))
                .map(round2);
            let got = band(y, letter).map(Money::value);
            if let (Some(want), Some(got)) = (want, got) {
                if got != want {
                    violation(
                        out,
                        "band charges = round(Band D × the band's ratio)",
                        format!("{year} band {letter}: {got}, expected {want}"),
                    );
                }
            }
        }

        referendum(c, l, t, y, out);
        before = band_d;
    }
    summary(p, out);
}

/// The referendum flag: without a dispensation, the limits of docs/model-notes.md (core
/// at or above the core limit, or the total at or above core + ASC limits); with one,
/// model.md §6's "unless a dispensation covers the total": a dispensation only ever
/// relieves, so a flagged year is excessive by the normal limits *and* at or above the
/// dispensation.
fn referendum(c: &Council, l: &Levers, t: usize, y: &YearResult, out: &mut Vec<Violation>) {
    let year = &y.year;
    if c.rules().rise_rule != mtfs::nation::RiseRule::Referendum {
        if y.referendum || y.referendum_limit.is_some() {
            violation(
                out,
                "referendum: none where the nation has no referendums",
                format!("{year}: {:?} has a referendum", c.nation),
            );
        }
        if let (Some(cap), Some(rise)) =
            (c.rise_cap_pct[t], l.core_pct[t].checked_add(l.asc_pct[t]))
        {
            if rise > cap {
                violation(
                    out,
                    "cap: a rise above Scotland's cap is refused, never projected",
                    format!("{year}: a rise of {rise} above the cap of {cap}"),
                );
            }
        }
        return;
    }
    let limits = &c.referendum;
    let (core, asc) = (l.core_pct[t], l.asc_pct[t]);
    let (core_limit, asc_limit) = (limits.core_limit_pct[t], limits.asc_limit_pct[t]);
    let (Some(total), Some(total_limit)) =
        (core.checked_add(asc), core_limit.checked_add(asc_limit))
    else {
        return;
    };
    // The adult social care precept's cap over a window of years (docs/model-notes.md):
    // the window's rises up to this year add up to more than it allows.
    let window = limits.asc_windows.iter().any(|w| {
        limits.dispensation_pct[t].is_none()
            && w.years.contains(&t)
            && w.years
                .iter()
                .filter(|&&y| y <= t)
                .try_fold(Decimal::ZERO, |sum, &y| sum.checked_add(l.asc_pct[y]))
                .is_some_and(|sum| sum > w.max_total_pct)
    });
    let normal = core >= core_limit || total >= total_limit || window;
    match limits.dispensation_pct[t] {
        None if y.referendum != normal => violation(
            out,
            "referendum: flagged exactly when a rise reaches the limits",
            format!(
                "{year}: referendum {} for core {core} + ASC {asc} with limits {core_limit} and {asc_limit}",
                y.referendum
            ),
        ),
        Some(d) if y.referendum && !(normal && total >= d) => violation(
            out,
            "referendum: a dispensation never makes a rise excessive",
            format!(
                "{year}: referendum for core {core} + ASC {asc} = {total}, limits {core_limit} and {asc_limit}, dispensation {d}"
            ),
        ),
        _ => {}
    }
}

fn summary(p: &Projection, out: &mut Vec<Violation>) {
    let s = &p.summary;
    let years = &p.years;
    if let Some(lowest) = years.iter().map(|y| y.total_reserves).min() {
        if s.lowest_total_reserves != lowest {
            violation(
                out,
                "summary: lowest total reserves is the years' lowest",
                format!("{}, the years' lowest {lowest}", s.lowest_total_reserves),
            );
        }
        let named = years
            .iter()
            .find(|y| y.year == s.lowest_total_reserves_year);
        if named.map(|y| y.total_reserves) != Some(lowest) {
            violation(
                out,
                "summary: the lowest total reserves' year has the lowest total",
                format!(
                    "{:?} has {:?}, the lowest is {lowest}",
                    s.lowest_total_reserves_year,
                    named.map(|y| y.total_reserves)
                ),
            );
        }
    }
    let first_unfunded = years
        .iter()
        .find(|y| y.unfunded.value() > Decimal::ZERO)
        .map(|y| y.year.clone());
    if s.first_unfunded_year != first_unfunded {
        violation(
            out,
            "summary: the first unfunded year is the first with unfunded > 0",
            format!(
                "{:?}, the years say {first_unfunded:?}",
                s.first_unfunded_year
            ),
        );
    }
    let first_below = years
        .iter()
        .find(|y| y.below_minimum)
        .map(|y| y.year.clone());
    if s.first_below_minimum_year != first_below {
        violation(
            out,
            "summary: the first year below the minimum is the first flagged",
            format!(
                "{:?}, the years say {first_below:?}",
                s.first_below_minimum_year
            ),
        );
    }
    let referendum: Vec<String> = years
        .iter()
        .filter(|y| y.referendum)
        .map(|y| y.year.clone())
        .collect();
    if s.referendum_years != referendum {
        violation(
            out,
            "summary: the referendum years are those flagged",
            format!("{:?}, the years say {referendum:?}", s.referendum_years),
        );
    }
    if let Some(total) = sum(years.iter().map(|y| y.gap.value())) {
        if near(s.cumulative_gap.value(), total, slack(years.len())) == Some(false) {
            violation(
                out,
                "summary: the cumulative gap is the sum of the gaps",
                format!("{}, the gaps sum to {total}", s.cumulative_gap),
            );
        }
    }
    if let Some(last) = years.last() {
        if s.final_band_d != last.band_d {
            violation(
                out,
                "summary: the final Band D is the last year's",
                format!("{}, last year {}", s.final_band_d, last.band_d),
            );
        }
    }
}

/// The engine's exact yearly figures (`mtfs::trace::figures`), whether that returns them
/// or a `Result` of them: the summary is checked against the exact gaps it should sum.
pub trait ExactFigures {
    fn exact(self) -> Option<Vec<mtfs::trace::YearFigures>>;
}

impl ExactFigures for Vec<mtfs::trace::YearFigures> {
    fn exact(self) -> Option<Vec<mtfs::trace::YearFigures>> {
        Some(self)
    }
}

impl<E> ExactFigures for Result<Vec<mtfs::trace::YearFigures>, E> {
    fn exact(self) -> Option<Vec<mtfs::trace::YearFigures>> {
        self.ok()
    }
}

/// Each year's exact gap, before output rounding.
pub fn exact_gaps(c: &Council, l: &Levers) -> Option<Vec<Decimal>> {
    mtfs::trace::figures(c, l)
        .exact()
        .map(|years| years.iter().map(|y| y.gap).collect())
}

/// model.md §2 rounds "at output time only": the cumulative gap is the exact gaps' sum,
/// rounded once (a sum of rounded gaps can be a penny or more off).
pub fn cumulative_gap(p: &Projection, exact: &[Decimal], out: &mut Vec<Violation>) {
    if let Some(total) = sum(exact.iter().copied()) {
        let want = round2(total);
        if p.summary.cumulative_gap.value() != want {
            violation(
                out,
                "summary: the cumulative gap is the exact gaps' sum, rounded once",
                format!(
                    "{}, the exact gaps sum to {total}",
                    p.summary.cumulative_gap
                ),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// The Monte Carlo.

fn ordered(p: &Percentiles) -> bool {
    p.p5 <= p.p25 && p.p25 <= p.p50 && p.p50 <= p.p75 && p.p75 <= p.p95
}

pub fn simulation(
    sim: &Simulation,
    projection: Option<&Projection>,
    paths: u32,
    seed: u32,
    out: &mut Vec<Violation>,
) {
    if sim.paths != paths || sim.seed != seed {
        violation(
            out,
            "risk: the result names its paths and seed",
            format!(
                "{} paths, seed {} (asked {paths}, {seed})",
                sim.paths, sim.seed
            ),
        );
    }
    let (mut below_by, mut unbalanced_by) = (0, 0);
    for (t, y) in sim.years.iter().enumerate() {
        let year = &y.year;
        for (name, p) in [
            ("total_reserves", &y.total_reserves),
            ("gap", &y.gap),
            ("total_gap", &y.total_gap),
            ("unfunded", &y.unfunded),
        ] {
            if !ordered(p) {
                violation(
                    out,
                    "risk: percentiles in order",
                    format!("{year} {name}: {p:?}"),
                );
            }
        }
        let counts_ok = y.below_minimum.paths <= y.below_minimum_by.paths
            && y.below_minimum_by.paths <= paths
            && y.unbalanced.paths <= y.unbalanced_by.paths
            && y.unbalanced_by.paths <= paths
            && y.below_minimum_by.paths >= below_by
            && y.unbalanced_by.paths >= unbalanced_by;
        if !counts_ok {
            violation(
                out,
                "risk: a year's count ≤ the count by then ≤ paths, by-counts never fall",
                format!(
                    "{year}: below {} by {} (before {below_by}), unbalanced {} by {} (before {unbalanced_by}), {paths} paths",
                    y.below_minimum.paths, y.below_minimum_by.paths, y.unbalanced.paths, y.unbalanced_by.paths
                ),
            );
        }
        below_by = y.below_minimum_by.paths;
        unbalanced_by = y.unbalanced_by.paths;
        for chance in [
            &y.below_minimum,
            &y.below_minimum_by,
            &y.unbalanced,
            &y.unbalanced_by,
        ] {
            let pct = chance.pct.parse::<Decimal>().ok();
            let want = Decimal::from(chance.paths)
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|v| v.checked_div(Decimal::from(paths.max(1))))
                .map(round2);
            if pct != want || !chance.pct.contains('.') {
                violation(
                    out,
                    "risk: a chance is its paths as a percentage, to 2 places",
                    format!(
                        "{year}: {} of {paths} paths given as {:?}",
                        chance.paths, chance.pct
                    ),
                );
            }
        }
        if let Some(p) = projection.and_then(|p| p.years.get(t)) {
            let s = &y.scenario;
            let same = p.year == y.year
                && s.total_reserves == p.total_reserves
                && s.reserves_minimum == p.reserves_minimum
                && s.gap == p.gap
                && s.total_gap == p.total_gap
                && s.unfunded == p.unfunded;
            if !same {
                violation(
                    out,
                    "risk: the scenario's own figures are the projection's",
                    format!(
                        "{year}: {s:?} against the projection's {} {} {} {} {}",
                        p.total_reserves, p.reserves_minimum, p.gap, p.total_gap, p.unfunded
                    ),
                );
            }
        }
    }
    if let Some(p) = projection {
        if p.years.len() != sim.years.len() {
            violation(
                out,
                "risk: one result per projection year",
                format!(
                    "{} years, the projection {}",
                    sim.years.len(),
                    p.years.len()
                ),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// The goal seek.

pub type Reproject<'a> = dyn FnMut(&Scenario) -> Option<Result<Projection, DataError>> + 'a;

pub fn goal(
    g: &GoalSeek,
    c: &Council,
    scenario: &Scenario,
    projection: Option<&Projection>,
    reproject: &mut Reproject,
    out: &mut Vec<Violation>,
) {
    if let Some(p) = projection {
        let all_safe = p.years.iter().all(safe);
        let first = p.years.iter().find(|y| !safe(y)).map(|y| y.year.clone());
        if g.already_safe != all_safe || g.first_unsafe_year != first {
            violation(
                out,
                "goal seek: already safe, and the first unsafe year, as the projection shows",
                format!(
                    "already_safe {} first_unsafe_year {:?}; the projection: {all_safe} {first:?}",
                    g.already_safe, g.first_unsafe_year
                ),
            );
        }
    }
    if g.council_tax.found != g.council_tax.change.is_some() {
        violation(
            out,
            "goal seek: an answer found comes with its change",
            format!(
                "council tax: found {}, change {:?}",
                g.council_tax.found, g.council_tax.change
            ),
        );
    }
    let from: Vec<&String> = g.savings.iter().map(|s| &s.from_year).collect();
    if from != c.years.iter().collect::<Vec<_>>() {
        violation(
            out,
            "goal seek: one savings answer per year",
            format!("{from:?}"),
        );
    }
    let mut changes: Vec<(&str, String, &Scenario)> = Vec::new();
    if let Some(change) = &g.council_tax.change {
        changes.push(("council tax", "the council tax answer".into(), change));
    }
    for s in &g.savings {
        let positive = s.amount.is_some_and(|a| a.value() > Decimal::ZERO);
        if positive != s.change.is_some() {
            violation(
                out,
                "goal seek: an answer found comes with its change",
                format!(
                    "savings from {}: amount {:?}, change {:?}",
                    s.from_year, s.amount, s.change
                ),
            );
        }
        if let Some(change) = &s.change {
            changes.push((
                "savings",
                format!("the savings answer from {}", s.from_year),
                change,
            ));
        }
    }
    for (kind, which, change) in changes {
        let applied = goal::apply(scenario, change);
        match reproject(&applied) {
            None => {}
            Some(Err(e)) => violation(
                out,
                format!("goal seek: its suggested scenario is accepted ({kind})"),
                format!("{which}: {change:?} is refused: {e}"),
            ),
            Some(Ok(q)) => {
                if let Some(y) = q.years.iter().find(|y| !safe(y)) {
                    violation(
                        out,
                        format!("goal seek: its suggested scenario is safe ({kind})"),
                        format!(
                            "{which}: in {} unfunded {}, total reserves {} against a minimum of {}",
                            y.year, y.unfunded, y.total_reserves, y.reserves_minimum
                        ),
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// The drivers: waterfalls and sensitivity.

pub fn drivers(
    d: &Drivers,
    c: &Council,
    scenario: &Scenario,
    projection: Option<&Projection>,
    reproject: &mut Reproject,
    out: &mut Vec<Violation>,
) {
    let mut last: Option<&mtfs::drivers::Waterfall> = None;
    for (t, w) in d.waterfalls.iter().enumerate() {
        let year = &w.year;
        let to_gap = sum(w.to_gap.iter().map(|b| b.amount.value()));
        let gap_change = w.gap.value().checked_sub(w.previous_gap.value());
        if to_gap.is_some() && gap_change.is_some() && to_gap != gap_change {
            violation(
                out,
                "drivers: a waterfall's bars add up to the change in the gap",
                format!("{year}: bars {to_gap:?}, change {gap_change:?}"),
            );
        }
        let to_unfunded = sum(w.to_unfunded.iter().map(|b| b.amount.value()));
        let unfunded_change = w.unfunded.value().checked_sub(w.gap.value());
        if to_unfunded.is_some() && unfunded_change.is_some() && to_unfunded != unfunded_change {
            violation(
                out,
                "drivers: a waterfall's bars add up from the gap to unfunded",
                format!("{year}: bars {to_unfunded:?}, unfunded − gap {unfunded_change:?}"),
            );
        }
        let (previous_gap, previous_net) = match last {
            Some(l) => (l.gap.value(), Some(l.net_budget)),
            None => (Decimal::ZERO, None),
        };
        if w.previous_gap.value() != previous_gap
            || previous_net.is_some_and(|n| n != w.previous_net_budget)
        {
            violation(
                out,
                "drivers: a waterfall starts where last year's ended",
                format!(
                    "{year}: previous gap {} (last year's {previous_gap}), previous net budget {} (last year's {previous_net:?})",
                    w.previous_gap, w.previous_net_budget
                ),
            );
        }
        if let Some(y) = projection.and_then(|p| p.years.get(t)) {
            if y.year != w.year
                || y.gap != w.gap
                || y.unfunded != w.unfunded
                || y.net_requirement != w.net_budget
            {
                violation(
                    out,
                    "drivers: a waterfall's figures are the projection's",
                    format!(
                        "{year}: gap {} unfunded {} net {}; the projection's {} {} {}",
                        w.gap, w.unfunded, w.net_budget, y.gap, y.unfunded, y.net_requirement
                    ),
                );
            }
        }
        last = Some(w);
    }
    if d.waterfalls.len() != c.years.len() {
        violation(
            out,
            "drivers: one waterfall per projection year",
            format!("{} waterfalls", d.waterfalls.len()),
        );
    }

    let s = &d.sensitivity;
    if let Some(last) = projection.and_then(|p| p.years.last()) {
        if s.year != last.year || s.total_reserves != last.total_reserves {
            violation(
                out,
                "drivers: sensitivity starts from the projection's final year",
                format!(
                    "{} {}; the projection's {} {}",
                    s.year, s.total_reserves, last.year, last.total_reserves
                ),
            );
        }
    }
    for pair in s.levers.windows(2) {
        // Ranked by the larger of the swings in reserves and in the unfunded total.
        if mtfs::drivers::rank(&pair[0]) < mtfs::drivers::rank(&pair[1]) {
            violation(
                out,
                "drivers: sensitivity is sorted by swing, largest first",
                format!(
                    "{} ({}, unfunded {}) before {} ({}, unfunded {})",
                    pair[0].lever,
                    pair[0].swing,
                    pair[0].unfunded_swing,
                    pair[1].lever,
                    pair[1].swing,
                    pair[1].unfunded_swing
                ),
            );
        }
    }
    for lever in &s.levers {
        let difference = lever
            .high
            .total_reserves
            .value()
            .checked_sub(lever.low.total_reserves.value())
            .map(|d| d.abs());
        if let Some(difference) = difference {
            if near(lever.swing.value(), difference, slack(2)) == Some(false) {
                violation(
                    out,
                    "drivers: a lever's swing is the difference between its ends",
                    format!(
                        "{}: swing {}, ends {} and {}",
                        lever.lever,
                        lever.swing,
                        lever.low.total_reserves,
                        lever.high.total_reserves
                    ),
                );
            }
        }
        for (end, setting) in [("low", &lever.low), ("high", &lever.high)] {
            reapply(&lever.lever, end, setting, scenario, reproject, out);
        }
    }
}

/// A sensitivity end's `change`, applied to the scenario and projected, must be accepted
/// and give the end's figures.
fn reapply(
    lever: &str,
    end: &str,
    setting: &Setting,
    scenario: &Scenario,
    reproject: &mut Reproject,
    out: &mut Vec<Violation>,
) {
    let applied = goal::apply(scenario, &setting.change);
    match reproject(&applied) {
        None => {}
        Some(Err(e)) => violation(
            out,
            // By lever (`growth_factor.social_care`: growth_factor): each is its own bug.
            format!(
                "drivers: a sensitivity end's change is accepted ({})",
                lever.split('.').next().unwrap_or(lever)
            ),
            format!(
                "{lever} {end} ({}): {:?} is refused: {e}",
                setting.value, setting.change
            ),
        ),
        Some(Ok(q)) => {
            let last = q.years.last().map(|y| y.total_reserves);
            if last != Some(setting.total_reserves) {
                violation(
                    out,
                    "drivers: a sensitivity end's change gives its total reserves",
                    format!(
                        "{lever} {end} ({}): {} said, {last:?} projected",
                        setting.value, setting.total_reserves
                    ),
                );
            }
            // The final year's unfunded deficit: every earlier year's still owed (a
            // deficit carries forward, docs/model-notes.md).
            if let Some(unfunded) = q.years.last().map(|y| y.unfunded.value()) {
                if near(setting.unfunded.value(), unfunded, slack(1)) == Some(false) {
                    violation(
                        out,
                        "drivers: a sensitivity end's change gives its unfunded total",
                        format!(
                            "{lever} {end} ({}): {} said, {unfunded} projected",
                            setting.value, setting.unfunded
                        ),
                    );
                }
            }
        }
    }
}
