//! Errors from loading and validating catalogs and overlays.

use std::fmt;

use crate::NodeKind;
use crate::id::{ControlId, FrameworkId};

/// The error returned when a catalog, text overlay or other data file cannot be loaded.
///
/// Every variant names its origin (the file path, or a label such as `<string>` or
/// `built-in coso`), and says where and what is wrong:
///
/// ```
/// use ctrlmap::{Catalog, LoadError};
///
/// let err = Catalog::from_json_str("{\n  \"framework\": 1\n}").unwrap_err();
/// assert!(matches!(err, LoadError::Syntax { line: 2, .. }));
/// assert!(err.to_string().starts_with("<string>:2:"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The file could not be read.
    #[error("{origin}: cannot read: {source}")]
    Io {
        /// The file.
        origin: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The text is not valid UTF-8 JSON of the expected shape (bad syntax, a missing or unknown
    /// field, a value of the wrong type, or an identifier that does not parse).
    #[error("{origin}:{line}:{column}: {message}")]
    Syntax {
        /// The file or label.
        origin: String,
        /// The line (from 1) where the problem was found.
        line: usize,
        /// The column (from 1) where the problem was found.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The input is larger than the [`Limits`](crate::load::Limits) of the load allow.
    #[error(
        "{origin}: the {what} exceeds the limit of {limit}; raise it with ctrlmap_core::load::Limits if the input is trusted"
    )]
    LimitExceeded {
        /// The file or label.
        origin: String,
        /// What is counted: `file size in bytes`, `number of nodes`, ...
        what: &'static str,
        /// The limit.
        limit: u64,
    },
    /// The document is well formed but breaks the format's rules; every problem found is
    /// listed.
    #[error("{origin}: {}", ProblemList(problems))]
    Invalid {
        /// The file or label.
        origin: String,
        /// Every problem found, in document order.
        problems: Vec<Problem>,
    },
}

impl LoadError {
    /// The file path or label the error is about.
    pub fn origin(&self) -> &str {
        match self {
            Self::Io { origin, .. }
            | Self::Syntax { origin, .. }
            | Self::LimitExceeded { origin, .. }
            | Self::Invalid { origin, .. } => origin,
        }
    }

    /// The validation problems, empty unless this is [`LoadError::Invalid`].
    pub fn problems(&self) -> &[Problem] {
        match self {
            Self::Invalid { problems, .. } => problems,
            _ => &[],
        }
    }
}

struct ProblemList<'a>(&'a [Problem]);

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

