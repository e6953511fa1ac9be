//! The crosswalk graph and its queries.

use std::collections::{HashMap, HashSet, VecDeque};

use ctrlmap_core::{
    Catalog, ControlId, ControlRef, ELEMENT_OF_PROP, ELEMENT_SOURCE_PROP, ELEMENTS_NOTE_PROP,
    ELEMENTS_PROP, FrameworkId, INFORMATIVE_PROP, MappingSetId, NodeKind,
};
use petgraph::Direction;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{MappingError, MappingProblem};
use crate::mapping::{Confidence, MappingSet, Method, Provenance, Rationale};
use crate::relationship::{Relationship, RelationshipSet};

/// The most hops an inferred query follows; larger requests are clamped to it (the CLI
/// refuses them).
pub const MAX_HOPS: usize = 6;

/// The most paths one inferred query or one coverage row extends before it stops and says its
/// answer is incomplete: enough for any realistic crosswalk (the built-in one needs a few
/// hundred), small enough that a hostile file cannot hold a query for long.
pub const DEFAULT_MAX_PATHS: usize = 200_000;

/// The most paths one coverage report extends in all, across its requirements and elements,
/// unless set (`CoverageOptions::max_report_paths`): a report's cost is bounded by the report,
/// not by its number of rows times the per-row budget. Rows left when it runs out are marked
/// incomplete.
pub const DEFAULT_MAX_REPORT_PATHS: usize = 2_000_000;

/// What a search found: the best path to each accepted node, and whether every path was
/// explored.
#[derive(Debug, Clone)]
pub(crate) struct Search {
    /// Every step taken, each pointing back to the step before it: the paths of `best`.
    pub(crate) steps: Vec<Step>,
    pub(crate) best: NodeMap<Found>,
    pub(crate) complete: bool,
    /// How many paths it extended.
    pub(crate) extended: usize,
}

/// A hasher for node indices, which are small integers of our own numbering (never text
/// from a file): one multiply per word instead of SipHash, for the maps searches fill.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct NodeHasher(u64);

