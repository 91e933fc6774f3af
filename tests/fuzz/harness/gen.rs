//! What the fuzzer feeds the engine: proptest strategies for whole inputs (a data set, a
//! scenario, a path count and a seed), built so that shrinking works on their parts.
//!
//! Most data sets are *valid-looking*: the right format string, consecutive year labels
//! from a random base year, 1 to 10 years, service lines, savings programmes, funding and
//! reserves that refer to each other, every figure with exactly one provenance, and an
//! optional risk section. Their numbers are hostile but mostly inside what validation
//! accepts (at the limits, with up to 28 decimal places, tiny, huge, rates next to −100%
//! and 100%), so most of them reach the engine's arithmetic. A share then has a few
//! *mutations* of its JSON tree (a value swapped for a wild one, a key deleted or added,
//! an id or reference broken, an array element doubled) or of its text (truncated, bytes
//! inserted, duplicate keys, deep nesting), for the readers and the validation.
//!
//! Scenarios set a random selection of levers for real (and sometimes unknown) years,
//! programmes, groups and funding kinds, with values inside, at and beyond each lever's
//! limits, and values shaped as the page's scenario links write them.

use super::{Doc, Input};
use proptest::prelude::*;
use proptest::string::string_regex;
use rust_decimal::Decimal;
use serde_json::{Map, Value};
use std::str::FromStr;

/// The longest horizon the format allows; series are generated this long and cut to the
/// data set's horizon, so that shrinking the horizon shrinks everything with it.
pub const MAX_YEARS: usize = 10;

/// What a number is, for choosing values inside the range validation accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Pounds, either sign, at most £10 trillion in size.
    Amount,
    /// Pounds, not negative.
    NonNegative,
    /// A rate in percent, above −100 and at most 100.
    Rate,
    /// A percentage from 0 to 100.
    Percent,
    BandD,
    TaxBase,
    /// A referendum limit (percent, 0 to 100).
    Limit,
    /// The ends of a risk section's growth factor range (not negative).
    RangeFactor,
    SlipYears,
    PartSize,
    /// A scenario's growth factor, 0 to 10.
    GrowthFactor,
    /// A scenario's delivery percentage, 0 to 200.
    Delivery,
    /// A scenario's delay in whole years, 0 to 5.
    Delay,
}

fn text(s: impl Into<String>) -> Value {
    Value::String(s.into())
}

/// Pennies from `lo` to `hi`, written as pounds ("1234.56").
fn cents(lo: i64, hi: i64) -> BoxedStrategy<Value> {
    (lo..=hi)
        .prop_map(|c| text(Decimal::new(c, 2).to_string()))
        .boxed()
}

fn pick(list: &'static [&'static str]) -> BoxedStrategy<Value> {
    prop::sample::select(list).prop_map(text).boxed()
}

fn regex(pattern: &str) -> BoxedStrategy<String> {
    string_regex(pattern)
        .unwrap_or_else(|e| panic!("harness: bad regex {pattern}: {e}"))
        .boxed()
}

/// A digit string from the regex, with a random sign.
fn signed(pattern: &str) -> BoxedStrategy<Value> {
    (any::<bool>(), regex(pattern))
        .prop_map(|(minus, s)| text(if minus { format!("-{s}") } else { s }))
        .boxed()
}

fn unsigned(pattern: &str) -> BoxedStrategy<Value> {
    regex(pattern).prop_map(text).boxed()
}

/// The largest amount validation accepts (`mtfs::number::MAX_POUNDS`): the generator
/// follows the engine's bound, whatever it is.
fn max_pounds() -> String {
    mtfs::number::MAX_POUNDS.to_string()
}

/// Digits a whole amount below the bound may have (13 below £10 trillion).
fn max_digits() -> usize {
    max_pounds().len().saturating_sub(1).max(1)
}

/// The largest amounts just below the bound, with all 28 of `Decimal`'s digits.
fn just_below() -> String {
    let d = max_digits();
    format!(
        "{}.{}",
        "9".repeat(d),
        "9".repeat(28usize.saturating_sub(d).max(1))
    )
}

fn a_third() -> String {
    let d = max_digits();
    format!(
        "{}.{}",
        "3".repeat(d),
        "3".repeat(28usize.saturating_sub(d).max(1))
    )
}

/// Amounts at the edges: the bound, just below it, a 28-digit third, the smallest step,
/// half-penny ties; with `negative`, each in both signs.
fn amount_edges(negative: bool) -> Vec<String> {
    let mut edges = vec![
        "0".to_string(),
        "-0".to_string(),
        max_pounds(),
        just_below(),
        a_third(),
        "0.0000000000000000000000000001".to_string(),
        "0.005".to_string(),
        "0.0049999999999999999999999999".to_string(),
        "0.01".to_string(),
        "1234567890.45".to_string(),
        "500000000".to_string(),
    ];
    if negative {
        let minus: Vec<String> = edges[2..7].iter().map(|e| format!("-{e}")).collect();
        edges.extend(minus);
    }
    edges
}

fn pick_owned(list: Vec<String>) -> BoxedStrategy<Value> {
    prop::sample::select(list).prop_map(text).boxed()
}

/// A whole amount below the bound with up to 15 decimal places.
fn amount_digits() -> String {
    format!("[1-9][0-9]{{0,{}}}(\\.[0-9]{{1,15}})?", max_digits() - 1)
}

const RATE_EDGES: &[&str] = &[
    "100",
    "-99.9999999999999999999999999",
    "99.9999999999999999999999999",
    "-99.99",
    "-99",
    "-50",
    "0",
    "-0",
    "0.0000000000000000000000000001",
    "-0.0000000000000000000000000001",
    "1.995",
    "33.3333333333333333333333333",
    "-33.3333333333333333333333333",
    "3.99",
    "2",
];

const PERCENT_EDGES: &[&str] = &[
    "0",
    "100",
    "0.0000000000000000000000000001",
    "99.9999999999999999999999999",
    "50",
    "33.3333333333333333333333333",
    "2.5",
];

