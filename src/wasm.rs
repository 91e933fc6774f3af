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
//! back as a thrown `Error` whose `problems` list names each field (see [`into_error`]).
//! Money crosses the boundary as decimal strings in pounds (`"1286.28"`), never as
//! floating-point numbers.

use crate::{data, project_scenario, Council, DataError, Scenario};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Maps become plain objects (not JS `Map`s) and `None` becomes `null`, so the result
/// has exactly the JSON shape of model.md §6 that the CLI prints.
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
    core_pct: Series; asc_pct?: Series;
  };
  funding?: { id: string; name: string; kind: FundingKind; amount: Series }[];
  reserves: {
    id: string; name: string; opening: Figure; floor?: Figure;
    planned_in?: Series; planned_out?: Series; gap_order?: number;
  }[];
  reserves_minimum: { amount?: Figure; pct_of_net_requirement?: Figure };
  referendum: { core_limit_pct: Series; asc_limit_pct: Series; dispensation_pct?: Series };
}

export type FundingKind = "government_grant" | "business_rates" | "other";

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
}

/** The projection (model.md §6). */
export interface Projection {
  council: string;
  base_year: Year;
  years: YearResult[];
  summary: {
    cumulative_gap: Money; lowest_total_reserves: Money; lowest_total_reserves_year: Year;
    first_unfunded_year: Year | null; first_below_minimum_year: Year | null;
    referendum_years: Year[]; final_band_d: Money; warnings: string[];
  };
}

export interface YearResult {
  year: Year;
  services: { id: string; name: string; budget: Money }[];
  spend: Money; removed_savings: Money; net_requirement: Money;
  core_pct: DecimalText; asc_pct: DecimalText;
  band_d: Money; band_d_change: Money; tax_base: DecimalText;
  bands: Record<"A" | "B" | "C" | "D" | "E" | "F" | "G" | "H", Money>;
  council_tax: Money; collection_fund: Money; other_funding: Money;
  funding_streams: { id: string; name: string; kind: FundingKind; amount: Money }[];
  funding: Money; gap: Money;
  programmes: { id: string; name: string; target: Money; delivered: Money; shortfall: Money }[];
  shortfall: Money;
  reserves: { id: string; name: string; opening: Money; planned_in: Money; planned_out: Money;
              draw: Money; credit: Money; closing: Money }[];
  total_reserves: Money; reserves_minimum: Money; below_minimum: boolean;
  unfunded: Money; referendum: boolean;
}

/** What `new Calculator()` and `project()` throw for input they refuse: an `Error` whose
 *  message lists every problem, and `problems` naming each field. */
export interface Problems extends Error { problems: { path: string; message: string }[] }
"#;

/// One council's validated plan, ready to project scenarios against.
#[wasm_bindgen]
pub struct Calculator {
    council: Council,
}

#[wasm_bindgen]
impl Calculator {
    /// Validates a data set (the parsed JSON object). Throws [`Problems`] if it is refused.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "DataSet")] data: JsValue,
    ) -> Result<Calculator, JsValue> {
        let (_, council) = data::load(strict::Strict(serde_wasm_bindgen::Deserializer::from(data)))
            .map_err(into_error)?;
        Ok(Calculator { council })
    }

    /// The council's name, as the data set gives it.
    #[wasm_bindgen(getter)]
    pub fn council(&self) -> String {
        self.council.name.clone()
    }

    /// Projects a scenario (absent, `null` or `{}`: the council's own plan). Throws
    /// [`Problems`] naming each lever the council's data set does not allow.
    #[wasm_bindgen(unchecked_return_type = "Projection")]
    pub fn project(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Scenario | null")] scenario: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let scenario = match scenario {
            None => Scenario::default(),
            Some(js) => Scenario::load(strict::Strict(serde_wasm_bindgen::Deserializer::from(js)))
                .map_err(into_error)?,
        };
        let projection = project_scenario(&self.council, &scenario).map_err(into_error)?;
        projection
            .serialize(&SERIALIZER)
            .map_err(|e| into_error(DataError::single("", e.to_string())))
    }
}

