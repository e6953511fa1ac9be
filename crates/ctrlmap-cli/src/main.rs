//! The `ctrlmap` command: browse the built-in compliance framework catalogs.
//!
//! Exit status: 0 on success; 1 when output cannot be written; 2 for bad usage or an unknown
//! framework, control or schema (the message names the closest valid one).

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use ctrlmap::{Catalog, ControlRef, NodeRef};
use serde_json::{Value, json};

mod table;

/// Compliance frameworks as typed catalogs: browse them, show controls, print schemas.
#[derive(Debug, Parser)]
#[command(name = "ctrlmap", version, propagate_version = true)]
struct Cli {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table, global = true)]
    format: Format,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Aligned plain text for people.
    Table,
    /// JSON for programs.
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List the built-in frameworks.
    Frameworks,
    /// Print a framework's tree of nodes in document order.
    Tree {
        /// The framework id, such as `coso`.
        framework: String,
    },
    /// Show one control with its parent, children and properties.
    Show {
        /// The control as `framework:id`, such as `coso:P10`.
        control: String,
    },
    /// Print the JSON Schema of a data format, or list the formats when no name is given.
    Schema {
        /// The format: `catalog` or `text-overlay`.
        name: Option<String>,
    },
}

/// Why a command failed, and so its exit status.
#[derive(Debug)]
enum Failure {
    /// Bad input from the user: exit 2.
    Usage(String),
    /// Output could not be written: exit 1.
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Self::Io(e)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let result = run(&cli, &mut out).and_then(|()| out.flush().map_err(Failure::Io));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`ctrlmap tree coso | head`) is not an error.
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(e)) => {
            let _ = writeln!(io::stderr(), "ctrlmap: error: cannot write output: {e}");
            ExitCode::from(1)
        }
        Err(Failure::Usage(message)) => {
            let _ = writeln!(io::stderr(), "ctrlmap: error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli, out: &mut impl Write) -> Result<(), Failure> {
    match &cli.command {
        Command::Frameworks => frameworks(cli.format, out),
        Command::Tree { framework } => tree(find_framework(framework)?, cli.format, out),
        Command::Show { control } => show(find_control(control)?, cli.format, out),
        Command::Schema { name: None } => schema_list(cli.format, out),
        Command::Schema { name: Some(name) } => schema(name, out),
    }
}

fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion
        .map(|s| format!(" (did you mean \"{s}\"?)"))
        .unwrap_or_default()
}

fn find_framework(id: &str) -> Result<&'static Catalog, Failure> {
    ctrlmap::builtin_catalog(id).ok_or_else(|| {
        let ids: Vec<&str> = ctrlmap::builtin_catalogs()
            .map(|c| c.id().as_str())
            .collect();
        Failure::Usage(format!(
            "unknown framework \"{id}\"{}; built-in frameworks: {}",
            did_you_mean(ctrlmap::suggest::closest(id, ids.iter().copied())),
            ids.join(", ")
        ))
    })
}

/// Finds a control by `framework:id`, accepting the id in any case when that is unambiguous.
fn find_control(text: &str) -> Result<NodeRef<'static>, Failure> {
    let reference: ControlRef = text
        .trim()
        .parse()
        .map_err(|e| Failure::Usage(format!("{e}")))?;
    let catalog = find_framework(reference.framework().as_str())?;
    let wanted = reference.control().as_str();
    if let Some(node) = catalog.find(wanted) {
        return Ok(node);
    }
    let mut loose = catalog
        .iter()
        .filter(|n| n.id.as_str().eq_ignore_ascii_case(wanted));
    if let (Some(node), None) = (loose.next(), loose.next()) {
        return Ok(node);
    }
    let suggestion = catalog
        .closest_id(wanted)
        .map(|id| catalog.control_ref(id).to_string());
    Err(Failure::Usage(format!(
        "no control \"{wanted}\" in {}{}",
        catalog.id(),
        did_you_mean(suggestion.as_deref())
    )))
}

fn write_json(out: &mut impl Write, value: &impl serde::Serialize) -> Result<(), Failure> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

