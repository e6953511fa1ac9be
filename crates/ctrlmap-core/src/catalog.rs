//! The validated, indexed catalog and navigation through its tree.

use std::collections::HashMap;
use std::io::Read;
use std::iter::FusedIterator;
use std::path::Path;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{LoadError, Problem};
use crate::extension::CatalogExtension;
use crate::id::{ControlId, ControlRef, FrameworkId};
use crate::load::{self, Limits};
use crate::model::{CatalogDocument, FrameworkInfo, Node, Property, Selection, TextLicence};
use crate::overlay::TextOverlay;

/// A framework's catalog: its metadata and its tree of nodes, validated and indexed.
///
/// A `Catalog` can only be made from a document that passes validation, so every node's
/// parent exists, ids are unique and the tree has no cycles. Lookup by id is O(1); parent,
/// children, ancestors, descendants and depth come from [`NodeRef`].
///
/// ```
/// use ctrlmap::Catalog;
///
/// let catalog = Catalog::from_json_str(r#"{
///   "framework": { "id": "demo", "name": "Demo", "version": "1", "publisher": "Us",
///                  "licence": { "kind": "public_domain" } },
///   "nodes": [
///     { "id": "A", "kind": "category", "title": "Access" },
///     { "id": "A.1", "kind": "control", "title": "Accounts", "parent": "A", "assessable": true }
///   ]
/// }"#)?;
/// let a1 = catalog.get("A.1").ok_or("A.1 is in the catalog")?;
/// assert_eq!(a1.parent().map(|p| p.node().title.as_str()), Some("Access"));
/// assert_eq!(a1.depth(), 1);
/// assert_eq!(catalog.assessable().count(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Catalog {
    doc: CatalogDocument,
    index: HashMap<ControlId, usize>,
    /// Other citations of nodes, from their `alias` properties.
    aliases: HashMap<String, usize>,
    parents: Vec<Option<usize>>,
    /// Children of node `i` are `child_list[child_start[i]..child_start[i + 1]]`, in
    /// document order.
    child_start: Vec<usize>,
    child_list: Vec<usize>,
    roots: Vec<usize>,
    depths: Vec<usize>,
}

/// Catalogs are equal when their metadata and nodes are; the `$schema` hint does not count.
impl PartialEq for Catalog {
    fn eq(&self, other: &Self) -> bool {
        self.doc.framework == other.doc.framework
            && self.doc.nodes == other.doc.nodes
            && self.doc.selections == other.doc.selections
    }
}

impl Eq for Catalog {}

/// The property an applied overlay sets on each node whose text it supplies: the overlay's
/// file or label.
pub const TEXT_SOURCE: &str = "text_source";

impl Catalog {
    /// Validates a document and builds the catalog.
    ///
    /// `origin` labels the document in errors (a path, or a label such as `built-in coso`).
    ///
    /// # Errors
    /// [`LoadError::Invalid`] listing every problem: no nodes, duplicate ids, unknown
    /// parents, cycles, empty titles or fields, and malformed property names.
    pub fn from_document(doc: CatalogDocument, origin: &str) -> Result<Self, LoadError> {
        Self::from_document_with_limits(doc, origin, &Limits::default())
    }

    /// As [`Catalog::from_document`], within the given limits on node count and tree depth.
    ///
    /// # Errors
    /// [`LoadError::LimitExceeded`] for too many nodes, otherwise as
    /// [`Catalog::from_document`] (with [`Problem::TooDeep`] for too deep a tree).
    pub fn from_document_with_limits(
        doc: CatalogDocument,
        origin: &str,
        limits: &Limits,
    ) -> Result<Self, LoadError> {
        if doc.nodes.len() > limits.max_nodes {
            return Err(LoadError::LimitExceeded {
                origin: origin.to_owned(),
                what: "number of nodes",
                limit: limits.max_nodes as u64,
            });
        }
        let problems = validate(&doc, limits);
        if !problems.is_empty() {
            return Err(LoadError::Invalid {
                origin: origin.to_owned(),
                problems,
            });
        }
        Ok(Self::build(doc))
    }

    /// Parses a catalog that a crate embeds with `include_str!`, for its `LazyLock`.
    ///
    /// # Panics
    /// If the embedded JSON is not a valid catalog. Use it only for data the crate's own tests
    /// load and validate, so that no user input can reach the panic; for anything else use
    /// [`Catalog::from_json_str_with_origin`].
    pub fn embedded(json: &'static str, origin: &str) -> Self {
        match Self::from_json_str_with_origin(json, origin) {
            Ok(catalog) => catalog,
            Err(e) => embedded_invalid(&e),
        }
    }

    /// Parses and validates a catalog from JSON text.
    ///
    /// # Errors
    /// [`LoadError::Syntax`] with line and column for malformed JSON, unknown fields and bad
    /// identifiers; [`LoadError::Invalid`] listing every validation problem.
    pub fn from_json_str(text: &str) -> Result<Self, LoadError> {
        Self::from_json_str_with_origin(text, load::STRING_ORIGIN)
    }

