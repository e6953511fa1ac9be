//! OSCAL catalogs to and from ctrlmap catalogs.

use std::collections::HashSet;

use ctrlmap_core::{
    ALIAS_PROP, Catalog, CatalogDocument, ControlId, FrameworkId, FrameworkInfo, GUIDANCE_PROP,
    Node, NodeKind, NodeRef, Property, PublicationDate, STATUS_PROP, Selection, SourceDocument,
    TextLicence, WITHDRAWN, load,
};
use uuid::Uuid;

use crate::OscalError;
use crate::model::{
    BackMatter, CatalogFile, Citation, Control, Group, Metadata, OscalCatalog, Param, Part, Party,
    Prop, Resource, ResponsibleParty, Rlink, Role,
};

/// The properties an imported withdrawn control carries for where it went, from OSCAL's
/// `moved-to` and `incorporated-into` links: ctrlmap's one convention, defined in
/// `ctrlmap_core` and re-exported here.
pub use ctrlmap_core::{INCORPORATED_INTO_PROP, MOVED_TO_PROP};

/// The OSCAL version ctrlmap writes.
pub const OSCAL_VERSION: &str = "1.2.1";

/// ctrlmap's UUID namespace: every exported UUID is a version-5 UUID of a name in it, so the
/// same input always exports the same UUIDs.
pub(crate) const NAMESPACE: Uuid = Uuid::from_u128(0x7c1f_2d4e_8a93_4b6c_9e1d_5f0a_3b2c_8d71);

pub(crate) fn uuid(name: &str) -> String {
    Uuid::new_v5(&NAMESPACE, name.as_bytes()).to_string()
}

/// A single line with no leading or trailing white space, as OSCAL's string and markup-line
/// types require.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An OSCAL token (`^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$`) from an id, in ASCII.
fn token(id: &str) -> String {
    let mut t: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !t.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        t.insert(0, '_');
    }
    t
}

/// An OSCAL date-time for a publication date: its first day, at midnight UTC.
pub(crate) fn date_time(date: Option<PublicationDate>) -> String {
    date.map_or_else(
        || "2000-01-01T00:00:00Z".to_owned(),
        |d| {
            format!(
                "{:04}-{:02}-{:02}T00:00:00Z",
                d.year(),
                d.month().unwrap_or(1),
                d.day().unwrap_or(1)
            )
        },
    )
}

/// The deepest a node is nested in an exported OSCAL document. JSON parsers stop at a
/// nesting limit (serde_json's is 128, counting arrays and objects, two per OSCAL level);
/// deeper nodes are written at the top level with a ctrlmap `parent` prop, and the importer
/// puts them back, so that every catalog the loader accepts exports to a file it can import.
const MAX_NESTING: usize = 40;

struct Exporter<'a> {
    catalog: &'a Catalog,
    used: HashSet<String>,
    /// The next suffix to try for a token that is taken.
    next_suffix: std::collections::HashMap<String, usize>,
    /// Controls too deep to nest, written at the top level with their parent named.
    detached_controls: Vec<Control>,
    /// Groups too deep to nest, likewise.
    detached_groups: Vec<Group>,
}

