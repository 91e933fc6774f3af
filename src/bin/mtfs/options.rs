//! `mtfs options` (the council's options and what each level does each year), `mtfs
//! link` (a scenario's link fragment) and `mtfs first-screen` (the page's first answers).

use super::{load, parse_args, thousands, Failure, Format};
use mtfs::options::OptionList;

/// Runs `command` (options or link) with the rest of the arguments.
pub fn run(command: &str, rest: &[String]) -> Result<String, Failure> {
    let args = parse_args(rest)?;
    let (council, scenario, scenario_name) = load(&args)?;
    if command == "first-screen" {
        return first_screen(&args, &council);
    }
    if command == "link" {
        return Ok(
            mtfs::link::encode(&council, &scenario).map_err(|p| format!("{scenario_name}: {p}"))?
        );
    }
    if args.scenario.is_some() || args.link.is_some() {
        return Err(Failure::Usage(
            "options: lists the council's options; it takes no scenario".into(),
        ));
    }
    let list = mtfs::options::list(&council).map_err(|o| o.named(&council.years).to_string())?;
    Ok(match args.format {
        Format::Json => serde_json::to_string_pretty(&list).map_err(|e| e.to_string())?,
        Format::Table => table(&list),
        Format::Csv => {
            return Err(Failure::Usage(
                "options: --format takes table or json".into(),
            ))
        }
    })
}

/// The options as an officer reads them: each level's effect on the gap per year, £'000.
fn table(list: &OptionList) -> String {
    let mut out = format!(
        "{} - options, effect on the budget gap, £'000 (a saving or income lowers it)\n",
        list.council
    );
    if list.options.is_empty() {
        out.push_str("\nThis data set lists no options.\n");
        return out;
    }
    // Wide enough for the longest level's label (a title has a line of its own).
    let width = list
        .options
        .iter()
        .flat_map(|o| o.levels.iter().map(|l| l.label.chars().count() + 10))
        .chain([34])
        .max()
        .unwrap_or(34)
        .min(72);
    let head: String = list.years.iter().map(|y| format!("{y:>12}")).collect();
    out.push_str(&format!("\n{:width$}{head}\n", ""));
    let one: String = list
        .council_tax_one_point
        .iter()
        .map(|m| format!("{:>12}", thousands(m.value())))
        .collect();
    out.push_str(&format!(
        "{:width$}{one}\n",
        "1 point more council tax raises"
    ));
    for option in &list.options {
        out.push_str(&format!(
            "\n{} ({}, {})\n",
            option.title,
            option.id,
            theme(option)
        ));
        let view = option.theme == mtfs::model::Theme::Views;
        for level in &option.levels {
            let mark = match (level.id == option.plan_level, view) {
                (false, _) => "",
                (true, false) => " (plan)",
                (true, true) => " (unless chosen)",
            };
            let label: String = format!("  {}{mark}", level.label)
                .chars()
                .take(width - 1)
                .collect();
            let cells: String = if view {
                String::new()
            } else if level.sets.is_some() {
                format!("{:>12}", "levers")
            } else {
                level
                    .effect
                    .iter()
                    .map(|m| format!("{:>12}", thousands(m.value())))
                    .collect()
            };
            let from = level
                .from_reserve
                .as_ref()
                .map_or(String::new(), |r| format!("  from reserve {r}"));
            out.push_str(&format!("{label:width$}{cells}{from}\n"));
        }
    }
    out
}

fn theme(option: &mtfs::options::OptionEntry) -> String {
    serde_json::to_value(option.theme)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
        .unwrap_or_default()
}

/// The answers the page's first screen shows, as the browser's engine gives them: its
/// `project(null)` (the plan) and `options()`, the same library calls serialised by the
/// same serde_json (src/wasm.rs `to_js`). scripts/build-web.sh writes them beside the data
/// set, so the page can draw the plan before the engine has loaded (www/core/engine.js,
/// `firstScreen`); tests/browser/first-screen.test.mjs checks them against the live engine.
fn first_screen(args: &super::Args, council: &mtfs::Council) -> Result<String, Failure> {
    if args.scenario.is_some() || args.link.is_some() || args.format != Format::Table {
        return Err(Failure::Usage(
            "first-screen: takes only --data (it prints JSON)".into(),
        ));
    }
    let plan =
        mtfs::project_scenario(council, &mtfs::Scenario::default()).map_err(|e| e.to_string())?;
    let options = mtfs::options::list(council).map_err(|o| o.named(&council.years).to_string())?;
    // Each written whole by serde_json, as the binding writes it (a `json!` value would
    // sort the keys: the page would get the same figures in another order).
    Ok(format!(
        r#"{{"format":"mtfs-first-screen/1","plan":{},"options":{}}}"#,
        serde_json::to_string(&plan).map_err(|e| e.to_string())?,
        serde_json::to_string(&options).map_err(|e| e.to_string())?,
    ))
}
