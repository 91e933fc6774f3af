//! `mtfs outturn`: the plan against what happened (src/outturn.rs), how the forecast
//! changed between the plan's vintages, and the back-test of the plan's risk model.

use super::{in_file, option_value, parse_args, read, whole_number, Failure, Format, HAMPSHIRE};
use mtfs::number::DecimalText;
use mtfs::outturn::backtest::{BackTestRun, PATHS, SEED};
use mtfs::outturn::cells;
use mtfs::outturn::compare::{FigureComparison, FlagComparison, YearComparison};
use mtfs::outturn::vintages::{fact_words, GapForecastReport, VintageReport};
use mtfs::outturn::{Fact, Report};
use rust_decimal::Decimal;
use std::str::FromStr;

/// The outturn record of the built-in data set.
const HAMPSHIRE_OUTTURN: &str = include_str!("../../../data/hampshire-outturn.json");

/// What `mtfs outturn` was asked for, beyond `--data` and `--format`.
struct Settings {
    outturn: Option<String>,
    back_test: Option<(u32, u32)>,
}

/// Runs `mtfs outturn` with the arguments after the word.
pub fn run(rest: &[String]) -> Result<String, Failure> {
    let (settings, others) = arguments(rest)?;
    let args = parse_args(&others)?;
    if args.scenario.is_some() || args.link.is_some() {
        return Err(Failure::Usage(
            "outturn: compares the council's own plan with what happened; it takes no scenario"
                .into(),
        ));
    }
    let (data_name, data_text) = match &args.data {
        Some(path) => (path.as_str(), read(path)?),
        None => ("data/hampshire.json", HAMPSHIRE.to_string()),
    };
    let (_, council) = mtfs::load_data_json(&data_text).map_err(|e| in_file(data_name, e))?;
    let (record_name, record_text) = match (&settings.outturn, &args.data) {
        (Some(path), _) => (path.as_str(), read(path)?),
        (None, None) => ("data/hampshire-outturn.json", HAMPSHIRE_OUTTURN.to_string()),
        (None, Some(_)) => {
            return Err(Failure::Usage(
                "outturn: with --data, name the council's outturn record with --outturn FILE"
                    .into(),
            ))
        }
    };
    let record =
        mtfs::outturn::load_json(&record_text, &council).map_err(|e| in_file(record_name, e))?;
    let report =
        mtfs::outturn::report(&council, &record, settings.back_test).map_err(|e| e.to_string())?;
    Ok(match args.format {
        Format::Json => serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?,
        Format::Table => table(&report),
        Format::Csv => {
            return Err(Failure::Usage(
                "outturn: --format takes table or json".into(),
            ))
        }
    })
}

/// `--outturn`, `--paths`, `--seed` and `--no-back-test`; the rest for `parse_args`.
fn arguments(rest: &[String]) -> Result<(Settings, Vec<String>), Failure> {
    let mut settings = Settings {
        outturn: None,
        back_test: Some((PATHS, SEED)),
    };
    let (mut paths, mut seed, mut others) = (PATHS, SEED, Vec::new());
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| option_value(&mut it, name);
        match arg.as_str() {
            "--outturn" => settings.outturn = Some(value("--outturn")?),
            "--paths" => paths = whole_number("--paths", &value("--paths")?)?,
            "--seed" => seed = whole_number("--seed", &value("--seed")?)?,
            "--no-back-test" => settings.back_test = None,
            _ => others.push(arg.clone()),
        }
    }
    if settings.back_test.is_some() {
        settings.back_test = Some((paths, seed));
    }
    Ok((settings, others))
}

/// The report as an officer reads it.
fn table(r: &Report) -> String {
    let mut out = format!(
        "{} - the {} plan against what happened\n\n{}\n\n{}\n",
        r.council,
        r.plan.vintage,
        r.resident_headline,
        wrap(&r.resident_summary, 0)
    );
    out.push_str("\nMarks: [C] council paper, [P] press report, [D] derived, [?] unverified, [U] not published (shown as a dash, never 0).\n");
    out.push_str(&format!(
        "\nThe plan is the data set as at {}: it holds only what was known then.\n",
        r.plan.as_at
    ));
    for y in &r.years {
        out.push_str(&year_table(y));
    }
    if !r.after_horizon.is_empty() {
        out.push_str("\n\nAfter the plan's horizon (context, no plan figures)\n");
        for y in &r.after_horizon {
            out.push_str(&year_table(y));
        }
    }
    out.push_str(&programmes(r));
    out.push_str(&shocks(r));
    if let Some(v) = &r.vintages {
        out.push_str(&vintages(v));
    }
    if let Some(g) = &r.gap_forecasts {
        out.push_str(&gap_forecasts(g));
    }
    if let Some(b) = &r.back_test {
        out.push_str(&format!(
            "\n\nBack-test: where the outturn fell in the plan's fan ({} paths, seed {})\n{}\n",
            b.paths,
            b.seed,
            wrap(&b.note, 0)
        ));
        for run in &b.runs {
            out.push_str(&back_test_run(run));
        }
    }
    out
}

const WIDTH: usize = 46;