impl Exporter<'_> {
    fn id(&mut self, node: &Node, props: &mut Vec<Prop>) -> String {
        let mut t = token(node.id.as_str());
        if self.used.contains(&t) {
            // Resume from the last suffix tried for this token, so that many ids that
            // collide on one token cost linear time, not quadratic.
            let next = self.next_suffix.entry(t.clone()).or_insert(2);
            while self.used.contains(&format!("{t}-{next}")) {
                *next += 1;
            }
            t = format!("{t}-{next}");
            *next += 1;
        }
        self.used.insert(t.clone());
        if t != node.id.as_str() {
            props.push(Prop::ctrlmap("id", node.id.as_str()));
        }
        t
    }

    fn props_and_parts(node: &Node) -> (Vec<Prop>, Vec<Part>) {
        // Guidance is multi-line publisher prose: a `guidance` part, as OSCAL carries it.
        let props = node
            .props
            .iter()
            .filter(|p| p.name != GUIDANCE_PROP)
            .filter_map(|p| {
                let value = one_line(&p.value);
                (!value.is_empty()).then(|| Prop::new(&p.name, value))
            })
            .collect();
        let mut parts = Vec::new();
        if let Some(text) = &node.text {
            parts.push(Part {
                name: "statement".to_owned(),
                prose: Some(text.clone()),
                ..Part::default()
            });
        }
        if let Some(summary) = &node.summary {
            parts.push(Part {
                name: "overview".to_owned(),
                prose: Some(summary.clone()),
                ..Part::default()
            });
        }
        if let Some(guidance) = node.prop(GUIDANCE_PROP) {
            parts.push(Part {
                name: "guidance".to_owned(),
                prose: Some(guidance.to_owned()),
                ..Part::default()
            });
        }
        (props, parts)
    }

    fn control(&mut self, node: NodeRef<'_>, depth: usize) -> Control {
        let n = node.node();
        let (mut props, parts) = Self::props_and_parts(n);
        if !n.assessable {
            props.push(Prop::ctrlmap("assessable", "false"));
        }
        let id = self.id(n, &mut props);
        let mut controls = Vec::new();
        for child in node.children() {
            if depth + 1 >= MAX_NESTING {
                let mut detached = self.control(child, 0);
                detached.props.push(Prop::ctrlmap("parent", n.id.as_str()));
                self.detached_controls.push(detached);
            } else {
                controls.push(self.control(child, depth + 1));
            }
        }
        Control {
            id,
            class: Some(n.kind.as_str().to_owned()),
            title: one_line(&n.title),
            props,
            parts,
            controls,
            links: Vec::new(),
            params: Vec::new(),
        }
    }

    fn group(&mut self, node: NodeRef<'_>, depth: usize) -> Group {
        let n = node.node();
        let (mut props, parts) = Self::props_and_parts(n);
        let id = self.id(n, &mut props);
        let mut group = Group {
            id: Some(id),
            class: Some(n.kind.as_str().to_owned()),
            title: one_line(&n.title),
            props,
            parts,
            ..Group::default()
        };
        // An OSCAL group holds groups or controls, not both: if any child is assessable, all
        // children become controls (the others marked not assessable).
        let controls = node.children().any(|c| c.assessable);
        let deep = depth + 1 >= MAX_NESTING;
        for child in node.children() {
            let parent = || Prop::ctrlmap("parent", n.id.as_str());
            match (controls, deep) {
                (true, false) => group.controls.push(self.control(child, depth + 1)),
                (false, false) => group.groups.push(self.group(child, depth + 1)),
                (true, true) => {
                    let mut detached = self.control(child, 0);
                    detached.props.push(parent());
                    self.detached_controls.push(detached);
                }
                (false, true) => {
                    let mut detached = self.group(child, 0);
                    detached.props.push(parent());
                    self.detached_groups.push(detached);
                }
            }
        }
        group
    }
}

