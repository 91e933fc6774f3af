//! A data set as spreadsheet files: one CSV per section (`council.csv` for the council's
//! name, nation and years; `services.csv`, `council_tax.csv`, `reserves.csv`, … for the
//! others), each row one entry of the section with its place in it, and for a figure its
//! value and where it comes from:
//!
//! ```text
//! path,value,source,derived,assumption,type
//! [0].id,adults,,,,
//! [0].base,150000000,"Budget book, p. 4",,,figure
//! [0].inflation_pct.2020/21,3.6,,,Invented for the template,figure
//! ```
//!
//! `from_csv` turns the files back into a data set and checks it with the data layer; a
//! problem names the file, the row and the column (`services.csv row 4, column "value":
//! not a number: "12,5m"`). `to_csv` writes a data set's files. The two round-trip: a data
//! set written and read back is the same data set (tests/sheet.rs).
//!
//! Nothing here reads or writes files: the CLI (`mtfs to-csv`, `mtfs from-csv`) and the
//! page (`fromCsv` in the second wasm module, src/wasm/insight.rs) hand over (file name,
//! contents) pairs, so both follow this one rule and say the same problems.
//!
//! `type` says what a row's value is: blank for text, `figure` for a figure (value and
//! provenance), `number` and `bool` for the few plain numbers and switches, `[]` and `{}`
//! for an empty list or object.

use crate::analysis::records::Records;
use crate::error::{DataError, Problem};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The columns of every section file, in order.
pub const COLUMNS: [&str; 6] = ["path", "value", "source", "derived", "assumption", "type"];
const PROVENANCE: [&str; 3] = ["source", "derived", "assumption"];
/// The file that holds the data set's plain top-level fields (its name, nation, years…).
pub const COUNCIL_FILE: &str = "council.csv";

/// Whether `v` is a figure: an object with a `value` and nothing but provenance besides.
#[cfg(feature = "cli")]
fn is_figure(v: &Map<String, Value>) -> bool {
    v.contains_key("value")
        && v.keys()
            .all(|k| k == "value" || PROVENANCE.contains(&k.as_str()))
}

#[cfg(feature = "cli")]
fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) || field.trim() != field {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// Rows for `v` at `path` (relative to its section).
#[cfg(feature = "cli")]
fn flatten(v: &Value, path: &str, rows: &mut Vec<[String; 6]>) {
    let row = |value: String, kind: &str| {
        [
            path.to_string(),
            value,
            String::new(),
            String::new(),
            String::new(),
            kind.to_string(),
        ]
    };
    match v {
        Value::Object(m) if is_figure(m) => {
            let text = |k: &str| match m.get(k) {
                Some(Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
                None => String::new(),
            };
            rows.push([
                path.to_string(),
                text("value"),
                text("source"),
                text("derived"),
                text("assumption"),
                "figure".into(),
            ]);
        }
        Value::Object(m) if m.is_empty() => rows.push(row(String::new(), "{}")),
        Value::Object(m) => {
            // An entry's id and name first, as a person reads a row of a table.
            let first = ["id", "name"];
            let keys = first
                .iter()
                .filter_map(|k| m.get_key_value(*k))
                .chain(m.iter().filter(|(k, _)| !first.contains(&k.as_str())));
            for (k, v) in keys {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                flatten(v, &p, rows);
            }
        }
        Value::Array(a) if a.is_empty() => rows.push(row(String::new(), "[]")),
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                flatten(v, &format!("{path}[{i}]"), rows);
            }
        }
        Value::String(s) => rows.push(row(s.clone(), "")),
        Value::Number(n) => rows.push(row(n.to_string(), "number")),
        Value::Bool(b) => rows.push(row(b.to_string(), "bool")),
        Value::Null => rows.push(row(String::new(), "null")),
    }
}

#[cfg(feature = "cli")]
fn csv_text(rows: &[[String; 6]]) -> String {
    let mut out = COLUMNS.join(",");
    out.push('\n');
    for r in rows {
        out.push_str(&r.iter().map(|f| quote(f)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

/// A data set's section files, `(file name, CSV text)`, after checking it.
#[cfg(feature = "cli")]
pub fn to_csv(data_json: &str) -> Result<Vec<(String, String)>, DataError> {
    crate::load_data_json(data_json)?;
    let v: Value =
        serde_json::from_str(data_json).map_err(|e| DataError::single("", e.to_string()))?;
    let Value::Object(top) = v else {
        return Err(DataError::single("", "a data set is a JSON object"));
    };
    let mut council = Vec::new();
    let mut files = Vec::new();
    for (key, v) in &top {
        match v {
            Value::Object(_) | Value::Array(_) if key != "years" => {
                let mut rows = Vec::new();
                flatten(v, "", &mut rows);
                // A section that is one figure (none today) or empty keeps its shape.
                files.push((format!("{key}.csv"), csv_text(&rows)));
            }
            _ => flatten(v, key, &mut council),
        }
    }
    files.insert(0, (COUNCIL_FILE.to_string(), csv_text(&council)));
    Ok(files)
}

/// One step of a path: a key or a list index.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// `lines[0].target.2020/21` → key lines, index 0, key target, key 2020/21.
fn steps(path: &str) -> Option<Vec<Step>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Step::Key(key.to_string()));
        } else if out.is_empty() && rest.is_empty() {
            return None;
        }
        while !rest.is_empty() {
            let (index, after) = rest.split_once(']')?;
            out.push(Step::Index(index.parse().ok()?));
            rest = match after {
                "" => "",
                a => a.strip_prefix('[')?,
            };
        }
    }
    Some(out)
}