/// A value inside the range validation accepts for `kind` (the scenario's limits for the
/// scenario kinds), with its edges and long decimals well represented.
pub fn in_range(kind: Kind) -> BoxedStrategy<Value> {
    match kind {
        Kind::Amount => prop_oneof![
            4 => cents(-50_000_000_000, 50_000_000_000),
            2 => pick_owned(amount_edges(true)),
            3 => signed(&amount_digits()),
            1 => (-mtfs::number::MAX_POUNDS..=mtfs::number::MAX_POUNDS).prop_map(Value::from),
        ]
        .boxed(),
        Kind::NonNegative => prop_oneof![
            4 => cents(0, 50_000_000_000),
            2 => pick_owned(amount_edges(false)),
            3 => unsigned(&amount_digits()),
            1 => (0..=mtfs::number::MAX_POUNDS).prop_map(Value::from),
        ]
        .boxed(),
        Kind::Rate => prop_oneof![
            4 => cents(-500, 1500),
            3 => pick(RATE_EDGES),
            3 => signed("[0-9]{1,2}(\\.[0-9]{1,25})?"),
            1 => (-99i64..=100).prop_map(Value::from),
        ]
        .boxed(),
        Kind::Percent => prop_oneof![
            3 => cents(0, 10_000),
            2 => pick(PERCENT_EDGES),
            2 => unsigned("[0-9]{1,2}(\\.[0-9]{1,25})?"),
        ]
        .boxed(),
        Kind::BandD => prop_oneof![
            4 => cents(50_000, 250_000),
            2 => pick(&[
                "0.01",
                "1000000",
                "999999.99",
                "1000000.00",
                "0.0000000000000000000000000001",
                "1",
                "1569.12",
            ]),
            1 => unsigned("[1-9][0-9]{0,5}(\\.[0-9]{1,20})?"),
        ]
        .boxed(),
        Kind::TaxBase => prop_oneof![
            4 => cents(1_000_000, 80_000_000),
            2 => pick(&[
                "0",
                "1000000000",
                "999999999.99",
                "0.01",
                "0.0000000000000000000000000001",
                "514185.21",
            ]),
            1 => unsigned("[0-9]{1,9}(\\.[0-9]{1,18})?"),
        ]
        .boxed(),
        Kind::Limit => prop_oneof![
            4 => cents(0, 500),
            2 => pick(&[
                "0",
                "2",
                "1.99",
                "2.00",
                "3",
                "4.99",
                "15",
                "100",
                "99.9999999999999999999999999",
                "0.0000000000000000000000000001",
            ]),
            1 => unsigned("[0-9]{1,2}(\\.[0-9]{1,25})?"),
        ]
        .boxed(),
        Kind::RangeFactor => prop_oneof![
            4 => cents(0, 100 * mtfs::scenario::MAX_GROWTH_FACTOR),
            2 => pick_owned(
                ["0", "1", "1.5", "0.0000000000000000000000000001", "9.9999999999999999999999999"]
                    .iter()
                    .map(|s| s.to_string())
                    .chain([mtfs::scenario::MAX_GROWTH_FACTOR.to_string()])
                    .collect()
            ),
            // Far beyond a scenario's growth factor, up to the largest amount.
            1 => pick_owned(vec!["1000".to_string(), max_pounds()]),
        ]
        .boxed(),
        Kind::SlipYears => prop_oneof![
            2 => (0i64..=5).prop_map(Value::from),
            2 => (0i64..=5).prop_map(|y| text(y.to_string())),
            1 => pick(&["5.0", "0.000", "1"]),
        ]
        .boxed(),
        Kind::PartSize => prop_oneof![
            3 => cents(1, 100_000_000_000),
            2 => pick_owned(
                ["0.0000000000000000000000000001", "0.01", "1", "1000000"]
                    .iter()
                    .map(|s| s.to_string())
                    .chain([max_pounds()])
                    .collect()
            ),
        ]
        .boxed(),
        Kind::GrowthFactor => prop_oneof![
            3 => cents(0, 1_000),
            2 => pick(&[
                "0",
                "1",
                "10",
                "9.9999999999999999999999999",
                "0.0000000000000000000000000001",
            ]),
        ]
        .boxed(),
        Kind::Delivery => prop_oneof![
            3 => cents(0, 20_000),
            2 => pick(&[
                "0",
                "100",
                "200",
                "199.9999999999999999999999999",
                "0.0000000000000000000000000001",
            ]),
        ]
        .boxed(),
        Kind::Delay => (0u32..=5).prop_map(Value::from).boxed(),
    }
}

/// A value just beyond what `kind` allows (or at an excluded end).
pub fn beyond(kind: Kind) -> BoxedStrategy<Value> {
    match kind {
        Kind::Rate => pick(&[
            "-100",
            "100.0000000000000000000000001",
            "100.01",
            "-100.0000000000000000000000001",
            "1000",
            "-1000",
        ]),
        Kind::Amount | Kind::NonNegative => pick_owned(
            [
                format!("{}.01", max_pounds()),
                format!("-{}.01", max_pounds()),
                format!("{}0", max_pounds()),
                "-0.01".to_string(),
                "-0.0000000000000000000000000001".to_string(),
                "79228162514264337593543950335".to_string(),
                "-79228162514264337593543950335".to_string(),
            ]
            .to_vec(),
        ),
        Kind::GrowthFactor => pick(&[
            "10.0000000000000000000000001",
            "-0.0000000000000000000000000001",
            "11",
            "10000000000000",
        ]),
        Kind::Delivery => pick(&["200.0000000000000000000000001", "-0.01", "201", "1000"]),
        Kind::Delay => prop_oneof![
            Just(Value::from(6)),
            Just(Value::from(u32::MAX)),
            Just(Value::from(-1)),
            Just(Value::from(4_294_967_296u64)),
            Just(text("1")),
            Just(Value::from(1.5)),
        ]
        .boxed(),
        _ => wild(),
    }
}

/// Wild values: beyond every limit, beyond `Decimal`, not numbers at all, not strings.
pub fn wild() -> BoxedStrategy<Value> {
    (0usize..WILD_COUNT).prop_map(wild_value).boxed()
}

const WILD_COUNT: usize = 44;

fn wild_value(i: usize) -> Value {
    let s = |v: &str| text(v);
    match i % WILD_COUNT {
        0 => s("79228162514264337593543950335"),
        1 => s("-79228162514264337593543950335"),
        2 => s("79228162514264337593543950336"),
        3 => s("7.9228162514264337593543950335"),
        4 => s("0.00000000000000000000000000001"),
        5 => s("1e5"),
        6 => s("12,5m"),
        7 => s(""),
        8 => s(" "),
        9 => s(" 12 "),
        10 => s("+5"),
        11 => s("+.5"),
        12 => s("5."),
        13 => s("."),
        14 => s("-"),
        15 => s("NaN"),
        16 => s("Infinity"),
        17 => s("10000000000000.01"),
        18 => s("-10000000000000.01"),
        19 => s("100.0000000000000000000000001"),
        20 => s("-100"),
        21 => s("1000000.01"),
        22 => s("1000000000.01"),
        23 => s("-0.01"),
        24 => s("\u{663}"),
        25 => s("\u{ff11}\u{ff12}"),
        26 => s("\u{0}"),
        27 => s(&"9".repeat(40)),
        28 => s(&format!("0.{}1", "0".repeat(40))),
        29 => Value::from(i64::MAX),
        30 => Value::from(i64::MIN),
        31 => Value::from(u64::MAX),
        32 => Value::from(-1),
        33 => Value::from(1.5),
        34 => Value::from(1e300),
        35 => Value::from(-0.0),
        36 => Value::Null,
        37 => Value::Bool(true),
        38 => Value::Array(vec![]),
        39 => Value::Object(Map::new()),
        40 => s("x"),
        41 => s("-99.99999999999999999999999999"),
        42 => s("1000000000000000000000000000"),
        _ => s("-1000000000000000000000000000"),
    }
}

/// Values shaped as the page's scenario links write them (`-?\d{1,9}(\.\d{1,9})?`),
/// whatever the lever's limits.
pub fn link_value() -> BoxedStrategy<Value> {
    unsigned("-?([0-9]{1,9}(\\.[0-9]{1,9})?|\\.[0-9]{1,9})")
}

/// A figure's value and its provenance (which of the three, and the words); `kind` and
/// `roll` let a data set push a share of its figures to their kind's extremes.
#[derive(Clone, Debug)]
pub struct Fig {
    pub value: Value,
    pub provenance: u8,
    pub words: u8,
    pub kind: Kind,
    pub roll: u8,
}

/// The largest figures (in size) each kind allows: where overflow would start.
fn extreme(kind: Kind, roll: u8) -> Option<String> {
    let pick = |list: Vec<String>| list[usize::from(roll) % list.len()].clone();
    let owned = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let (max, below) = (max_pounds(), just_below());
    Some(match kind {
        Kind::Amount => pick(vec![
            max.clone(),
            format!("-{max}"),
            below.clone(),
            format!("-{below}"),
        ]),
        Kind::NonNegative => pick(vec![max, below]),
        Kind::Rate => pick(owned(&[
            "100",
            "-99.9999999999999999999999999",
            "99.9999999999999999999999999",
        ])),
        Kind::Percent => pick(owned(&["100", "0", "99.9999999999999999999999999"])),
        Kind::BandD => "1000000".to_string(),
        Kind::TaxBase => "1000000000".to_string(),
        Kind::Limit => pick(owned(&["0", "100"])),
        Kind::RangeFactor => pick(vec![
            mtfs::scenario::MAX_GROWTH_FACTOR.to_string(),
            mtfs::scenario::MAX_GROWTH_FACTOR.to_string(),
            max,
        ]),
        Kind::SlipYears => "5".to_string(),
        Kind::PartSize => pick(vec!["0.0000000000000000000000000001".to_string(), max]),
        Kind::GrowthFactor | Kind::Delivery | Kind::Delay => return None,
    })
}

