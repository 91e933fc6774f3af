//! The regression corpus: minimised inputs the fuzzer found (`tests/fuzz-corpus/`), and
//! the inputs that once broke the engine (`tests/repro/`), as [`Input`]s.
//!
//! A corpus file is one JSON object:
//!
//! ```json
//! { "what": "panic in simulate_scenario at …: Multiplication overflowed",
//!   "found": "make fuzz SEED=1: input 1234, minimised",
//!   "paths": 8, "seed": 3,
//!   "data": { …a data set… },        or "data_text": "…text that is not plain JSON…"
//!   "scenario": { …a scenario… } }   or "scenario_text": "…", or neither: the plan
//! ```

use super::{Doc, Input};
use serde_json::{Map, Value};
use std::fs;
use std::path::{Path, PathBuf};

/// Paths and seed for the repro files: the CLI's defaults (`mtfs risk`), as they were found.
pub const REPRO_PATHS: u32 = 10_000;
pub const REPRO_SEED: u32 = 42;

fn doc(file: &Map<String, Value>, name: &str) -> Result<Option<Doc>, String> {
    match (file.get(name), file.get(&format!("{name}_text"))) {
        (Some(v), None) => Ok(Some(Doc::Json(v.clone()))),
        (None, Some(Value::String(s))) => Ok(Some(Doc::Text(s.clone()))),
        (None, None) => Ok(None),
        _ => Err(format!(
            "give one of {name} (JSON) or {name}_text (a string)"
        )),
    }
}

/// Reads a corpus file's input.
pub fn parse(text: &str) -> Result<Input, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let Value::Object(file) = value else {
        return Err("a corpus file is a JSON object".into());
    };
    let number = |key: &str, default: u32| -> Result<u32, String> {
        match file.get(key) {
            None => Ok(default),
            Some(v) => v
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| format!("{key} must be a whole number up to 4294967295")),
        }
    };
    Ok(Input {
        data: doc(&file, "data")?.ok_or("a corpus file needs data or data_text")?,
        scenario: doc(&file, "scenario")?,
        paths: number("paths", 16)?,
        seed: number("seed", 0)?,
    })
}

/// A corpus file's text for an input.
pub fn render(input: &Input, what: &str, found: &str) -> String {
    let mut file = Map::new();
    file.insert("what".into(), Value::String(what.into()));
    file.insert("found".into(), Value::String(found.into()));
    file.insert("paths".into(), Value::from(input.paths));
    file.insert("seed".into(), Value::from(input.seed));
    let mut put = |name: &str, d: &Doc| match d {
        Doc::Json(v) => {
            file.insert(name.into(), v.clone());
        }
        Doc::Text(s) => {
            file.insert(format!("{name}_text"), Value::String(s.clone()));
        }
    };
    put("data", &input.data);
    if let Some(s) = &input.scenario {
        put("scenario", s);
    }
    let mut text = serde_json::to_string_pretty(&Value::Object(file)).unwrap_or_default();
    text.push('\n');
    text
}

/// FNV-1a, 64 bits: a stable name for an input (the same input, the same file).
pub fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The file name for an input: `panic-…` or `violation-…` and a hash of the input.
pub fn file_name(input: &Input, panic: bool) -> String {
    let key = render(input, "", "");
    format!(
        "{}-{:016x}.json",
        if panic { "panic" } else { "violation" },
        hash(key.as_bytes())
    )
}

/// Writes an input into the corpus directory; returns the file's path.
pub fn save(
    dir: &Path,
    input: &Input,
    panic: bool,
    what: &str,
    found: &str,
) -> Result<PathBuf, String> {
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(file_name(input, panic));
    fs::write(&path, render(input, what, found)).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

fn sorted_json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Every input in the fuzz corpus directory, by file.
pub fn corpus_inputs(dir: &Path) -> Vec<(PathBuf, Result<Input, String>)> {
    sorted_json_files(dir)
        .into_iter()
        .map(|path| {
            let input = fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|text| parse(&text));
            (path, input)
        })
        .collect()
}

fn json_doc(path: &Path) -> Result<Doc, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(match serde_json::from_str::<Value>(&text) {
        Ok(v) => Doc::Json(v),
        Err(_) => Doc::Text(text),
    })
}

/// Every input in tests/repro: `X.json` is a data set run with the plan; `X.data.json`
/// goes with the scenario `X.scenario.json`.
pub fn repro_inputs(dir: &Path) -> Vec<(PathBuf, Result<Input, String>)> {
    sorted_json_files(dir)
        .into_iter()
        .filter(|p| !p.to_string_lossy().ends_with(".scenario.json"))
        .map(|path| {
            let name = path.to_string_lossy().to_string();
            let input = json_doc(&path).and_then(|data| {
                let scenario = match name.strip_suffix(".data.json") {
                    Some(stem) => Some(json_doc(Path::new(&format!("{stem}.scenario.json")))?),
                    None => None,
                };
                Ok(Input {
                    data,
                    scenario,
                    paths: REPRO_PATHS,
                    seed: REPRO_SEED,
                })
            });
            (path, input)
        })
        .collect()
}
