//! NIST CPRT for ctrlmap: the JSON exports of NIST's Cybersecurity and Privacy Reference Tool.
//!
//! CPRT is where NIST publishes CSF 2.0, SP 800-53, SP 800-171 and SP 800-66 as *elements*
//! (a function, a control, a key activity, a sample question …) linked by *relationships*
//! (most often `projection`: parent to child). [`CprtExport`] reads an export, checks it
//! (every relationship names elements of the export; no element id is used for two different
//! elements; exact duplicates are merged), navigates it by parent and child in the export's
//! order, and turns it into a ctrlmap [`Catalog`] with [`CprtExport::to_catalog`].
//!
//! ```
//! use ctrlmap::cprt::CprtExport;
//!
//! let export = CprtExport::from_json_str(r#"{
//!   "documents": [ { "doc_identifier": "D", "name": "Demo", "version": "1.0" } ],
//!   "elements": [
//!     { "element_type": "function", "element_identifier": "GV", "title": "Govern", "text": "", "doc_identifier": "D" },
//!     { "element_type": "category", "element_identifier": "GV.OC", "title": "Context", "text": "Know the mission.", "doc_identifier": "D" } ],
//!   "relationships": [ { "source_element_identifier": "GV", "dest_element_identifier": "GV.OC",
//!                        "relationship_identifier": "projection" } ] }"#)?;
//! assert_eq!(export.children("GV").map(|e| e.element_identifier.as_str()).collect::<Vec<_>>(), ["GV.OC"]);
//! assert_eq!(export.parents("GV.OC").next().map(|e| e.title.as_str()), Some("Govern"));
//! let catalog = export.to_catalog("demo".parse()?)?;
//! let parent = catalog.get("GV.OC").and_then(|n| n.parent()).ok_or("GV.OC has a parent")?;
//! assert_eq!(parent.id.as_str(), "GV");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Data provenance
//! This crate ships no data. `ctrlmap-hipaa` ships NIST SP 800-66 Rev. 2's key activities,
//! descriptions and sample questions as a CPRT export read by this crate.

// The README's example runs as a doctest, so that it cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use ctrlmap_core::load::{self, Limits};
use ctrlmap_core::{
    Catalog, CatalogDocument, ControlId, FrameworkId, FrameworkInfo, LoadError, Node, NodeKind,
    Property, SourceDocument, TextLicence,
};
use serde::{Deserialize, Serialize};

/// A document an export describes, such as `SP800_66_2_0_0`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Document {
    /// Its identifier in the export.
    pub doc_identifier: String,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// Its version.
    #[serde(default)]
    pub version: String,
    /// Where it is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

/// A kind of relationship, such as `projection`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RelationshipType {
    /// Its identifier.
    pub relationship_identifier: String,
    /// What it means.
    #[serde(default)]
    pub description: String,
}

/// One element: a function, category, control, key activity, sample question …
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Element {
    /// Its kind, such as `key_activity`.
    pub element_type: String,
    /// Its identifier, unique in the export.
    pub element_identifier: String,
    /// Its title (empty for many kinds, such as sample questions).
    #[serde(default)]
    pub title: String,
    /// Its text.
    #[serde(default)]
    pub text: String,
    /// The document it belongs to.
    #[serde(default)]
    pub doc_identifier: String,
}

/// A relationship from a source element to a destination element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Relationship {
    /// The source element.
    pub source_element_identifier: String,
    /// The source element's document.
    #[serde(default)]
    pub source_doc_identifier: String,
    /// The destination element.
    pub dest_element_identifier: String,
    /// The destination element's document.
    #[serde(default)]
    pub dest_doc_identifier: String,
    /// The kind of relationship, such as `projection` (parent to child).
    pub relationship_identifier: String,
    /// The document that states the relationship.
    #[serde(default)]
    pub provenance_doc_identifier: String,
}

/// A CPRT JSON export as NIST publishes it: the export itself, or the CPRT site's API
/// response that wraps it (`{"response": {"requestType": 4, "elements": {…}}}`, the form of
/// NIST's CSF 2.0 export), read alike.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "WireExport")]
#[non_exhaustive]
pub struct ExportDocument {
    /// The documents described.
    #[serde(default)]
    pub documents: Vec<Document>,
    /// The kinds of relationship used.
    #[serde(default)]
    pub relationship_types: Vec<RelationshipType>,
    /// The elements, in the export's order.
    pub elements: Vec<Element>,
    /// The relationships, in the export's order.
    #[serde(default)]
    pub relationships: Vec<Relationship>,
}

