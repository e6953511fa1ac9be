//! The JSON Schemas of ctrlmap's public data formats.
//!
//! Programs in any language can validate ctrlmap files against these schemas; the same files
//! are committed under `schemas/` in the repository, and a test fails if they drift from the
//! types. They use JSON Schema draft 2020-12 and only regex features that ECMA-262, Rust and
//! Python's `re` share.
//!
//! ```
//! let catalog = ctrlmap::schema::get("catalog").ok_or("a known schema")?;
//! assert_eq!(catalog.file(), "catalog.schema.json");
//! assert!(catalog.to_json_string().contains("\"$schema\""));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[doc(no_inline)]
pub use schemars::Schema;

pub use ctrlmap_core::schema::{
    DIALECT, catalog, catalog_extension, generate, text_overlay, to_pretty_json,
};
pub use ctrlmap_crosswalk::schema::{
    applicability, coverage_report, crosswalk_export, mapping_set,
};

/// One public data format's schema.
#[derive(Debug, Clone, Copy)]
pub struct SchemaInfo {
    name: &'static str,
    file: &'static str,
    description: &'static str,
    generate: fn() -> Schema,
}

impl SchemaInfo {
    /// The format's name, as `ctrlmap schema <name>` takes it: `catalog`, `text-overlay`,
    /// `soc2-engagement`, `hitrust-assessment`, `hipaa-addressable-decisions`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The file name under `schemas/`, such as `catalog.schema.json`.
    pub fn file(&self) -> &'static str {
        self.file
    }

    /// What files of this format contain.
    pub fn description(&self) -> &'static str {
        self.description
    }

    /// Generates the schema.
    pub fn schema(&self) -> Schema {
        (self.generate)()
    }

    /// The schema as pretty-printed JSON with a final newline, exactly as committed.
    pub fn to_json_string(&self) -> String {
        ctrlmap_core::schema::to_pretty_json(&self.schema())
    }
}

/// Every public format, in a stable order.
pub const ALL: &[SchemaInfo] = &[
    SchemaInfo {
        name: "catalog",
        file: "catalog.schema.json",
        description: "A framework catalog: metadata, sources, licence and the tree of nodes",
        generate: ctrlmap_core::schema::catalog,
    },
    SchemaInfo {
        name: "text-overlay",
        file: "text-overlay.schema.json",
        description: "Full texts by node id, for users who hold a licence to a publisher's prose",
        generate: ctrlmap_core::schema::text_overlay,
    },
    SchemaInfo {
        name: "catalog-extension",
        file: "catalog-extension.schema.json",
        description: "New nodes for a catalog, such as licensed HITRUST requirement statements",
        generate: ctrlmap_core::schema::catalog_extension,
    },
    SchemaInfo {
        name: "mapping-set",
        file: "mapping-set.schema.json",
        description: "Mappings from one framework's controls to another's, with relationship, rationale, strength and provenance",
        generate: ctrlmap_crosswalk::schema::mapping_set,
    },
    SchemaInfo {
        name: "coverage-report",
        file: "coverage-report.schema.json",
        description: "Coverage of a target framework by the controls or frameworks an organization holds",
        generate: ctrlmap_crosswalk::schema::coverage_report,
    },
    SchemaInfo {
        name: "readiness-report",
        file: "readiness-report.schema.json",
        description: "A coverage report with its title, assumptions, legend, counts per section and gap list (the CLI's coverage JSON)",
        generate: crate::schema::readiness_report,
    },
    SchemaInfo {
        name: "applicability",
        file: "applicability.schema.json",
        description: "Requirements of a target framework that do not apply to an organization, each with its reason",
        generate: ctrlmap_crosswalk::schema::applicability,
    },
    SchemaInfo {
        name: "crosswalk-export",
        file: "crosswalk-export.schema.json",
        description: "Every control and mapping of a crosswalk",
        generate: ctrlmap_crosswalk::schema::crosswalk_export,
    },
    #[cfg(feature = "soc2")]
    SchemaInfo {
        name: "soc2-engagement",
        file: "soc2-engagement.schema.json",
        description: "A SOC 2 report held: categories in scope, report type and period, system and boundary, subservice organizations, complementary user entity controls, exceptions and opinion",
        generate: ctrlmap_core::schema::generate::<ctrlmap_soc2::Engagement>,
    },
    #[cfg(feature = "hitrust")]
    SchemaInfo {
        name: "hitrust-assessment",
        file: "hitrust-assessment.schema.json",
        description: "A HITRUST assessment held: its type, report date, certification and the scores of its control references",
        generate: ctrlmap_core::schema::generate::<ctrlmap_hitrust::HeldAssessment>,
    },
    #[cfg(feature = "hipaa")]
    SchemaInfo {
        name: "hipaa-addressable-decisions",
        file: "hipaa-addressable-decisions.schema.json",
        description: "Documented decisions on HIPAA's addressable implementation specifications, by citation",
        generate: ctrlmap_core::schema::generate::<ctrlmap_hipaa::AddressableDecisions>,
    },
];

/// The schema with this name.
pub fn get(name: &str) -> Option<&'static SchemaInfo> {
    ALL.iter().find(|s| s.name == name)
}

/// The schema names, for messages and completions.
pub fn names() -> impl Iterator<Item = &'static str> {
    ALL.iter().map(|s| s.name)
}

/// The schema of a readiness report (`schemas/readiness-report.schema.json`).
pub fn readiness_report() -> Schema {
    ctrlmap_core::schema::generate::<crate::report::ReadinessReport>()
}