    /// As [`Catalog::from_json_str`], naming the document `origin` in errors.
    ///
    /// # Errors
    /// As [`Catalog::from_json_str`].
    pub fn from_json_str_with_origin(text: &str, origin: &str) -> Result<Self, LoadError> {
        Self::from_json_str_with_limits(text, origin, &Limits::default())
    }

    /// As [`Catalog::from_json_str_with_origin`], within the given limits.
    ///
    /// # Errors
    /// [`LoadError::LimitExceeded`] when the text or catalog is larger than the limits
    /// allow, otherwise as [`Catalog::from_json_str`].
    pub fn from_json_str_with_limits(
        text: &str,
        origin: &str,
        limits: &Limits,
    ) -> Result<Self, LoadError> {
        Self::from_document_with_limits(
            load::from_str_limited(text, origin, limits)?,
            origin,
            limits,
        )
    }

    /// Reads, parses and validates a catalog from a reader.
    ///
    /// # Errors
    /// [`LoadError::Io`] if reading fails, otherwise as [`Catalog::from_json_str`].
    pub fn from_reader(reader: impl Read, origin: &str) -> Result<Self, LoadError> {
        let limits = Limits::default();
        let doc = load::from_reader_limited(reader, origin, &limits)?;
        Self::from_document_with_limits(doc, origin, &limits)
    }

    /// Reads, parses and validates a catalog file. Errors name the path.
    ///
    /// # Errors
    /// [`LoadError::Io`] if the file cannot be read, otherwise as [`Catalog::from_json_str`].
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self, LoadError> {
        Self::from_path_with_limits(path, &Limits::default())
    }

    /// As [`Catalog::from_path`], within the given limits.
    ///
    /// # Errors
    /// [`LoadError::LimitExceeded`] when the file or catalog is larger than the limits allow,
    /// otherwise as [`Catalog::from_path`].
    pub fn from_path_with_limits(
        path: impl AsRef<Path>,
        limits: &Limits,
    ) -> Result<Self, LoadError> {
        let path = path.as_ref();
        let doc = load::from_path_limited(path, limits)?;
        Self::from_document_with_limits(doc, &path.display().to_string(), limits)
    }

    fn build(doc: CatalogDocument) -> Self {
        let n = doc.nodes.len();
        let index: HashMap<ControlId, usize> = doc
            .nodes
            .iter()
            .enumerate()
            .map(|(i, node)| (node.id.clone(), i))
            .collect();
        let aliases: HashMap<String, usize> = doc
            .nodes
            .iter()
            .enumerate()
            .flat_map(|(i, node)| {
                node.props
                    .iter()
                    .filter(|p| p.name == ALIAS_PROP)
                    .map(move |p| (p.value.clone(), i))
            })
            .collect();
        let parents: Vec<Option<usize>> = doc
            .nodes
            .iter()
            .map(|node| node.parent.as_ref().and_then(|p| index.get(p).copied()))
            .collect();

        // Counting sort of children by parent keeps each list in document order.
        let mut child_start = vec![0usize; n + 1];
        for p in parents.iter().flatten() {
            if let Some(slot) = child_start.get_mut(p + 1) {
                *slot += 1;
            }
        }
        for i in 0..n {
            let before = child_start.get(i).copied().unwrap_or(0);
            if let Some(slot) = child_start.get_mut(i + 1) {
                *slot += before;
            }
        }
        let mut fill = child_start.clone();
        let mut child_list = vec![0usize; child_start.last().copied().unwrap_or(0)];
        let mut roots = Vec::new();
        for (child, parent) in parents.iter().enumerate() {
            match parent {
                Some(p) => {
                    if let Some(pos) = fill.get_mut(*p) {
                        if let Some(slot) = child_list.get_mut(*pos) {
                            *slot = child;
                        }
                        *pos += 1;
                    }
                }
                None => roots.push(child),
            }
        }

        // Depths by walking down from the roots; validation guarantees a forest.
        let mut depths = vec![0usize; n];
        let mut stack: Vec<(usize, usize)> = roots.iter().map(|&r| (r, 0)).collect();
        while let Some((node, depth)) = stack.pop() {
            if let Some(d) = depths.get_mut(node) {
                *d = depth;
            }
            let start = child_start.get(node).copied().unwrap_or(0);
            let end = child_start.get(node + 1).copied().unwrap_or(start);
            for &c in child_list.get(start..end).unwrap_or_default() {
                stack.push((c, depth + 1));
            }
        }

        Self {
            doc,
            index,
            aliases,
            parents,
            child_start,
            child_list,
            roots,
            depths,
        }
    }

    /// The catalog's named selections of controls, such as NIST SP 800-53's baselines, in
    /// document order.
    pub fn selections(&self) -> &[Selection] {
        &self.doc.selections
    }

    /// The selection with this id (`moderate`), if the catalog has one.
    pub fn selection(&self, id: &str) -> Option<&Selection> {
        self.doc.selections.iter().find(|s| s.id.as_str() == id)
    }

    /// The framework's metadata.
    pub fn framework(&self) -> &FrameworkInfo {
        &self.doc.framework
    }

    /// The framework's id.
    pub fn id(&self) -> &FrameworkId {
        &self.doc.framework.id
    }