const WORDS: &[&str] = &[
    "x",
    "x",
    "x",
    "seed 000 L633 (Appendix 1)",
    "\u{540d}\u{524d}",
    "\u{202e}x",
    " x ",
    "a \"quoted\" \\ word",
];

impl Fig {
    /// The figure as JSON; in a data set with `extremity` x, about x/256 of its figures
    /// are at their kind's extremes.
    fn json(&self, extremity: u8) -> Value {
        let mut m = Map::new();
        let value = match extreme(self.kind, self.roll) {
            Some(v) if self.roll < extremity => text(v),
            _ => self.value.clone(),
        };
        m.insert("value".into(), value);
        let key = ["source", "derived", "assumption"][usize::from(self.provenance % 3)];
        m.insert(
            key.into(),
            text(WORDS[usize::from(self.words) % WORDS.len()]),
        );
        Value::Object(m)
    }
}

pub fn fig(kind: Kind) -> BoxedStrategy<Fig> {
    (in_range(kind), 0u8..3, 0u8..8, any::<u8>())
        .prop_map(move |(value, provenance, words, roll)| Fig {
            value,
            provenance,
            words,
            kind,
            roll,
        })
        .boxed()
}

/// A figure for every year (cut to the horizon later).
fn every_year(kind: Kind) -> BoxedStrategy<Vec<Fig>> {
    prop::collection::vec(fig(kind), MAX_YEARS).boxed()
}

/// Figures for some years.
fn some_years(kind: Kind, present: f64) -> BoxedStrategy<Vec<Option<Fig>>> {
    prop::collection::vec(prop::option::weighted(present, fig(kind)), MAX_YEARS).boxed()
}

/// A cumulative series: the base year and every projection year.
fn from_base(kind: Kind) -> BoxedStrategy<Vec<Fig>> {
    prop::collection::vec(fig(kind), MAX_YEARS + 1).boxed()
}

const GROUPS: &[&str] = &["social_care", "waste", "g", "\u{fc}", "social care"];
const NAMES: &[&str] = &[
    "Care",
    "x",
    "Adults' Health and Care",
    "\u{540d}\u{524d}",
    "\u{202e}evil",
    "a\"b\\c",
    "\u{1f642}",
    "",
];

#[derive(Clone, Debug)]
pub struct ServiceSpec {
    name: u8,
    group: Option<u8>,
    base: Fig,
    inflation: Vec<Fig>,
    growth: Vec<Option<Fig>>,
    base_change: Vec<Option<Fig>>,
    one_off: Vec<Option<Fig>>,
}

fn service() -> BoxedStrategy<ServiceSpec> {
    (
        0u8..8,
        prop::option::weighted(0.6, 0u8..5),
        fig(Kind::NonNegative),
        every_year(Kind::Rate),
        some_years(Kind::Amount, 0.5),
        some_years(Kind::Amount, 0.3),
        some_years(Kind::Amount, 0.2),
    )
        .prop_map(
            |(name, group, base, inflation, growth, base_change, one_off)| ServiceSpec {
                name,
                group,
                base,
                inflation,
                growth,
                base_change,
                one_off,
            },
        )
        .boxed()
}

#[derive(Clone, Debug)]
pub struct LineSpec {
    service: usize,
    target: Vec<Fig>,
    plan: Vec<Fig>,
    rag: Option<[Option<Fig>; 4]>,
}

fn line() -> BoxedStrategy<LineSpec> {
    let part = || prop::option::weighted(0.6, fig(Kind::NonNegative));
    (
        0usize..64,
        from_base(Kind::NonNegative),
        from_base(Kind::NonNegative),
        prop::option::weighted(0.4, (part(), part(), part(), part())),
    )
        .prop_map(|(service, target, plan, rag)| LineSpec {
            service,
            target,
            plan,
            rag: rag.map(|(b, g, a, r)| [b, g, a, r]),
        })
        .boxed()
}

#[derive(Clone, Debug)]
pub struct ProgrammeSpec {
    name: u8,
    cash_flow_reserve: Option<usize>,
    early_delivery_reserve: Option<usize>,
    lines: Vec<LineSpec>,
}

fn programme() -> BoxedStrategy<ProgrammeSpec> {
    (
        0u8..8,
        prop::option::weighted(0.6, 0usize..16),
        prop::option::weighted(0.5, 0usize..16),
        prop::collection::vec(line(), 1..=3),
    )
        .prop_map(
            |(name, cash_flow_reserve, early_delivery_reserve, lines)| ProgrammeSpec {
                name,
                cash_flow_reserve,
                early_delivery_reserve,
                lines,
            },
        )
        .boxed()
}

#[derive(Clone, Debug)]
pub struct ReserveSpec {
    opening: Fig,
    floor: Option<Fig>,
    planned_in: Vec<Option<Fig>>,
    planned_out: Vec<Option<Fig>>,
    gap_order: Option<i64>,
}

fn gap_order() -> BoxedStrategy<i64> {
    prop_oneof![
        6 => -3i64..=5,
        1 => Just(i64::MIN),
        1 => Just(i64::MAX),
        1 => any::<i64>(),
    ]
    .boxed()
}

fn reserve() -> BoxedStrategy<ReserveSpec> {
    (
        fig(Kind::Amount),
        prop::option::weighted(0.3, fig(Kind::NonNegative)),
        some_years(Kind::NonNegative, 0.3),
        some_years(Kind::NonNegative, 0.3),
        prop::option::weighted(0.6, gap_order()),
    )
        .prop_map(
            |(opening, floor, planned_in, planned_out, gap_order)| ReserveSpec {
                opening,
                floor,
                planned_in,
                planned_out,
                gap_order,
            },
        )
        .boxed()
}

#[derive(Clone, Debug)]
pub struct TaxSpec {
    band_d: Fig,
    tax_base: Fig,
    growth: Vec<Fig>,
    collection_fund: Vec<Option<Fig>>,
    core: Vec<Fig>,
    asc: Vec<Option<Fig>>,
    /// Last year's Band D restated like-for-like, some years.
    restated: Vec<Option<Fig>>,
}

fn tax() -> BoxedStrategy<TaxSpec> {
    (
        fig(Kind::BandD),
        fig(Kind::TaxBase),
        every_year(Kind::Rate),
        some_years(Kind::Amount, 0.3),
        every_year(Kind::Rate),
        some_years(Kind::Rate, 0.7),
        some_years(Kind::BandD, 0.15),
    )
        .prop_map(
            |(band_d, tax_base, growth, collection_fund, core, asc, restated)| TaxSpec {
                band_d,
                tax_base,
                growth,
                collection_fund,
                core,
                asc,
                restated,
            },
        )
        .boxed()
}

#[derive(Clone, Debug)]
pub struct RiskSpec {
    odds: Vec<(Fig, Fig)>,
    slip_years: Fig,
    part_size: Option<Fig>,
    /// Per programme (by index): the rating and provenance for its unrated delivery.
    unrated: Vec<Option<(u8, u8)>>,
    inflation: Option<(Fig, Fig)>,
    growth: Vec<(u8, Fig, Fig)>,
    /// Issue 16: funding ranges (kind, low, high, from year), cost shocks and inflows
    /// (kind, chance, low, high, from year; inflows also a reserve), other reserves.
    funding: Vec<(u8, Fig, Fig, u8)>,
    shocks: Vec<(u8, Fig, Fig, Fig, u8)>,
    inflows: Vec<(u8, Fig, Fig, Fig, u8, u8)>,
    other_reserves: Option<Fig>,
}

