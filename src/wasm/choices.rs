//! The binding's options and links, in the first module (the resident's page starts with
//! the options): `options`, `link` and `scenarioFromLink` on `Calculator`.
//!
//! ```js
//! const list = calculator.options();                  // options, levels, effects by year
//! const fragment = calculator.link(scenario);         // "#s2.c2021_1.5~ohwrc-charges_charge"
//! const scenario = calculator.scenarioFromLink(location.hash);
//! ```

use super::{into_error, json, to_js, Calculator};
use crate::{link, options, DataError, Scenario};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPESCRIPT: &'static str = r#"
export type Theme = "services" | "charges" | "income" | "council_tax" | "reserves" | "views";
/** `options()`: the council's options, each level's effect on the gap per year. */
export interface OptionList {
  council: string; years: Year[]; require_balance: boolean;
  /** The paper form's details, when the data gives them: "Friday 29 January 2027". */
  closing_date?: string; return_address?: string;
  /** Per year: what one more point on that year's core council tax rise raises. */
  council_tax_one_point: Money[];
  options: {
    id: string; theme: Theme; title: string; description: string; question: string | null;
    constraints: string[]; plan_level: string;
    levels: { id: string; label: string; consequence: string; effect: Money[];
              from_reserve: string | null; sets: Scenario | null }[];
  }[];
}
"#;

#[wasm_bindgen]
impl Calculator {
    /// The council's options: each level with its effect on the gap each year, and what a
    /// point of council tax raises each year.
    #[wasm_bindgen(unchecked_return_type = "OptionList")]
    pub fn options(&self) -> Result<JsValue, JsValue> {
        let list =
            options::list(&self.council).map_err(|o| into_error(o.named(&self.council.years)))?;
        to_js(&list)
    }

    /// A scenario's link fragment (`"#s2.…"`, or `""` for the plan). Throws `Problems` for a
    /// scenario the council refuses or the format cannot hold.
    pub fn link(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Scenario | null")] scenario: Option<JsValue>,
    ) -> Result<String, JsValue> {
        let scenario = match scenario {
            None => Scenario::default(),
            Some(js) => json::read::<Scenario>(js).map_err(into_error)?,
        };
        link::encode(&self.council, &scenario)
            .map_err(|p| into_error(DataError::single("link", p.0)))
    }

    /// The scenario a link holds (a fragment, or a whole address). Throws `Problems` whose
    /// message says, in plain English, why a link cannot be used.
    #[wasm_bindgen(js_name = scenarioFromLink, unchecked_return_type = "Scenario")]
    pub fn scenario_from_link(&self, fragment: &str) -> Result<JsValue, JsValue> {
        let scenario = link::decode(&self.council, fragment)
            .map_err(|p| into_error(DataError::single("link", p.0)))?;
        to_js(&scenario)
    }
}
