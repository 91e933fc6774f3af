//! `mtfs risk`, `mtfs goal` and `mtfs drivers`: the Monte Carlo, goal seek and what
//! drives the gap, as tables (£'000), JSON (pounds, the engine's result) or CSV.

use super::{
    csv_lines, in_file, load, option_value, parse_args, thousands, whole_number, Failure, Format,
};
use mtfs::number::Money;
use mtfs::Council;

/// Runs `command` (risk, goal or drivers) with the rest of the arguments.
pub fn run(command: &str, rest: &[String]) -> Result<String, Failure> {
    let mut paths = 10_000u32;
    let mut seed = 42u32;
    let mut others = Vec::new();
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        let mut number = |name: &str| whole_number(name, &option_value(&mut it, name)?);
        match arg.as_str() {
            "--paths" if command == "risk" => paths = number("--paths")?,
            "--seed" if command == "risk" => seed = number("--seed")?,
            _ => others.push(arg.clone()),
        }
    }
    let args = parse_args(&others)?;
    let (council, scenario, scenario_name) = load(&args)?;
    let in_scenario = |e| in_file(&scenario_name, e);
    match command {
        "risk" => {
            let sim = mtfs::simulate_scenario(&council, &scenario, paths, seed).map_err(|e| {
                // A path count or missing risk section is about the command, not a file.
                if e.problems.iter().any(|p| p.path == "paths") {
                    Failure::Usage(format!("--paths: {}", e.problems[0].message))
                } else if e.problems.iter().any(|p| p.path == "risk") {
                    Failure::Refused(in_file(
                        args.data.as_deref().unwrap_or("data/hampshire.json"),
                        e,
                    ))
                } else {
                    Failure::Refused(in_scenario(e))
                }
            })?;
            Ok(match args.format {
                Format::Json => serde_json::to_string_pretty(&sim).map_err(|e| e.to_string())?,
                Format::Table => {
                    let words = mtfs::risk::words::describe_scenario(&council, &scenario, &sim)
                        .map_err(in_scenario)?;
                    risk_table(&sim, &words)
                }
                Format::Csv => risk_csv(&sim),
            })
        }
        "goal" => {
            let g = mtfs::seek_scenario(&council, &scenario).map_err(in_scenario)?;
            Ok(match args.format {
                Format::Json => serde_json::to_string_pretty(&g).map_err(|e| e.to_string())?,
                Format::Table => goal_table(&council, &g),
                Format::Csv => goal_csv(&g),
            })
        }
        _ => {
            let d = mtfs::drivers_scenario(&council, &scenario).map_err(in_scenario)?;
            Ok(match args.format {
                Format::Json => serde_json::to_string_pretty(&d).map_err(|e| e.to_string())?,
                Format::Table => drivers_table(&council, &d),
                Format::Csv => drivers_csv(&d),
            })
        }
    }
}

/// Rows of label and one cell per year, laid out as the MTFS table is.
fn layout(title: &str, years: &[String], rows: &[(String, Vec<String>)]) -> String {
    let width = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0)
        .max(10);
    let col = 13;
    let mut out = format!("{title}\n\n{:width$}", "");
    for y in years {
        out.push_str(&format!("{y:>col$}"));
    }
    out.push('\n');
    for (label, cells) in rows {
        out.push_str(&format!("{label:width$}"));
        for c in cells {
            out.push_str(&format!("{c:>col$}"));
        }
        out.push('\n');
    }
    out
}

fn k(m: Money) -> String {
    thousands(m.value())
}

