//! `ctrlmap disagreements`: where an authority's mappings and an expert reading disagree.

use std::io::Write;

use crate::cli::Format;
use crate::failure::Failure;
use crate::output::{Out, write_json};

/// List the mappings that chains of the other kind of evidence rule out: an expert row (such
/// as ctrlmap's own readings) that NIST's crosswalks contradict, or the reverse, so that the
/// expert sets can be corrected against the authority.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The longest chain of the other kind searched, in mappings.
    #[arg(long, default_value_t = ctrlmap::crosswalk::DEFAULT_MAX_HOPS)]
    max_hops: usize,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Lists the disagreements in `lib`'s crosswalk.
pub(crate) fn run(
    lib: &ctrlmap::Library,
    args: Args,
    out: &mut Out<impl Write>,
) -> Result<(), Failure> {
    let cw = lib.crosswalk();
    let found = cw.disagreements(args.max_hops);
    if args.format == Format::Json {
        return write_json(out, &found);
    }
    if found.is_empty() {
        writeln!(
            out.w,
            "no disagreements: no expert mapping is ruled out by a chain of official ones, nor the reverse, within {} mappings ({} official and {} expert or derived mapping sets loaded)",
            args.max_hops,
            cw.mapping_sets()
                .filter(|(_, _, p)| p.is_official())
                .count(),
            cw.mapping_sets()
                .filter(|(_, _, p)| !p.is_official())
                .count()
        )?;
        return Ok(());
    }
    for d in &found {
        let m = &d.mapping;
        writeln!(
            out.w,
            "{} {} {}  [{}, {}]",
            m.from,
            ctrlmap::report::relationship_words(m.relationship),
            m.to,
            ctrlmap::report::path_evidence(std::slice::from_ref(m), cw),
            m.set
        )?;
        let allowed: Vec<&str> = d
            .other
            .relationships
            .iter()
            .map(ctrlmap::report::relationship_words)
            .collect();
        writeln!(
            out.w,
            "    but {} allows only: {}",
            ctrlmap::report::path_evidence(&d.other.path, cw),
            allowed.join(" or ")
        )?;
        for step in &d.other.path {
            writeln!(
                out.w,
                "      {} {} {}  ({})",
                step.from,
                ctrlmap::report::relationship_words(step.relationship),
                step.to,
                step.set
            )?;
        }
    }
    Ok(())
}