impl NodeHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for NodeHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.add(u64::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

/// A map keyed by node.
pub(crate) type NodeMap<V> = HashMap<NodeIndex, V, std::hash::BuildHasherDefault<NodeHasher>>;
/// A set of nodes.
pub(crate) type NodeSet = HashSet<NodeIndex, std::hash::BuildHasherDefault<NodeHasher>>;

/// A control in the graph.
#[derive(Debug, Clone)]
pub(crate) struct ControlInfo {
    pub(crate) reference: ControlRef,
    pub(crate) title: Box<str>,
    pub(crate) kind: NodeKind,
    pub(crate) assessable: bool,
    /// Whether a gap here keeps its nearest assessable ancestor from being covered: false
    /// when the node carries a `requirement` property of `addressable` or `optional`.
    pub(crate) required: bool,
    /// The node's parent in its catalog.
    pub(crate) parent: Option<NodeIndex>,
    /// For an element or key activity: the further requirements it is an element of (its
    /// `element_of` properties), beyond the nearest assessable node it is under.
    pub(crate) element_of: Box<[NodeIndex]>,
    /// For a requirement: whether its elements are judged to exhaust it.
    pub(crate) exhaustive: bool,
    /// For a requirement: why its elements do or do not exhaust it.
    pub(crate) elements_note: Option<Box<str>>,
    /// For an element: who names it (`nist`, `ctrlmap`).
    pub(crate) element_source: Option<Box<str>>,
    /// For an element that asks nothing of an organization: why it is not counted.
    pub(crate) informative: Option<Box<str>>,
}

/// A mapping in the graph: "source relationship target".
#[derive(Debug, Clone, Copy)]
pub(crate) struct Edge {
    pub(crate) relationship: Relationship,
    pub(crate) rationale: Rationale,
    pub(crate) strength: u8,
    pub(crate) confidence: Option<Confidence>,
    pub(crate) set: u32,
    pub(crate) row: u32,
}

/// A loaded mapping set's metadata and notes.
#[derive(Debug, Clone)]
pub(crate) struct SetInfo {
    pub(crate) id: MappingSetId,
    pub(crate) title: String,
    pub(crate) provenance: Provenance,
    pub(crate) notes: Vec<Option<Box<str>>>,
    pub(crate) unmapped: Vec<(NodeIndex, String)>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct FrameworkInfo {
    pub(crate) name: String,
    /// Every node by id, and by each of its aliases.
    pub(crate) controls: HashMap<ControlId, NodeIndex>,
    /// Nodes in the catalog's document order.
    pub(crate) order: Vec<NodeIndex>,
    /// The catalog's named selections (baselines) by id.
    pub(crate) selections: HashMap<ControlId, SelectionInfo>,
}

/// A named selection of a framework's controls, such as an SP 800-53 baseline.
#[derive(Debug, Clone, Default)]
pub(crate) struct SelectionInfo {
    pub(crate) title: String,
    /// The nodes it lists, in the catalog's document order.
    pub(crate) nodes: Vec<NodeIndex>,
}

/// Controls of every loaded catalog, linked by the mappings of every loaded mapping set.
///
/// Catalogs and mapping sets are added incrementally; each addition is validated first and
/// applied only if it is valid, so a failed addition leaves the crosswalk as it was.
///
/// ```
/// use ctrlmap::Catalog;
/// use ctrlmap::crosswalk::{Crosswalk, MappingSet, Relationship};
///
/// let catalog = |id: &str, controls: &[&str]| {
///     let nodes: Vec<String> = controls.iter()
///         .map(|c| format!(r#"{{ "id": "{c}", "kind": "control", "title": "{c}", "assessable": true }}"#))
///         .collect();
///     Catalog::from_json_str(&format!(r#"{{ "framework": {{ "id": "{id}", "name": "{id}",
///         "version": "1", "publisher": "x", "licence": {{ "kind": "public_domain" }} }},
///         "nodes": [{}] }}"#, nodes.join(",")))
/// };
/// let mut cw = Crosswalk::new();
/// cw.add_catalog(&catalog("a", &["A1"])?)?;
/// cw.add_catalog(&catalog("b", &["B1"])?)?;
/// cw.add_catalog(&catalog("c", &["C1"])?)?;
/// for (id, s, t) in [("a-b", "a:A1", "b:B1"), ("b-c", "b:B1", "c:C1")] {
///     let (sf, tf) = (&s[..1], &t[..1]);
///     cw.add_mapping_set(&MappingSet::from_json_str(&format!(r#"{{ "id": "{id}", "title": "t",
///         "source_framework": "{sf}", "target_framework": "{tf}", "rationale": "semantic",
///         "provenance": {{ "publisher": "p", "document": "d", "version": "1", "licence": "MIT",
///                         "method": "expert" }},
///         "mappings": [ {{ "source": "{s}", "target": "{t}", "relationship": "subset_of",
///                         "strength": 8 }} ] }}"#))?)?;
/// }
/// let found = cw.infer(&"a:A1".parse()?, &"c".parse()?, 3)?;
/// assert_eq!(found[0].relationships.exactly_one(), Some(Relationship::SubsetOf));
/// assert_eq!(found[0].path.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Crosswalk {
    pub(crate) graph: DiGraph<ControlInfo, Edge, u32>,
    pub(crate) frameworks: HashMap<FrameworkId, FrameworkInfo>,
    pub(crate) framework_order: Vec<FrameworkId>,
    pub(crate) sets: Vec<SetInfo>,
}

/// A mapping seen from one control: "from relationship to".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Mapping {
    /// The control the mapping is read from.
    pub from: ControlRef,
    /// The control it is read to.
    pub to: ControlRef,
    /// How `from` relates to `to` (inverted when the stored mapping runs the other way).
    pub relationship: Relationship,
    /// Why.
    pub rationale: Rationale,
    /// How strong, 0 to 10.
    pub strength: u8,
    /// How confident its author is, when the set says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// The mapping set it comes from.
    pub set: MappingSetId,
    /// Who stands behind it: `official` when its set is published by an authority (NIST's
    /// crosswalks, the AICPA's TSC-to-COSO links), `expert` for an expert's reading (such as
    /// ctrlmap's own), `derived` when made mechanically from other data.
    pub method: Method,
    /// The set's one-line explanation, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A direct mapping that chains of the other kind of evidence rule out (see
/// [`Crosswalk::disagreements`]): an expert row NIST's crosswalks contradict, or the reverse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Disagreement {
    /// The direct mapping, read from its source.
    pub mapping: Mapping,
    /// The best chain of the other kind between the same two controls, and the relationships
    /// it allows (which exclude the mapping's).
    pub other: Inferred,
}

/// A mapping derived through a path of mappings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Inferred {
    /// The control reached.
    pub target: ControlRef,
    /// The relations that can hold from the query's control to `target`, by RCC-5
    /// composition along `path`.
    pub relationships: RelationshipSet,
    /// The mappings followed, in order.
    pub path: Vec<Mapping>,
    /// The weakest strength along the path.
    pub strength: u8,
    /// The rationale shared by every step, or `None` when the path mixes rationales, in
    /// which case the composition is only as sound as the steps' comparability.
    pub rationale: Option<Rationale>,
}

impl Inferred {
    /// Whether the path mixes rationales.
    pub fn mixes_rationales(&self) -> bool {
        self.rationale.is_none()
    }
}

/// Why a query could not be answered: it names a framework or control that is not loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    /// The framework is not loaded.
    #[error("framework {framework} is not loaded{}", suggestion.as_ref().map(|s| format!(" (did you mean {s}?)")).unwrap_or_default())]
    UnknownFramework {
        /// The framework asked for.
        framework: FrameworkId,
        /// The closest loaded framework, if one is close.
        suggestion: Option<FrameworkId>,
    },
    /// The control is not loaded.
    #[error("control {reference} is not loaded{}", suggestion.as_ref().map(|s| format!(" (did you mean {s}?)")).unwrap_or_default())]
    UnknownControl {
        /// The control asked for.
        reference: ControlRef,
        /// The closest loaded control of its framework, if one is close.
        suggestion: Option<ControlRef>,
    },
}

/// The answer of [`Crosswalk::infer_bounded`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Inferences {
    /// The mappings derived, best first.
    pub mappings: Vec<Inferred>,
    /// Whether every path was explored; `false` when the budget ran out first, so that a
    /// better path may exist.
    pub complete: bool,
}