fn risk() -> BoxedStrategy<RiskSpec> {
    (
        prop::collection::vec((fig(Kind::Percent), fig(Kind::Percent)), 4),
        fig(Kind::SlipYears),
        prop::option::weighted(0.5, fig(Kind::PartSize)),
        prop::collection::vec(prop::option::weighted(0.9, (0u8..4, 0u8..3)), 4),
        prop::option::weighted(0.6, (fig(Kind::Rate), fig(Kind::Rate))),
        prop::collection::vec(
            (0u8..5, fig(Kind::RangeFactor), fig(Kind::RangeFactor)),
            0..=2,
        ),
        (
            prop::collection::vec((0u8..8, fig(Kind::Rate), fig(Kind::Rate), 0u8..12), 0..=2),
            prop::collection::vec(
                (
                    0u8..8,
                    fig(Kind::Percent),
                    fig(Kind::Amount),
                    fig(Kind::Amount),
                    0u8..12,
                ),
                0..=2,
            ),
            prop::collection::vec(
                (
                    0u8..4,
                    fig(Kind::Percent),
                    fig(Kind::NonNegative),
                    fig(Kind::NonNegative),
                    0u8..12,
                    0u8..8,
                ),
                0..=2,
            ),
            prop::option::weighted(0.5, fig(Kind::NonNegative)),
        ),
    )
        .prop_map(
            |(odds, slip_years, part_size, unrated, inflation, growth, more)| {
                let (funding, shocks, inflows, other_reserves) = more;
                RiskSpec {
                    odds,
                    slip_years,
                    part_size,
                    unrated,
                    inflation,
                    growth,
                    funding,
                    shocks,
                    inflows,
                    other_reserves,
                }
            },
        )
        .boxed()
}

/// A change to a JSON tree. `at` picks a node of the kind the change works on, modulo
/// how many there are; `with` picks a wild value or string.
#[derive(Clone, Debug)]
pub enum TreeMut {
    /// Any node (the root included) becomes a wild value.
    Replace { at: usize, with: usize },
    /// A figure's `value` becomes a wild value.
    Value { at: usize, with: usize },
    /// A string (an id, a reference, a year label, a format) becomes another string.
    Text { at: usize, with: usize },
    /// A member of an object or an element of an array is removed.
    Delete { at: usize },
    /// An object gains a key it does not know.
    Unknown { at: usize, with: usize },
    /// An object's first key appears twice in the text (serde_json keeps the last in a
    /// map; a struct refuses it).
    Duplicate { at: usize },
    /// An array element is doubled (duplicate ids, years, lines).
    Double { at: usize },
}

const STRINGS: &[&str] = &[
    "",
    " ",
    "x",
    "p0",
    "s0",
    "r0",
    "f0",
    "2020/21",
    "2019/20",
    "2021/22",
    "2020/2021",
    "20\u{ff12}0/21",
    "social_care",
    "mtfs-council-data/1",
    "mtfs-council-data/2",
    "government_grant",
    "council_tax",
    "red",
    "purple",
    "\u{0}",
    "\u{202e}",
    "\u{1f642}",
    "a.b[0]",
    "\u{feff}x",
];

fn tree_mut() -> BoxedStrategy<TreeMut> {
    let at = || any::<usize>();
    prop_oneof![
        2 => (at(), 0..WILD_COUNT).prop_map(|(at, with)| TreeMut::Replace { at, with }),
        4 => (at(), 0..WILD_COUNT).prop_map(|(at, with)| TreeMut::Value { at, with }),
        3 => (at(), 0..STRINGS.len()).prop_map(|(at, with)| TreeMut::Text { at, with }),
        3 => at().prop_map(|at| TreeMut::Delete { at }),
        1 => (at(), 0..STRINGS.len()).prop_map(|(at, with)| TreeMut::Unknown { at, with }),
        1 => at().prop_map(|at| TreeMut::Duplicate { at }),
        2 => at().prop_map(|at| TreeMut::Double { at }),
    ]
    .boxed()
}

/// A change to a document's text.
#[derive(Clone, Debug)]
pub enum TextMut {
    /// Cut at this fraction of the length (in 65536ths).
    Truncate(u16),
    /// Insert a snippet at this fraction of the length.
    Insert(u16, usize),
    /// Wrap the whole document in this many arrays (or objects).
    Nest(u16, bool),
    /// A byte-order mark first.
    Bom,
    /// Something after the document.
    Append(usize),
}

const SNIPPETS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "\"\\ud800\"",
    "\"\\udc00\\ud800\"",
    "\u{feff}",
    "1e400",
    "-",
    "null",
    "\"format\": \"x\",",
    "/* comment */",
    "\u{2028}",
    "NaN",
    "\u{0}",
    "0x10",
    "\"\\u0000\"",
    "[[[[[[[[[[[[[[[[[[[[",
];

fn text_mut() -> BoxedStrategy<TextMut> {
    prop_oneof![
        2 => any::<u16>().prop_map(TextMut::Truncate),
        3 => (any::<u16>(), 0..SNIPPETS.len()).prop_map(|(at, s)| TextMut::Insert(at, s)),
        1 => (1u16..20_000, any::<bool>()).prop_map(|(d, objects)| TextMut::Nest(d, objects)),
        1 => Just(TextMut::Bom),
        1 => (0..SNIPPETS.len()).prop_map(TextMut::Append),
    ]
    .boxed()
}

/// The changes made to one document.
#[derive(Clone, Debug, Default)]
pub struct Mutations {
    tree: Vec<TreeMut>,
    text: Vec<TextMut>,
}

fn mutations(tree_share: u32, text_share: u32) -> BoxedStrategy<Mutations> {
    let tree = prop_oneof![
        (100 - tree_share) => Just(Vec::new()),
        tree_share => prop::collection::vec(tree_mut(), 1..=3),
    ];
    let text = prop_oneof![
        (100 - text_share) => Just(Vec::new()),
        text_share => prop::collection::vec(text_mut(), 1..=2),
    ];
    (tree, text)
        .prop_map(|(tree, text)| Mutations { tree, text })
        .boxed()
}

#[derive(Clone, Debug)]
pub struct DataSpec {
    years: usize,
    base_start: i32,
    council: u8,
    services: Vec<ServiceSpec>,
    programmes: Vec<ProgrammeSpec>,
    reserves: Vec<ReserveSpec>,
    funding: Vec<(u8, Vec<Fig>)>,
    tax: TaxSpec,
    referendum: (Vec<Fig>, Vec<Fig>, Option<Vec<Option<Fig>>>),
    minimum: (bool, Fig),
    risk: Option<RiskSpec>,
    /// How many of its figures (in 256ths) are at their extremes.
    extremity: u8,
    mutations: Mutations,
    /// The nation: 0 none given (England), 1 England named, 2 Wales, 3 Scotland, 4 Wales
    /// with England's referendum section and precept (refused), 5 a nation the format
    /// does not have (refused).
    nation: u8,
    /// Scotland's cap on rises, some years.
    cap: Vec<Option<Fig>>,
    /// The council's look and the paper form's details: three colours (as 24-bit numbers,
    /// so many pairs fail contrast and are refused), a logo path and a closing date drawn
    /// from a number (some not real dates).
    look: Option<(u32, u32, u32, u32)>,
    /// Capitalisation directions in some years, the interest rate and the repayment term.
    capitalisation: Option<(Vec<Option<Fig>>, Fig, Fig)>,
    /// A stated in-year overspend, some years.
    overspend: Vec<Option<Fig>>,
    /// Other precepts on the bill (police, fire…): Band D, some years (issue 14).
    precepts: Vec<Vec<Option<Fig>>>,
    /// England without its own referendum section: the rules file's principles (refused
    /// for a year the rules file does not have).
    rules_referendum: bool,
}

