//! The projection: model.md §5 year by year, exactly, in `Decimal`. No I/O.

use crate::model::{Council, ReservesMinimum};
use crate::number::{round2, Money};
use crate::scenario::Levers;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// England's band ratios to Band D, in ninths (Local Government Finance Act 1992 s.5).
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
    pub base_year: String,
    pub years: Vec<YearResult>,
    pub summary: Summary,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearResult {
    pub year: String,
    pub services: Vec<ServiceResult>,
    pub spend: Money,
    pub removed_savings: Money,
    pub net_requirement: Money,
    pub core_pct: String,
    pub asc_pct: String,
    pub band_d: Money,
    pub band_d_change: Money,
    pub tax_base: Money,
    pub bands: Bands,
    /// Per band: the change in the year's charge from the year before, divided by 52
    /// weeks, to the penny (what a household pays more, or less, each week).
    pub weekly_change: Bands,
    pub council_tax: Money,
    pub collection_fund: Money,
    pub other_funding: Money,
    pub funding_streams: Vec<FundingResult>,
    pub funding: Money,
    pub gap: Money,
    pub programmes: Vec<ProgrammeResult>,
    /// Σ programme shortfalls (negative: early achievement overall).
    pub shortfall: Money,
    /// `gap + shortfall`: the budget gap plus savings not delivered (less savings
    /// delivered early), which the year must meet from reserves or leave unfunded.
    pub total_gap: Money,
    pub reserves: Vec<ReserveResult>,
    pub total_reserves: Money,
    pub reserves_minimum: Money,
    pub below_minimum: bool,
    pub unfunded: Money,
    pub referendum: bool,
    /// The year's referendum limits, as `needs_referendum` applies them.
    pub referendum_limit: ReferendumLimit,
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

/// Exact per-year figures before rounding for output; the tests check the identities on
/// these as well as on the rounded result.
#[derive(Clone, Debug, Default)]
struct ReserveYear {
    opening: Decimal,
    planned_in: Decimal,
    planned_out: Decimal,
    draw: Decimal,
    credit: Decimal,
    closing: Decimal,
}

impl ReserveYear {
    fn available(&self, floor: Decimal) -> Decimal {
        (self.closing - floor).max(Decimal::ZERO)
    }
    fn take(&mut self, wanted: Decimal, floor: Decimal) -> Decimal {
        let drawn = wanted.min(self.available(floor));
        self.draw += drawn;
        self.closing -= drawn;
        drawn
    }
    fn give(&mut self, amount: Decimal) {
        self.credit += amount;
        self.closing += amount;
    }
}

fn pct(d: Decimal) -> Decimal {
    d / Decimal::ONE_HUNDRED
}

/// Projects the council's plan under the given levers: model.md §5 and §6.
pub fn project(council: &Council, levers: &Levers) -> Projection {
    let n = council.horizon();
    let mut budgets: Vec<Decimal> = council.services.iter().map(|s| s.base).collect();
    let mut band_d = council.council_tax.band_d;
    let mut tax_base = council.council_tax.tax_base;
    let mut balances: Vec<Decimal> = council.reserves.iter().map(|r| r.opening).collect();
    // Reserves that fund gaps, lowest gap_order first (data order breaks ties).
    let mut gap_funders: Vec<usize> = (0..council.reserves.len())
        .filter(|&r| council.reserves[r].gap_order.is_some())
        .collect();
    gap_funders.sort_by_key(|&r| council.reserves[r].gap_order);

    let mut years = Vec::with_capacity(n);
    for t in 0..n {
        // Service budgets (recurring), then the year's spend.
        let mut spend = levers.extra_spend[t];
        let mut services = Vec::with_capacity(budgets.len());
        for (s, line) in council.services.iter().enumerate() {
            budgets[s] = budgets[s]
                * (Decimal::ONE + pct(line.inflation_pct[t] + levers.inflation_adjust_pp[t]))
                + line.base_change[t]
                + line.growth[t] * levers.growth_factor[s];
            let budget = budgets[s] + line.one_off[t];
            spend += budget;
            services.push(ServiceResult {
                id: line.id.clone(),
                name: line.name.clone(),
                budget: Money::from_exact(budget),
            });
        }

        // Savings: removed (targets) and delivered (plans, scaled and slipped).
        let mut removed = levers.extra_savings[t];
        let mut programmes = Vec::with_capacity(council.programmes.len());
        let mut shortfalls = Vec::with_capacity(council.programmes.len());
        for (p, prog) in council.programmes.iter().enumerate() {
            let (mut target, mut delivered) = (Decimal::ZERO, Decimal::ZERO);
            // Σ inc[k] for k = 1..m is plan[min(m, N)] − plan[0]; nothing when m ≤ 0.
            let reached = (t + 1).saturating_sub(levers.delay_years[p]).min(n);
            let mut lines = Vec::with_capacity(prog.lines.len());
            for line in &prog.lines {
                let line_target = line.target_from_base[t + 1];
                let line_delivered = line.plan_from_base[0]
                    + pct(levers.delivery_pct[p])
                        * (line.plan_from_base[reached] - line.plan_from_base[0]);
                target += line_target;
                delivered += line_delivered;
                removed += line_target - line.target_from_base[0];
                lines.push(ProgrammeLineResult {
                    service: council.services[line.service].id.clone(),
                    target: Money::from_exact(line_target),
                    delivered: Money::from_exact(line_delivered),
                    shortfall: Money::from_exact(line_target - line_delivered),
                });
            }
            let shortfall = target - delivered;
            shortfalls.push(shortfall);
            programmes.push(ProgrammeResult {
                id: prog.id.clone(),
                name: prog.name.clone(),
                target: Money::from_exact(target),
                delivered: Money::from_exact(delivered),
                shortfall: Money::from_exact(shortfall),
                lines,
            });
        }
        let net = spend - removed;

        // Funding.
        let previous_band_d = band_d;
        band_d = round2(band_d * (Decimal::ONE + pct(levers.core_pct[t] + levers.asc_pct[t])));
        tax_base = round2(tax_base * (Decimal::ONE + pct(levers.tax_base_growth_pct[t])));
        let collection_fund = council.council_tax.collection_fund[t];
        let council_tax = round2(band_d * tax_base) + collection_fund;
        let mut other = Decimal::ZERO;
        let mut funding_streams = Vec::with_capacity(council.funding.len());
        for (f, stream) in council.funding.iter().enumerate() {
            let amount = stream.amount[t] * (Decimal::ONE + pct(levers.funding_change_pct[f][t]));
            other += amount;
            funding_streams.push(FundingResult {
                id: stream.id.clone(),
                name: stream.name.clone(),
                kind: stream.kind,
                amount: Money::from_exact(amount),
            });
        }
        let funding = council_tax + other;
        let gap = net - funding;

        // Reserves, in the order of model.md §5.
        let mut ry: Vec<ReserveYear> = council
            .reserves
            .iter()
            .zip(&balances)
            .map(|(r, &bal)| {
                let (planned_in, planned_out) = (r.planned_in[t], r.planned_out[t]);
                ReserveYear {
                    opening: bal,
                    planned_in,
                    planned_out,
                    closing: bal + planned_in - planned_out,
                    ..Default::default()
                }
            })
            .collect();
        let mut uncovered = Decimal::ZERO;
        let mut uncredited = Decimal::ZERO;
        for (p, prog) in council.programmes.iter().enumerate() {
            let shortfall = shortfalls[p];
            if !levers.use_reserves {
                uncovered += shortfall;
            } else if shortfall > Decimal::ZERO {
                let covered = match prog.cash_flow_reserve {
                    Some(r) => ry[r].take(shortfall, council.reserves[r].floor),
                    None => Decimal::ZERO,
                };
                uncovered += shortfall - covered;
            } else if shortfall < Decimal::ZERO {
                match prog.early_delivery_reserve {
                    Some(r) => ry[r].give(-shortfall),
                    None => uncredited += -shortfall,
                }
            }
        }
        let mut need = gap + uncovered - uncredited;
        if levers.use_reserves {
            if need > Decimal::ZERO {
                for &r in &gap_funders {
                    need -= ry[r].take(need, council.reserves[r].floor);
                }
            } else if need < Decimal::ZERO {
                if let Some(&r) = gap_funders.first() {
                    ry[r].give(-need);
                    need = Decimal::ZERO;
                }
            }
        }
        let unfunded = need.max(Decimal::ZERO);

        let total_reserves: Decimal = ry.iter().map(|r| r.closing).sum();
        let minimum = match council.reserves_minimum {
            ReservesMinimum::Amount(a) => a,
            ReservesMinimum::PctOfNetRequirement(p) => net * pct(p),
        };
        let reserves = council
            .reserves
            .iter()
            .zip(&ry)
            .map(|(r, y)| ReserveResult {
                id: r.id.clone(),
                name: r.name.clone(),
                opening: Money::from_exact(y.opening),
                planned_in: Money::from_exact(y.planned_in),
                planned_out: Money::from_exact(y.planned_out),
                draw: Money::from_exact(y.draw),
                credit: Money::from_exact(y.credit),
                closing: Money::from_exact(y.closing),
            })
            .collect();
        for (bal, y) in balances.iter_mut().zip(&ry) {
            *bal = y.closing;
        }

        let (core, asc) = (levers.core_pct[t], levers.asc_pct[t]);
        years.push(YearResult {
            year: council.years[t].clone(),
            services,
            spend: Money::from_exact(spend),
            removed_savings: Money::from_exact(removed),
            net_requirement: Money::from_exact(net),
            core_pct: core.normalize().to_string(),
            asc_pct: asc.normalize().to_string(),
            band_d: Money::from_exact(band_d),
            band_d_change: Money::from_exact(band_d - previous_band_d),
            tax_base: Money::from_exact(tax_base),
            bands: Bands::from_fn(|ninths| Money::from_exact(band_charge(band_d, ninths))),
            weekly_change: weekly_changes(previous_band_d, band_d),
            council_tax: Money::from_exact(council_tax),
            collection_fund: Money::from_exact(collection_fund),
            other_funding: Money::from_exact(other),
            funding_streams,
            funding: Money::from_exact(funding),
            gap: Money::from_exact(gap),
            programmes,
            shortfall: Money::from_exact(shortfalls.iter().sum()),
            total_gap: Money::from_exact(gap + shortfalls.iter().sum::<Decimal>()),
            reserves,
            total_reserves: Money::from_exact(total_reserves),
            reserves_minimum: Money::from_exact(minimum),
            below_minimum: total_reserves < minimum,
            unfunded: Money::from_exact(unfunded),
            referendum: needs_referendum(council, t, core, asc),
            referendum_limit: referendum_limit(council, t),
        });
    }
    let summary = crate::words::summarise(council, &years, levers);
    Projection {
        council: council.name.clone(),
        base_year: council.base_year.clone(),
        years,
        summary,
    }
}

/// One figure per council tax band, A to H (written as `{"A": …, …, "H": …}`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[allow(non_snake_case)]
pub struct Bands {
    pub A: Money,
    pub B: Money,
    pub C: Money,
    pub D: Money,
    pub E: Money,
    pub F: Money,
    pub G: Money,
    pub H: Money,
}

impl Bands {
    /// Builds the eight figures from each band's ratio to Band D, in ninths.
    pub fn from_fn(mut figure: impl FnMut(i64) -> Money) -> Bands {
        Bands {
            A: figure(6),
            B: figure(7),
            C: figure(8),
            D: figure(9),
            E: figure(11),
            F: figure(13),
            G: figure(15),
            H: figure(18),
        }
    }
}

impl Bands {
    /// The figure for a band letter, "A" to "H".
    pub fn get(&self, band: &str) -> Option<Money> {
        match band {
            "A" => Some(self.A),
            "B" => Some(self.B),
            "C" => Some(self.C),
            "D" => Some(self.D),
            "E" => Some(self.E),
            "F" => Some(self.F),
            "G" => Some(self.G),
            "H" => Some(self.H),
            _ => None,
        }
    }
}

/// A band's charge: Band D × ninths / 9, to the penny.
pub fn band_charge(band_d: Decimal, ninths: i64) -> Decimal {
    // Band D is always in whole pence, so this is integer arithmetic on pence: the same
    // result as the Decimal division, several times faster.
    match pence(band_d) {
        Some(p) => Decimal::new(divide_rounding_away(p * ninths, 9), 2),
        None => round2(band_d * Decimal::from(ninths) / Decimal::from(9)),
    }
}

/// A decimal with at most two places as a whole number of pence, if it fits.
fn pence(d: Decimal) -> Option<i64> {
    let scale_up = 10i64.checked_pow(2u32.checked_sub(d.scale())?)?;
    let p = i64::try_from(d.mantissa()).ok()?.checked_mul(scale_up)?;
    // Headroom for multiplying by up to 18 ninths and doubling without overflow.
    (p.abs() < i64::MAX / 64).then_some(p)
}

/// `n / d` rounded half away from zero, for `d > 0`.
fn divide_rounding_away(n: i64, d: i64) -> i64 {
    let q = (2 * n.abs() + d) / (2 * d);
    if n < 0 {
        -q
    } else {
        q
    }
}

/// Per band, the weekly change in the charge from one Band D to another:
/// (charge after − charge before) / 52, to the penny.
pub fn weekly_changes(band_d_before: Decimal, band_d_after: Decimal) -> Bands {
    Bands::from_fn(|ninths| {
        let change = band_charge(band_d_after, ninths) - band_charge(band_d_before, ninths);
        Money::from_exact(match pence(change) {
            Some(p) => Decimal::new(divide_rounding_away(p, 52), 2),
            None => change / Decimal::from(52),
        })
    })
}

/// Year t's referendum limits, as `needs_referendum` applies them.
pub fn referendum_limit(council: &Council, t: usize) -> ReferendumLimit {
    let limits = &council.referendum;
    let text = |d: Decimal| d.normalize().to_string();
    match limits.dispensation_pct[t] {
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
    }
}

/// Whether year t's rise is excessive and needs a local referendum. The law calls a rise
/// of X% *or more* excessive. The core limit applies to the core rise; the adult social
/// care precept is an allowance on top, so the total is excessive at core + ASC limit or
/// more (a 1.99% core + 2% ASC rise in 2020/21 was lawful). A dispensation replaces the
/// total limit. See docs/model-notes.md.
pub fn needs_referendum(council: &Council, t: usize, core_pct: Decimal, asc_pct: Decimal) -> bool {
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