/// Exports a catalog as an OSCAL 1.2.1 catalog document (pretty-printed JSON).
///
/// Nodes become groups until an assessable node is reached; it, its siblings (an OSCAL group
/// holds groups or controls, not both) and everything below them become controls (OSCAL
/// controls cannot contain groups), with non-assessable ones marked so. Each node's kind is its `class`; its full text is a `statement` part and its
/// summary an `overview` part; its properties are props; ids that are not OSCAL tokens are
/// made into tokens with the original kept in a ctrlmap prop. Sources become back-matter
/// resources. UUIDs are derived from the framework and ids, so exports are reproducible.
/// Nodes more than 40 levels deep are written at the top level with a ctrlmap `parent`
/// prop (JSON parsers refuse deeper nesting), and [`catalog_from_json`] puts them back in
/// tree order, so every catalog the loader accepts round-trips.
///
/// ```
/// let json = ctrlmap::oscal::catalog_to_json(&ctrlmap::Catalog::from_json_str(r#"{
///   "framework": { "id": "demo", "name": "Demo", "version": "1", "publisher": "Us",
///                  "licence": { "kind": "public_domain" } },
///   "nodes": [ { "id": "A", "kind": "category", "title": "Access" },
///              { "id": "A.1", "kind": "control", "title": "Accounts", "parent": "A", "assessable": true } ]
/// }"#)?);
/// assert!(json.contains("\"oscal-version\": \"1.2.1\""));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn catalog_to_json(catalog: &Catalog) -> String {
    let fw = catalog.framework();
    let mut exporter = Exporter {
        catalog,
        used: HashSet::new(),
        next_suffix: std::collections::HashMap::new(),
        detached_controls: Vec::new(),
        detached_groups: Vec::new(),
    };
    let mut groups = Vec::new();
    let mut controls = Vec::new();
    for root in exporter.catalog.roots() {
        if root.assessable {
            controls.push(exporter.control(root, 0));
        } else {
            groups.push(exporter.group(root, 0));
        }
    }
    groups.append(&mut exporter.detached_groups);
    controls.append(&mut exporter.detached_controls);
    let mut meta_props = vec![
        Prop::ctrlmap("framework", fw.id.as_str()),
        Prop::ctrlmap("licence-kind", fw.licence.kind()),
    ];
    if let Some(p) = fw.published {
        meta_props.push(Prop::ctrlmap("published", p.to_string()));
    }
    let party = uuid(&format!("party/{}", fw.publisher));
    let mut resources: Vec<Resource> = fw
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut props = vec![Prop::ctrlmap("source", i.to_string())];
            source_props(s, &mut props);
            Resource {
                uuid: uuid(&format!("source/{}/{i}", fw.id)),
                title: Some(one_line(&s.title)),
                description: s.note.clone(),
                props,
                citation: Some(Citation {
                    text: one_line(
                        &[
                            Some(s.title.as_str()),
                            s.version.as_deref(),
                            s.section.as_deref(),
                        ]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(", "),
                    ),
                }),
                rlinks: s.url.iter().map(|u| Rlink { href: u.clone() }).collect(),
            }
        })
        .collect();
    // Named selections (baselines) have no place in an OSCAL catalog (OSCAL makes them
    // profiles): each is a back-matter resource ctrlmap reads back.
    for (i, sel) in catalog.selections().iter().enumerate() {
        let ids: Vec<&str> = sel.controls.iter().map(ControlId::as_str).collect();
        let mut props = vec![
            Prop::ctrlmap("selection", sel.id.as_str()),
            Prop::ctrlmap("selection-controls", ids.join(" ")),
        ];
        let source = sel.source.as_ref();
        if let Some(s) = source {
            props.push(Prop::ctrlmap("source-title", one_line(&s.title)));
            source_props(s, &mut props);
        }
        resources.push(Resource {
            uuid: uuid(&format!("selection/{}/{i}", fw.id)),
            title: Some(one_line(&sel.title)),
            description: source.and_then(|s| s.note.clone()),
            props,
            citation: None,
            rlinks: source
                .and_then(|s| s.url.clone())
                .map(|href| Rlink { href })
                .into_iter()
                .collect(),
        });
    }
    let file = CatalogFile {
        catalog: OscalCatalog {
            uuid: uuid(&format!("catalog/{}/{}", fw.id, fw.version)),
            metadata: Metadata {
                title: one_line(&fw.name),
                published: fw.published.map(|p| date_time(Some(p))),
                last_modified: date_time(fw.published),
                version: one_line(&fw.version),
                oscal_version: OSCAL_VERSION.to_owned(),
                props: meta_props,
                roles: vec![Role {
                    id: "creator".to_owned(),
                    title: "Document creator".to_owned(),
                }],
                parties: vec![Party {
                    uuid: party.clone(),
                    kind: "organization".to_owned(),
                    name: Some(one_line(&fw.publisher)),
                }],
                responsible_parties: vec![ResponsibleParty {
                    role_id: "creator".to_owned(),
                    party_uuids: vec![party],
                }],
                remarks: fw.licence.notice().map(str::to_owned),
            },
            controls,
            groups,
            back_matter: (!resources.is_empty()).then_some(BackMatter { resources }),
        },
    };
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    text
}

/// Flattens a statement part and its items into text: one line per item, its label first,
/// indented two spaces per level.
fn flatten(parts: &[Part], depth: usize, lines: &mut Vec<String>) {
    for part in parts {
        let label = part
            .props
            .iter()
            .find(|p| p.name == "label" && p.ns.is_none())
            .map(|p| p.value.as_str());
        let prose = part.prose.as_deref().map(str::trim).unwrap_or_default();
        let line = match (label, prose.is_empty()) {
            (Some(l), false) => format!("{l} {prose}"),
            (Some(l), true) => l.to_owned(),
            (None, _) => prose.to_owned(),
        };
        if !line.is_empty() {
            lines.push(format!("{:indent$}{line}", "", indent = 2 * depth));
        }
        flatten(&part.parts, depth + 1, lines);
    }
}

