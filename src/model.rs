//! The council's plan as the engine uses it: validated, indexed by year, provenance
//! stripped. Built only by [`crate::data::DataSet::validate`], so every vector has the
//! right length and every reference points at something that exists.

use crate::nation::{BandRatio, Nation, Rules};
use crate::number::DecimalText;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Index 0 of a per-year vector is the first projection year (`years[0]`); vectors
/// that include the base year say so in their name (`*_from_base`).
#[derive(Clone, Debug)]
pub struct Council {
    pub name: String,
    /// The nation whose council tax law applies: its bands and its rule on rises
    /// (`crate::nation`).
    pub nation: Nation,
    /// The date the plan was made ("2020-01"), if the data set gives it.
    pub as_at: Option<String>,
    pub base_year: String,
    pub years: Vec<String>,
    pub services: Vec<ServiceLine>,
    pub programmes: Vec<Programme>,
    pub council_tax: CouncilTax,
    pub funding: Vec<FundingStream>,
    pub reserves: Vec<Reserve>,
    pub reserves_minimum: ReservesMinimum,
    /// England's referendum principles (all zero, and never applied, elsewhere).
    pub referendum: ReferendumLimits,
    /// Scotland's cap on each year's rise, in percent (`None`: no cap that year; always
    /// `None` outside Scotland).
    pub rise_cap_pct: Vec<Option<Decimal>>,
    /// A stated forecast in-year overspend per year: one-off spending (all 0 when absent).
    pub overspend: Vec<Decimal>,
    /// Capitalisation directions and the borrowing's terms (`None`: the section is absent).
    pub capitalisation: Option<Capitalisation>,
    /// Other authorities' precepts on the same bill (police, fire, parish, the GLA): shown
    /// beside the council's Band D, never part of its funding.
    pub other_precepts: Vec<OtherPrecept>,
    /// The data set's optional `risk` section (delivery odds and plausible ranges).
    pub risk: Option<RiskModel>,
    /// The options the council consults on (none: the section is absent).
    pub options: Vec<ChoiceOption>,
    /// Whether a consultation response should balance the budget.
    pub require_balance: bool,
    /// What the paper response form prints: the closing date in words, the return address.
    pub paper: PaperDetails,
}

/// The paper form's details (data: `consultation.closing_date`, `return_address`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PaperDetails {
    /// "2027-01-29", a real date (checked); in words where it is shown
    /// (`data::branding::date_words`), in the language spoken then.
    pub closing_date: Option<String>,
    pub return_address: Option<String>,
}

impl Council {
    pub fn horizon(&self) -> usize {
        self.years.len()
    }
    pub fn year_index(&self, label: &str) -> Option<usize> {
        self.years.iter().position(|y| y == label)
    }
    /// The council tax rules of the council's nation.
    pub fn rules(&self) -> &'static Rules {
        self.nation.rules()
    }
    /// The council tax bands, lowest first, with their ratios to Band D.
    pub fn bands(&self) -> &'static [BandRatio] {
        self.nation.rules().bands
    }
}

#[derive(Clone, Debug)]
pub struct ServiceLine {
    pub id: String,
    pub name: String,
    pub growth_group: Option<String>,
    pub base: Decimal,
    pub inflation_pct: Vec<Decimal>,
    pub growth: Vec<Decimal>,
    pub base_change: Vec<Decimal>,
    pub one_off: Vec<Decimal>,
}

#[derive(Clone, Debug)]
pub struct Programme {
    pub id: String,
    pub name: String,
    /// Index into `Council::reserves`.
    pub cash_flow_reserve: Option<usize>,
    pub early_delivery_reserve: Option<usize>,
    pub lines: Vec<ProgrammeLine>,
}

#[derive(Clone, Debug)]
pub struct ProgrammeLine {
    /// Index into `Council::services`.
    pub service: usize,
    /// Cumulative recurring savings removed from the budget; index 0 is the base year.
    pub target_from_base: Vec<Decimal>,
    /// Cumulative recurring savings expected to be delivered; index 0 is the base year.
    pub plan_from_base: Vec<Decimal>,
    pub rag: Option<Rag>,
}

/// The red/amber/green split of what is still to deliver, for risk analysis.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rag {
    pub blue: Decimal,
    pub green: Decimal,
    pub amber: Decimal,
    pub red: Decimal,
}