/// The working space of searches, reused from one to the next: a coverage report runs one
/// per requirement and element.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// Per node, the paths kept to it: (set, hops, strength).
    kept: NodeMap<Vec<(RelationshipSet, usize, u8)>>,
    /// The nodes with labels in `kept`, to clear them without a sweep.
    touched: Vec<NodeIndex>,
    queue: VecDeque<Found>,
    on_path: Vec<NodeIndex>,
    /// The last search's answer.
    pub(crate) search: Search,
}

impl Scratch {
    fn clear(&mut self) {
        for n in self.touched.drain(..) {
            if let Some(labels) = self.kept.get_mut(&n) {
                labels.clear();
            }
        }
        self.queue.clear();
        self.on_path.clear();
        self.search.steps.clear();
        self.search.best.clear();
        self.search.complete = true;
        self.search.extended = 0;
    }
}

/// A path found by the search: the node reached, the composed set, and its last step (the
/// edges followed are read back through [`Search::steps`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found {
    pub(crate) node: NodeIndex,
    pub(crate) set: RelationshipSet,
    pub(crate) strength: u8,
    pub(crate) hops: usize,
    /// Its last step in [`Search::steps`]; [`Step::NONE`] for the empty path.
    pub(crate) last: u32,
}

/// One step of a path: the edge followed, which way, and the step before it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Step {
    pub(crate) edge: EdgeIndex,
    pub(crate) forward: bool,
    pub(crate) before: u32,
}

impl Step {
    /// No step: the start of every path.
    pub(crate) const NONE: u32 = u32::MAX;
}

impl Found {
    /// Better first: tighter set, fewer hops, stronger.
    pub(crate) fn rank(&self) -> (usize, usize, u8) {
        (self.set.len(), self.hops, u8::MAX - self.strength)
    }
}

impl Default for Search {
    fn default() -> Self {
        Self {
            steps: Vec::new(),
            best: NodeMap::default(),
            complete: true,
            extended: 0,
        }
    }
}

impl Search {
    /// The edges a path follows, from its start.
    pub(crate) fn edges(&self, found: &Found) -> Vec<(EdgeIndex, bool)> {
        let mut out = Vec::with_capacity(found.hops);
        let mut at = found.last;
        while let Some(step) = self.steps.get(at as usize) {
            out.push((step.edge, step.forward));
            if out.len() > found.hops {
                break;
            }
            at = step.before;
        }
        out.reverse();
        out
    }
}

impl Crosswalk {
    /// An empty crosswalk.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds every node of a catalog as a control.
    ///
    /// # Errors
    /// [`MappingError::Invalid`] with [`MappingProblem::CatalogAlreadyLoaded`] when the
    /// catalog's framework is already loaded.
    pub fn add_catalog(&mut self, catalog: &Catalog) -> Result<(), MappingError> {
        if self.frameworks.contains_key(catalog.id()) {
            return Err(MappingError::Invalid {
                origin: format!("catalog {}", catalog.id()),
                problems: vec![MappingProblem::CatalogAlreadyLoaded {
                    framework: catalog.id().clone(),
                }],
            });
        }
        let mut info = FrameworkInfo {
            name: catalog.framework().name.clone(),
            controls: HashMap::with_capacity(catalog.len()),
            order: Vec::with_capacity(catalog.len()),
            selections: HashMap::with_capacity(catalog.selections().len()),
        };
        for node in catalog {
            let n = node.node();
            let required = !n.props.iter().any(|p| {
                p.name == "requirement" && matches!(p.value.as_str(), "addressable" | "optional")
            });
            let prop = |name: &str| {
                n.props
                    .iter()
                    .find(|p| p.name == name)
                    .map(|p| Box::<str>::from(p.value.as_str()))
            };
            let index = self.graph.add_node(ControlInfo {
                reference: catalog.control_ref(&n.id),
                title: n.title.as_str().into(),
                kind: n.kind,
                assessable: n.assessable,
                required,
                parent: None,
                element_of: Box::default(),
                exhaustive: prop(ELEMENTS_PROP).as_deref() == Some("exhaustive"),
                elements_note: prop(ELEMENTS_NOTE_PROP),
                element_source: prop(ELEMENT_SOURCE_PROP),
                informative: prop(INFORMATIVE_PROP),
            });
            info.controls.insert(n.id.clone(), index);
            info.order.push(index);
        }
        // Parents and aliases, once every node has its index.
        for node in catalog {
            let n = node.node();
            let Some(&index) = info.controls.get(&n.id) else {
                continue;
            };
            let parent = n
                .parent
                .as_ref()
                .and_then(|p| info.controls.get(p).copied());
            let element_of: Box<[NodeIndex]> = n
                .props
                .iter()
                .filter(|p| p.name == ELEMENT_OF_PROP)
                .filter_map(|p| catalog.find(&p.value))
                .filter_map(|r| info.controls.get(&r.node().id).copied())
                .collect();
            if let Some(weight) = self.graph.node_weight_mut(index) {
                weight.parent = parent;
                weight.element_of = element_of;
            }
            for alias in n.props.iter().filter(|p| p.name == "alias") {
                if let Ok(alias) = alias.value.parse::<ControlId>() {
                    info.controls.entry(alias).or_insert(index);
                }
            }
        }
        for s in catalog.selections() {
            let mut nodes: Vec<NodeIndex> = s
                .controls
                .iter()
                .filter_map(|c| info.controls.get(c).copied())
                .collect();
            nodes.sort_unstable();
            info.selections.insert(
                s.id.clone(),
                SelectionInfo {
                    title: s.title.clone(),
                    nodes,
                },
            );
        }
        self.frameworks.insert(catalog.id().clone(), info);
        self.framework_order.push(catalog.id().clone());
        Ok(())
    }