/// An engine error as a JS `Error`: `message` reads as the CLI prints it, one problem a
/// line, and `problems` is `[{path, message}]` for a page to show beside each field.
fn into_error(mut error: DataError) -> JsValue {
    for problem in &mut error.problems {
        // serde-wasm-bindgen's own errors are JS `Error`s, which display as "Error: …".
        if let Some(message) = problem.message.strip_prefix("Error: ") {
            problem.message = message.to_string();
        }
    }
    let js = js_sys::Error::new(&error.to_string());
    js.set_name("DataError");
    if let Ok(problems) = error.problems.serialize(&SERIALIZER) {
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(&js, &JsValue::from_str("problems"), &problems);
    }
    js.into()
}

mod strict {
    //! serde-wasm-bindgen reads a struct by asking the JS object for each *declared* field,
    //! so a key nobody declared is never seen and `#[serde(deny_unknown_fields)]` cannot
    //! fire: a misspelt `"asc_pc"` would be silently ignored in the browser but refused in
    //! JSON text. [`Strict`] reads every struct as a map of all the object's keys, all the
    //! way down, so the browser refuses what the CLI refuses, with the same messages.
    //!
    //! Structs, maps and sequences are read through `deserialize_any` with a visitor that
    //! accepts only an object (or only an array), so a string or array in the wrong place
    //! is "invalid type: string \"…\", expected struct Figure", as in JSON, and the
    //! engine's visitors are instantiated once, not for every shape a value might have.

    use serde::de::{
        self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess,
        Visitor,
    };
    use std::fmt;

    pub struct Strict<D>(pub D);

    /// A visitor, access or seed whose nested deserializers become [`Strict`].
    pub struct Wrap<X>(X);

    const MAP: bool = true;
    const SEQ: bool = false;

    /// A visitor that takes only a map (`MAP`) or only a sequence (`SEQ`) from
    /// `deserialize_any`; anything else is refused with what it is, in serde's words.
    struct Only<V, const KIND: bool>(V);