#[derive(Clone, Debug)]
pub struct CouncilTax {
    pub band_d: Decimal,
    pub tax_base: Decimal,
    pub tax_base_growth_pct: Vec<Decimal>,
    pub collection_fund: Vec<Decimal>,
    pub core_pct: Vec<Decimal>,
    pub asc_pct: Vec<Decimal>,
    /// Last year's Band D restated like-for-like, where a service moved (`None`: last
    /// year's Band D is the base of the rise).
    pub restated_band_d: Vec<Option<Decimal>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FundingKind {
    GovernmentGrant,
    BusinessRates,
    Other,
}

impl FundingKind {
    pub const ALL: [FundingKind; 3] = [
        FundingKind::GovernmentGrant,
        FundingKind::BusinessRates,
        FundingKind::Other,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            FundingKind::GovernmentGrant => "government_grant",
            FundingKind::BusinessRates => "business_rates",
            FundingKind::Other => "other",
        }
    }
}

#[derive(Clone, Debug)]
pub struct FundingStream {
    pub id: String,
    pub name: String,
    pub kind: FundingKind,
    pub amount: Vec<Decimal>,
}

#[derive(Clone, Debug)]
pub struct Reserve {
    pub id: String,
    pub name: String,
    pub opening: Decimal,
    pub floor: Decimal,
    pub planned_in: Vec<Decimal>,
    pub planned_out: Vec<Decimal>,
    pub gap_order: Option<i64>,
    /// Not counted towards the safe minimum (and never drawn for gaps).
    pub ring_fenced: bool,
}

/// Capitalisation directions by year and the terms of the borrowing that funds them
/// (docs/model-notes.md, "Capitalisation directions").
#[derive(Clone, Debug, PartialEq)]
pub struct Capitalisation {
    /// Pounds permitted each projection year.
    pub directions: Vec<Decimal>,
    /// Interest, percent a year.
    pub interest_pct: Decimal,
    /// Minimum revenue provision term, whole years (1 to 50).
    pub repayment_years: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReservesMinimum {
    Amount(Decimal),
    PctOfNetRequirement(Decimal),
}

#[derive(Clone, Debug)]
pub struct ReferendumLimits {
    pub core_limit_pct: Vec<Decimal>,
    pub asc_limit_pct: Vec<Decimal>,
    pub dispensation_pct: Vec<Option<Decimal>>,
    /// Cumulative caps on the adult social care precept over windows of years.
    pub asc_windows: Vec<AscWindow>,
}

/// Another authority's precept: its Band D charge by projection year (`None`: not given).
#[derive(Clone, Debug, PartialEq)]
pub struct OtherPrecept {
    pub id: String,
    pub name: String,
    pub band_d: Vec<Option<Decimal>>,
}

/// A cumulative cap on the adult social care precept: the projection years inside the
/// window (years of it before the projection are not known to the model and count as 0),
/// and the most their rises may add up to, percent.
#[derive(Clone, Debug, PartialEq)]
pub struct AscWindow {
    pub years: Vec<usize>,
    pub max_total_pct: Decimal,
}

/// A red/amber/green rating of savings still to deliver (blue: secured).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Blue,
    Green,
    Amber,
    Red,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Blue, Rating::Green, Rating::Amber, Rating::Red];
    pub fn index(self) -> usize {
        self as usize
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Blue => "blue",
            Rating::Green => "green",
            Rating::Amber => "amber",
            Rating::Red => "red",
        }
    }
}

/// One rating's chances, in percent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Odds {
    pub delivery_pct: Decimal,
    pub slip_pct: Decimal,
}

/// The validated `risk` section of a data set.
#[derive(Clone, Debug, PartialEq)]
pub struct RiskModel {
    /// By `Rating::index`.
    pub odds: [Odds; 4],
    pub slip_years: usize,
    /// The largest part a rated amount is split into (`None`: one part per amount).
    pub part_size: Option<Decimal>,
    /// Per programme: the rating of future delivery the RAG split does not cover.
    pub unrated: Vec<Option<Rating>>,
    pub inflation_adjust_pp: Option<(Decimal, Decimal)>,
    /// (group, low, high), in group name order.
    pub growth_factor: Vec<(String, Decimal, Decimal)>,
    /// Ranges of the change to each kind of funding, in kind name order.
    pub funding: Vec<FundingRange>,
    /// Steps up in spending that may happen in a year and stay (recurring, cash).
    pub cost_shocks: Vec<Event>,
    /// One-off money that may come into a reserve in a year.
    pub inflows: Vec<Inflow>,
    /// Earmarked reserves the model does not hold, as the data set states them.
    pub other_reserves: Option<OtherReserves>,
}

/// A range of points added to every stream of one kind of funding, from a year on.
#[derive(Clone, Debug, PartialEq)]
pub struct FundingRange {
    pub kind: FundingKind,
    pub low: Decimal,
    pub high: Decimal,
    /// The first projection year (0-based) it applies to.
    pub from: usize,
}