fn data_spec() -> BoxedStrategy<DataSpec> {
    let head = (
        1usize..=MAX_YEARS,
        prop_oneof![
            16 => 1990i32..=2090,
            1 => Just(2099),
            1 => 1000i32..=1999,
            1 => prop_oneof![9985i32..=9999, -1i32..=999],
        ],
        0u8..32,
    );
    let services = prop_oneof![
        12 => prop::collection::vec(service(), 1..=5),
        1 => prop::collection::vec(service(), 6..=24),
    ];
    let reserves = prop::collection::vec(reserve(), 1..=4);
    let referendum = (
        every_year(Kind::Limit),
        every_year(Kind::Limit),
        prop::option::weighted(0.25, some_years(Kind::Limit, 0.5)),
    );
    let minimum = prop_oneof![
        (Just(false), fig(Kind::NonNegative)),
        (Just(true), fig(Kind::Percent)),
    ];
    (
        head,
        services,
        prop::collection::vec(programme(), 0..=3),
        reserves,
        prop::collection::vec((0u8..3, every_year(Kind::Amount)), 0..=3),
        tax(),
        referendum,
        minimum,
        prop::option::weighted(0.5, risk()),
        (
            prop_oneof![6 => Just(0u8), 3 => any::<u8>()],
            mutations(30, 6),
            prop_oneof![8 => Just(0u8), 2 => Just(1u8), 3 => Just(2u8), 3 => Just(3u8), 1 => 4u8..=5],
            some_years(Kind::Limit, 0.7),
            prop::option::weighted(0.3, (any::<u32>(), any::<u32>(), any::<u32>(), any::<u32>())),
            prop::option::weighted(
                0.3,
                (
                    some_years(Kind::NonNegative, 0.5),
                    fig(Kind::Percent),
                    fig(Kind::SlipYears),
                ),
            ),
            some_years(Kind::NonNegative, 0.2),
            prop_oneof![3 => Just(Vec::new()), 1 => prop::collection::vec(some_years(Kind::BandD, 0.7), 1..=3)],
            prop::bool::weighted(0.15),
        ),
    )
        .prop_map(
            |(
                (years, base_start, council),
                services,
                programmes,
                reserves,
                funding,
                tax,
                referendum,
                minimum,
                risk,
                (extremity, mutations, nation, cap, look, capitalisation, overspend, precepts, rules_referendum),
            )| DataSpec {
                years,
                base_start,
                council,
                services,
                programmes,
                reserves,
                funding,
                tax,
                referendum,
                minimum,
                risk,
                extremity,
                mutations,
                nation,
                cap,
                look,
                capitalisation,
                overspend,
                precepts,
                rules_referendum,
            },
        )
        .boxed()
}

/// "2019/20".
pub fn year_label(start: i32) -> String {
    format!("{start}/{:02}", (start + 1).rem_euclid(100))
}

/// What a scenario may refer to in the data set it goes with.
#[derive(Clone, Debug, Default)]
pub struct Names {
    pub base_year: String,
    pub years: Vec<String>,
    pub programmes: Vec<String>,
    pub groups: Vec<String>,
}

fn series_json(years: &[String], figs: &[Fig], x: u8) -> Value {
    Value::Object(
        years
            .iter()
            .zip(figs)
            .map(|(y, f)| (y.clone(), f.json(x)))
            .collect(),
    )
}

fn some_series_json(years: &[String], figs: &[Option<Fig>], x: u8) -> Value {
    Value::Object(
        years
            .iter()
            .zip(figs)
            .filter_map(|(y, f)| f.as_ref().map(|f| (y.clone(), f.json(x))))
            .collect(),
    )
}

fn decimal(v: &Value) -> Option<Decimal> {
    match v {
        Value::String(s) => Decimal::from_str(s.trim()).ok(),
        Value::Number(n) => n.as_i64().map(Decimal::from),
        _ => None,
    }
}

/// A range's two figures, low first when both read as numbers.
fn range_json(low: &Fig, high: &Fig, x: u8) -> Value {
    let (low, high) = (low.json(x), high.json(x));
    let (low, high) = match (decimal(&low["value"]), decimal(&high["value"])) {
        (Some(a), Some(b)) if a > b => (high, low),
        _ => (low, high),
    };
    let mut m = Map::new();
    m.insert("low".into(), low);
    m.insert("high".into(), high);
    Value::Object(m)
}