fn frameworks(format: Format, out: &mut impl Write) -> Result<(), Failure> {
    let catalogs: Vec<&Catalog> = ctrlmap::builtin_catalogs().collect();
    match format {
        Format::Json => {
            let list: Vec<Value> = catalogs
                .iter()
                .map(|c| {
                    let fw = c.framework();
                    json!({
                        "id": fw.id,
                        "name": fw.name,
                        "version": fw.version,
                        "publisher": fw.publisher,
                        "published": fw.published,
                        "licence": fw.licence.kind(),
                        "nodes": c.len(),
                        "assessable": c.assessable().count(),
                    })
                })
                .collect();
            write_json(out, &list)
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = catalogs
                .iter()
                .map(|c| {
                    let fw = c.framework();
                    vec![
                        fw.id.to_string(),
                        fw.name.clone(),
                        fw.version.clone(),
                        c.len().to_string(),
                        c.assessable().count().to_string(),
                        fw.licence.kind().to_owned(),
                    ]
                })
                .collect();
            table::write(
                out,
                &["ID", "NAME", "VERSION", "NODES", "ASSESSABLE", "TEXT"],
                &rows,
            )
        }
    }
}

fn tree(catalog: &Catalog, format: Format, out: &mut impl Write) -> Result<(), Failure> {
    match format {
        Format::Json => {
            let roots: Vec<Value> = catalog.roots().map(tree_json).collect();
            write_json(
                out,
                &json!({ "framework": catalog.id(), "name": catalog.framework().name, "nodes": roots }),
            )
        }
        Format::Table => {
            for root in catalog.roots() {
                for node in std::iter::once(root).chain(root.descendants()) {
                    writeln!(
                        out,
                        "{:indent$}{}  {}",
                        "",
                        node.id,
                        node.title,
                        indent = 2 * node.depth()
                    )?;
                }
            }
            Ok(())
        }
    }
}

fn tree_json(node: NodeRef<'_>) -> Value {
    let mut object = serde_json::Map::new();
    object.insert("id".into(), json!(node.id));
    object.insert("kind".into(), json!(node.kind));
    object.insert("title".into(), json!(node.title));
    let children: Vec<Value> = node.children().map(tree_json).collect();
    if !children.is_empty() {
        object.insert("children".into(), Value::Array(children));
    }
    Value::Object(object)
}

fn brief(node: NodeRef<'_>) -> Value {
    json!({ "ref": node.control_ref(), "title": node.title })
}

fn show(node: NodeRef<'_>, format: Format, out: &mut impl Write) -> Result<(), Failure> {
    match format {
        Format::Json => write_json(
            out,
            &json!({
                "ref": node.control_ref(),
                "node": node.node(),
                "ancestors": node.ancestors().map(brief).collect::<Vec<_>>(),
                "children": node.children().map(brief).collect::<Vec<_>>(),
            }),
        ),
        Format::Table => {
            writeln!(out, "{}  {}", node.control_ref(), node.title)?;
            let mut fields: Vec<(&str, String)> = vec![("kind", node.kind.to_string())];
            if let Some(parent) = node.parent() {
                fields.push((
                    "parent",
                    format!("{}  {}", parent.control_ref(), parent.title),
                ));
            }
            fields.push((
                "assessable",
                if node.assessable { "yes" } else { "no" }.to_owned(),
            ));
            if let Some(summary) = &node.summary {
                fields.push(("summary", summary.clone()));
            }
            if let Some(text) = &node.text {
                fields.push(("text", text.clone()));
            }
            for child in node.children() {
                fields.push(("children", format!("{}  {}", child.id, child.title)));
            }
            for prop in &node.props {
                fields.push(("props", format!("{} = {}", prop.name, prop.value)));
            }
            let mut previous = "";
            for (name, value) in &fields {
                let label = if *name == previous {
                    String::new()
                } else {
                    format!("{name}:")
                };
                writeln!(out, "{label:<12}{value}")?;
                previous = name;
            }
            Ok(())
        }
    }
}

fn schema_list(format: Format, out: &mut impl Write) -> Result<(), Failure> {
    match format {
        Format::Json => {
            let list: Vec<Value> = ctrlmap::schema::ALL
                .iter()
                .map(|s| json!({ "name": s.name(), "file": s.file(), "description": s.description() }))
                .collect();
            write_json(out, &list)
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = ctrlmap::schema::ALL
                .iter()
                .map(|s| {
                    vec![
                        s.name().to_owned(),
                        s.file().to_owned(),
                        s.description().to_owned(),
                    ]
                })
                .collect();
            table::write(out, &["NAME", "FILE", "DESCRIPTION"], &rows)
        }
    }
}

fn schema(name: &str, out: &mut impl Write) -> Result<(), Failure> {
    let info = ctrlmap::schema::get(name).ok_or_else(|| {
        Failure::Usage(format!(
            "unknown schema \"{name}\"{}; schemas: {}",
            did_you_mean(ctrlmap::suggest::closest(name, ctrlmap::schema::names())),
            ctrlmap::schema::names().collect::<Vec<_>>().join(", ")
        ))
    })?;
    out.write_all(info.to_json_string().as_bytes())?;
    Ok(())
}
