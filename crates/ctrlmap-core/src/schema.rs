//! JSON Schemas of the public data formats.
//!
//! These are generated from the Rust types, so they cannot drift from what the loaders accept;
//! the copies committed under `schemas/` are checked against them in tests. Patterns use only
//! regex features common to ECMA-262, Rust and Python's `re`, so the schemas work unchanged in
//! validators such as Python's `jsonschema`.

use schemars::{JsonSchema, Schema, generate::SchemaSettings};

use crate::model::CatalogDocument;
use crate::overlay::TextOverlayDocument;

/// The JSON Schema of a calendar date written `YYYY-MM-DD`, for date fields of the data
/// formats (`#[schemars(with = "ctrlmap_core::schema::IsoDate")]`), whatever date type the
/// field has in Rust.
pub struct IsoDate;

impl JsonSchema for IsoDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> Schema {
        schemars::json_schema!({
            "description": "A calendar date, YYYY-MM-DD.",
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}

/// The JSON Schema dialect the generated schemas declare (draft 2020-12).
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Generates the schema of a type with ctrlmap's settings (draft 2020-12, definitions under
/// `$defs`).
pub fn generate<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// The schema of a catalog file (`schemas/catalog.schema.json`).
///
/// ```
/// let schema = ctrlmap::schema::catalog();
/// assert_eq!(schema.get("title").and_then(|t| t.as_str()), Some("ctrlmap catalog"));
/// ```
pub fn catalog() -> Schema {
    generate::<CatalogDocument>()
}

/// The schema of a text overlay file (`schemas/text-overlay.schema.json`).
pub fn text_overlay() -> Schema {
    generate::<TextOverlayDocument>()
}

/// The schema of a catalog extension file (`schemas/catalog-extension.schema.json`).
pub fn catalog_extension() -> Schema {
    generate::<crate::extension::CatalogExtensionDocument>()
}

/// Renders a schema as pretty-printed JSON with a final newline, the form committed under
/// `schemas/`.
pub fn to_pretty_json(schema: &Schema) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}