    /// The terms under which the node texts may be used.
    pub fn licence(&self) -> &TextLicence {
        &self.doc.framework.licence
    }

    /// The number of nodes.
    pub fn len(&self) -> usize {
        self.doc.nodes.len()
    }

    /// Whether the catalog has no nodes (never true for a validated catalog).
    pub fn is_empty(&self) -> bool {
        self.doc.nodes.is_empty()
    }

    /// The node with this id, in O(1).
    pub fn get(&self, id: &str) -> Option<NodeRef<'_>> {
        self.index.get(id).map(|&index| NodeRef {
            catalog: self,
            index,
        })
    }

    /// The node with this id, or with this among its `alias` properties (another way its
    /// publisher cites it, such as HIPAA's `164.308(a)(1)(i)` for `164.308(a)(1)`), in O(1).
    pub fn find(&self, id_or_alias: &str) -> Option<NodeRef<'_>> {
        self.get(id_or_alias).or_else(|| {
            self.aliases.get(id_or_alias).map(|&index| NodeRef {
                catalog: self,
                index,
            })
        })
    }

    /// Whether a node has this id.
    pub fn contains(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    /// The node a reference names (by id or alias), if the reference is to this framework
    /// and the node exists.
    pub fn resolve(&self, reference: &ControlRef) -> Option<NodeRef<'_>> {
        (reference.framework() == self.id())
            .then(|| self.find(reference.control().as_str()))
            .flatten()
    }

    /// A reference to the node with this id in this framework.
    pub fn control_ref(&self, id: &ControlId) -> ControlRef {
        ControlRef::new(self.id().clone(), id.clone())
    }

    /// The existing id closest to `input`, for "did you mean" messages.
    pub fn closest_id(&self, input: &str) -> Option<&ControlId> {
        let found = crate::suggest::closest(input, self.doc.nodes.iter().map(|n| n.id.as_str()))?;
        self.index.get_key_value(found).map(|(k, _)| k)
    }

    /// The node that most nearly encloses a citation this catalog does not have: the
    /// longest prefix of `input` that ends before a `(` and names a node (by id or alias).
    /// `164.308(b)(4)` in HIPAA gives `164.308(b)`; use it to say what does exist, not as
    /// an equivalent of `input`.
    ///
    /// ```
    /// # let catalog = ctrlmap::Catalog::from_json_str(r#"{ "framework": { "id": "x",
    /// #   "name": "x", "version": "1", "publisher": "p", "licence": { "kind": "public_domain" } },
    /// #   "nodes": [ { "id": "1(a)", "kind": "paragraph", "title": "t" } ] }"#)?;
    /// let within = catalog.enclosing("1(a)(9)").ok_or("1(a) encloses it")?;
    /// assert_eq!(within.id.as_str(), "1(a)");
    /// assert!(catalog.enclosing("1(b)").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn enclosing(&self, input: &str) -> Option<NodeRef<'_>> {
        input
            .char_indices()
            .rev()
            .filter(|&(i, c)| c == '(' && i > 0)
            .find_map(|(i, _)| input.get(..i).and_then(|prefix| self.find(prefix)))
    }

    /// Every node in document order.
    pub fn iter(&self) -> Nodes<'_> {
        Nodes {
            catalog: self,
            range: 0..self.len(),
        }
    }

    /// The top-level nodes in document order.
    pub fn roots(&self) -> impl DoubleEndedIterator<Item = NodeRef<'_>> + ExactSizeIterator {
        self.roots.iter().map(|&index| NodeRef {
            catalog: self,
            index,
        })
    }

    /// The assessable nodes in document order.
    pub fn assessable(&self) -> impl Iterator<Item = NodeRef<'_>> {
        self.iter().filter(|n| n.assessable)
    }

    /// The underlying document.
    pub fn document(&self) -> &CatalogDocument {
        &self.doc
    }

    /// Gives back the underlying document.
    pub fn into_document(self) -> CatalogDocument {
        self.doc
    }

    /// Serializes the catalog as pretty-printed JSON in the catalog format.
    pub fn to_json_pretty(&self) -> String {
        // Serializing plain structs of strings, bools and vectors to a String cannot fail.
        serde_json::to_string_pretty(&self.doc).unwrap_or_default()
    }

    /// Applies a text overlay: sets the full text of every node it names.
    ///
    /// All or nothing: the overlay is checked against the whole catalog first, and if it names
    /// another framework or any id the catalog lacks, nothing changes and the error lists
    /// every unknown id.
    ///
    /// # Errors
    /// [`LoadError::Invalid`] with [`Problem::WrongFramework`] or one [`Problem::UnknownId`]
    /// per unknown id.
    ///
    /// ```
    /// use ctrlmap::{Catalog, TextOverlay};
    /// # let mut catalog = Catalog::from_json_str(r#"{
    /// #   "framework": { "id": "demo", "name": "Demo", "version": "1", "publisher": "Us",
    /// #                  "licence": { "kind": "summaries_only", "notice": "(c) Us" } },
    /// #   "nodes": [ { "id": "A", "kind": "control", "title": "Access" } ] }"#)?;
    /// let overlay = TextOverlay::from_json_str(r#"{
    ///   "framework": "demo",
    ///   "texts": { "A": "The licensed full text of control A." }
    /// }"#)?;
    /// catalog.apply_overlay(&overlay)?;
    /// assert_eq!(catalog.get("A").and_then(|n| n.node().text.as_deref()),
    ///            Some("The licensed full text of control A."));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// Each node that receives a text gets the property `text_source` naming the overlay
    /// (its file or label), so that a reader can tell licensed text from the catalog's own. An
    /// overlay may not replace text a public-domain catalog ships
    /// ([`Problem::ReplacesPublicText`]).
    pub fn apply_overlay(&mut self, overlay: &TextOverlay) -> Result<(), LoadError> {
        let problems = self.check_overlay(overlay);
        if !problems.is_empty() {
            return Err(LoadError::Invalid {
                origin: overlay.origin().to_owned(),
                problems,
            });
        }
        for (id, text) in overlay.texts() {
            if let Some(node) = self.index.get(id).and_then(|&i| self.doc.nodes.get_mut(i)) {
                node.text = Some(text.clone());
                // Say where the text came from, so that readers can tell it from the catalog's.
                node.props.retain(|p| p.name != TEXT_SOURCE);
                node.props
                    .push(Property::new(TEXT_SOURCE, overlay.origin()));
            }
        }
        Ok(())
    }

    /// Adds the nodes of a catalog extension, such as a licensed user's HITRUST requirement
    /// statements.
    ///
    /// All or nothing: the extension's nodes are validated as a catalog's are (unique ids,
    /// parents that exist here or in the extension, no cycles, titles), and must not reuse an
    /// id of this catalog; on any problem nothing changes.
    ///
    /// # Errors
    /// [`LoadError::Invalid`] listing every problem, with paths into the extension.
    pub fn extend(&mut self, extension: &CatalogExtension) -> Result<(), LoadError> {
        self.extend_with_limits(extension, &Limits::default())
    }

    /// As [`Catalog::extend`], within `limits` (node count and tree depth of the result).
    ///
    /// # Errors
    /// As [`Catalog::extend`], and [`LoadError::LimitExceeded`].
    pub fn extend_with_limits(
        &mut self,
        extension: &CatalogExtension,
        limits: &Limits,
    ) -> Result<(), LoadError> {
        let invalid = |problems| LoadError::Invalid {
            origin: extension.origin().to_owned(),
            problems,
        };
        if extension.framework() != self.id() {
            return Err(invalid(vec![Problem::WrongFramework {
                overlay: extension.framework().clone(),
                catalog: self.id().clone(),
            }]));
        }
        if self.len() + extension.nodes().len() > limits.max_nodes {
            return Err(LoadError::LimitExceeded {
                origin: extension.origin().to_owned(),
                what: "number of nodes",
                limit: limits.max_nodes as u64,
            });
        }
        let mut problems = validate_nodes(extension.nodes(), Some(self), limits);
        // A catalog whose text is public law (HIPAA, NIST's publications) is the law as
        // published: an extension adds an organization's own material, never more law.
        if matches!(self.framework().licence, TextLicence::PublicDomain { .. }) {
            for (index, node) in extension.nodes().iter().enumerate() {
                if matches!(
                    node.kind,
                    crate::NodeKind::Subpart
                        | crate::NodeKind::Section
                        | crate::NodeKind::Paragraph
                        | crate::NodeKind::Standard
                        | crate::NodeKind::ImplementationSpecification
                        | crate::NodeKind::Requirement
                        | crate::NodeKind::Element
                        | crate::NodeKind::KeyActivity
                ) {
                    problems.push(Problem::ExtendsPublishedText {
                        id: node.id.clone(),
                        index,
                        kind: node.kind,
                    });
                }
            }
        }
        if !problems.is_empty() {
            return Err(invalid(problems));
        }
        let mut doc = self.doc.clone();
        // Every node an extension adds says where it came from, wherever it is shown.
        doc.nodes
            .extend(extension.nodes().iter().cloned().map(|mut n| {
                if !n.props.iter().any(|p| p.name == ADDED_BY_PROP) {
                    n.props
                        .push(crate::Property::new(ADDED_BY_PROP, extension.origin()));
                }
                n
            }));
        *self = Self::build(doc);
        Ok(())
    }

    /// The problems [`Catalog::apply_overlay`] would report, without applying anything.
    pub fn check_overlay(&self, overlay: &TextOverlay) -> Vec<Problem> {
        if overlay.framework() != self.id() {
            return vec![Problem::WrongFramework {
                overlay: overlay.framework().clone(),
                catalog: self.id().clone(),
            }];
        }
        let public = matches!(self.framework().licence, TextLicence::PublicDomain { .. });
        let mut suggested = 0usize;
        let mut problems = Vec::new();
        for id in overlay.texts().keys() {
            match self.get(id.as_str()) {
                None => {
                    suggested += 1;
                    problems.push(Problem::UnknownId {
                        framework: self.id().clone(),
                        id: id.clone(),
                        suggestion: (suggested <= crate::suggest::MAX_SUGGESTIONS)
                            .then(|| self.closest_id(id.as_str()).cloned())
                            .flatten(),
                    });
                }
                Some(node) if public && node.text.is_some() => {
                    problems.push(Problem::ReplacesPublicText {
                        framework: self.id().clone(),
                        id: id.clone(),
                    });
                }
                Some(_) => {}
            }
        }
        problems
    }

    fn node_ref(&self, index: usize) -> Option<NodeRef<'_>> {
        (index < self.len()).then_some(NodeRef {
            catalog: self,
            index,
        })
    }

    fn children_of(&self, index: usize) -> &[usize] {
        let start = self.child_start.get(index).copied().unwrap_or(0);
        let end = self.child_start.get(index + 1).copied().unwrap_or(start);
        self.child_list.get(start..end).unwrap_or_default()
    }
}