fn object(members: Vec<(&str, Value)>) -> Value {
    Value::Object(
        members
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

impl DataSpec {
    /// The data set as JSON, and the names a scenario may use.
    fn json(&self) -> (Value, Names) {
        let x = self.extremity;
        let n = self.years;
        let base_year = year_label(self.base_start);
        let years: Vec<String> = (1..=n as i32)
            .map(|i| year_label(self.base_start + i))
            .collect();
        let mut all = vec![base_year.clone()];
        all.extend(years.iter().cloned());

        let services: Vec<Value> = self
            .services
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut m = vec![
                    ("id", text(format!("s{i}"))),
                    ("name", text(NAMES[usize::from(s.name) % NAMES.len()])),
                    ("base", s.base.json(x)),
                    ("inflation_pct", series_json(&years, &s.inflation, x)),
                    ("growth", some_series_json(&years, &s.growth, x)),
                    ("base_change", some_series_json(&years, &s.base_change, x)),
                    ("one_off", some_series_json(&years, &s.one_off, x)),
                ];
                if let Some(g) = s.group {
                    m.push(("growth_group", text(GROUPS[usize::from(g) % GROUPS.len()])));
                }
                object(m)
            })
            .collect();
        let mut groups: Vec<String> = self
            .services
            .iter()
            .filter_map(|s| {
                s.group
                    .map(|g| GROUPS[usize::from(g) % GROUPS.len()].to_string())
            })
            .collect();
        groups.sort();
        groups.dedup();

        let reserve_id = |i: usize| format!("r{}", i % self.reserves.len().max(1));
        let programmes: Vec<Value> = self
            .programmes
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let lines: Vec<Value> = p
                    .lines
                    .iter()
                    .map(|l| {
                        let mut m = vec![
                            (
                                "service",
                                text(format!("s{}", l.service % self.services.len().max(1))),
                            ),
                            ("target", series_json(&all, &l.target, x)),
                            ("plan", series_json(&all, &l.plan, x)),
                        ];
                        if let Some(rag) = &l.rag {
                            let parts: Vec<(&str, Value)> = ["blue", "green", "amber", "red"]
                                .iter()
                                .zip(rag)
                                .filter_map(|(name, f)| f.as_ref().map(|f| (*name, f.json(x))))
                                .collect();
                            m.push(("rag", object(parts)));
                        }
                        object(m)
                    })
                    .collect();
                let mut m = vec![
                    ("id", text(format!("p{i}"))),
                    ("name", text(NAMES[usize::from(p.name) % NAMES.len()])),
                    ("lines", Value::Array(lines)),
                ];
                if let Some(r) = p.cash_flow_reserve {
                    m.push(("cash_flow_reserve", text(reserve_id(r))));
                }
                if let Some(r) = p.early_delivery_reserve {
                    m.push(("early_delivery_reserve", text(reserve_id(r))));
                }
                object(m)
            })
            .collect();

        // A valid data set has a reserve that funds gaps: the first, if none other does
        // (a mutation may still delete it).
        let any_order = self.reserves.iter().any(|r| r.gap_order.is_some());
        let reserves: Vec<Value> = self
            .reserves
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut m = vec![
                    ("id", text(format!("r{i}"))),
                    ("name", text(format!("Reserve {i}"))),
                    ("opening", r.opening.json(x)),
                    ("planned_in", some_series_json(&years, &r.planned_in, x)),
                    ("planned_out", some_series_json(&years, &r.planned_out, x)),
                ];
                if let Some(f) = &r.floor {
                    m.push(("floor", f.json(x)));
                }
                // Some reserves are ring-fenced (with a gap_order too: refused).
                if r.opening.roll % 5 == 0 {
                    m.push(("ring_fenced", Value::Bool(true)));
                }
                match r.gap_order {
                    Some(o) => m.push(("gap_order", Value::from(o))),
                    None if i == 0 && !any_order => m.push(("gap_order", Value::from(1))),
                    None => {}
                }
                object(m)
            })
            .collect();

        let kinds = ["government_grant", "business_rates", "other"];
        let funding: Vec<Value> = self
            .funding
            .iter()
            .enumerate()
            .map(|(i, (kind, amounts))| {
                object(vec![
                    ("id", text(format!("f{i}"))),
                    ("name", text(format!("Funding {i}"))),
                    ("kind", text(kinds[usize::from(*kind) % 3])),
                    ("amount", series_json(&years, amounts, x)),
                ])
            })
            .collect();

        let t = &self.tax;
        let council_tax = object(vec![
            ("band_d", t.band_d.json(x)),
            ("tax_base", t.tax_base.json(x)),
            ("tax_base_growth_pct", series_json(&years, &t.growth, x)),
            (
                "collection_fund",
                some_series_json(&years, &t.collection_fund, x),
            ),
            ("core_pct", series_json(&years, &t.core, x)),
            ("restated_band_d", some_series_json(&years, &t.restated, x)),
            (
                "asc_pct",
                // The adult social care precept is England's.
                if matches!(self.nation, 2 | 3) {
                    object(vec![])
                } else {
                    some_series_json(&years, &t.asc, x)
                },
            ),
        ]);

        let (core, asc, dispensation) = &self.referendum;
        let mut referendum = vec![
            ("core_limit_pct", series_json(&years, core, x)),
            ("asc_limit_pct", series_json(&years, asc, x)),
        ];
        if let Some(d) = dispensation {
            // A dispensation is a higher limit: mostly the normal total plus its own
            // figure and a penny (none that year if that is over 100), sometimes its
            // figure as drawn (below the limits too).
            let raised: Vec<Option<Fig>> = d
                .iter()
                .zip(core.iter().zip(asc))
                .map(|(d, (c, a))| {
                    let d = d.as_ref()?;
                    let sum = [&c.value, &a.value, &d.value]
                        .into_iter()
                        .map(decimal)
                        .try_fold(Decimal::ZERO, |s, v| s.checked_add(v?.abs()));
                    let raised = sum.map(|total| total + Decimal::new(1, 2));
                    match raised {
                        // No higher limit is possible: no dispensation that year.
                        Some(r) if d.roll < 243 && r > Decimal::ONE_HUNDRED => None,
                        Some(r) if d.roll < 243 => Some(Fig {
                            value: text(r.to_string()),
                            ..d.clone()
                        }),
                        _ => Some(d.clone()),
                    }
                })
                .collect();
            referendum.push(("dispensation_pct", some_series_json(&years, &raised, x)));
        }

        let (pct, figure) = &self.minimum;
        let minimum = object(vec![(
            if *pct {
                "pct_of_net_requirement"
            } else {
                "amount"
            },
            figure.json(x),
        )]);

        let programme_ids: Vec<String> = (0..self.programmes.len())
            .map(|i| format!("p{i}"))
            .collect();
        let mut members = vec![
            ("format", text("mtfs-council-data/1")),
            (
                "council",
                text(match self.council {
                    0 => " ",
                    1 => "x",
                    2 => "\u{540d}\u{524d}",
                    _ => "Testshire",
                }),
            ),
            ("base_year", text(base_year.clone())),
            (
                "years",
                Value::Array(years.iter().cloned().map(Value::String).collect()),
            ),
            ("services", Value::Array(services)),
            ("programmes", Value::Array(programmes)),
            ("council_tax", council_tax),
            ("funding", Value::Array(funding)),
            ("reserves", Value::Array(reserves)),
            ("reserves_minimum", minimum),
        ];
        // The nation and its rule on rises: England's referendum section (and, for a
        // refused case, Wales with it); Scotland's cap; Wales with neither.
        let nation = match self.nation {
            1 => Some("england"),
            2 | 4 => Some("wales"),
            3 => Some("scotland"),
            5 => Some("northern_ireland"),
            _ => None,
        };
        if let Some(n) = nation {
            members.push(("nation", text(n)));
        }
        if matches!(self.nation, 0 | 1 | 4 | 5) && !(self.rules_referendum && self.nation < 2) {
            members.push(("referendum", object(referendum)));
        }
        if !self.precepts.is_empty() {
            let precepts = self
                .precepts
                .iter()
                .enumerate()
                .map(|(i, band_d)| {
                    object(vec![
                        ("id", text(format!("p{i}"))),
                        ("name", text(format!("Precept {i}"))),
                        ("band_d", some_series_json(&years, band_d, x)),
                    ])
                })
                .collect();
            members.push(("other_precepts", Value::Array(precepts)));
        }
        if self.nation == 3 {
            // Mostly a cap at or above the plan's rise (so the plan loads), sometimes the
            // cap as drawn (often below it: refused).
            let caps: Vec<Option<Fig>> = self
                .cap
                .iter()
                .zip(&t.core)
                .map(|(cap, core)| {
                    let cap = cap.as_ref()?;
                    let at_least = decimal(&core.value)
                        .zip(decimal(&cap.value))
                        .map(|(c, k)| c.max(k))
                        .filter(|v| cap.roll < 224 && *v <= Decimal::ONE_HUNDRED);
                    Some(match at_least {
                        Some(v) => Fig {
                            value: text(v.to_string()),
                            ..cap.clone()
                        },
                        None => cap.clone(),
                    })
                })
                .collect();
            members.push((
                "rise_cap",
                object(vec![("max_pct", some_series_json(&years, &caps, x))]),
            ));
        }
        if let Some((a, b, c, d)) = self.look {
            let colour = |n: u32| text(format!("#{:06x}", n & 0xff_ffff));
            let logo = [
                "branding/logo.svg",
                "https://elsewhere.example/logo.svg",
                "../x.png",
                "logo.pdf",
            ][(d & 3) as usize];
            members.push((
                "branding",
                object(vec![
                    ("logo", object(vec![("src", text(logo)), ("alt", text(""))])),
                    (
                        "colours",
                        object(vec![
                            ("header", colour(a)),
                            ("header_text", colour(b)),
                            ("link", colour(c)),
                        ]),
                    ),
                ]),
            ));
            let date = format!(
                "{}-{:02}-{:02}",
                1890 + (d >> 2) % 300,
                (d >> 11) % 14,
                (d >> 15) % 33
            );
            members.push((
                "consultation",
                object(vec![
                    ("closing_date", text(date)),
                    ("return_address", text("Freepost")),
                    ("assumption", text("drawn")),
                ]),
            ));
        }
        members.push(("overspend", some_series_json(&years, &self.overspend, x)));
        if let Some((directions, interest, term)) = &self.capitalisation {
            members.push((
                "capitalisation",
                object(vec![
                    ("directions", some_series_json(&years, directions, x)),
                    ("interest_pct", interest.json(x)),
                    ("repayment_years", term.json(x)),
                ]),
            ));
        }
        if let Some(r) = &self.risk {
            members.push((
                "risk",
                r.json(&programme_ids, &groups, &years, self.reserves.len(), x),
            ));
        }
        (
            object(members),
            Names {
                base_year,
                years,
                programmes: programme_ids,
                groups,
            },
        )
    }
}

impl RiskSpec {
    fn json(
        &self,
        programmes: &[String],
        groups: &[String],
        years: &[String],
        reserves: usize,
        x: u8,
    ) -> Value {
        let ratings = ["blue", "green", "amber", "red"];
        let odds: Vec<(&str, Value)> = ratings
            .iter()
            .zip(&self.odds)
            .map(|(name, (delivery, slip))| {
                (
                    *name,
                    object(vec![
                        ("delivery_pct", delivery.json(x)),
                        ("slip_pct", slip.json(x)),
                    ]),
                )
            })
            .collect();
        let unrated: Map<String, Value> = programmes
            .iter()
            .zip(&self.unrated)
            .filter_map(|(id, choice)| {
                choice.map(|(rating, provenance)| {
                    let key = ["source", "derived", "assumption"][usize::from(provenance % 3)];
                    (
                        id.clone(),
                        object(vec![
                            ("rating", text(ratings[usize::from(rating % 4)])),
                            (key, text("x")),
                        ]),
                    )
                })
            })
            .collect();
        let mut members = vec![
            ("ratings", object(odds)),
            ("slip_years", self.slip_years.json(x)),
            ("unrated", Value::Object(unrated)),
        ];
        if let Some(p) = &self.part_size {
            members.push(("part_size", p.json(x)));
        }
        if let Some((low, high)) = &self.inflation {
            members.push(("inflation_adjust_pp", range_json(low, high, x)));
        }
        // Ranges for the data set's own growth groups (a mutation may add others).
        let growth: Map<String, Value> = self
            .growth
            .iter()
            .filter(|_| !groups.is_empty())
            .map(|(g, low, high)| {
                (
                    groups[usize::from(*g) % groups.len()].clone(),
                    range_json(low, high, x),
                )
            })
            .collect();
        if !growth.is_empty() {
            members.push(("growth_factor", Value::Object(growth)));
        }
        self.issue_16_json(&mut members, years, reserves, x);
        object(members)
    }