    impl<'de, V: Visitor<'de>, const KIND: bool> Visitor<'de> for Only<V, KIND> {
        type Value = V::Value;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            self.0.expecting(f)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            if KIND == MAP {
                self.0.visit_map(Wrap(map))
            } else {
                Err(de::Error::invalid_type(de::Unexpected::Map, &self))
            }
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            if KIND == SEQ {
                self.0.visit_seq(Wrap(seq))
            } else {
                Err(de::Error::invalid_type(de::Unexpected::Seq, &self))
            }
        }
        // serde-wasm-bindgen gives null and undefined as unit; say "null", as serde_json does.
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Err(E::invalid_type(de::Unexpected::Other("null"), &self))
        }
    }

    macro_rules! deserialize {
        ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
            fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
                self.0.$method($($arg,)* Wrap(visitor))
            }
        )*};
    }

    impl<'de, D: Deserializer<'de>> Deserializer<'de> for Strict<D> {
        type Error = D::Error;

        // A struct or a map must be an object (read key by key), a sequence an array; for
        // anything else the `Only` visitor says what was found instead.
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            _fields: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, D::Error> {
            self.0.deserialize_any(Only::<V, MAP>(visitor))
        }

        fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.0.deserialize_any(Only::<V, MAP>(visitor))
        }

        fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.0.deserialize_any(Only::<V, SEQ>(visitor))
        }

        deserialize! {
            deserialize_any(); deserialize_bool(); deserialize_i8(); deserialize_i16(); deserialize_i32();
            deserialize_i64(); deserialize_i128(); deserialize_u8(); deserialize_u16(); deserialize_u32();
            deserialize_u64(); deserialize_u128(); deserialize_f32(); deserialize_f64(); deserialize_char();
            deserialize_str(); deserialize_string(); deserialize_bytes(); deserialize_byte_buf();
            deserialize_option(); deserialize_unit(); deserialize_unit_struct(name: &'static str);
            deserialize_newtype_struct(name: &'static str); deserialize_tuple(len: usize);
            deserialize_tuple_struct(name: &'static str, len: usize);
            deserialize_enum(name: &'static str, variants: &'static [&'static str]);
            deserialize_identifier(); deserialize_ignored_any();
        }

        fn is_human_readable(&self) -> bool {
            self.0.is_human_readable()
        }
    }

    macro_rules! visit {
        ($($method:ident($ty:ty);)*) => {$(
            fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
                self.0.$method(v)
            }
        )*};
    }

    impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<V> {
        type Value = V::Value;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            self.0.expecting(f)
        }

        visit! {
            visit_bool(bool); visit_i8(i8); visit_i16(i16); visit_i32(i32); visit_i64(i64); visit_i128(i128);
            visit_u8(u8); visit_u16(u16); visit_u32(u32); visit_u64(u64); visit_u128(u128);
            visit_f32(f32); visit_f64(f64); visit_char(char); visit_str(&str); visit_borrowed_str(&'de str);
            visit_string(String); visit_bytes(&[u8]); visit_borrowed_bytes(&'de [u8]); visit_byte_buf(Vec<u8>);
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            self.0.visit_none()
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            self.0.visit_unit()
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            self.0.visit_some(Strict(d))
        }
        fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            self.0.visit_newtype_struct(Strict(d))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            self.0.visit_seq(Wrap(seq))
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            self.0.visit_map(Wrap(map))
        }
        fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
            self.0.visit_enum(Wrap(data))
        }
    }

    impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Wrap<S> {
        type Value = S::Value;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
            self.0.deserialize(Strict(d))
        }
    }

    impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Wrap<A> {
        type Error = A::Error;
        fn next_element_seed<T: DeserializeSeed<'de>>(
            &mut self,
            seed: T,
        ) -> Result<Option<T::Value>, A::Error> {
            self.0.next_element_seed(Wrap(seed))
        }
        fn size_hint(&self) -> Option<usize> {
            self.0.size_hint()
        }
    }

    impl<'de, A: MapAccess<'de>> MapAccess<'de> for Wrap<A> {
        type Error = A::Error;
        fn next_key_seed<K: DeserializeSeed<'de>>(
            &mut self,
            seed: K,
        ) -> Result<Option<K::Value>, A::Error> {
            self.0.next_key_seed(Wrap(seed))
        }
        fn next_value_seed<T: DeserializeSeed<'de>>(
            &mut self,
            seed: T,
        ) -> Result<T::Value, A::Error> {
            self.0.next_value_seed(Wrap(seed))
        }
        fn size_hint(&self) -> Option<usize> {
            self.0.size_hint()
        }
    }

    impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for Wrap<A> {
        type Error = A::Error;
        type Variant = Wrap<A::Variant>;
        fn variant_seed<T: DeserializeSeed<'de>>(
            self,
            seed: T,
        ) -> Result<(T::Value, Self::Variant), A::Error> {
            self.0
                .variant_seed(Wrap(seed))
                .map(|(value, variant)| (value, Wrap(variant)))
        }
    }

    impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Wrap<A> {
        type Error = A::Error;
        fn unit_variant(self) -> Result<(), A::Error> {
            self.0.unit_variant()
        }
        fn newtype_variant_seed<T: DeserializeSeed<'de>>(
            self,
            seed: T,
        ) -> Result<T::Value, A::Error> {
            self.0.newtype_variant_seed(Wrap(seed))
        }
        fn tuple_variant<V: Visitor<'de>>(
            self,
            len: usize,
            visitor: V,
        ) -> Result<V::Value, A::Error> {
            self.0.tuple_variant(len, Wrap(visitor))
        }
        fn struct_variant<V: Visitor<'de>>(
            self,
            fields: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, A::Error> {
            self.0.struct_variant(fields, Wrap(visitor))
        }
    }
}
