//! Council tax as each UK nation sets it: the bands, each band's ratio to Band D, and the
//! rule that limits a rise. This is data — data/council-tax-rules.json, with the law each
//! entry comes from, read at build time (build.rs) — and the engine, the CLI and the page
//! follow it: nothing elsewhere lists the bands or knows how many there are.
//!
//! A data set names its nation (`"nation": "wales"`); a file without one is England's, as
//! every file was before nations were added, and gives exactly the same figures.

use serde::{Deserialize, Serialize};

/// The nation whose council tax law a council follows.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Nation {
    #[default]
    England,
    Wales,
    Scotland,
}

/// What limits a council's rise in council tax.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RiseRule {
    /// England: a rise at or above the year's principles is excessive and needs a local
    /// referendum (the data set's `referendum` section).
    Referendum,
    /// Scotland: the government caps the rise; a rise above the cap cannot be set (the data
    /// set's `rise_cap` section; a year it does not name has no cap).
    Cap,
    /// Wales: no referendum and no cap in force (the Welsh Government's capping powers are
    /// held in reserve, not set in advance).
    None,
}

/// One band: its letter and its ratio to Band D as a fraction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BandRatio {
    pub band: &'static str,
    pub numerator: i64,
    pub denominator: i64,
}

const fn band(band: &'static str, numerator: i64, denominator: i64) -> BandRatio {
    BandRatio {
        band,
        numerator,
        denominator,
    }
}

/// A nation's council tax rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    pub nation: Nation,
    /// "England", "Wales", "Scotland".
    pub name: &'static str,
    /// Lowest band first; Band D is always 1.
    pub bands: &'static [BandRatio],
    /// The law that sets the bands' ratios.
    pub bands_source: &'static str,
    pub rise_rule: RiseRule,
    /// Whether the adult social care precept exists (England only): elsewhere the whole
    /// rise is `core_pct`.
    pub asc_precept: bool,
    /// The top of the council tax lever's range where no limit or cap gives one, in
    /// hundredths of a percent (the sensitivity's upper end in Wales). Not a legal limit.
    pub lever_max_pct: i64,
    /// The referendum principles by year (England), used when the council's data file
    /// gives none.
    pub referendum: &'static [YearLimits],
    /// Cumulative caps on the adult social care precept over windows of years.
    pub asc_windows: &'static [AscWindow],
}

/// One year's referendum principles (England): percentages in hundredths (200 = 2%).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearLimits {
    pub year: &'static str,
    pub core_limit_pct: i64,
    pub asc_limit_pct: i64,
}

/// A cumulative cap on the adult social care precept over a window of years (England,
/// 2017/18 to 2019/20: 6% in all), on top of each year's own limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AscWindow {
    pub from: &'static str,
    pub to: &'static str,
    /// In hundredths: 600 = 6%.
    pub max_total_pct: i64,
}

// ENGLAND, WALES and SCOTLAND, from data/council-tax-rules.json (build.rs).
include!(concat!(env!("OUT_DIR"), "/rules.rs"));

impl Nation {
    pub const ALL: [Nation; 3] = [Nation::England, Nation::Wales, Nation::Scotland];

    pub fn rules(self) -> &'static Rules {
        match self {
            Nation::England => &ENGLAND,
            Nation::Wales => &WALES,
            Nation::Scotland => &SCOTLAND,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Nation::England => "england",
            Nation::Wales => "wales",
            Nation::Scotland => "scotland",
        }
    }

    /// Whether this is England (the default, left out of outputs so England's are as before).
    pub fn is_england(&self) -> bool {
        *self == Nation::England
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_nation_has_band_d_at_one_and_rising_ratios() {
        for nation in Nation::ALL {
            let bands = nation.rules().bands;
            let d = bands.iter().find(|b| b.band == "D").unwrap();
            assert_eq!(d.numerator, d.denominator, "{nation:?}");
            for pair in bands.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                assert!(
                    a.numerator * b.denominator < b.numerator * a.denominator,
                    "{nation:?}"
                );
            }
        }
    }
}
