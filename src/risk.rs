//! Savings-delivery risk: a seeded Monte Carlo over the red/amber/green ratings and the
//! plausible ranges of growth and inflation in the data set's `risk` section.
//!
//! A *path* is one draw of what happens, turned into levers on top of the scenario:
//!
//! - Each programme's planned future delivery (`plan` after the base year) is split into
//!   *chunks*: each line's RAG amounts, and any unrated remainder with the rating
//!   `risk.unrated` gives the programme. A chunk is made of equal *parts* of at most
//!   `risk.part_size` (one part when the data set gives no size): a department's savings
//!   are several projects, not one. Each part is delivered, or not, with its rating's
//!   `delivery_pct`. The programme's `delivery_pct` lever becomes the scenario's times
//!   the delivered share of its chunks (by amount).
//! - Each programme slips, or not, with the amount-weighted `slip_pct` of its chunks; a
//!   slipped programme's `delay_years` is the scenario's plus `risk.slip_years`.
//! - Inflation runs `inflation_adjust_pp` points above (or below) the scenario's in every
//!   year, drawn uniformly from its range; each growth group's `growth_factor` is the
//!   scenario's times a uniform draw from its range. Ranges are drawn on a grid of
//!   10,000 equal steps, so every drawn value is an exact decimal.
//! - Issue 16: each kind of funding in `risk.funding_change_pct` moves by a drawn number of
//!   points from its first year; each cost shock (`risk.cost_shocks`) may start in any year
//!   with its chance, at a drawn size, and stays in spending; each inflow (`risk.inflows`)
//!   may bring one-off money into its reserve in any year. `risk.other_reserves` is reported,
//!   never drawn on (docs/model-notes.md has the rule and a worked example).
//!
//! Each path's figures are exactly `engine::project`'s for that path's levers (the
//! projection runs through `trace`, the same arithmetic without the output).
//!
//! **Reproducible.** The generator is PCG-XSH-RR 64/32 (`rand_pcg::Pcg32`, a fixed
//! algorithm) started as `Pcg32::new(seed, STREAM)`; the draws are 32-bit integers,
//! compared with exact integer thresholds, in a fixed order per path (every part of every
//! chunk of every programme, then each programme's slip, then inflation, then each growth group
//! in name order, then each cost shock's years, each funding range, each inflow's years). No
//! floating point: the same seed gives the same figures natively and
//! in wasm. The same seed also gives the *same draws* when only probabilities or ranges
//! change (common random numbers), so raising a delivery probability can only improve
//! every path.
//!
//! **Percentiles** are nearest-rank: the p-th percentile of n values is the
//! ⌈p·n/100⌉-th smallest, always one of the simulated values, to the penny.

use crate::error::{DataError, Overflow};
use crate::model::{Council, Programme};
use crate::number::{round2, Money};
use crate::scenario::Levers;
use crate::trace::{self, Walker, YearFigures};
use rand_core::RngCore;
use rand_pcg::Pcg32;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Most paths one simulation may run.
pub const MAX_PATHS: u32 = 100_000;
/// The most future delivery one programme may plan for the simulation, in pounds (£100
/// trillion): well beyond any council, and small enough that no step of the draws can
/// overflow a Decimal.
pub const MAX_PROGRAMME: i64 = 100_000_000_000_000;
/// The PCG stream (increment) every simulation uses; the seed sets the state.
pub const STREAM: u64 = 0x0a02_bdbf_7bb3_c0a7;
/// Steps of the grid uniform draws are taken on.
const RANGE_STEPS: u32 = 10_000;
/// 2^32: draws are uniform on 0..2^32.
const DRAWS: u64 = 1 << 32;

pub use crate::model::{Odds, Rating, RiskModel};

/// The simulation in words (the page, the briefing and `mtfs risk` say the same).
pub mod words;

/// A part of a programme's future delivery that shares one rating.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk {
    pub amount: Decimal,
    pub rating: Rating,
    /// Equal parts, each delivered or not on its own.
    pub parts: u32,
}

/// Most parts one chunk is split into.
pub const MAX_PARTS: u32 = 1_000;

/// How many parts of at most `part_size` an amount is split into (1 to `MAX_PARTS`).
fn parts(amount: Decimal, part_size: Option<Decimal>) -> u32 {
    match part_size {
        Some(size) if size > Decimal::ZERO => amount
            .checked_div(size)
            .and_then(|q| u32::try_from(q.ceil()).ok())
            .unwrap_or(MAX_PARTS)
            .clamp(1, MAX_PARTS),
        _ => 1,
    }
}