/// An export as it comes over the wire: plain, or wrapped in an API response.
#[derive(Deserialize)]
struct WireExport {
    #[serde(default)]
    response: Option<WireResponse>,
    #[serde(flatten)]
    plain: WireInner,
}

/// The API response around an export.
#[derive(Deserialize)]
struct WireResponse {
    elements: WireInner,
}

/// The export itself, every list optional until checked.
#[derive(Deserialize)]
struct WireInner {
    #[serde(default)]
    documents: Vec<Document>,
    #[serde(default)]
    relationship_types: Vec<RelationshipType>,
    #[serde(default)]
    elements: Vec<Element>,
    #[serde(default)]
    relationships: Vec<Relationship>,
}

impl From<WireExport> for ExportDocument {
    fn from(w: WireExport) -> Self {
        let inner = w.response.map_or(w.plain, |r| r.elements);
        Self {
            documents: inner.documents,
            relationship_types: inner.relationship_types,
            elements: inner.elements,
            relationships: inner.relationships,
        }
    }
}

/// Why an export could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CprtError {
    /// The file could not be read or parsed.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The export breaks a rule; every problem is listed.
    #[error("{origin}: {}", problems.join("; "))]
    Invalid {
        /// The file or label.
        origin: String,
        /// Every problem, in document order.
        problems: Vec<String>,
    },
}

/// A checked CPRT export: exact duplicate elements and relationships merged, every
/// relationship's elements present, navigable by parent and child.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CprtExport {
    doc: ExportDocument,
    index: HashMap<String, usize>,
    children: HashMap<usize, Vec<usize>>,
    parents: HashMap<usize, Vec<usize>>,
    origin: String,
}

/// The relationship that means "parent to child".
pub const PROJECTION: &str = "projection";

/// The relationship from an element to an element of another document, such as CSF 2.0's
/// category `PR.AA` to the SP 800-53 family `AC`. Its destination need not be an element of
/// the export; [`CprtExport::to_catalog`] keeps it as a property of that name.
pub const EXTERNAL_REFERENCE: &str = "external_reference";