/// Rows of the risk result: cells made by `money` (table: £'000; CSV: pounds).
fn risk_rows(
    sim: &mtfs::risk::Simulation,
    money: fn(Money) -> String,
) -> Vec<(String, Vec<String>)> {
    use mtfs::risk::{Percentiles, SimulatedYear};
    let mut rows = Vec::new();
    let mut block = |title: &str,
                     planned: fn(&SimulatedYear) -> Money,
                     pick: fn(&SimulatedYear) -> &Percentiles| {
        rows.push((title.to_string(), vec![String::new(); sim.years.len()]));
        rows.push((
            "  as the scenario plans".into(),
            sim.years.iter().map(|y| money(planned(y))).collect(),
        ));
        for (label, get) in [
            (
                "  5th percentile",
                (|p: &Percentiles| p.p5) as fn(&Percentiles) -> Money,
            ),
            ("  25th percentile", |p| p.p25),
            ("  median", |p| p.p50),
            ("  75th percentile", |p| p.p75),
            ("  95th percentile", |p| p.p95),
        ] {
            rows.push((
                label.into(),
                sim.years.iter().map(|y| money(get(pick(y)))).collect(),
            ));
        }
    };
    block(
        "Total reserves at year end",
        |y| y.scenario.total_reserves,
        |y| &y.total_reserves,
    );
    block(
        "Gap plus savings shortfall",
        |y| y.scenario.total_gap,
        |y| &y.total_gap,
    );
    block(
        "Unfunded after reserves",
        |y| y.scenario.unfunded,
        |y| &y.unfunded,
    );
    rows.push((
        "Safe minimum (as planned)".into(),
        sim.years
            .iter()
            .map(|y| money(y.scenario.reserves_minimum))
            .collect(),
    ));
    rows.push((
        "Chance reserves are below the minimum, by then (%)".into(),
        sim.years
            .iter()
            .map(|y| y.below_minimum_by.pct.clone())
            .collect(),
    ));
    rows.push((
        "Chance the bridging money has run out, by then (%)".into(),
        sim.years
            .iter()
            .map(|y| y.unbalanced_by.pct.clone())
            .collect(),
    ));
    rows.push((
        "Chance it first runs out that year (%)".into(),
        sim.runway.runs_out.iter().map(|c| c.pct.clone()).collect(),
    ));
    if sim.years.iter().any(|y| y.cost_shock_by.paths > 0) {
        rows.push((
            "Chance a cost shock has hit, by then (%)".into(),
            sim.years
                .iter()
                .map(|y| y.cost_shock_by.pct.clone())
                .collect(),
        ));
    }
    if sim
        .years
        .iter()
        .any(|y| !y.one_off_inflows.p95.value().is_zero())
    {
        rows.push((
            "One-off money into reserves".into(),
            vec![String::new(); sim.years.len()],
        ));
        for (label, get) in [
            (
                "  median",
                (|p: &mtfs::risk::Percentiles| p.p50) as fn(&mtfs::risk::Percentiles) -> Money,
            ),
            ("  95th percentile", |p| p.p95),
        ] {
            rows.push((
                label.into(),
                sim.years
                    .iter()
                    .map(|y| money(get(&y.one_off_inflows)))
                    .collect(),
            ));
        }
    }
    rows
}

/// The simulation in words below the table: the library's sentences (the page says the same).
fn risk_words(words: &mtfs::risk::words::RiskWords) -> String {
    let mut out = format!("\n{}\n{}\n", words.below_minimum, words.runs_out);
    out.push_str(&format!(
        "{} {}\n{}",
        words.runway.join(" "),
        words.runway_plan,
        words.what_then
    ));
    out
}

/// The earmarked reserves the simulation does not hold, in words.
fn other_reserves_words(sim: &mtfs::risk::Simulation) -> String {
    match &sim.other_reserves {
        None => {
            "\nOther earmarked reserves: the data set does not state them, so they are not shown."
                .to_string()
        }
        Some(o) => format!(
            "\nOther earmarked reserves: {}, {} at the start. {}",
            o.label,
            mtfs::words::money_words(o.amount.value()),
            o.in_simulation
        ),
    }
}

fn years_of(sim: &mtfs::risk::Simulation) -> Vec<String> {
    sim.years.iter().map(|y| y.year.clone()).collect()
}

fn risk_table(sim: &mtfs::risk::Simulation, words: &mtfs::risk::words::RiskWords) -> String {
    let title = format!(
        "{} - savings-delivery risk, £'000\n{} paths, seed {}; percentiles are nearest-rank.",
        sim.council,
        group(sim.paths),
        sim.seed
    );
    let mut out = layout(&title, &years_of(sim), &risk_rows(sim, k));
    out.push_str("\nThe same seed gives the same figures. Chances count the paths on which it had happened by that year.");
    out.push_str(&other_reserves_words(sim));
    out.push_str(&risk_words(words));
    out
}

fn risk_csv(sim: &mtfs::risk::Simulation) -> String {
    csv_lines(&years_of(sim), &risk_rows(sim, |m| m.to_string()))
}

