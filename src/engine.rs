//! The projection: model.md §5 year by year, exactly, in `Decimal`. No I/O.

use crate::error::Overflow;
use crate::model::Council;
use crate::nation::{BandRatio, Nation, RiseRule};
use crate::number::{round2, Money};
use crate::scenario::Levers;
use crate::trace;
use crate::words::plain_text;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

// The view's hand-written JSON: serde_json is natively the CLI's, and always in wasm.
#[cfg(any(feature = "cli", target_arch = "wasm32"))]
mod json;
mod summary;
mod view;
pub use view::{ProjectionView, View};

/// England's band ratios to Band D, in ninths (Local Government Finance Act 1992 s.5).
/// Other nations' bands are in `crate::nation`; the projection follows the council's.
pub const BANDS: [(&str, i64); 8] = [
    ("A", 6),
    ("B", 7),
    ("C", 8),
    ("D", 9),
    ("E", 11),
    ("F", 13),
    ("G", 15),
    ("H", 18),
];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    pub council: String,
    /// The council's nation (left out for England, so England's output is as before).
    #[serde(default, skip_serializing_if = "Nation::is_england")]
    pub nation: Nation,
    pub base_year: String,
    /// The top of the council tax lever's range where no limit or cap gives one (the
    /// nation's `lever_max_pct`, data/council-tax-rules.json): not a legal limit.
    pub rise_lever_max_pct: String,
    /// Each option whose chosen level is not the plan's, in the data set's order.
    pub choices: Vec<ChoiceResult>,
    pub years: Vec<YearResult>,
    pub summary: Summary,
}

/// An option chosen at a level other than the plan's, and what it does each year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChoiceResult {
    pub option: String,
    pub title: String,
    pub level: String,
    pub label: String,
    /// Pounds a year by which it lowers the gap, one per projection year (all 0 for a
    /// view, or a level that sets levers instead).
    pub effect: Vec<Money>,
}

