//! `ctrlmap map`: how a control maps to other frameworks, directly or by inference.

use std::io::{self, Write};

use clap::ArgMatches;
use clap::parser::ValueSource;
use ctrlmap::crosswalk::{Relationship, RelationshipSet};
use ctrlmap::{ControlRef, Library, NodeRef};

use crate::cli::{Format, hops};
use crate::failure::Failure;
use crate::lookup::{find_control, find_framework};
use crate::output::{Out, write_json};

/// Show how a control maps to other frameworks, directly or by inference.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The control as `framework:id`.
    control: String,
    /// Only mappings to this framework.
    #[arg(long)]
    to: Option<String>,
    /// Follow chains of mappings, composing their relationships.
    #[arg(long)]
    infer: bool,
    /// The most mappings a chain may follow with --infer (1 to 6).
    #[arg(long, default_value_t = ctrlmap::crosswalk::DEFAULT_MAX_HOPS, value_name = "N",
          value_parser = hops)]
    max_hops: usize,
    /// The most paths --infer explores before it stops and says its answer is incomplete.
    #[arg(long, default_value_t = ctrlmap::crosswalk::DEFAULT_MAX_PATHS, value_name = "N")]
    max_paths: usize,
    /// Show the path behind each answer.
    #[arg(long)]
    explain: bool,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// The options that bound only the search of `--infer`: without it they would do nothing,
/// so they are refused. (`--explain` shows the notes of direct mappings too.)
const INFER_ONLY: [(&str, &str); 2] = [("max_hops", "--max-hops"), ("max_paths", "--max-paths")];

/// Shows the mappings of the control `args` names. `matches` are the command's own, to tell
/// options given from their defaults.
pub(crate) fn run(
    lib: &Library,
    args: Args,
    matches: Option<&ArgMatches>,
    out: &mut Out<impl Write>,
) -> Result<(), Failure> {
    if !args.infer {
        let given =
            |id: &str| matches.and_then(|m| m.value_source(id)) == Some(ValueSource::CommandLine);
        if let Some((_, flag)) = INFER_ONLY.iter().find(|(id, _)| given(id)) {
            return Err(Failure::usage(format!(
                "{flag} needs --infer: it bounds the search for chains of mappings, and without --infer map shows direct mappings only"
            )));
        }
    }
    let node = find_control(lib, &args.control)?;
    let to = args
        .to
        .map(|t| find_framework(lib, &t).map(|c| c.id().clone()))
        .transpose()?;
    map(
        lib,
        node,
        to.as_ref(),
        Search {
            infer: args.infer,
            max_hops: args.max_hops,
            max_paths: args.max_paths,
        },
        args.explain,
        args.format,
        out,
    )
}

/// How `map` searches: directly, or by inference within these bounds.
struct Search {
    infer: bool,
    max_hops: usize,
    max_paths: usize,
}

/// The relationships in the order the legend lists them.
const LEGEND_ORDER: [Relationship; 5] = [
    Relationship::SupersetOf,
    Relationship::Equal,
    Relationship::SubsetOf,
    Relationship::IntersectsWith,
    Relationship::NotRelated,
];

/// A relationship in the plain words of the readiness report, read from the left control's
/// side.
fn words(relationship: Relationship) -> &'static str {
    ctrlmap::report::relationship_words(relationship)
}

/// What [`words`] mean, for the legend.
fn meaning(relationship: Relationship) -> &'static str {
    match relationship {
        Relationship::SupersetOf => "the left control requires everything the right one does",
        Relationship::Equal => "both require the same",
        Relationship::SubsetOf => "the right control requires more than the left one",
        Relationship::IntersectsWith => "each requires something the other does not",
        Relationship::NotRelated => "they share nothing",
    }
}

/// The words a table used, to explain them in one line at its end.
#[derive(Default)]
struct Legend {
    used: Vec<Relationship>,
    unknown: bool,
}

impl Legend {
    /// The words for one relationship.
    fn one(&mut self, relationship: Relationship) -> &'static str {
        if !self.used.contains(&relationship) {
            self.used.push(relationship);
        }
        words(relationship)
    }

    /// The words for the relationships a chain of `hops` mappings leaves possible: one, all
    /// of them satisfying (fully includes), or else unknown, as the readiness report says.
    fn set(&mut self, set: RelationshipSet, hops: usize) -> String {
        if let Some(relationship) = set.exactly_one() {
            return self.one(relationship).to_owned();
        }
        if set.provably_satisfies() {
            return self.one(Relationship::SupersetOf).to_owned();
        }
        self.unknown = true;
        format!(
            "relationship unknown after {hops} step{}: verify",
            if hops == 1 { "" } else { "s" }
        )
    }

    /// Writes the legend line, when any words were used.
    fn write(&self, w: &mut impl Write) -> io::Result<()> {
        let mut entries: Vec<String> = LEGEND_ORDER
            .iter()
            .filter(|r| self.used.contains(r))
            .map(|r| format!("\"{}\" = {}", words(*r), meaning(*r)))
            .collect();
        if self.unknown {
            entries.push(
                "\"relationship unknown\" = the chain of mappings leaves several relationships possible"
                    .to_owned(),
            );
        }
        if entries.is_empty() {
            return Ok(());
        }
        writeln!(w, "Key: {}.", entries.join("; "))
    }
}

