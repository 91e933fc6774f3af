//! What a set of responses chose, counted as they arrive: per option, counts by level;
//! per year, counts by council tax rise, referendums, balanced budgets and the gaps left;
//! reserves drawn. Only counts and a few pennies per response are kept, never projections.

use super::{pct, Response};
use crate::engine::{asc_window_exceeded, needs_referendum};
use crate::model::{Council, Theme};
use crate::number::Money;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default)]
pub struct Tally {
    responses: u32,
    /// Per option, per level: responses choosing it.
    levels: Vec<Vec<u32>>,
    /// Per year: responses by core rise and by adult social care rise.
    core: Vec<BTreeMap<Decimal, u32>>,
    asc: Vec<BTreeMap<Decimal, u32>>,
    referendum: Vec<u32>,
    balanced: Vec<u32>,
    /// Per year: each response's gap after its choices, in pennies (for the median).
    gaps: Vec<Vec<i128>>,
    /// Each response's reserves drawn over the years, in pennies.
    drawn: Vec<i128>,
}

impl Tally {
    pub fn new(council: &Council) -> Self {
        let n = council.horizon();
        Tally {
            levels: council
                .options
                .iter()
                .map(|o| vec![0; o.levels.len()])
                .collect(),
            core: vec![BTreeMap::new(); n],
            asc: vec![BTreeMap::new(); n],
            referendum: vec![0; n],
            balanced: vec![0; n],
            gaps: vec![Vec::new(); n],
            ..Tally::default()
        }
    }

    pub fn responses(&self) -> u32 {
        self.responses
    }

    pub fn add(&mut self, council: &Council, r: &Response) {
        self.responses += 1;
        for (counts, &level) in self.levels.iter_mut().zip(&r.levels) {
            counts[level] += 1;
        }
        for t in 0..council.horizon() {
            *self.core[t].entry(r.core[t].normalize()).or_default() += 1;
            *self.asc[t].entry(r.asc[t].normalize()).or_default() += 1;
            self.referendum[t] += u32::from(
                needs_referendum(council, t, r.core[t], r.asc[t])
                    || asc_window_exceeded(council, t, &r.asc),
            );
            self.balanced[t] += u32::from(r.balanced[t]);
            self.gaps[t].push(r.gaps[t]);
        }
        self.drawn.push(r.drawn);
    }

    /// The most-chosen level of each option (ties: the plan's level if tied, else the
    /// first in the data's order), and the median core and care rises per year.
    pub fn most_chosen(&self, council: &Council) -> (Vec<usize>, Vec<Decimal>, Vec<Decimal>) {
        let levels = council
            .options
            .iter()
            .zip(&self.levels)
            .map(|(o, counts)| {
                let top = counts.iter().copied().max().unwrap_or(0);
                if counts.get(o.plan_level) == Some(&top) {
                    o.plan_level
                } else {
                    counts
                        .iter()
                        .position(|&c| c == top)
                        .unwrap_or(o.plan_level)
                }
            })
            .collect();
        let median = |h: &BTreeMap<Decimal, u32>| median_of(h).unwrap_or(Decimal::ZERO);
        (
            levels,
            self.core.iter().map(median).collect(),
            self.asc.iter().map(median).collect(),
        )
    }

    pub fn summary(&mut self, council: &Council) -> Summary {
        let n = self.responses;
        let (options, views) = self.options(council);
        let years = (0..council.horizon())
            .map(|t| {
                self.gaps[t].sort_unstable();
                YearSummary {
                    year: council.years[t].clone(),
                    core_pct: rises(&self.core[t], n),
                    asc_pct: rises(&self.asc[t], n),
                    median_core_pct: median_of(&self.core[t]).map(|d| d.to_string()),
                    median_asc_pct: median_of(&self.asc[t]).map(|d| d.to_string()),
                    referendum: share(self.referendum[t], n),
                    balanced: share(self.balanced[t], n),
                    median_gap: median_pennies(&self.gaps[t]),
                }
            })
            .collect();
        self.drawn.sort_unstable();
        let using: Vec<i128> = self.drawn.iter().copied().filter(|&p| p > 0).collect();
        Summary {
            responses: n,
            options,
            views,
            years,
            reserves: ReservesSummary {
                using: share(using.len() as u32, n),
                median_drawn: median_pennies(&using),
            },
        }
    }

