//! Errors from loading mapping sets and building the crosswalk.

use std::fmt;

use ctrlmap_core::{ControlRef, FrameworkId, LoadError, MappingSetId};

use crate::relationship::Relationship;

/// The error returned when a mapping set or catalog cannot be loaded into the crosswalk.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MappingError {
    /// The file could not be read or parsed.
    #[error(transparent)]
    Load(LoadError),
    /// The document breaks the rules; every problem found is listed, and nothing was added.
    #[error("{origin}: {}", ProblemList(problems))]
    Invalid {
        /// The file or label.
        origin: String,
        /// Every problem, in document order.
        problems: Vec<MappingProblem>,
    },
}

impl MappingError {
    /// The validation problems, empty unless this is [`MappingError::Invalid`].
    pub fn problems(&self) -> &[MappingProblem] {
        match self {
            Self::Invalid { problems, .. } => problems,
            Self::Load(_) => &[],
        }
    }
}

struct ProblemList<'a>(&'a [MappingProblem]);

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            [one] => write!(f, "{one}"),
            many => {
                write!(f, "{} problems: ", many.len())?;
                for (i, p) in many.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{p}")?;
                }
                Ok(())
            }
        }
    }
}

/// One rule a mapping set or catalog breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MappingProblem {
    /// A text field is empty.
    #[error("{path}: is empty; give it text")]
    EmptyField {
        /// The JSON path.
        path: String,
    },
    /// A row's control is not in the framework the set declares for that side.
    #[error("{}[{row}]: {reference} is not in {expected}, the set's {field} framework", if *.field == "unmapped" { "unmapped" } else { "mappings" })]
    WrongFramework {
        /// The row.
        row: usize,
        /// `source` or `target`.
        field: &'static str,
        /// The control.
        reference: ControlRef,
        /// The declared framework.
        expected: FrameworkId,
    },
    /// A strength above 10.
    #[error("mappings[{row}].strength: {strength} is out of range; use 0 to 10")]
    StrengthOutOfRange {
        /// The row.
        row: usize,
        /// The strength given.
        strength: u8,
    },
    /// A row maps a control to itself.
    #[error("mappings[{row}]: maps {reference} to itself")]
    SelfMapping {
        /// The row.
        row: usize,
        /// The control.
        reference: ControlRef,
    },
    /// Two mappings of the same pair say different things (such as `A equal B` and `A subset_of
    /// B`, or `A subset_of B` and `B subset_of A`).
    #[error(
        "mappings[{row}]: {from} {relationship} {to} contradicts {conflicts_with}, which says {from} {existing} {to}"
    )]
    Contradiction {
        /// The row.
        row: usize,
        /// Its source.
        from: ControlRef,
        /// Its target.
        to: ControlRef,
        /// What it says.
        relationship: Relationship,
        /// Where the other mapping is (`mappings[3]`, or `set hipaa-soc2`).
        conflicts_with: String,
        /// What the other mapping says, read in this row's direction.
        existing: Relationship,
    },
    /// A row names a control that no loaded catalog has.
    #[error("{}: {reference} is not a control of the loaded {}{}", if *.field == "unmapped" { format!("unmapped[{row}]") } else { format!("mappings[{row}].{field}") }, .reference.framework(), .suggestion.as_ref().map(|s| format!(" catalog (did you mean {s}?)")).unwrap_or_else(|| " catalog".to_owned()))]
    DanglingRef {
        /// The row.
        row: usize,
        /// `source` or `target`.
        field: &'static str,
        /// The control.
        reference: ControlRef,
        /// The closest existing control, if one is close.
        suggestion: Option<ControlRef>,
    },
    /// The set's framework has no catalog loaded.
    #[error("{field}: no catalog of framework {framework} is loaded; add it first")]
    UnknownFramework {
        /// `source_framework` or `target_framework`.
        field: &'static str,
        /// The framework.
        framework: FrameworkId,
    },
    /// A control is listed as unmapped but the set maps it.
    #[error("unmapped[{index}]: {reference} is listed as unmapped but the set maps it")]
    MappedAndUnmapped {
        /// Its position in `unmapped`.
        index: usize,
        /// The control.
        reference: ControlRef,
    },
    /// A catalog of this framework is already loaded.
    #[error("a catalog of framework {framework} is already loaded")]
    CatalogAlreadyLoaded {
        /// The framework.
        framework: FrameworkId,
    },
    /// A mapping set with this id is already loaded.
    #[error("mapping set {id} is already loaded")]
    SetAlreadyLoaded {
        /// The set's id.
        id: MappingSetId,
    },
}