/// The future delivery of each line not covered by its RAG split, summed over the
/// programme (0 when every line's split covers it).
pub fn unrated_amount(programme: &Programme) -> Decimal {
    programme.unrated_amount()
}

/// A programme's chunks, line by line: its RAG amounts in the order blue, green, amber,
/// red, then the unrated remainder (rated `unrated`, or amber if the data set gives no
/// rating; validation requires one). Lines with no future delivery carry no risk.
pub fn chunks(
    programme: &Programme,
    unrated: Option<Rating>,
    part_size: Option<Decimal>,
) -> Vec<Chunk> {
    let mut out = Vec::new();
    for line in &programme.lines {
        let future = line.future();
        if future <= Decimal::ZERO {
            continue;
        }
        let mut rated = Decimal::ZERO;
        if let Some(r) = line.rag {
            for (rating, amount) in [
                (Rating::Blue, r.blue),
                (Rating::Green, r.green),
                (Rating::Amber, r.amber),
                (Rating::Red, r.red),
            ] {
                if amount > Decimal::ZERO {
                    out.push(Chunk {
                        amount,
                        rating,
                        parts: parts(amount, part_size),
                    });
                    rated = rated.checked_add(amount).unwrap_or(Decimal::MAX);
                }
            }
        }
        if future > rated {
            out.push(Chunk {
                amount: future - rated,
                rating: unrated.unwrap_or(Rating::Amber),
                parts: parts(future - rated, part_size),
            });
        }
    }
    out
}

/// How many of the 2^32 draws `u` satisfy `u × denominator < numerator`: the exact
/// integer threshold for a chance of `numerator / denominator` out of 2^32.
fn threshold(numerator: Decimal, denominator: Decimal) -> u64 {
    if numerator <= Decimal::ZERO {
        return 0;
    }
    if denominator <= Decimal::ZERO {
        return DRAWS;
    }
    let below = |u: u64| {
        Decimal::from(u)
            .checked_mul(denominator)
            .is_some_and(|x| x < numerator)
    };
    let mut u = numerator
        .checked_div(denominator)
        .map_or(DRAWS, |q| u64::try_from(q.ceil()).unwrap_or(DRAWS))
        .min(DRAWS);
    // The quotient may be rounded in its 28th digit: step to the exact boundary.
    while u > 0 && !below(u - 1) {
        u -= 1;
    }
    while u < DRAWS && below(u) {
        u += 1;
    }
    u
}

/// The chance out of 2^32 for a percentage.
fn pct_threshold(pct: Decimal) -> u64 {
    threshold(pct * Decimal::from(DRAWS), Decimal::ONE_HUNDRED)
}

/// A uniform integer from 0 to `RANGE_STEPS`, unbiased (rejection sampling).
fn step(rng: &mut Pcg32) -> u32 {
    let n = RANGE_STEPS + 1;
    let limit = u32::MAX - (u32::MAX % n);
    loop {
        let u = rng.next_u32();
        if u < limit {
            return u % n;
        }
    }
}

fn between(low: Decimal, high: Decimal, step: u32) -> Decimal {
    low + (high - low) * Decimal::new(i64::from(step), 4)
}

/// An event's draws for each year: from its first year on, whether it happens (a draw
/// below `odds`), then its size on the range. Both are drawn every year whether it
/// happens or not, so a change of chance leaves every other draw as it was.
fn events(
    rng: &mut Pcg32,
    e: &crate::model::Event,
    odds: u64,
    years: usize,
) -> Vec<Option<Decimal>> {
    (0..years)
        .map(|t| {
            if t < e.from {
                return None;
            }
            let happens = u64::from(rng.next_u32()) < odds;
            let size = between(e.low, e.high, step(rng));
            happens.then_some(size)
        })
        .collect()
}

/// One programme's draws, prepared once.
struct ProgrammeDraws {
    chunks: Vec<Chunk>,
    /// Per chunk: a part is delivered when its draw is below this.
    delivery: Vec<u64>,
    /// Slips when the draw is below this.
    slip: u64,
    total: Decimal,
    /// Shortfalls per year by (delivery percentage, delay), sorted by key: paths often
    /// repeat them. (A sorted list rather than a map keeps the wasm small.)
    cache: Vec<(CacheKey, Vec<Decimal>)>,
}

/// A delivery percentage (as its 16 bytes) and a delay.
type CacheKey = ([u8; 16], usize);

