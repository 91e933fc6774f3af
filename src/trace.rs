//! The projection's arithmetic (model.md §5), exact and without names, rounding or
//! summaries: the one implementation of the model. `engine::project` walks it with an
//! observer that keeps the detail (service budgets, reserves) and builds the named,
//! rounded result; the Monte Carlo (`risk`), goal seek (`goal`) and the sensitivity chart
//! (`drivers`) evaluate thousands of lever settings through it without one.
//!
//! It is split into the parts a caller may hold fixed while others vary: funding (the
//! council tax levers), savings removed (targets and own savings), each programme's
//! shortfall (its delivery and delay), and the spending and reserves walk.

use crate::error::Overflow;
use crate::model::{Council, ProgrammeLine, ReservesMinimum};
use crate::number::round2;
use crate::scenario::Levers;
use rust_decimal::Decimal;

fn pct(d: Decimal) -> Decimal {
    // Division by 100 only moves the decimal point: it cannot overflow.
    d / Decimal::ONE_HUNDRED
}

/// `1 + rate / 100`, checked.
fn multiplier(rate: Decimal, o: Overflow) -> Result<Decimal, Overflow> {
    Decimal::ONE.checked_add(pct(rate)).ok_or(o)
}

/// Checked `a + b`, `a − b` and `a × b`, each failing with `o`: every step of the walk on
/// figures from outside goes through these (or a `checked_*` call of its own).
fn add(a: Decimal, b: Decimal, o: Overflow) -> Result<Decimal, Overflow> {
    a.checked_add(b).ok_or(o)
}
fn sub(a: Decimal, b: Decimal, o: Overflow) -> Result<Decimal, Overflow> {
    a.checked_sub(b).ok_or(o)
}
fn mul(a: Decimal, b: Decimal, o: Overflow) -> Result<Decimal, Overflow> {
    a.checked_mul(b).ok_or(o)
}

/// `Σ values`, checked.
pub fn sum(values: impl IntoIterator<Item = Decimal>, o: Overflow) -> Result<Decimal, Overflow> {
    values
        .into_iter()
        .try_fold(Decimal::ZERO, |total, v| add(total, v, o))
}

/// One projection year's exact figures (before output rounding).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct YearFigures {
    pub spend: Decimal,
    pub removed: Decimal,
    /// The chosen options' effects: pounds by which they lower the net requirement.
    pub options: Decimal,
    pub net: Decimal,
    pub council_tax: Decimal,
    pub other_funding: Decimal,
    /// A capitalisation direction: one-off funding this year.
    pub capitalised: Decimal,
    pub funding: Decimal,
    pub gap: Decimal,
    /// Σ programme shortfalls (negative: early achievement overall).
    pub shortfall: Decimal,
    /// Last year's unfunded deficit, still owed: it joins this year's need (docs/
    /// model-notes.md, "A deficit carries forward").
    pub brought_forward: Decimal,
    /// Automatic draws and credits, all reserves together (planned movements excluded).
    pub draws: Decimal,
    pub credits: Decimal,
    pub total_reserves: Decimal,
    /// The part of `total_reserves` in ring-fenced reserves (not tested against the minimum).
    pub ring_fenced: Decimal,
    pub minimum: Decimal,
    pub unfunded: Decimal,
    pub below_minimum: bool,
    /// The spending change since last year, by cause (Σ over service lines):
    /// `B[t-1] × (1 + inflation)` − `B[t-1]`,
    pub inflation: Decimal,
    /// `growth × growth_factor`,
    pub growth: Decimal,
    /// `base_change`,
    pub base_change: Decimal,
    /// and this year's `one_off` (the change is against last year's).
    pub one_off: Decimal,
    pub extra_spend: Decimal,
    /// The cost of earlier capitalisation directions' borrowing (MRP and interest),
    /// inside `spend`.
    pub capital_cost: Decimal,
    /// The data set's stated in-year overspend: one-off spending, inside `spend`.
    pub overspend: Decimal,
}

