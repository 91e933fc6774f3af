//! The council's plan as the engine uses it: validated, indexed by year, provenance
//! stripped. Built only by [`crate::data::DataSet::validate`], so every vector has the
//! right length and every reference points at something that exists.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Index 0 of a per-year vector is the first projection year (`years[0]`); vectors
/// that include the base year say so in their name (`*_from_base`).
#[derive(Clone, Debug)]
pub struct Council {
    pub name: String,
    pub base_year: String,
    pub years: Vec<String>,
    pub services: Vec<ServiceLine>,
    pub programmes: Vec<Programme>,
    pub council_tax: CouncilTax,
    pub funding: Vec<FundingStream>,
    pub reserves: Vec<Reserve>,
    pub reserves_minimum: ReservesMinimum,
    pub referendum: ReferendumLimits,
    /// The data set's optional `risk` section (delivery odds and plausible ranges).
    pub risk: Option<crate::risk::RiskModel>,
}

impl Council {
    pub fn horizon(&self) -> usize {
        self.years.len()
    }
    pub fn year_index(&self, label: &str) -> Option<usize> {
        self.years.iter().position(|y| y == label)
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
}