/// Makes each node's `label` (how its publisher prints it, such as NIST's `AC-2(1)` for
/// `ac-2.1`) an alias, so that the id people type finds it: only where the label is a valid
/// id, differs from every node's id and every other label, and is not an alias already.
fn label_aliases(nodes: &mut [Node]) {
    use std::collections::{HashMap, HashSet};
    let label = |n: &Node| {
        n.props
            .iter()
            .find(|p| p.name == "label")
            .map(|p| p.value.clone())
    };
    let ids: HashSet<String> = nodes.iter().map(|n| n.id.as_str().to_owned()).collect();
    let aliases: HashSet<String> = nodes
        .iter()
        .flat_map(|n| n.props.iter())
        .filter(|p| p.name == ALIAS_PROP)
        .map(|p| p.value.clone())
        .collect();
    let mut labels: HashMap<String, usize> = HashMap::new();
    for l in nodes.iter().filter_map(label) {
        *labels.entry(l).or_default() += 1;
    }
    for node in nodes.iter_mut() {
        let Some(l) = label(node) else { continue };
        let usable = labels.get(&l) == Some(&1)
            && !ids.contains(&l)
            && !aliases.contains(&l)
            && l.parse::<ControlId>().is_ok_and(|id| id.as_str() == l);
        if usable {
            // Before the guidance, which an export carries as a part and an import adds
            // last: a second round trip keeps the order.
            let at = node
                .props
                .iter()
                .position(|p| p.name == GUIDANCE_PROP)
                .unwrap_or(node.props.len());
            node.props.insert(at, Property::new(ALIAS_PROP, l));
        }
    }
}

/// A control's parameters by id (the first of an id wins), so that each insert is found in
/// constant time.
type Params<'a> = std::collections::HashMap<&'a str, &'a Param>;

/// `text` with each `{{ insert: param, id }}` written as the publisher prints it:
/// `[Assignment: label]`, or `[Selection (one or more): a; b]` with any parameter inside a
/// choice written out once more (no deeper); an unknown id is left as it is. Returns the text
/// and how many bytes it grew; stops growing at `budget`.
fn with_parameters(
    text: &str,
    params: &Params<'_>,
    budget: usize,
    depth: usize,
) -> (String, usize) {
    let find = |id: &str| params.get(id).copied();
    let mut out = String::with_capacity(text.len());
    let mut grown = 0usize;
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let (before, from) = rest.split_at(start);
        out.push_str(before);
        let Some(end) = from.find("}}") else {
            out.push_str(from);
            return (out, grown);
        };
        let (marker, after) = from.split_at(end + 2);
        let inner = marker
            .get(2..marker.len().saturating_sub(2))
            .unwrap_or_default();
        let id = inner
            .trim()
            .strip_prefix("insert:")
            .and_then(|r| r.trim().strip_prefix("param,"))
            .map(str::trim);
        match id.and_then(find) {
            Some(param) if grown < budget => {
                let words = parameter_words(param, params, depth, budget - grown);
                grown = grown.saturating_add(words.len().saturating_sub(marker.len()));
                out.push_str(&words);
            }
            _ => out.push_str(marker),
        }
        rest = after;
    }
    out.push_str(rest);
    (out, grown)
}

/// One parameter in the publisher's words; parameters inside its choices are written out
/// too while `depth` allows, within `budget` bytes of growth.
fn parameter_words(param: &Param, params: &Params<'_>, depth: usize, budget: usize) -> String {
    if let Some(select) = &param.select {
        let how = match select.how_many.as_deref() {
            Some("one-or-more") => " (one or more)",
            Some("one") => " (one)",
            _ => "",
        };
        let mut left = budget;
        let choices: Vec<String> = select
            .choice
            .iter()
            .map(|c| {
                let c = one_line(c);
                if depth == 0 || !c.contains("{{") {
                    c
                } else {
                    let (c, grown) = with_parameters(&c, params, left, depth - 1);
                    left = left.saturating_sub(grown);
                    c
                }
            })
            .collect();
        return format!("[Selection{how}: {}]", choices.join("; "));
    }
    let label = param
        .label
        .as_deref()
        .map(one_line)
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| param.id.clone());
    format!("[Assignment: {label}]")
}

