//! Text overlays: the publisher's full text, supplied by a user who holds a licence to it.
//!
//! ctrlmap ships only identifiers, official short titles and its own summaries for frameworks
//! whose prose is copyrighted (SOC 2, COSO, HITRUST). A user with a licence keeps the full text
//! in their own overlay file and applies it with
//! [`Catalog::apply_overlay`](crate::Catalog::apply_overlay):
//!
//! ```json
//! {
//!   "$schema": "https://example.invalid/text-overlay.schema.json",
//!   "framework": "coso",
//!   "texts": { "P1": "The full text of principle 1, from the licensed publication." }
//! }
//! ```

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{LoadError, Problem};
use crate::id::{ControlId, FrameworkId};
use crate::load;
use crate::model::SourceDocument;

/// A text overlay file: full texts by node id, for one framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "ctrlmap text overlay")]
#[non_exhaustive]
pub struct TextOverlayDocument {
    /// The JSON Schema this document follows (a hint for editors; not checked).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The framework whose catalog the texts belong to.
    pub framework: FrameworkId,
    /// The licensed publication the texts come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceDocument>,
    /// The full text of each node, by node id; an id given twice is an error.
    #[serde(deserialize_with = "unique_texts")]
    pub texts: BTreeMap<ControlId, String>,
}

/// The `texts` map, refusing an id given twice (JSON allows it; a silent "last one wins"
/// would hide which text applies).
fn unique_texts<'de, D>(deserializer: D) -> Result<BTreeMap<ControlId, String>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Texts;
    impl<'de> serde::de::Visitor<'de> for Texts {
        type Value = BTreeMap<ControlId, String>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map of node ids to texts")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut texts = BTreeMap::new();
            while let Some((id, text)) = map.next_entry::<ControlId, String>()? {
                if texts.contains_key(&id) {
                    return Err(serde::de::Error::custom(format!(
                        "texts: {id:?} is given twice"
                    )));
                }
                texts.insert(id, text);
            }
            Ok(texts)
        }
    }
    deserializer.deserialize_map(Texts)
}

/// A validated text overlay, ready to apply to a catalog.
///
/// Loading checks the overlay on its own (every text non-empty); applying it checks it against
/// the catalog (the framework matches, every id exists) before changing anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextOverlay {
    doc: TextOverlayDocument,
    origin: String,
}

impl TextOverlay {
    /// Validates an overlay document. `origin` labels it in errors.
    ///
    /// # Errors
    /// [`LoadError::Invalid`] listing every empty text.
    pub fn from_document(doc: TextOverlayDocument, origin: &str) -> Result<Self, LoadError> {
        let problems: Vec<Problem> = doc
            .texts
            .iter()
            .filter(|(_, text)| text.trim().is_empty())
            .map(|(id, _)| Problem::EmptyField {
                path: format!("texts.{id}"),
            })
            .collect();
        if !problems.is_empty() {
            return Err(LoadError::Invalid {
                origin: origin.to_owned(),
                problems,
            });
        }
        Ok(Self {
            doc,
            origin: origin.to_owned(),
        })
    }

    /// Parses and validates an overlay from JSON text.
    ///
    /// # Errors
    /// [`LoadError::Syntax`] for malformed JSON or ids; [`LoadError::Invalid`] for empty texts.
    pub fn from_json_str(text: &str) -> Result<Self, LoadError> {
        Self::from_json_str_with_origin(text, load::STRING_ORIGIN)
    }

    /// As [`TextOverlay::from_json_str`], naming the document `origin` in errors.
    ///
    /// # Errors
    /// As [`TextOverlay::from_json_str`].
    pub fn from_json_str_with_origin(text: &str, origin: &str) -> Result<Self, LoadError> {
        Self::from_document(load::from_str(text, origin)?, origin)
    }

    /// As [`TextOverlay::from_json_str_with_origin`], within `limits` (text size and
    /// nesting).
    ///
    /// # Errors
    /// As [`TextOverlay::from_json_str`], and [`LoadError::LimitExceeded`].
    pub fn from_json_str_with_limits(
        text: &str,
        origin: &str,
        limits: &load::Limits,
    ) -> Result<Self, LoadError> {
        Self::from_document(load::from_str_limited(text, origin, limits)?, origin)
    }

    /// Reads, parses and validates an overlay from a reader.
    ///
    /// # Errors
    /// [`LoadError::Io`] if reading fails, otherwise as [`TextOverlay::from_json_str`].
    pub fn from_reader(reader: impl Read, origin: &str) -> Result<Self, LoadError> {
        Self::from_document(load::from_reader(reader, origin)?, origin)
    }

    /// Reads, parses and validates an overlay file. Errors name the path.
    ///
    /// # Errors
    /// [`LoadError::Io`] if the file cannot be read, otherwise as
    /// [`TextOverlay::from_json_str`].
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self, LoadError> {
        let path = path.as_ref();
        Self::from_document(load::from_path(path)?, &path.display().to_string())
    }

    /// The framework the overlay is for.
    pub fn framework(&self) -> &FrameworkId {
        &self.doc.framework
    }

    /// The texts by node id, in id order.
    pub fn texts(&self) -> &BTreeMap<ControlId, String> {
        &self.doc.texts
    }

    /// Where the overlay came from (a path or a label), as used in errors.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The underlying document.
    pub fn document(&self) -> &TextOverlayDocument {
        &self.doc
    }
}
