//! `mtfs analyse RESPONSES`: what a consultation's responses chose, each re-run through
//! the engine (src/analysis.rs, the same code as the page's analysis).

use super::{load, option_value, parse_args, read, whole_number, Failure, Format};
use mtfs::analysis::{Analyser, Analysis, Settings, Summary};
use mtfs::words::money_words;

/// Runs the analysis of the responses file named first in `rest`.
pub fn run(rest: &[String]) -> Result<String, Failure> {
    let (file, settings, others) = arguments(rest)?;
    let args = parse_args(&others)?;
    if args.scenario.is_some() || args.link.is_some() {
        return Err(Failure::Usage(
            "analyse: takes a responses file, not a scenario".into(),
        ));
    }
    let (council, _, _) = load(&args)?;
    let text = read(&file)?;
    let mut analyser = Analyser::new(std::borrow::Cow::Borrowed(&council), settings.clone());
    // A byte order mark may start a JSON export as well as a CSV one.
    let json = text.trim_start_matches('\u{feff}');
    if matches!(json.trim_start().chars().next(), Some('[') | Some('{')) {
        json_responses(&mut analyser, json, settings.group.as_deref())
            .map_err(|e| format!("{file}: {e}"))?;
    } else {
        // In pieces, as the page's worker reads a file.
        for piece in text.as_bytes().chunks(64 * 1024) {
            analyser.push(piece);
        }
    }
    let analysis = analyser.finish().map_err(|e| format!("{file}: {e}"))?;
    Ok(match args.format {
        Format::Json => serde_json::to_string_pretty(&analysis).map_err(|e| e.to_string())?,
        Format::Csv => mtfs::analysis::csv(&analysis),
        Format::Table => table(&analysis),
    })
}

/// The responses file, the analysis's own options, and the rest for `parse_args`.
fn arguments(rest: &[String]) -> Result<(String, Settings, Vec<String>), Failure> {
    let mut settings = Settings::default();
    let (mut file, mut others) = (None, Vec::new());
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| option_value(&mut it, name);
        match arg.as_str() {
            "--column" => settings.column = Some(value("--column")?),
            "--group" => settings.group = Some(value("--group")?),
            "--min-group" => settings.min_group = whole_number(arg, &value(arg)?)?,
            "--data" | "--format" | "--scenario" | "--link" => {
                others.push(arg.clone());
                others.push(value(arg)?);
            }
            other if file.is_none() && !other.starts_with("--") => file = Some(other.to_string()),
            other => others.push(other.to_string()),
        }
    }
    let file = file.ok_or_else(|| {
        Failure::Usage("analyse: name the responses file (CSV, JSON or JSON lines)".into())
    })?;
    Ok((file, settings, others))
}

/// The embed's `scenario` messages (or anything with a `fragment` or `link`), as a JSON
/// array or one JSON value a line; each item's number is its row.
fn json_responses(analyser: &mut Analyser, text: &str, group: Option<&str>) -> Result<(), String> {
    let items: Vec<serde_json::Value> = if text.trim_start().starts_with('[') {
        serde_json::from_str(text).map_err(|e| format!("not a JSON array of responses: {e}"))?
    } else {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap_or(serde_json::Value::Null))
            .collect()
    };
    for (i, item) in items.iter().enumerate() {
        let fragment = item
            .as_str()
            .or_else(|| item.get("fragment").and_then(|f| f.as_str()))
            .or_else(|| item.get("link").and_then(|f| f.as_str()))
            .unwrap_or("");
        let group = group
            .and_then(|g| item.get(g))
            .map(|v| v.as_str().map_or(v.to_string(), str::to_string));
        analyser.push_fragment(i as u32 + 1, fragment, group.as_deref());
    }
    Ok(())
}

fn table(a: &Analysis) -> String {
    let mut out = format!(
        "{} - consultation responses\n{} rows: {} used, {} refused.\n",
        a.council,
        a.rows,
        a.valid,
        a.refused.len()
    );
    out.push_str(&summary_table("All responses", &a.all));
    for g in &a.groups {
        out.push_str(&summary_table(&format!("Group: {}", g.name), &g.summary));
    }
    if a.small_groups > 0 {
        out.push_str(&format!(
            "\n{} with fewer than {} responses ({} in all) {} not shown on their own.\n",
            if a.small_groups == 1 {
                "1 group".to_string()
            } else {
                format!("{} groups", a.small_groups)
            },
            a.settings.min_group,
            a.small_group_responses,
            if a.small_groups == 1 { "is" } else { "are" }
        ));
    }
    let budget = &a.residents_budget;
    out.push_str(&format!(
        "\nThe residents' budget: {}\n",
        if budget.link.is_empty() {
            "the plan"
        } else {
            &budget.link
        }
    ));
    for y in &budget.years {
        let state = if y.balanced {
            "balanced".to_string()
        } else {
            format!("{} unfunded", money_words(y.unfunded.value()))
        };
        out.push_str(&format!(
            "  {}: gap {}, reserves {}, {state}\n",
            y.year,
            money_words(y.gap.value()),
            money_words(y.total_reserves.value())
        ));
    }
    if !a.refused.is_empty() {
        out.push_str("\nRefused rows\n");
        for r in &a.refused {
            out.push_str(&format!("  row {}: {}\n", r.row, r.reason));
        }
    }
    out.trim_end().to_string()
}

fn summary_table(title: &str, s: &Summary) -> String {
    let mut out = format!("\n{title} ({} responses)\n", s.responses);
    let views = s.views.iter().map(|o| (o, "gave a view"));
    for (o, changed) in s
        .options
        .iter()
        .map(|o| (o, "changed it from the plan"))
        .chain(views)
    {
        out.push_str(&format!("  {} ({}% {changed})\n", o.title, o.changed.pct));
        for l in &o.levels {
            out.push_str(&format!("    {:>7}%  {}\n", l.responses.pct, l.label));
        }
    }
    for y in &s.years {
        out.push_str(&format!(
            "  {}: median rise {}% core + {}% care; {}% need a referendum; {}% balance; median gap {}\n",
            y.year,
            y.median_core_pct.as_deref().unwrap_or("-"),
            y.median_asc_pct.as_deref().unwrap_or("-"),
            y.referendum.pct,
            y.balanced.pct,
            y.median_gap.map_or("-".into(), |m| money_words(m.value()))
        ));
    }
    out.push_str(&format!(
        "  Reserves: {}% draw on them; median drawn {}\n",
        s.reserves.using.pct,
        s.reserves
            .median_drawn
            .map_or("-".into(), |m| money_words(m.value()))
    ));
    out
}
