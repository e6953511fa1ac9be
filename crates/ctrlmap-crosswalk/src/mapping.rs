//! Mapping sets: the public format that links one framework's controls to another's.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use ctrlmap_core::{ControlRef, FrameworkId, LoadError, MappingSetId, PublicationDate, load};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{MappingError, MappingProblem};
use crate::relationship::Relationship;

/// Why a mapping holds, in NIST IR 8477's terms. Relationships only compose soundly under
/// one rationale; an inferred path that mixes them says so.
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
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Rationale {
    /// The controls' wording: the same or equivalent text.
    Syntactic,
    /// The controls' meaning: they ask for the same or related outcomes.
    Semantic,
    /// The controls' function: implementing one achieves what the other is for.
    Functional,
}

impl Rationale {
    /// The serialized name.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// How confident a mapping's author is that its relationship holds, in the three categories
/// of OSCAL's `confidence-score` (OSCAL 1.2 mapping model).
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
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::EnumString,
    strum::Display,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Confidence {
    /// The relationship follows from the two texts with little room for judgment.
    High,
    /// The relationship is the author's considered reading; a careful reviewer might differ.
    Medium,
    /// The relationship is plausible but rests on assumptions a reviewer should check.
    Low,
}

impl Confidence {
    /// Every confidence, highest first.
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    /// The serialized name: `high`, `medium` or `low`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// How a mapping set was made.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Method {
    /// Published by a framework's own publisher (such as the TSC's statement that CC1–CC5
    /// restate COSO's principles).
    Official,
    /// The judgment of a named expert or team.
    Expert,
    /// Derived mechanically from other data or mappings.
    Derived,
}

/// Who made a mapping set, from what, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Provenance {
    /// Who made or published the mappings.
    pub publisher: String,
    /// The document the mappings come from, or that records the analysis.
    pub document: String,
    /// The version of that document.
    pub version: String,
    /// When it was published, as precisely as known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<PublicationDate>,
    /// The licence the mappings are under.
    pub licence: String,
    /// How the mappings were made.
    pub method: Method,
    /// Anything a reader should know, such as assumptions the relationships rest on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Provenance {
    /// A provenance with no publication date and no note.
    pub fn new(
        publisher: impl Into<String>,
        document: impl Into<String>,
        version: impl Into<String>,
        licence: impl Into<String>,
        method: Method,
    ) -> Self {
        Self {
            publisher: publisher.into(),
            document: document.into(),
            version: version.into(),
            published: None,
            licence: licence.into(),
            method,
            note: None,
        }
    }

    /// Sets the note.
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// Whether the mappings are published by an authority (a framework's publisher, NIST)
    /// rather than an expert's reading or derived from other data.
    pub fn is_official(&self) -> bool {
        self.method == Method::Official
    }
}

/// The strength of a mapping, 0 (weakest) to 10 (strongest), as its author judged it.
pub const MAX_STRENGTH: u8 = 10;

/// One mapping: "source relationship target".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct MappingRow {
    /// The source control, in the set's source framework.
    pub source: ControlRef,
    /// The target control, in the set's target framework.
    pub target: ControlRef,
    /// How the source relates to the target.
    pub relationship: Relationship,
    /// Why, when it differs from the set's rationale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<Rationale>,
    /// How strong the mapping is, 0 to 10.
    #[schemars(range(max = 10))]
    pub strength: u8,
    /// How confident the author is that the relationship holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// For `equal`, `subset_of` and `superset_of`: why an assessment of the broader control
    /// must test every element of the narrower one (the built-in sets give it on every such
    /// row; a row without it asserts containment on the author's word alone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completeness: Option<String>,
    /// A one-line explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl MappingRow {
    /// A row with no rationale override and no note.
    pub fn new(
        source: ControlRef,
        target: ControlRef,
        relationship: Relationship,
        strength: u8,
    ) -> Self {
        Self {
            source,
            target,
            relationship,
            rationale: None,
            strength,
            confidence: None,
            completeness: None,
            note: None,
        }
    }

    /// Sets the confidence.
    #[must_use]
    pub fn with_confidence(mut self, confidence: Confidence) -> Self {
        self.confidence = Some(confidence);
        self
    }

    /// Sets the note.
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}

