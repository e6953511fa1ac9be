//! The catalog document format: what a catalog file contains, field by field.
//!
//! These types are the public JSON format (see `schemas/catalog.schema.json`). They carry no
//! invariants of their own; [`Catalog`](crate::Catalog) is the validated, indexed form.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::date::PublicationDate;
use crate::id::{ControlId, FrameworkId};

/// A catalog file: framework metadata and the framework's nodes in document order.
///
/// Nodes form a tree through their `parent` fields; the list order is the document order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "ctrlmap catalog")]
#[non_exhaustive]
pub struct CatalogDocument {
    /// The JSON Schema this document follows (a hint for editors; not checked).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// What framework this is, who publishes it, and where the data comes from.
    pub framework: FrameworkInfo,
    /// Every node of the framework, in document order.
    pub nodes: Vec<Node>,
    /// Named selections of the framework's controls that are not subtrees of it, such as NIST
    /// SP 800-53's LOW, MODERATE, HIGH and PRIVACY baselines. Holding a selection holds
    /// exactly the controls it lists (an enhancement is held only where it is listed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub selections: Vec<Selection>,
}

impl CatalogDocument {
    /// A document with the given metadata and nodes, no selections and no `$schema` hint.
    pub fn new(framework: FrameworkInfo, nodes: Vec<Node>) -> Self {
        Self {
            schema: None,
            framework,
            nodes,
            selections: Vec::new(),
        }
    }

    /// Adds named selections of the nodes (see [`Selection`]).
    #[must_use]
    pub fn with_selections(mut self, selections: Vec<Selection>) -> Self {
        self.selections = selections;
        self
    }
}

/// A named selection of a catalog's controls, such as a baseline (NIST SP 800-53's MODERATE
/// baseline, `sp800-53:moderate`): a set, not a subtree, so a control may be in several.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Selection {
    /// Its id, unique among the catalog's node ids and selection ids (`moderate`).
    pub id: ControlId,
    /// Its name, such as "MODERATE baseline".
    pub title: String,
    /// Where it comes from (document, version), when that differs from the catalog's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceDocument>,
    /// The ids of the nodes it selects, each once.
    pub controls: Vec<ControlId>,
}

impl Selection {
    /// A selection with no source of its own.
    pub fn new(id: ControlId, title: impl Into<String>, controls: Vec<ControlId>) -> Self {
        Self {
            id,
            title: title.into(),
            source: None,
            controls,
        }
    }

    /// Sets the document it comes from.
    #[must_use]
    pub fn with_source(mut self, source: SourceDocument) -> Self {
        self.source = Some(source);
        self
    }
}

/// Metadata about a framework and the documents its catalog was built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct FrameworkInfo {
    /// The framework's identifier, used as the prefix of its control references.
    pub id: FrameworkId,
    /// The framework's full name.
    pub name: String,
    /// The version or edition of the framework, as its publisher names it (e.g. `2013`).
    pub version: String,
    /// Who publishes the framework.
    pub publisher: String,
    /// When this version was published, as precisely as known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<PublicationDate>,
    /// The documents (with sections) this catalog's data was taken from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceDocument>,
    /// Under what terms the node texts in this catalog may be used.
    pub licence: TextLicence,
}

impl FrameworkInfo {
    /// Metadata with the required fields; `published` and `sources` start empty.
    pub fn new(
        id: FrameworkId,
        name: impl Into<String>,
        version: impl Into<String>,
        publisher: impl Into<String>,
        licence: TextLicence,
    ) -> Self {
        Self {
            id,
            name: name.into(),
            version: version.into(),
            publisher: publisher.into(),
            published: None,
            sources: Vec::new(),
            licence,
        }
    }
}

/// A document that a catalog, overlay or mapping set was built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SourceDocument {
    /// The document's title.
    pub title: String,
    /// Its version or edition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The sections used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Who published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// When it was published, as precisely as known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<PublicationDate>,
    /// Where to find it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Anything a reader should know about how it was used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl SourceDocument {
    /// A source with only a title.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            version: None,
            section: None,
            publisher: None,
            published: None,
            url: None,
            note: None,
        }
    }
}

/// Under what terms a catalog's texts may be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum TextLicence {
    /// The full text is in the public domain (e.g. US federal regulation) and is shipped.
    PublicDomain {
        /// An optional remark, such as the official source of the text.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        notice: Option<String>,
    },
    /// The publisher's prose is copyrighted: the catalog carries identifiers, official short
    /// titles and summaries in ctrlmap's own words only. Licensed users add the full text with
    /// a text overlay.
    SummariesOnly {
        /// The publisher's copyright notice.
        notice: String,
    },
    /// The text is used under the licence the notice describes.
    Licensed {
        /// The licence and copyright notice.
        notice: String,
    },
}

impl TextLicence {
    /// The licence kind as its serialized name: `public_domain`, `summaries_only` or
    /// `licensed`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::PublicDomain { .. } => "public_domain",
            Self::SummariesOnly { .. } => "summaries_only",
            Self::Licensed { .. } => "licensed",
        }
    }

    /// The notice, if any.
    pub fn notice(&self) -> Option<&str> {
        match self {
            Self::PublicDomain { notice } => notice.as_deref(),
            Self::SummariesOnly { notice } | Self::Licensed { notice } => Some(notice),
        }
    }
}