/// Distinct outcomes remembered per programme.
const CACHE_SIZE: usize = 4_096;

/// The generator and the prepared draws for one simulation.
pub struct Sampler<'a> {
    council: &'a Council,
    risk: &'a RiskModel,
    base: &'a Levers,
    programmes: Vec<ProgrammeDraws>,
    /// Per cost shock and per inflow: it happens in a year when the draw is below this.
    shock_odds: Vec<u64>,
    inflow_odds: Vec<u64>,
    rng: Pcg32,
}

/// What one path drew.
#[derive(Clone, Debug, PartialEq)]
pub struct Draw {
    /// Per programme, per chunk: how many of its parts were delivered.
    pub delivered: Vec<Vec<u32>>,
    pub slipped: Vec<bool>,
    pub inflation_adjust_pp: Option<Decimal>,
    /// Per growth range of the risk model, the factor drawn.
    pub growth_factor: Vec<Decimal>,
    /// Per cost shock, per year: the recurring amount if it started that year.
    pub cost_shocks: Vec<Vec<Option<Decimal>>>,
    /// Per funding range of the risk model, the points drawn.
    pub funding: Vec<Decimal>,
    /// Per inflow, per year: the amount if it came that year.
    pub inflows: Vec<Vec<Option<Decimal>>>,
}

impl Draw {
    /// The first year a cost shock started on this path, if one did.
    pub fn first_cost_shock(&self) -> Option<usize> {
        self.cost_shocks
            .iter()
            .filter_map(|years| years.iter().position(Option::is_some))
            .min()
    }
}

impl<'a> Sampler<'a> {
    pub fn new(council: &'a Council, risk: &'a RiskModel, base: &'a Levers, seed: u32) -> Self {
        let delivery: Vec<u64> = risk
            .odds
            .iter()
            .map(|o| pct_threshold(o.delivery_pct))
            .collect();
        let programmes = council
            .programmes
            .iter()
            .enumerate()
            .map(|(p, prog)| {
                let chunks = chunks(prog, risk.unrated.get(p).copied().flatten(), risk.part_size);
                let total: Decimal = chunks.iter().map(|c| c.amount).sum();
                let weighted: Decimal = chunks
                    .iter()
                    .map(|c| c.amount * risk.odds[c.rating.index()].slip_pct)
                    .sum();
                ProgrammeDraws {
                    delivery: chunks.iter().map(|c| delivery[c.rating.index()]).collect(),
                    slip: threshold(
                        weighted * Decimal::from(DRAWS),
                        total * Decimal::ONE_HUNDRED,
                    ),
                    chunks,
                    total,
                    cache: Vec::new(),
                }
            })
            .collect();
        Sampler {
            council,
            risk,
            base,
            programmes,
            shock_odds: risk
                .cost_shocks
                .iter()
                .map(|e| pct_threshold(e.chance_pct))
                .collect(),
            inflow_odds: risk
                .inflows
                .iter()
                .map(|f| pct_threshold(f.event.chance_pct))
                .collect(),
            rng: Pcg32::new(u64::from(seed), STREAM),
        }
    }

    /// The next path's draws, in the documented order.
    pub fn draw(&mut self) -> Draw {
        let rng = &mut self.rng;
        let delivered = self
            .programmes
            .iter()
            .map(|p| {
                p.chunks
                    .iter()
                    .zip(&p.delivery)
                    .map(|(c, &t)| {
                        (0..c.parts)
                            .map(|_| u32::from(u64::from(rng.next_u32()) < t))
                            .sum()
                    })
                    .collect()
            })
            .collect();
        let slipped = self
            .programmes
            .iter()
            .map(|p| u64::from(self.rng.next_u32()) < p.slip)
            .collect();
        let inflation_adjust_pp = self
            .risk
            .inflation_adjust_pp
            .map(|(low, high)| between(low, high, step(&mut self.rng)));
        let growth_factor = self
            .risk
            .growth_factor
            .iter()
            .map(|&(_, low, high)| between(low, high, step(&mut self.rng)))
            .collect();
        let n = self.council.horizon();
        let cost_shocks = self
            .risk
            .cost_shocks
            .iter()
            .zip(&self.shock_odds)
            .map(|(e, &odds)| events(&mut self.rng, e, odds, n))
            .collect();
        let funding = self
            .risk
            .funding
            .iter()
            .map(|f| between(f.low, f.high, step(&mut self.rng)))
            .collect();
        let inflows = self
            .risk
            .inflows
            .iter()
            .zip(&self.inflow_odds)
            .map(|(f, &odds)| events(&mut self.rng, &f.event, odds, n))
            .collect();
        Draw {
            delivered,
            slipped,
            inflation_adjust_pp,
            growth_factor,
            cost_shocks,
            funding,
            inflows,
        }
    }