/// A mapping set file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "ctrlmap mapping set")]
#[non_exhaustive]
pub struct MappingSetDocument {
    /// The JSON Schema this document follows (a hint for editors; not checked).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The set's identifier, such as `hipaa-soc2`.
    pub id: MappingSetId,
    /// A short title.
    pub title: String,
    /// The framework of every row's source.
    pub source_framework: FrameworkId,
    /// The framework of every row's target.
    pub target_framework: FrameworkId,
    /// Who made the mappings, from what, and how.
    pub provenance: Provenance,
    /// The rationale of every row that does not give its own.
    pub rationale: Rationale,
    /// The mappings.
    pub mappings: Vec<MappingRow>,
    /// Controls the set deliberately leaves without a mapping, each with the reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unmapped: Vec<Unmapped>,
}

impl MappingSetDocument {
    /// A document with no `$schema` hint and nothing unmapped.
    pub fn new(
        id: MappingSetId,
        title: impl Into<String>,
        source_framework: FrameworkId,
        target_framework: FrameworkId,
        provenance: Provenance,
        rationale: Rationale,
        mappings: Vec<MappingRow>,
    ) -> Self {
        Self {
            schema: None,
            id,
            title: title.into(),
            source_framework,
            target_framework,
            provenance,
            rationale,
            mappings,
            unmapped: Vec::new(),
        }
    }
}

/// A control a mapping set leaves unmapped on purpose, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Unmapped {
    /// The control, in the set's source or target framework.
    pub control: ControlRef,
    /// Why it has no counterpart.
    pub reason: String,
}

/// A mapping set checked on its own: rows in the declared frameworks, strengths in range,
/// no contradictions, exact duplicates merged.
///
/// Its refs are checked against the catalogs when it is added to a
/// [`Crosswalk`](crate::Crosswalk).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingSet {
    doc: MappingSetDocument,
    origin: String,
}

fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}

impl MappingSet {
    /// Validates a document. `origin` labels it in errors.
    ///
    /// # Errors
    /// [`MappingError::Invalid`] listing every problem.
    pub fn from_document(doc: MappingSetDocument, origin: &str) -> Result<Self, MappingError> {
        Self::from_document_with_limits(doc, origin, &ctrlmap_core::load::Limits::default())
    }