/// Council tax and other funding per year: they depend only on the council tax, tax base
/// and funding levers.
#[derive(Clone, Debug, PartialEq)]
pub struct Funding {
    /// Band D and the tax base after each year's rise and growth (rounded to the penny,
    /// as the council sets them).
    pub band_d: Vec<Decimal>,
    pub tax_base: Vec<Decimal>,
    /// `round2(band_d × tax_base)` + the collection fund.
    pub council_tax: Vec<Decimal>,
    /// Each funding stream's amount, `streams[f][t]`, and their sum per year.
    pub streams: Vec<Vec<Decimal>>,
    pub other: Vec<Decimal>,
    /// Capitalisation directions: one-off funding in the year given (docs/model-notes.md).
    pub capitalised: Vec<Decimal>,
}

pub fn funding(council: &Council, levers: &Levers) -> Result<Funding, Overflow> {
    let n = council.horizon();
    let mut band_d = council.council_tax.band_d;
    let mut tax_base = council.council_tax.tax_base;
    let mut out = Funding {
        band_d: Vec::with_capacity(n),
        tax_base: Vec::with_capacity(n),
        council_tax: Vec::with_capacity(n),
        streams: vec![Vec::with_capacity(n); council.funding.len()],
        other: Vec::with_capacity(n),
        capitalised: levers.capitalisation.clone(),
    };
    for t in 0..n {
        let o = Overflow::at("Band D", t);
        let rise = add(levers.core_pct[t], levers.asc_pct[t], o)?;
        // The rise applies to last year's Band D restated like-for-like, where a service
        // moved to another body (docs/model-notes.md).
        let base = council.council_tax.restated_band_d[t].unwrap_or(band_d);
        band_d = round2(mul(base, multiplier(rise, o)?, o)?);
        let o = Overflow::at("the tax base", t);
        tax_base = round2(mul(
            tax_base,
            multiplier(levers.tax_base_growth_pct[t], o)?,
            o,
        )?);
        out.band_d.push(band_d);
        out.tax_base.push(tax_base);
        let o = Overflow::at("the council tax", t);
        let yield_ = round2(mul(band_d, tax_base, o)?);
        out.council_tax
            .push(add(yield_, council.council_tax.collection_fund[t], o)?);
        let o = Overflow::at("the other funding", t);
        let mut other = Decimal::ZERO;
        for (f, stream) in council.funding.iter().enumerate() {
            let change = multiplier(levers.funding_change_pct[f][t], o)?;
            let amount = mul(stream.amount[t], change, o)?;
            out.streams[f].push(amount);
            other = add(other, amount, o)?;
        }
        out.other.push(other);
    }
    Ok(out)
}

/// Savings removed from budgets per year: own extra savings plus every programme's target
/// since the base year.
pub fn removed(council: &Council, extra_savings: &[Decimal]) -> Result<Vec<Decimal>, Overflow> {
    (0..council.horizon())
        .map(|t| {
            let o = Overflow::at("the savings removed from budgets", t);
            let mut removed = extra_savings[t];
            for prog in &council.programmes {
                for line in &prog.lines {
                    let since_base =
                        sub(line.target_from_base[t + 1], line.target_from_base[0], o)?;
                    removed = add(removed, since_base, o)?;
                }
            }
            Ok(removed)
        })
        .collect()
}