    /// A programme's delivery percentage on a path: the scenario's, times the delivered
    /// share of its chunks.
    fn delivery_pct(&self, p: usize, delivered: &[u32]) -> Decimal {
        let prog = &self.programmes[p];
        let base = self.base.delivery_pct[p];
        if prog
            .chunks
            .iter()
            .zip(delivered)
            .all(|(c, &d)| d == c.parts)
        {
            return base;
        }
        // A chunk's delivered amount is its share of parts: amount × delivered / parts.
        let got: Decimal = prog
            .chunks
            .iter()
            .zip(delivered)
            .map(|(c, &d)| {
                if d == c.parts {
                    c.amount
                } else {
                    c.amount * Decimal::from(d) / Decimal::from(c.parts)
                }
            })
            .sum();
        base * (got / prog.total)
    }

    fn delay(&self, p: usize, slipped: bool) -> usize {
        self.base.delay_years[p] + if slipped { self.risk.slip_years } else { 0 }
    }

    /// The levers of a path: the scenario's, changed by the draws.
    pub fn levers(&self, draw: &Draw) -> Result<Levers, Overflow> {
        let mut levers = self.base.clone();
        for p in 0..self.programmes.len() {
            levers.delivery_pct[p] = self.delivery_pct(p, &draw.delivered[p]);
            levers.delay_years[p] = self.delay(p, draw.slipped[p]);
        }
        self.apply_ranges(draw, &mut levers)?;
        Ok(levers)
    }

    /// Sets the levers a path's ranges and events change (inflation, growth, funding,
    /// spending and reserve inflows) from the scenario's and the draw: `levers` holds the
    /// scenario's values of those levers on entry, as `run_paths` resets them.
    fn apply_ranges(&self, draw: &Draw, levers: &mut Levers) -> Result<(), Overflow> {
        if let Some(x) = draw.inflation_adjust_pp {
            for (t, v) in levers.inflation_adjust_pp.iter_mut().enumerate() {
                *v = v
                    .checked_add(x)
                    .ok_or(Overflow::at("the drawn inflation", t))?;
            }
        }
        for ((group, _, _), g) in self.risk.growth_factor.iter().zip(&draw.growth_factor) {
            for (s, line) in self.council.services.iter().enumerate() {
                if line.growth_group.as_deref() == Some(group.as_str()) {
                    levers.growth_factor[s] = self.base.growth_factor[s]
                        .checked_mul(*g)
                        .ok_or(Overflow::of("the drawn growth"))?;
                }
            }
        }
        // A cost shock that starts in year k adds its amount to every year from k on.
        for years in &draw.cost_shocks {
            let mut running = Decimal::ZERO;
            for (t, started) in years.iter().enumerate() {
                let o = Overflow::at("the drawn cost shocks", t);
                if let Some(amount) = started {
                    running = running.checked_add(*amount).ok_or(o)?;
                }
                if !running.is_zero() {
                    let spend = &mut levers.extra_spend[t];
                    *spend = spend.checked_add(running).ok_or(o)?;
                }
            }
        }
        for (range, x) in self.risk.funding.iter().zip(&draw.funding) {
            for (f, stream) in self.council.funding.iter().enumerate() {
                if stream.kind != range.kind {
                    continue;
                }
                for t in range.from..self.council.horizon() {
                    // The scenario's change and the drawn one, never below −100% (the
                    // stream stops; funding is never negative).
                    let v = &mut levers.funding_change_pct[f][t];
                    *v = v
                        .checked_add(*x)
                        .ok_or(Overflow::at("the drawn funding change", t))?
                        .max(Decimal::from(-100));
                }
            }
        }
        for (inflow, years) in self.risk.inflows.iter().zip(&draw.inflows) {
            for (t, came) in years.iter().enumerate() {
                if let Some(amount) = came {
                    let v = &mut levers.reserve_inflows[inflow.reserve][t];
                    *v = v
                        .checked_add(*amount)
                        .ok_or(Overflow::at("the drawn one-off money", t))?;
                }
            }
        }
        Ok(())
    }

    /// Whether a path's draws change funding (so funding must be worked out per path).
    fn varies_funding(&self) -> bool {
        !self.risk.funding.is_empty()
    }