fn map(
    lib: &Library,
    node: NodeRef<'_>,
    to: Option<&ctrlmap::FrameworkId>,
    search: Search,
    explain: bool,
    format: Format,
    out: &mut Out<impl Write>,
) -> Result<(), Failure> {
    let from = node.control_ref();
    let cw = lib.crosswalk();
    let title = |r: &ControlRef| {
        lib.resolve(r)
            .map(|n| ctrlmap::escape::terminal_text(&n.node().title))
            .unwrap_or_default()
    };
    let mut legend = Legend::default();
    let Search {
        infer,
        max_hops,
        max_paths,
    } = search;
    if infer {
        let targets: Vec<ctrlmap::FrameworkId> = match to {
            Some(t) => vec![t.clone()],
            None => cw
                .frameworks()
                .filter(|f| *f != from.framework())
                .cloned()
                .collect(),
        };
        let mut found = Vec::new();
        let mut complete = true;
        for t in &targets {
            if let Ok(i) = cw.infer_bounded(&from, t, max_hops, max_paths) {
                complete &= i.complete;
                found.extend(i.mappings);
            }
        }
        if !complete {
            let _ = writeln!(
                io::stderr(),
                "ctrlmap: warning: the search stopped after {max_paths} paths: the answer is incomplete (raise --max-paths)"
            );
        }
        if format == Format::Json {
            return write_json(out, &found);
        }
        if found.is_empty() {
            writeln!(
                out.w,
                "no inferred mappings from {from} within {max_hops} hops"
            )?;
        }
        for f in &found {
            let mixed = if f.mixes_rationales() {
                "  (mixed rationales)"
            } else {
                ""
            };
            writeln!(
                out.w,
                "{from} {} {}  {}  [{} hop{}, strength {}, {}]{mixed}",
                legend.set(f.relationships, f.path.len()),
                f.target,
                title(&f.target),
                f.path.len(),
                if f.path.len() == 1 { "" } else { "s" },
                f.strength,
                ctrlmap::report::path_evidence(&f.path, cw)
            )?;
            if explain {
                for step in &f.path {
                    let confidence = step
                        .confidence
                        .map(|c| format!(", {} confidence", c.as_str()))
                        .unwrap_or_default();
                    writeln!(
                        out.w,
                        "    {} {} {}  ({}, {}, strength {}{confidence})",
                        step.from,
                        legend.one(step.relationship),
                        step.to,
                        step.set,
                        ctrlmap::report::path_evidence(std::slice::from_ref(step), cw),
                        step.strength
                    )?;
                    if let Some(note) = &step.note {
                        writeln!(out.w, "        {}", ctrlmap::escape::terminal_text(note))?;
                    }
                }
            }
        }
        legend.write(&mut out.w)?;
        return Ok(());
    }
    let direct: Vec<_> = cw
        .direct(&from)
        .unwrap_or_default()
        .into_iter()
        .filter(|m| to.is_none_or(|t| m.to.framework() == t))
        .collect();
    if format == Format::Json {
        return write_json(out, &direct);
    }
    if direct.is_empty() {
        writeln!(out.w, "no mappings from {from}")?;
        for (set, reason) in cw.unmapped_reasons(&from) {
            writeln!(
                out.w,
                "    unmapped in {set}: {}",
                ctrlmap::escape::terminal_text(reason)
            )?;
        }
    }
    for m in &direct {
        // An official set's strength is a placeholder where its publisher states none
        // (NIST's crosswalks): show who stands behind the mapping instead.
        let strength = if m.method == ctrlmap::crosswalk::Method::Official {
            String::new()
        } else {
            format!("strength {}, ", m.strength)
        };
        writeln!(
            out.w,
            "{} {} {}  {}  [{strength}{}, {}]",
            m.from,
            legend.one(m.relationship),
            m.to,
            title(&m.to),
            ctrlmap::report::path_evidence(std::slice::from_ref(m), cw),
            m.set
        )?;
        if explain && let Some(note) = &m.note {
            writeln!(out.w, "    {}", ctrlmap::escape::terminal_text(note))?;
        }
    }
    legend.write(&mut out.w)?;
    Ok(())
}