fn statement_text(parts: &[Part]) -> Option<String> {
    let statement = parts.iter().find(|p| p.name == "statement")?;
    let mut lines = Vec::new();
    if let Some(prose) = statement.prose.as_deref().filter(|p| !p.trim().is_empty()) {
        lines.push(prose.to_owned());
    }
    flatten(&statement.parts, 0, &mut lines);
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// OSCAL markup links inside the catalog written as the publisher prints them: a link to a
/// control, `[AC-11](#ac-11)`, is its label, `AC-11`; a link to a back-matter resource (a
/// UUID), `[FISMA](#0c67b2a9-…)`, is the citation in brackets, `[FISMA]`, as NIST SP 800-53
/// prints its references. Other text, and links elsewhere, are left as they are. Linear in
/// the text.
fn printed_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let (before, from) = rest.split_at(open);
        out.push_str(before);
        let link = from.get(1..).and_then(|after| {
            let close = after.find(']')?;
            let label = after.get(..close)?;
            let target_and_rest = after.get(close + 1..)?.strip_prefix("(#")?;
            let end = target_and_rest.find(')')?;
            let target = target_and_rest.get(..end)?;
            let valid = !label.contains('[')
                && !target.is_empty()
                && target
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'));
            let consumed = 1 + close + 1 + 2 + end + 1;
            valid.then_some((label, target, consumed))
        });
        match link {
            Some((label, target, consumed)) => {
                let is_resource = target.len() == 36 && target.matches('-').count() == 4;
                if is_resource {
                    out.push('[');
                    out.push_str(label);
                    out.push(']');
                } else {
                    out.push_str(label);
                }
                rest = from.get(consumed..).unwrap_or_default();
            }
            None => {
                out.push('[');
                rest = from.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

/// The prose of the first part of this name, if it has any.
fn part_prose(parts: &[Part], name: &str) -> Option<String> {
    parts
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.prose.clone())
        .filter(|p| !p.trim().is_empty())
}

/// What a group and a control share, for making a node.
struct Element<'a> {
    class: Option<&'a str>,
    title: &'a str,
    props: &'a [Prop],
    parts: &'a [Part],
    params: &'a [Param],
}

struct Importer {
    nodes: Vec<Node>,
    problems: Vec<String>,
    groups: usize,
    /// Whether any node was exported detached from its parent (see `MAX_NESTING`).
    detached: bool,
    /// How many bytes writing out parameters may still add (16 times the file's size):
    /// a long label inserted many times cannot grow a small file into gigabytes.
    parameter_budget: usize,
    /// Whether the budget ran out (reported once).
    parameters_too_long: bool,
    /// Whether links are written as the publisher prints them (not in a ctrlmap export,
    /// whose texts are the catalog's own and round-trip unchanged).
    printed_links: bool,
}

/// Nodes in tree order: each parent, then its children in the order met, depth first. Used
/// to put detached nodes back where they belong; nodes whose parent is missing keep their
/// place at the top (validation reports them).
fn tree_order(nodes: Vec<Node>) -> Vec<Node> {
    let index: std::collections::HashMap<&ControlId, usize> =
        nodes.iter().enumerate().map(|(i, n)| (&n.id, i)).collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    let mut roots = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        match n.parent.as_ref().and_then(|p| index.get(p)) {
            Some(&p) if p != i => {
                if let Some(c) = children.get_mut(p) {
                    c.push(i);
                }
            }
            _ => roots.push(i),
        }
    }
    let mut order = Vec::with_capacity(nodes.len());
    let mut seen = vec![false; nodes.len()];
    let mut stack: Vec<usize> = roots.into_iter().rev().collect();
    while let Some(i) = stack.pop() {
        if seen.get(i).copied().unwrap_or(true) {
            continue;
        }
        if let Some(s) = seen.get_mut(i) {
            *s = true;
        }
        order.push(i);
        if let Some(c) = children.get(i) {
            stack.extend(c.iter().rev());
        }
    }
    // Anything in a cycle is left for validation to report, in its old place at the end.
    order.extend((0..nodes.len()).filter(|&i| !seen.get(i).copied().unwrap_or(true)));
    let mut slots: Vec<Option<Node>> = nodes.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

fn ctrlmap_prop<'a>(props: &'a [Prop], name: &str) -> Option<&'a str> {
    props
        .iter()
        .find(|p| p.is_ctrlmap(name))
        .map(|p| p.value.as_str())
}

impl Importer {
    fn node_id(&mut self, oscal_id: Option<&str>, props: &[Prop]) -> Option<ControlId> {
        let raw = ctrlmap_prop(props, "id").or(oscal_id).map(str::to_owned);
        let raw = raw.unwrap_or_else(|| {
            self.groups += 1;
            format!("group-{}", self.groups)
        });
        match raw.parse() {
            Ok(id) => Some(id),
            Err(e) => {
                self.problems.push(format!("{e}"));
                None
            }
        }
    }

