//! The browser binding: a thin layer of `JsValue` in and out over the pure engine.
//!
//! ```js
//! import init, { Calculator } from "./pkg/mtfs.js";
//! await init();
//! const calculator = new Calculator(await (await fetch("data/hampshire.json")).json());
//! const result = calculator.project({ core_pct: { "2021/22": "2.99" } });
//! ```
//!
//! Nothing here panics on bad input: a data set or scenario the engine refuses comes
//! back as a thrown `Error` whose `problems` list names each field (see `into_error`).
//! Money crosses the boundary as decimal strings in pounds (`"1286.28"`), never as
//! floating-point numbers.
//!
//! Inputs are read by the `json` module, with serde_json's rules (an unknown key is an error, as in
//! the CLI); results are written by serde-wasm-bindgen.

use crate::{data, project_levers_view, project_scenario, Council, DataError, Scenario};
use serde::Serialize;
use std::cell::Cell;
use wasm_bindgen::prelude::*;

/// `options`, `link` and `scenarioFromLink`: the council's options and scenario links.
mod choices;

/// `simulate`, `goalSeek` and `drivers` (risk, goal seek and what drives the gap): the
/// second module, built with the `insight` feature.
#[cfg(feature = "insight")]
mod insight;

/// `ResponseAnalyser`: consultation responses, in the second module.
#[cfg(feature = "insight")]
mod analysis;
#[cfg(feature = "insight")]
pub use analysis::ResponseAnalyser;

/// Maps become plain objects (not JS `Map`s) and `None` becomes `null`, so the result
/// has exactly the JSON shape of model.md §6 that the CLI prints.
#[cfg(feature = "insight")]
const SERIALIZER: serde_wasm_bindgen::Serializer = serde_wasm_bindgen::Serializer::new()
    .serialize_maps_as_objects(true)
    .serialize_missing_as_null(true);

#[wasm_bindgen(typescript_custom_section)]
const TYPESCRIPT: &'static str = r#"
/** A decimal number as a string: "421336000", "3.99". Never a float. */
export type DecimalText = string;
/** Money in pounds, rounded to the penny: "1286.28". */
export type Money = string;
/** A year label as councils write it: "2020/21". */
export type Year = string;

/** One figure of a data set and where it comes from (exactly one of source, derived, assumption). */
export interface Figure { value: DecimalText | number; source?: string; derived?: string; assumption?: string }
export type Series = Record<Year, Figure>;

/** A council data set, format "mtfs-council-data/1" (the parsed JSON of data/*.json). */
export interface DataSet {
  format: "mtfs-council-data/1";
  council: string;
  /** Whose council tax law applies (absent: England). */
  nation?: Nation;
  description?: string;
  documents?: { id: string; title: string; href?: string }[];
  base_year: Year;
  years: Year[];
  services: {
    id: string; name: string; growth_group?: string; base: Figure;
    inflation_pct: Series; growth?: Series; base_change?: Series; one_off?: Series;
  }[];
  programmes?: {
    id: string; name: string; cash_flow_reserve?: string; early_delivery_reserve?: string;
    lines: { service: string; target: Series; plan: Series;
             rag?: { blue?: Figure; green?: Figure; amber?: Figure; red?: Figure } }[];
  }[];
  council_tax: {
    band_d: Figure; tax_base: Figure; tax_base_growth_pct: Series; collection_fund?: Series;
    restated_band_d?: Series;
    core_pct: Series; asc_pct?: Series;
  };
  funding?: { id: string; name: string; kind: FundingKind; amount: Series }[];
  reserves: {
    id: string; name: string; opening: Figure; floor?: Figure;
    planned_in?: Series; planned_out?: Series; gap_order?: number;
  }[];
  reserves_minimum: { amount?: Figure; pct_of_net_requirement?: Figure };
  /** England's referendum principles (optional: without them, data/council-tax-rules.json's; absent in Wales and Scotland). */
  referendum?: { core_limit_pct: Series; asc_limit_pct: Series; dispensation_pct?: Series };
  /** Scotland only: the government's cap on each year's rise (a year not named has none). */
  rise_cap?: { max_pct: Series };
  /** Capitalisation directions by year and the borrowing's terms (docs/model-notes.md). */
  capitalisation?: { directions?: Series; interest_pct: Figure; repayment_years: Figure };
  /** A stated forecast in-year overspend by year: one-off spending met from reserves. */
  overspend?: Series;
  /** Other precepts on the bill (police, fire, parish, the GLA): Band D by year, shown only. */
  other_precepts?: { id: string; name: string; band_d: Series }[];
  /** The options the council consults on (docs/data-format.md, "The options section"). */
  options?: {
    id: string; theme: Theme; title: string; description: string; question?: string;
    plan_level: string; constraints?: { text: string; source?: string; derived?: string; assumption?: string }[];
    levels: { id: string; label: string; consequence: string; effect?: Series;
              from_reserve?: string; scenario?: Scenario }[];
  }[];
  consultation?: { require_balance?: boolean; closing_date?: string; return_address?: string; source?: string; assumption?: string };
  /** The council's look and contact details (docs/data-format.md, "Branding and contact"). */
  branding?: { logo?: { src: string; alt: string }; colours?: { header?: string; header_text?: string; link?: string; focus?: string }; introduction?: string };
  contact?: { email?: string; phone?: string; address?: string; source?: string; assumption?: string };
}