    /// The one-off money a path's draws bring into reserves, per year.
    fn inflows_by_year(&self, draw: &Draw) -> Result<Vec<Decimal>, Overflow> {
        let mut out = vec![Decimal::ZERO; self.council.horizon()];
        for years in &draw.inflows {
            for (t, came) in years.iter().enumerate() {
                if let Some(amount) = came {
                    out[t] = out[t]
                        .checked_add(*amount)
                        .ok_or(Overflow::at("the drawn one-off money", t))?;
                }
            }
        }
        Ok(out)
    }

    /// Programme `p`'s shortfalls on a path (the same as `trace::shortfalls` for the
    /// path's levers), remembered for the paths that repeat them.
    fn shortfalls(
        &mut self,
        p: usize,
        delivered: &[u32],
        slipped: bool,
    ) -> Result<Vec<Decimal>, Overflow> {
        let pct = self.delivery_pct(p, delivered);
        let delay = self.delay(p, slipped);
        let council = self.council;
        let prog = &mut self.programmes[p];
        let key = (pct.serialize(), delay);
        match prog.cache.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(i) => Ok(prog.cache[i].1.clone()),
            Err(i) => {
                let computed = trace::shortfalls(council, p, pct, delay)?;
                if prog.cache.len() < CACHE_SIZE {
                    prog.cache.insert(i, (key, computed.clone()));
                }
                Ok(computed)
            }
        }
    }
}

/// Five percentiles of a figure across the paths.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Percentiles {
    pub p5: Money,
    pub p25: Money,
    pub p50: Money,
    pub p75: Money,
    pub p95: Money,
}

/// How many paths something happened on, and that as a percentage of all paths (to 2 dp,
/// half away from zero).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Chance {
    pub paths: u32,
    pub pct: String,
}

/// The scenario's own figures for a year, without any draws.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Planned {
    pub total_reserves: Money,
    pub reserves_minimum: Money,
    pub gap: Money,
    pub total_gap: Money,
    pub unfunded: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimulatedYear {
    pub year: String,
    /// The scenario as set, with every programme delivering as planned.
    pub scenario: Planned,
    pub total_reserves: Percentiles,
    /// The budget gap (model.md §5: net requirement less funding).
    pub gap: Percentiles,
    /// The gap plus the year's savings shortfall: what reserves have to cover.
    pub total_gap: Percentiles,
    pub unfunded: Percentiles,
    /// Total reserves below the minimum in this year, and in this or an earlier year.
    pub below_minimum: Chance,
    pub below_minimum_by: Chance,
    /// The money set aside to bridge gaps (the reserves with a `gap_order`) has run out,
    /// leaving something unfunded, in this year, and in this or an earlier year. It is
    /// not "the budget cannot be balanced": a council would then need further savings,
    /// other reserves or new one-off money (docs/insight.md, "What the chances mean").
    pub unbalanced: Chance,
    pub unbalanced_by: Chance,
    /// One-off money coming into reserves that year across the paths (`risk.inflows`:
    /// grants, underspends, transfers from other reserves); all 0 without inflows.
    pub one_off_inflows: Percentiles,
    /// The paths on which a cost shock (`risk.cost_shocks`) has started by this year.
    pub cost_shock_by: Chance,
}

/// The result of a simulation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Simulation {
    pub council: String,
    pub paths: u32,
    pub seed: u32,
    pub percentile_method: String,
    pub years: Vec<SimulatedYear>,
    pub runway: Runway,
    /// The council's earmarked reserves the simulation does not hold (`risk.other_reserves`),
    /// shown as what they are; `None` when the data set does not state them.
    pub other_reserves: Option<OtherReservesShown>,
}

/// Earmarked reserves outside the simulation, as the data set states them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OtherReservesShown {
    pub label: String,
    /// Their total at the end of the base year.
    pub amount: Money,
    /// Where the figure comes from: "source: …", "derived: …" or "assumption: …".
    pub provenance: String,
    pub note: Option<String>,
    /// What the simulation does with them: nothing, or only the transfers `risk.inflows`
    /// names, in words.
    pub in_simulation: String,
}

/// How long the money set aside to bridge gaps lasts: the first year it runs out, across
/// the paths.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Runway {
    /// Per projection year: the paths on which the bridging money first runs out that year.
    pub runs_out: Vec<Chance>,
    /// The paths on which it lasts the whole horizon.
    pub lasts: Chance,
    /// Nearest-rank percentiles of the year it runs out, paths that last counted as
    /// latest; `None`: it lasts beyond the horizon at that percentile.
    pub year_p5: Option<String>,
    pub year_p50: Option<String>,
    pub year_p95: Option<String>,
    /// The scenario's own year (every programme delivering as planned), if within the
    /// horizon.
    pub scenario_year: Option<String>,
}