fn year_table(y: &YearComparison) -> String {
    let mut out = format!(
        "\n{}\n{:WIDTH$}{:>16}{:>26}{:>18}\n",
        y.year, "", "Plan", "Outturn", "Variance"
    );
    for f in &y.figures {
        out.push_str(&figure_row(f));
    }
    for f in &y.flags {
        out.push_str(&flag_row(f));
    }
    for line in &y.explanation {
        out.push_str(&format!("  - {}\n", wrap(line, 4)));
    }
    for e in &y.events {
        out.push_str(&format!(
            "  * {} {}\n",
            wrap(&e.text, 4),
            e.confidence.mark()
        ));
    }
    out
}

fn figure_row(f: &FigureComparison) -> String {
    let c = cells::figure_cells(f);
    let plan = c.plan.unwrap_or_else(|| "-".into());
    let outturn = match f.outturn.value {
        Some(_) => format!("{} {}", c.outturn, c.mark),
        None => format!("- {}", c.mark),
    };
    let variance = c.difference_short.unwrap_or_default();
    let label: String = format!("  {}", f.label).chars().take(WIDTH - 1).collect();
    format!("{label:WIDTH$}{plan:>16}{outturn:>26}{variance:>18}\n")
}

fn flag_row(f: &FlagComparison) -> String {
    let c = cells::flag_cells(f);
    let short = |s: &str| {
        if s == cells::NOT_PUBLISHED {
            "-".to_string()
        } else {
            s.to_string()
        }
    };
    let label: String = format!("  {}", f.label).chars().take(WIDTH - 1).collect();
    format!(
        "{label:WIDTH$}{:>16}{:>26}\n",
        c.plan.unwrap_or_else(|| "-".into()),
        format!("{} {}", short(&c.outturn), c.mark)
    )
}

fn programmes(r: &Report) -> String {
    let mut out = "\n\nSavings programmes\n".to_string();
    for p in &r.programmes {
        let plan = match (&p.plan_programme, &p.plan_target) {
            (Some(id), Some(t)) => format!(
                " [plan's {id} in {}: target {}, delivered {}]",
                p.plan_year.as_deref().unwrap_or("?"),
                words(t),
                words(p.plan_delivered.as_deref().unwrap_or("0"))
            ),
            _ => String::new(),
        };
        out.push_str(&format!("  - {}\n", wrap(&format!("{}{plan}", p.words), 4)));
    }
    out
}

fn words(text: &str) -> String {
    Decimal::from_str(text).map_or(text.to_string(), mtfs::words::money_words)
}

fn shocks(r: &Report) -> String {
    let mut out = "\n\nWhat the plan did not contain\n".to_string();
    for s in &r.shocks {
        let amount = amount_words(&s.amount);
        out.push_str(&format!(
            "  - {}\n",
            wrap(
                &format!("{} ({}): {amount}. {}", s.title, s.year, s.in_model),
                4
            )
        ));
    }
    out
}

fn amount_words(f: &Fact<DecimalText>) -> String {
    format!(
        "{} {}",
        fact_words(f, mtfs::outturn::Unit::Pounds),
        f.confidence.mark()
    )
}

fn vintages(v: &VintageReport) -> String {
    let mut out = "\n\nHow the forecast changed: the plan's vintages\n".to_string();
    for b in &v.bridges {
        out.push_str(&format!("\n{} -> {}\n", b.from_label, b.to_label));
        for c in &b.changes {
            out.push_str(&format!("  - {}\n", wrap(&c.words, 4)));
        }
        for r in &b.revisions {
            out.push_str(&format!("  * {} ({})\n", wrap(&r.text, 4), r.source));
        }
    }
    out
}

fn gap_forecasts(g: &GapForecastReport) -> String {
    let mut out = "\n\nLater forecasts of the gap\n".to_string();
    for f in &g.forecasts {
        out.push_str(&format!("  {:16}{}\n", f.label, amount_words(&f.amount)));
    }
    for s in &g.steps {
        out.push_str(&format!("  - {}\n", wrap(&s.words, 4)));
    }
    out
}

fn back_test_run(run: &BackTestRun) -> String {
    let mut out = format!("\n{}\n{}\n", run.label, wrap(&run.description, 0));
    let chances: Vec<String> = run
        .runs_out_by
        .iter()
        .map(|r| format!("{} {}%", r.year, r.pct))
        .collect();
    out.push_str(&format!(
        "  The bridging money and balances had run out, by then, in: {}\n",
        chances.join(", ")
    ));
    for p in run.placements.iter().filter(|p| p.outside_5_95.is_some()) {
        let flag = if p.outside_5_95 == Some(true) {
            "OUTSIDE the 5-95% band: "
        } else {
            ""
        };
        out.push_str(&format!("  - {}\n", wrap(&format!("{flag}{}", p.words), 4)));
    }
    for t in &run.model_terms {
        out.push_str(&format!("  * {}\n", wrap(&t.words, 4)));
    }
    out
}

/// Wraps text at about 96 columns, indenting continuation lines.
fn wrap(text: &str, indent: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split_whitespace() {
        if line > 0 && line + 1 + word.chars().count() > 96 - indent {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.chars().count();
    }
    out
}