/// Something that may happen in each year from `from` on, with a chance in percent, and a
/// size drawn uniformly between `low` and `high` pounds.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub id: String,
    pub chance_pct: Decimal,
    pub low: Decimal,
    pub high: Decimal,
    pub from: usize,
}

/// One-off money that may come into a reserve.
#[derive(Clone, Debug, PartialEq)]
pub struct Inflow {
    pub event: Event,
    /// The reserve it goes into (an index into `Council::reserves`).
    pub reserve: usize,
    /// Whether it is a transfer from the earmarked reserves the model does not hold.
    pub from_other_reserves: bool,
}

/// Earmarked reserves outside the model: what they are and how much, with provenance.
#[derive(Clone, Debug, PartialEq)]
pub struct OtherReserves {
    pub label: String,
    pub amount: Decimal,
    /// The figure's source, derivation or assumption, as the data set gives it.
    pub provenance: String,
    pub note: Option<String>,
}

impl ProgrammeLine {
    /// Savings planned after the base year: the last year's cumulative plan less the base
    /// year's (what is still to deliver).
    pub fn future(&self) -> Decimal {
        let last = self.plan_from_base.last().copied().unwrap_or(Decimal::ZERO);
        let first = self
            .plan_from_base
            .first()
            .copied()
            .unwrap_or(Decimal::ZERO);
        last.checked_sub(first).unwrap_or(Decimal::ZERO)
    }
}

impl Programme {
    /// The future delivery of each line not covered by its RAG split, summed over the
    /// programme (0 when every line's split covers it). Sums stop at the largest Decimal
    /// rather than overflow: validation bounds every figure, and this runs while it checks.
    pub fn unrated_amount(&self) -> Decimal {
        let add = |a: Decimal, b: Decimal| a.checked_add(b).unwrap_or(Decimal::MAX);
        self.lines.iter().fold(Decimal::ZERO, |sum, line| {
            let rated = line.rag.map_or(Decimal::ZERO, |r| {
                [r.blue, r.green, r.amber, r.red]
                    .into_iter()
                    .fold(Decimal::ZERO, add)
            });
            let unrated = line.future().checked_sub(rated).unwrap_or(Decimal::ZERO);
            add(sum, unrated.max(Decimal::ZERO))
        })
    }
}

/// A scenario as written in JSON: per-year levers keyed by year label, per-programme
/// levers by programme id, `growth_factor` by growth group, `funding_change_pct` by
/// kind then year. A key the council's data set does not have is an error.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Scenario {
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub core_pct: BTreeMap<String, DecimalText>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub asc_pct: BTreeMap<String, DecimalText>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tax_base_growth_pct: BTreeMap<String, DecimalText>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub inflation_adjust_pp: BTreeMap<String, DecimalText>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub growth_factor: BTreeMap<String, DecimalText>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub delivery_pct: BTreeMap<String, DecimalText>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub delay_years: BTreeMap<String, u32>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub funding_change_pct: BTreeMap<FundingKind, BTreeMap<String, DecimalText>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub extra_savings: BTreeMap<String, DecimalText>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub extra_spend: BTreeMap<String, DecimalText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_reserves: Option<bool>,
    /// A capitalisation direction to ask for, £ by year, in place of the plan's for that
    /// year (needs the data set's `capitalisation` terms).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub capitalisation: BTreeMap<String, DecimalText>,
    /// The level chosen for each of the council's options, by option id (an option not
    /// named stays at its plan level): `{"hwrc-charges": "charge"}`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub choices: BTreeMap<String, String>,
}

/// What an option is about (docs/data-format.md, "The options section").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    Services,
    Charges,
    Income,
    CouncilTax,
    Reserves,
    /// A question of opinion with no £ effect (lobbying, reorganisation).
    Views,
}

/// One of the council's options, validated: ids checked, levels resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceOption {
    pub id: String,
    pub theme: Theme,
    pub title: String,
    pub description: String,
    /// For views: the question as asked.
    pub question: Option<String>,
    /// Limits the council must keep, in words.
    pub constraints: Vec<String>,
    /// Index into `levels` of the council's plan.
    pub plan_level: usize,
    pub levels: Vec<Level>,
}

/// One level of an option: what choosing it changes, relative to the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Level {
    pub id: String,
    pub label: String,
    /// What would change, and for whom.
    pub consequence: String,
    /// Pounds a year by which it lowers the gap (index 0: the first projection year).
    pub effect: Vec<Decimal>,
    /// The reserve (index into `Council::reserves`) the effect's money comes from.
    pub from_reserve: Option<usize>,
    /// Levers it sets, as a scenario fragment.
    pub scenario: Option<Scenario>,
}

impl ChoiceOption {
    /// The index of the level with this id.
    pub fn level(&self, id: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.id == id)
    }
}
