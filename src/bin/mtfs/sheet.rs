//! `mtfs to-csv DATA DIR` and `mtfs from-csv DIR [--out FILE]`: a data set as one CSV file
//! per section, for a spreadsheet, and back (src/sheet.rs; docs/data-format.md,
//! "Spreadsheet files").

use super::{in_file, read, Failure};
use std::path::Path;

pub fn run(command: &str, args: &[String]) -> Result<String, Failure> {
    match command {
        "to-csv" => to_csv(args),
        _ => from_csv(args),
    }
}

fn to_csv(args: &[String]) -> Result<String, Failure> {
    let [data, dir] = args else {
        return Err(Failure::Usage(
            "to-csv: give a data file and a folder: mtfs to-csv data.json DIR".into(),
        ));
    };
    let files = mtfs::sheet::to_csv(&read(data)?).map_err(|e| in_file(data, e))?;
    std::fs::create_dir_all(dir).map_err(|e| format!("{dir}: cannot make the folder: {e}"))?;
    let mut names = Vec::new();
    for (name, text) in &files {
        let path = Path::new(dir).join(name);
        std::fs::write(&path, text)
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        names.push(name.as_str());
    }
    Ok(format!(
        "wrote {} files to {dir}: {}",
        files.len(),
        names.join(", ")
    ))
}

fn from_csv(args: &[String]) -> Result<String, Failure> {
    let (dir, out) = match args {
        [dir] => (dir, None),
        [dir, flag, out] if flag == "--out" => (dir, Some(out)),
        _ => {
            return Err(Failure::Usage(
                "from-csv: give the folder of CSV files: mtfs from-csv DIR [--out FILE]".into(),
            ))
        }
    };
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("{dir}: cannot read the folder: {e}"))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| format!("{dir}: {e}"))?.path();
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let bytes = std::fs::read(&path)
                .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
            files.push((name, bytes));
        }
    }
    files.sort();
    let json = mtfs::sheet::from_csv(&files).map_err(|problems| {
        problems
            .iter()
            .map(|p| format!("{dir}/{p}"))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    match out {
        Some(path) => {
            std::fs::write(path, format!("{json}\n"))
                .map_err(|e| format!("{path}: cannot write: {e}"))?;
            Ok(format!("wrote {path}: the data set checks"))
        }
        None => Ok(json),
    }
}