/// One rule that a document breaks. Each names the JSON path and the id involved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    /// The catalog has no nodes.
    #[error("nodes: the catalog has no nodes; add at least one")]
    NoNodes,
    /// Two nodes have the same id.
    #[error(
        "nodes[{index}]: duplicate id {id:?}, first defined at nodes[{first}]; ids must be unique"
    )]
    DuplicateId {
        /// The repeated id.
        id: ControlId,
        /// Where it was first defined.
        first: usize,
        /// Where it appears again.
        index: usize,
    },
    /// A node of a catalog extension has the id (or alias) of a node of the catalog it
    /// extends.
    #[error(
        "nodes[{index}]: {id:?} is already a node of the catalog being extended; extensions add new nodes only"
    )]
    AlreadyDefined {
        /// The id.
        id: ControlId,
        /// Its position in the extension.
        index: usize,
    },
    /// A node names a parent that no node has as its id.
    #[error("nodes[{index}] {id:?}: parent {parent:?} is not a node of this catalog{}", did_you_mean(suggestion.as_ref()))]
    UnknownParent {
        /// The node.
        id: ControlId,
        /// Its position.
        index: usize,
        /// The parent it names.
        parent: ControlId,
        /// The closest existing id, if one is close.
        suggestion: Option<ControlId>,
    },
    /// Following parents from a node leads back to it.
    #[error(
        "nodes[{index}] {id:?}: parents form a cycle ({}); a node cannot be its own ancestor",
        cycle_path(cycle)
    )]
    Cycle {
        /// The first node of the cycle in document order.
        id: ControlId,
        /// Its position.
        index: usize,
        /// The nodes of the cycle, each the parent of the one before, ending where it starts.
        cycle: Vec<ControlId>,
    },
    /// A node's title is empty or only white space.
    #[error("nodes[{index}] {id:?}: title is empty; give the node its short title")]
    EmptyTitle {
        /// The node.
        id: ControlId,
        /// Its position.
        index: usize,
    },
    /// A text field that must say something is empty or only white space.
    #[error("{path}: is empty; remove the field or give it text")]
    EmptyField {
        /// The JSON path of the field, such as `framework.name` or `nodes[3].summary`.
        path: String,
    },
    /// A property name does not follow the token syntax.
    #[error(
        "{path}: property name {name:?} is not a token (a letter or '_', then letters, digits, '.', '-' or '_')"
    )]
    InvalidPropertyName {
        /// The JSON path of the property.
        path: String,
        /// The name.
        name: String,
    },
    /// A node is deeper in the tree than the limits allow.
    #[error(
        "nodes[{index}] {id:?}: has {depth} ancestors, more than the limit of {max}; flatten the tree or raise Limits::max_depth"
    )]
    TooDeep {
        /// The node.
        id: ControlId,
        /// Its position.
        index: usize,
        /// Its number of ancestors.
        depth: usize,
        /// The limit.
        max: usize,
    },
    /// An `alias` property is not a valid id, or is already a node's id or another node's
    /// alias.
    #[error(
        "{path}: alias {alias:?} is not a valid control id or is already taken by an id or another alias"
    )]
    BadAlias {
        /// The JSON path of the property value.
        path: String,
        /// The alias.
        alias: String,
    },
    /// An extension adds a regulation-kind node (a section, standard, specification, element,
    /// …) to a catalog whose text is public law, as published.
    #[error(
        "nodes[{index}] {id:?}: a node of kind {kind} cannot be added to a catalog of published law; add your organization's own requirements as a catalog of their own, or as `control` or `requirement_statement` nodes"
    )]
    ExtendsPublishedText {
        /// The node's id.
        id: ControlId,
        /// Its position in the extension.
        index: usize,
        /// Its kind.
        kind: NodeKind,
    },
    /// An `element_of` property names no node of the catalog.
    #[error(
        "{path}: element_of {value:?} is not a node of this catalog; name the requirement's id"
    )]
    BadElementOf {
        /// The JSON path of the property value.
        path: String,
        /// The value.
        value: String,
    },
    /// A text overlay or catalog extension is for another framework than the catalog it is
    /// applied to.
    #[error("framework: the file is for {overlay:?} but the catalog is {catalog:?}")]
    WrongFramework {
        /// The framework the overlay names.
        overlay: FrameworkId,
        /// The catalog's framework.
        catalog: FrameworkId,
    },
    /// A text overlay would replace text the catalog ships as public domain (such as HIPAA's
    /// regulation text): overlays add licensed text, they do not rewrite public text.
    #[error(
        "texts.{id}: {id:?} already has the public-domain text the {framework} catalog ships; an overlay adds licensed text and may not replace it"
    )]
    ReplacesPublicText {
        /// The catalog's framework.
        framework: FrameworkId,
        /// The node.
        id: ControlId,
    },
    /// A selection's id is blank-titled, or already a node's id or another selection's.
    #[error("selections[{index}] {id:?}: {reason}")]
    BadSelection {
        /// Its position among the selections.
        index: usize,
        /// Its id.
        id: ControlId,
        /// What is wrong.
        reason: &'static str,
    },
    /// A selection lists an id that is not a node of the catalog, or lists one twice.
    #[error("selections[{index}] {selection:?}: {control:?} {}{}", selection_problem(*repeated), did_you_mean(suggestion.as_ref()))]
    BadSelectionControl {
        /// The selection's position among the selections.
        index: usize,
        /// The selection's id.
        selection: ControlId,
        /// The id listed.
        control: ControlId,
        /// Whether the problem is that it is listed twice (else it is unknown).
        repeated: bool,
        /// The closest existing id, if one is close.
        suggestion: Option<ControlId>,
    },
    /// A text overlay names an id that the catalog does not have.
    #[error("texts.{id}: {id:?} is not a node of the {framework} catalog{}", did_you_mean(suggestion.as_ref()))]
    UnknownId {
        /// The catalog's framework.
        framework: FrameworkId,
        /// The unknown id.
        id: ControlId,
        /// The closest existing id, if one is close.
        suggestion: Option<ControlId>,
    },
}

fn selection_problem(repeated: bool) -> &'static str {
    if repeated {
        "is listed twice"
    } else {
        "is not a node of this catalog"
    }
}

fn did_you_mean(suggestion: Option<&ControlId>) -> String {
    suggestion
        .map(|s| format!(" (did you mean {:?}?)", s.as_str()))
        .unwrap_or_default()
}

fn cycle_path(cycle: &[ControlId]) -> String {
    cycle
        .iter()
        .map(ControlId::as_str)
        .collect::<Vec<_>>()
        .join(" -> ")
}
