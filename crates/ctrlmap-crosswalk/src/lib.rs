//! The crosswalk: controls of every loaded framework, linked by typed relationships.
//!
//! Relationships follow the set-theory model of NIST IR 8477, read "source R target" (the
//! OLIR direction): [`Relationship::Equal`], [`Relationship::SubsetOf`] (the source is
//! narrower), [`Relationship::SupersetOf`], [`Relationship::IntersectsWith`] and
//! [`Relationship::NotRelated`]. These five are the base relations of the region connection
//! calculus RCC-5, so chains of mappings compose soundly: [`Relationship::compose`] gives the
//! exact set of relations that can hold between the ends ([`RelationshipSet`]).
//!
//! A [`Crosswalk`] is built from catalogs ([`ctrlmap_core::Catalog`]) and mapping sets
//! ([`MappingSet`], a public JSON format). It answers direct and inferred mapping queries
//! with the path that explains each answer, full tables between two frameworks, and coverage
//! ("we hold SOC 2: what of HIPAA is covered?"), and exports to JSON, DOT, GraphML and CSV.
//!
//! The crate knows no framework by name; see the `ctrlmap` facade for the built-in data.
//!
//! # Reading a coverage answer
//! Holding a control that is equal to or a superset of a requirement satisfies it; subset and
//! intersects satisfy it only in part. A requirement is covered when some chain of mappings
//! proves the held control equal or a superset, and partial when some chain proves an
//! overlap; composition never claims more than the mappings prove.

mod coverage;
mod error;
mod export;
mod graph;
mod mapping;
mod relationship;
pub mod schema;

pub use coverage::{
    Applicability, ApplicabilityDocument, ApplicabilityError, CoverageError, CoverageOptions,
    CoverageReport, CoverageRow, CoverageStatus, DEFAULT_MAX_HOPS, ElementRow, Excluded, HeldLimit,
    HeldReport, HeldScope, Holding, Justification, LevelTotals, LimitKind, NotApplicable,
    NotAssessed, Rollup, ScopeGroup, Totals,
};
pub use error::{MappingError, MappingProblem};
pub use export::{CrosswalkExport, ExportedControl};
pub use graph::{
    Crosswalk, DEFAULT_MAX_PATHS, DEFAULT_MAX_REPORT_PATHS, Disagreement, Inferences, Inferred,
    MAX_HOPS, Mapping, QueryError,
};
pub use mapping::{
    Confidence, MAX_STRENGTH, MappingRow, MappingSet, MappingSetDocument, Method, Provenance,
    Rationale, Unmapped,
};
pub use relationship::{Relationship, RelationshipSet};
