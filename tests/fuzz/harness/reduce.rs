//! Minimising a finding further than proptest's shrinking can: proptest shrinks the
//! generator's choices (a number towards its low end, an option to none), but a data set
//! is hundreds of figures and the step budget runs out. This works on the JSON itself,
//! keeping each change only if the input still shows the same finding:
//!
//! 1. drop the last projection year (its label everywhere, data set and scenario);
//! 2. delete members and array elements, largest first (a whole risk section, a service
//!    line, a year's figure, a lever);
//! 3. write figure values and levers as `"0"` or `"1"`, words as `"x"`;
//! 4. run the Monte Carlo with fewer paths.

use super::{Doc, Input};
use serde_json::Value;

/// Every node's JSON pointer, in document order (parents before children).
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                let token = k.replace('~', "~0").replace('/', "~1");
                pointers(child, format!("{at}/{token}"), out);
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn delete(v: &mut Value, pointer: &str) -> bool {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return false;
    };
    let last = last.replace("~1", "/").replace("~0", "~");
    match v.pointer_mut(parent) {
        Some(Value::Object(o)) => o.remove(&last).is_some(),
        Some(Value::Array(a)) => match last.parse::<usize>() {
            Ok(i) if i < a.len() => {
                a.remove(i);
                true
            }
            _ => false,
        },
        _ => false,
    }
}

/// Removes every member keyed `key`, at any depth.
fn remove_key(v: &mut Value, key: &str) {
    match v {
        Value::Object(m) => {
            m.remove(key);
            for child in m.values_mut() {
                remove_key(child, key);
            }
        }
        Value::Array(a) => {
            for child in a {
                remove_key(child, key);
            }
        }
        _ => {}
    }
}

/// Which document a change is made to.
#[derive(Clone, Copy)]
enum Part {
    Data,
    Scenario,
}

fn tree(input: &mut Input, part: Part) -> Option<&mut Value> {
    match part {
        Part::Data => match &mut input.data {
            Doc::Json(v) => Some(v),
            Doc::Text(_) => None,
        },
        Part::Scenario => match &mut input.scenario {
            Some(Doc::Json(v)) => Some(v),
            _ => None,
        },
    }
}

struct Reducer<'a> {
    best: Input,
    runs: u32,
    budget: u32,
    still: &'a mut dyn FnMut(&Input) -> bool,
}

impl Reducer<'_> {
    /// Tries a change; keeps it if the finding is still there.
    fn attempt(&mut self, change: impl FnOnce(&mut Input) -> bool) -> bool {
        if self.runs >= self.budget {
            return false;
        }
        let mut candidate = self.best.clone();
        if !change(&mut candidate) || candidate == self.best {
            return false;
        }
        self.runs += 1;
        if (self.still)(&candidate) {
            self.best = candidate;
            true
        } else {
            false
        }
    }

    fn drop_years(&mut self) -> bool {
        let mut progress = false;
        loop {
            let last = match tree(&mut self.best, Part::Data).and_then(|v| v.get("years")) {
                Some(Value::Array(years)) if years.len() > 1 => {
                    years.last().and_then(Value::as_str).map(str::to_string)
                }
                _ => None,
            };
            let Some(label) = last else { break };
            let dropped = self.attempt(|input| {
                for part in [Part::Data, Part::Scenario] {
                    if let Some(v) = tree(input, part) {
                        remove_key(v, &label);
                        if let Some(Value::Array(years)) = v.get_mut("years") {
                            years.retain(|y| y.as_str() != Some(label.as_str()));
                        }
                    }
                }
                true
            });
            if !dropped {
                break;
            }
            progress = true;
        }
        progress
    }

    fn deletions(&mut self, part: Part) -> bool {
        let mut progress = false;
        let mut i = 1; // not the root
        loop {
            let mut all = Vec::new();
            match tree(&mut self.best, part) {
                Some(v) => pointers(v, String::new(), &mut all),
                None => return progress,
            }
            let Some(pointer) = all.get(i).cloned() else {
                return progress;
            };
            if self.attempt(|input| tree(input, part).is_some_and(|v| delete(v, &pointer))) {
                progress = true;
            } else {
                i += 1;
            }
            if self.runs >= self.budget {
                return progress;
            }
        }
    }

    fn simpler_values(&mut self, part: Part) -> bool {
        let mut progress = false;
        let mut all = Vec::new();
        match tree(&mut self.best, part) {
            Some(v) => pointers(v, String::new(), &mut all),
            None => return false,
        }
        for pointer in all {
            let key = pointer.rsplit('/').next().unwrap_or_default().to_string();
            let current = tree(&mut self.best, part).and_then(|v| v.pointer(&pointer).cloned());
            let s = match current {
                Some(Value::String(s)) => s,
                Some(Value::Number(n)) if key == "value" => n.to_string(),
                _ => continue,
            };
            let words =
                ["source", "derived", "assumption", "name", "council"].contains(&key.as_str());
            let choices: &[&str] = if words {
                &["x"]
            } else if s.parse::<f64>().is_ok() {
                &["0", "1", "100"]
            } else {
                &[]
            };
            for choice in choices {
                if s == *choice {
                    break;
                }
                let simpler = Value::String((*choice).to_string());
                if self.attempt(|input| {
                    tree(input, part)
                        .and_then(|v| v.pointer_mut(&pointer))
                        .map(|node| *node = simpler)
                        .is_some()
                }) {
                    progress = true;
                    break;
                }
            }
        }
        progress
    }

    fn fewer_paths(&mut self) -> bool {
        let mut progress = false;
        for paths in [1, 2, 8] {
            if paths < self.best.paths
                && self.attempt(|input| {
                    input.paths = paths;
                    true
                })
            {
                progress = true;
                break;
            }
        }
        progress
    }
}

/// Reduces `input` while `still` holds; returns the smallest input found and how many
/// runs it took (at most `budget`).
pub fn reduce(input: Input, still: &mut dyn FnMut(&Input) -> bool, budget: u32) -> (Input, u32) {
    let mut r = Reducer {
        best: input,
        runs: 0,
        budget,
        still,
    };
    loop {
        let mut progress = r.drop_years();
        for part in [Part::Scenario, Part::Data] {
            progress |= r.deletions(part);
        }
        for part in [Part::Scenario, Part::Data] {
            progress |= r.simpler_values(part);
        }
        progress |= r.fewer_paths();
        if !progress || r.runs >= r.budget {
            break;
        }
    }
    (r.best, r.runs)
}