fn group(n: u32) -> String {
    mtfs::words::group_thousands(&n.to_string())
}

fn goal_table(council: &Council, g: &mtfs::goal::GoalSeek) -> String {
    let mut out = format!(
        "{} - what would keep the budget safe\nSafe: every year balanced, and total reserves at or above the safe minimum.\n",
        council.name
    );
    out.push_str(&match &g.first_unsafe_year {
        None => "As the scenario stands, every year is safe.\n".to_string(),
        Some(y) => format!("As the scenario stands, {y} is the first year that is not safe.\n"),
    });
    out.push_str(&format!("\nCouncil tax\n  {}\n", g.council_tax.message));
    if let Some(change) = &g.council_tax.change {
        let rises: Vec<String> = change
            .core_pct
            .iter()
            .map(|(y, v)| format!("{y} {}%", v.value()))
            .collect();
        out.push_str(&format!("  Core rise by year: {}\n", rises.join(", ")));
    }
    out.push_str("\nExtra recurring savings\n");
    for s in &g.savings {
        let amount = match s.amount {
            None => "not enough on its own".to_string(),
            Some(m) if m.value().is_zero() => "none needed".to_string(),
            Some(m) => format!("£{}k a year", k(m)),
        };
        out.push_str(&format!(
            "  from {}: {amount}. {}\n",
            s.from_year, s.message
        ));
    }
    if !g.options.is_empty() {
        out.push_str("\nThe council's options, each on its own\n");
        for o in &g.options {
            let verdict = match &o.first_unsafe_year {
                None => "every year safe".to_string(),
                Some(y) => format!(
                    "{y} first not safe; £{}k unfunded at the end",
                    k(o.unfunded)
                ),
            };
            out.push_str(&format!("  {} ({}): {verdict}\n", o.label, o.option));
        }
    }
    out.trim_end().to_string()
}

fn goal_csv(g: &mtfs::goal::GoalSeek) -> String {
    let mut out = String::from("answer,from_year,value,within_referendum_limits");
    let tax = &g.council_tax;
    let value = match (&tax.core_pct, &tax.beyond_limit_pp) {
        (Some(r), _) => format!("core rise {r}%"),
        (None, Some(x)) => format!("{x} points beyond the core limit"),
        _ => "none enough".into(),
    };
    out.push_str(&format!("\ncouncil_tax,,{value},{}", tax.within_limits));
    for s in &g.savings {
        out.push_str(&format!(
            "\nextra_savings,{},{},",
            s.from_year,
            s.amount
                .map_or("none enough".to_string(), |m| m.to_string())
        ));
    }
    for o in &g.options {
        let safe = if o.safe { "safe" } else { "not safe" };
        out.push_str(&format!("\noption,,{} {} {safe},", o.option, o.level));
    }
    out
}

fn bar_label(id: &str) -> &str {
    match id {
        "inflation" => "  Inflation",
        "demand_growth" => "  Demand growth",
        "other_spending" => "  Other spending changes and one-offs",
        "savings_removed" => "  Savings removed from budgets",
        "options_chosen" => "  Options chosen",
        "council_tax" => "  Council tax",
        "other_funding" => "  Other funding",
        "savings_shortfall" => "  Savings not delivered (early: negative)",
        "deficit_brought_forward" => "  Deficit carried from the year before",
        "reserves_used" => "  Reserves used (credited: positive)",
        "surplus_not_used" => "  Surplus not put in reserves",
        other => other,
    }
}

