//! `mtfs`: the calculator for officers at the command line.
//!
//!     mtfs                               Hampshire's plan as an MTFS table (£'000)
//!     mtfs --data FILE --scenario FILE   another council, another scenario
//!     mtfs --format table|json|csv
//!     mtfs schema [data|scenario|analysis|outturn]   the JSON Schema of a data set (or scenario, …)
//!     mtfs risk [--paths N] [--seed S]   savings-delivery risk (Monte Carlo)
//!     mtfs goal                          what council tax rise or saving keeps it safe
//!     mtfs drivers                       what drives the gap, and sensitivity
//!     mtfs to-csv DATA DIR | from-csv DIR   a data set as spreadsheet files, and back
//!
//! Input it refuses (a data set, a scenario) or cannot compute exits with code 1 and says
//! what is wrong and where, one problem a line; a mistake in the arguments exits with 2.

use mtfs::engine::Projection;
use mtfs::words::group_thousands;
use mtfs::{DataError, Scenario};
use rust_decimal::{Decimal, RoundingStrategy};
use std::process::ExitCode;

/// The default data set, built into the binary so `mtfs` works from anywhere.
const HAMPSHIRE: &str = include_str!("../../data/hampshire.json");

#[path = "mtfs/analyse.rs"]
mod analyse;
#[path = "mtfs/insight.rs"]
mod insight;
#[path = "mtfs/options.rs"]
mod options;
#[path = "mtfs/outturn.rs"]
mod outturn;
#[path = "mtfs/sheet.rs"]
mod sheet;

const USAGE: &str =
    "usage: mtfs [--data FILE] [--scenario FILE | --link FRAGMENT] [--format table|json|csv]
       mtfs schema [data|scenario|analysis|outturn]
       mtfs risk [--paths N] [--seed S] [--data FILE] [--scenario FILE] [--format ...]
       mtfs goal|drivers [--data FILE] [--scenario FILE] [--format ...]
       mtfs options [--data FILE] [--format table|json]
       mtfs link [--data FILE] [--scenario FILE | --link FRAGMENT]
       mtfs first-screen [--data FILE]
       mtfs analyse RESPONSES [--data FILE] [--column NAME] [--group COLUMN] [--min-group N] [--format ...]
       mtfs outturn [--data FILE --outturn FILE] [--format table|json] [--paths N] [--seed S] [--no-back-test]
       mtfs to-csv DATA DIR | mtfs from-csv DIR [--out FILE]

