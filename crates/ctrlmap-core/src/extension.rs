//! Catalog extensions: nodes a user adds to a catalog from their own file.
//!
//! HITRUST's requirement statements are licensed text that ctrlmap does not ship; a licensed
//! user adds them as `requirement_statement` nodes under the control references. The same
//! mechanism serves any framework: an extension's nodes are validated like a catalog's, with
//! parents that may be nodes of the catalog being extended, and applied all or nothing.
//!
//! ```
//! use ctrlmap::{Catalog, CatalogExtension};
//!
//! let mut catalog = Catalog::from_json_str(r#"{
//!   "framework": { "id": "demo", "name": "Demo", "version": "1", "publisher": "Us",
//!                  "licence": { "kind": "summaries_only", "notice": "(c) Us" } },
//!   "nodes": [ { "id": "01.a", "kind": "control_reference", "title": "Access Control Policy" } ]
//! }"#)?;
//! let extension = CatalogExtension::from_json_str(r#"{
//!   "framework": "demo",
//!   "nodes": [ { "id": "01.a-RS1", "kind": "requirement_statement", "title": "Policy approved",
//!                "parent": "01.a", "assessable": true } ]
//! }"#)?;
//! catalog.extend(&extension)?;
//! assert_eq!(catalog.get("01.a").map(|n| n.children().count()), Some(1));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::Read;
use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::LoadError;
use crate::id::FrameworkId;
use crate::load;
use crate::model::{Node, SourceDocument};

/// A catalog extension file: new nodes for one framework's catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "ctrlmap catalog extension")]
#[non_exhaustive]
pub struct CatalogExtensionDocument {
    /// The JSON Schema this document follows (a hint for editors; not checked).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The framework whose catalog the nodes extend.
    pub framework: FrameworkId,
    /// Where the nodes come from (for licensed text, the licensed publication).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceDocument>,
    /// The new nodes, in document order; their parents may be nodes of the catalog.
    pub nodes: Vec<Node>,
}

impl CatalogExtensionDocument {
    /// A document of `nodes` for `framework`, with no source and no `$schema` hint.
    pub fn new(framework: FrameworkId, nodes: Vec<Node>) -> Self {
        Self {
            schema: None,
            framework,
            source: None,
            nodes,
        }
    }
}

/// A parsed catalog extension, ready for [`Catalog::extend`](crate::Catalog::extend).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogExtension {
    doc: CatalogExtensionDocument,
    origin: String,
}

impl CatalogExtension {
    /// Wraps a document. `origin` labels it in errors. The nodes are validated when the
    /// extension is applied, against the catalog it extends.
    pub fn from_document(doc: CatalogExtensionDocument, origin: &str) -> Self {
        Self {
            doc,
            origin: origin.to_owned(),
        }
    }

    /// Parses an extension from JSON text.
    ///
    /// # Errors
    /// [`LoadError::Syntax`] for malformed JSON, unknown fields or bad identifiers.
    pub fn from_json_str(text: &str) -> Result<Self, LoadError> {
        Self::from_json_str_with_origin(text, load::STRING_ORIGIN)
    }

    /// As [`CatalogExtension::from_json_str`], naming the document `origin` in errors.
    ///
    /// # Errors
    /// As [`CatalogExtension::from_json_str`].
    pub fn from_json_str_with_origin(text: &str, origin: &str) -> Result<Self, LoadError> {
        Ok(Self::from_document(load::from_str(text, origin)?, origin))
    }

    /// As [`CatalogExtension::from_json_str_with_origin`], within `limits` (text size and
    /// nesting).
    ///
    /// # Errors
    /// As [`CatalogExtension::from_json_str`], and [`LoadError::LimitExceeded`].
    pub fn from_json_str_with_limits(
        text: &str,
        origin: &str,
        limits: &load::Limits,
    ) -> Result<Self, LoadError> {
        Ok(Self::from_document(
            load::from_str_limited(text, origin, limits)?,
            origin,
        ))
    }

    /// Reads and parses an extension from a reader.
    ///
    /// # Errors
    /// [`LoadError::Io`] if reading fails, otherwise as [`CatalogExtension::from_json_str`].
    pub fn from_reader(reader: impl Read, origin: &str) -> Result<Self, LoadError> {
        Ok(Self::from_document(
            load::from_reader(reader, origin)?,
            origin,
        ))
    }

    /// Reads and parses an extension file. Errors name the path.
    ///
    /// # Errors
    /// [`LoadError::Io`] if the file cannot be read, otherwise as
    /// [`CatalogExtension::from_json_str`].
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self, LoadError> {
        let path = path.as_ref();
        Ok(Self::from_document(
            load::from_path(path)?,
            &path.display().to_string(),
        ))
    }

    /// The framework the extension is for.
    pub fn framework(&self) -> &FrameworkId {
        &self.doc.framework
    }

    /// The new nodes.
    pub fn nodes(&self) -> &[Node] {
        &self.doc.nodes
    }

    /// Where the extension came from, as used in errors.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The underlying document.
    pub fn document(&self) -> &CatalogExtensionDocument {
        &self.doc
    }
}