impl CprtExport {
    /// Checks a parsed export; `origin` names it in errors.
    ///
    /// # Errors
    /// [`CprtError::Invalid`] listing every empty or clashing element id and every
    /// relationship that names an element the export does not have.
    pub fn from_document(mut doc: ExportDocument, origin: &str) -> Result<Self, CprtError> {
        let mut problems = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::with_capacity(doc.elements.len());
        let mut elements = Vec::with_capacity(doc.elements.len());
        for (i, e) in std::mem::take(&mut doc.elements).into_iter().enumerate() {
            if e.element_identifier.trim().is_empty() {
                problems.push(format!("elements[{i}]: the element_identifier is empty"));
                continue;
            }
            match index.get(&e.element_identifier) {
                None => {
                    index.insert(e.element_identifier.clone(), elements.len());
                    elements.push(e);
                }
                Some(&first) if elements.get(first) == Some(&e) => {}
                Some(_) => problems.push(format!(
                    "elements[{i}]: {:?} is used for two different elements",
                    e.element_identifier
                )),
            }
        }
        doc.elements = elements;
        let mut seen = HashSet::new();
        let mut relationships = Vec::with_capacity(doc.relationships.len());
        let mut children: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut parents: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, r) in std::mem::take(&mut doc.relationships)
            .into_iter()
            .enumerate()
        {
            let source = index.get(&r.source_element_identifier).copied();
            // An external reference points into another document (CSF 2.0's references
            // to SP 800-53 families, `AC`): its destination is not an element here.
            let external = r.relationship_identifier == EXTERNAL_REFERENCE;
            let dest = index.get(&r.dest_element_identifier).copied();
            if external && let Some(source) = source {
                if !r.dest_element_identifier.trim().is_empty()
                    && seen.insert((source, usize::MAX, r.dest_element_identifier.clone()))
                {
                    relationships.push(r);
                }
                continue;
            }
            for (end, id, found) in [
                ("source", &r.source_element_identifier, source),
                ("dest", &r.dest_element_identifier, dest),
            ] {
                if found.is_none() {
                    problems.push(format!(
                        "relationships[{i}]: {end} {id:?} is not an element of this export"
                    ));
                }
            }
            let (Some(source), Some(dest)) = (source, dest) else {
                continue;
            };
            if !seen.insert((source, dest, r.relationship_identifier.clone())) {
                continue;
            }
            if r.relationship_identifier == PROJECTION {
                children.entry(source).or_default().push(dest);
                parents.entry(dest).or_default().push(source);
            }
            relationships.push(r);
        }
        doc.relationships = relationships;
        if !problems.is_empty() {
            return Err(CprtError::Invalid {
                origin: origin.to_owned(),
                problems,
            });
        }
        Ok(Self {
            doc,
            index,
            children,
            parents,
            origin: origin.to_owned(),
        })
    }

    /// Parses and checks JSON text, within the default [`Limits`].
    ///
    /// # Errors
    /// [`CprtError::Load`] for malformed JSON or text over the limits, else as
    /// [`CprtExport::from_document`].
    pub fn from_json_str(text: &str) -> Result<Self, CprtError> {
        Self::from_json_str_with_origin(text, load::STRING_ORIGIN)
    }

    /// As [`CprtExport::from_json_str`], naming the text `origin` in errors.
    ///
    /// # Errors
    /// As [`CprtExport::from_json_str`].
    pub fn from_json_str_with_origin(text: &str, origin: &str) -> Result<Self, CprtError> {
        let limits = Limits::default();
        let doc = load::from_str_limited(text, origin, &limits)?;
        Self::checked(doc, origin, &limits)
    }

    /// Reads, parses and checks an export from a reader, within `limits`.
    ///
    /// # Errors
    /// As [`CprtExport::from_json_str`], and [`LoadError::Io`].
    pub fn from_reader_with_limits(
        reader: impl Read,
        origin: &str,
        limits: &Limits,
    ) -> Result<Self, CprtError> {
        let doc = load::from_reader_limited(reader, origin, limits)?;
        Self::checked(doc, origin, limits)
    }

    /// Reads, parses and checks an export file, within the default [`Limits`]; errors name
    /// the path.
    ///
    /// # Errors
    /// As [`CprtExport::from_reader_with_limits`].
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self, CprtError> {
        Self::from_path_with_limits(path, &Limits::default())
    }

    /// As [`CprtExport::from_path`], within `limits`.
    ///
    /// # Errors
    /// As [`CprtExport::from_reader_with_limits`].
    pub fn from_path_with_limits(
        path: impl AsRef<Path>,
        limits: &Limits,
    ) -> Result<Self, CprtError> {
        let path = path.as_ref();
        let doc = load::from_path_limited(path, limits)?;
        Self::checked(doc, &path.display().to_string(), limits)
    }

    fn checked(doc: ExportDocument, origin: &str, limits: &Limits) -> Result<Self, CprtError> {
        for (what, count, limit) in [
            ("number of elements", doc.elements.len(), limits.max_nodes),
            (
                "number of relationships",
                doc.relationships.len(),
                limits.max_mappings,
            ),
        ] {
            if count > limit {
                return Err(CprtError::Load(LoadError::LimitExceeded {
                    origin: origin.to_owned(),
                    what,
                    limit: u64::try_from(limit).unwrap_or(u64::MAX),
                }));
            }
        }
        Self::from_document(doc, origin)
    }

    /// The documents the export describes.
    pub fn documents(&self) -> &[Document] {
        &self.doc.documents
    }

    /// Every element, in the export's order, duplicates merged.
    pub fn elements(&self) -> &[Element] {
        &self.doc.elements
    }

    /// Every relationship, in the export's order, duplicates merged.
    pub fn relationships(&self) -> &[Relationship] {
        &self.doc.relationships
    }

    /// The element with this identifier.
    pub fn get(&self, id: &str) -> Option<&Element> {
        self.doc.elements.get(*self.index.get(id)?)
    }

    /// The elements of one type, in the export's order.
    pub fn of_type<'a>(&'a self, element_type: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.doc
            .elements
            .iter()
            .filter(move |e| e.element_type == element_type)
    }

    /// The children of an element (destinations of its `projection` relationships), in the
    /// export's order.
    pub fn children<'a>(&'a self, id: &str) -> impl Iterator<Item = &'a Element> + 'a {
        self.linked(&self.children, id)
    }

    /// The parents of an element (sources of `projection` relationships to it).
    pub fn parents<'a>(&'a self, id: &str) -> impl Iterator<Item = &'a Element> + 'a {
        self.linked(&self.parents, id)
    }

    fn linked<'a>(
        &'a self,
        links: &'a HashMap<usize, Vec<usize>>,
        id: &str,
    ) -> impl Iterator<Item = &'a Element> + 'a {
        self.index
            .get(id)
            .and_then(|i| links.get(i))
            .into_iter()
            .flatten()
            .filter_map(|&i| self.doc.elements.get(i))
    }

    /// Where the export came from, as used in errors.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The export, as parsed (duplicates merged).
    pub fn document(&self) -> &ExportDocument {
        &self.doc
    }

    /// The export as a ctrlmap catalog of framework `framework`: one node per element, in
    /// the export's order, each under its first parent (an element linked from several
    /// parents, such as a shared footnote, sits under the first); titles are the element's
    /// title, or the start of its text when it has none; the element type is the property
    /// `cprt_element_type`. No node is assessable: say which are with a catalog of your
    /// own, or read the catalog as reference material.
    ///
    /// # Errors
    /// [`CprtError::Invalid`] when an element id is not a valid control id;
    /// [`CprtError::Load`] when the resulting catalog breaks a catalog rule (such as a cycle
    /// of parents).
    pub fn to_catalog(&self, framework: FrameworkId) -> Result<Catalog, CprtError> {
        let invalid = |problems| CprtError::Invalid {
            origin: self.origin.clone(),
            problems,
        };
        let mut problems = Vec::new();
        let mut nodes = Vec::with_capacity(self.doc.elements.len());
        for (i, e) in self.doc.elements.iter().enumerate() {
            let id = match e.element_identifier.parse::<ControlId>() {
                Ok(id) => id,
                Err(err) => {
                    problems.push(format!("elements[{i}]: {err}"));
                    continue;
                }
            };
            let title = if e.title.trim().is_empty() {
                abbreviate(&e.text, 60)
            } else {
                one_line(&e.title)
            };
            let title = if title.is_empty() {
                e.element_identifier.clone()
            } else {
                title
            };
            let mut node = Node::new(id, NodeKind::Requirement, title);
            if self.children.get(&i).is_some_and(|c| !c.is_empty()) {
                node.kind = NodeKind::Group;
            }
            if !e.text.trim().is_empty() {
                node.text = Some(e.text.clone());
            }
            node.parent = self
                .parents
                .get(&i)
                .and_then(|p| p.first())
                .and_then(|&p| self.doc.elements.get(p))
                .and_then(|p| p.element_identifier.parse().ok());
            node.props
                .push(Property::new("cprt_element_type", e.element_type.as_str()));
            nodes.push(node);
        }
        // Every other relationship (`external_reference`, `incorporated_into`, `moved_to`,
        // …) becomes a property of its source, named by the relationship, valued by the
        // destination's identifier, in the export's order.
        let position: HashMap<&str, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let mut extra: Vec<(usize, Property)> = Vec::new();
        for r in &self.doc.relationships {
            if r.relationship_identifier == PROJECTION || !is_prop_name(&r.relationship_identifier)
            {
                continue;
            }
            if let Some(&i) = position.get(r.source_element_identifier.as_str()) {
                extra.push((
                    i,
                    Property::new(
                        r.relationship_identifier.as_str(),
                        r.dest_element_identifier.trim(),
                    ),
                ));
            }
        }
        for (i, prop) in extra {
            if let Some(node) = nodes.get_mut(i) {
                node.props.push(prop);
            }
        }
        if !problems.is_empty() {
            return Err(invalid(problems));
        }
        let nodes = self.in_document_order(nodes);
        let first = self.doc.documents.first();
        let name = first
            .map(|d| d.name.clone())
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| framework.to_string());
        let version = first
            .map(|d| d.version.clone())
            .filter(|v| !v.trim().is_empty())
            .unwrap_or_else(|| "unknown".to_owned());
        let mut info = FrameworkInfo::new(
            framework,
            name,
            version,
            "NIST",
            TextLicence::PublicDomain {
                notice: Some(
                    "Imported from a NIST CPRT export; NIST publications are works of the U.S. Government.".to_owned(),
                ),
            },
        );
        info.sources = self
            .doc
            .documents
            .iter()
            .map(|d| {
                let mut s = SourceDocument::new(d.name.clone());
                s.version = Some(d.version.clone()).filter(|v| !v.is_empty());
                s.url = d.website.clone();
                s.note = Some(format!("NIST CPRT export, document {}", d.doc_identifier));
                s
            })
            .collect();
        Catalog::from_document(CatalogDocument::new(info, nodes), &self.origin)
            .map_err(CprtError::Load)
    }
}

