//! `ctrlmap search`: controls by words.

use std::io::Write;

use ctrlmap::Library;
use serde_json::Value;

use crate::cli::Format;
use crate::failure::Failure;
use crate::output::{Out, brief, write_json};

/// Find controls by words in their ids, titles, summaries and texts.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The words; every one must occur.
    #[arg(required = true)]
    words: Vec<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Lists the controls that have every word of `args`.
pub(crate) fn run(lib: &Library, args: Args, out: &mut Out<impl Write>) -> Result<(), Failure> {
    search(lib, &args.words.join(" "), args.format, out)
}

fn search(
    lib: &Library,
    query: &str,
    format: Format,
    out: &mut Out<impl Write>,
) -> Result<(), Failure> {
    let hits = lib.search(query);
    match format {
        Format::Json => {
            let list: Vec<Value> = hits.into_iter().map(brief).collect();
            write_json(out, &list)
        }
        Format::Table => {
            if hits.is_empty() {
                writeln!(
                    out.w,
                    "no controls match \"{}\"",
                    ctrlmap::escape::terminal_text(query)
                )?;
            }
            for n in hits {
                writeln!(
                    out.w,
                    "{}  {}",
                    n.control_ref(),
                    ctrlmap::escape::terminal_text(&n.title)
                )?;
            }
            Ok(())
        }
    }
}
