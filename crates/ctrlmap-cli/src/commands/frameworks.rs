//! `ctrlmap frameworks`: the frameworks loaded.

use std::io::Write;

use ctrlmap::Library;
use serde_json::{Value, json};

use crate::cli::Format;
use crate::failure::Failure;
use crate::output::{Out, write_json};
use crate::table;

/// List the frameworks.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Lists the frameworks of `lib`.
pub(crate) fn run(lib: &Library, args: Args, out: &mut Out<impl Write>) -> Result<(), Failure> {
    match args.format {
        Format::Json => {
            let list: Vec<Value> = lib
                .catalogs()
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
            let rows: Vec<Vec<String>> = lib
                .catalogs()
                .map(|c| {
                    let fw = c.framework();
                    // The name before its subtitle, so that the table fits a terminal:
                    // "NIST SP 800-53 Rev. 5" (`show`, `-f json` give it whole).
                    let name = fw.name.split(": ").next().unwrap_or(&fw.name);
                    vec![
                        fw.id.to_string(),
                        name.to_owned(),
                        fw.version.clone(),
                        c.len().to_string(),
                        c.assessable().count().to_string(),
                        fw.licence.kind().to_owned(),
                    ]
                })
                .collect();
            table::write(
                &mut out.w,
                &["ID", "NAME", "VERSION", "NODES", "ASSESSABLE", "TEXT"],
                &rows,
            )
        }
    }
}