    /// Adds a mapping set's mappings.
    ///
    /// All or nothing: both frameworks must be loaded, every ref must name a loaded control
    /// (every dangling ref is reported, with the closest existing control), and no mapping
    /// may contradict one already loaded; otherwise nothing is added. A mapping already
    /// loaded with the same relationship is merged (not added twice).
    ///
    /// # Errors
    /// [`MappingError::Invalid`] listing every problem.
    pub fn add_mapping_set(&mut self, set: &MappingSet) -> Result<(), MappingError> {
        let mut problems = Vec::new();
        if self.sets.iter().any(|s| &s.id == set.id()) {
            problems.push(MappingProblem::SetAlreadyLoaded {
                id: set.id().clone(),
            });
        }
        for (field, framework) in [
            ("source_framework", set.source_framework()),
            ("target_framework", set.target_framework()),
        ] {
            if !self.frameworks.contains_key(framework) {
                problems.push(MappingProblem::UnknownFramework {
                    field,
                    framework: framework.clone(),
                });
            }
        }
        // With a framework unknown, the rows are still checked against the frameworks that are
        // loaded, so that one missing catalog does not hide the set's other problems; the
        // unknown side of each row was reported once above.
        let loaded = |r: &ControlRef| self.frameworks.contains_key(r.framework());

        let mut edges: Vec<(NodeIndex, NodeIndex, Edge)> = Vec::with_capacity(set.mappings().len());
        let mut suggested = 0usize;
        let set_index = u32::try_from(self.sets.len()).unwrap_or(u32::MAX);
        for (i, row) in set.mappings().iter().enumerate() {
            let source = self.lookup(row.source.framework(), row.source.control().as_str());
            let target = self.lookup(row.target.framework(), row.target.control().as_str());
            for (field, reference, found) in [
                ("source", &row.source, source),
                ("target", &row.target, target),
            ] {
                if found.is_none() && loaded(reference) {
                    problems.push(MappingProblem::DanglingRef {
                        row: i,
                        field,
                        reference: reference.clone(),
                        suggestion: self.closest_capped(reference, &mut suggested),
                    });
                }
            }
            let (Some(source), Some(target)) = (source, target) else {
                continue;
            };
            // A mapping already loaded between the same two controls must agree.
            if let Some((existing, other_set)) = self.existing_relationship(source, target) {
                if existing != row.relationship {
                    problems.push(MappingProblem::Contradiction {
                        row: i,
                        from: row.source.clone(),
                        to: row.target.clone(),
                        relationship: row.relationship,
                        conflicts_with: format!("set {other_set}"),
                        existing,
                    });
                }
                continue;
            }
            edges.push((
                source,
                target,
                Edge {
                    relationship: row.relationship,
                    rationale: row.rationale.unwrap_or(set.rationale()),
                    strength: row.strength,
                    confidence: row.confidence,
                    set: set_index,
                    row: u32::try_from(i).unwrap_or(u32::MAX),
                },
            ));
        }
        let mut unmapped = Vec::with_capacity(set.unmapped().len());
        for (i, u) in set.unmapped().iter().enumerate() {
            match self.index_of(&u.control) {
                Some(node) => unmapped.push((node, u.reason.clone())),
                None if !loaded(&u.control) => {}
                None => problems.push(MappingProblem::DanglingRef {
                    row: i,
                    field: "unmapped",
                    reference: u.control.clone(),
                    suggestion: self.closest_capped(&u.control, &mut suggested),
                }),
            }
        }
        if !problems.is_empty() {
            return Err(MappingError::Invalid {
                origin: set.origin().to_owned(),
                problems,
            });
        }
        for (source, target, edge) in edges {
            self.graph.add_edge(source, target, edge);
        }
        self.sets.push(SetInfo {
            id: set.id().clone(),
            title: set.title().to_owned(),
            provenance: set.provenance().clone(),
            notes: set
                .mappings()
                .iter()
                .map(|r| r.note.as_deref().map(Into::into))
                .collect(),
            unmapped,
        });
        Ok(())
    }

    /// The relationship already loaded from `a` to `b` (in that reading), with its set's id.
    fn existing_relationship(
        &self,
        a: NodeIndex,
        b: NodeIndex,
    ) -> Option<(Relationship, &MappingSetId)> {
        let set_id = |set: u32| self.sets.get(set as usize).map(|s| &s.id);
        if let Some(e) = self.graph.edges_connecting(a, b).next() {
            return Some((e.weight().relationship, set_id(e.weight().set)?));
        }
        let e = self.graph.edges_connecting(b, a).next()?;
        Some((e.weight().relationship.inverse(), set_id(e.weight().set)?))
    }

    fn lookup(&self, framework: &FrameworkId, id: &str) -> Option<NodeIndex> {
        self.frameworks.get(framework)?.controls.get(id).copied()
    }