    /// Funding ranges, cost shocks, inflows and other reserves: mostly valid, sometimes a
    /// kind, year or reserve that does not exist (the checks must name it).
    fn issue_16_json(
        &self,
        members: &mut Vec<(&'static str, Value)>,
        years: &[String],
        reserves: usize,
        x: u8,
    ) {
        let year = |y: u8| -> Option<Value> {
            match usize::from(y) {
                i if i < years.len() => Some(text(years[i].clone())),
                10 => Some(text("2099/00")),
                _ => None,
            }
        };
        let with_year = |mut m: Vec<(&'static str, Value)>, y: u8| {
            if let Some(v) = year(y) {
                m.push(("from_year", v));
            }
            object(m)
        };
        let kinds = [
            "government_grant",
            "business_rates",
            "other",
            "government_grant",
            "business_rates",
            "other",
            "government_grant",
            "lottery",
        ];
        let funding: Map<String, Value> = self
            .funding
            .iter()
            .map(|(k, low, high, y)| {
                let mut m = vec![("evidence", text("x"))];
                if let Value::Object(r) = range_json(low, high, x) {
                    m.extend(r.into_iter().filter_map(|(k, v)| match k.as_str() {
                        "low" => Some(("low", v)),
                        "high" => Some(("high", v)),
                        _ => None,
                    }));
                }
                (kinds[usize::from(*k) % 8].to_string(), with_year(m, *y))
            })
            .collect();
        if !funding.is_empty() {
            members.push(("funding_change_pct", Value::Object(funding)));
        }
        let cost_kinds = [
            "inflation",
            "pay",
            "demand",
            "other",
            "inflation",
            "pay",
            "demand",
            "weather",
        ];
        let shocks: Vec<Value> = self
            .shocks
            .iter()
            .enumerate()
            .map(|(i, (k, chance, low, high, y))| {
                let m = vec![
                    ("id", text(format!("shock{i}"))),
                    ("label", text("A shock")),
                    ("kind", text(cost_kinds[usize::from(*k) % 8])),
                    ("chance_pct", chance.json(x)),
                    ("amount", range_json(low, high, x)),
                    ("evidence", text("x")),
                ];
                with_year(m, *y)
            })
            .collect();
        if !shocks.is_empty() {
            members.push(("cost_shocks", Value::Array(shocks)));
        }
        let inflow_kinds = ["grant", "underspend", "transfer", "transfer"];
        let inflows: Vec<Value> = self
            .inflows
            .iter()
            .enumerate()
            .map(|(i, (k, chance, low, high, y, r))| {
                let m = vec![
                    ("id", text(format!("inflow{i}"))),
                    ("label", text("One-off money")),
                    ("kind", text(inflow_kinds[usize::from(*k) % 4])),
                    (
                        "reserve",
                        text(format!("r{}", usize::from(*r) % (reserves + 1))),
                    ),
                    ("chance_pct", chance.json(x)),
                    ("amount", range_json(low, high, x)),
                    ("evidence", text("x")),
                ];
                with_year(m, *y)
            })
            .collect();
        if !inflows.is_empty() {
            members.push(("inflows", Value::Array(inflows)));
        }
        if let Some(amount) = &self.other_reserves {
            members.push((
                "other_reserves",
                object(vec![
                    ("label", text("Earmarked")),
                    ("amount", amount.json(x)),
                ]),
            ));
        }
    }
}

/// A per-year key: mostly a projection year, sometimes the base year, a year past the
/// horizon or something that is not a year.
#[derive(Clone, Copy, Debug)]
pub struct YearKey(u8, usize);

fn year_key() -> BoxedStrategy<YearKey> {
    prop_oneof![
        120 => any::<usize>().prop_map(|i| YearKey(0, i)),
        1 => Just(YearKey(1, 0)),
        1 => Just(YearKey(2, 0)),
        1 => (0..STRINGS.len()).prop_map(|i| YearKey(3, i)),
    ]
    .boxed()
}

impl YearKey {
    fn label(self, names: &Names) -> String {
        match self.0 {
            0 if !names.years.is_empty() => names.years[self.1 % names.years.len()].clone(),
            1 => names.base_year.clone(),
            2 => match names.years.last() {
                Some(y) => y
                    .split_once('/')
                    .and_then(|(a, _)| a.parse::<i32>().ok())
                    .map_or_else(|| "2099/00".to_string(), |s| year_label(s + 1)),
                None => "2099/00".to_string(),
            },
            _ => STRINGS[self.1 % STRINGS.len()].to_string(),
        }
    }
}

/// A lever's value: mostly inside its limits, sometimes as a link writes it, beyond the
/// limits or wild.
fn lever(kind: Kind) -> BoxedStrategy<Value> {
    prop_oneof![
        100 => in_range(kind),
        2 => link_value(),
        1 => beyond(kind),
        1 => wild(),
    ]
    .boxed()
}

/// A per-year lever's entries.
type Years = Vec<(YearKey, Value)>;
type PerYear = Option<Years>;
/// A per-programme or per-group lever's entries.
type Named = Vec<((bool, usize), Value)>;

fn per_year(kind: Kind) -> BoxedStrategy<PerYear> {
    prop::option::weighted(0.3, prop::collection::vec((year_key(), lever(kind)), 1..=4)).boxed()
}

/// A key naming a programme or group: mostly one of the data set's (by index), sometimes
/// one it does not have.
fn name_key() -> BoxedStrategy<(bool, usize)> {
    prop_oneof![
        20 => any::<usize>().prop_map(|i| (true, i)),
        1 => (0..STRINGS.len()).prop_map(|i| (false, i)),
    ]
    .boxed()
}

#[derive(Clone, Debug)]
pub struct ScenarioSpec {
    /// core_pct, asc_pct, tax_base_growth_pct, inflation_adjust_pp, extra_savings, extra_spend,
    /// capitalisation.
    per_year: Vec<PerYear>,
    growth_factor: Option<Named>,
    delivery_pct: Option<Named>,
    delay_years: Option<Named>,
    funding_change_pct: Option<Vec<(u8, Years)>>,
    use_reserves: Option<Value>,
    mutations: Mutations,
}

const PER_YEAR: [(&str, Kind); 7] = [
    ("core_pct", Kind::Rate),
    ("asc_pct", Kind::Rate),
    ("tax_base_growth_pct", Kind::Rate),
    ("inflation_adjust_pp", Kind::Rate),
    ("extra_savings", Kind::NonNegative),
    ("extra_spend", Kind::NonNegative),
    ("capitalisation", Kind::NonNegative),
];

fn scenario_spec() -> BoxedStrategy<ScenarioSpec> {
    let by_name = |kind: Kind| {
        prop::option::weighted(0.3, prop::collection::vec((name_key(), lever(kind)), 1..=3))
    };
    (
        PER_YEAR.map(|(_, kind)| per_year(kind)).to_vec(),
        by_name(Kind::GrowthFactor),
        by_name(Kind::Delivery),
        by_name(Kind::Delay),
        prop::option::weighted(
            0.25,
            prop::collection::vec(
                (
                    prop_oneof![20 => 0u8..3, 1 => Just(3u8)],
                    prop::collection::vec((year_key(), lever(Kind::Rate)), 1..=3),
                ),
                1..=2,
            ),
        ),
        prop::option::weighted(
            0.3,
            prop_oneof![10 => any::<bool>().prop_map(Value::Bool), 1 => wild()],
        ),
        mutations(8, 4),
    )
        .prop_map(
            |(
                per_year,
                growth_factor,
                delivery_pct,
                delay_years,
                funding_change_pct,
                use_reserves,
                mutations,
            )| ScenarioSpec {
                per_year: per_year.into_iter().collect(),
                growth_factor,
                delivery_pct,
                delay_years,
                funding_change_pct,
                use_reserves,
                mutations,
            },
        )
        .boxed()
}

impl ScenarioSpec {
    fn json(&self, names: &Names) -> Value {
        let years = |entries: &[(YearKey, Value)]| -> Value {
            Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.label(names), v.clone()))
                    .collect(),
            )
        };
        let named = |entries: &[((bool, usize), Value)], pool: &[String]| -> Value {
            Value::Object(
                entries
                    .iter()
                    .map(|((ours, i), v)| {
                        let key = if *ours && !pool.is_empty() {
                            pool[i % pool.len()].clone()
                        } else {
                            STRINGS[i % STRINGS.len()].to_string()
                        };
                        (key, v.clone())
                    })
                    .collect(),
            )
        };
        let mut m = Map::new();
        for ((name, _), entries) in PER_YEAR.iter().zip(&self.per_year) {
            if let Some(entries) = entries {
                m.insert((*name).into(), years(entries));
            }
        }
        if let Some(e) = &self.growth_factor {
            m.insert("growth_factor".into(), named(e, &names.groups));
        }
        if let Some(e) = &self.delivery_pct {
            m.insert("delivery_pct".into(), named(e, &names.programmes));
        }
        if let Some(e) = &self.delay_years {
            m.insert("delay_years".into(), named(e, &names.programmes));
        }
        if let Some(kinds) = &self.funding_change_pct {
            let kinds: Map<String, Value> = kinds
                .iter()
                .map(|(k, entries)| {
                    let kind = ["government_grant", "business_rates", "other", "council_tax"]
                        [usize::from(*k) % 4];
                    (kind.to_string(), years(entries))
                })
                .collect();
            m.insert("funding_change_pct".into(), Value::Object(kinds));
        }
        if let Some(u) = &self.use_reserves {
            m.insert("use_reserves".into(), u.clone());
        }
        Value::Object(m)
    }
}