With no arguments, prints Hampshire County Council's plan as an MTFS table in £'000.
  --data FILE       a council data set (JSON, format mtfs-council-data/1)
  --scenario FILE   levers to change and options chosen (JSON; see docs/data-format.md)
  --link FRAGMENT   the choices in a scenario link (\"#s2.c2020_2~…\", or the whole address)
  --format FORMAT   table (default), json (the full result, money in pounds) or csv

`mtfs options` lists the council's options and what each level does each year; `mtfs
link` prints the link fragment for a scenario; `mtfs first-screen` prints the engine's
answers the page's first screen shows (the plan and the options, as the browser's engine
gives them), for scripts/build-web.sh; `mtfs analyse` sums up consultation
responses (a CSV export with a column of links, or JSON of the embed's messages). `mtfs
to-csv` writes a data set as one CSV file per section, for a spreadsheet; `mtfs from-csv`
turns such files back into a checked data set.";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Table,
    Json,
    Csv,
}

struct Args {
    data: Option<String>,
    scenario: Option<String>,
    link: Option<String>,
    format: Format,
}

/// Why `mtfs` stopped: a mistake in how it was called (exit code 2), or input it refused
/// or could not compute (exit code 1). Never a panic (101).
pub enum Failure {
    Usage(String),
    Refused(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Refused(message)
    }
}

/// The value after an option (`--paths 500`), or a usage failure naming the option.
fn option_value<'a>(
    it: &mut impl Iterator<Item = &'a String>,
    name: &str,
) -> Result<String, Failure> {
    it.next()
        .cloned()
        .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))
}

/// An option's whole-number value (`--seed 42`), or a usage failure saying the range.
fn whole_number(name: &str, value: &str) -> Result<u32, Failure> {
    value.parse().map_err(|_| {
        Failure::Usage(format!(
            "{name}: expected a whole number from 0 to {} (got {value:?})",
            u32::MAX
        ))
    })
}

fn parse_args(args: &[String]) -> Result<Args, Failure> {
    let mut out = Args {
        data: None,
        scenario: None,
        link: None,
        format: Format::Table,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--data" | "--scenario" | "--link" => {
                let value = Some(option_value(&mut it, arg)?);
                match arg.as_str() {
                    "--data" => out.data = value,
                    "--scenario" => out.scenario = value,
                    _ => out.link = value,
                }
            }
            "--format" => {
                out.format = match option_value(&mut it, arg)?.as_str() {
                    "table" => Format::Table,
                    "json" => Format::Json,
                    "csv" => Format::Csv,
                    other => {
                        return Err(Failure::Usage(format!(
                            "--format: expected table, json or csv (got {other:?})"
                        )))
                    }
                }
            }
            other => return Err(Failure::Usage(format!("unknown argument {other:?}"))),
        }
    }
    Ok(out)
}

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read: {e}"))
}

/// Prefixes each problem with the file it is in: `data.json: services[2].base.value: …`.
fn in_file(file: &str, e: DataError) -> String {
    e.problems
        .iter()
        .map(|p| format!("{file}: {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn run(args: &[String]) -> Result<String, Failure> {
    if let Some(first) = args.first() {
        if first == "schema" {
            let schema = match args.get(1).map(String::as_str) {
                None | Some("data") => mtfs::data_schema(),
                Some("scenario") => mtfs::scenario_schema(),
                Some("analysis") => mtfs::analysis_schema(),
                Some("outturn") => mtfs::outturn::record_schema(),
                Some(other) => {
                    return Err(Failure::Usage(format!(
                        "schema: expected data, scenario, analysis or outturn (got {other:?})"
                    )))
                }
            };
            return Ok(serde_json::to_string_pretty(&schema).map_err(|e| e.to_string())?);
        }
        if matches!(first.as_str(), "risk" | "goal" | "drivers") {
            return insight::run(first, &args[1..]);
        }
        if matches!(first.as_str(), "options" | "link" | "first-screen") {
            return options::run(first, &args[1..]);
        }
        if first == "analyse" {
            return analyse::run(&args[1..]);
        }
        if first == "outturn" {
            return outturn::run(&args[1..]);
        }
        if first == "to-csv" || first == "from-csv" {
            return sheet::run(first, &args[1..]);
        }
        if first == "--help" || first == "-h" {
            return Ok(USAGE.to_string());
        }
    }
    let args = parse_args(args)?;
    let (council, scenario, scenario_name) = load(&args)?;
    let result =
        mtfs::project_scenario(&council, &scenario).map_err(|e| in_file(&scenario_name, e))?;
    Ok(match args.format {
        Format::Json => serde_json::to_string_pretty(&result).map_err(|e| e.to_string())?,
        Format::Csv => csv(&result),
        Format::Table => table(&result, args.scenario.is_some() || args.link.is_some()),
    })
}

/// Loads the data set (Hampshire's by default) and the scenario the arguments name; the
/// scenario's file name comes back for messages about its levers.
fn load(args: &Args) -> Result<(mtfs::Council, Scenario, String), Failure> {
    let (data_name, data_text) = match &args.data {
        Some(path) => (path.as_str(), read(path)?),
        None => ("data/hampshire.json", HAMPSHIRE.to_string()),
    };
    let (_, council) = mtfs::load_data_json(&data_text).map_err(|e| in_file(data_name, e))?;
    let scenario = match (&args.scenario, &args.link) {
        (Some(_), Some(_)) => {
            return Err(Failure::Usage("give --scenario or --link, not both".into()))
        }
        (Some(path), None) => {
            mtfs::scenario_from_json(&read(path)?).map_err(|e| in_file(path, e))?
        }
        (None, Some(fragment)) => {
            mtfs::link::decode(&council, fragment).map_err(|p| format!("--link: {p}"))?
        }
        (None, None) => Scenario::default(),
    };
    let scenario_name = match (&args.scenario, &args.link) {
        (Some(path), _) => path.clone(),
        (None, Some(_)) => "--link".into(),
        (None, None) => "scenario".into(),
    };
    Ok((council, scenario, scenario_name))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(text) => {
            use std::io::Write;
            // `println!` panics when the reader goes away (`mtfs | head`); a closed pipe
            // just means nobody wants the rest.
            match writeln!(std::io::stdout().lock(), "{text}") {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("cannot write the result: {e}");
                    ExitCode::FAILURE
                }
                _ => ExitCode::SUCCESS,
            }
        }
        Err(Failure::Refused(message)) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
        Err(Failure::Usage(message)) => {
            eprintln!("{message}");
            eprintln!("(mtfs --help for usage)");
            ExitCode::from(2)
        }
    }
}

/// One line of the MTFS statement: a label and one value per year.
enum Row {
    Heading(String),
    Money {
        label: String,
        values: Vec<Decimal>,
        indent: bool,
    },
    Pounds {
        label: String,
        values: Vec<Decimal>,
    },
    Text {
        label: String,
        values: Vec<String>,
    },
}

/// The other precepts on a resident's bill and the whole Band D bill, where the data set
/// states them: shown under the council's Band D, apart from its funding. A year without
/// a precept shows "-".
fn whole_bill_rows(p: &Projection) -> Vec<Row> {
    let mut precepts: Vec<(&str, &str)> = Vec::new();
    for bill in p.years.iter().filter_map(|y| y.whole_bill.as_ref()) {
        for pr in &bill.precepts {
            if !precepts.iter().any(|(id, _)| *id == pr.id) {
                precepts.push((&pr.id, &pr.name));
            }
        }
    }
    if precepts.is_empty() {
        return Vec::new();
    }
    let pounds = |v: &mtfs::number::Money| group_thousands(&v.to_string());
    let mut rows: Vec<Row> = precepts
        .iter()
        .map(|(id, name)| Row::Text {
            label: format!("    {name}, Band D (£)"),
            values: p
                .years
                .iter()
                .map(|y| {
                    let found = y
                        .whole_bill
                        .as_ref()
                        .and_then(|b| b.precepts.iter().find(|pr| pr.id == *id));
                    found.map_or("-".into(), |pr| pounds(&pr.band_d))
                })
                .collect(),
        })
        .collect();
    rows.push(Row::Text {
        label: "  Band D, your whole bill (£)".into(),
        values: p
            .years
            .iter()
            .map(|y| {
                y.whole_bill
                    .as_ref()
                    .map_or("-".into(), |b| pounds(&b.band_d))
            })
            .collect(),
    });
    rows
}

fn rows(p: &Projection) -> Vec<Row> {
    let per_year = |f: &dyn Fn(&mtfs::engine::YearResult) -> Decimal| {
        p.years.iter().map(f).collect::<Vec<_>>()
    };
    let money =
        |label: &str, indent: bool, f: &dyn Fn(&mtfs::engine::YearResult) -> Decimal| Row::Money {
            label: label.to_string(),
            values: per_year(f),
            indent,
        };
    let mut rows = vec![Row::Heading("Service budgets".into())];
    if let Some(first) = p.years.first() {
        for (i, s) in first.services.iter().enumerate() {
            rows.push(money(&s.name, true, &|y| y.services[i].budget.value()));
        }
    }
    if p.years.iter().any(|y| !y.overspend.is_zero()) {
        rows.push(money("In-year overspend (met from reserves)", true, &|y| {
            y.overspend.value()
        }));
    }
    if p.years.iter().any(|y| !y.capitalisation_cost.is_zero()) {
        rows.push(money(
            "Capitalisation borrowing cost (MRP and interest)",
            true,
            &|y| y.capitalisation_cost.value(),
        ));
    }
    rows.push(money("Total spend", false, &|y| y.spend.value()));
    rows.push(money("Less savings removed from budgets", false, &|y| {
        -y.removed_savings.value()
    }));
    if p.years.iter().any(|y| !y.chosen_options.value().is_zero()) {
        rows.push(money("Less the options chosen", false, &|y| {
            -y.chosen_options.value()
        }));
    }
    rows.push(money("Net budget requirement", false, &|y| {
        y.net_requirement.value()
    }));
    rows.push(Row::Heading("Funding".into()));
    let rules = p.nation.rules();
    rows.push(Row::Text {
        label: if rules.asc_precept {
            "  Council tax rise (core + adult social care)".into()
        } else {
            "  Council tax rise".into()
        },
        values: p
            .years
            .iter()
            .map(|y| {
                if rules.asc_precept {
                    format!("{}%+{}%", y.core_pct, y.asc_pct)
                } else {
                    format!("{}%", y.core_pct)
                }
            })
            .collect(),
    });
    if p.years.iter().any(|y| y.rise_cap_pct.is_some()) {
        rows.push(Row::Text {
            label: "  Government's cap on the rise".into(),
            values: p
                .years
                .iter()
                .map(|y| {
                    y.rise_cap_pct
                        .as_ref()
                        .map_or("none".into(), |c| format!("{c}%"))
                })
                .collect(),
        });
    }
    // Only when some year restates last year's Band D (a service moved), as the page does.
    if p.years.iter().any(|y| y.restated_band_d.is_some()) {
        rows.push(Row::Text {
            label: "  Last year's Band D restated (£)".into(),
            values: p
                .years
                .iter()
                .map(|y| y.restated_band_d.map_or("-".into(), |m| m.to_string()))
                .collect(),
        });
    }
    let shared = p.years.iter().any(|y| y.whole_bill.is_some());
    rows.push(Row::Pounds {
        label: if shared {
            "  Band D, the council's share (£)".into()
        } else {
            "  Band D (£)".into()
        },
        values: per_year(&|y| y.band_d.value()),
    });
    rows.extend(whole_bill_rows(p));
    rows.push(money("Council tax", true, &|y| y.council_tax.value()));
    // Lines a council's papers have, only when some year has them (as the page does).
    let any = |f: &dyn Fn(&mtfs::engine::YearResult) -> mtfs::number::Money| {
        p.years.iter().any(|y| !f(y).is_zero())
    };
    if any(&|y| y.collection_fund) {
        rows.push(money(
            "of which collection fund surplus (deficit)",
            true,
            &|y| y.collection_fund.value(),
        ));
    }
    if let Some(first) = p.years.first() {
        for (i, f) in first.funding_streams.iter().enumerate() {
            rows.push(money(&f.name, true, &|y| {
                y.funding_streams[i].amount.value()
            }));
        }
    }
    if any(&|y| y.capitalisation) {
        rows.push(money("Capitalisation direction (borrowing)", true, &|y| {
            y.capitalisation.value()
        }));
    }
    rows.push(money("Total funding", false, &|y| y.funding.value()));
    rows.push(money("Budget gap (surplus)", false, &|y| y.gap.value()));
    rows.push(Row::Heading("Savings shortfall (early achievement)".into()));
    if let Some(first) = p.years.first() {
        for (i, prog) in first.programmes.iter().enumerate() {
            rows.push(money(&prog.name, true, &|y| {
                y.programmes[i].shortfall.value()
            }));
        }
    }
    rows.push(Row::Heading("Reserves at year end".into()));
    if let Some(first) = p.years.first() {
        for (i, r) in first.reserves.iter().enumerate() {
            rows.push(money(&r.name, true, &|y| y.reserves[i].closing.value()));
        }
    }
    rows.push(money("Total reserves", false, &|y| {
        y.total_reserves.value()
    }));
    if p.years.iter().any(|y| !y.ring_fenced_reserves.is_zero()) {
        rows.push(money(
            "of which ring-fenced (not counted towards the minimum)",
            true,
            &|y| y.ring_fenced_reserves.value(),
        ));
    }
    rows.push(money("Safe minimum", false, &|y| {
        y.reserves_minimum.value()
    }));
    rows.push(money("Unfunded after reserves", false, &|y| {
        y.unfunded.value()
    }));
    // Only when a deficit carries (docs/model-notes.md): it is still owed the next year.
    if p.years.iter().any(|y| !y.deficit_brought_forward.is_zero()) {
        rows.push(money(
            "Deficit brought forward from the year before",
            true,
            &|y| y.deficit_brought_forward.value(),
        ));
    }
    if rules.rise_rule == mtfs::nation::RiseRule::Referendum {
        rows.push(Row::Text {
            label: "Referendum needed".into(),
            values: p
                .years
                .iter()
                .map(|y| if y.referendum { "yes" } else { "no" }.to_string())
                .collect(),
        });
    }
    rows
}

/// The widest label column, so four years fit a 100-character terminal.
const MAX_LABEL: usize = 48;

/// £'000 as a council report writes it: thousands separators, negatives in brackets.
fn thousands(value: Decimal) -> String {
    let k = (value / Decimal::ONE_THOUSAND)
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    if k.is_zero() {
        return "-".to_string();
    }
    let digits = group_thousands(&k.abs().normalize().to_string());
    if k.is_sign_negative() {
        format!("({digits})")
    } else {
        digits
    }
}

fn table(p: &Projection, scenario_given: bool) -> String {
    let rows = rows(p);
    let label_width = rows
        .iter()
        .map(|r| match r {
            Row::Heading(l) => l.chars().count(),
            Row::Money { label, indent, .. } => label.chars().count() + if *indent { 2 } else { 0 },
            Row::Pounds { label, .. } | Row::Text { label, .. } => label.chars().count(),
        })
        .max()
        .unwrap_or(0)
        .clamp(10, MAX_LABEL);
    let col = 13;
    // A label too long for the column goes on a line of its own, its figures below it.
    let label_cell = |out: &mut String, label: &str| {
        if label.chars().count() > label_width {
            out.push_str(label);
            out.push('\n');
            out.push_str(&format!("{:label_width$}", ""));
        } else {
            out.push_str(&format!("{label:label_width$}"));
        }
    };
    let mut out = format!(
        "{} - medium-term financial strategy, £'000\nBase year {}; {}.\n\n",
        p.council,
        p.base_year,
        if scenario_given {
            "scenario as given"
        } else {
            "the council's plan"
        }
    );
    out.push_str(&format!("{:label_width$}", ""));
    for y in &p.years {
        out.push_str(&format!("{:>col$}", y.year));
    }
    out.push('\n');
    for row in &rows {
        match row {
            Row::Heading(l) => out.push_str(l),
            Row::Money {
                label,
                values,
                indent,
            } => {
                let label = if *indent {
                    format!("  {label}")
                } else {
                    label.clone()
                };
                label_cell(&mut out, &label);
                for v in values {
                    out.push_str(&format!("{:>col$}", thousands(*v)));
                }
            }
            Row::Pounds { label, values } => {
                label_cell(&mut out, label);
                for v in values {
                    out.push_str(&format!("{:>col$}", group_thousands(&v.to_string())));
                }
            }
            Row::Text { label, values } => {
                label_cell(&mut out, label);
                for v in values {
                    out.push_str(&format!("{v:>col$}"));
                }
            }
        }
        out.push('\n');
    }
    out.push_str("\nFigures may not sum due to rounding. Band D in pounds and pence.\n");
    if p.summary.warnings.is_empty() {
        out.push_str("No warnings: the budget balances every year using the planned reserves.\n");
    } else {
        out.push_str("Warnings:\n");
        for w in &p.summary.warnings {
            out.push_str(&format!("- {w}\n"));
        }
    }
    out.trim_end().to_string()
}

/// The same lines as the table, in pounds to the penny, for spreadsheets. Section headings
/// are kept, as lines with empty cells: without them a shortfall under "Savings shortfall
/// (early achievement)" reads like a saving.
fn csv(p: &Projection) -> String {
    let years: Vec<String> = p.years.iter().map(|y| y.year.clone()).collect();
    let lines: Vec<(String, Vec<String>)> = rows(p)
        .into_iter()
        .map(|row| match row {
            Row::Heading(label) => (label, vec![String::new(); years.len()]),
            Row::Money { label, values, .. } => (
                label,
                values
                    .iter()
                    .map(|v| mtfs::number::Money::from_exact(*v).to_string())
                    .collect(),
            ),
            Row::Pounds { label, values } => {
                (label, values.iter().map(Decimal::to_string).collect())
            }
            Row::Text { label, values } => (label, values),
        })
        .collect();
    csv_lines(&years, &lines)
}

/// CSV with a header of years and one line per (label, cells), quoted where needed.
fn csv_lines(years: &[String], rows: &[(String, Vec<String>)]) -> String {
    let quote = |s: &str| {
        if s.contains([',', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = String::from("line");
    for y in years {
        out.push(',');
        out.push_str(&quote(y));
    }
    for (label, cells) in rows {
        out.push('\n');
        out.push_str(&quote(label.trim()));
        for c in cells {
            out.push(',');
            out.push_str(&quote(c));
        }
    }
    out
}