/// Programme `p`'s target and delivery in year `t` (0-based), summed over its lines in
/// order: each line's target since the base year, and its plan scaled by the delivery
/// share and slipped by the delay (Σ inc[k] for k = 1..m is plan[min(m, N)] − plan[0];
/// nothing when m ≤ 0). `each_line(line, target, delivered)` sees every line's figures.
pub fn programme_year(
    council: &Council,
    p: usize,
    t: usize,
    share: Decimal,
    delay: usize,
    mut each_line: impl FnMut(&ProgrammeLine, Decimal, Decimal),
) -> Result<(Decimal, Decimal), Overflow> {
    let o = Overflow::at("a savings programme's delivery", t);
    let reached = (t + 1).saturating_sub(delay).min(council.horizon());
    let (mut target, mut delivered) = (Decimal::ZERO, Decimal::ZERO);
    for line in &council.programmes[p].lines {
        let line_target = line.target_from_base[t + 1];
        let future = sub(line.plan_from_base[reached], line.plan_from_base[0], o)?;
        let line_delivered = add(line.plan_from_base[0], mul(share, future, o)?, o)?;
        each_line(line, line_target, line_delivered);
        target = add(target, line_target, o)?;
        delivered = add(delivered, line_delivered, o)?;
    }
    Ok((target, delivered))
}

/// Programme `p`'s shortfall per year (target − delivered; negative is early achievement)
/// at a delivery percentage and delay.
pub fn shortfalls(
    council: &Council,
    p: usize,
    delivery_pct: Decimal,
    delay: usize,
) -> Result<Vec<Decimal>, Overflow> {
    let share = pct(delivery_pct);
    (0..council.horizon())
        .map(|t| {
            let (target, delivered) = programme_year(council, p, t, share, delay, |_, _, _| {})?;
            sub(
                target,
                delivered,
                Overflow::at("a savings programme's shortfall", t),
            )
        })
        .collect()
}

/// A reserve's year: its balance at the start, what the savings and gap steps drew from
/// it and added to it, and its balance at the end (planned movements included).
#[derive(Clone, Copy, Debug, Default)]
pub struct Balance {
    pub opening: Decimal,
    pub draw: Decimal,
    pub credit: Decimal,
    pub closing: Decimal,
}

impl Balance {
    fn take(&mut self, wanted: Decimal, floor: Decimal, o: Overflow) -> Result<Decimal, Overflow> {
        let available = sub(self.closing, floor, o)?.max(Decimal::ZERO);
        let drawn = wanted.min(available);
        self.draw = add(self.draw, drawn, o)?;
        self.closing = sub(self.closing, drawn, o)?;
        Ok(drawn)
    }
    fn give(&mut self, amount: Decimal, o: Overflow) -> Result<(), Overflow> {
        self.credit = add(self.credit, amount, o)?;
        self.closing = add(self.closing, amount, o)?;
        Ok(())
    }
}

/// Walks the years: spending under the inflation and growth levers, then funding, savings
/// and reserves as model.md §5 orders them. `shortfalls[p][t]` and `removed[t]` come from
/// the functions above (for the same levers).
pub struct Walker<'a> {
    council: &'a Council,
    gap_funders: Vec<usize>,
    budgets: Vec<Decimal>,
    balances: Vec<Balance>,
    multipliers: Vec<(Decimal, Decimal)>,
    /// Whether to sum the waterfall's spending parts (the Monte Carlo does not need them).
    parts: bool,
}

impl<'a> Walker<'a> {
    pub fn new(council: &'a Council) -> Self {
        // Reserves that fund gaps, lowest gap_order first, data order between equals (as
        // the engine's stable sort; picked one by one, which keeps the wasm small).
        let mut left: Vec<usize> = (0..council.reserves.len())
            .filter(|&r| council.reserves[r].gap_order.is_some())
            .collect();
        let mut gap_funders = Vec::with_capacity(left.len());
        while !left.is_empty() {
            let mut first = 0;
            for (i, &r) in left.iter().enumerate() {
                if council.reserves[r].gap_order < council.reserves[left[first]].gap_order {
                    first = i;
                }
            }
            gap_funders.push(left.remove(first));
        }
        Walker {
            council,
            gap_funders,
            budgets: Vec::with_capacity(council.services.len()),
            balances: vec![Balance::default(); council.reserves.len()],
            multipliers: Vec::new(),
            parts: true,
        }
    }