/// A JSON pointer token.
fn token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Every node's pointer, in document order, with whether it is an object, an array, a
/// figure's `value`, or a string.
struct Node {
    pointer: String,
    object: bool,
    array: bool,
    figure_value: bool,
    string: bool,
}

fn nodes(v: &Value, pointer: String, figure_value: bool, out: &mut Vec<Node>) {
    out.push(Node {
        pointer: pointer.clone(),
        object: v.is_object(),
        array: v.is_array(),
        figure_value,
        string: v.is_string(),
    });
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                nodes(child, format!("{pointer}/{}", token(k)), k == "value", out);
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                nodes(child, format!("{pointer}/{i}"), false, out);
            }
        }
        _ => {}
    }
}

/// Marks a key that the text should show twice (see `TreeMut::Duplicate`).
const DUPLICATE: &str = "\u{1}DUPLICATE\u{1}";

fn apply_tree(v: &mut Value, m: &TreeMut) {
    let mut all = Vec::new();
    nodes(v, String::new(), false, &mut all);
    let chosen = |at: usize, keep: &dyn Fn(&Node) -> bool| -> Option<String> {
        let picked: Vec<&Node> = all.iter().filter(|n| keep(n)).collect();
        (!picked.is_empty()).then(|| picked[at % picked.len()].pointer.clone())
    };
    match *m {
        TreeMut::Replace { at, with } => {
            if let Some(p) = chosen(at, &|_| true) {
                if let Some(node) = v.pointer_mut(&p) {
                    *node = wild_value(with);
                }
            }
        }
        TreeMut::Value { at, with } => {
            if let Some(p) = chosen(at, &|n| n.figure_value) {
                if let Some(node) = v.pointer_mut(&p) {
                    *node = wild_value(with);
                }
            }
        }
        TreeMut::Text { at, with } => {
            if let Some(p) = chosen(at, &|n| n.string) {
                if let Some(node) = v.pointer_mut(&p) {
                    *node = text(STRINGS[with % STRINGS.len()]);
                }
            }
        }
        TreeMut::Delete { at } => {
            if let Some(p) = chosen(at, &|n| !n.pointer.is_empty()) {
                if let Some((parent, last)) = p.rsplit_once('/') {
                    let last = last.replace("~1", "/").replace("~0", "~");
                    match v.pointer_mut(parent) {
                        Some(Value::Object(o)) => {
                            o.remove(&last);
                        }
                        Some(Value::Array(a)) => {
                            if let Ok(i) = last.parse::<usize>() {
                                if i < a.len() {
                                    a.remove(i);
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        TreeMut::Unknown { at, with } => {
            if let Some(p) = chosen(at, &|n| n.object) {
                if let Some(Value::Object(o)) = v.pointer_mut(&p) {
                    let key = match STRINGS[with % STRINGS.len()] {
                        "" => "unknown".to_string(),
                        k => format!("{k}_"),
                    };
                    o.insert(key, Value::from(1));
                }
            }
        }
        TreeMut::Duplicate { at } => {
            if let Some(p) = chosen(at, &|n| n.object) {
                if let Some(Value::Object(o)) = v.pointer_mut(&p) {
                    if let Some((k, child)) = o.iter().next().map(|(k, c)| (k.clone(), c.clone())) {
                        o.insert(format!("{DUPLICATE}{k}"), child);
                    }
                }
            }
        }
        TreeMut::Double { at } => {
            if let Some(p) = chosen(at, &|n| n.array) {
                if let Some(Value::Array(a)) = v.pointer_mut(&p) {
                    if let Some(first) = a.first().cloned() {
                        a.push(first);
                    }
                }
            }
        }
    }
}

fn at_fraction(s: &str, fraction: u16) -> usize {
    let mut at = s.len() * usize::from(fraction) / 65_536;
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply_text(s: &mut String, m: &TextMut) {
    match *m {
        TextMut::Truncate(f) => {
            let at = at_fraction(s, f);
            s.truncate(at);
        }
        TextMut::Insert(f, snippet) => {
            let at = at_fraction(s, f);
            s.insert_str(at, SNIPPETS[snippet % SNIPPETS.len()]);
        }
        TextMut::Nest(depth, objects) => {
            let depth = usize::from(depth);
            let (open, close) = if objects {
                ("{\"a\":", "}")
            } else {
                ("[", "]")
            };
            *s = format!("{}{s}{}", open.repeat(depth), close.repeat(depth));
        }
        TextMut::Bom => s.insert(0, '\u{feff}'),
        TextMut::Append(snippet) => s.push_str(SNIPPETS[snippet % SNIPPETS.len()]),
    }
}

/// A document after its mutations: JSON when its text is exactly the tree's, text
/// otherwise (broken, or with a key twice).
fn document(mut v: Value, m: &Mutations) -> Doc {
    for t in &m.tree {
        apply_tree(&mut v, t);
    }
    let compact = serde_json::to_string(&v);
    let mut s = match compact {
        Ok(s) => s,
        // A tree of strings, numbers and maps always serializes; keep the input anyway.
        Err(_) => return Doc::Json(v),
    };
    let escaped = "\\u0001DUPLICATE\\u0001";
    let duplicated = s.contains(escaped);
    if !duplicated && m.text.is_empty() {
        return Doc::Json(v);
    }
    s = s.replace(escaped, "");
    for t in &m.text {
        apply_text(&mut s, t);
    }
    Doc::Text(s)
}

/// A whole input: a data set, a scenario (sometimes none: the plan), and the Monte
/// Carlo's path count and seed.
pub fn input() -> BoxedStrategy<Input> {
    (
        data_spec(),
        prop::option::weighted(0.95, scenario_spec()),
        prop_oneof![
            16 => 8u32..=32,
            2 => 1u32..=8,
            1 => Just(0u32),
            1 => Just(100_001u32),
        ],
        any::<u32>(),
    )
        .prop_map(|(data, scenario, paths, seed)| {
            let (json, names) = data.json();
            let scenario = scenario.map(|s| document(s.json(&names), &s.mutations));
            Input {
                data: document(json, &data.mutations),
                scenario,
                paths,
                seed,
            }
        })
        .boxed()
}