export type FundingKind = "government_grant" | "business_rates" | "other";
export type Nation = "england" | "wales" | "scotland";

/** The levers (model.md §4). Every one is optional: absent means "as in the council's plan". */
export interface Scenario {
  core_pct?: Record<Year, DecimalText>;
  asc_pct?: Record<Year, DecimalText>;
  tax_base_growth_pct?: Record<Year, DecimalText>;
  inflation_adjust_pp?: Record<Year, DecimalText>;
  /** Keyed by growth group, e.g. "social_care". */
  growth_factor?: Record<string, DecimalText>;
  /** Keyed by programme id. */
  delivery_pct?: Record<string, DecimalText>;
  /** Keyed by programme id: whole years, 0 to 5. */
  delay_years?: Record<string, number>;
  funding_change_pct?: Partial<Record<FundingKind, Record<Year, DecimalText>>>;
  extra_savings?: Record<Year, DecimalText>;
  extra_spend?: Record<Year, DecimalText>;
  use_reserves?: boolean;
  /** A capitalisation direction to ask for, £ by year (needs the data set's terms). */
  capitalisation?: Record<Year, DecimalText>;
  /** The level chosen for each of the council's options, by option id. */
  choices?: Record<string, string>;
}

/** The projection (model.md §6). */
export interface Projection {
  council: string;
  /** The council's nation; absent for England. */
  nation?: Nation;
  base_year: Year;
  /** The council tax lever's top where no limit or cap gives one (the nation's rules); not a legal limit. */
  rise_lever_max_pct: string;
  /** Each option chosen at a level other than the plan's, with its effect per year. */
  choices: { option: string; title: string; level: string; label: string; effect: Money[] }[];
  years: YearResult[];
  summary: {
    cumulative_gap: Money; lowest_total_reserves: Money; lowest_total_reserves_year: Year;
    first_unfunded_year: Year | null; first_below_minimum_year: Year | null;
    referendum_years: Year[]; final_band_d: Money;
    /** Per band: (final year's charge − base year's) / 52, to the penny. */
    weekly_change_since_base: Record<Band, Money>;
    warnings: string[];
  };
}

export interface YearResult {
  year: Year;
  services: { id: string; name: string; budget: Money }[];
  spend: Money;
  /** The data set's stated in-year overspend, inside spend (absent when 0). */
  overspend?: Money;
  removed_savings: Money;
  /** The chosen options' effect: how much they lower the net requirement. */
  chosen_options: Money; net_requirement: Money;
  core_pct: DecimalText; asc_pct: DecimalText;
  band_d: Money; band_d_change: Money; tax_base: DecimalText;
  /** Last year's Band D restated like-for-like, the base of this year's rise (absent when not given). */
  restated_band_d?: Money;
  bands: Record<Band, Money>;
  /** Per band: (this year's charge − last year's) / 52, to the penny. */
  weekly_change: Record<Band, Money>;
  council_tax: Money; collection_fund: Money; other_funding: Money;
  /** A capitalisation direction this year, and the cost of earlier ones' borrowing
   *  (inside spend); each absent when 0. */
  capitalisation?: Money; capitalisation_cost?: Money;
  funding_streams: { id: string; name: string; kind: FundingKind; amount: Money }[];
  funding: Money; gap: Money;
  programmes: {
    id: string; name: string; target: Money; delivered: Money; shortfall: Money;
    /** The same by service line (department), in the programme's line order. */
    lines: { service: string; target: Money; delivered: Money; shortfall: Money }[];
  }[];
  shortfall: Money;
  /** gap + shortfall: what the year must meet from reserves, or leave unfunded. */
  total_gap: Money;
  /** Last year's unfunded deficit, still owed (absent when 0). */
  deficit_brought_forward?: Money;
  reserves: { id: string; name: string; opening: Money; planned_in: Money; planned_out: Money;
              draw: Money; credit: Money; closing: Money }[];
  /** The part of total_reserves in ring-fenced reserves, not tested against the minimum (absent when 0). */
  ring_fenced_reserves?: Money;
  total_reserves: Money; reserves_minimum: Money; below_minimum: boolean;
  unfunded: Money; referendum: boolean;
  /** The limits the referendum test applies: a rise at or above a limit needs a referendum
   *  (null where the nation has no referendums: Wales, Scotland). */
  referendum_limit: {
    core_pct: DecimalText | null; asc_pct: DecimalText | null; total_pct: DecimalText;
    /** total_pct is a government-agreed dispensation (core_pct and asc_pct are then null). */
    dispensation: boolean;
  } | null;
  /** Scotland: the government's cap on the year's rise, percent (absent: no cap). */
  rise_cap_pct?: DecimalText;
  /** The whole bill with the other precepts the data set states for the year (police,
   *  fire…); absent when it states none. Never part of the council's funding. */
  whole_bill?: { precepts: { id: string; name: string; band_d: Money }[]; band_d: Money; bands: Record<Band, Money> };
}