    /// A walker that leaves the waterfall's spending parts (`inflation`, `growth`,
    /// `base_change`, `one_off`) at 0, for speed; every other figure is the same.
    pub fn without_parts(council: &'a Council) -> Self {
        Walker {
            parts: false,
            ..Walker::new(council)
        }
    }

    /// `1 + (inflation + adjustment) / 100`, computed once for each distinct sum this
    /// walk meets (a division is the slowest step; the result is the same value).
    fn multiplier(&mut self, rate: Decimal, o: Overflow) -> Result<Decimal, Overflow> {
        let key = rate;
        if let Some(&(_, m)) = self
            .multipliers
            .iter()
            .find(|(k, _)| k.serialize() == key.serialize())
        {
            return Ok(m);
        }
        let m = multiplier(rate, o)?;
        if self.multipliers.len() < 16 {
            self.multipliers.push((key, m));
        }
        Ok(m)
    }

    /// The exact figures of every year for these levers. `levers.delivery_pct`,
    /// `delay_years`, the council tax, tax base, funding and extra savings levers are not
    /// read: their effects arrive through `funding`, `removed` and `shortfalls`.
    pub fn walk(
        &mut self,
        levers: &Levers,
        funding: &Funding,
        removed: &[Decimal],
        shortfalls: &[&[Decimal]],
        out: &mut Vec<YearFigures>,
    ) -> Result<(), Overflow> {
        self.walk_observed(levers, funding, removed, shortfalls, out, &mut ())
    }

    /// `walk`, showing `observer` each year's service budgets and reserves (for
    /// `engine::project`'s full result; the Monte Carlo passes `()`, which costs nothing).
    pub fn walk_observed<O: Observer>(
        &mut self,
        levers: &Levers,
        funding: &Funding,
        removed: &[Decimal],
        shortfalls: &[&[Decimal]],
        out: &mut Vec<YearFigures>,
        observer: &mut O,
    ) -> Result<(), Overflow> {
        let council = self.council;
        self.multipliers.clear();
        self.budgets.clear();
        self.budgets.extend(council.services.iter().map(|s| s.base));
        for (b, r) in self.balances.iter_mut().zip(&council.reserves) {
            b.closing = r.opening;
        }
        out.clear();
        let mut carried = Decimal::ZERO;
        for (t, &removed) in removed.iter().enumerate().take(council.horizon()) {
            let mut y = self.spend(levers, t)?;
            y.brought_forward = carried;
            let o = Overflow::at("the budget gap", t);
            y.removed = removed;
            y.options = levers.option_effect[t];
            y.net = sub(sub(y.spend, removed, o)?, y.options, o)?;
            y.council_tax = funding.council_tax[t];
            y.other_funding = funding.other[t];
            y.capitalised = funding.capitalised[t];
            y.funding = add(
                add(funding.council_tax[t], funding.other[t], o)?,
                y.capitalised,
                o,
            )?;
            y.gap = sub(y.net, y.funding, o)?;
            self.reserves(levers, shortfalls, t, &mut y)?;
            carried = y.unfunded;
            observer.year(&self.budgets, &self.balances);
            out.push(y);
        }
        Ok(())
    }

    /// Year `t`'s spending: each service line's budget moved on a year (model.md §5),
    /// with the waterfall's parts when asked for.
    fn spend(&mut self, levers: &Levers, t: usize) -> Result<YearFigures, Overflow> {
        let o = Overflow::at("the year's spending", t);
        let capital_cost = capital_cost(self.council, &levers.capitalisation, t, o)?;
        let overspend = self.council.overspend[t];
        let mut y = YearFigures {
            extra_spend: levers.extra_spend[t],
            spend: add(add(levers.extra_spend[t], capital_cost, o)?, overspend, o)?,
            capital_cost,
            overspend,
            ..Default::default()
        };
        for (s, line) in self.council.services.iter().enumerate() {
            let rate = add(line.inflation_pct[t], levers.inflation_adjust_pp[t], o)?;
            let m = self.multiplier(rate, o)?;
            let previous = self.budgets[s];
            let inflated = mul(previous, m, o)?;
            let growth = mul(line.growth[t], levers.growth_factor[s], o)?;
            self.budgets[s] = add(add(inflated, line.base_change[t], o)?, growth, o)?;
            y.spend = add(y.spend, add(self.budgets[s], line.one_off[t], o)?, o)?;
            if self.parts {
                y.inflation = add(y.inflation, sub(inflated, previous, o)?, o)?;
                y.growth = add(y.growth, growth, o)?;
                y.base_change = add(y.base_change, line.base_change[t], o)?;
                y.one_off = add(y.one_off, line.one_off[t], o)?;
            }
        }
        Ok(y)
    }