/// Pennies as an integer, for sorting (a value rounded to the penny has at most 2 dp).
pub(crate) fn pennies(d: Decimal) -> i128 {
    let r = round2(d);
    let scale = r.scale().min(2);
    r.mantissa() * 10i128.pow(2 - scale)
}

pub(crate) fn from_pennies(p: i128) -> Money {
    Money(Decimal::try_from_i128_with_scale(p, 2).unwrap_or(if p < 0 {
        Decimal::MIN
    } else {
        Decimal::MAX
    }))
}

/// Nearest-rank percentiles of values already sorted ascending (not empty).
fn percentiles(sorted: &[i128]) -> Percentiles {
    let n = sorted.len();
    let at = |p: usize| {
        let rank = (p * n).div_ceil(100).max(1);
        from_pennies(sorted[rank.min(n) - 1])
    };
    Percentiles {
        p5: at(5),
        p25: at(25),
        p50: at(50),
        p75: at(75),
        p95: at(95),
    }
}

fn chance(count: u32, paths: u32) -> Chance {
    let pct = round2(Decimal::from(count) * Decimal::ONE_HUNDRED / Decimal::from(paths.max(1)));
    let mut pct = pct;
    pct.rescale(2);
    Chance {
        paths: count,
        pct: pct.to_string(),
    }
}

/// Runs `paths` paths of the council's plan under `levers` (a resolved scenario) with
/// the data set's risk section. Errors: no risk section, or a path count out of range.
pub fn simulate(
    council: &Council,
    levers: &Levers,
    paths: u32,
    seed: u32,
) -> Result<Simulation, DataError> {
    let risk = council.risk.as_ref().ok_or_else(|| {
        DataError::single(
            "risk",
            "this data set has no risk section, so there are no delivery odds or ranges to simulate",
        )
    })?;
    for (p, prog) in council.programmes.iter().enumerate() {
        let chunks = chunks(prog, risk.unrated.get(p).copied().flatten(), risk.part_size);
        let total = chunks
            .iter()
            .try_fold(Decimal::ZERO, |sum, c| sum.checked_add(c.amount));
        if !total.is_some_and(|t| t <= Decimal::from(MAX_PROGRAMME)) {
            return Err(DataError::single(
                format!("programmes[{p}]"),
                "its planned future delivery is too large to simulate (more than £100 trillion)",
            ));
        }
    }
    if paths == 0 || paths > MAX_PATHS {
        return Err(DataError::single(
            "paths",
            format!("give from 1 to {MAX_PATHS} paths (got {paths})"),
        ));
    }
    let named = |o: Overflow| o.named(&council.years);
    let mut tally = Tally::new(council.horizon(), paths as usize);
    run_paths(council, risk, levers, paths, seed, &mut tally).map_err(named)?;
    let planned = trace::figures(council, levers).map_err(named)?;
    let runway = tally.runway(council, &planned, paths);
    let years = tally.years(council, &planned, paths).map_err(named)?;
    Ok(Simulation {
        council: council.name.clone(),
        paths,
        seed,
        percentile_method: "nearest-rank".to_string(),
        years,
        runway,
        other_reserves: other_reserves(risk),
    })
}

/// The other earmarked reserves, and what the simulation does with them.
fn other_reserves(risk: &RiskModel) -> Option<OtherReservesShown> {
    let o = risk.other_reserves.as_ref()?;
    let transfers: Vec<&str> = risk
        .inflows
        .iter()
        .filter(|f| f.from_other_reserves)
        .map(|f| f.event.id.as_str())
        .collect();
    let in_simulation = if transfers.is_empty() {
        "Not in the simulation: they are set aside for other purposes, and no future draws on them."
            .to_string()
    } else {
        format!(
            "Not in the simulation's reserves; only the transfers in risk.inflows ({}) move some of them, at random, into the reserve they name.",
            transfers.join(", ")
        )
    };
    Some(OtherReservesShown {
        label: o.label.clone(),
        amount: Money::from_exact(o.amount),
        provenance: o.provenance.clone(),
        note: o.note.clone(),
        in_simulation,
    })
}

