//! The simulation in words, the one copy: the page's risk section and briefing (through the
//! insight binding, `calculator.riskWords`) and `mtfs risk` say the same sentences.
//!
//! The event the Monte Carlo counts as `unbalanced` is that **the money the council has set
//! aside to bridge gaps runs out** (the reserves with a `gap_order` drawn to their floors,
//! something left unfunded). It is not "the budget cannot be balanced": a council then
//! finds further savings, other reserves or new one-off money ([`RUNS_OUT_NOTE`]).
//!
//! [`RUNS_OUT_NOTE`]: crate::words::RUNS_OUT_NOTE

use super::{Runway, Simulation};
use crate::error::DataError;
use crate::model::Council;
use crate::scenario::Scenario;
use crate::tr;
use crate::words::{group_thousands, runs_out_note};
use serde::{Deserialize, Serialize};

/// What a simulation says, in plain English.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RiskWords {
    /// "In about 5 of 10 simulated futures (5,405 of 10,000) the council's reserves fall
    /// below the safe minimum by 2023/24."
    pub below_minimum: String,
    /// "In about 8 of 10 simulated futures (8,277 of 10,000) the money the council has set
    /// aside to bridge budget gaps runs out by 2023/24."
    pub runs_out: String,
    /// How many years the bridging money lasts, with its spread across the futures.
    pub runway: Vec<String>,
    /// The scenario's own runway, every saving delivered as planned.
    pub runway_plan: String,
    /// What a council does when it runs out, and what a section 114 notice is.
    pub what_then: String,
}

/// How many simulated futures, as honestly rounded words: "In about 5 of 10 simulated
/// futures (5,405 of 10,000)"; never "0 of 10" when some futures count, nor "10 of 10"
/// when some do not. `true` with it: none at all.
pub fn chance_words(paths: u32, total: u32) -> (bool, String) {
    let all = group_thousands(&total.to_string());
    if paths == 0 || total == 0 {
        return (
            true,
            tr!("In none of the {all} simulated futures", all = all),
        );
    }
    if paths >= total {
        return (
            false,
            tr!("In every one of the {all} simulated futures", all = all),
        );
    }
    let (p, n) = (u64::from(paths), u64::from(total));
    // Tenths, rounded half up: ⌊(10p/n) + ½⌋.
    let tenths = (20 * p + n) / (2 * n);
    let words = if p * 100 < n {
        tr!("In fewer than 1 in 100 simulated futures")
    } else if tenths == 0 {
        tr!("In fewer than 1 in 10 simulated futures")
    } else if p * 100 > n * 99 {
        tr!("In more than 99 in 100 simulated futures")
    } else if tenths == 10 {
        tr!("In more than 9 in 10 simulated futures")
    } else {
        if p * 10 == tenths * n {
            tr!("In {n} of 10 simulated futures", n = tenths)
        } else {
            tr!("In about {n} of 10 simulated futures", n = tenths)
        }
    };
    (
        false,
        tr!(
            "{words} ({paths} of {all})",
            words = words,
            paths = group_thousands(&paths.to_string()),
            all = all
        ),
    )
}

/// The simulation's sentences. `uses_reserves`: the scenario lets reserves fill gaps (with
/// none, what runs out is the year's own money, and the words say so).
pub fn describe(sim: &Simulation, uses_reserves: bool) -> RiskWords {
    let years: Vec<&str> = sim.years.iter().map(|y| y.year.as_str()).collect();
    let last = years.last().copied().unwrap_or_default();
    let (below_none, below) = sim.years.last().map_or((true, String::new()), |y| {
        chance_words(y.below_minimum_by.paths, sim.paths)
    });
    let (out_none, out) = sim.years.last().map_or((true, String::new()), |y| {
        chance_words(y.unbalanced_by.paths, sim.paths)
    });
    let below_minimum = if below_none {
        tr!("{below} do the council's reserves fall below the safe minimum, in any year up to {last}.", below = below, last = last)
    } else {
        tr!(
            "{below} the council's reserves fall below the safe minimum by {last}.",
            below = below,
            last = last
        )
    };
    let runs_out = match (uses_reserves, out_none) {
        (true, true) => tr!("{out} does the money the council has set aside to bridge budget gaps run out, in any year up to {last}.", out = out, last = last),
        (true, false) => tr!("{out} the money the council has set aside to bridge budget gaps runs out by {last}.", out = out, last = last),
        (false, true) => tr!("{out} is any year's gap left unmet, up to {last}, even with no reserves used.", out = out, last = last),
        (false, false) => tr!("{out} some of a year's gap is left unmet by {last}, because no reserves are used to fill it.", out = out, last = last),
    };
    RiskWords {
        below_minimum,
        runs_out,
        runway: runway_words(&sim.runway, &years, sim.paths),
        runway_plan: runway_plan(&sim.runway, &years),
        what_then: runs_out_note(),
    }
}