    pub(crate) fn index_of(&self, reference: &ControlRef) -> Option<NodeIndex> {
        self.lookup(reference.framework(), reference.control().as_str())
    }

    /// [`Self::closest`] for the first [`MAX_SUGGESTIONS`](ctrlmap_core::suggest::MAX_SUGGESTIONS)
    /// unknown names of one validation (counted in `suggested`), none after: a search per
    /// unknown name would make a long file cost its length squared.
    fn closest_capped(&self, reference: &ControlRef, suggested: &mut usize) -> Option<ControlRef> {
        *suggested += 1;
        (*suggested <= ctrlmap_core::suggest::MAX_SUGGESTIONS)
            .then(|| self.closest(reference))
            .flatten()
    }

    fn closest(&self, reference: &ControlRef) -> Option<ControlRef> {
        let framework = self.frameworks.get(reference.framework())?;
        // Candidates in document order, so that ties go to the earliest control.
        let found = ctrlmap_core::suggest::closest(
            reference.control().as_str(),
            framework
                .order
                .iter()
                .filter_map(|&n| self.graph.node_weight(n))
                .map(|c| c.reference.control().as_str()),
        )?;
        let id: ControlId = found.parse().ok()?;
        Some(ControlRef::new(reference.framework().clone(), id))
    }

    /// The loaded frameworks, in the order they were added.
    pub fn frameworks(&self) -> impl Iterator<Item = &FrameworkId> {
        self.framework_order.iter()
    }