/// Each path's figures as they are counted: per year, the sorted-later values in pennies
/// and the counts of paths below the minimum or unbalanced.
struct Tally {
    reserves: Vec<Vec<i128>>,
    gaps: Vec<Vec<i128>>,
    needs: Vec<Vec<i128>>,
    unfunded: Vec<Vec<i128>>,
    below: Vec<u32>,
    below_by: Vec<u32>,
    unbalanced: Vec<u32>,
    unbalanced_by: Vec<u32>,
    /// One-off money drawn into reserves, per year (pennies).
    inflows: Vec<Vec<i128>>,
    /// Paths on which a cost shock has started by each year.
    shock_by: Vec<u32>,
}

impl Tally {
    fn new(n: usize, paths: usize) -> Self {
        let values = || vec![Vec::with_capacity(paths); n];
        Tally {
            reserves: values(),
            gaps: values(),
            needs: values(),
            unfunded: values(),
            below: vec![0; n],
            below_by: vec![0; n],
            unbalanced: vec![0; n],
            unbalanced_by: vec![0; n],
            inflows: values(),
            shock_by: vec![0; n],
        }
    }

    fn count(
        &mut self,
        years: &[YearFigures],
        first_shock: Option<usize>,
        inflows: &[Decimal],
    ) -> Result<(), Overflow> {
        for (t, amount) in inflows.iter().enumerate() {
            self.inflows[t].push(pennies(*amount));
            self.shock_by[t] += u32::from(first_shock.is_some_and(|k| k <= t));
        }
        let (mut was_below, mut was_unbalanced) = (false, false);
        for (t, y) in years.iter().enumerate() {
            let need = y
                .gap
                .checked_add(y.shortfall)
                .ok_or(Overflow::at("the gap and shortfall", t))?;
            self.reserves[t].push(pennies(y.total_reserves));
            self.gaps[t].push(pennies(y.gap));
            self.needs[t].push(pennies(need));
            self.unfunded[t].push(pennies(y.unfunded));
            was_below |= y.below_minimum;
            was_unbalanced |= y.is_unfunded();
            self.below[t] += u32::from(y.below_minimum);
            self.unbalanced[t] += u32::from(y.is_unfunded());
            self.below_by[t] += u32::from(was_below);
            self.unbalanced_by[t] += u32::from(was_unbalanced);
        }
        Ok(())
    }

    /// The first year the bridging money runs out, across the paths: the increments of
    /// the "by this year" counts.
    fn runway(&self, council: &Council, planned: &[YearFigures], paths: u32) -> Runway {
        let by = &self.unbalanced_by;
        let runs_out = (0..by.len())
            .map(|t| chance(by[t] - if t == 0 { 0 } else { by[t - 1] }, paths))
            .collect();
        let last = by.last().copied().unwrap_or(0);
        // The p-th percentile is the ⌈p·n/100⌉-th path in order of the year it runs out.
        let at = |p: u32| {
            let rank = (p * paths).div_ceil(100).max(1);
            by.iter()
                .position(|&c| c >= rank)
                .map(|t| council.years[t].clone())
        };
        Runway {
            runs_out,
            lasts: chance(paths - last, paths),
            year_p5: at(5),
            year_p50: at(50),
            year_p95: at(95),
            scenario_year: planned
                .iter()
                .position(YearFigures::is_unfunded)
                .map(|t| council.years[t].clone()),
        }
    }

    /// The simulated years: percentiles and chances beside the scenario's own figures.
    fn years(
        mut self,
        council: &Council,
        planned: &[YearFigures],
        paths: u32,
    ) -> Result<Vec<SimulatedYear>, Overflow> {
        let mut out = Vec::with_capacity(planned.len());
        for (t, p) in planned.iter().enumerate() {
            for v in [
                &mut self.reserves[t],
                &mut self.gaps[t],
                &mut self.needs[t],
                &mut self.unfunded[t],
                &mut self.inflows[t],
            ] {
                v.sort_unstable();
            }
            let total_gap = p
                .gap
                .checked_add(p.shortfall)
                .ok_or(Overflow::at("the gap and shortfall", t))?;
            out.push(SimulatedYear {
                year: council.years[t].clone(),
                scenario: Planned {
                    total_reserves: Money::from_exact(p.total_reserves),
                    reserves_minimum: Money::from_exact(p.minimum),
                    gap: Money::from_exact(p.gap),
                    total_gap: Money::from_exact(total_gap),
                    unfunded: Money::from_exact(p.unfunded),
                },
                total_reserves: percentiles(&self.reserves[t]),
                gap: percentiles(&self.gaps[t]),
                total_gap: percentiles(&self.needs[t]),
                unfunded: percentiles(&self.unfunded[t]),
                below_minimum: chance(self.below[t], paths),
                below_minimum_by: chance(self.below_by[t], paths),
                unbalanced: chance(self.unbalanced[t], paths),
                unbalanced_by: chance(self.unbalanced_by[t], paths),
                one_off_inflows: percentiles(&self.inflows[t]),
                cost_shock_by: chance(self.shock_by[t], paths),
            });
        }
        Ok(out)
    }
}