    fn node(
        &mut self,
        id: ControlId,
        element: Element<'_>,
        default_kind: NodeKind,
        parent: Option<&ControlId>,
        assessable: bool,
    ) {
        let Element {
            class,
            title,
            props,
            parts,
            params,
        } = element;
        let kind = class.and_then(|c| c.parse::<NodeKind>().ok());
        // Titles and prop values are single lines in OSCAL, and exports write them so:
        // normalise on the way in, so that a second round trip changes nothing.
        let mut node = Node::new(id, kind.unwrap_or(default_kind), one_line(title));
        if kind.is_none()
            && let Some(c) = class.map(one_line).filter(|c| !c.is_empty())
        {
            node = node.with_prop("class", c);
        }
        for p in props
            .iter()
            .filter(|p| p.ns.as_deref() != Some(crate::CTRLMAP_NS))
        {
            let value = one_line(&p.value);
            if !value.is_empty() {
                node = node.with_prop(p.name.clone(), value);
            }
        }
        if let Some(text) = statement_text(parts) {
            let text = if params.is_empty() || !text.contains("{{") {
                text
            } else {
                let mut by_id = Params::with_capacity(params.len());
                for p in params {
                    by_id.entry(p.id.as_str()).or_insert(p);
                }
                let (text, grown) = with_parameters(&text, &by_id, self.parameter_budget, 1);
                self.parameter_budget = self.parameter_budget.saturating_sub(grown);
                if self.parameter_budget == 0 && !self.parameters_too_long {
                    self.parameters_too_long = true;
                    self.problems.push(format!(
                        "{}: its parameters, written out, grow the text to more than 16 times the file's size",
                        node.id
                    ));
                }
                text
            };
            let text = if self.printed_links {
                printed_links(&text)
            } else {
                text
            };
            node = node.with_text(text);
        }
        for (name, is_summary) in [("overview", true), ("guidance", false)] {
            let Some(prose) = part_prose(parts, name) else {
                continue;
            };
            let prose = if self.printed_links {
                printed_links(&prose)
            } else {
                prose
            };
            node = if is_summary {
                node.with_summary(prose)
            } else {
                node.with_prop(GUIDANCE_PROP, prose)
            };
        }
        // A node exported at the top level because it was too deep names its parent.
        let detached_parent = ctrlmap_prop(props, "parent").and_then(|p| p.parse().ok());
        if detached_parent.is_some() {
            self.detached = true;
        }
        if let Some(p) = detached_parent.or_else(|| parent.cloned()) {
            node = node.with_parent(p);
        }
        self.nodes.push(node.with_assessable(assessable));
    }

    fn control(&mut self, c: &Control, parent: Option<&ControlId>, nested: bool) {
        let Some(id) = self.node_id(Some(&c.id), &c.props) else {
            return;
        };
        // A withdrawn control (NIST's `status` property) is kept, so that its id still
        // resolves, but is not assessable; where it went is kept from its links.
        let withdrawn = c
            .props
            .iter()
            .any(|p| p.ns.is_none() && p.name == STATUS_PROP && p.value.trim() == WITHDRAWN);
        let assessable = !withdrawn && ctrlmap_prop(&c.props, "assessable") != Some("false");
        let default_kind = if nested {
            NodeKind::ControlEnhancement
        } else {
            NodeKind::Control
        };
        let element = Element {
            class: c.class.as_deref(),
            title: &c.title,
            props: &c.props,
            parts: &c.parts,
            params: &c.params,
        };
        self.node(id.clone(), element, default_kind, parent, assessable);
        if withdrawn && let Some(node) = self.nodes.last_mut() {
            for link in &c.links {
                let prop = match link.rel.as_deref() {
                    Some("moved-to") => MOVED_TO_PROP,
                    Some("incorporated-into") => INCORPORATED_INTO_PROP,
                    _ => continue,
                };
                let target = link.href.trim().trim_start_matches('#');
                // A property exported before (a second round trip) is not added twice.
                let present = node
                    .props
                    .iter()
                    .any(|p| p.name == prop && p.value == target);
                if !target.is_empty() && !present {
                    node.props.push(Property::new(prop, target));
                }
            }
        }
        for child in &c.controls {
            self.control(child, Some(&id), true);
        }
    }

    fn group(&mut self, g: &Group, parent: Option<&ControlId>) {
        let Some(id) = self.node_id(g.id.as_deref(), &g.props) else {
            return;
        };
        let element = Element {
            class: g.class.as_deref(),
            title: &g.title,
            props: &g.props,
            parts: &g.parts,
            params: &[],
        };
        self.node(id.clone(), element, NodeKind::Group, parent, false);
        for child in &g.groups {
            self.group(child, Some(&id));
        }
        for child in &g.controls {
            self.control(child, Some(&id), false);
        }
    }
}

