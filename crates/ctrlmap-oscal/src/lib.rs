//! OSCAL interoperability: ctrlmap catalogs and mapping sets in and out of NIST's Open
//! Security Controls Assessment Language.
//!
//! - [`catalog_to_json`] writes any catalog as an OSCAL 1.2.1 catalog;
//!   [`catalog_from_json`] reads OSCAL 1.0, 1.1 and 1.2 catalogs (NIST SP 800-53, NIST CSF,
//!   ...) as ctrlmap catalogs.
//! - [`mapping_set_to_json`] writes a mapping set as an OSCAL 1.2.1 `mapping-collection`;
//!   [`mapping_set_from_json`] reads one back.
//! - [`detect`] tells which kind of OSCAL document a text is.
//!
//! Exports use UUIDs derived from the framework and ids (version 5, in a fixed ctrlmap
//! namespace), so the same input always exports the same document. Facts OSCAL has no field
//! for (a node's original id when it is not an OSCAL token, whether a control is assessable,
//! a mapping's strength, a framework id) travel as props in the ctrlmap namespace
//! [`CTRLMAP_NS`], so import → export → import gives back the same catalog or mapping set.
//!
//! ```
//! use ctrlmap::Catalog;
//!
//! let catalog = Catalog::from_json_str(r#"{
//!   "framework": { "id": "demo", "name": "Demo", "version": "1", "publisher": "Us",
//!                  "licence": { "kind": "public_domain" } },
//!   "nodes": [ { "id": "A", "kind": "category", "title": "Access" },
//!              { "id": "A.1", "kind": "control", "title": "Accounts", "parent": "A", "assessable": true } ]
//! }"#)?;
//! let oscal = ctrlmap::oscal::catalog_to_json(&catalog);
//! let back = ctrlmap::oscal::catalog_from_json(&oscal, "demo.oscal.json", None)?;
//! assert_eq!(back, catalog);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod catalog;
mod error;
mod mapping;
mod model;

pub use catalog::{
    INCORPORATED_INTO_PROP, MOVED_TO_PROP, OSCAL_VERSION, catalog_from_json, catalog_to_json,
};
pub use error::OscalError;
pub use mapping::{
    mapping_set_from_json, mapping_set_to_json, relationship_from_token, relationship_token,
};
pub use model::CTRLMAP_NS;

/// The kinds of OSCAL document ctrlmap reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OscalKind {
    /// A catalog (`{"catalog": ...}`).
    Catalog,
    /// A mapping collection (`{"mapping-collection": ...}`).
    MappingCollection,
}

/// Which kind of OSCAL document a JSON text is, from its top-level key, without parsing the
/// whole document.
///
/// ```
/// use ctrlmap::oscal::{OscalKind, detect};
/// assert_eq!(detect(r#"{ "catalog": { "uuid": "x" } }"#), Some(OscalKind::Catalog));
/// assert_eq!(detect(r#"{ "framework": {} }"#), None);
/// ```
pub fn detect(text: &str) -> Option<OscalKind> {
    // The first key of the top-level object decides; OSCAL documents have exactly one
    // (besides an optional "$schema").
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rest = text.trim_start().strip_prefix('{')?;
    loop {
        rest = rest.trim_start();
        let key_end = rest.strip_prefix('"')?.find('"')?;
        let key = rest.get(1..=key_end)?;
        match key {
            "catalog" => return Some(OscalKind::Catalog),
            "mapping-collection" => return Some(OscalKind::MappingCollection),
            "$schema" => {
                // Skip `"$schema": "..."` and the comma.
                let after = rest.get(key_end + 2..)?.trim_start().strip_prefix(':')?;
                let after = after.trim_start().strip_prefix('"')?;
                let end = after.find('"')?;
                rest = after.get(end + 1..)?.trim_start().strip_prefix(',')?;
            }
            _ => return None,
        }
    }
}