impl<'a> IntoIterator for &'a Catalog {
    type Item = NodeRef<'a>;
    type IntoIter = Nodes<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl Serialize for Catalog {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.doc.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Catalog {
    /// Deserializes and validates; validation problems become one custom error listing them.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let doc = CatalogDocument::deserialize(deserializer)?;
        Self::from_document(doc, "catalog").map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Catalog {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        CatalogDocument::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        CatalogDocument::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        CatalogDocument::json_schema(generator)
    }
}

impl TryFrom<CatalogDocument> for Catalog {
    type Error = LoadError;
    fn try_from(doc: CatalogDocument) -> Result<Self, Self::Error> {
        Self::from_document(doc, "catalog")
    }
}

/// A node together with its catalog, for navigating the tree.
///
/// Dereferences to the [`Node`], so `node.title` and `node.id` work directly. To keep a borrow
/// of a field beyond the `NodeRef` itself (in a closure passed to `map`, say), go through
/// [`NodeRef::node`], whose result lives as long as the catalog.
#[derive(Debug, Clone, Copy)]
pub struct NodeRef<'a> {
    catalog: &'a Catalog,
    index: usize,
}

impl<'a> NodeRef<'a> {
    /// The node.
    pub fn node(&self) -> &'a Node {
        // `index` is always in range: a NodeRef is only made for an existing node.
        let nodes: &'a [Node] = &self.catalog.doc.nodes;
        match nodes.get(self.index) {
            Some(node) => node,
            None => unreachable_node(),
        }
    }