/** `projectView()`: the projection without each year's `services`, `funding_streams`,
 *  `programmes` and `reserves` (what only the tables read). */
export type ProjectionView = Omit<Projection, "years"> & {
  years: Omit<YearResult, "services" | "funding_streams" | "programmes" | "reserves">[];
};

/** A council tax band letter: the council's nation's bands, lowest first, in the order
 *  the objects list them (England and Scotland A to H, Wales A to I). */
export type Band = string;

/** What `new Calculator()` and `project()` throw for input they refuse: an `Error` whose
 *  message lists every problem, and `problems` naming each field. */
export interface Problems extends Error { problems: { path: string; message: string }[] }
"#;

/// Speaks Welsh from here on, in this instance (src/language.rs): `english[i]` is a
/// template and `welsh[i]` its Welsh (locales/cy.json's keys and values, fetched by the
/// page only when Welsh is chosen); both empty: English again.
#[wasm_bindgen(js_name = "useCatalogue")]
pub fn use_catalogue(english: Vec<String>, welsh: Vec<String>) {
    crate::language::use_catalogue(english.into_iter().zip(welsh));
}

/// One council's validated plan, ready to project scenarios against.
#[wasm_bindgen]
pub struct Calculator {
    council: Council,
    /// The data set as given, for `figures` (where each figure comes from): only in the
    /// second module, so the first visit does not carry it.
    #[cfg(feature = "insight")]
    data: data::DataSet,
    /// The global `performance` (a window's or a worker's), when there is one.
    clock: Option<web_sys::Performance>,
    last_project_micros: Cell<f64>,
}

#[wasm_bindgen]
impl Calculator {
    /// Validates a data set (the parsed JSON object). Throws `Problems` if it is refused.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "DataSet")] data: JsValue,
    ) -> Result<Calculator, JsValue> {
        #[cfg_attr(not(feature = "insight"), allow(unused_variables))]
        let data: data::DataSet = json::read(data).map_err(into_error)?;
        let council = data.validate().map_err(into_error)?;
        let clock = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
            .ok()
            .and_then(|p| p.dyn_into::<web_sys::Performance>().ok());
        Ok(Calculator {
            council,
            #[cfg(feature = "insight")]
            data,
            clock,
            last_project_micros: Cell::new(f64::NAN),
        })
    }

    /// Microseconds the last `project` or `projectView` call spent in the engine: reading the scenario,
    /// projecting and writing the result (`NaN` before the first call, or without
    /// `performance`). Browsers coarsen `performance.now()` (Chromium: to 100 µs, 5 µs
    /// when cross-origin isolated), so average over many calls.
    #[wasm_bindgen(getter = lastProjectMicros)]
    pub fn last_project_micros(&self) -> f64 {
        self.last_project_micros.get()
    }

    /// Projects a scenario (absent, `null` or `{}`: the council's own plan). Throws
    /// `Problems` naming each lever the council's data set does not allow.
    #[wasm_bindgen(unchecked_return_type = "Projection")]
    pub fn project(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Scenario | null")] scenario: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        self.timed(|| to_js(&self.projection(scenario)?))
    }

    /// What the page shows while a choice moves: the projection without each year's lines
    /// by service, funding stream, programme and reserve (`engine::ProjectionView`), for
    /// under half the cost. Same errors as `project`; timed the same way.
    #[wasm_bindgen(js_name = projectView, unchecked_return_type = "ProjectionView")]
    pub fn project_view(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Scenario | null")] scenario: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        self.timed(|| js_sys::JSON::parse(&self.view_text(&read_scenario(scenario)?)?))
    }

    /// A lever move's one engine call: `projectView`'s view and `link`'s fragment for the
    /// same scenario, which is read once (the page made two calls, each reading it):
    /// `{ view, link }`, with `link` null when the link format cannot hold the scenario (a
    /// value too long for one). Throws as `projectView` does; timed the same way.
    #[wasm_bindgen(
        js_name = viewAndLink,
        unchecked_return_type = "{ view: ProjectionView, link: string | null }"
    )]
    pub fn view_and_link(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Scenario | null")] scenario: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        self.timed(|| {
            let scenario = read_scenario(scenario)?;
            let levers = scenario.resolve(&self.council).map_err(into_error)?;
            let text = self.levers_view_text(&levers)?;
            let link = crate::link::encode_resolved(&self.council, &scenario, &levers).ok();
            let out = js_sys::Object::new();
            js_sys::Reflect::set(&out, &"view".into(), &js_sys::JSON::parse(&text)?)?;
            let link = link.map_or(JsValue::NULL, |fragment| JsValue::from_str(&fragment));
            js_sys::Reflect::set(&out, &"link".into(), &link)?;
            Ok(out.into())
        })
    }
}

