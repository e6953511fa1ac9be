//! `ctrlmap tree`: a framework's tree of nodes.

use std::io::Write;

use ctrlmap::{Catalog, Library, NodeKind, NodeRef};
use serde_json::{Value, json};

use crate::cli::Format;
use crate::failure::Failure;
use crate::lookup::find_framework;
use crate::output::{Out, write_json};

/// Print a framework's tree of nodes in document order.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The framework id, such as `coso`.
    framework: String,
    /// Also print the elements of its requirements and their key activities (NIST SP
    /// 800-66r2's for HIPAA) and implementation examples (NIST CSF 2.0's), which are left
    /// out otherwise.
    #[arg(long)]
    elements: bool,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Prints the tree of the framework `args` names.
pub(crate) fn run(lib: &Library, args: Args, out: &mut Out<impl Write>) -> Result<(), Failure> {
    let catalog = find_framework(lib, &args.framework)?;
    tree(catalog, args.elements, args.format, out)
}

/// Whether `tree` prints a node: elements and key activities only when asked for.
fn in_tree(node: NodeRef<'_>, elements: bool) -> bool {
    elements
        || !matches!(
            node.kind,
            NodeKind::Element | NodeKind::KeyActivity | NodeKind::ImplementationExample
        )
}

fn tree(
    catalog: &Catalog,
    elements: bool,
    format: Format,
    out: &mut Out<impl Write>,
) -> Result<(), Failure> {
    let left_out = catalog.iter().filter(|n| !in_tree(*n, elements)).count();
    match format {
        Format::Json => {
            let roots: Vec<Value> = catalog.roots().map(|r| tree_json(r, elements)).collect();
            write_json(
                out,
                &json!({ "framework": catalog.id(), "name": catalog.framework().name, "nodes": roots }),
            )
        }
        Format::Table => {
            for root in catalog.roots() {
                for node in std::iter::once(root)
                    .chain(root.descendants())
                    .filter(|n| in_tree(*n, elements))
                {
                    // What a publisher withdrew is kept so its id resolves: say so.
                    let withdrawn = if node.is_withdrawn() {
                        "  (withdrawn)"
                    } else {
                        ""
                    };
                    writeln!(
                        out.w,
                        "{:indent$}{}  {}{withdrawn}",
                        "",
                        node.id,
                        ctrlmap::escape::terminal_text(&node.title),
                        indent = 2 * node.depth()
                    )?;
                }
            }
            if left_out > 0 {
                let what = if catalog
                    .iter()
                    .any(|n| n.kind == NodeKind::ImplementationExample)
                {
                    "implementation examples"
                } else {
                    "elements and key activities"
                };
                writeln!(out.w, "({left_out} {what} not shown: --elements)")?;
            }
            Ok(())
        }
    }
}

fn tree_json(node: NodeRef<'_>, elements: bool) -> Value {
    let mut object = serde_json::Map::new();
    object.insert("id".into(), json!(node.id));
    object.insert("kind".into(), json!(node.kind));
    object.insert("title".into(), json!(node.title));
    let children: Vec<Value> = node
        .children()
        .filter(|c| in_tree(*c, elements))
        .map(|c| tree_json(c, elements))
        .collect();
    if !children.is_empty() {
        object.insert("children".into(), Value::Array(children));
    }
    Value::Object(object)
}