    /// The catalog the node belongs to.
    pub fn catalog(&self) -> &'a Catalog {
        self.catalog
    }

    /// The node's position in document order.
    pub fn position(&self) -> usize {
        self.index
    }

    /// The reference `framework:id` to this node.
    pub fn control_ref(&self) -> ControlRef {
        self.catalog.control_ref(&self.node().id)
    }

    /// The enclosing node, if any.
    pub fn parent(&self) -> Option<NodeRef<'a>> {
        let parent = self.catalog.parents.get(self.index).copied().flatten()?;
        self.catalog.node_ref(parent)
    }

    /// The nodes directly below this one, in document order.
    pub fn children(
        &self,
    ) -> impl DoubleEndedIterator<Item = NodeRef<'a>> + ExactSizeIterator + use<'a> {
        let catalog = self.catalog;
        catalog
            .children_of(self.index)
            .iter()
            .map(move |&index| NodeRef { catalog, index })
    }

    /// The enclosing nodes, nearest first, up to the top-level node.
    pub fn ancestors(&self) -> impl Iterator<Item = NodeRef<'a>> + use<'a> {
        std::iter::successors(self.parent(), NodeRef::parent)
    }

    /// Every node below this one, depth first in document order (pre-order).
    pub fn descendants(&self) -> Descendants<'a> {
        let mut stack: Vec<usize> = self.catalog.children_of(self.index).to_vec();
        stack.reverse();
        Descendants {
            catalog: self.catalog,
            stack,
        }
    }

    /// How many ancestors the node has: 0 for a top-level node.
    pub fn depth(&self) -> usize {
        self.catalog.depths.get(self.index).copied().unwrap_or(0)
    }

    /// Where a withdrawn node's content went: the nodes of its catalog its
    /// [`MOVED_TO_PROP`] and [`INCORPORATED_INTO_PROP`] name (by id or alias), in its order.
    /// Empty for a node that is not withdrawn.
    ///
    /// ```
    /// let at5 = ctrlmap::sp800_53::catalog().get("AT-5").ok_or("AT-5")?;
    /// let to: Vec<String> = at5.withdrawn_to().iter().map(|n| n.id.to_string()).collect();
    /// assert_eq!(to, ["PM-15"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn withdrawn_to(&self) -> Vec<NodeRef<'a>> {
        let node = self.node();
        if !node.is_withdrawn() {
            return Vec::new();
        }
        node.props
            .iter()
            .filter(|p| p.name == MOVED_TO_PROP || p.name == INCORPORATED_INTO_PROP)
            .filter_map(|p| self.catalog.find(&p.value))
            .collect()
    }
}

#[cold]
#[allow(clippy::panic)] // Reached only by embedded data that the owning crate's tests reject.
fn embedded_invalid(e: &LoadError) -> ! {
    panic!("an embedded catalog is invalid: {e}")
}