    /// As [`MappingSet::from_document`], within `limits` (the number of mappings).
    ///
    /// # Errors
    /// As [`MappingSet::from_document`], and [`LoadError::LimitExceeded`] inside
    /// [`MappingError::Load`].
    pub fn from_document_with_limits(
        mut doc: MappingSetDocument,
        origin: &str,
        limits: &ctrlmap_core::load::Limits,
    ) -> Result<Self, MappingError> {
        if doc.mappings.len() > limits.max_mappings {
            return Err(MappingError::Load(LoadError::LimitExceeded {
                origin: origin.to_owned(),
                what: "number of mappings",
                limit: limits.max_mappings as u64,
            }));
        }
        let mut problems = Vec::new();
        for (path, value) in [
            ("title", &doc.title),
            ("provenance.publisher", &doc.provenance.publisher),
            ("provenance.document", &doc.provenance.document),
            ("provenance.version", &doc.provenance.version),
            ("provenance.licence", &doc.provenance.licence),
        ] {
            if is_blank(value) {
                problems.push(MappingProblem::EmptyField {
                    path: path.to_owned(),
                });
            }
        }
        // First row of each pair, read in the source-to-target direction.
        let mut seen: HashMap<(&ControlRef, &ControlRef), (usize, Relationship)> = HashMap::new();
        let mut duplicates = Vec::new();
        for (i, row) in doc.mappings.iter().enumerate() {
            for (field, reference, expected) in [
                ("source", &row.source, &doc.source_framework),
                ("target", &row.target, &doc.target_framework),
            ] {
                if reference.framework() != expected {
                    problems.push(MappingProblem::WrongFramework {
                        row: i,
                        field,
                        reference: reference.clone(),
                        expected: expected.clone(),
                    });
                }
            }
            if row.strength > MAX_STRENGTH {
                problems.push(MappingProblem::StrengthOutOfRange {
                    row: i,
                    strength: row.strength,
                });
            }
            if row.note.as_deref().is_some_and(is_blank) {
                problems.push(MappingProblem::EmptyField {
                    path: format!("mappings[{i}].note"),
                });
            }
            if row.completeness.as_deref().is_some_and(is_blank) {
                problems.push(MappingProblem::EmptyField {
                    path: format!("mappings[{i}].completeness"),
                });
            }
            if row.source == row.target {
                problems.push(MappingProblem::SelfMapping {
                    row: i,
                    reference: row.source.clone(),
                });
                continue;
            }
            // Normalise the pair so that `B R A` is read as `A R⁻¹ B`.
            let (key, relationship) = if row.source <= row.target {
                ((&row.source, &row.target), row.relationship)
            } else {
                ((&row.target, &row.source), row.relationship.inverse())
            };
            match seen.get(&key) {
                None => {
                    seen.insert(key, (i, relationship));
                }
                Some(&(_, r)) if r == relationship => duplicates.push(i),
                Some(&(first, r)) => problems.push(MappingProblem::Contradiction {
                    row: i,
                    from: row.source.clone(),
                    to: row.target.clone(),
                    relationship: row.relationship,
                    conflicts_with: format!("mappings[{first}]"),
                    existing: if key.0 == &row.source { r } else { r.inverse() },
                }),
            }
        }
        // Every control a row names, for the unmapped check: one pass, not one per entry.
        let mapped: std::collections::HashSet<&ControlRef> = doc
            .mappings
            .iter()
            .flat_map(|r| [&r.source, &r.target])
            .collect();
        for (i, u) in doc.unmapped.iter().enumerate() {
            if u.control.framework() != &doc.source_framework
                && u.control.framework() != &doc.target_framework
            {
                problems.push(MappingProblem::WrongFramework {
                    row: i,
                    field: "unmapped",
                    reference: u.control.clone(),
                    expected: doc.source_framework.clone(),
                });
            }
            if is_blank(&u.reason) {
                problems.push(MappingProblem::EmptyField {
                    path: format!("unmapped[{i}].reason"),
                });
            }
            if mapped.contains(&u.control) {
                problems.push(MappingProblem::MappedAndUnmapped {
                    index: i,
                    reference: u.control.clone(),
                });
            }
        }
        if !problems.is_empty() {
            return Err(MappingError::Invalid {
                origin: origin.to_owned(),
                problems,
            });
        }
        // Exact duplicates (same pair, same relationship) are merged: the first row stays
        // (one pass, whatever the number of duplicates).
        if !duplicates.is_empty() {
            let drop: std::collections::HashSet<usize> = duplicates.into_iter().collect();
            let mut i = 0;
            doc.mappings.retain(|_| {
                let keep = !drop.contains(&i);
                i += 1;
                keep
            });
        }
        Ok(Self {
            doc,
            origin: origin.to_owned(),
        })
    }