/// A source document's version, section, publisher and date as ctrlmap props of its
/// back-matter resource.
fn source_props(s: &SourceDocument, props: &mut Vec<Prop>) {
    for (name, value) in [
        ("source-version", &s.version),
        ("source-section", &s.section),
        ("source-publisher", &s.publisher),
    ] {
        if let Some(v) = value {
            props.push(Prop::ctrlmap(name, one_line(v)));
        }
    }
    if let Some(p) = s.published {
        props.push(Prop::ctrlmap("source-published", p.to_string()));
    }
}

/// A source document from a back-matter resource that [`source_props`] wrote, titled `title`.
fn source_from(r: &Resource, title: &str) -> SourceDocument {
    let mut s = SourceDocument::new(one_line(title));
    let single = |name| {
        ctrlmap_prop(&r.props, name)
            .map(one_line)
            .filter(|v| !v.is_empty())
    };
    s.version = single("source-version");
    s.section = single("source-section");
    s.publisher = single("source-publisher");
    s.published = ctrlmap_prop(&r.props, "source-published").and_then(|p| p.parse().ok());
    s.url = r.rlinks.first().map(|l| l.href.clone());
    s.note = r.description.clone();
    s
}

/// A named selection a ctrlmap export wrote as a back-matter resource.
fn selection(r: &Resource, id: &str) -> Result<Selection, String> {
    let parse = |text: &str| {
        text.parse::<ControlId>()
            .map_err(|e| format!("back-matter selection {id:?}: {e}"))
    };
    let controls = ctrlmap_prop(&r.props, "selection-controls")
        .unwrap_or_default()
        .split_whitespace()
        .map(parse)
        .collect::<Result<Vec<_>, _>>()?;
    let mut selection = Selection::new(
        parse(id)?,
        one_line(r.title.as_deref().unwrap_or(id)),
        controls,
    );
    if let Some(title) = ctrlmap_prop(&r.props, "source-title") {
        selection = selection.with_source(source_from(r, title));
    }
    Ok(selection)
}