    /// The name of a framework's named selection (a baseline such as `sp800-53:moderate`)
    /// and how many controls it lists, if `reference` names one rather than a control.
    ///
    /// ```
    /// let cw = ctrlmap::builtin_crosswalk();
    /// let (title, n) = cw.selection(&"sp800-53:moderate".parse()?).ok_or("a baseline")?;
    /// assert_eq!((title, n), ("MODERATE baseline", 287));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn selection(&self, reference: &ControlRef) -> Option<(&str, usize)> {
        self.selection_info(reference)
            .map(|s| (s.title.as_str(), s.nodes.len()))
    }

    /// The named selection `reference` names, if it names one and not a control (a node's
    /// id wins over a selection's).
    pub(crate) fn selection_info(&self, reference: &ControlRef) -> Option<&SelectionInfo> {
        if self.index_of(reference).is_some() {
            return None;
        }
        self.frameworks
            .get(reference.framework())
            .and_then(|fw| fw.selections.get(reference.control()))
    }

    /// The name of a loaded framework.
    pub fn framework_name(&self, framework: &FrameworkId) -> Option<&str> {
        self.frameworks.get(framework).map(|f| f.name.as_str())
    }

    /// Why mapping sets leave this control unmapped: (set id, reason) for each set that says.
    pub fn unmapped_reasons(&self, reference: &ControlRef) -> Vec<(&MappingSetId, &str)> {
        let Some(node) = self.index_of(reference) else {
            return Vec::new();
        };
        self.sets
            .iter()
            .flat_map(|s| {
                s.unmapped
                    .iter()
                    .filter(move |(n, _)| *n == node)
                    .map(move |(_, reason)| (&s.id, reason.as_str()))
            })
            .collect()
    }

    /// The number of controls.
    pub fn control_count(&self) -> usize {
        self.graph.node_count()
    }

    /// The number of mappings.
    pub fn mapping_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Whether the control is loaded.
    pub fn contains(&self, reference: &ControlRef) -> bool {
        self.index_of(reference).is_some()
    }

    /// The ids and titles of the loaded mapping sets, in the order they were added.
    pub fn mapping_sets(&self) -> impl Iterator<Item = (&MappingSetId, &str, &Provenance)> {
        self.sets
            .iter()
            .map(|s| (&s.id, s.title.as_str(), &s.provenance))
    }

    pub(crate) fn control(&self, index: NodeIndex) -> Option<&ControlInfo> {
        self.graph.node_weight(index)
    }

    /// The mapping an edge gives, read from `from`'s side (`forward` when `from` is the
    /// stored source).
    pub(crate) fn mapping(&self, edge: EdgeIndex, forward: bool) -> Option<Mapping> {
        let (a, b) = self.graph.edge_endpoints(edge)?;
        let weight = self.graph.edge_weight(edge)?;
        let set = self.sets.get(weight.set as usize)?;
        let (from, to, relationship) = if forward {
            (a, b, weight.relationship)
        } else {
            (b, a, weight.relationship.inverse())
        };
        Some(Mapping {
            from: self.control(from)?.reference.clone(),
            to: self.control(to)?.reference.clone(),
            relationship,
            rationale: weight.rationale,
            strength: weight.strength,
            confidence: weight.confidence,
            set: set.id.clone(),
            method: set.provenance.method,
            note: set
                .notes
                .get(weight.row as usize)
                .and_then(|n| n.as_deref())
                .map(str::to_owned),
        })
    }

    /// Every edge at a node, as (edge, forward, other end, relationship read from the node).
    fn neighbours(
        &self,
        node: NodeIndex,
    ) -> impl Iterator<Item = (EdgeIndex, bool, NodeIndex, Relationship)> + '_ {
        let out = self
            .graph
            .edges_directed(node, Direction::Outgoing)
            .map(|e| (e.id(), true, e.target(), e.weight().relationship));
        let inc = self
            .graph
            .edges_directed(node, Direction::Incoming)
            .map(|e| (e.id(), false, e.source(), e.weight().relationship.inverse()));
        out.chain(inc)
    }

    /// The mappings of a control, in both directions, read from its side (none when it has
    /// none).
    ///
    /// ```
    /// use ctrlmap::crosswalk::{QueryError, Relationship};
    ///
    /// let cw = ctrlmap::builtin_crosswalk();
    /// let mappings = cw.direct(&"hipaa:164.310(a)".parse()?)?;
    /// let cc6_4 = mappings.iter().find(|m| m.to == "soc2:CC6.4").ok_or("mapped to CC6.4")?;
    /// // Read from HIPAA's side: facility access controls are part of CC6.4.
    /// assert_eq!(cc6_4.relationship, Relationship::SubsetOf);
    /// assert_eq!(cc6_4.set, "hipaa-soc2");
    ///
    /// let err = cw.direct(&"soc2:CC6.10".parse()?).unwrap_err();
    /// assert!(matches!(err, QueryError::UnknownControl { .. }));
    /// assert_eq!(err.to_string(), "control soc2:CC6.10 is not loaded (did you mean soc2:CC6.1?)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`QueryError::UnknownControl`], with the closest loaded control, when the control is
    /// not loaded.
    pub fn direct(&self, reference: &ControlRef) -> Result<Vec<Mapping>, QueryError> {
        let node = self.query_node(reference)?;
        let mut out: Vec<Mapping> = self
            .neighbours(node)
            .filter_map(|(edge, forward, _, _)| self.mapping(edge, forward))
            .collect();
        out.sort_by(|a, b| a.to.cmp(&b.to));
        Ok(out)
    }

    pub(crate) fn query_node(&self, reference: &ControlRef) -> Result<NodeIndex, QueryError> {
        if !self.frameworks.contains_key(reference.framework()) {
            return Err(self.unknown_framework(reference.framework()));
        }
        self.index_of(reference)
            .ok_or_else(|| QueryError::UnknownControl {
                reference: reference.clone(),
                suggestion: self.closest(reference),
            })
    }

    pub(crate) fn unknown_framework(&self, framework: &FrameworkId) -> QueryError {
        QueryError::UnknownFramework {
            framework: framework.clone(),
            suggestion: ctrlmap_core::suggest::closest(
                framework.as_str(),
                self.framework_order.iter().map(FrameworkId::as_str),
            )
            .and_then(|s| s.parse().ok()),
        }
    }

    /// Breadth-first search of simple paths from `start`, up to `max_hops` (clamped to
    /// [`MAX_HOPS`]), composing the relationship read from `start`; the best path to each
    /// accepted node.
    ///
    /// Two rules keep the work bounded on dense graphs. A path whose composition is
    /// "anything" is dropped (extending it cannot narrow it). A path to a node is dropped when
    /// an earlier path to the same node is at least as good in every way that extending can
    /// keep (a relationship set contained in this one's, no more hops, no less strength):
    /// composition is monotone, so every extension of the dropped path is matched by one of
    /// the kept path that ranks no worse. At most `max_paths` paths are extended; when that
    /// budget runs out the result says it is incomplete.
    pub(crate) fn search(
        &self,
        start: NodeIndex,
        max_hops: usize,
        max_paths: usize,
        accept: impl FnMut(NodeIndex) -> bool,
    ) -> Search {
        let mut scratch = Scratch::default();
        self.search_where(
            &mut scratch,
            start,
            max_hops,
            max_paths,
            accept,
            |_| true,
            |_| true,
        );
        scratch.search
    }

    /// [`Crosswalk::search`], extending only paths whose composition `keep` accepts. Since
    /// composition is monotone, a path `keep` rejects is dropped with every extension of it:
    /// `keep` must reject a set only when it rejects every superset of it too.
    ///
    /// The answer is left in `scratch.search`; the scratch space's buffers are reused from
    /// one search to the next.
    // Internal: each argument is one independent knob of the one search loop; a struct of
    // closures would only rename them.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn search_where(
        &self,
        scratch: &mut Scratch,
        start: NodeIndex,
        max_hops: usize,
        max_paths: usize,
        mut accept: impl FnMut(NodeIndex) -> bool,
        keep: impl Fn(RelationshipSet) -> bool,
        allow: impl Fn(EdgeIndex) -> bool,
    ) {
        let max_hops = max_hops.min(MAX_HOPS);
        scratch.clear();
        let Scratch {
            kept,
            touched,
            queue,
            on_path,
            search,
        } = scratch;
        let Search {
            steps,
            best,
            complete,
            extended,
        } = search;
        queue.push_back(Found {
            node: start,
            set: RelationshipSet::single(Relationship::Equal),
            strength: u8::MAX,
            hops: 0,
            last: Step::NONE,
        });
        kept.entry(start).or_default().push((
            RelationshipSet::single(Relationship::Equal),
            0,
            u8::MAX,
        ));
        touched.push(start);
        'search: while let Some(current) = queue.pop_front() {
            if current.hops >= max_hops {
                continue;
            }
            on_path.clear();
            on_path.push(start);
            let mut at = current.last;
            while let Some(step) = steps.get(at as usize) {
                if on_path.len() > max_hops {
                    break;
                }
                if let Some((a, b)) = self.graph.edge_endpoints(step.edge) {
                    on_path.push(if step.forward { b } else { a });
                }
                at = step.before;
            }
            for (edge, forward, next, relationship) in self.neighbours(current.node) {
                if on_path.contains(&next) || !allow(edge) {
                    continue;
                }
                let set = current.set.compose(RelationshipSet::single(relationship));
                if set.is_all() || !keep(set) {
                    continue;
                }
                if *extended >= max_paths {
                    *complete = false;
                    break 'search;
                }
                *extended += 1;
                let strength = self
                    .graph
                    .edge_weight(edge)
                    .map_or(0, |w| w.strength)
                    .min(current.strength);
                let hops = current.hops + 1;
                let Ok(last) = u32::try_from(steps.len()) else {
                    *complete = false;
                    break 'search;
                };
                let found = Found {
                    node: next,
                    set,
                    strength,
                    hops,
                    last,
                };
                if hops >= max_hops {
                    // A last step: nothing extends it, so it need not be kept or queued;
                    // a path another one dominates ranks no better than that one, which
                    // `best` already holds if `next` is accepted.
                    if accept(next) && best.get(&next).is_none_or(|b| found.rank() < b.rank()) {
                        steps.push(Step {
                            edge,
                            forward,
                            before: current.last,
                        });
                        best.insert(next, found);
                    }
                    continue;
                }
                let labels = kept.entry(next).or_default();
                if labels.is_empty() {
                    touched.push(next);
                }
                if labels
                    .iter()
                    .any(|&(s, h, st)| s.is_subset(set) && h <= hops && st >= strength)
                {
                    continue;
                }
                labels.retain(|&(s, h, st)| !(set.is_subset(s) && hops <= h && strength >= st));
                labels.push((set, hops, strength));
                steps.push(Step {
                    edge,
                    forward,
                    before: current.last,
                });
                if accept(next) && best.get(&next).is_none_or(|b| found.rank() < b.rank()) {
                    best.insert(next, found);
                }
                queue.push_back(found);
            }
        }
    }

    pub(crate) fn path(&self, search: &Search, found: &Found) -> Vec<Mapping> {
        search
            .edges(found)
            .into_iter()
            .filter_map(|(edge, forward)| self.mapping(edge, forward))
            .collect()
    }

    pub(crate) fn rationale_of(&self, search: &Search, found: &Found) -> Option<Rationale> {
        let mut rationales = search
            .edges(found)
            .into_iter()
            .filter_map(|(edge, _)| self.graph.edge_weight(edge).map(|w| w.rationale));
        let first = rationales.next()?;
        rationales.all(|r| r == first).then_some(first)
    }

    /// The mappings derived from `from` to controls of `target`, through at most `max_hops`
    /// mappings (clamped to [`MAX_HOPS`]), one per control reached with its best path: the
    /// tightest relationship set first, then fewer hops, then higher strength. Paths that
    /// compose to "anything" are dropped. At most [`DEFAULT_MAX_PATHS`] paths are explored;
    /// [`Crosswalk::infer_bounded`] sets the budget and says whether it sufficed.
    ///
    /// ```
    /// use ctrlmap::crosswalk::QueryError;
    ///
    /// let cw = ctrlmap::builtin_crosswalk();
    /// let cc6_1 = "soc2:CC6.1".parse()?;
    /// let found = cw.infer(&cc6_1, &ctrlmap::hitrust::FRAMEWORK_ID, 3)?;
    /// // Each control reached once, with the path that justifies it.
    /// assert!(!found.is_empty());
    /// assert!(found.iter().all(|f| f.target.framework() == &ctrlmap::hitrust::FRAMEWORK_ID));
    /// assert!(found.iter().all(|f| !f.path.is_empty() && f.path.len() <= 3));
    ///
    /// let err = cw.infer(&cc6_1, &"hitrst".parse()?, 3).unwrap_err();
    /// assert!(matches!(err, QueryError::UnknownFramework { .. }));
    /// assert_eq!(err.to_string(), "framework hitrst is not loaded (did you mean hitrust?)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`QueryError`], with the closest loaded name, when `from` or `target` is not loaded.
    pub fn infer(
        &self,
        from: &ControlRef,
        target: &FrameworkId,
        max_hops: usize,
    ) -> Result<Vec<Inferred>, QueryError> {
        self.infer_bounded(from, target, max_hops, DEFAULT_MAX_PATHS)
            .map(|i| i.mappings)
    }

    /// As [`Crosswalk::infer`], extending at most `max_paths` paths; the answer says whether
    /// the search was complete.
    ///
    /// ```
    /// let cw = ctrlmap::builtin_crosswalk();
    /// let cc6_1 = "soc2:CC6.1".parse()?;
    /// let hitrust = &ctrlmap::hitrust::FRAMEWORK_ID;
    /// let all = cw.infer_bounded(&cc6_1, hitrust, 3, ctrlmap::crosswalk::DEFAULT_MAX_PATHS)?;
    /// assert!(all.complete);
    /// let few = cw.infer_bounded(&cc6_1, hitrust, 3, 1)?;
    /// assert!(!few.complete); // one path is not enough to be sure of the best answer
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`Crosswalk::infer`].
    pub fn infer_bounded(
        &self,
        from: &ControlRef,
        target: &FrameworkId,
        max_hops: usize,
        max_paths: usize,
    ) -> Result<Inferences, QueryError> {
        let start = self.query_node(from)?;
        if !self.frameworks.contains_key(target) {
            return Err(self.unknown_framework(target));
        }
        let in_target = |n: NodeIndex| {
            self.control(n)
                .is_some_and(|c| c.reference.framework() == target)
        };
        let search = self.search(start, max_hops, max_paths, in_target);
        let mut ranked: Vec<&Found> = search.best.values().collect();
        ranked.sort_by(|a, b| {
            a.rank().cmp(&b.rank()).then_with(|| {
                let name = |f: &Found| self.control(f.node).map(|c| c.reference.clone());
                name(a).cmp(&name(b))
            })
        });
        let mappings = ranked
            .into_iter()
            .filter_map(|f| {
                Some(Inferred {
                    target: self.control(f.node)?.reference.clone(),
                    relationships: f.set,
                    path: self.path(&search, f),
                    strength: f.strength,
                    rationale: self.rationale_of(&search, f),
                })
            })
            .collect();
        Ok(Inferences {
            mappings,
            complete: search.complete,
        })
    }

    /// Where an authority's mappings and an expert's disagree: each direct mapping whose
    /// relationship the chains of the other kind of evidence (official for an expert row,
    /// expert or derived for an official one) between the same two controls rule out, with
    /// the best such chain. Only pairs both kinds of evidence reach are searched, each within
    /// `max_hops` mappings; the list is in the order the mappings were loaded.
    ///
    /// ```
    /// // The built-in expert sets and NIST's crosswalks never reach the same pair: nothing to
    /// // list. A set of your own (an expert SOC 2 to SP 800-53 reading, say) can.
    /// assert!(ctrlmap::builtin_crosswalk().disagreements(3).is_empty());
    /// ```
    pub fn disagreements(&self, max_hops: usize) -> Vec<Disagreement> {
        let official = |edge: EdgeIndex| {
            self.graph
                .edge_weight(edge)
                .and_then(|w| self.sets.get(w.set as usize))
                .is_some_and(|s| s.provenance.is_official())
        };
        // Which nodes have evidence of each kind at all: a chain of one kind needs both ends.
        let n = self.graph.node_count();
        let (mut has_official, mut has_other) = (vec![false; n], vec![false; n]);
        for e in self.graph.edge_indices() {
            let Some((a, b)) = self.graph.edge_endpoints(e) else {
                continue;
            };
            let flags = if official(e) {
                &mut has_official
            } else {
                &mut has_other
            };
            for end in [a, b] {
                if let Some(f) = flags.get_mut(end.index()) {
                    *f = true;
                }
            }
        }
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        for e in self.graph.edge_indices() {
            let Some((a, b)) = self.graph.edge_endpoints(e) else {
                continue;
            };
            let row_official = official(e);
            let other = if row_official {
                &has_other
            } else {
                &has_official
            };
            let reaches = |x: NodeIndex| other.get(x.index()).copied().unwrap_or(false);
            if !reaches(a) || !reaches(b) {
                continue;
            }
            self.search_where(
                &mut scratch,
                a,
                max_hops,
                DEFAULT_MAX_PATHS,
                |x| x == b,
                |_| true,
                |edge| official(edge) != row_official,
            );
            let search = &scratch.search;
            let (Some(found), Some(mapping)) = (search.best.get(&b), self.mapping(e, true)) else {
                continue;
            };
            if found.set.contains(mapping.relationship) {
                continue;
            }
            let Some(target) = self.control(b).map(|c| c.reference.clone()) else {
                continue;
            };
            out.push(Disagreement {
                other: Inferred {
                    target,
                    relationships: found.set,
                    path: self.path(search, found),
                    strength: found.strength,
                    rationale: self.rationale_of(search, found),
                },
                mapping,
            });
        }
        out
    }

    /// Every direct mapping between two frameworks, read from `a` to `b`, in `a`'s document
    /// order.
    ///
    /// ```
    /// let cw = ctrlmap::builtin_crosswalk();
    /// let rows = cw.table(&ctrlmap::soc2::FRAMEWORK_ID, &ctrlmap::coso::FRAMEWORK_ID);
    /// let first = rows.first().ok_or("SOC 2 maps to COSO")?;
    /// assert_eq!((first.from.to_string(), first.to.to_string()), ("soc2:CC1.1".into(), "coso:P1".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn table(&self, a: &FrameworkId, b: &FrameworkId) -> Vec<Mapping> {
        let Some(info) = self.frameworks.get(a) else {
            return Vec::new();
        };
        let mut rows = Vec::new();
        for &node in &info.order {
            let mut here: Vec<Mapping> = self
                .neighbours(node)
                .filter(|&(_, _, other, _)| {
                    self.control(other)
                        .is_some_and(|c| c.reference.framework() == b)
                })
                .filter_map(|(edge, forward, _, _)| self.mapping(edge, forward))
                .collect();
            here.sort_by(|x, y| x.to.cmp(&y.to));
            rows.extend(here);
        }
        rows
    }
}