/// Puts `leaf` at `steps` inside `root`; list items must come in order.
fn insert(root: &mut Value, steps: &[Step], leaf: Value) -> Result<(), String> {
    let Some((first, rest)) = steps.split_first() else {
        if !root.is_null() {
            return Err("this place is given twice".into());
        }
        *root = leaf;
        return Ok(());
    };
    let child = match first {
        Step::Key(k) => {
            if root.is_null() {
                *root = Value::Object(Map::new());
            }
            let Value::Object(m) = root else {
                return Err(format!(
                    "{k:?} is inside something that is not a set of fields"
                ));
            };
            m.entry(k.clone()).or_insert(Value::Null)
        }
        Step::Index(i) => {
            if root.is_null() {
                *root = Value::Array(Vec::new());
            }
            let Value::Array(a) = root else {
                return Err(format!("[{i}] is inside something that is not a list"));
            };
            if *i == a.len() {
                a.push(Value::Null);
            } else if *i > a.len() {
                return Err(format!(
                    "list items come in order: [{i}] before [{}]",
                    a.len()
                ));
            }
            &mut a[*i]
        }
    };
    insert(child, rest, leaf)
}

/// A row's value as JSON, from its `type`.
fn leaf(cells: &BTreeMap<&str, String>) -> Result<Value, (&'static str, String)> {
    let value = cells.get("value").cloned().unwrap_or_default();
    let kind = cells.get("type").map_or("", |s| s.trim());
    Ok(match kind {
        "" | "text" => Value::String(value),
        "figure" => {
            let mut m = Map::new();
            m.insert("value".into(), Value::String(value.trim().to_string()));
            for p in PROVENANCE {
                if let Some(text) = cells.get(p).filter(|s| !s.trim().is_empty()) {
                    m.insert(p.into(), Value::String(text.clone()));
                }
            }
            Value::Object(m)
        }
        "number" => serde_json::from_str::<serde_json::Number>(value.trim())
            .map(Value::Number)
            .map_err(|_| ("value", format!("not a number: {value:?}")))?,
        "bool" => match value.trim() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(("value", format!("true or false is expected (got {value:?})"))),
        },
        "null" => Value::Null,
        "[]" => Value::Array(Vec::new()),
        "{}" => Value::Object(Map::new()),
        other => {
            return Err((
                "type",
                format!("one of figure, number, bool, [] or {{}} is expected, or nothing for text (got {other:?})"),
            ))
        }
    })
}

/// Where each row came from: its JSON path, file and row number (the header is row 1).
struct Place {
    path: String,
    file: String,
    row: usize,
}

/// The JSON path of a section file's row: the file's name is the section.
fn json_path(file: &str, path: &str) -> String {
    let section = file.strip_suffix(".csv").unwrap_or(file);
    if file == COUNCIL_FILE {
        path.to_string()
    } else if path.is_empty() {
        section.to_string()
    } else if path.starts_with('[') {
        format!("{section}{path}")
    } else {
        format!("{section}.{path}")
    }
}

/// Reads one file's rows into `root`, noting each row's place.
fn read_file(
    file: &str,
    bytes: &[u8],
    root: &mut Value,
    places: &mut Vec<Place>,
    problems: &mut Vec<String>,
) {
    let mut records = Vec::new();
    let mut reader = Records::default();
    reader.push(bytes, &mut |r| records.push(r));
    reader.finish(&mut |r| records.push(r));
    let mut rows = records.into_iter();
    let header: Vec<String> = match rows.next().flatten() {
        Some(h) => h.iter().map(|c| c.trim().to_lowercase()).collect(),
        None => {
            problems.push(format!(
                "{file}: empty: the first row names the columns ({})",
                COLUMNS.join(", ")
            ));
            return;
        }
    };
    for required in ["path", "value"] {
        if !header.iter().any(|h| h == required) {
            problems.push(format!(
                "{file} row 1: no {required:?} column (the columns are {})",
                COLUMNS.join(", ")
            ));
            return;
        }
    }
    for (i, record) in rows.enumerate() {
        let row = i + 2;
        let Some(fields) = record else {
            problems.push(format!("{file} row {row}: too long to read"));
            continue;
        };
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let cells: BTreeMap<&str, String> = header
            .iter()
            .map(String::as_str)
            .zip(fields.iter().cloned())
            .collect();
        let path = cells.get("path").map_or("", |p| p.trim());
        let full = json_path(file, path);
        let Some(steps) = steps(&full) else {
            problems.push(format!(
                "{file} row {row}, column \"path\": not a place in the data set: {path:?}"
            ));
            continue;
        };
        match leaf(&cells) {
            Err((column, message)) => {
                problems.push(format!("{file} row {row}, column \"{column}\": {message}"))
            }
            Ok(value) => match insert(root, &steps, value) {
                Err(message) => problems.push(format!(
                    "{file} row {row}, column \"path\": {path}: {message}"
                )),
                Ok(()) => places.push(Place {
                    path: full,
                    file: file.to_string(),
                    row,
                }),
            },
        }
    }
}