    /// Year `t`'s reserves, in model.md §5's order: planned movements, each programme's
    /// shortfall or early achievement, then the gap. Fills in `y`'s reserve figures.
    fn reserves(
        &mut self,
        levers: &Levers,
        shortfalls: &[&[Decimal]],
        t: usize,
        y: &mut YearFigures,
    ) -> Result<(), Overflow> {
        let council = self.council;
        let o = Overflow::at("the reserves", t);
        for (((b, r), chosen), inflows) in self
            .balances
            .iter_mut()
            .zip(&council.reserves)
            .zip(&levers.option_draws)
            .zip(&levers.reserve_inflows)
        {
            b.opening = b.closing;
            let out = add(r.planned_out[t], chosen[t], o)?;
            let planned_in = add(r.planned_in[t], inflows[t], o)?;
            b.closing = sub(add(b.closing, planned_in, o)?, out, o)?;
            b.draw = Decimal::ZERO;
            b.credit = Decimal::ZERO;
        }
        let mut uncovered = Decimal::ZERO;
        let mut uncredited = Decimal::ZERO;
        for (p, prog) in council.programmes.iter().enumerate() {
            let shortfall = shortfalls[p][t];
            y.shortfall = add(y.shortfall, shortfall, o)?;
            if !levers.use_reserves {
                uncovered = add(uncovered, shortfall, o)?;
            } else if shortfall > Decimal::ZERO {
                let covered = match prog.cash_flow_reserve {
                    Some(r) => self.balances[r].take(shortfall, council.reserves[r].floor, o)?,
                    None => Decimal::ZERO,
                };
                uncovered = add(uncovered, sub(shortfall, covered, o)?, o)?;
            } else if shortfall < Decimal::ZERO {
                match prog.early_delivery_reserve {
                    Some(r) => self.balances[r].give(-shortfall, o)?,
                    None => uncredited = sub(uncredited, shortfall, o)?,
                }
            }
        }
        let mut need = sub(add(y.gap, uncovered, o)?, uncredited, o)?;
        // Last year's deficit is still owed, and a gap-funding reserve below zero is
        // repaid before anything else: both join the need (docs/model-notes.md).
        need = add(need, y.brought_forward, o)?;
        if levers.use_reserves {
            for &r in &self.gap_funders {
                let owed = -self.balances[r].closing;
                if owed > Decimal::ZERO {
                    self.balances[r].give(owed, o)?;
                    need = add(need, owed, o)?;
                }
            }
            if need > Decimal::ZERO {
                for &r in &self.gap_funders {
                    let drawn = self.balances[r].take(need, council.reserves[r].floor, o)?;
                    need = sub(need, drawn, o)?;
                }
            } else if need < Decimal::ZERO {
                if let Some(&r) = self.gap_funders.first() {
                    self.balances[r].give(-need, o)?;
                    need = Decimal::ZERO;
                }
            }
        }
        y.total_reserves = sum(self.balances.iter().map(|b| b.closing), o)?;
        y.minimum = match council.reserves_minimum {
            ReservesMinimum::Amount(a) => a,
            ReservesMinimum::PctOfNetRequirement(p) => mul(y.net, pct(p), o)?,
        };
        y.draws = sum(self.balances.iter().map(|b| b.draw), o)?;
        y.credits = sum(self.balances.iter().map(|b| b.credit), o)?;
        y.unfunded = need.max(Decimal::ZERO);
        // Ring-fenced reserves are not the council's to spend: they do not count towards
        // the minimum (docs/model-notes.md).
        y.ring_fenced = sum(
            self.balances
                .iter()
                .zip(&council.reserves)
                .filter(|(_, r)| r.ring_fenced)
                .map(|(b, _)| b.closing),
            o,
        )?;
        y.below_minimum = sub(y.total_reserves, y.ring_fenced, o)? < y.minimum;
        Ok(())
    }
}