/// A framework id from a title: the title before any subtitle (`:`), lowercase letters and
/// digits, words joined by `-`, with the words publishers repeat shortened ("Special
/// Publication" to `sp`, "Revision" to `rev`), so that a version is never cut off:
/// "NIST Special Publication 800-53 Revision 5: Security and Privacy Controls…" gives
/// `nist-sp-800-53-rev-5`. Words past the id's length limit are dropped whole.
fn framework_from_title(title: &str) -> Option<FrameworkId> {
    let head = title.split(':').next().unwrap_or(title);
    let words: Vec<String> = head
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let mut short: Vec<&str> = Vec::with_capacity(words.len());
    let mut i = 0;
    while let Some(w) = words.get(i) {
        match (w.as_str(), words.get(i + 1).map(String::as_str)) {
            ("special", Some("publication")) => {
                short.push("sp");
                i += 2;
                continue;
            }
            ("revision", _) => short.push("rev"),
            (w, _) => short.push(w),
        }
        i += 1;
    }
    let mut id = String::new();
    for w in short {
        if id.len() + w.len() + 1 > ctrlmap_core::MAX_FRAMEWORK_ID_LEN {
            break;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(w);
    }
    id.parse().ok()
}

fn publication_date(text: &str) -> Option<PublicationDate> {
    text.get(..10).and_then(|d| d.parse().ok())
}

/// Imports an OSCAL catalog (OSCAL 1.0, 1.1 or 1.2) as a ctrlmap catalog.
///
/// Groups become nodes of their `class` kind (or `group`), controls become assessable
/// `control` nodes and nested controls `control_enhancement` nodes; labels, sort ids and
/// other props are kept as properties; the `statement` part becomes the text (items on their
/// own lines, with their labels), the `overview` part the summary and the `guidance` part
/// (NIST's discussion) the [`GUIDANCE_PROP`](ctrlmap_core::GUIDANCE_PROP) property, verbatim.
/// A control NIST marks withdrawn (`status` = `withdrawn`) is kept, so that its id resolves,
/// but is not assessable, and its `moved-to` and `incorporated-into` links become the
/// properties [`MOVED_TO_PROP`] and [`INCORPORATED_INTO_PROP`] naming where it went.
/// A node's `label` (NIST's `AC-2(1)` for `ac-2.1`) becomes an `alias` where it is a valid,
/// unused id, so the id people type finds it. Parameters are written into the text as the
/// publisher prints them
/// (`[Assignment: organization-defined frequency]`, `[Selection (one or more): …]`), within
/// 16 times the file's size; links in the prose as the publisher prints them (`AC-11` for a
/// link to a control, `[FISMA]` for one to a back-matter reference); other links and other
/// parts are not kept. The document is read straight into typed
/// structures, never into a generic JSON tree.
///
/// `framework` names the catalog's framework; without it, the id a ctrlmap export recorded
/// is used, or one derived from the title (`nist-sp-800-53-rev-5` for NIST SP 800-53 Revision 5).
///
/// # Errors
/// [`OscalError`] when the JSON is malformed or not an OSCAL catalog, or the result is not a
/// valid ctrlmap catalog.
pub fn catalog_from_json(
    text: &str,
    origin: &str,
    framework: Option<FrameworkId>,
) -> Result<Catalog, OscalError> {
    let file: CatalogFile = load::from_str(text, origin)?;
    catalog_from_oscal(file.catalog, origin, framework, text.len())
}

fn catalog_from_oscal(
    c: OscalCatalog,
    origin: &str,
    framework: Option<FrameworkId>,
    size: usize,
) -> Result<Catalog, OscalError> {
    let meta = &c.metadata;
    let framework = framework
        .or_else(|| ctrlmap_prop(&meta.props, "framework").and_then(|f| f.parse().ok()))
        .or_else(|| framework_from_title(&meta.title))
        .ok_or_else(|| OscalError::Invalid {
            origin: origin.to_owned(),
            problems: vec!["cannot derive a framework id from the title; give one".to_owned()],
        })?;
    let publisher = meta
        .responsible_parties
        .iter()
        .find(|r| r.role_id == "creator" || r.role_id == "publisher")
        .and_then(|r| r.party_uuids.first())
        .and_then(|u| meta.parties.iter().find(|p| &p.uuid == u))
        .or(meta.parties.first())
        .and_then(|p| p.name.as_deref().map(one_line))
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "Unknown publisher".to_owned());
    let published = ctrlmap_prop(&meta.props, "published")
        .and_then(|p| p.parse().ok())
        .or_else(|| meta.published.as_deref().and_then(publication_date));
    let licence = match (
        ctrlmap_prop(&meta.props, "licence-kind"),
        meta.remarks.clone(),
    ) {
        (Some("public_domain"), notice) => TextLicence::PublicDomain { notice },
        (Some("summaries_only"), Some(notice)) => TextLicence::SummariesOnly { notice },
        (Some("licensed"), Some(notice)) => TextLicence::Licensed { notice },
        _ => TextLicence::Licensed {
            notice: "Imported from an OSCAL catalog; the publisher's terms apply.".to_owned(),
        },
    };
    let mut sources = Vec::new();
    let mut selections = Vec::new();
    let mut problems = Vec::new();
    for r in c.back_matter.iter().flat_map(|b| &b.resources) {
        if let Some(id) = ctrlmap_prop(&r.props, "selection") {
            match selection(r, id) {
                Ok(s) => selections.push(s),
                Err(e) => problems.push(e),
            }
            continue;
        }
        if ctrlmap_prop(&r.props, "source").is_none() {
            continue;
        }
        sources.push(source_from(r, r.title.as_deref().unwrap_or_default()));
    }
    // A ctrlmap export lists its sources; another tool's catalog is its own source.
    if sources.is_empty() && ctrlmap_prop(&meta.props, "framework").is_none() {
        let mut s = SourceDocument::new(one_line(&meta.title));
        s.version = Some(one_line(&meta.version));
        s.note = Some(format!(
            "Imported from an OSCAL {} catalog.",
            meta.oscal_version
        ));
        sources.push(s);
    }
    let mut info = FrameworkInfo::new(
        framework,
        one_line(&meta.title),
        one_line(&meta.version),
        publisher,
        licence,
    );
    info.published = published;
    info.sources = sources;

    let mut importer = Importer {
        nodes: Vec::new(),
        problems,
        groups: 0,
        detached: false,
        parameter_budget: size.saturating_mul(16).max(1 << 20),
        parameters_too_long: false,
        printed_links: ctrlmap_prop(&meta.props, "framework").is_none(),
    };
    for g in &c.groups {
        importer.group(g, None);
    }
    for control in &c.controls {
        importer.control(control, None, false);
    }
    if !importer.problems.is_empty() {
        return Err(OscalError::Invalid {
            origin: origin.to_owned(),
            problems: importer.problems,
        });
    }
    let mut nodes = if importer.detached {
        tree_order(importer.nodes)
    } else {
        importer.nodes
    };
    label_aliases(&mut nodes);
    Ok(Catalog::from_document(
        CatalogDocument::new(info, nodes).with_selections(selections),
        origin,
    )?)
}
