//! JSON Schemas of the crosswalk's public formats.

use schemars::Schema;

/// The schema of a mapping set file (`schemas/mapping-set.schema.json`).
pub fn mapping_set() -> Schema {
    ctrlmap_core::schema::generate::<crate::MappingSetDocument>()
}

/// The schema of a coverage report (`schemas/coverage-report.schema.json`).
pub fn coverage_report() -> Schema {
    ctrlmap_core::schema::generate::<crate::CoverageReport>()
}

/// The schema of a crosswalk export (`schemas/crosswalk-export.schema.json`).
pub fn crosswalk_export() -> Schema {
    ctrlmap_core::schema::generate::<crate::CrosswalkExport>()
}

/// The schema of an applicability file (`schemas/applicability.schema.json`).
pub fn applicability() -> Schema {
    ctrlmap_core::schema::generate::<crate::ApplicabilityDocument>()
}
