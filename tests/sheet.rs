//! Figures from a spreadsheet (issue 14): a data set as one CSV file per section and back
//! (src/sheet.rs), with problems said of the file, row and column.

mod common;
use common::cli::{mtfs, stderr, stdout};

use mtfs::sheet::{from_csv, from_csv_text, to_csv};
use mtfs::{load_data_json, project_scenario, Scenario};
use std::path::PathBuf;

const TEMPLATE: &str = include_str!("../data/template.json");
const HAMPSHIRE: &str = include_str!("../data/hampshire.json");

fn bytes(files: &[(String, String)]) -> Vec<(String, Vec<u8>)> {
    files
        .iter()
        .map(|(n, t)| (n.clone(), t.as_bytes().to_vec()))
        .collect()
}

/// JSON → CSV files → JSON: the same data set, and the same projection.
fn round_trip(original: &str) {
    let files = to_csv(original).unwrap();
    let back = from_csv(&bytes(&files)).unwrap_or_else(|e| panic!("{e:#?}"));
    let a: serde_json::Value = serde_json::from_str(original).unwrap();
    let b: serde_json::Value = serde_json::from_str(&back).unwrap();
    assert_eq!(a, b, "the data set changed on the way through CSV");
    let project = |text: &str| {
        let (_, council) = load_data_json(text).unwrap();
        serde_json::to_string(&project_scenario(&council, &Scenario::default()).unwrap()).unwrap()
    };
    assert_eq!(project(original), project(&back));
}

#[test]
fn the_template_round_trips_through_csv_to_the_same_projection() {
    let files = to_csv(TEMPLATE).unwrap();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for section in [
        "council.csv",
        "services.csv",
        "programmes.csv",
        "council_tax.csv",
        "reserves.csv",
        "other_precepts.csv",
    ] {
        assert!(names.contains(&section), "{names:?}");
    }
    let services = &files.iter().find(|(n, _)| n == "services.csv").unwrap().1;
    assert!(
        services.starts_with("path,value,source,derived,assumption,type\n"),
        "{services}"
    );
    round_trip(TEMPLATE);
}

#[test]
fn hampshire_round_trips_through_csv_to_the_same_projection() {
    round_trip(HAMPSHIRE);
}

#[test]
fn a_bad_figure_is_reported_by_file_row_and_column() {
    let mut files = to_csv(TEMPLATE).unwrap();
    let services = &mut files
        .iter_mut()
        .find(|(n, _)| n == "services.csv")
        .unwrap()
        .1;
    let lines: Vec<&str> = services.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("[0].base,"))
        .unwrap();
    let row = at + 1;
    let broken: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == at {
                l.replacen(",", ",\"12,5m\",", 1).replacen(
                    &format!(",{}", l.split(',').nth(1).unwrap()),
                    "",
                    1,
                )
            } else {
                l.to_string()
            }
        })
        .collect();
    *services = broken.join("\n");
    let e = from_csv(&bytes(&files)).unwrap_err();
    let want = format!("services.csv row {row}, column \"value\": ");
    assert!(
        e.iter()
            .any(|p| p.starts_with(&want) && p.contains("12,5m")),
        "{e:#?}\n{}",
        broken[at]
    );
    // A row in a place the data set does not have, and a bad type.
    let files = vec![
        (
            "council.csv".to_string(),
            b"path,value,type\ncouncil,X,\nyears[1],2020/21,\n".to_vec(),
        ),
        (
            "services.csv".to_string(),
            b"path,value,type\n[0].base,1,sum\n".to_vec(),
        ),
    ];
    let e = from_csv(&files).unwrap_err();
    assert!(
        e.iter().any(|p| p
            .starts_with("council.csv row 3, column \"path\": years[1]: list items come in order")),
        "{e:#?}"
    );
    assert!(
        e.iter()
            .any(|p| p.starts_with("services.csv row 2, column \"type\"")),
        "{e:#?}"
    );
}

#[test]
fn the_cli_writes_and_reads_the_files() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sheet-template");
    let _ = std::fs::remove_dir_all(&dir);
    let dir = dir.to_string_lossy().into_owned();
    let o = mtfs(&["to-csv", "data/template.json", &dir]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("council.csv"));
    let out = format!("{dir}/back.json");
    let o = mtfs(&["from-csv", &dir, "--out", &out]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = mtfs(&["--data", &out]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), stdout(&mtfs(&["--data", "data/template.json"])));
    // A broken file: exit 1, the problem with its file and row.
    std::fs::write(
        format!("{dir}/services.csv"),
        "path,value,type\n[0].base,12,5m,figure\n",
    )
    .unwrap();
    let o = mtfs(&["from-csv", &dir]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("services.csv row 2"), "{}", stderr(&o));
}

/// The page's path (`fromCsv` in the second wasm module is `from_csv_text` on the files'
/// texts) gives the very data set `mtfs from-csv` writes for the template's files, and the
/// same problems, minus the folder the CLI puts in front.
#[test]
fn the_page_reads_the_files_as_the_cli_does() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sheet-page");
    let _ = std::fs::remove_dir_all(&dir);
    let dir = dir.to_string_lossy().into_owned();
    assert!(mtfs(&["to-csv", "data/template.json", &dir])
        .status
        .success());
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    // The order a person picks files in does not matter.
    files.reverse();
    let o = mtfs(&["from-csv", &dir]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = from_csv_text(&files).unwrap_or_else(|e| panic!("{e:#?}"));
    assert_eq!(format!("{page}\n"), stdout(&o));

    let services = files.iter_mut().find(|(n, _)| n == "services.csv").unwrap();
    services.1 = "path,value,type\n[0].id,adults,\n[0].base,\"12,5m\",figure\n".into();
    std::fs::write(format!("{dir}/services.csv"), &services.1).unwrap();
    let page = from_csv_text(&files).unwrap_err();
    assert!(
        page.iter()
            .any(|p| p.starts_with(r#"services.csv row 3, column "value""#) && p.contains("12,5m")),
        "{page:#?}"
    );
    let cli = stderr(&mtfs(&["from-csv", &dir]));
    for problem in &page {
        assert!(
            cli.contains(&format!("{dir}/{problem}")),
            "{problem}\n{cli}"
        );
    }
}