impl CprtExport {
    /// The nodes in tree order, siblings ordered as NIST's document orders them: by the
    /// export's sort keys (`sort` elements, as CSF 2.0 has) where it gives them, else by
    /// their citation (`KA_164.308(a)(7).1` before `KA_164.308(b)(1).1`, `.2` before
    /// `.10`).
    fn in_document_order(&self, nodes: Vec<Node>) -> Vec<Node> {
        // Each element's sort key: the title of a `sort` element it links to.
        let sort_key = |id: &str| -> Option<String> {
            self.children(id)
                .find(|c| c.element_type == "sort")
                .map(|c| c.title.trim().to_owned())
        };
        let keys: Vec<(Option<String>, Vec<Chunk>)> = nodes
            .iter()
            .map(|n| (sort_key(n.id.as_str()), chunks(n.id.as_str())))
            .collect();
        let index: HashMap<&str, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let mut kids: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
        for (i, n) in nodes.iter().enumerate() {
            let parent = n
                .parent
                .as_ref()
                .and_then(|p| index.get(p.as_str()).copied());
            kids.entry(parent).or_default().push(i);
        }
        let order = |a: &usize, b: &usize| {
            let (ka, kb) = (keys.get(*a), keys.get(*b));
            match (ka, kb) {
                (Some((Some(x), _)), Some((Some(y), _))) => x.cmp(y),
                (Some((Some(_), _)), _) => std::cmp::Ordering::Less,
                (_, Some((Some(_), _))) => std::cmp::Ordering::Greater,
                (Some((None, x)), Some((None, y))) => x.cmp(y),
                _ => std::cmp::Ordering::Equal,
            }
            .then(a.cmp(b))
        };
        for list in kids.values_mut() {
            list.sort_by(order);
        }
        // Pre-order, without recursion; a node unreachable from a root (a cycle, which the
        // catalog's own validation reports) keeps its place at the end.
        let mut out: Vec<usize> = Vec::with_capacity(nodes.len());
        let mut seen = vec![false; nodes.len()];
        let mut stack: Vec<usize> = kids
            .get(&None)
            .into_iter()
            .flatten()
            .rev()
            .copied()
            .collect();
        while let Some(i) = stack.pop() {
            if seen.get(i).copied().unwrap_or(true) {
                continue;
            }
            if let Some(s) = seen.get_mut(i) {
                *s = true;
            }
            out.push(i);
            stack.extend(kids.get(&Some(i)).into_iter().flatten().rev().copied());
        }
        out.extend((0..nodes.len()).filter(|&i| !seen.get(i).copied().unwrap_or(true)));
        let mut slots: Vec<Option<Node>> = nodes.into_iter().map(Some).collect();
        out.into_iter()
            .filter_map(|i| slots.get_mut(i).and_then(Option::take))
            .collect()
    }
}

