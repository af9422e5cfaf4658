//! The serde-wasm-bindgen conversions, built only for the benchmark (bench/node/run): a
//! body read straight from a JavaScript value, and a report returned as JavaScript
//! objects. The module also exports the package's own entry points (this crate links
//! preflight-wasm), so one build compares both. The package uses JSON text both ways, which measured
//! faster (docs/benchmarks.md).

use std::fmt;

use preflight::{Object, Value};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use wasm_bindgen::prelude::*;

use preflight_wasm::{read_options, Outcome};

struct Owned(Value<'static>);

impl<'de> Deserialize<'de> for Owned {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor).map(Owned)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value<'static>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Value::Null)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Value::Number(v as f64))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Value::Number(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Value::from(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Value::from(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Owned(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut object = Object::new();
        while let Some((key, Owned(value))) = map.next_entry::<String, Owned>()? {
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// `check` of a JavaScript value read by serde-wasm-bindgen; the report as JSON text.
#[wasm_bindgen]
pub fn check_object_swb(body: JsValue, options: Option<String>) -> Outcome {
    let options = read_options(options)?;
    let Owned(value) = serde_wasm_bindgen::from_value(body).map_err(|e| e.to_string())?;
    Ok(preflight::check_value(&value, &options).to_json())
}

/// `check` of JSON text; the report as JavaScript objects built by serde-wasm-bindgen.
#[wasm_bindgen]
pub fn check_text_swb(text: &str, options: Option<String>) -> Result<JsValue, String> {
    let options = read_options(options)?;
    let report = preflight::check(text, &options);
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&report, &serializer).map_err(|e| e.to_string())
}