/// Year `t`'s cost of the borrowing behind earlier capitalisation directions: for each
/// direction `D` given `j` years before (1 ≤ j ≤ N), minimum revenue provision `D / N` plus
/// a year's interest on what is still owed at the start of the year, `D × (N − j + 1) / N`
/// (docs/model-notes.md, "Capitalisation directions"). 0 without the section.
pub fn capital_cost(
    council: &Council,
    directions: &[Decimal],
    t: usize,
    o: Overflow,
) -> Result<Decimal, Overflow> {
    let Some(k) = &council.capitalisation else {
        return Ok(Decimal::ZERO);
    };
    let n = Decimal::from(k.repayment_years);
    let rate = pct(k.interest_pct);
    let mut cost = Decimal::ZERO;
    for (given, &d) in directions.iter().enumerate().take(t) {
        let j = t - given;
        if d.is_zero() || j > k.repayment_years {
            continue;
        }
        let mrp = d.checked_div(n).ok_or(o)?;
        let owed = mul(d, Decimal::from(k.repayment_years - j + 1), o)?
            .checked_div(n)
            .ok_or(o)?;
        cost = add(add(cost, mrp, o)?, mul(owed, rate, o)?, o)?;
    }
    Ok(cost)
}

/// Sees each year of a walk as it ends: every service line's recurring budget (before the
/// year's one-off items) and every reserve's year.
pub trait Observer {
    fn year(&mut self, budgets: &[Decimal], reserves: &[Balance]);
}

/// No observer: the walk's figures only.
impl Observer for () {
    fn year(&mut self, _: &[Decimal], _: &[Balance]) {}
}

/// Every year's exact figures for a set of levers: `engine::project` without the output.
pub fn figures(council: &Council, levers: &Levers) -> Result<Vec<YearFigures>, Overflow> {
    let funding = funding(council, levers)?;
    let removed = removed(council, &levers.extra_savings)?;
    let shortfalls = all_shortfalls(council, levers)?;
    let refs: Vec<&[Decimal]> = shortfalls.iter().map(Vec::as_slice).collect();
    let mut out = Vec::with_capacity(council.horizon());
    Walker::new(council).walk(levers, &funding, &removed, &refs, &mut out)?;
    Ok(out)
}

/// Every programme's shortfalls under the levers' delivery and delay.
pub fn all_shortfalls(council: &Council, levers: &Levers) -> Result<Vec<Vec<Decimal>>, Overflow> {
    (0..council.programmes.len())
        .map(|p| shortfalls(council, p, levers.delivery_pct[p], levers.delay_years[p]))
        .collect()
}

impl YearFigures {
    /// Whether the year cannot be balanced: what is left unfunded comes to at least a
    /// penny when rounded (half a penny exactly). Less is no shortfall anyone could see,
    /// and the result shows it as £0.00. The one test of "unfunded" (docs/model-notes.md).
    pub fn is_unfunded(&self) -> bool {
        self.unfunded >= Decimal::new(5, 3)
    }
}

/// Whether a year is safe: balanced (nothing unfunded) and total reserves at or above the
/// minimum. The goal seek's goal, and the opposite of what the Monte Carlo counts.
pub fn safe(y: &YearFigures) -> bool {
    !y.is_unfunded() && !y.below_minimum
}
