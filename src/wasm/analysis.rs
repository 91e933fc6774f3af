//! The response analysis in the browser (the officers' analysis page's worker, in the
//! second module): a `ResponseAnalyser` fed a file in pieces, as `mtfs analyse` is.
//!
//! ```js
//! const analyser = new ResponseAnalyser(calculator, { group: "respondent_type" });
//! for (const piece of pieces) analyser.push(piece);      // Uint8Array pieces of the CSV
//! const { analysis, csv } = analyser.finish();
//! ```

use super::{into_error, json, Calculator, SERIALIZER};
use crate::analysis::{self, Analyser, Settings};
use crate::DataError;
use serde::Serialize;
use std::borrow::Cow;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPESCRIPT: &'static str = r#"
/** What to read, and how to group it (all optional). */
export interface AnalysisSettings { column?: string | null; group?: string | null; min_group?: number }
/** `finish()`: the analysis (docs/analysis.md, schema mtfs-analysis/1) and every figure as CSV. */
export interface AnalysisResult { analysis: any; csv: string }
"#;

/// Reads responses and counts what they chose, for one council.
#[wasm_bindgen]
pub struct ResponseAnalyser {
    inner: Option<Analyser<'static>>,
}

#[derive(Serialize)]
struct Finished<'a> {
    analysis: &'a analysis::Analysis,
    csv: String,
}

#[wasm_bindgen]
impl ResponseAnalyser {
    /// An analyser for the calculator's council. Throws `Problems` for settings it refuses.
    #[wasm_bindgen(constructor)]
    pub fn new(
        calculator: &Calculator,
        #[wasm_bindgen(unchecked_param_type = "AnalysisSettings | null")] settings: Option<JsValue>,
    ) -> Result<ResponseAnalyser, JsValue> {
        let settings = match settings {
            None => Settings::default(),
            Some(js) => json::read::<Settings>(js).map_err(into_error)?,
        };
        let council = Cow::Owned(calculator.council.clone());
        Ok(ResponseAnalyser {
            inner: Some(Analyser::new(council, settings)),
        })
    }

    /// Feeds the next piece of a CSV file.
    pub fn push(&mut self, bytes: &[u8]) {
        if let Some(a) = self.inner.as_mut() {
            a.push(bytes);
        }
    }

    /// One response by its link (from a JSON export), at `row`, in `group`.
    #[wasm_bindgen(js_name = pushFragment)]
    pub fn push_fragment(&mut self, row: u32, fragment: &str, group: Option<String>) {
        if let Some(a) = self.inner.as_mut() {
            a.push_fragment(row, fragment, group.as_deref());
        }
    }

    /// Rows read so far.
    pub fn rows(&self) -> u32 {
        self.inner.as_ref().map_or(0, Analyser::rows)
    }

    /// The figures, once: throws `Problems` when the file cannot be analysed at all (no
    /// link column) or was finished already.
    #[wasm_bindgen(unchecked_return_type = "AnalysisResult")]
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        let analyser = self.inner.take().ok_or_else(|| {
            into_error(DataError::single("", "this analysis is finished already"))
        })?;
        let analysis = analyser.finish().map_err(into_error)?;
        let csv = analysis::csv(&analysis);
        Finished {
            analysis: &analysis,
            csv,
        }
        .serialize(&SERIALIZER)
        .map_err(|e| into_error(DataError::single("", e.to_string())))
    }
}