/// The options chosen at a level other than the plan's.
fn choices(council: &Council, levers: &Levers) -> Vec<ChoiceResult> {
    council
        .options
        .iter()
        .zip(&levers.choices)
        .filter(|(option, &level)| level != option.plan_level)
        .map(|(option, &level)| {
            let l = &option.levels[level];
            ChoiceResult {
                option: option.id.clone(),
                title: option.title.clone(),
                level: l.id.clone(),
                label: l.label.clone(),
                effect: l.effect.iter().map(|&e| Money::from_exact(e)).collect(),
            }
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearResult {
    pub year: String,
    pub services: Vec<ServiceResult>,
    pub spend: Money,
    /// The data set's stated in-year overspend, inside `spend` (left out when 0).
    #[serde(default, skip_serializing_if = "Money::is_zero")]
    pub overspend: Money,
    pub removed_savings: Money,
    /// The chosen options' effect: how much they lower the net requirement (0 when every
    /// option is at the plan's level).
    pub chosen_options: Money,
    pub net_requirement: Money,
    pub core_pct: String,
    pub asc_pct: String,
    pub band_d: Money,
    pub band_d_change: Money,
    /// Last year's Band D restated like-for-like, where a service moved to another body:
    /// the base of this year's rise (left out when not given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restated_band_d: Option<Money>,
    pub tax_base: Money,
    pub bands: Bands,
    /// Per band: the change in the year's charge from the year before, divided by 52
    /// weeks, to the penny (what a household pays more, or less, each week).
    pub weekly_change: Bands,
    pub council_tax: Money,
    pub collection_fund: Money,
    pub other_funding: Money,
    /// A capitalisation direction this year: one-off funding from borrowing (left out
    /// when 0; docs/model-notes.md, "Capitalisation directions").
    #[serde(default, skip_serializing_if = "Money::is_zero")]
    pub capitalisation: Money,
    /// The cost this year of earlier directions' borrowing, MRP and interest, inside
    /// `spend` (left out when 0).
    #[serde(default, skip_serializing_if = "Money::is_zero")]
    pub capitalisation_cost: Money,
    pub funding_streams: Vec<FundingResult>,
    pub funding: Money,
    pub gap: Money,
    pub programmes: Vec<ProgrammeResult>,
    /// Σ programme shortfalls (negative: early achievement overall).
    pub shortfall: Money,
    /// `gap + shortfall`: the budget gap plus savings not delivered (less savings
    /// delivered early), which the year must meet from reserves or leave unfunded.
    pub total_gap: Money,
    /// Last year's unfunded deficit, still owed and met this year before anything else
    /// (left out when 0; docs/model-notes.md, "A deficit carries forward").
    #[serde(default, skip_serializing_if = "Money::is_zero")]
    pub deficit_brought_forward: Money,
    pub reserves: Vec<ReserveResult>,
    pub total_reserves: Money,
    /// The part of `total_reserves` in ring-fenced reserves, which does not count towards
    /// the safe minimum (left out when 0).
    #[serde(default, skip_serializing_if = "Money::is_zero")]
    pub ring_fenced_reserves: Money,
    pub reserves_minimum: Money,
    pub below_minimum: bool,
    pub unfunded: Money,
    pub referendum: bool,
    /// The year's referendum limits, as `needs_referendum` applies them (`null` where the
    /// nation has no referendums).
    pub referendum_limit: Option<ReferendumLimit>,
    /// Scotland: the government's cap on the year's rise, percent (absent: no cap).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rise_cap_pct: Option<String>,
    /// The resident's whole bill, with the other precepts the data set states for this
    /// year (police, fire, parish, the GLA); absent when it states none. Shown only: never
    /// part of the council's funding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whole_bill: Option<WholeBill>,
}

/// A year's whole council tax bill: the council's share and the other precepts on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WholeBill {
    /// Each other precept stated for the year, in the data set's order.
    pub precepts: Vec<PreceptResult>,
    /// The council's Band D plus each precept's.
    pub band_d: Money,
    /// Per band: the council's charge plus each precept's at the band's ratio, each
    /// rounded to the penny as each authority's own charge is.
    pub bands: Bands,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreceptResult {
    pub id: String,
    pub name: String,
    pub band_d: Money,
}

/// Year t's whole bill from the council's Band D and the other precepts stated for it, each
/// to the penny (`Some(None)`: none stated; `None`: too large to compute).
fn whole_bill(council: &Council, t: usize, band_d: Decimal) -> Option<Option<WholeBill>> {
    // Plain loops: this is in the page's first module, and iterator chains weigh more there.
    let mut precepts = Vec::new();
    let mut total = band_d;
    for p in &council.other_precepts {
        if let Some(Some(d)) = p.band_d.get(t) {
            // A precept's Band D to the penny, as its bill states it.
            let d = Money::from_exact(*d);
            total = total.checked_add(d.value())?;
            precepts.push(PreceptResult {
                id: p.id.clone(),
                name: p.name.clone(),
                band_d: d,
            });
        }
    }
    if precepts.is_empty() {
        return Some(None);
    }
    let bands = Bands::try_from_ratios(council.bands(), |num, den| {
        let mut sum = band_charge_ratio(band_d, num, den)?;
        for p in &precepts {
            sum = sum.checked_add(band_charge_ratio(p.band_d.value(), num, den)?)?;
        }
        Some(Money::from_exact(sum))
    })?;
    Some(Some(WholeBill {
        precepts,
        band_d: Money::from_exact(total),
        bands,
    }))
}

/// A year's referendum limits (percent): a rise *at or above* a limit is excessive.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReferendumLimit {
    /// The core limit; `None` when a dispensation sets the total instead.
    pub core_pct: Option<String>,
    /// The adult social care allowance on top of the core limit; `None` under a dispensation.
    pub asc_pct: Option<String>,
    /// The limit on core + adult social care together: core + ASC limits, or the dispensation.
    pub total_pct: String,
    /// Whether `total_pct` is a government-agreed dispensation.
    pub dispensation: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceResult {
    pub id: String,
    pub name: String,
    pub budget: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FundingResult {
    pub id: String,
    pub name: String,
    pub kind: crate::model::FundingKind,
    pub amount: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeResult {
    pub id: String,
    pub name: String,
    pub target: Money,
    pub delivered: Money,
    pub shortfall: Money,
    /// The same by service line, in the programme's line order (a department's
    /// delivery, as councils' cash-flow tables show it).
    pub lines: Vec<ProgrammeLineResult>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeLineResult {
    /// The service line's id.
    pub service: String,
    pub target: Money,
    pub delivered: Money,
    pub shortfall: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReserveResult {
    pub id: String,
    pub name: String,
    pub opening: Money,
    pub planned_in: Money,
    pub planned_out: Money,
    pub draw: Money,
    pub credit: Money,
    pub closing: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub cumulative_gap: Money,
    pub lowest_total_reserves: Money,
    pub lowest_total_reserves_year: String,
    pub first_unfunded_year: Option<String>,
    pub first_below_minimum_year: Option<String>,
    pub referendum_years: Vec<String>,
    pub final_band_d: Money,
    /// Per band: the final year's charge less the base year's, divided by 52 weeks, to
    /// the penny.
    pub weekly_change_since_base: Bands,
    pub warnings: Vec<String>,
}

/// What `engine::project` keeps of each year of the walk: the service budgets and the
/// reserves, which `trace::YearFigures` sums away. All years in one list of each (year
/// t's are the t-th run of `services` or `reserves`), not one list a year.
struct Record {
    services: usize,
    reserves: usize,
    budgets: Vec<Decimal>,
    balances: Vec<trace::Balance>,
}

impl Record {
    fn new(council: &Council) -> Record {
        let (n, services, reserves) = (
            council.horizon(),
            council.services.len(),
            council.reserves.len(),
        );
        Record {
            services,
            reserves,
            budgets: Vec::with_capacity(n * services),
            balances: Vec::with_capacity(n * reserves),
        }
    }

    /// Year t's budgets and reserves.
    fn year(&self, t: usize) -> (&[Decimal], &[trace::Balance]) {
        let (s, r) = (self.services, self.reserves);
        let budgets = self.budgets.get(t * s..(t + 1) * s);
        let balances = self.balances.get(t * r..(t + 1) * r);
        (budgets.unwrap_or(&[]), balances.unwrap_or(&[]))
    }
}

impl trace::Observer for Record {
    fn year(&mut self, budgets: &[Decimal], reserves: &[trace::Balance]) {
        self.budgets.extend_from_slice(budgets);
        self.balances.extend_from_slice(reserves);
    }
}

/// Projects the council's plan under the given levers: model.md §5 and §6. The
/// arithmetic is `trace`'s (the same code the Monte Carlo and goal seek run); this adds
/// the names, the detail by service, programme, funding stream and reserve, and the
/// rounding for output. A figure too large to compute is an error, never a panic.
pub fn project(council: &Council, levers: &Levers) -> Result<Projection, Overflow> {
    project_with(council, levers, Lines::Named)
}

/// The projection as the page shows it while a choice moves ([`View`]): the same walk
/// and the same figures as [`project`], without naming each year's lines by service,
/// funding stream, programme and reserve, which the view leaves out. Their arithmetic
/// still runs (checked as in `project`), so the two fail alike.
pub fn project_view(council: &Council, levers: &Levers) -> Result<View, Overflow> {
    project_with(council, levers, Lines::Unnamed).map(View::new)
}

/// Whether a projection builds each year's lines (`Named`), or only checks their
/// arithmetic and leaves the lists empty (`Unnamed`, for [`View`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lines {
    Named,
    Unnamed,
}

fn project_with(council: &Council, levers: &Levers, lines: Lines) -> Result<Projection, Overflow> {
    let n = council.horizon();
    let funding = trace::funding(council, levers)?;
    let removed = trace::removed(council, &levers.extra_savings)?;
    // Each programme's figures, by line and in total, once: the walk needs the shortfalls,
    // the result shows the rest.
    let mut shortfalls = vec![Vec::with_capacity(n); council.programmes.len()];
    let mut programme_years = Vec::with_capacity(n);
    for t in 0..n {
        // Nothing allocated for a view, which names no programmes.
        let named = if lines == Lines::Named {
            council.programmes.len()
        } else {
            0
        };
        let mut programmes = Vec::with_capacity(named);
        for (p, programme_shortfalls) in shortfalls.iter_mut().enumerate() {
            let (result, shortfall) = programme_result(council, levers, p, t, lines)?;
            programme_shortfalls.push(shortfall);
            programmes.extend(result);
        }
        programme_years.push(programmes);
    }
    let refs: Vec<&[Decimal]> = shortfalls.iter().map(Vec::as_slice).collect();
    let mut figures = Vec::with_capacity(n);
    let mut record = Record::new(council);
    trace::Walker::new(council).walk_observed(
        levers,
        &funding,
        &removed,
        &refs,
        &mut figures,
        &mut record,
    )?;

    let mut years: Vec<YearResult> = Vec::with_capacity(n);
    let mut previous_band_d = council.council_tax.band_d;
    // The base year's charges, for the first year's weekly change and the summary's.
    let base_bands = band_charges(council.bands(), previous_band_d);
    for ((t, y), programmes) in figures.iter().enumerate().zip(programme_years) {
        let detail = Detail {
            budgets: record.year(t).0,
            reserves: record.year(t).1,
            programmes,
            funding: &funding,
            previous_band_d,
            previous_bands: years.last().map(|y| &y.bands).or(base_bands.as_ref()),
            lines,
        };
        let year = year_result(council, levers, t, y, detail)?;
        years.push(year);
        previous_band_d = funding.band_d[t];
    }
    let summary = summary::summarise(council, levers, &figures, &years, base_bands.as_ref())?;
    Ok(Projection {
        council: council.name.clone(),
        nation: council.nation,
        base_year: council.base_year.clone(),
        rise_lever_max_pct: plain_text(Decimal::new(council.rules().lever_max_pct, 2)),
        choices: choices(council, levers),
        years,
        summary,
    })
}

/// Programme `p`'s year `t`, by line and in total (`None` for `Lines::Unnamed`), and its
/// exact shortfall.
fn programme_result(
    council: &Council,
    levers: &Levers,
    p: usize,
    t: usize,
    named: Lines,
) -> Result<(Option<ProgrammeResult>, Decimal), Overflow> {
    let o = Overflow::at("a savings programme's shortfall", t);
    let share = levers.delivery_pct[p] / Decimal::ONE_HUNDRED;
    let mut lines = Vec::new();
    let mut line_error = None;
    let (target, delivered) = trace::programme_year(
        council,
        p,
        t,
        share,
        levers.delay_years[p],
        |line, target, delivered| match target.checked_sub(delivered) {
            Some(_) if named == Lines::Unnamed => {}
            Some(shortfall) => lines.push(ProgrammeLineResult {
                service: council.services[line.service].id.clone(),
                target: Money::from_exact(target),
                delivered: Money::from_exact(delivered),
                shortfall: Money::from_exact(shortfall),
            }),
            None => line_error = Some(o),
        },
    )?;
    if let Some(e) = line_error {
        return Err(e);
    }
    let shortfall = target.checked_sub(delivered).ok_or(o)?;
    if named == Lines::Unnamed {
        return Ok((None, shortfall));
    }
    let prog = &council.programmes[p];
    let result = ProgrammeResult {
        id: prog.id.clone(),
        name: prog.name.clone(),
        target: Money::from_exact(target),
        delivered: Money::from_exact(delivered),
        shortfall: Money::from_exact(shortfall),
        lines,
    };
    Ok((Some(result), shortfall))
}

/// What a year's result shows beyond the walk's sums.
struct Detail<'a> {
    budgets: &'a [Decimal],
    reserves: &'a [trace::Balance],
    programmes: Vec<ProgrammeResult>,
    funding: &'a trace::Funding,
    previous_band_d: Decimal,
    /// Last year's charge per band (the base year's for the first year, `None` if too
    /// large to compute), from which the weekly change is worked out.
    previous_bands: Option<&'a Bands>,
    lines: Lines,
}

/// A year's lines by service, funding stream and reserve (empty for `Lines::Unnamed`).
type YearLines = (Vec<ServiceResult>, Vec<FundingResult>, Vec<ReserveResult>);

/// Year t's lines by service, funding stream and reserve. Each line's sums are checked
/// whether or not the line is named (`Lines`), so a view fails where the projection does;
/// only the naming and rounding are skipped.
fn year_lines(
    council: &Council,
    levers: &Levers,
    t: usize,
    detail: &Detail,
) -> Result<YearLines, Overflow> {
    let o = Overflow::at("the year's figures", t);
    let named = detail.lines == Lines::Named;
    let mut services = Vec::new();
    for (line, &budget) in council.services.iter().zip(detail.budgets) {
        let budget = budget.checked_add(line.one_off[t]).ok_or(o)?;
        if named {
            services.push(ServiceResult {
                id: line.id.clone(),
                name: line.name.clone(),
                budget: Money::from_exact(budget),
            });
        }
    }
    let mut funding_streams = Vec::new();
    if named {
        funding_streams = council
            .funding
            .iter()
            .zip(&detail.funding.streams)
            .map(|(stream, amounts)| FundingResult {
                id: stream.id.clone(),
                name: stream.name.clone(),
                kind: stream.kind,
                amount: Money::from_exact(amounts[t]),
            })
            .collect();
    }
    let mut reserves = Vec::new();
    let each_reserve = council
        .reserves
        .iter()
        .zip(detail.reserves)
        .zip(&levers.option_draws)
        .zip(&levers.reserve_inflows);
    for (((r, b), chosen), inflows) in each_reserve {
        let planned_in = r.planned_in[t].checked_add(inflows[t]).ok_or(o)?;
        let planned_out = r.planned_out[t].checked_add(chosen[t]).ok_or(o)?;
        if named {
            reserves.push(ReserveResult {
                id: r.id.clone(),
                name: r.name.clone(),
                opening: Money::from_exact(b.opening),
                planned_in: Money::from_exact(planned_in),
                planned_out: Money::from_exact(planned_out),
                draw: Money::from_exact(b.draw),
                credit: Money::from_exact(b.credit),
                closing: Money::from_exact(b.closing),
            });
        }
    }
    Ok((services, funding_streams, reserves))
}

/// One year's named, rounded result.
fn year_result(
    council: &Council,
    levers: &Levers,
    t: usize,
    y: &trace::YearFigures,
    detail: Detail,
) -> Result<YearResult, Overflow> {
    let o = Overflow::at("the year's figures", t);
    let (services, funding_streams, reserves) = year_lines(council, levers, t, &detail)?;
    let band_d = detail.funding.band_d[t];
    let previous = detail.previous_band_d;
    let (core, asc) = (levers.core_pct[t], levers.asc_pct[t]);
    let bands = band_charges(council.bands(), band_d).ok_or(o)?;
    let weekly_change = weekly_changes_between(detail.previous_bands.ok_or(o)?, &bands).ok_or(o)?;
    Ok(YearResult {
        year: council.years[t].clone(),
        services,
        spend: Money::from_exact(y.spend),
        overspend: Money::from_exact(y.overspend),
        removed_savings: Money::from_exact(y.removed),
        chosen_options: Money::from_exact(y.options),
        net_requirement: Money::from_exact(y.net),
        core_pct: plain_text(core),
        asc_pct: plain_text(asc),
        band_d: Money::from_exact(band_d),
        band_d_change: Money::from_exact(band_d.checked_sub(previous).ok_or(o)?),
        restated_band_d: council.council_tax.restated_band_d[t].map(Money::from_exact),
        tax_base: Money::from_exact(detail.funding.tax_base[t]),
        bands,
        weekly_change,
        council_tax: Money::from_exact(y.council_tax),
        collection_fund: Money::from_exact(council.council_tax.collection_fund[t]),
        other_funding: Money::from_exact(y.other_funding),
        capitalisation: Money::from_exact(y.capitalised),
        capitalisation_cost: Money::from_exact(y.capital_cost),
        funding_streams,
        funding: Money::from_exact(y.funding),
        gap: Money::from_exact(y.gap),
        programmes: detail.programmes,
        shortfall: Money::from_exact(y.shortfall),
        total_gap: Money::from_exact(y.gap.checked_add(y.shortfall).ok_or(o)?),
        deficit_brought_forward: Money::from_exact(y.brought_forward),
        reserves,
        total_reserves: Money::from_exact(y.total_reserves),
        ring_fenced_reserves: Money::from_exact(y.ring_fenced),
        reserves_minimum: Money::from_exact(y.minimum),
        below_minimum: y.below_minimum,
        unfunded: Money::from_exact(y.unfunded),
        referendum: needs_referendum(council, t, core, asc)
            || asc_window_exceeded(council, t, &levers.asc_pct),
        referendum_limit: referendum_limit(council, t),
        rise_cap_pct: council.rise_cap_pct[t].map(plain_text),
        whole_bill: whole_bill(council, t, band_d).ok_or(o)?,
    })
}

/// One figure per council tax band, lowest band first, as the council's nation has them
/// (England and Scotland A to H, Wales A to I; `crate::nation`). Written as a JSON object
/// in band order: `{"A": …, …, "H": …}`. The letters are the nation's (`&'static`: nothing
/// is allocated for them in a projection) unless read back from JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bands(pub Vec<(Cow<'static, str>, Money)>);

impl Bands {
    /// Builds one figure per band of `bands` from its ratio (numerator, denominator).
    pub fn try_from_ratios(
        bands: &[BandRatio],
        mut figure: impl FnMut(i64, i64) -> Option<Money>,
    ) -> Option<Bands> {
        // A loop, not `collect::<Option<Vec<_>>>()`, which cannot know the length and
        // grows its Vec twice for eight bands.
        let mut out = Vec::with_capacity(bands.len());
        for b in bands {
            out.push((Cow::Borrowed(b.band), figure(b.numerator, b.denominator)?));
        }
        Some(Bands(out))
    }

    /// England's eight figures from each band's ratio to Band D, in ninths.
    pub fn from_fn(mut figure: impl FnMut(i64) -> Money) -> Bands {
        Bands::try_from_ratios(crate::nation::ENGLAND.bands, |n, _| Some(figure(n)))
            .unwrap_or_default()
    }

    /// The figure for a band letter ("A", …).
    pub fn get(&self, band: &str) -> Option<Money> {
        self.0.iter().find(|(b, _)| b == band).map(|&(_, m)| m)
    }

    /// Sets the figure for a band letter, if the bands have it.
    pub fn set(&mut self, band: &str, money: Money) {
        if let Some(slot) = self.0.iter_mut().find(|(b, _)| b == band) {
            slot.1 = money;
        }
    }

    /// The band letters, lowest first.
    pub fn letters(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(b, _)| b.as_ref())
    }
}

impl Serialize for Bands {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (band, money) in &self.0 {
            map.serialize_entry(band, money)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Bands {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Bands;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of money by band letter")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Bands, A::Error> {
                let mut out = Vec::new();
                while let Some((band, money)) = map.next_entry::<String, Money>()? {
                    out.push((Cow::Owned(band), money));
                }
                Ok(Bands(out))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// A band's charge in England: Band D × ninths / 9, to the penny (`None`: too large to
/// compute).
pub fn band_charge(band_d: Decimal, ninths: i64) -> Option<Decimal> {
    band_charge_ratio(band_d, ninths, 9)
}

/// A band's charge: Band D × numerator / denominator, to the penny, half away from zero
/// (model.md §2; `None`: too large to compute). `denominator` is above 0.
pub fn band_charge_ratio(band_d: Decimal, numerator: i64, denominator: i64) -> Option<Decimal> {
    // Band D is always in whole pence, so this is integer arithmetic on pence: the same
    // result as the Decimal division, several times faster. In 64 bits where everything
    // fits (always, for real councils): wasm32 has no 128-bit division instruction.
    let narrow = pence_i64(band_d)
        .and_then(|p| divide_rounding_away_i64(p.checked_mul(numerator)?, denominator));
    if let Some(q) = narrow {
        return Some(Decimal::new(q, 2));
    }
    match pence(band_d) {
        Some(p) => Decimal::try_from_i128_with_scale(
            divide_rounding_away(
                p.checked_mul(i128::from(numerator))?,
                i128::from(denominator),
            )?,
            2,
        )
        .ok(),
        None => Some(round2(
            band_d
                .checked_mul(Decimal::from(numerator))?
                .checked_div(Decimal::from(denominator))?,
        )),
    }
}

/// A decimal with at most two places as a whole number of pence, if it fits.
fn pence(d: Decimal) -> Option<i128> {
    let scale_up = 10i128.checked_pow(2u32.checked_sub(d.scale())?)?;
    d.mantissa().checked_mul(scale_up)
}

/// `pence` in 64 bits, if it fits there (`None`: use `pence`).
fn pence_i64(d: Decimal) -> Option<i64> {
    let scale_up = 10i64.checked_pow(2u32.checked_sub(d.scale())?)?;
    i64::try_from(d.mantissa()).ok()?.checked_mul(scale_up)
}

/// `n / d` rounded half away from zero, for `d > 0` (`None`: too large).
fn divide_rounding_away(n: i128, d: i128) -> Option<i128> {
    let q = n.checked_abs()?.checked_mul(2)?.checked_add(d)? / d.checked_mul(2)?;
    Some(if n < 0 { -q } else { q })
}

/// `divide_rounding_away` in 64 bits (`None`: too large for them).
fn divide_rounding_away_i64(n: i64, d: i64) -> Option<i64> {
    let q = n.checked_abs()?.checked_mul(2)?.checked_add(d)? / d.checked_mul(2)?;
    Some(if n < 0 { -q } else { q })
}

/// Every band's charge for a Band D (`None`: too large to compute).
fn band_charges(bands: &[BandRatio], band_d: Decimal) -> Option<Bands> {
    Bands::try_from_ratios(bands, |num, den| {
        band_charge_ratio(band_d, num, den).map(Money::from_exact)
    })
}

/// Per band, the weekly change in the charge from one Band D to another:
/// (charge after − charge before) / 52, to the penny (`None`: too large to compute).
pub fn weekly_changes(
    bands: &[BandRatio],
    band_d_before: Decimal,
    band_d_after: Decimal,
) -> Option<Bands> {
    weekly_changes_between(
        &band_charges(bands, band_d_before)?,
        &band_charges(bands, band_d_after)?,
    )
}

/// Per band, the weekly change from one year's charges to another's (both the same
/// nation's bands, as `band_charges` gives them): a projection has each year's charges
/// already, so it need not work them out again for the change.
fn weekly_changes_between(before: &Bands, after: &Bands) -> Option<Bands> {
    let mut out = Vec::with_capacity(after.0.len());
    for ((band, after), (_, before)) in after.0.iter().zip(&before.0) {
        let change = after.value().checked_sub(before.value())?;
        let weekly = match pence_i64(change).and_then(|p| divide_rounding_away_i64(p, 52)) {
            Some(q) => Decimal::new(q, 2),
            None => match pence(change) {
                Some(p) => {
                    Decimal::try_from_i128_with_scale(divide_rounding_away(p, 52)?, 2).ok()?
                }
                None => change / Decimal::from(52),
            },
        };
        out.push((band.clone(), Money::from_exact(weekly)));
    }
    Some(Bands(out))
}

/// Year t's referendum limits, as `needs_referendum` applies them (`None`: the council's
/// nation has no referendums).
pub fn referendum_limit(council: &Council, t: usize) -> Option<ReferendumLimit> {
    if council.rules().rise_rule != RiseRule::Referendum {
        return None;
    }
    let limits = &council.referendum;
    let text = plain_text;
    Some(match limits.dispensation_pct[t] {
        Some(total) => ReferendumLimit {
            core_pct: None,
            asc_pct: None,
            total_pct: text(total),
            dispensation: true,
        },
        None => ReferendumLimit {
            core_pct: Some(text(limits.core_limit_pct[t])),
            asc_pct: Some(text(limits.asc_limit_pct[t])),
            total_pct: text(limits.core_limit_pct[t] + limits.asc_limit_pct[t]),
            dispensation: false,
        },
    })
}

/// Whether year t's rise is excessive and needs a local referendum. The law calls a rise
/// of X% *or more* excessive. The core limit applies to the core rise; the adult social
/// care precept is an allowance on top, so the total is excessive at core + ASC limit or
/// more (a 1.99% core + 2% ASC rise in 2020/21 was lawful). A dispensation replaces the
/// total limit. See docs/model-notes.md. Never, where the nation has no referendums.
pub fn needs_referendum(council: &Council, t: usize, core_pct: Decimal, asc_pct: Decimal) -> bool {
    if council.rules().rise_rule != RiseRule::Referendum {
        return false;
    }
    let limits = &council.referendum;
    let total = core_pct + asc_pct;
    match limits.dispensation_pct[t] {
        Some(dispensation) => total >= dispensation,
        None => {
            core_pct >= limits.core_limit_pct[t]
                || total >= limits.core_limit_pct[t] + limits.asc_limit_pct[t]
        }
    }
}

/// Whether the adult social care rises of a window of years up to and including year t add
/// up to more than the window allows (England 2017/18 to 2019/20: 6% in all, at most 3% in
/// any one year — that part is the year's own limit). A rise that takes the total past the
/// cap needs a referendum; reaching it exactly does not. See docs/model-notes.md.
pub fn asc_window_exceeded(council: &Council, t: usize, asc_pcts: &[Decimal]) -> bool {
    // A dispensation replaces the year's principles, the window's with them.
    council.rules().rise_rule == RiseRule::Referendum
        && council.referendum.dispensation_pct[t].is_none()
        && council.referendum.asc_windows.iter().any(|w| {
            w.years.contains(&t)
                && w.years
                    .iter()
                    .filter(|&&y| y <= t)
                    .map(|&y| asc_pcts.get(y).copied().unwrap_or_default())
                    .sum::<Decimal>()
                    > w.max_total_pct
        })
}

/// Whether year t's rise keeps the nation's rule: in England, it needs no referendum; in
/// Scotland, it is at most the year's cap; in Wales, any rise.
pub fn within_rules(council: &Council, t: usize, core_pct: Decimal, asc_pct: Decimal) -> bool {
    match council.rules().rise_rule {
        RiseRule::Referendum => !needs_referendum(council, t, core_pct, asc_pct),
        RiseRule::Cap => !matches!(council.rise_cap_pct[t], Some(cap) if core_pct + asc_pct > cap),
        RiseRule::None => true,
    }
}
