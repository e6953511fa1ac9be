//! Export of the crosswalk as JSON, Graphviz DOT, GraphML and CSV.

use std::fmt::Write as _;

use ctrlmap_core::ControlRef;
use ctrlmap_core::escape::{csv_cell, xml_text};
use petgraph::visit::EdgeRef;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::graph::{Crosswalk, Mapping};
use crate::mapping::{Confidence, Method};

/// The crosswalk as data: every control and every mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "ctrlmap crosswalk export")]
#[non_exhaustive]
pub struct CrosswalkExport {
    /// Every control.
    pub controls: Vec<ExportedControl>,
    /// Every mapping, read from its stored source to its target.
    pub mappings: Vec<Mapping>,
}

/// A control in an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct ExportedControl {
    /// The control.
    pub id: ControlRef,
    /// Its title.
    pub title: String,
    /// Whether it is assessable.
    pub assessable: bool,
}

/// Text for a DOT string: quotes and backslashes escaped, line breaks as `\n`, other
/// control characters dropped, bidirectional controls replaced by U+FFFD.
fn dot_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if ctrlmap_core::escape::is_bidi_control(c) => out.push('\u{fffd}'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

impl Crosswalk {
    fn stored_mappings(&self) -> impl Iterator<Item = Mapping> + '_ {
        self.graph
            .edge_references()
            .filter_map(|e| self.mapping(e.id(), true))
    }

    /// The crosswalk as data, controls with at least one mapping only when `mapped_only`.
    pub fn export(&self, mapped_only: bool) -> CrosswalkExport {
        let controls = self
            .framework_order
            .iter()
            .filter_map(|f| self.frameworks.get(f))
            .flat_map(|f| f.order.iter().copied())
            .filter(|&n| !mapped_only || self.graph.neighbors_undirected(n).next().is_some())
            .filter_map(|n| self.control(n))
            .map(|c| ExportedControl {
                id: c.reference.clone(),
                title: c.title.to_string(),
                assessable: c.assessable,
            })
            .collect();
        CrosswalkExport {
            controls,
            mappings: self.stored_mappings().collect(),
        }
    }

    /// Graphviz DOT of the mapped controls: one cluster per framework, one edge per mapping
    /// labelled with its relationship.
    pub fn to_dot(&self) -> String {
        let export = self.export(true);
        let mut out = String::from("digraph crosswalk {\n  rankdir=LR;\n  node [shape=box];\n");
        for (i, framework) in self.framework_order.iter().enumerate() {
            let members: Vec<&ExportedControl> = export
                .controls
                .iter()
                .filter(|c| c.id.framework() == framework)
                .collect();
            if members.is_empty() {
                continue;
            }
            let _ = writeln!(
                out,
                "  subgraph cluster_{i} {{\n    label=\"{}\";",
                dot_escape(framework.as_str())
            );
            for c in members {
                let _ = writeln!(
                    out,
                    "    \"{}\" [label=\"{}\\n{}\"];",
                    dot_escape(&c.id.to_string()),
                    dot_escape(&c.id.to_string()),
                    dot_escape(&c.title)
                );
            }
            out.push_str("  }\n");
        }
        for m in &export.mappings {
            let _ = writeln!(
                out,
                "  \"{}\" -> \"{}\" [label=\"{}\"{}];",
                dot_escape(&m.from.to_string()),
                dot_escape(&m.to.to_string()),
                m.relationship,
                // An expert's reading (or a derived row) dashed; an authority's solid.
                if m.method == Method::Official {
                    ""
                } else {
                    ", style=dashed"
                }
            );
        }
        out.push_str("}\n");
        out
    }

    /// GraphML of the mapped controls and the mappings; characters XML forbids become U+FFFD.
    pub fn to_graphml(&self) -> String {
        let export = self.export(true);
        let mut out = String::from(concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
            "  <key id=\"title\" for=\"node\" attr.name=\"title\" attr.type=\"string\"/>\n",
            "  <key id=\"framework\" for=\"node\" attr.name=\"framework\" attr.type=\"string\"/>\n",
            "  <key id=\"relationship\" for=\"edge\" attr.name=\"relationship\" attr.type=\"string\"/>\n",
            "  <key id=\"rationale\" for=\"edge\" attr.name=\"rationale\" attr.type=\"string\"/>\n",
            "  <key id=\"strength\" for=\"edge\" attr.name=\"strength\" attr.type=\"int\"/>\n",
            "  <key id=\"confidence\" for=\"edge\" attr.name=\"confidence\" attr.type=\"string\"/>\n",
            "  <key id=\"set\" for=\"edge\" attr.name=\"set\" attr.type=\"string\"/>\n",
            "  <key id=\"method\" for=\"edge\" attr.name=\"method\" attr.type=\"string\"/>\n",
            "  <graph id=\"crosswalk\" edgedefault=\"directed\">\n"
        ));
        for c in &export.controls {
            let _ = writeln!(
                out,
                "    <node id=\"{}\"><data key=\"title\">{}</data><data key=\"framework\">{}</data></node>",
                xml_text(&c.id.to_string()),
                xml_text(&c.title),
                xml_text(c.id.framework().as_str())
            );
        }
        for (i, m) in export.mappings.iter().enumerate() {
            let _ = writeln!(
                out,
                "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\"><data key=\"relationship\">{}</data><data key=\"rationale\">{}</data><data key=\"strength\">{}</data><data key=\"confidence\">{}</data><data key=\"set\">{}</data><data key=\"method\">{}</data></edge>",
                xml_text(&m.from.to_string()),
                xml_text(&m.to.to_string()),
                m.relationship,
                m.rationale.as_str(),
                m.strength,
                m.confidence.map(Confidence::as_str).unwrap_or_default(),
                xml_text(m.set.as_str()),
                <&'static str>::from(m.method)
            );
        }
        out.push_str("  </graph>\n</graphml>\n");
        out
    }

    /// CSV of the mappings, with a header row:
    /// `source,target,relationship,rationale,strength,confidence,set,method,note` (`method`:
    /// `official`, `expert` or `derived`, who stands behind the row). Cells a spreadsheet
    /// would read as formulas (leading `=`, `+`, `-`, `@`, tab, CR) are prefixed with `'`.
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "source,target,relationship,rationale,strength,confidence,set,method,note\n",
        );
        for m in self.stored_mappings() {
            let method: &'static str = m.method.into();
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{method},{}",
                csv_cell(&m.from.to_string()),
                csv_cell(&m.to.to_string()),
                m.relationship,
                m.rationale.as_str(),
                m.strength,
                m.confidence.map(Confidence::as_str).unwrap_or_default(),
                csv_cell(m.set.as_str()),
                csv_cell(m.note.as_deref().unwrap_or_default())
            );
        }
        out
    }
}
