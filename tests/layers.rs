//! The library's modules depend only downwards, so there is no cycle among them: a module
//! may use `crate::x` only where x is on a lower layer. A new module goes into LAYERS.

const LAYERS: [(&str, u8); 22] = [
    // The message catalogue (Welsh): `tr!` is used by every module that words a sentence.
    ("language", 0),
    ("number", 1),
    ("nation", 1),
    ("error", 1),
    ("words", 1),
    // WCAG contrast for the council's colours (branding), checked by the data layer.
    ("colour", 1),
    ("model", 2),
    // The browser build's JSON reader (its inputs' text), worded as serde_json words.
    ("json_reader", 2),
    // The council tax rules file, checked as data (native only).
    ("rules", 2),
    ("scenario", 3),
    ("data", 3),
    ("trace", 4),
    ("engine", 5),
    ("options", 5),
    ("link", 5),
    ("goal", 6),
    ("risk", 6),
    ("drivers", 7),
    ("analysis", 7),
    ("outturn", 7),
    // The binding sits on the library's public API.
    ("wasm", 8),
    // Spreadsheet files to and from a data set, through the data layer.
    ("sheet", 8),
];

fn layer(module: &str) -> u8 {
    LAYERS
        .iter()
        .find(|(m, _)| *m == module)
        .unwrap_or_else(|| panic!("src/{module}: add the module to LAYERS in tests/layers.rs"))
        .1
}

/// The modules `text` names as `crate::x`, outside comments.
fn uses(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
        for (i, _) in line.match_indices("crate::") {
            let name: String = line[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            // `crate::tr!` is the language module's macro, exported at the crate root.
            let name = if name == "tr" {
                "language".to_string()
            } else {
                name
            };
            if !name.is_empty() && !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

#[test]
fn modules_depend_only_on_lower_layers() {
    let mut files = Vec::new();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() && path.file_name().unwrap() != "bin" {
            for sub in std::fs::read_dir(&path).unwrap() {
                files.push(sub.unwrap().path());
            }
        } else if path.extension().is_some_and(|e| e == "rs")
            && path.file_name().unwrap() != "lib.rs"
        {
            files.push(path);
        }
    }
    let mut wrong = Vec::new();
    for path in &files {
        let relative = path.strip_prefix(&src).unwrap();
        let module = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = module.trim_end_matches(".rs").to_string();
        let text = std::fs::read_to_string(path).unwrap();
        for used in uses(&text) {
            let known = LAYERS.iter().any(|(m, _)| *m == used);
            if used != module && known && layer(&used) >= layer(&module) {
                wrong.push(format!("src/{}: uses crate::{used}", relative.display()));
            }
        }
        layer(&module);
    }
    assert!(files.len() > 10, "read the source files");
    assert!(
        wrong.is_empty(),
        "upward or sideways dependencies:\n{}",
        wrong.join("\n")
    );
}

/// The check can fail: a lower module naming a higher one is caught.
#[test]
fn the_check_finds_an_upward_use() {
    assert_eq!(
        uses("use crate::engine::project;\n// crate::risk in a comment"),
        ["engine"]
    );
    assert!(layer("engine") >= layer("trace"));
}
