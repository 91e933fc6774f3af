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
