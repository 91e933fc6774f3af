//! Council tax as each UK nation sets it: the bands, each band's ratio to Band D, and the
//! rule that limits a rise. This is data — a table per nation, with the law each entry
//! comes from — and the engine, the CLI and the page follow it: nothing elsewhere lists
//! the bands or knows how many there are.
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
}

pub const ENGLAND: Rules = Rules {
    nation: Nation::England,
    name: "England",
    bands: &[
        band("A", 6, 9),
        band("B", 7, 9),
        band("C", 8, 9),
        band("D", 9, 9),
        band("E", 11, 9),
        band("F", 13, 9),
        band("G", 15, 9),
        band("H", 18, 9),
    ],
    bands_source: "Local Government Finance Act 1992, s.5(1)",
    rise_rule: RiseRule::Referendum,
    asc_precept: true,
};

pub const WALES: Rules = Rules {
    nation: Nation::Wales,
    name: "Wales",
    bands: &[
        band("A", 6, 9),
        band("B", 7, 9),
        band("C", 8, 9),
        band("D", 9, 9),
        band("E", 11, 9),
        band("F", 13, 9),
        band("G", 15, 9),
        band("H", 18, 9),
        band("I", 21, 9),
    ],
    bands_source: "Local Government Finance Act 1992, s.5, as amended for Wales by the Council Tax (Valuation Bands) (Wales) Order 2003 (SI 2003/3046): nine bands, Band I 21/9 of Band D, from 1 April 2005",
    rise_rule: RiseRule::None,
    asc_precept: false,
};

pub const SCOTLAND: Rules = Rules {
    nation: Nation::Scotland,
    name: "Scotland",
    bands: &[
        band("A", 240, 360),
        band("B", 280, 360),
        band("C", 320, 360),
        band("D", 360, 360),
        band("E", 473, 360),
        band("F", 585, 360),
        band("G", 705, 360),
        band("H", 882, 360),
    ],
    bands_source: "Local Government Finance Act 1992, s.74(1), as amended by the Council Tax (Substitution of Proportion) (Scotland) Order 2016 (SSI 2016/411): E 473/360, F 585/360, G 705/360, H 882/360 of Band D, from 1 April 2017",
    rise_rule: RiseRule::Cap,
    asc_precept: false,
};

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