impl Calculator {
    /// A scenario's view as JSON text: `to_js`'s text, written by hand (engine::json), the
    /// same bytes, faster.
    fn view_text(&self, scenario: &Scenario) -> Result<String, JsValue> {
        let levers = scenario.resolve(&self.council).map_err(into_error)?;
        self.levers_view_text(&levers)
    }

    /// The same for levers already resolved from a scenario.
    fn levers_view_text(&self, levers: &crate::scenario::Levers) -> Result<String, JsValue> {
        let view = project_levers_view(&self.council, levers).map_err(into_error)?;
        view.to_json()
            .map_err(|e| js_sys::Error::new(&e.to_string()).into())
    }

    fn projection(&self, scenario: Option<JsValue>) -> Result<crate::Projection, JsValue> {
        project_scenario(&self.council, &read_scenario(scenario)?).map_err(into_error)
    }

    /// Runs an engine call, keeping its time for `lastProjectMicros`.
    fn timed(&self, call: impl FnOnce() -> Result<JsValue, JsValue>) -> Result<JsValue, JsValue> {
        let start = self.clock.as_ref().map(|p| p.now());
        let result = call();
        if let (Some(clock), Some(start)) = (&self.clock, start) {
            self.last_project_micros.set((clock.now() - start) * 1000.0);
        }
        result
    }
}

/// A scenario from the page (absent: the council's own plan).
fn read_scenario(scenario: Option<JsValue>) -> Result<Scenario, JsValue> {
    match scenario {
        None => Ok(Scenario::default()),
        Some(js) => json::read::<Scenario>(js).map_err(into_error),
    }
}

/// A result as the page receives it: written as JSON text and parsed by the browser's
/// `JSON.parse`, the same object serde-wasm-bindgen would build field by field (maps as
/// objects, `None` as null, money as strings) in well under half the time (README, Speed),
/// and without its serializer in the first module. The second module's larger results
/// (risk, goal seek, drivers, responses) go through serde-wasm-bindgen (`SERIALIZER`).
fn to_js(value: &impl Serialize) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| js_sys::Error::new(&e.to_string()))?;
    js_sys::JSON::parse(&text)
}

/// An engine error as a JS `Error`: `message` reads as the CLI prints it, one problem a
/// line, and `problems` is `[{path, message}]` for a page to show beside each field.
fn into_error(error: DataError) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    js.set_name("DataError");
    if let Ok(problems) = to_js(&error.problems) {
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(&js, &JsValue::from_str("problems"), &problems);
    }
    js.into()
}

mod json {
    //! The engine's inputs from the page: the JS value written as JSON text by the
    //! browser's `JSON.stringify`, handed over in one crossing, and read by the engine's
    //! own reader (src/json_reader.rs) with serde_json's rules and messages.

    use crate::DataError;
    use serde::de::DeserializeOwned;
    use wasm_bindgen::{JsCast, JsValue};

    /// Reads an input from a JS value, naming the field of any problem. The first module
    /// passes over Welsh words (`cy`, src/data/options.rs): the second and the CLI check them.
    pub fn read<T: DeserializeOwned>(js: JsValue) -> Result<T, DataError> {
        let text = match js_sys::JSON::stringify(&js) {
            // `undefined` (or a function) has no JSON: it reads as null, as it always did.
            Ok(text) => text.as_string().unwrap_or_else(|| "null".to_string()),
            Err(e) => {
                let why = e
                    .dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()));
                return Err(DataError::single(
                    "",
                    format!(
                        "invalid type: a JavaScript value that is not JSON ({})",
                        why.unwrap_or_default()
                    ),
                ));
            }
        };
        crate::json_reader::read(&text, cfg!(not(feature = "insight")))
    }
}

/// For the page's tests only (`tests/browser/recovery.test.mjs`): panics as a bug in the
/// engine would, so the module traps (the browser build aborts on a panic) and the page's
/// recovery can be checked. Nothing on the page calls it.
#[doc(hidden)]
#[wasm_bindgen(js_name = "__trapForTests")]
pub fn trap_for_tests() {
    panic!("a trap asked for by a test");
}
