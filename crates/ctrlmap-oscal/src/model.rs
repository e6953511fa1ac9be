//! The parts of the OSCAL JSON model that ctrlmap reads and writes.
//!
//! Reading is lenient (fields ctrlmap does not use, such as parameters and most links, are
//! skipped without being stored); writing produces only fields the OSCAL 1.2.1 schemas allow.

use serde::{Deserialize, Serialize};

/// The ctrlmap namespace for OSCAL properties that carry ctrlmap-only facts.
pub const CTRLMAP_NS: &str = "https://github.com/ctrlmap/ctrlmap/ns/oscal";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Prop {
    pub(crate) name: String,
    pub(crate) value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) ns: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) remarks: Option<String>,
}

impl Prop {
    pub(crate) fn new(name: &str, value: impl Into<String>) -> Self {
        Self {
            name: name.to_owned(),
            value: value.into(),
            ns: None,
            remarks: None,
        }
    }

    pub(crate) fn ctrlmap(name: &str, value: impl Into<String>) -> Self {
        Self {
            ns: Some(CTRLMAP_NS.to_owned()),
            ..Self::new(name, value)
        }
    }

    pub(crate) fn is_ctrlmap(&self, name: &str) -> bool {
        self.ns.as_deref() == Some(CTRLMAP_NS) && self.name == name
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Party {
    pub(crate) uuid: String,
    #[serde(rename = "type")]
    pub(crate) kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Role {
    pub(crate) id: String,
    pub(crate) title: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ResponsibleParty {
    #[serde(rename = "role-id")]
    pub(crate) role_id: String,
    #[serde(rename = "party-uuids")]
    pub(crate) party_uuids: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Metadata {
    pub(crate) title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) published: Option<String>,
    #[serde(rename = "last-modified")]
    pub(crate) last_modified: String,
    pub(crate) version: String,
    #[serde(rename = "oscal-version")]
    pub(crate) oscal_version: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) props: Vec<Prop>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) roles: Vec<Role>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) parties: Vec<Party>,
    #[serde(
        rename = "responsible-parties",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub(crate) responsible_parties: Vec<ResponsibleParty>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) remarks: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Part {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) id: Option<String>,
    pub(crate) name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) title: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) props: Vec<Prop>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) prose: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) parts: Vec<Part>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Control {
    pub(crate) id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) class: Option<String>,
    pub(crate) title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) props: Vec<Prop>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) parts: Vec<Part>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) controls: Vec<Control>,
    /// Read for a withdrawn control's `moved-to` and `incorporated-into` links; never written.
    #[serde(default, skip_serializing)]
    pub(crate) links: Vec<Link>,
    /// Read to write a statement's parameters as the publisher prints them; never written
    /// (an export carries the text with its parameters already in words).
    #[serde(default, skip_serializing)]
    pub(crate) params: Vec<Param>,
}

/// An OSCAL parameter: only its id, label and selection are read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub(crate) struct Param {
    #[serde(default)]
    pub(crate) id: String,
    #[serde(default)]
    pub(crate) label: Option<String>,
    #[serde(default)]
    pub(crate) select: Option<Select>,
}

/// A parameter's choices.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub(crate) struct Select {
    #[serde(default, rename = "how-many")]
    pub(crate) how_many: Option<String>,
    #[serde(default)]
    pub(crate) choice: Vec<String>,
}

/// An OSCAL link: only `href` and `rel` are read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub(crate) struct Link {
    #[serde(default)]
    pub(crate) href: String,
    #[serde(default)]
    pub(crate) rel: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Group {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) class: Option<String>,
    pub(crate) title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) props: Vec<Prop>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) parts: Vec<Part>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) groups: Vec<Group>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) controls: Vec<Control>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Citation {
    pub(crate) text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Rlink {
    pub(crate) href: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Resource {
    pub(crate) uuid: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) props: Vec<Prop>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) citation: Option<Citation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) rlinks: Vec<Rlink>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct BackMatter {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) resources: Vec<Resource>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct OscalCatalog {
    pub(crate) uuid: String,
    pub(crate) metadata: Metadata,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) controls: Vec<Control>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) groups: Vec<Group>,
    #[serde(
        rename = "back-matter",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub(crate) back_matter: Option<BackMatter>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CatalogFile {
    pub(crate) catalog: OscalCatalog,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Provenance {
    pub(crate) method: String,
    #[serde(rename = "matching-rationale")]
    pub(crate) matching_rationale: String,
    pub(crate) status: String,
    #[serde(rename = "mapping-description")]
    pub(crate) mapping_description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) props: Vec<Prop>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ResourceReference {
    #[serde(rename = "type")]
    pub(crate) kind: String,
    pub(crate) href: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) props: Vec<Prop>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct MappingItem {
    #[serde(rename = "type")]
    pub(crate) kind: String,
    #[serde(rename = "id-ref")]
    pub(crate) id_ref: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Map {
    pub(crate) uuid: String,
    #[serde(
        rename = "matching-rationale",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub(crate) matching_rationale: Option<String>,
    pub(crate) relationship: String,
    pub(crate) sources: Vec<MappingItem>,
    pub(crate) targets: Vec<MappingItem>,
    #[serde(
        rename = "confidence-score",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub(crate) confidence_score: Option<ConfidenceScore>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) props: Vec<Prop>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) remarks: Option<String>,
}

/// OSCAL's confidence score: a category, or a percentage as a decimal from 0 to 1.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ConfidenceScore {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) percentage: Option<serde_json::Number>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Mapping {
    pub(crate) uuid: String,
    #[serde(rename = "source-resource")]
    pub(crate) source_resource: ResourceReference,
    #[serde(rename = "target-resource")]
    pub(crate) target_resource: ResourceReference,
    #[serde(default)]
    pub(crate) maps: Vec<Map>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) props: Vec<Prop>,
}

/// `mappings` is one mapping or an array of them in the 1.2.1 schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub(crate) enum Mappings {
    Many(Vec<Mapping>),
    One(Box<Mapping>),
}

impl Mappings {
    pub(crate) fn into_vec(self) -> Vec<Mapping> {
        match self {
            Self::Many(v) => v,
            Self::One(m) => vec![*m],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct MappingCollection {
    pub(crate) uuid: String,
    pub(crate) metadata: Metadata,
    pub(crate) provenance: Provenance,
    pub(crate) mappings: Mappings,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct MappingFile {
    #[serde(rename = "mapping-collection")]
    pub(crate) mapping_collection: MappingCollection,
}