/// Runs the paths, counting each into `tally`.
fn run_paths(
    council: &Council,
    risk: &RiskModel,
    levers: &Levers,
    paths: u32,
    seed: u32,
    tally: &mut Tally,
) -> Result<(), Overflow> {
    let mut funding = trace::funding(council, levers)?;
    let removed = trace::removed(council, &levers.extra_savings)?;
    let mut sampler = Sampler::new(council, risk, levers, seed);
    let mut walker = Walker::without_parts(council);
    let mut years: Vec<YearFigures> = Vec::with_capacity(council.horizon());
    let mut path_levers = levers.clone();
    for _ in 0..paths {
        let draw = sampler.draw();
        sampler.apply_ranges(&draw, &mut path_levers)?;
        if sampler.varies_funding() {
            funding = trace::funding(council, &path_levers)?;
        }
        let shortfalls = (0..council.programmes.len())
            .map(|p| sampler.shortfalls(p, &draw.delivered[p], draw.slipped[p]))
            .collect::<Result<Vec<_>, _>>()?;
        let refs: Vec<&[Decimal]> = shortfalls.iter().map(Vec::as_slice).collect();
        walker.walk(&path_levers, &funding, &removed, &refs, &mut years)?;
        let inflows = sampler.inflows_by_year(&draw)?;
        tally.count(&years, draw.first_cost_shock(), &inflows)?;
        // Back to the scenario's levers for the next path's draws.
        path_levers
            .inflation_adjust_pp
            .clone_from(&levers.inflation_adjust_pp);
        path_levers.growth_factor.clone_from(&levers.growth_factor);
        path_levers.extra_spend.clone_from(&levers.extra_spend);
        path_levers
            .funding_change_pct
            .clone_from(&levers.funding_change_pct);
        path_levers
            .reserve_inflows
            .clone_from(&levers.reserve_inflows);
    }
    Ok(())
}

/// Resolves a scenario and runs [`simulate`] (errors name the scenario field).
pub fn simulate_scenario(
    council: &Council,
    scenario: &crate::scenario::Scenario,
    paths: u32,
    seed: u32,
) -> Result<Simulation, DataError> {
    let levers = scenario.resolve(council)?;
    simulate(council, &levers, paths, seed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_are_exact() {
        assert_eq!(pct_threshold(Decimal::ZERO), 0);
        assert_eq!(pct_threshold(Decimal::ONE_HUNDRED), DRAWS);
        assert_eq!(pct_threshold(Decimal::from(50)), DRAWS / 2);
        // 1/3 of 2^32 is 1431655765.33…: draws 0..=1431655765 are below it.
        assert_eq!(
            threshold(Decimal::from(DRAWS), Decimal::from(3)),
            1_431_655_766
        );
        assert_eq!(threshold(Decimal::from(-1), Decimal::ONE), 0);
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let v: Vec<i128> = (1..=20).map(|x| x * 100).collect();
        let p = percentiles(&v);
        // ⌈0.05·20⌉ = 1st, ⌈0.25·20⌉ = 5th, 10th, 15th, 19th.
        assert_eq!(p.p5.to_string(), "1.00");
        assert_eq!(p.p25.to_string(), "5.00");
        assert_eq!(p.p50.to_string(), "10.00");
        assert_eq!(p.p75.to_string(), "15.00");
        assert_eq!(p.p95.to_string(), "19.00");
        let one = percentiles(&[-5]);
        assert_eq!(one.p5, one.p95);
        assert_eq!(one.p5.to_string(), "-0.05");
    }

    #[test]
    fn pennies_round_half_away_from_zero() {
        assert_eq!(pennies(Decimal::new(12345, 3)), 1235);
        assert_eq!(pennies(Decimal::new(-12345, 3)), -1235);
        assert_eq!(pennies(Decimal::from(7)), 700);
        assert_eq!(from_pennies(-1235).to_string(), "-12.35");
    }
}