/// A message without the JSON reader's "at line 1344 column 24": that is the place in the
/// data set made from the files, not in them.
fn without_place(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) if message[i + 9..].split(" column ").count() == 2 => &message[..i],
        _ => message,
    }
}

/// A data-layer problem, said of the file and row it came from where one row holds it.
fn placed(p: &Problem, places: &[Place]) -> String {
    let (path, column) = match p.path.strip_suffix(".value") {
        Some(figure) => (figure, "value"),
        None => (p.path.as_str(), "value"),
    };
    let found = places.iter().find(|pl| pl.path == path).or_else(|| {
        // A path within a row's value (a figure's provenance): the longest row above it.
        places
            .iter()
            .filter(|pl| path.starts_with(&format!("{}.", pl.path)))
            .max_by_key(|pl| pl.path.len())
    });
    match found {
        Some(pl) => format!(
            "{} row {}, column \"{column}\": {}",
            pl.file,
            pl.row,
            without_place(&p.message)
        ),
        None => {
            let section = p.path.split(['.', '[']).next().unwrap_or("");
            let file = if places.iter().any(|pl| pl.file == format!("{section}.csv")) {
                format!("{section}.csv")
            } else {
                COUNCIL_FILE.to_string()
            };
            format!("{file}: {p}")
        }
    }
}

/// The section files read into a data set's JSON text, not yet checked, with the file and
/// row each value came from, to say the data layer's problems of them ([`Read::placed`]).
pub struct Read {
    pub json: String,
    places: Vec<Place>,
}

impl Read {
    /// The data layer's problems with the data set, each said of its file, row and column.
    pub fn placed(&self, e: &DataError) -> Vec<String> {
        e.problems.iter().map(|p| placed(p, &self.places)).collect()
    }
}

/// Reads the section files into a data set's JSON text, or every problem in their rows with
/// its file, row and column. The data set is not checked yet: [`from_csv`] checks it natively;
/// the page's second wasm module checks it with its own reader of JSON (src/wasm/insight.rs,
/// `fromCsv`), which carries no second copy of the data format's reader.
pub fn read(files: &[(String, Vec<u8>)]) -> Result<Read, Vec<String>> {
    let mut root = Value::Object(Map::new());
    let mut places = Vec::new();
    let mut problems = Vec::new();
    if !files.iter().any(|(name, _)| name == COUNCIL_FILE) {
        problems.push(format!(
            "{COUNCIL_FILE} is missing: it holds the council's name, nation and years"
        ));
    }
    for (name, bytes) in files {
        if !name.ends_with(".csv") {
            problems.push(format!("{name}: not a .csv file"));
            continue;
        }
        read_file(name, bytes, &mut root, &mut places, &mut problems);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let json = serde_json::to_string_pretty(&root).map_err(|e| vec![e.to_string()])?;
    Ok(Read { json, places })
}

/// [`read`] for files already read as text (the page decodes them, checking they are UTF-8).
pub fn read_text(files: &[(String, String)]) -> Result<Read, Vec<String>> {
    let files: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|(name, text)| (name.clone(), text.as_bytes().to_vec()))
        .collect();
    read(&files)
}

/// The data set the section files give, checked (JSON text), or every problem with its
/// file, row and column.
#[cfg(feature = "cli")]
pub fn from_csv(files: &[(String, Vec<u8>)]) -> Result<String, Vec<String>> {
    let read = read(files)?;
    match crate::load_data_json(&read.json) {
        Ok(_) => Ok(read.json),
        Err(e) => Err(read.placed(&e)),
    }
}

/// [`from_csv`] for files already read as text: what the page's `fromCsv` does, natively.
#[cfg(feature = "cli")]
pub fn from_csv_text(files: &[(String, String)]) -> Result<String, Vec<String>> {
    let read = read_text(files)?;
    match crate::load_data_json(&read.json) {
        Ok(_) => Ok(read.json),
        Err(e) => Err(read.placed(&e)),
    }
}