/// A piece of an identifier for ordering: numbers compare as numbers.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Chunk {
    Number(u64),
    Text(String),
}

/// An identifier cut into text and number pieces: `164.308(a)(10)` orders after `(a)(9)`.
fn chunks(id: &str) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut digits = String::new();
    for c in id.chars() {
        if c.is_ascii_digit() {
            if !text.is_empty() {
                out.push(Chunk::Text(std::mem::take(&mut text)));
            }
            digits.push(c);
        } else {
            if !digits.is_empty() {
                out.push(Chunk::Number(digits.parse().unwrap_or(u64::MAX)));
                digits.clear();
            }
            text.push(c);
        }
    }
    if !digits.is_empty() {
        out.push(Chunk::Number(digits.parse().unwrap_or(u64::MAX)));
    }
    if !text.is_empty() {
        out.push(Chunk::Text(text));
    }
    out
}

/// Whether a relationship identifier can name a property: a letter or `_`, then letters,
/// digits, `.`, `-` or `_`.
fn is_prop_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// White space folded to single spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `max` characters of `text` on one line, cut at a word and ending in `…` when
/// cut.
fn abbreviate(text: &str, max: usize) -> String {
    let line = one_line(text);
    if line.chars().count() <= max {
        return line;
    }
    let mut out = String::new();
    for word in line.split(' ') {
        if out.chars().count() + word.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}