fn drivers_rows(
    d: &mtfs::drivers::Drivers,
    money: fn(Money) -> String,
) -> Vec<(String, Vec<String>)> {
    let w = &d.waterfalls;
    let mut rows = vec![(
        "Last year's gap".to_string(),
        w.iter().map(|y| money(y.previous_gap)).collect(),
    )];
    if let Some(first) = w.first() {
        for (i, bar) in first.to_gap.iter().enumerate() {
            rows.push((
                bar_label(&bar.id).to_string(),
                w.iter().map(|y| money(y.to_gap[i].amount)).collect(),
            ));
        }
        rows.push(("Gap".to_string(), w.iter().map(|y| money(y.gap)).collect()));
        // By id, in the waterfall's order: a year with a deficit brought forward has one
        // bar more than the others.
        let ids = first.to_unfunded.iter().map(|b| b.id.as_str()).chain(
            w.iter()
                .flat_map(|y| &y.to_unfunded)
                .map(|b| b.id.as_str())
                .filter(|id| *id == "deficit_brought_forward")
                .take(1)
                .filter(|_| {
                    !first
                        .to_unfunded
                        .iter()
                        .any(|b| b.id == "deficit_brought_forward")
                }),
        );
        let mut ids: Vec<&str> = ids.collect();
        if let Some(at) = ids.iter().position(|id| *id == "deficit_brought_forward") {
            let id = ids.remove(at);
            ids.insert(1.min(ids.len()), id);
        }
        for id in ids {
            rows.push((
                bar_label(id).to_string(),
                w.iter()
                    .map(|y| {
                        y.to_unfunded
                            .iter()
                            .find(|b| b.id == id)
                            .map_or_else(|| money(Money::default()), |b| money(b.amount))
                    })
                    .collect(),
            ));
        }
    }
    rows.push((
        "Unfunded".to_string(),
        w.iter().map(|y| money(y.unfunded)).collect(),
    ));
    rows
}

fn drivers_table(council: &Council, d: &mtfs::drivers::Drivers) -> String {
    let title = format!(
        "{} - what drives the gap, £'000\nEach year from last year's gap (which reserves met, so it is still there); positive raises the gap.",
        council.name
    );
    let mut out = layout(&title, &council.years, &drivers_rows(d, k));
    let s = &d.sensitivity;
    out.push_str(&format!(
        "\nSensitivity: total reserves at the end of {} (£'000), {} as set, and what is left unfunded over all the years; largest swing in either first.\n",
        s.year,
        k(s.total_reserves)
    ));
    let width = s
        .levers
        .iter()
        .map(|l| l.label.chars().count())
        .max()
        .unwrap_or(0)
        .max(10);
    // A per-year value ("4.99/2.99/2.99") may be wider than a figure.
    let value_width = s
        .levers
        .iter()
        .flat_map(|l| [l.low.value.chars().count(), l.high.value.chars().count()])
        .max()
        .unwrap_or(0)
        .max(10)
        + 2;
    out.push_str(&format!(
        "{:width$}{:>value_width$}{:>12}{:>12}{:>value_width$}{:>12}{:>12}{:>12}{:>12}\n",
        "lever",
        "low",
        "reserves",
        "unfunded",
        "high",
        "reserves",
        "unfunded",
        "swing",
        "unf. swing"
    ));
    for l in &s.levers {
        out.push_str(&format!(
            "{:width$}{:>value_width$}{:>12}{:>12}{:>value_width$}{:>12}{:>12}{:>12}{:>12}\n",
            l.label,
            l.low.value,
            k(l.low.total_reserves),
            k(l.low.unfunded),
            l.high.value,
            k(l.high.total_reserves),
            k(l.high.unfunded),
            k(l.swing),
            k(l.unfunded_swing)
        ));
    }
    for l in s.levers.iter().filter(|l| l.limit_words.is_some()) {
        let words = l.limit_words.as_deref().unwrap_or_default();
        out.push_str(&format!("{}: the high end is {words}.\n", l.label));
    }
    out.push_str("\nFigures in the waterfall add up to the totals shown (pennies of rounding go to the largest remainders).");
    out
}

fn drivers_csv(d: &mtfs::drivers::Drivers) -> String {
    let years: Vec<String> = d.waterfalls.iter().map(|w| w.year.clone()).collect();
    let mut out = csv_lines(&years, &drivers_rows(d, |m| m.to_string()));
    out.push_str("\n\nlever,label,low,reserves_at_low,unfunded_at_low,high,reserves_at_high,unfunded_at_high,swing,unfunded_swing");
    for l in &d.sensitivity.levers {
        let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        out.push_str(&format!(
            "\n{},{},{},{},{},{},{},{},{},{}",
            l.lever,
            quote(&l.label),
            l.low.value,
            l.low.total_reserves,
            l.low.unfunded,
            l.high.value,
            l.high.total_reserves,
            l.high.unfunded,
            l.swing,
            l.unfunded_swing
        ));
    }
    out
}