/// What a node is in its framework's structure.
///
/// The vocabulary covers the frameworks ctrlmap ships and the generic shapes of OSCAL
/// catalogs (`group`, `control`, `control_enhancement`), so that any framework can be loaded.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum NodeKind {
    /// A top-level division of a framework (SOC 2 Trust Services category, HITRUST control
    /// category).
    Category,
    /// A numbered series of criteria within a category (SOC 2 `CC6`).
    Series,
    /// One of COSO's five components of internal control.
    Component,
    /// A COSO principle.
    Principle,
    /// A group of objectives (COSO principle 6's objective categories).
    ObjectiveGroup,
    /// A control objective (HITRUST `01.01`).
    Objective,
    /// A criterion (SOC 2 `CC6.1`).
    Criterion,
    /// A point of focus under a principle or criterion.
    PointOfFocus,
    /// A subpart of a regulation (45 CFR Part 164 Subpart C).
    Subpart,
    /// A section of a regulation (45 CFR 164.308).
    Section,
    /// A paragraph of a regulation that is not itself a standard.
    Paragraph,
    /// A regulatory standard (HIPAA `164.308(a)(1)`).
    Standard,
    /// An implementation specification under a standard (HIPAA `164.308(a)(1)(ii)(A)`).
    ImplementationSpecification,
    /// A control reference (HITRUST `01.a`).
    ControlReference,
    /// A requirement statement under a control reference.
    RequirementStatement,
    /// A generic grouping (an OSCAL group).
    Group,
    /// A generic control (an OSCAL control).
    Control,
    /// An enhancement of a control (an OSCAL control nested in a control).
    ControlEnhancement,
    /// A generic requirement.
    Requirement,
    /// A group of elements of a requirement, such as a key activity of NIST SP 800-66 Rev. 2
    /// (`KA_164.308(a)(1).2`). Not assessed on its own: its status follows from its elements.
    KeyActivity,
    /// One thing a requirement asks for: a description of a NIST SP 800-66 Rev. 2 key activity
    /// (`D_164.308(a)(1).2.1`), or a part of the rule's text that ctrlmap names
    /// (`E_164.316(b)(2)(iii).1`). A requirement is covered when each of its elements is
    /// evidenced and together they are the whole requirement (see
    /// [`ELEMENTS_PROP`](crate::ELEMENTS_PROP)).
    Element,
    /// A family of controls (NIST SP 800-53's `AC`, Access Control).
    Family,
    /// A function of a framework's core (NIST CSF 2.0's `GV`, Govern).
    Function,
    /// An outcome under a category (NIST CSF 2.0's `GV.OC-01`).
    Subcategory,
    /// An illustration of how an outcome may be achieved, not a requirement (NIST CSF 2.0's
    /// implementation example `GV.OC-01.001`).
    ImplementationExample,
}

impl NodeKind {
    /// Every kind, in declaration order.
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    /// The kind's serialized name, such as `point_of_focus`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// An OSCAL-style name/value property attached to a node.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Property {
    /// The property's name: a letter or `_`, then letters, digits, `.`, `-` or `_`.
    #[schemars(regex(pattern = r"^[A-Za-z_][A-Za-z0-9._-]*$"))]
    pub name: String,
    /// The property's value.
    pub value: String,
}

impl Property {
    /// A property.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            value: value.into(),
        }
    }
}

/// One node of a catalog: a component, principle, criterion, standard, point of focus, ...
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Node {
    /// The node's identifier, unique within its catalog.
    pub id: ControlId,
    /// What the node is.
    pub kind: NodeKind,
    /// The official short title, or a short title of our own where the publisher has none.
    pub title: String,
    /// A summary in ctrlmap's own words (never the publisher's copyrighted prose).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The full text: shipped when public domain, or added by a licensed user's text overlay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The id of the enclosing node; absent for a top-level node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<ControlId>,
    /// Whether an assessor evaluates this node (a criterion, a standard, ...), as opposed to a
    /// node that only groups others.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub assessable: bool,
    /// Further facts about the node as name/value pairs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Property>,
}

impl Node {
    /// A top-level, non-assessable node with no summary, text or properties.
    pub fn new(id: ControlId, kind: NodeKind, title: impl Into<String>) -> Self {
        Self {
            id,
            kind,
            title: title.into(),
            summary: None,
            text: None,
            parent: None,
            assessable: false,
            props: Vec::new(),
        }
    }

    /// Sets the parent.
    #[must_use]
    pub fn with_parent(mut self, parent: ControlId) -> Self {
        self.parent = Some(parent);
        self
    }

    /// Sets the summary.
    #[must_use]
    pub fn with_summary(mut self, summary: impl Into<String>) -> Self {
        self.summary = Some(summary.into());
        self
    }

    /// Sets the full text.
    #[must_use]
    pub fn with_text(mut self, text: impl Into<String>) -> Self {
        self.text = Some(text.into());
        self
    }

    /// Sets whether the node is assessable.
    #[must_use]
    pub fn with_assessable(mut self, assessable: bool) -> Self {
        self.assessable = assessable;
        self
    }

    /// Adds a property.
    #[must_use]
    pub fn with_prop(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.props.push(Property::new(name, value));
        self
    }

    /// The value of the first property with this name.
    pub fn prop(&self, name: &str) -> Option<&str> {
        self.props
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.value.as_str())
    }

    /// Whether its publisher has withdrawn it ([`STATUS_PROP`](crate::STATUS_PROP) is
    /// [`WITHDRAWN`](crate::WITHDRAWN)).
    pub fn is_withdrawn(&self) -> bool {
        self.prop(crate::STATUS_PROP) == Some(crate::WITHDRAWN)
    }
}