#[cold]
fn unreachable_node() -> ! {
    unreachable!("NodeRef index out of range")
}

impl std::ops::Deref for NodeRef<'_> {
    type Target = Node;
    fn deref(&self) -> &Node {
        self.node()
    }
}

impl PartialEq for NodeRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.catalog, other.catalog) && self.index == other.index
    }
}

impl Eq for NodeRef<'_> {}

/// The nodes of a catalog in document order; see [`Catalog::iter`].
#[derive(Debug, Clone)]
pub struct Nodes<'a> {
    catalog: &'a Catalog,
    range: std::ops::Range<usize>,
}

impl<'a> Iterator for Nodes<'a> {
    type Item = NodeRef<'a>;
    fn next(&mut self) -> Option<Self::Item> {
        let index = self.range.next()?;
        self.catalog.node_ref(index)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }
}

impl DoubleEndedIterator for Nodes<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let index = self.range.next_back()?;
        self.catalog.node_ref(index)
    }
}

impl ExactSizeIterator for Nodes<'_> {}
impl FusedIterator for Nodes<'_> {}

/// The descendants of a node, depth first; see [`NodeRef::descendants`].
#[derive(Debug, Clone)]
pub struct Descendants<'a> {
    catalog: &'a Catalog,
    stack: Vec<usize>,
}

impl<'a> Iterator for Descendants<'a> {
    type Item = NodeRef<'a>;
    fn next(&mut self) -> Option<Self::Item> {
        let index = self.stack.pop()?;
        self.stack
            .extend(self.catalog.children_of(index).iter().rev().copied());
        self.catalog.node_ref(index)
    }
}

impl FusedIterator for Descendants<'_> {}

/// The property through which a node names other citations of itself.
pub const ALIAS_PROP: &str = "alias";

/// The property that carries a publisher's public-domain guidance on a node, verbatim: NIST SP
/// 800-53's discussion of a control. (A node's `summary` is always in ctrlmap's own words.)
pub const GUIDANCE_PROP: &str = "guidance";

/// The property that says a node's publisher has withdrawn it, with the value
/// [`WITHDRAWN`]: the node is kept so that its id resolves, and is not assessable.
pub const STATUS_PROP: &str = "status";

/// The value of [`STATUS_PROP`] on a withdrawn node.
pub const WITHDRAWN: &str = "withdrawn";

/// The property a withdrawn node carries for each node it was moved to, such as `AT-2(4)` on
/// NIST SP 800-53's `AT-3(4)` (OSCAL's `moved-to` link, CPRT's `moved_to` relationship).
pub const MOVED_TO_PROP: &str = "moved_to";

/// The property a withdrawn node carries for each node it was incorporated into, such as
/// `PM-15` on NIST SP 800-53's `AT-5` (OSCAL's `incorporated-into` link, CPRT's
/// `incorporated_into`). An import keeps the target as its source writes it: a node, or a
/// part of one (`ac-2_smt.k`, item k of AC-2's statement).
pub const INCORPORATED_INTO_PROP: &str = "incorporated_into";

/// The property an extension's nodes carry: the file (or label) that added them, so that an
/// organization's own additions are never mistaken for the framework as published.
pub const ADDED_BY_PROP: &str = "added_by";

/// The property through which an [`Element`](crate::NodeKind::Element) or
/// [`KeyActivity`](crate::NodeKind::KeyActivity) names a further requirement it is an element
/// of, beyond the nearest assessable node it is under (a NIST key activity that carries
/// several implementation specifications). Each value must be the id or alias of a node of
/// the catalog.
///
/// The elements of a requirement are the elements whose nearest assessable ancestor it is,
/// and those under a node that names it here. A held control that contains a requirement
/// contains the elements under it (through `parent`), not those it is only named by.
pub const ELEMENT_OF_PROP: &str = "element_of";

/// The property through which a requirement says whether its elements exhaust it:
/// `exhaustive` (together they are the whole requirement, so a requirement whose every element
/// is evidenced is covered) or `not_exhaustive` (it asks for more than they name). Absent
/// means not judged, read as `not_exhaustive`. The reason goes in
/// [`ELEMENTS_NOTE_PROP`].
pub const ELEMENTS_PROP: &str = "elements";

/// Why a requirement's elements do or do not exhaust it (see [`ELEMENTS_PROP`]).
pub const ELEMENTS_NOTE_PROP: &str = "elements_note";

/// Who names an element: `nist` (a NIST SP 800-66 Rev. 2 description or key activity) or
/// `ctrlmap` (a part of the rule's text that no NIST description names, added by ctrlmap).
pub const ELEMENT_SOURCE_PROP: &str = "element_source";

/// On an element that asks nothing of an organization (a pointer to another part of the
/// guidance): why it is not counted.
pub const INFORMATIVE_PROP: &str = "informative";

fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}

