//! Errors as values, each naming the field it is about.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One thing wrong with an input, and where: `services[2].base.value: not a number: "12,5m"`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The field's path in the input (`reserves[1].opening`); empty for the whole input.
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Why a data set or scenario was refused: every problem found, with its path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataError {
    pub problems: Vec<Problem>,
}

impl DataError {
    pub fn single(path: impl Into<String>, message: impl Into<String>) -> Self {
        DataError {
            problems: vec![Problem::new(path, message)],
        }
    }
}

impl<E: fmt::Display> From<serde_path_to_error::Error<E>> for DataError {
    /// A serde failure with its path. serde writes `?` for a map key it could not read;
    /// the message names that key, so the path stops at the map.
    fn from(e: serde_path_to_error::Error<E>) -> Self {
        let path = e.path().to_string();
        let path = match path.as_str() {
            "." => String::new(),
            p => p.strip_suffix(".?").unwrap_or(p).to_string(),
        };
        DataError::single(path, e.inner().to_string())
    }
}

/// A figure too large to compute: what it was and in which projection year (an index
/// into the council's years). The engine's arithmetic on anything from outside is
/// checked, so a figure past `Decimal`'s range (about 7.9 × 10^28) ends here, not in a
/// panic. Validation's bounds keep every figure far below that (docs/model-notes.md), so
/// this is a second line of defence that the fuzzer (`make fuzz`) confirms is never reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overflow {
    pub what: &'static str,
    pub year: Option<usize>,
}

impl Overflow {
    /// `what` could not be computed in year `t` (0-based projection year).
    pub fn at(what: &'static str, t: usize) -> Self {
        Overflow {
            what,
            year: Some(t),
        }
    }

    /// `what` could not be computed, in no one year.
    pub fn of(what: &'static str) -> Self {
        Overflow { what, year: None }
    }

    /// The error a person reads, naming the year by its label: "In 2041/42, the year's
    /// spending is too large to compute; …".
    pub fn named(self, years: &[String]) -> DataError {
        let what = match self.year.and_then(|t| years.get(t)) {
            Some(y) => format!("In {y}, {}", self.what),
            None => capitalised(self.what),
        };
        DataError::single(
            "",
            format!("{what} is too large to compute; check the data set's amounts and rates, and the scenario's levers"),
        )
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DataError {}
