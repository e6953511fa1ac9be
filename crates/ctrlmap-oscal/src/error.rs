//! Errors from OSCAL import.

use ctrlmap_core::LoadError;
use ctrlmap_crosswalk::MappingError;

/// The error returned when an OSCAL document cannot be imported.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OscalError {
    /// The file could not be read or is not JSON of the OSCAL shape, or the imported catalog
    /// breaks ctrlmap's rules.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The imported mapping set breaks ctrlmap's rules.
    #[error(transparent)]
    Mapping(#[from] MappingError),
    /// The OSCAL document has content ctrlmap cannot take, each problem listed.
    #[error("{origin}: {}", .problems.join("; "))]
    Invalid {
        /// The file or label.
        origin: String,
        /// Every problem found.
        problems: Vec<String>,
    },
}