fn is_token(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// Every rule a catalog document breaks, in document order.
fn validate(doc: &CatalogDocument, limits: &Limits) -> Vec<Problem> {
    let mut problems = Vec::new();
    let fw = &doc.framework;
    for (path, value) in [
        ("framework.name", &fw.name),
        ("framework.version", &fw.version),
        ("framework.publisher", &fw.publisher),
    ] {
        if is_blank(value) {
            problems.push(Problem::EmptyField {
                path: path.to_owned(),
            });
        }
    }
    for (i, source) in fw.sources.iter().enumerate() {
        if is_blank(&source.title) {
            problems.push(Problem::EmptyField {
                path: format!("framework.sources[{i}].title"),
            });
        }
    }
    if doc.nodes.is_empty() {
        problems.push(Problem::NoNodes);
        return problems;
    }
    problems.extend(validate_nodes(&doc.nodes, None, limits));
    problems.extend(validate_selections(doc));
    problems
}

/// Every rule the selections break: ids new to the nodes and to each other, titles, and each
/// listed id a node, once. Suggestions for the first few unknown ids only.
fn validate_selections(doc: &CatalogDocument) -> Vec<Problem> {
    let mut problems = Vec::new();
    let nodes: std::collections::HashSet<&str> = doc.nodes.iter().map(|n| n.id.as_str()).collect();
    let mut ids = std::collections::HashSet::new();
    let mut suggested = 0usize;
    for (index, s) in doc.selections.iter().enumerate() {
        let reason = if nodes.contains(s.id.as_str()) {
            Some("the id is already a node's id; give the selection an id of its own")
        } else if !ids.insert(s.id.as_str()) {
            Some("the id is already another selection's")
        } else if is_blank(&s.title) {
            Some("the title is empty; give the selection its name")
        } else {
            None
        };
        if let Some(reason) = reason {
            problems.push(Problem::BadSelection {
                index,
                id: s.id.clone(),
                reason,
            });
        }
        let mut listed = std::collections::HashSet::with_capacity(s.controls.len());
        for control in &s.controls {
            let known = nodes.contains(control.as_str());
            let repeated = known && !listed.insert(control.as_str());
            if known && !repeated {
                continue;
            }
            suggested += usize::from(!known);
            let suggestion = (!known && suggested <= crate::suggest::MAX_SUGGESTIONS)
                // In document order, so that a tie always suggests the same id.
                .then(|| {
                    crate::suggest::closest(
                        control.as_str(),
                        doc.nodes.iter().map(|n| n.id.as_str()),
                    )
                })
                .flatten()
                .and_then(|c| c.parse().ok());
            problems.push(Problem::BadSelectionControl {
                index,
                selection: s.id.clone(),
                control: control.clone(),
                repeated,
                suggestion,
            });
        }
    }
    problems
}

/// Every rule a list of nodes breaks, in document order. With a `base`, the nodes extend that
/// catalog: their parents may be its nodes, and their ids and aliases must be new to it.
fn validate_nodes(nodes: &[Node], base: Option<&Catalog>, limits: &Limits) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut suggested = 0usize;
    let in_base = |id: &str| base.is_some_and(|b| b.find(id).is_some());
    let mut index: HashMap<&ControlId, usize> = HashMap::with_capacity(nodes.len());
    for (i, node) in nodes.iter().enumerate() {
        if in_base(node.id.as_str()) {
            problems.push(Problem::AlreadyDefined {
                id: node.id.clone(),
                index: i,
            });
        } else if let Some(&first) = index.get(&node.id) {
            problems.push(Problem::DuplicateId {
                id: node.id.clone(),
                first,
                index: i,
            });
        } else {
            index.insert(&node.id, i);
        }
    }

    for (i, node) in nodes.iter().enumerate() {
        if is_blank(&node.title) {
            problems.push(Problem::EmptyTitle {
                id: node.id.clone(),
                index: i,
            });
        }
        for (field, value) in [("summary", &node.summary), ("text", &node.text)] {
            if value.as_deref().is_some_and(is_blank) {
                problems.push(Problem::EmptyField {
                    path: format!("nodes[{i}].{field}"),
                });
            }
        }
        for (j, prop) in node.props.iter().enumerate() {
            if !is_token(&prop.name) {
                problems.push(Problem::InvalidPropertyName {
                    path: format!("nodes[{i}].props[{j}].name"),
                    name: prop.name.clone(),
                });
            }
        }
        if let Some(parent) = &node.parent
            && !index.contains_key(parent)
            && !base.is_some_and(|b| b.contains(parent.as_str()))
        {
            suggested += 1;
            let suggestion = (suggested <= crate::suggest::MAX_SUGGESTIONS)
                .then(|| {
                    crate::suggest::closest(parent.as_str(), nodes.iter().map(|n| n.id.as_str()))
                })
                .flatten()
                .and_then(|s| s.parse().ok());
            problems.push(Problem::UnknownParent {
                id: node.id.clone(),
                index: i,
                parent: parent.clone(),
                suggestion,
            });
        }
    }

    let ids: std::collections::HashSet<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
    let mut aliases: HashMap<&str, usize> = HashMap::new();
    for (i, node) in nodes.iter().enumerate() {
        for (j, prop) in node.props.iter().enumerate() {
            if prop.name != ALIAS_PROP {
                continue;
            }
            let taken = ids.contains(prop.value.as_str())
                || in_base(&prop.value)
                || aliases
                    .insert(&prop.value, i)
                    .is_some_and(|other| other != i);
            if taken || prop.value.parse::<ControlId>().is_err() {
                problems.push(Problem::BadAlias {
                    path: format!("nodes[{i}].props[{j}].value"),
                    alias: prop.value.clone(),
                });
            }
        }
    }

    for (i, node) in nodes.iter().enumerate() {
        for (j, prop) in node.props.iter().enumerate() {
            let v = prop.value.as_str();
            if prop.name == ELEMENT_OF_PROP
                && !ids.contains(v)
                && !aliases.contains_key(v)
                && !in_base(v)
            {
                problems.push(Problem::BadElementOf {
                    path: format!("nodes[{i}].props[{j}].value"),
                    value: prop.value.clone(),
                });
            }
        }
    }

    let cycles = find_cycles(nodes, &index);
    if cycles.is_empty() {
        problems.extend(too_deep(nodes, &index, base, limits.max_depth));
    }
    problems.extend(cycles);
    problems
}

