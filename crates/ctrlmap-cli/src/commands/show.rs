//! `ctrlmap show`: one control with its parent, children, properties and guidance.

use std::io::Write;

use ctrlmap::{Library, NodeRef};
use serde_json::json;

use crate::cli::Format;
use crate::failure::Failure;
use crate::lookup::find_control;
use crate::output::{Out, brief, write_json};

/// Show one control with its parent, children and properties.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The control as `framework:id`, such as `soc2:CC6.1`.
    control: String,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    format: Format,
    /// With --format table: the line width (default: the terminal's, else COLUMNS, else 100).
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(40..))]
    width: Option<u16>,
}

/// Shows the control `args` names.
pub(crate) fn run(lib: &Library, args: Args, out: &mut Out<impl Write>) -> Result<(), Failure> {
    let width = crate::render::width(args.width.map(usize::from));
    show(find_control(lib, &args.control)?, args.format, width, out)
}

/// NIST SP 800-66r2's key activities for a HIPAA requirement; none for anything else.
fn guidance(node: NodeRef<'_>) -> Vec<&'static ctrlmap::hipaa::guidance::KeyActivity> {
    if node.catalog().id() == &ctrlmap::hipaa::FRAMEWORK_ID {
        ctrlmap::hipaa::guidance::for_requirement(node.id.as_str())
    } else {
        Vec::new()
    }
}

/// The NIST publications SP 800-66r2 points to for a HIPAA standard; none for anything else.
fn publications(node: NodeRef<'_>) -> Vec<&'static ctrlmap::hipaa::guidance::Publication> {
    if node.catalog().id() == &ctrlmap::hipaa::FRAMEWORK_ID {
        ctrlmap::hipaa::guidance::publications(node.id.as_str())
    } else {
        Vec::new()
    }
}

/// NIST's discussion of an SP 800-53 control; none for anything else.
fn discussion(node: NodeRef<'_>) -> Option<&'static str> {
    (node.catalog().id() == &ctrlmap::sp800_53::FRAMEWORK_ID)
        .then(|| ctrlmap::sp800_53::discussion(node.id.as_str()))
        .flatten()
}

fn show(
    node: NodeRef<'_>,
    format: Format,
    width: usize,
    out: &mut Out<impl Write>,
) -> Result<(), Failure> {
    match format {
        Format::Json => write_json(
            out,
            &json!({
                "ref": node.control_ref(),
                "node": node.node(),
                "ancestors": node.ancestors().map(brief).collect::<Vec<_>>(),
                "children": node.children().map(brief).collect::<Vec<_>>(),
                "selections": node.catalog().selections().iter()
                    .filter(|s| s.controls.iter().any(|c| c == &node.id))
                    .map(|s| json!({ "id": s.id, "title": s.title }))
                    .collect::<Vec<_>>(),
                "guidance": guidance(node),
                "discussion": discussion(node),
                "publications": publications(node),
            }),
        ),
        Format::Table => {
            writeln!(
                out.w,
                "{}",
                ctrlmap::escape::terminal_text(&format!("{}  {}", node.control_ref(), node.title))
            )?;
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
            // What the publisher withdrew, and where it went, before anything else.
            if node.is_withdrawn() {
                let to: Vec<String> = node
                    .props
                    .iter()
                    .filter(|p| {
                        p.name == ctrlmap::MOVED_TO_PROP
                            || p.name == ctrlmap::INCORPORATED_INTO_PROP
                    })
                    .map(|p| {
                        let how = if p.name == ctrlmap::MOVED_TO_PROP {
                            "moved to"
                        } else {
                            "incorporated into"
                        };
                        format!("{how} {}:{}", node.catalog().id(), p.value)
                    })
                    .collect();
                let status = match (to.is_empty(), node.prop("withdrawal")) {
                    (false, _) => format!("withdrawn: {}", to.join(", ")),
                    (true, Some(why)) => format!("withdrawn: {why}"),
                    (true, None) => "withdrawn".to_owned(),
                };
                fields.push(("status", status));
            }
            if let Some(summary) = &node.summary {
                fields.push(("summary", summary.clone()));
            }
            if let Some(text) = &node.text {
                if let Some(source) = node.prop(ctrlmap::TEXT_SOURCE) {
                    fields.push((
                        "text from",
                        format!("the overlay {source}, not the catalog"),
                    ));
                }
                fields.push(("text", text.clone()));
            }
            for child in node.children() {
                fields.push(("children", format!("{}  {}", child.id, child.title)));
            }
            for s in node.catalog().selections() {
                if s.controls.iter().any(|c| c == &node.id) {
                    fields.push((
                        "in",
                        format!("{}:{}  {}", node.catalog().id(), s.id, s.title),
                    ));
                }
            }
            // CSF 2.0's references to SP 800-53 families (NIST's CPRT), with the family's name.
            for prop in node.props.iter().filter(|p| p.name == "sp800_53_family") {
                let family = ctrlmap::sp800_53::catalog()
                    .get(&prop.value)
                    .map(|f| format!("  {}", f.title))
                    .unwrap_or_default();
                fields.push((
                    "references",
                    format!(
                        "sp800-53:{}{family} (an SP 800-53 family, as NIST's CPRT references it)",
                        prop.value
                    ),
                ));
            }
            for prop in node
                .props
                .iter()
                .filter(|p| p.name != ctrlmap::GUIDANCE_PROP && p.name != "sp800_53_family")
            {
                fields.push(("props", format!("{} = {}", prop.name, prop.value)));
            }
            if let Some(g) = node
                .prop(ctrlmap::GUIDANCE_PROP)
                .or_else(|| discussion(node))
            {
                fields.push(("guidance", g.to_owned()));
            }
            for p in publications(node) {
                fields.push((
                    "see also",
                    format!("{} ({}; NIST SP 800-66r2)", p.title, p.url),
                ));
            }
            let key_activities = guidance(node);
            if !key_activities.is_empty() {
                fields.push((
                    "guidance",
                    format!("{} (public domain)", ctrlmap::hipaa::guidance::SOURCE),
                ));
            }
            for ka in &key_activities {
                fields.push(("guidance", format!("{}  {}", ka.id, ka.title)));
                for d in &ka.descriptions {
                    fields.push(("guidance", format!("  - {}", d.text)));
                    for p in &d.points {
                        fields.push(("guidance", format!("      - {p}")));
                    }
                }
                for q in &ka.sample_questions {
                    fields.push(("guidance", format!("  ? {}", q.text)));
                    for p in &q.points {
                        fields.push(("guidance", format!("      - {p}")));
                    }
                }
            }
            // Each field wrapped to the width under a 12-column label; the lines of a text
            // (a statement's items) keep their own indent, and a wrapped line hangs under it.
            let mut previous = "";
            for (name, value) in &fields {
                let label = if *name == previous {
                    String::new()
                } else {
                    format!("{name}:")
                };
                let value = ctrlmap::escape::terminal_text(value);
                for (i, line) in value.lines().enumerate() {
                    let body = line.trim_start();
                    let lead = line.get(..line.len() - body.len()).unwrap_or_default();
                    let first = if i == 0 {
                        format!("{label:<12}{lead}")
                    } else {
                        format!("{:12}{lead}", "")
                    };
                    // A line that fits is printed as it is (its spacing kept).
                    if first.chars().count() + body.chars().count() <= width {
                        writeln!(out.w, "{}", format!("{first}{body}").trim_end())?;
                        continue;
                    }
                    let rest = format!("{:hang$}", "", hang = 12 + lead.len() + 2);
                    for l in ctrlmap::report::wrap(body, width, &first, &rest) {
                        writeln!(out.w, "{l}")?;
                    }
                }
                previous = name;
            }
            Ok(())
        }
    }
}
