//! The shared vocabulary of [ctrlmap]: identifiers, the catalog tree, loading, validation and
//! text overlays.
//!
//! Every framework crate (COSO, SOC 2, HIPAA, HITRUST) describes its framework as a
//! [`Catalog`]: framework metadata and a tree of [`Node`]s in document order, read from a JSON
//! file in the public catalog format. Built-in catalogs and users' own files take the same
//! path through [`load`] and the same validation.
//!
//! ```
//! use ctrlmap::{Catalog, ControlRef, NodeKind};
//!
//! let catalog = Catalog::from_json_str(r#"{
//!   "framework": { "id": "acme", "name": "ACME Controls", "version": "2024",
//!                  "publisher": "ACME", "licence": { "kind": "public_domain" } },
//!   "nodes": [
//!     { "id": "AC", "kind": "category", "title": "Access control" },
//!     { "id": "AC-1", "kind": "control", "title": "Unique user ids", "parent": "AC",
//!       "assessable": true }
//!   ]
//! }"#)?;
//!
//! let r: ControlRef = "acme:AC-1".parse()?;
//! let node = catalog.resolve(&r).ok_or("AC-1 is in the catalog")?;
//! assert_eq!(node.kind, NodeKind::Control);
//! assert_eq!(node.parent().map(|p| p.id.to_string()), Some("AC".to_owned()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What is here
//! - [`FrameworkId`], [`ControlId`] and [`ControlRef`]: validated identifiers with strict
//!   [`FromStr`](std::str::FromStr), canonical [`Display`](std::fmt::Display) and serde as
//!   strings.
//! - [`Catalog`] and [`NodeRef`]: O(1) lookup, parent, children, ancestors, descendants,
//!   depth, assessable nodes, document order.
//! - [`LoadError`] and [`Problem`]: syntax errors carry line and column; validation reports
//!   every problem, not just the first.
//! - [`TextOverlay`]: the publisher's full text for licensed users, applied all or nothing.
//! - [`CatalogExtension`]: new nodes from a user's file (such as HITRUST requirement
//!   statements), validated against the catalog they extend and applied all or nothing.
//! - [`schema`]: the JSON Schemas of the formats, generated from these types.
//!
//! # Crate features
//! None: this crate always has everything it needs.
//!
//! [ctrlmap]: https://docs.rs/ctrlmap

mod catalog;
mod date;
mod error;
pub mod escape;
mod extension;
mod id;
pub mod load;
mod model;
mod overlay;
pub mod schema;
pub mod suggest;

pub use catalog::{
    ADDED_BY_PROP, ALIAS_PROP, Catalog, Descendants, ELEMENT_OF_PROP, ELEMENT_SOURCE_PROP,
    ELEMENTS_NOTE_PROP, ELEMENTS_PROP, GUIDANCE_PROP, INCORPORATED_INTO_PROP, INFORMATIVE_PROP,
    MOVED_TO_PROP, NodeRef, Nodes, STATUS_PROP, TEXT_SOURCE, WITHDRAWN,
};
pub use date::{PUBLICATION_DATE_PATTERN, ParseDateError, PublicationDate};
pub use error::{LoadError, Problem};
pub use extension::{CatalogExtension, CatalogExtensionDocument};
pub use id::{
    CONTROL_ID_PATTERN, CONTROL_REF_PATTERN, ControlId, ControlRef, FRAMEWORK_ID_PATTERN,
    FrameworkId, IdErrorReason, MAX_CONTROL_ID_LEN, MAX_FRAMEWORK_ID_LEN, MappingSetId,
    ParseIdError,
};
pub use model::{
    CatalogDocument, FrameworkInfo, Node, NodeKind, Property, Selection, SourceDocument,
    TextLicence,
};
pub use overlay::{TextOverlay, TextOverlayDocument};