/// The nodes just past the depth limit (one per branch that goes too deep). Parents must form
/// a forest, which the cycle check establishes first.
fn too_deep(
    nodes: &[Node],
    index: &HashMap<&ControlId, usize>,
    base: Option<&Catalog>,
    max_depth: usize,
) -> Vec<Problem> {
    let mut depth: Vec<Option<usize>> = vec![None; nodes.len()];
    let mut walk: Vec<usize> = Vec::new();
    for start in 0..nodes.len() {
        // Climb from `start` to a node of known depth, a root, or a parent outside `nodes`;
        // `above` is the depth of whatever is above the top of the walk.
        let mut current = Some(start);
        let mut above: Option<usize> = None;
        while let Some(i) = current {
            if let Some(d) = depth.get(i).copied().flatten() {
                above = Some(d);
                break;
            }
            walk.push(i);
            current = match nodes.get(i).and_then(|n| n.parent.as_ref()) {
                None => None,
                Some(parent) => match index.get(parent) {
                    Some(&p) => Some(p),
                    None => {
                        // A node of the catalog being extended; or an unknown parent, which
                        // is reported elsewhere and counts as a root here.
                        above = base.and_then(|b| b.get(parent.as_str())).map(|n| n.depth());
                        None
                    }
                },
            };
        }
        let top_depth = above.map_or(0, |d| d + 1);
        for (k, &node) in walk.iter().rev().enumerate() {
            if let Some(slot) = depth.get_mut(node) {
                *slot = Some(top_depth + k);
            }
        }
        walk.clear();
    }
    nodes
        .iter()
        .enumerate()
        .filter(|&(i, _)| depth.get(i).copied().flatten() == Some(max_depth + 1))
        .map(|(i, n)| Problem::TooDeep {
            id: n.id.clone(),
            index: i,
            depth: max_depth + 1,
            max: max_depth,
        })
        .collect()
}

/// Finds each parent cycle once, reported at its first node in document order.
fn find_cycles(nodes: &[Node], index: &HashMap<&ControlId, usize>) -> Vec<Problem> {
    // The first node with each id is the one parents resolve to.
    let parent_of = |i: usize| -> Option<usize> {
        let node = nodes.get(i)?;
        index.get(node.parent.as_ref()?).copied()
    };
    const UNSEEN: usize = usize::MAX;
    // For each node, the walk that first reached it, so a walk that meets its own trail has
    // found a cycle, and one that meets an older trail stops.
    let mut seen_by = vec![UNSEEN; nodes.len()];
    let mut cycles = Vec::new();
    for start in 0..nodes.len() {
        let mut current = Some(start);
        while let Some(i) = current {
            match seen_by.get(i).copied() {
                Some(UNSEEN) => {
                    if let Some(slot) = seen_by.get_mut(i) {
                        *slot = start;
                    }
                    current = parent_of(i);
                }
                Some(walk) if walk == start => {
                    // `i` is on a cycle: collect it, starting from its smallest index.
                    let mut members = vec![i];
                    let mut next = parent_of(i);
                    while let Some(j) = next.filter(|&j| j != i) {
                        members.push(j);
                        next = parent_of(j);
                    }
                    let first_pos = members
                        .iter()
                        .enumerate()
                        .min_by_key(|&(_, &m)| m)
                        .map_or(0, |(pos, _)| pos);
                    members.rotate_left(first_pos);
                    if let Some(&first) = members.first() {
                        members.push(first);
                    }
                    let ids: Vec<ControlId> = members
                        .iter()
                        .filter_map(|&m| nodes.get(m).map(|n| n.id.clone()))
                        .collect();
                    if let (Some(&first), Some(id)) = (members.first(), ids.first()) {
                        cycles.push((
                            first,
                            Problem::Cycle {
                                id: id.clone(),
                                index: first,
                                cycle: ids.clone(),
                            },
                        ));
                    }
                    break;
                }
                _ => break,
            }
        }
    }
    cycles.sort_by_key(|&(first, _)| first);
    cycles.into_iter().map(|(_, p)| p).collect()
}