    fn options(&self, council: &Council) -> (Vec<OptionSummary>, Vec<OptionSummary>) {
        let n = self.responses;
        let (mut options, mut views) = (Vec::new(), Vec::new());
        for (o, counts) in council.options.iter().zip(&self.levels) {
            let changed = n - counts[o.plan_level];
            let effects = |t: usize| -> Vec<(Decimal, u32)> {
                o.levels
                    .iter()
                    .zip(counts)
                    .map(|(l, &c)| (l.effect[t], c))
                    .collect()
            };
            let summary = OptionSummary {
                option: o.id.clone(),
                title: o.title.clone(),
                levels: o
                    .levels
                    .iter()
                    .zip(counts)
                    .map(|(l, &c)| LevelCount {
                        level: l.id.clone(),
                        label: l.label.clone(),
                        responses: share(c, n),
                    })
                    .collect(),
                changed: share(changed, n),
                mean_effect: (0..council.horizon())
                    .map(|t| mean(&effects(t), n))
                    .collect(),
                median_effect: (0..council.horizon())
                    .map(|t| weighted_median(&effects(t)))
                    .collect(),
            };
            if o.theme == Theme::Views {
                views.push(summary);
            } else {
                options.push(summary);
            }
        }
        (options, views)
    }
}

/// A count and its share of the responses, as a percentage to two places.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
pub struct Share {
    pub count: u32,
    /// Percent of the responses, two places ("67.00").
    pub pct: String,
}

pub fn share(count: u32, of: u32) -> Share {
    Share {
        count,
        pct: pct(count, of),
    }
}

/// The figures for one set of responses (all, or one group).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
pub struct Summary {
    pub responses: u32,
    /// The council's options other than views.
    pub options: Vec<OptionSummary>,
    /// Questions of opinion (agree, disagree, no view).
    pub views: Vec<OptionSummary>,
    pub years: Vec<YearSummary>,
    pub reserves: ReservesSummary,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
pub struct OptionSummary {
    pub option: String,
    pub title: String,
    pub levels: Vec<LevelCount>,
    /// Responses choosing a level other than the plan's.
    pub changed: Share,
    /// Per year: the mean and the median of the chosen levels' effects (pounds by which
    /// they lower the gap).
    #[cfg_attr(feature = "cli", schemars(with = "Vec<String>"))]
    pub mean_effect: Vec<Money>,
    #[cfg_attr(feature = "cli", schemars(with = "Vec<String>"))]
    pub median_effect: Vec<Money>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
pub struct LevelCount {
    pub level: String,
    pub label: String,
    pub responses: Share,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
pub struct YearSummary {
    pub year: String,
    /// Responses by core rise chosen (percent), lowest first.
    pub core_pct: Vec<RiseCount>,
    pub asc_pct: Vec<RiseCount>,
    pub median_core_pct: Option<String>,
    pub median_asc_pct: Option<String>,
    /// Responses whose rise would need a local referendum.
    pub referendum: Share,
    /// Responses whose budget balances this year (nothing left unfunded).
    pub balanced: Share,
    /// The median gap left after the responses' choices (pounds; negative: to spare).
    #[cfg_attr(feature = "cli", schemars(with = "Option<String>"))]
    pub median_gap: Option<Money>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
pub struct RiseCount {
    pub pct: String,
    pub responses: Share,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
pub struct ReservesSummary {
    /// Responses whose budget draws on reserves in some year.
    pub using: Share,
    /// The median drawn over the years, among those that draw.
    #[cfg_attr(feature = "cli", schemars(with = "Option<String>"))]
    pub median_drawn: Option<Money>,
}

fn rises(h: &BTreeMap<Decimal, u32>, n: u32) -> Vec<RiseCount> {
    h.iter()
        .map(|(v, &c)| RiseCount {
            pct: v.to_string(),
            responses: share(c, n),
        })
        .collect()
}

/// The nearest-rank median (the ⌈n/2⌉-th smallest) of counted values.
fn median_of(h: &BTreeMap<Decimal, u32>) -> Option<Decimal> {
    let n: u32 = h.values().sum();
    let rank = n.div_ceil(2).max(1);
    let mut seen = 0;
    for (v, &c) in h {
        seen += c;
        if seen >= rank {
            return Some(*v);
        }
    }
    None
}

fn median_pennies(sorted: &[i128]) -> Option<Money> {
    let rank = sorted.len().div_ceil(2).max(1);
    sorted.get(rank - 1).map(|&p| crate::risk::from_pennies(p))
}

fn weighted_median(values: &[(Decimal, u32)]) -> Money {
    let mut h = BTreeMap::new();
    for &(v, c) in values.iter() {
        *h.entry(v).or_insert(0) += c;
    }
    Money::from_exact(median_of(&h).unwrap_or(Decimal::ZERO))
}

fn mean(values: &[(Decimal, u32)], n: u32) -> Money {
    if n == 0 {
        return Money::from_exact(Decimal::ZERO);
    }
    // At most 100,000 responses of effects of at most £10^12: far inside Decimal.
    let total: Decimal = values.iter().map(|&(v, c)| v * Decimal::from(c)).sum();
    Money::from_exact(total / Decimal::from(n))
}