    /// Parses and validates a mapping set from JSON text; the rows' controls are checked
    /// when the set is added to a [`Crosswalk`](crate::Crosswalk).
    ///
    /// ```
    /// use ctrlmap::crosswalk::{MappingSet, Relationship};
    ///
    /// let set = MappingSet::from_json_str(r#"{
    ///   "id": "acme-hipaa", "title": "ACME policy to HIPAA",
    ///   "source_framework": "acme", "target_framework": "hipaa", "rationale": "semantic",
    ///   "provenance": { "publisher": "ACME", "document": "Policy crosswalk", "version": "1",
    ///                   "licence": "proprietary", "method": "expert" },
    ///   "mappings": [ { "source": "acme:AC-1", "target": "hipaa:164.312(a)(2)(i)",
    ///                   "relationship": "equal", "strength": 9 } ] }"#)?;
    /// assert_eq!(set.id(), "acme-hipaa");
    /// assert_eq!(set.mappings()[0].relationship, Relationship::Equal);
    /// // A row whose source is not in the set's source framework is refused.
    /// assert!(MappingSet::from_json_str(r#"{
    ///   "id": "x", "title": "x", "source_framework": "acme", "target_framework": "hipaa",
    ///   "rationale": "semantic",
    ///   "provenance": { "publisher": "x", "document": "x", "version": "1", "licence": "x",
    ///                   "method": "expert" },
    ///   "mappings": [ { "source": "soc2:CC6.1", "target": "hipaa:164.312(d)",
    ///                   "relationship": "equal", "strength": 9 } ] }"#).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`MappingError::Load`] for malformed JSON; [`MappingError::Invalid`] for rule breaks.
    pub fn from_json_str(text: &str) -> Result<Self, MappingError> {
        Self::from_json_str_with_origin(text, load::STRING_ORIGIN)
    }

    /// As [`MappingSet::from_json_str`], naming the document `origin` in errors.
    ///
    /// # Errors
    /// As [`MappingSet::from_json_str`].
    pub fn from_json_str_with_origin(text: &str, origin: &str) -> Result<Self, MappingError> {
        let doc: MappingSetDocument = load::from_str(text, origin)?;
        Self::from_document(doc, origin)
    }

    /// As [`MappingSet::from_json_str_with_origin`], within `limits` (text size, nesting and
    /// the number of mappings).
    ///
    /// # Errors
    /// As [`MappingSet::from_json_str`], and [`LoadError::LimitExceeded`].
    pub fn from_json_str_with_limits(
        text: &str,
        origin: &str,
        limits: &load::Limits,
    ) -> Result<Self, MappingError> {
        let doc: MappingSetDocument = load::from_str_limited(text, origin, limits)?;
        Self::from_document_with_limits(doc, origin, limits)
    }

    /// Reads, parses and validates a mapping set from a reader.
    ///
    /// # Errors
    /// As [`MappingSet::from_json_str`], and [`LoadError::Io`] inside [`MappingError::Load`].
    pub fn from_reader(reader: impl Read, origin: &str) -> Result<Self, MappingError> {
        let doc: MappingSetDocument = load::from_reader(reader, origin)?;
        Self::from_document(doc, origin)
    }

    /// Reads, parses and validates a mapping set file. Errors name the path.
    ///
    /// # Errors
    /// As [`MappingSet::from_reader`].
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self, MappingError> {
        let path = path.as_ref();
        let doc: MappingSetDocument = load::from_path(path)?;
        Self::from_document(doc, &path.display().to_string())
    }

    /// The set's id.
    pub fn id(&self) -> &MappingSetId {
        &self.doc.id
    }

    /// The set's title.
    pub fn title(&self) -> &str {
        &self.doc.title
    }

    /// The framework of the sources.
    pub fn source_framework(&self) -> &FrameworkId {
        &self.doc.source_framework
    }

    /// The framework of the targets.
    pub fn target_framework(&self) -> &FrameworkId {
        &self.doc.target_framework
    }

    /// Who made it, and how.
    pub fn provenance(&self) -> &Provenance {
        &self.doc.provenance
    }

    /// The default rationale.
    pub fn rationale(&self) -> Rationale {
        self.doc.rationale
    }

    /// The rows, duplicates merged.
    pub fn mappings(&self) -> &[MappingRow] {
        &self.doc.mappings
    }

    /// The controls left unmapped on purpose, with their reasons.
    pub fn unmapped(&self) -> &[Unmapped] {
        &self.doc.unmapped
    }

    /// Where it came from, as used in errors.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The underlying document.
    pub fn document(&self) -> &MappingSetDocument {
        &self.doc
    }
}

impl From<LoadError> for MappingError {
    fn from(e: LoadError) -> Self {
        Self::Load(e)
    }
}