/// The simulation's sentences for a scenario of the council (whose levers and options say
/// whether reserves fill gaps).
pub fn describe_scenario(
    council: &Council,
    scenario: &Scenario,
    sim: &Simulation,
) -> Result<RiskWords, DataError> {
    let levers = scenario.resolve(council)?;
    Ok(describe(sim, levers.use_reserves))
}

/// "within 3 years, by 2022/23": the year's place in the plan, counted from its first year.
fn within(year: &str, years: &[&str]) -> String {
    match years.iter().position(|y| *y == year) {
        Some(0) => tr!("in the first year, {year}", year = year),
        Some(t) => tr!("within {n} years, by {year}", n = t + 1, year = year),
        None => tr!("by {year}", year = year),
    }
}

/// How long the bridging money lasts across the futures: the middle future, then the
/// spread (the 5th and 95th percentiles of the year it runs out), then how often it lasts.
fn runway_words(r: &Runway, years: &[&str], paths: u32) -> Vec<String> {
    let last = years.last().copied().unwrap_or_default();
    let span = match years.len() {
        1 => tr!("the plan's one year"),
        n => tr!("the plan's {n} years", n = n),
    };
    let middle = match &r.year_p50 {
        Some(y) => tr!(
            "In the middle future, the money set aside to bridge gaps runs out {within}.",
            within = within(y, years)
        ),
        None => tr!(
            "In the middle future, the money set aside to bridge gaps lasts all {span}, to the end of {last}.",
            span = span,
            last = last
        ),
    };
    let early = r.year_p5.as_ref().map(|y| {
        tr!(
            "in at least 1 in 20 it runs out {within}",
            within = within(y, years)
        )
    });
    let late = match &r.year_p95 {
        Some(y) => tr!(
            "in at least 19 in 20 it has run out {within}",
            within = within(y, years)
        ),
        None => tr!("in more than 1 in 20 it lasts beyond {last}", last = last),
    };
    let spread = match early {
        Some(e) => tr!(
            "Across the futures, {early}; {late}.",
            early = e,
            late = late
        ),
        None => tr!(
            "In fewer than 1 in 20 futures does it run out by {last}.",
            last = last
        ),
    };
    let (none, lasts) = chance_words(r.lasts.paths, paths);
    let whole = if none {
        tr!(
            "{lasts} does it last to the end of {last}.",
            lasts = lasts,
            last = last
        )
    } else {
        tr!(
            "{lasts} it lasts to the end of {last}.",
            lasts = lasts,
            last = last
        )
    };
    vec![middle, spread, whole]
}

fn runway_plan(r: &Runway, years: &[&str]) -> String {
    let last = years.last().copied().unwrap_or_default();
    match &r.scenario_year {
        Some(y) => tr!(
            "With every saving delivered as planned, it runs out {within}.",
            within = within(y, years)
        ),
        None => tr!(
            "With every saving delivered as planned, it lasts to the end of {last}.",
            last = last
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chance_is_said_in_tenths_with_about_unless_exact() {
        let w = |p| chance_words(p, 10_000).1;
        assert_eq!(
            w(5405),
            "In about 5 of 10 simulated futures (5,405 of 10,000)"
        );
        assert_eq!(w(7000), "In 7 of 10 simulated futures (7,000 of 10,000)");
        assert_eq!(
            w(6500),
            "In about 7 of 10 simulated futures (6,500 of 10,000)"
        );
    }

    #[test]
    fn none_every_one_and_the_ends_are_never_rounded_away() {
        let w = |p| chance_words(p, 10_000);
        assert_eq!(
            w(0),
            (true, "In none of the 10,000 simulated futures".to_string())
        );
        assert_eq!(
            w(10_000),
            (
                false,
                "In every one of the 10,000 simulated futures".to_string()
            )
        );
        assert_eq!(
            w(1).1,
            "In fewer than 1 in 100 simulated futures (1 of 10,000)"
        );
        assert_eq!(
            w(100).1,
            "In fewer than 1 in 10 simulated futures (100 of 10,000)"
        );
        assert_eq!(
            w(499).1,
            "In fewer than 1 in 10 simulated futures (499 of 10,000)"
        );
        assert_eq!(
            w(500).1,
            "In about 1 of 10 simulated futures (500 of 10,000)"
        );
        assert_eq!(
            w(9500).1,
            "In more than 9 in 10 simulated futures (9,500 of 10,000)"
        );
        assert_eq!(
            w(9999).1,
            "In more than 99 in 100 simulated futures (9,999 of 10,000)"
        );
    }

    #[test]
    fn within_counts_from_the_first_year() {
        let years = ["2020/21", "2021/22", "2022/23"];
        assert_eq!(within("2020/21", &years), "in the first year, 2020/21");
        assert_eq!(within("2022/23", &years), "within 3 years, by 2022/23");
    }
}
